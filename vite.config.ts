import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
	// A relative base lets `dist/` be served from any sub-path.
	base: './',
	plugins: [svelte()],
	worker: { format: 'es' },
	build: { target: 'es2022', sourcemap: true },
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/conformance/**/*.test.ts'],
		testTimeout: 120_000
	}
});
