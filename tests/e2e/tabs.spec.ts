import { expect, test, type Page } from '@playwright/test';
import { editorText, openPlayground, typeInto } from './helpers';

/** Several tabs of the page in one browser share one saved draft without losing work. */

function storedDraft(page: Page): Promise<string> {
	return page.evaluate(() => localStorage.getItem('sigma-playground:draft') ?? '');
}

test('closing an old tab keeps the newer work another tab saved', async ({ context }) => {
	const a = await context.newPage();
	await openPlayground(a);
	await typeInto(a, 'sigma-editor', 'title: OLD WORK IN TAB A');
	await expect.poll(() => storedDraft(a)).toContain('OLD WORK IN TAB A');

	// A second tab on the same address opens on that draft and replaces it.
	const b = await context.newPage();
	await openPlayground(b);
	await expect.poll(() => editorText(b, 'sigma-editor')).toBe('title: OLD WORK IN TAB A');
	await typeInto(b, 'sigma-editor', 'title: NEW IMPORTANT WORK IN TAB B');
	await expect.poll(() => storedDraft(b)).toContain('NEW IMPORTANT WORK IN TAB B');

	// The untouched tab follows the newer draft, so it has nothing to write back.
	await expect.poll(() => editorText(a, 'sigma-editor')).toBe('title: NEW IMPORTANT WORK IN TAB B');
	await b.close({ runBeforeUnload: true });
	await a.close({ runBeforeUnload: true });

	const reopened = await context.newPage();
	await openPlayground(reopened);
	await expect
		.poll(() => editorText(reopened, 'sigma-editor'))
		.toBe('title: NEW IMPORTANT WORK IN TAB B');
	await expect(reopened.getByTestId('stash-note')).toHaveCount(0);
});
