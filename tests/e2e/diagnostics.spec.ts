import { expect, test } from '@playwright/test';
import { openPlayground, openTableRefusal, pasteInto } from './helpers';
import { unknownFieldRule } from '../support/sample-rules';

test.describe('long diagnostics', () => {
	test('an unknown field shows one sentence, its fields behind a toggle, printed once', async ({
		page
	}) => {
		await openPlayground(page);
		await page.getByTestId('pipeline-select').selectOption('sentinel_asim');
		await pasteInto(page, 'sigma-editor', unknownFieldRule);
		const refusal = page.getByTestId('translate-error');
		await expect(refusal.getByTestId('translate-error-message')).toHaveText(
			'Invalid SigmaDetectionItem field name encountered: FooBarBaz. Please use valid fields for ' +
				'the imProcessCreate table, or the following fields that have fieldmappings in this ' +
				'pipeline:'
		);
		await expect(page.getByTestId('kql-output')).toBeHidden();
		await expect(page.getByText('TargetProcessCommandLine', { exact: true })).toBeHidden();

		// The problems line has the first sentence and points at the KQL panel for the rest.
		const problem = page.getByTestId('problem').first();
		await expect(problem).toContainText('FooBarBaz. Please use valid fields');
		await expect(problem).toContainText('(more in the KQL panel)');
		await expect(problem).not.toContainText('ActingProcessCommandLine');

		// The event tester stays on screen.
		await expect(page.getByTestId('events-input')).toBeInViewport();

		const toggle = refusal.getByText('show the 130 valid fields');
		await toggle.click();
		await expect(page.getByText('TargetProcessCommandLine', { exact: true })).toHaveCount(1);
		await expect(page.getByText('TargetProcessCommandLine', { exact: true })).toBeVisible();
		await expect(page.getByTestId('events-input')).toBeInViewport();
	});

	test('the table-name refusal keeps its numbered lines and leads to the Table box', async ({
		page
	}) => {
		await openTableRefusal(page);
		const refusal = page.getByTestId('translate-error');
		await expect(refusal.getByTestId('translate-error-message')).toHaveText(
			'Unable to determine table name from rule.  The query table is determined in the ' +
				'following order of priority:'
		);
		await refusal.getByText('show details').click();
		const lines = await refusal.getByTestId('message-rest').locator('.lines').innerText();
		expect(lines.split('\n').map((line) => line.trimStart().slice(0, 3))).toEqual([
			'1) ',
			'2) ',
			'3) ',
			'4) ',
			'For'
		]);
		await page.getByTestId('set-table').click();
		await expect(page.getByTestId('query-table-input')).toBeFocused();
		await page.keyboard.type('MyDnsLogs');
		await expect(page.getByTestId('translate-error')).toHaveCount(0);
		await expect(page.getByTestId('kql-output')).toContainText('MyDnsLogs\n| where ');
	});

	test('a regex the matcher cannot run is marked in the rule at once, without events', async ({
		page
	}) => {
		await openPlayground(page);
		const events = page.getByTestId('events-input').locator('.cm-content');
		await events.click();
		await page.keyboard.press('ControlOrMeta+a');
		await page.keyboard.press('Delete');
		const rule = [
			'title: Look-ahead',
			'logsource:',
			'    category: process_creation',
			'detection:',
			'    selection:',
			"        CommandLine|re: 'a(?=b)'",
			'    condition: selection'
		].join('\n');
		await pasteInto(page, 'sigma-editor', rule);
		const problem = page.getByTestId('problem').filter({ hasText: 'match_regex_unsupported' });
		await expect(problem.locator('.position')).toHaveText('6:25');
		await expect(problem).toContainText('look-ahead is not supported');
		await expect(page.getByTestId('sigma-editor').locator('.cm-lint-marker-warning')).toHaveCount(
			1
		);
		await expect(page.getByTestId('event-result')).toHaveCount(0);

		// Typing above it moves the mark with the text, and the fresh check agrees.
		await page.getByTestId('sigma-editor').locator('.cm-line').first().click();
		await page.keyboard.press('End');
		await page.keyboard.type('\nstatus: test');
		await expect(problem.locator('.position')).toHaveText('7:25');
		await pasteInto(page, 'sigma-editor', rule.replace('a(?=b)', 'ab'));
		await expect(problem).toHaveCount(0);
		await expect(page.getByTestId('sigma-editor').locator('.cm-lint-marker-warning')).toHaveCount(
			0
		);
	});

	test('a YAML syntax error names no reference message', async ({ page }) => {
		await openPlayground(page);
		const rule = [
			'title: Broken',
			'logsource:',
			'    product: windows',
			'detection:',
			'    sel:',
			"        Image: 'abc",
			'    condition: sel'
		].join('\n');
		await pasteInto(page, 'sigma-editor', rule);
		const refusal = page.getByTestId('translate-error');
		await expect(refusal.getByTestId('translate-error-message')).toContainText('YAML syntax error');
		await expect(refusal).not.toContainText('Reference converter:');
	});
});
