import { expect, test } from '@playwright/test';
import {
	editorText,
	kqlText,
	openPlayground,
	openTableRefusal,
	seedAsimKql,
	seedRulePath,
	sharedRule,
	typeInto
} from './helpers';

const seed = sharedRule(seedRulePath);

test.describe('editing a rule', () => {
	test('opens on the default example with a query and no blank page', async ({ page }) => {
		await openPlayground(page);
		await expect(page.getByTestId('kql-output')).not.toBeEmpty();
		await expect(page.getByTestId('pipeline-select')).toHaveValue('sentinel_asim');
	});

	test('typing the seed rule gives exactly the reference KQL', async ({ page }) => {
		test.skip(!seed, `the shared rule ${seedRulePath} is absent (set SIGMA_SHARED)`);
		await openPlayground(page);
		await page.getByTestId('pipeline-select').selectOption('sentinel_asim');
		await typeInto(page, 'sigma-editor', seed!);
		await expect(page.getByTestId('kql-output')).toHaveText(seedAsimKql);
		expect(await kqlText(page)).toBe(seedAsimKql);
		expect(await editorText(page, 'sigma-editor')).toBe(seed!);
		await expect(page.getByTestId('translate-error')).toHaveCount(0);
	});

	test('changing the flavour changes the table at once', async ({ page }) => {
		test.skip(!seed, `the shared rule ${seedRulePath} is absent (set SIGMA_SHARED)`);
		await openPlayground(page);
		await typeInto(page, 'sigma-editor', seed!);
		await page.getByTestId('pipeline-select').selectOption('microsoft_xdr');
		await expect(page.getByTestId('kql-output')).toContainText('DeviceProcessEvents\n| where ');
		await page.getByTestId('pipeline-select').selectOption('sentinel_asim');
		await expect(page.getByTestId('kql-output')).toHaveText(seedAsimKql);
	});

	test('broken YAML shows line and column and keeps the text, also after a reload', async ({
		page
	}) => {
		await openPlayground(page);
		const broken =
			'title: Broken\nlogsource:\n    product: windows\ndetection:\n    sel: [a, b\n    condition: sel';
		await typeInto(page, 'sigma-editor', broken);
		const problem = page.getByTestId('problem').first();
		await expect(problem).toBeVisible();
		await expect(problem.locator('.position')).toHaveText(/^\d+:\d+$/);
		await expect(page.getByTestId('kql-output')).toBeEmpty();
		expect(await editorText(page, 'sigma-editor')).toBe(broken);
		await page.waitForTimeout(500);
		await page.reload();
		await expect(page.getByTestId('sigma-editor').locator('.cm-content')).toBeVisible();
		expect(await editorText(page, 'sigma-editor')).toBe(broken);
		await expect(page.getByTestId('problem').first()).toBeVisible();
	});

	test('a refused rule shows the converter message with its line, and a table fixes it', async ({
		page
	}) => {
		await openTableRefusal(page);
		const refusal = page.getByTestId('translate-error');
		await expect(refusal).toContainText('Unable to determine table name from rule.');
		await expect(refusal.locator('.position')).toHaveText(/^\d+:\d+$/);
		await expect(page.getByTestId('kql-output')).toBeEmpty();
		await page.getByTestId('query-table-input').fill('MyDnsLogs');
		await expect(page.getByTestId('translate-error')).toHaveCount(0);
		await expect(page.getByTestId('kql-output')).toContainText('MyDnsLogs\n| where ');
		await expect(page.getByTestId('matched-count')).toHaveText('2');
	});

	test('a problem names its line and column, counted from 1', async ({ page }) => {
		await openPlayground(page);
		await typeInto(page, 'sigma-editor', 'title: x\n\tbad: tab');
		await expect(page.getByTestId('problem').first().locator('.position')).toHaveText('2:1');
	});
});
