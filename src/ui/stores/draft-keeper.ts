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

/** What the page does when another tab changed the stored drafts (see `changedElsewhere`). */
export interface ElsewhereChange {
	/** The newer draft to put on screen; null to leave the screen alone. */
	adopt: PlaygroundState | null;
	/** The draft to offer back from now on; undefined leaves the current offer. */
	kept?: KeptDraft | null;
}

/** The outcome of `DraftKeeper.save`. */
export interface KeeperSaveResult extends SaveResult {
	/**
	 * The draft another tab had saved meanwhile, moved to the "previous draft" slot rather than
	 * overwritten; absent when there was none.
	 */
	displaced?: Draft;
}

/**
 * Makes sure that neither opening a shared link nor working in several tabs loses the user's
 * work. Only unsaved changes are saved: a tab that merely shows a draft never writes it back, so
 * closing an old tab cannot overwrite newer work saved by another one. A linked state on screen
 * is not saved until the user edits it, so the saved draft survives any number of links opened
 * and left. The first edit of a linked state saves it as the draft and moves the draft it
 * replaces into the "previous draft" slot, which survives reloads until the user brings it back
 * (swapping it with the work on screen) or discards it. When another tab saved in the meantime,
 * its draft goes to that slot too instead of being overwritten.
 */
export class DraftKeeper {
	/** True while the screen shows a linked state the user has not edited. */
	#linked = false;
	/** The work on screen when it was last opened, saved or taken over: nothing to save then. */
	#clean: PlaygroundState | null = null;
	/** What this tab last read from or wrote to the draft slot. */
	#stored: PlaygroundState | null = null;
	#storage: DraftStorage;

	constructor(storage: DraftStorage = localStorage) {
		this.#storage = storage;
		this.#stored = loadDraft(storage)?.state ?? null;
	}

	/** The saved draft, for a page opened without a link. */
	saved(): Draft | null {
		const draft = loadDraft(this.#storage);
		this.#stored = draft?.state ?? null;
		return draft;
	}

	/**
	 * Notes that a link put `shown` on screen (as the page holds it after restoring the link) and
	 * returns the user's work to offer back: the saved draft, else the previous one, unless it is
	 * what the link shows.
	 */
	openedLink(shown: PlaygroundState): KeptDraft | null {
		this.#linked = true;
		this.#clean = shown;
		const saved = this.saved();
		if (saved && !sameWork(saved.state, shown)) return { draft: saved, slot: 'saved' };
		return this.#previousUnlike(shown);
	}

	/**
	 * Notes that the page shows the user's own work (the saved draft, or an example on a first
	 * visit); returns a previous draft to offer back.
	 */
	openedOwn(shown: PlaygroundState): KeptDraft | null {
		this.#linked = false;
		this.#clean = shown;
		this.saved();
		return this.#previousUnlike(shown);
	}

	/**
	 * Saves the work on screen when it has unsaved changes; returns null when there was nothing
	 * to save (the work is as opened or last saved, or a linked state the user has not edited).
	 * The first edit of a link moves the saved draft to the "previous draft" slot first; so does
	 * any save that finds a draft another tab saved since this one last read or wrote it.
	 */
	save(draft: Draft): KeeperSaveResult | null {
		if (this.#clean && sameWork(draft.state, this.#clean)) return null;
		const stored = loadDraft(this.#storage);
		let displaced: Draft | undefined;
		if (stored && !sameWork(stored.state, draft.state)) {
			if (this.#linked) keepPreviousDraft(stored, this.#storage);
			else if (!this.#stored || !sameWork(stored.state, this.#stored)) {
				displaced = { ...stored, replacedByTab: true };
				keepPreviousDraft(displaced, this.#storage);
			}
		}
		const result = saveDraft(draft, this.#storage);
		if (result.error === null) {
			this.#linked = false;
			this.#clean = draft.state;
			this.#stored = draft.state;
		}
		return displaced ? { ...result, displaced } : result;
	}

	/**
	 * Takes note that another tab changed the stored drafts (a `storage` event). A tab without
	 * unsaved changes takes the newer draft over, so that it shows the latest work and has
	 * nothing to write back; a tab with changes keeps them, and its next save moves the other
	 * tab's draft to the "previous draft" slot. While an unedited link is on screen, the newer
	 * draft becomes the one **Bring it back** offers.
	 */
	changedElsewhere(shown: PlaygroundState): ElsewhereChange {
		const stored = loadDraft(this.#storage);
		if (this.#linked) {
			this.#stored = stored?.state ?? null;
			if (stored && !sameWork(stored.state, shown)) {
				return { adopt: null, kept: { draft: stored, slot: 'saved' } };
			}
			return { adopt: null, kept: this.#previousUnlike(shown) };
		}
		if (!stored || (this.#stored && sameWork(stored.state, this.#stored))) return { adopt: null };
		if (!this.#clean || !sameWork(shown, this.#clean)) return { adopt: null };
		this.#clean = stored.state;
		this.#stored = stored.state;
		// When the other tab's save displaced the work shown here, that work is offered back.
		const previous = loadPreviousDraft(this.#storage);
		if (previous && sameWork(previous.state, shown)) {
			return { adopt: stored.state, kept: { draft: previous, slot: 'previous' } };
		}
		return { adopt: stored.state };
	}

	/**
	 * Returns the state to put on screen for **Bring it back** and makes it the saved draft. The
	 * draft it replaces (the user's edit of a link) moves to the "previous draft" slot, so nothing
	 * is lost. `current` is the work on screen, saved first when it is the user's.
	 */
	bringBack(kept: KeptDraft, current: Draft): PlaygroundState {
		this.save(current);
		this.#linked = false;
		const back = kept.draft.state;
		const saved = loadDraft(this.#storage);
		const previous = loadPreviousDraft(this.#storage);
		if (saved && !sameWork(saved.state, back)) {
			const swapped: Draft = { ...saved };
			if (kept.draft.replacedByTab) swapped.replacedByTab = true;
			keepPreviousDraft(swapped, this.#storage);
		} else if (previous && sameWork(previous.state, back)) forgetPreviousDraft(this.#storage);
		saveDraft({ state: back, linkedTo: '' }, this.#storage);
		this.#clean = back;
		this.#stored = back;
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
