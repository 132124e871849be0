import { expect, test } from '@playwright/test';
import { openPlayground } from './helpers';

/** A workshop exercise shows its task and checks the learner's verdicts live. */

test('workshop 1: the task, a live check, and "Solved" once the rule is right', async ({
	page,
	browser
}) => {
	await openPlayground(page);
	await expect(page.getByTestId('exercise')).toHaveCount(0);
	await page.getByTestId('example-select').selectOption('workshop/01-first-selection/rule.yml');

	const panel = page.getByTestId('exercise');
	await expect(panel.getByTestId('exercise-title')).toHaveText(
		'Workshop 1: Certutil Used to Download a File'
	);
	await expect(panel.getByTestId('exercise-task')).toContainText(
		'Change it so that it matches only the downloads (rows #1 and #3)'
	);
	await expect(panel.getByTestId('exercise-hints').locator('li')).toHaveCount(3);
	await expect(panel.getByTestId('exercise-hints').locator('code').first()).toHaveText(
		'Image|endswith'
	);
	await expect(panel).not.toContainText('Solution');
	await expect(panel).not.toContainText("CommandLine|contains: '-urlcache'");
	// The starting rule matches every certutil start: row 2 should not match.
	await expect(panel.getByTestId('exercise-status')).toHaveText('Not solved yet: row #2 differs');
	const rows = panel.getByTestId('exercise-row');
	await expect(rows).toHaveText([
		/#1 want match, got match/,
		/#2 want no match, got match/,
		/#3 want match, got match/,
		/#4 want no match, got no match/
	]);
	await expect(rows.nth(1)).toHaveAttribute('data-ok', 'false');

	// The solution's extra line, typed after `Image|endswith` (line 10).
	await page.getByTestId('sigma-editor').locator('.cm-line').nth(9).click();
	await page.keyboard.press('End');
	await page.keyboard.press('Enter');
	await page.keyboard.type("        CommandLine|contains: '-urlcache'");
	await expect(panel.getByTestId('exercise-status')).toHaveText('✓ Solved');
	await expect(rows.nth(1)).toHaveAttribute('data-ok', 'true');
	// The picker no longer names the edited rule; the panel still names the exercise.
	await expect(page.getByTestId('example-select')).toHaveValue('');
	await expect(panel.getByTestId('exercise-title')).toHaveText(
		'Workshop 1: Certutil Used to Download a File'
	);

	// A share link of the exercise's state opens with the exercise.
	await page.getByTestId('share-button').click();
	const link = await page.getByTestId('share-link').inputValue();
	const context = await browser.newContext();
	const other = await context.newPage();
	await other.goto(link);
	await expect(other.getByTestId('exercise-status')).toHaveText('✓ Solved');
	await context.close();

	// Another example ends the exercise.
	await page.getByTestId('example-select').selectOption('windows/dns_query/newly_seen_tld.yml');
	await expect(panel).toHaveCount(0);
});
