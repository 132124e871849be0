import { decodeState, encodeState } from '../../core/index';
import type { PlaygroundState } from '../../core/index';

/** A state that can be loaded from the URL fragment, or why it could not. */
export interface LinkLoad {
	state: PlaygroundState | null;
	error: string | null;
}

/**
 * Shares the playground through the URL fragment, which browsers never send to a server. Once
 * the page shows a shared state, later edits keep the fragment up to date, so a reload or a
 * copied address bar always reproduces what is on screen.
 */
export class Permalink {
	link = $state('');
	copied = $state(false);
	error = $state<string | null>(null);
	/** The fragment (with `#`) this page last read or wrote; empty when there is none. */
	current = '';
	#pending: ReturnType<typeof setTimeout> | undefined;
	#latest: PlaygroundState | null = null;

	/** True when the address holds a state fragment that edits should keep current. */
	get isTracking(): boolean {
		return location.hash.startsWith('#v1.');
	}

	/** Reads the fragment. A hostile or damaged one is removed from the address after reading. */
	async load(): Promise<LinkLoad> {
		const fragment = location.hash;
		if (fragment.length <= 1) return { state: null, error: null };
		const result = await decodeState(fragment);
		if (result.state) this.current = fragment;
		if (result.error) {
			this.error = result.error;
			history.replaceState(null, '', location.pathname + location.search);
		}
		return result;
	}

	/** Writes the state into the address, copies the link and shows it with its length. */
	async share(state: PlaygroundState): Promise<void> {
		clearTimeout(this.#pending);
		this.copied = false;
		const url = await this.#write(state);
		this.link = url;
		this.copied = await copyText(url);
	}

	/** After a debounce, updates the fragment if the page is tracking one. */
	follow(state: PlaygroundState): void {
		if (!this.isTracking) return;
		this.#latest = state;
		clearTimeout(this.#pending);
		this.#pending = setTimeout(() => this.flush(), 400);
	}

	/** Writes a pending update now (the page is being hidden or closed). */
	flush(): void {
		clearTimeout(this.#pending);
		const state = this.#latest;
		this.#latest = null;
		if (state && this.isTracking) this.#write(state).catch(() => {});
	}

	/** Stops following the address: the fragment is removed and the shown link forgotten. */
	leave(): void {
		clearTimeout(this.#pending);
		this.#latest = null;
		this.current = '';
		this.link = '';
		this.copied = false;
		if (location.hash) history.replaceState(null, '', location.pathname + location.search);
	}

	async #write(state: PlaygroundState): Promise<string> {
		const encoded = await encodeState(state);
		const url = `${location.href.split('#')[0]}#${encoded}`;
		history.replaceState(null, '', url);
		this.current = `#${encoded}`;
		return url;
	}
}

/** Copies text to the clipboard; false when the browser does not allow it. */
export async function copyText(text: string): Promise<boolean> {
	try {
		await navigator.clipboard.writeText(text);
		return true;
	} catch {
		return false;
	}
}
