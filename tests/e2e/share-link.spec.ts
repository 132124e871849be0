import { expect, test } from '@playwright/test';
import {
	editorText,
	kqlText,
	openPlayground,
	pasteInto,
	seedAsimKql,
	seedRulePath,
	sharedRule,
	typeInto
} from './helpers';

const seed = sharedRule(seedRulePath);

test.describe('share links', () => {
	test('a shared link reopens the same rule, events, flavour and KQL', async ({
		page,
		browser
	}) => {
		test.skip(!seed, `the shared rule ${seedRulePath} is absent (set SIGMA_SHARED)`);
		await openPlayground(page);
		await typeInto(page, 'sigma-editor', seed!);
		await pasteInto(
			page,
			'events-input',
			'{"Image": "/usr/bin/who", "ParentCommandLine": "/bin/bash"}'
		);
		await page.getByTestId('pipeline-select').selectOption('sentinel_asim');
		await expect(page.getByTestId('kql-output')).toHaveText(seedAsimKql);
		await page.getByTestId('share-button').click();
		const link = await page.getByTestId('share-link').inputValue();
		expect(link).toMatch(/#v1\.[A-Za-z0-9_-]+$/);
		expect(page.url()).toBe(link);
		await expect(page.getByTestId('share-length')).toContainText(
			`${link.length.toLocaleString('en')} characters`
		);

		// A fresh context has no saved draft: everything comes from the link.
		const context = await browser.newContext();
		const other = await context.newPage();
		await other.goto(link);
		await expect(other.getByTestId('kql-output')).toHaveText(seedAsimKql);
		expect(await kqlText(other)).toBe(seedAsimKql);
		expect(await editorText(other, 'sigma-editor')).toBe(seed!);
		await expect(other.getByTestId('pipeline-select')).toHaveValue('sentinel_asim');
		await expect(other.getByTestId('matched-count')).toHaveText('1');
		await other.getByTestId('share-button').click();
		expect(await other.getByTestId('share-link').inputValue()).toBe(link);
		await context.close();
	});

	test('the table override travels with the link', async ({ page, browser }) => {
		await openPlayground(page);
		await page.getByTestId('pipeline-select').selectOption('azure_monitor');
		await page.getByTestId('query-table-input').fill('MyCustomTable');
		await expect(page.getByTestId('kql-output')).toContainText('MyCustomTable\n| where ');
		await page.getByTestId('share-button').click();
		const link = await page.getByTestId('share-link').inputValue();
		const context = await browser.newContext();
		const other = await context.newPage();
		await other.goto(link);
		await expect(other.getByTestId('pipeline-select')).toHaveValue('azure_monitor');
		await expect(other.getByTestId('query-table-input')).toHaveValue('MyCustomTable');
		await expect(other.getByTestId('kql-output')).toContainText('MyCustomTable\n| where ');
		await context.close();
	});

	test('edits after opening a link survive a reload', async ({ page }) => {
		await openPlayground(page);
		await page.getByTestId('share-button').click();
		const link = await page.getByTestId('share-link').inputValue();
		await page.goto(link);
		await pasteInto(page, 'sigma-editor', 'title: Edited after sharing\n');
		await page.waitForTimeout(600);
		await page.reload();
		await expect(page.getByTestId('sigma-editor').locator('.cm-content')).toBeVisible();
		expect(await editorText(page, 'sigma-editor')).toBe('title: Edited after sharing\n');
	});

	test('opening a link keeps the previous work and can bring it back', async ({ page }) => {
		await openPlayground(page);
		await page.getByTestId('share-button').click();
		const link = await page.getByTestId('share-link').inputValue();
		await page.goto('./');
		await pasteInto(page, 'sigma-editor', 'title: My unsaved work\n');
		await page.waitForTimeout(600);
		await page.goto(link);
		await expect(page.getByTestId('stash-note')).toBeVisible();
		expect(await editorText(page, 'sigma-editor')).not.toContain('My unsaved work');
		await page.getByTestId('stash-note').getByRole('button', { name: 'Bring it back' }).click();
		await expect(page.getByTestId('sigma-editor')).toContainText('title: My unsaved work');
	});

	test('a link never destroys the saved draft, and an edited link keeps it as the previous draft', async ({
		page,
		browser
	}) => {
		// A link made elsewhere.
		const elsewhere = await browser.newContext();
		const sender = await elsewhere.newPage();
		await openPlayground(sender);
		await typeInto(sender, 'sigma-editor', '# LINK-B');
		await sender.getByTestId('share-button').click();
		const link = await sender.getByTestId('share-link').inputValue();
		await elsewhere.close();

		await openPlayground(page);
		await typeInto(page, 'sigma-editor', '# DRAFT-A');
		await page.waitForTimeout(1000);
		await page.goto(link);
		await expect(page.getByTestId('sigma-editor')).toContainText('# LINK-B');
		await expect(page.getByTestId('stash-note')).toContainText('Your own draft is kept');

		// Leaving the link unedited: the plain address shows the draft, in a fresh load too.
		await page.goto('./');
		await expect(page.getByTestId('sigma-editor')).toContainText('# DRAFT-A');
		await expect(page.getByTestId('stash-note')).toHaveCount(0);
		const tab = await page.context().newPage();
		await tab.goto(link);
		await expect(tab.getByTestId('sigma-editor')).toContainText('# LINK-B');
		await tab.close();
		await page.reload();
		await expect.poll(() => editorText(page, 'sigma-editor')).toBe('# DRAFT-A');

		// Editing the link makes it the draft; the old draft waits in the previous slot.
		await page.goto(link);
		await expect(page.getByTestId('sigma-editor')).toContainText('# LINK-B');
		await page.getByTestId('sigma-editor').locator('.cm-content').click();
		await page.keyboard.press('ControlOrMeta+End');
		await page.keyboard.type(' edited');
		await page.waitForTimeout(1000);
		await page.goto('./');
		await expect.poll(() => editorText(page, 'sigma-editor')).toBe('# LINK-B edited');
		const note = page.getByTestId('stash-note');
		await expect(note).toContainText('before editing a shared link');
		await page.reload();
		await expect(note).toBeVisible();
		await note.getByRole('button', { name: 'Bring it back' }).click();
		await expect(page.getByTestId('sigma-editor')).toContainText('# DRAFT-A');
		await expect(note).toHaveCount(0);
		expect(page.url()).not.toContain('#');

		// Bringing it back swapped the two: the edited link is now the previous draft.
		await page.reload();
		await expect.poll(() => editorText(page, 'sigma-editor')).toBe('# DRAFT-A');
		await note.getByRole('button', { name: 'Bring it back' }).click();
		await expect(page.getByTestId('sigma-editor')).toContainText('# LINK-B edited');
		await page.reload();
		await note.getByRole('button', { name: 'Discard it' }).click();
		await page.reload();
		await expect.poll(() => editorText(page, 'sigma-editor')).toBe('# LINK-B edited');
		await expect(note).toHaveCount(0);
	});

	for (const [fragment, message] of [
		['v1.!!!not-base64!!!', 'characters that are not base64url'],
		['v1.SGVsbG8gd29ybGQ', 'compressed data cannot be read'],
		['v7.H4sIAAAAAAAAA6uuBQBDv6ajAgAAAA', 'newer or unknown version'],
		['hello', 'no version tag']
	]) {
		test(`a hostile fragment (${fragment.slice(0, 12)}…) shows a message, not a blank page`, async ({
			page
		}) => {
			await openPlayground(page, fragment);
			await expect(page.getByTestId('link-error')).toContainText(message);
			await expect(page.getByTestId('kql-output')).not.toBeEmpty();
			expect(page.url()).not.toContain('#');
		});
	}
});
