import { expect, test } from '@playwright/test';
import { openPlayground, typeInto } from './helpers';

/** How the page fits the window and the colour scheme, and what the header shows. */

test.describe('layout and appearance', () => {
	test('at 390 pixels wide the panes stack and nothing scrolls sideways', async ({ page }) => {
		await page.setViewportSize({ width: 390, height: 844 });
		await openPlayground(page);
		await expect(page.getByTestId('kql-output')).not.toBeEmpty();
		const width = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(width).toBe(390);
		const rule = await page.getByTestId('sigma-editor').boundingBox();
		const kql = await page.getByTestId('kql-output').boundingBox();
		const events = await page.getByTestId('events-input').boundingBox();
		expect(kql!.y).toBeGreaterThan(rule!.y + rule!.height);
		expect(events!.y).toBeGreaterThan(kql!.y);
		// Every control of the header stays inside the window.
		for (const id of ['example-select', 'pipeline-select', 'query-table-input', 'share-button']) {
			const box = (await page.getByTestId(id).boundingBox())!;
			expect(box.x + box.width, id).toBeLessThanOrEqual(390);
		}
		await page.getByTestId('share-button').click();
		await expect(page.getByTestId('share-length')).toBeVisible();
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(390);
	});

	test('at 1400 pixels wide Share keeps the header on one row', async ({ page }) => {
		await page.setViewportSize({ width: 1400, height: 900 });
		await openPlayground(page);
		const header = page.locator('header.bar');
		const before = (await header.boundingBox())!.height;
		await page.getByTestId('share-button').click();
		await expect(page.getByTestId('share-length')).toBeVisible();
		expect((await header.boundingBox())!.height).toBe(before);
		const title = (await page.getByRole('heading', { name: 'Sigma playground' }).boundingBox())!;
		const length = (await page.getByTestId('share-length').boundingBox())!;
		expect(Math.abs(length.y + length.height / 2 - (title.y + title.height / 2))).toBeLessThan(4);
	});

	test('a dark system scheme darkens the page, both editors and the KQL', async ({ page }) => {
		await page.emulateMedia({ colorScheme: 'dark' });
		await openPlayground(page);
		const background = (testId: string) =>
			page
				.getByTestId(testId)
				.locator('.cm-editor')
				.evaluate((el) => getComputedStyle(el).backgroundColor);
		const dark = 'rgb(21, 24, 30)';
		expect(
			await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)
		).toBe(dark);
		expect(await background('sigma-editor')).toBe(dark);
		expect(await background('events-input')).toBe(dark);
		const keyword = page.getByTestId('kql-output').locator('.keyword').first();
		await expect(keyword).toHaveCSS('color', 'rgb(126, 179, 255)');
		// YAML keys are coloured for a dark background too.
		const key = page.getByTestId('sigma-editor').getByText('logsource', { exact: true });
		await expect(key).toHaveCSS('color', 'rgb(126, 203, 255)');
	});

	test('the example picker names the loaded example until the rule is edited', async ({ page }) => {
		await openPlayground(page);
		const picker = page.getByTestId('example-select');
		await expect(picker).toHaveValue('windows/process_creation/encoded_powershell.yml');
		await picker.selectOption('windows/dns_query/newly_seen_tld.yml');
		await expect(picker).toHaveValue('windows/dns_query/newly_seen_tld.yml');
		await typeInto(page, 'sigma-editor', 'title: mine');
		await expect(picker).toHaveValue('');
	});
});
