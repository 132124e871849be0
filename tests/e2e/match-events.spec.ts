import { expect, test } from '@playwright/test';
import { openPlayground, pasteInto, seedRulePath, sharedRule } from './helpers';

const seed = sharedRule(seedRulePath);

const events = [
	{ Image: '/usr/bin/who', ParentCommandLine: '/bin/bash' },
	{ Image: '/usr/bin/who', ParentCommandLine: '/usr/bin/landscape-sysinfo --x' },
	{ Image: '/usr/bin/whoami' },
	{ Image: '/usr/sbin/NETSTAT' }
];

test.describe('testing events', () => {
	test.skip(!seed, `the shared rule ${seedRulePath} is absent (set SIGMA_SHARED)`);

	test('shows one verdict per pasted event, with counts on top', async ({ page }) => {
		await openPlayground(page);
		await pasteInto(page, 'sigma-editor', seed!);
		await pasteInto(page, 'events-input', events.map((e) => JSON.stringify(e)).join('\n'));
		const rows = page.getByTestId('event-result');
		await expect(rows).toHaveCount(4);
		await expect(rows.nth(0)).toHaveAttribute('data-matched', 'true');
		await expect(rows.nth(1)).toHaveAttribute('data-matched', 'false');
		await expect(rows.nth(2)).toHaveAttribute('data-matched', 'false');
		await expect(rows.nth(3)).toHaveAttribute('data-matched', 'true');
		await expect(rows.getByTestId('event-verdict')).toHaveText([
			'matched',
			'excluded',
			'not matched',
			'matched'
		]);
		await expect(page.getByTestId('matched-count')).toHaveText('2');
		await expect(page.getByTestId('not-matched-count')).toHaveText('2');
		// Every selection needed held, and the filter excluded the event: the row says so.
		const excluded = rows.nth(1).getByTestId('event-excluded');
		await expect(excluded).toHaveText('by filter_landscape_sysinfo');
		await expect(excluded).toHaveAttribute(
			'title',
			"Every selection the condition needs held, but 'filter_landscape_sysinfo' held too and " +
				'the condition excludes it. Selections that held: selection, filter_landscape_sysinfo'
		);
		await expect(rows.nth(0).getByTestId('event-selections')).toHaveAttribute(
			'title',
			'Selections that held: selection'
		);
	});

	test('clicking a count shows only those events, and again shows them all', async ({ page }) => {
		await openPlayground(page);
		await pasteInto(page, 'sigma-editor', seed!);
		await pasteInto(page, 'events-input', events.map((e) => JSON.stringify(e)).join('\n'));
		const rows = page.getByTestId('event-result');
		await expect(rows).toHaveCount(4);
		const indexes = () => rows.locator('.index').allTextContents();

		await page.getByTestId('filter-matched').click();
		await expect(page.getByTestId('filter-matched')).toHaveAttribute('aria-pressed', 'true');
		await expect.poll(indexes).toEqual(['#1', '#4']);
		await page.getByTestId('filter-not-matched').click();
		await expect.poll(indexes).toEqual(['#2', '#3']);
		// The filter stays while the rule changes and the events are matched again.
		await pasteInto(page, 'sigma-editor', seed!.replace("- '/netstat'", "- '/nothing'"));
		await expect(page.getByTestId('matched-count')).toHaveText('1');
		await expect.poll(indexes).toEqual(['#2', '#3', '#4']);
		await page.getByTestId('filter-not-matched').click();
		await expect.poll(indexes).toEqual(['#1', '#2', '#3', '#4']);
	});

	test('explains an event when its row is clicked', async ({ page }) => {
		await openPlayground(page);
		await pasteInto(page, 'sigma-editor', seed!);
		await pasteInto(page, 'events-input', JSON.stringify(events));
		await page.getByTestId('event-result').nth(1).click();
		const detail = page.getByTestId('event-explanation');
		await expect(detail).toContainText('Event #2');
		await expect(detail.getByTestId('explanation-summary')).toHaveText(
			"Not matched: 'filter_landscape_sysinfo' held, and the condition excludes it."
		);
		await expect(detail).toContainText('filter_landscape_sysinfo');
	});

	test('re-matches when the rule changes', async ({ page }) => {
		await openPlayground(page);
		await pasteInto(page, 'sigma-editor', seed!);
		await pasteInto(page, 'events-input', JSON.stringify(events));
		await expect(page.getByTestId('matched-count')).toHaveText('2');
		await pasteInto(page, 'sigma-editor', seed!.replace("- '/netstat'", "- '/nothing'"));
		await expect(page.getByTestId('matched-count')).toHaveText('1');
	});
});
