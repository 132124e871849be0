import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
	// A relative base lets `dist/` be served from any sub-path.
	base: './',
	plugins: [svelte()],
	worker: { format: 'es' },
	build: {
		target: 'es2022',
		sourcemap: true,
		rolldownOptions: {
			// The event-format parsers are CommonJS, which a bundler must assume has side effects;
			// they have none, so the page (which parses no events) leaves them to the worker.
			treeshake: {
				moduleSideEffects: [
					{ test: /[\\/]node_modules[\\/](papaparse|saxes|xmlchars)[\\/]/, sideEffects: false }
				]
			}
		}
	},
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/conformance/**/*.test.ts'],
		testTimeout: 120_000
	}
});
