import { isFlavourId } from '../../core/index';
import type { PlaygroundState } from '../../core/index';

const storageKey = 'sigma-playground:draft';
const previousKey = 'sigma-playground:draft-before-link';

/** Events texts above this many characters are not kept in the browser (storage holds ~5 MB). */
const maxStoredEvents = 1_000_000;

/** The part of `localStorage` the drafts use; tests pass a stand-in. */
export type DraftStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

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
	/**
	 * Set on a draft in the "previous draft" slot that was put there because another tab saved
	 * its own work over it (both tabs had changes); absent when a shared link replaced it.
	 */
	replacedByTab?: boolean;
}

/** True when `key` is one of the `localStorage` keys the drafts use (for `storage` events). */
export function isDraftKey(key: string | null): boolean {
	return key === null || key === storageKey || key === previousKey;
}

/** True when two states hold the same rule, events, flavour and table override. */
export function sameWork(a: PlaygroundState, b: PlaygroundState): boolean {
	return (
		a.rule === b.rule &&
		a.events === b.events &&
		a.flavour === b.flavour &&
		(a.queryTable ?? '') === (b.queryTable ?? '')
	);
}

/** Reads the draft saved by `saveDraft`, or null when there is none or it is unreadable. */
export function loadDraft(storage: DraftStorage = localStorage): Draft | null {
	return readDraft(storage, storageKey);
}

/**
 * Keeps a draft in the "previous draft" slot, where it waits for **Bring it back**. Returns
 * false when the browser refused to store it.
 */
export function keepPreviousDraft(draft: Draft, storage: DraftStorage = localStorage): boolean {
	return writeDraft(storage, previousKey, draft) === null;
}

/** The draft kept by `keepPreviousDraft`, if any. */
export function loadPreviousDraft(storage: DraftStorage = localStorage): Draft | null {
	return readDraft(storage, previousKey);
}

/** Empties the "previous draft" slot. */
export function forgetPreviousDraft(storage: DraftStorage = localStorage): void {
	try {
		storage.removeItem(previousKey);
	} catch {
		// Storage that cannot be written keeps nothing to forget.
	}
}

/**
 * Keeps the work in progress in `localStorage` so that a reload restores it. Very large events
 * are left out rather than losing the rule to a full storage.
 */
export function saveDraft(draft: Draft, storage: DraftStorage = localStorage): SaveResult {
	const eventsKept = draft.state.events.length <= maxStoredEvents;
	const error = writeDraft(storage, storageKey, draft);
	if (error === null) return { eventsKept, error: null };
	return { eventsKept: false, error: `Your work cannot be saved in this browser (${error}).` };
}

function writeDraft(storage: DraftStorage, key: string, draft: Draft): string | null {
	const { state, linkedTo, replacedByTab } = draft;
	const events = state.events.length <= maxStoredEvents ? state.events : '';
	const mark = replacedByTab ? { replacedByTab } : {};
	try {
		storage.setItem(key, JSON.stringify({ ...state, events, linkedTo, ...mark }));
		return null;
	} catch (error) {
		return error instanceof Error ? error.message : String(error);
	}
}

function readDraft(storage: DraftStorage, key: string): Draft | null {
	try {
		const text = storage.getItem(key);
		if (!text) return null;
		const value = JSON.parse(text) as Partial<PlaygroundState> & {
			linkedTo?: unknown;
			replacedByTab?: unknown;
		};
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
		const draft: Draft = {
			state,
			linkedTo: typeof value.linkedTo === 'string' ? value.linkedTo : ''
		};
		if (value.replacedByTab === true) draft.replacedByTab = true;
		return draft;
	} catch {
		return null;
	}
}
