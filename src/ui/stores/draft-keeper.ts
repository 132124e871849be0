import type { PlaygroundState } from '../../core/index';
import {
	forgetPreviousDraft,
	keepPreviousDraft,
	loadDraft,
	loadPreviousDraft,
	sameWork,
	saveDraft,
	type Draft,
	type DraftStorage,
	type SaveResult
} from './draft';

/** Which draft **Bring it back** would restore, and why it is offered. */
export interface KeptDraft {
	draft: Draft;
	/**
	 * `saved`: the draft slot, untouched while a link is on screen; `previous`: the draft a linked
	 * state replaced once the user edited it.
	 */
	slot: 'saved' | 'previous';
}

/**
 * Makes sure that opening a shared link never loses the user's own work. A linked state on
 * screen is not saved until the user edits it, so the saved draft survives any number of links
 * opened and left. The first edit of a linked state saves it as the draft and moves the draft
 * it replaces into the "previous draft" slot, which survives reloads until the user brings it
 * back (swapping it with the work on screen) or discards it.
 */
export class DraftKeeper {
	/** The state a link put on screen, while the user has not changed it. */
	#linked: PlaygroundState | null = null;
	#storage: DraftStorage;

	constructor(storage: DraftStorage = localStorage) {
		this.#storage = storage;
	}

	/** The saved draft, for a page opened without a link. */
	saved(): Draft | null {
		return loadDraft(this.#storage);
	}

	/**
	 * Notes that a link put `shown` on screen (as the page holds it after restoring the link) and
	 * returns the user's work to offer back: the saved draft, else the previous one, unless it is
	 * what the link shows.
	 */
	openedLink(shown: PlaygroundState): KeptDraft | null {
		this.#linked = shown;
		const saved = loadDraft(this.#storage);
		if (saved && !sameWork(saved.state, shown)) return { draft: saved, slot: 'saved' };
		return this.#previousUnlike(shown);
	}

	/** Notes that the page shows the user's own work; returns a previous draft to offer back. */
	openedOwn(shown: PlaygroundState): KeptDraft | null {
		this.#linked = null;
		return this.#previousUnlike(shown);
	}

	/**
	 * Saves the work on screen, or nothing (null) while it is a linked state the user has not
	 * edited. The first edit moves the saved draft to the "previous draft" slot first.
	 */
	save(draft: Draft): SaveResult | null {
		if (this.#linked) {
			if (sameWork(draft.state, this.#linked)) return null;
			this.#linked = null;
			const saved = loadDraft(this.#storage);
			if (saved && !sameWork(saved.state, draft.state)) keepPreviousDraft(saved, this.#storage);
		}
		return saveDraft(draft, this.#storage);
	}

	/**
	 * Returns the state to put on screen for **Bring it back** and makes it the saved draft. The
	 * draft it replaces (the user's edit of a link) moves to the "previous draft" slot, so nothing
	 * is lost. `current` is the work on screen, saved first when it is the user's.
	 */
	bringBack(kept: KeptDraft, current: Draft): PlaygroundState {
		this.save(current);
		this.#linked = null;
		const back = kept.draft.state;
		const saved = loadDraft(this.#storage);
		const previous = loadPreviousDraft(this.#storage);
		if (saved && !sameWork(saved.state, back)) keepPreviousDraft(saved, this.#storage);
		else if (previous && sameWork(previous.state, back)) forgetPreviousDraft(this.#storage);
		saveDraft({ state: back, linkedTo: '' }, this.#storage);
		return back;
	}

	/** Empties the "previous draft" slot for good. */
	discardPrevious(): void {
		forgetPreviousDraft(this.#storage);
	}

	#previousUnlike(shown: PlaygroundState): KeptDraft | null {
		const previous = loadPreviousDraft(this.#storage);
		if (!previous || sameWork(previous.state, shown)) return null;
		return { draft: previous, slot: 'previous' };
	}
}
