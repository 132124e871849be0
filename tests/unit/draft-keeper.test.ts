import { describe, expect, it } from 'vitest';
import type { PlaygroundState } from '../../src/core/index';
import { loadDraft, loadPreviousDraft, type DraftStorage } from '../../src/ui/stores/draft';
import { DraftKeeper } from '../../src/ui/stores/draft-keeper';

function memoryStorage(): DraftStorage {
	const items = new Map<string, string>();
	return {
		getItem: (key) => items.get(key) ?? null,
		setItem: (key, value) => void items.set(key, value),
		removeItem: (key) => void items.delete(key)
	};
}

function state(rule: string): PlaygroundState {
	return { v: 1, rule, events: '', flavour: 'sentinel_asim' };
}

const draftA = state('# DRAFT-A\n');
const linkB = state('# LINK-B\n');
const linkC = state('# LINK-C\n');

describe('DraftKeeper', () => {
	it('leaves the saved draft alone while a linked state is on screen unedited', () => {
		const storage = memoryStorage();
		const keeper = new DraftKeeper(storage);
		keeper.save({ state: draftA, linkedTo: '' });
		const kept = keeper.openedLink(linkB);
		expect(kept).toEqual({ draft: { state: draftA, linkedTo: '' }, slot: 'saved' });
		expect(keeper.save({ state: linkB, linkedTo: '#v1.b' })).toBeNull();
		expect(loadDraft(storage)?.state).toEqual(draftA);
		expect(loadPreviousDraft(storage)).toBeNull();
	});

	it('moves the saved draft to the previous slot when the linked state is edited', () => {
		const storage = memoryStorage();
		const keeper = new DraftKeeper(storage);
		keeper.save({ state: draftA, linkedTo: '' });
		keeper.openedLink(linkB);
		const edited = state('# LINK-B edited\n');
		expect(keeper.save({ state: edited, linkedTo: '#v1.b' })).toEqual({
			eventsKept: true,
			error: null
		});
		expect(loadDraft(storage)).toEqual({ state: edited, linkedTo: '#v1.b' });
		expect(loadPreviousDraft(storage)?.state).toEqual(draftA);

		// After a reload on the plain address the edit is on screen and the old draft is offered.
		const reloaded = new DraftKeeper(storage);
		expect(reloaded.openedOwn(edited)?.slot).toBe('previous');
		expect(reloaded.openedOwn(edited)?.draft.state).toEqual(draftA);
	});

	it('brings the previous draft back and keeps the work it replaces', () => {
		const storage = memoryStorage();
		const keeper = new DraftKeeper(storage);
		keeper.save({ state: draftA, linkedTo: '' });
		keeper.openedLink(linkB);
		const edited = state('# LINK-B edited\n');
		keeper.save({ state: edited, linkedTo: '#v1.b' });
		const kept = keeper.openedOwn(edited)!;
		expect(keeper.bringBack(kept, { state: edited, linkedTo: '#v1.b' })).toEqual(draftA);
		expect(loadDraft(storage)).toEqual({ state: draftA, linkedTo: '' });
		expect(loadPreviousDraft(storage)?.state).toEqual(edited);
	});

	it('brings the saved draft back from an unedited link without touching the previous slot', () => {
		const storage = memoryStorage();
		const keeper = new DraftKeeper(storage);
		keeper.save({ state: draftA, linkedTo: '' });
		keeper.openedLink(linkB);
		keeper.save({ state: linkC, linkedTo: '#v1.c' });
		keeper.openedLink(linkB);
		const kept = keeper.openedLink(linkB)!;
		expect(kept.draft.state).toEqual(linkC);
		expect(keeper.bringBack(kept, { state: linkB, linkedTo: '#v1.b' })).toEqual(linkC);
		expect(loadDraft(storage)?.state).toEqual(linkC);
		expect(loadPreviousDraft(storage)?.state).toEqual(draftA);
	});

	it('brings the saved draft back after the link was edited, keeping the edit', () => {
		const storage = memoryStorage();
		const keeper = new DraftKeeper(storage);
		keeper.save({ state: draftA, linkedTo: '' });
		const kept = keeper.openedLink(linkB)!;
		const edited = state('# LINK-B edited\n');
		expect(keeper.bringBack(kept, { state: edited, linkedTo: '#v1.b' })).toEqual(draftA);
		expect(loadDraft(storage)).toEqual({ state: draftA, linkedTo: '' });
		expect(loadPreviousDraft(storage)).toEqual({ state: edited, linkedTo: '#v1.b' });
	});

	it('offers nothing when the saved draft is what the link shows', () => {
		const storage = memoryStorage();
		const keeper = new DraftKeeper(storage);
		keeper.save({ state: linkB, linkedTo: '' });
		expect(keeper.openedLink(linkB)).toBeNull();
		keeper.discardPrevious();
		expect(loadPreviousDraft(storage)).toBeNull();
	});

	it('never writes back the work it opened, so an old tab cannot overwrite a newer draft', () => {
		const storage = memoryStorage();
		const old = state('title: OLD WORK IN TAB A\n');
		const newer = state('title: NEW IMPORTANT WORK IN TAB B\n');
		const tabA = new DraftKeeper(storage);
		tabA.openedOwn(state(''));
		tabA.save({ state: old, linkedTo: '' });
		const tabB = new DraftKeeper(storage);
		tabB.openedOwn(tabB.saved()!.state);
		tabB.save({ state: newer, linkedTo: '' });
		expect(tabA.save({ state: old, linkedTo: '' })).toBeNull();
		expect(loadDraft(storage)?.state).toEqual(newer);
		expect(loadPreviousDraft(storage)).toBeNull();
	});

	it('has a tab without changes take over the draft another tab saved', () => {
		const storage = memoryStorage();
		const tabA = new DraftKeeper(storage);
		tabA.openedOwn(draftA);
		const tabB = new DraftKeeper(storage);
		tabB.openedOwn(draftA);
		tabB.save({ state: linkB, linkedTo: '' });
		expect(tabA.changedElsewhere(draftA)).toEqual({ adopt: linkB });
		// Taken over, the newer draft is clean: nothing to save, nothing to take over again.
		expect(tabA.save({ state: linkB, linkedTo: '' })).toBeNull();
		expect(tabA.changedElsewhere(linkB)).toEqual({ adopt: null });
	});

	it('keeps both versions when two tabs change the draft at once', () => {
		const storage = memoryStorage();
		const tabA = new DraftKeeper(storage);
		tabA.openedOwn(draftA);
		const tabB = new DraftKeeper(storage);
		tabB.openedOwn(draftA);
		tabB.save({ state: linkB, linkedTo: '' });
		// Tab A has its own change when it hears of tab B's: it keeps its work on screen.
		expect(tabA.changedElsewhere(linkC)).toEqual({ adopt: null });
		const saved = tabA.save({ state: linkC, linkedTo: '' });
		const displaced = { state: linkB, linkedTo: '', replacedByTab: true };
		expect(saved).toEqual({ eventsKept: true, error: null, displaced });
		expect(loadDraft(storage)?.state).toEqual(linkC);
		expect(loadPreviousDraft(storage)).toEqual(displaced);
		// Tab B, without changes since, shows tab A's work and offers its own back.
		expect(tabB.changedElsewhere(linkB)).toEqual({
			adopt: linkC,
			kept: { draft: displaced, slot: 'previous' }
		});
		expect(
			tabB.bringBack({ draft: displaced, slot: 'previous' }, { state: linkC, linkedTo: '' })
		).toEqual(linkB);
		expect(loadDraft(storage)?.state).toEqual(linkB);
		expect(loadPreviousDraft(storage)).toEqual({ state: linkC, linkedTo: '', replacedByTab: true });
	});

	it('offers the newer draft while an unedited link is on screen', () => {
		const storage = memoryStorage();
		const tabA = new DraftKeeper(storage);
		tabA.openedOwn(draftA);
		tabA.save({ state: linkC, linkedTo: '' });
		const tabB = new DraftKeeper(storage);
		tabB.openedLink(linkB);
		tabA.save({ state: draftA, linkedTo: '' });
		expect(tabB.changedElsewhere(linkB)).toEqual({
			adopt: null,
			kept: { draft: { state: draftA, linkedTo: '' }, slot: 'saved' }
		});
	});
});
