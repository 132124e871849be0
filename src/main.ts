import { mount } from 'svelte';
import App from './ui/App.svelte';
import { errorSink } from './ui/stores/errors.svelte';
import './ui/global.css';

window.addEventListener('error', (event) => errorSink.report(event.error ?? event.message));
window.addEventListener('unhandledrejection', (event) => errorSink.report(event.reason));

const target = document.getElementById('app')!;
try {
	mount(App, { target });
} catch (error) {
	// The last resort: without this a failure while mounting would leave a blank page.
	const reason = error instanceof Error ? error.message : String(error);
	target.textContent =
		`The playground failed to start: ${reason}. ` +
		'Your saved work is kept in this browser; reload to try again.';
	console.error(error);
}
