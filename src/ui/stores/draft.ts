import { isFlavourId } from '../../core/index';
import type { PlaygroundState } from '../../core/index';

const storageKey = 'sigma-playground:draft';
const stashKey = 'sigma-playground:draft-before-link';

/** Events texts above this many characters are not kept in the browser (storage holds ~5 MB). */
export const maxStoredEvents = 1_000_000;

/** The outcome of saving a draft. */
export interface SaveResult {
	/** False when the events were left out because they are too large. */
	eventsKept: boolean;
	/** A message when the browser refused to store anything. */
	error: string | null;
}

/** Work in progress kept in the browser. */
export interface Draft {
	state: PlaygroundState;
	/**
	 * The permalink fragment the work continues from. When the page reloads on that same fragment,
	 * the draft is newer than the link and wins.
	 */
	linkedTo: string;
}

/** Reads the draft saved by `saveDraft`, or null when there is none or it is unreadable. */
export function loadDraft(): Draft | null {
	return readDraft(storageKey);
}

/**
 * Keeps a draft aside before a shared link replaces it, so that opening a link never loses work.
 */
export function stashDraft(draft: Draft): void {
	try {
		localStorage.setItem(stashKey, JSON.stringify({ ...draft.state, linkedTo: draft.linkedTo }));
	} catch {
		// A full storage only costs the way back to the old draft; the link still opens.
	}
}

/** The draft kept aside by `stashDraft`, if any. */
export function loadStash(): Draft | null {
	return readDraft(stashKey);
}

function readDraft(key: string): Draft | null {
	try {
		const text = localStorage.getItem(key);
		if (!text) return null;
		const value = JSON.parse(text) as Partial<PlaygroundState> & { linkedTo?: unknown };
		if (typeof value.rule !== 'string' || typeof value.flavour !== 'string') return null;
		if (!isFlavourId(value.flavour)) return null;
		const state: PlaygroundState = {
			v: 1,
			rule: value.rule,
			events: typeof value.events === 'string' ? value.events : '',
			flavour: value.flavour
		};
		if (typeof value.queryTable === 'string' && value.queryTable) {
			state.queryTable = value.queryTable;
		}
		return { state, linkedTo: typeof value.linkedTo === 'string' ? value.linkedTo : '' };
	} catch {
		return null;
	}
}

/**
 * Keeps the work in progress in `localStorage` so that a reload restores it. Very large events
 * are left out rather than losing the rule to a full storage.
 */
export function saveDraft(draft: Draft): SaveResult {
	const { state, linkedTo } = draft;
	const eventsKept = state.events.length <= maxStoredEvents;
	const stored = { ...state, events: eventsKept ? state.events : '', linkedTo };
	try {
		localStorage.setItem(storageKey, JSON.stringify(stored));
		return { eventsKept, error: null };
	} catch (error) {
		return {
			eventsKept: false,
			error: `Your work cannot be saved in this browser (${error instanceof Error ? error.message : error}).`
		};
	}
}
