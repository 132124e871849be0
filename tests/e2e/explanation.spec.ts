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
		await expect(tree.locator('code')).toHaveText([
			'all of selection_* and not filter',
			'all of selection_*'
		]);

		const image = detail.getByTestId('explanation-item').first();
		await expect(image.getByTestId('item-path')).toHaveText('Event.EventData.Image');
		await expect(image.getByTestId('item-value')).toHaveText("'\\certutil.exe'");
		// The event value is shown as the text it is, not JSON-escaped as the event file writes it.
		await expect(image.getByTestId('item-actual')).toHaveText(
			'"C:\\Windows\\System32\\certutil.exe"'
		);
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

	test('values show as their text in CSV and XML events too, control characters visible', async ({
		page
	}) => {
		await openPlayground(page);
		await pasteInto(page, 'sigma-editor', certutilRule);
		const actual = page.getByTestId('event-explanation').getByTestId('item-actual');

		const csv = [
			'Image,CommandLine,User',
			'C:\\Windows\\System32\\certutil.exe,"certutil\t-urlcache -f http://x/a.bin",CORP\\alice'
		].join('\n');
		await pasteInto(page, 'events-input', csv);
		await page.getByTestId('event-result').first().click();
		await expect(actual).toHaveText([
			'"C:\\Windows\\System32\\certutil.exe"',
			'"certutil\u2409-urlcache -f http://x/a.bin"',
			'"CORP\\alice"'
		]);

		const xml = [
			'<Events><Event><System><Provider Name="Microsoft-Windows-Sysmon"/><EventID>1</EventID>',
			'<Channel>Microsoft-Windows-Sysmon/Operational</Channel></System><EventData>',
			'<Data Name="Image">C:\\Windows\\System32\\certutil.exe</Data>',
			'<Data Name="CommandLine">certutil -urlcache -f http://x/a.bin</Data>',
			'<Data Name="User">CORP\\alice</Data></EventData></Event></Events>'
		].join('\n');
		await pasteInto(page, 'events-input', xml);
		await expect(page.getByTestId('match-summary')).toContainText('xml');
		await expect(actual.first()).toHaveText('"C:\\Windows\\System32\\certutil.exe"');
	});

	test('a condition that is one selector is not repeated as its own tree node', async ({
		page
	}) => {
		await openPlayground(page);
		await pasteInto(
			page,
			'sigma-editor',
			certutilRule.replace('all of selection_* and not filter', 'all of selection_*')
		);
		await pasteInto(page, 'events-input', events);
		await page.getByTestId('event-result').first().click();
		const tree = page.getByTestId('condition-tree');
		await expect(tree.locator('code')).toHaveText(['all of selection_*']);
		await expect(tree.getByTestId('condition-ref')).toHaveText(['selection_img', 'selection_cli']);
	});

	test('clicking the selected row right after the events are replaced shows the new event', async ({
		page
	}) => {
		await openPlayground(page);
		await pasteInto(page, 'sigma-editor', certutilRule);
		await pasteInto(page, 'events-input', events);
		const rows = page.getByTestId('event-result');
		await rows.first().click();
		const detail = page.getByTestId('event-explanation');
		await expect(detail.getByTestId('explanation-event')).toContainText('ws1.corp.example');

		// New events, and a click on the still selected first row before they are matched.
		const replaced = JSON.stringify([
			windowsEvent(1, 'C:\\Tools\\other.exe', 'other.exe --help'),
			windowsEvent(1, certutil, 'certutil -urlcache -f http://y/b.bin b.bin')
		]).replaceAll('ws1.corp.example', 'ws2.corp.example');
		await page.evaluate((text) => {
			const content = document.querySelector('[data-testid="events-input"] .cm-content')!;
			const data = new DataTransfer();
			data.setData('text/plain', text);
			(content as HTMLElement).focus();
			document.execCommand('selectAll');
			content.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
			(document.querySelector('[data-testid="event-result"]') as HTMLElement).click();
		}, replaced);
		await expect(rows).toHaveCount(2);
		await expect(detail).toBeVisible();
		await expect(detail.getByTestId('explanation-event')).toContainText('other.exe --help');
		await expect(detail.getByTestId('explanation-summary')).toContainText('Not matched');
	});
});
