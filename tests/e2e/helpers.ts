import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, type Page } from '@playwright/test';

/** The shared test material (`../shared`, or `SIGMA_SHARED`). */
export const sharedDir = resolve(
	process.env.SIGMA_SHARED ?? resolve(import.meta.dirname, '../../../shared')
);

/** A rule file of the shared conformance set, or null when the set is absent. */
export function sharedRule(path: string): string | null {
	const file = resolve(sharedDir, 'conformance/rules', path);
	return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

/** The linux "who/w/last" discovery rule from the shared set: the seed rule of the e2e tests. */
export const seedRulePath =
	'rules/linux/process_creation/proc_creation_lnx_system_network_connections_discovery.yml';

/** Its KQL in the sentinel_asim flavour, as the reference converter prints it. */
export const seedAsimKql =
	'imProcessCreate\n| where (TargetProcessName endswith "/who" or TargetProcessName endswith "/w" or ' +
	'TargetProcessName endswith "/last" or TargetProcessName endswith "/lsof" or TargetProcessName ' +
	'endswith "/netstat") and (not((ActingProcessCommandLine contains "/usr/bin/landscape-sysinfo" and ' +
	'TargetProcessName endswith "/who")))';

/** Opens the page with empty storage and waits for the editors. */
export async function openPlayground(page: Page, fragment = ''): Promise<void> {
	await page.goto(fragment ? `./#${fragment}` : './');
	await expect(page.getByTestId('sigma-editor').locator('.cm-content')).toBeVisible();
}

/** Opens the DNS example in the XDR flavour, which the converter refuses: no table fits it. */
export async function openTableRefusal(page: Page): Promise<void> {
	await openPlayground(page);
	await page.getByTestId('example-select').selectOption('windows/dns_query/newly_seen_tld.yml');
	await page.getByTestId('pipeline-select').selectOption('microsoft_xdr');
}

/** Replaces an editor's text by typing it key by key, as a person would. */
export async function typeInto(page: Page, testId: string, text: string): Promise<void> {
	const content = page.getByTestId(testId).locator('.cm-content');
	await content.click();
	await page.keyboard.press('ControlOrMeta+a');
	await page.keyboard.press('Delete');
	await page.keyboard.type(text);
}

/** Replaces an editor's text in one go, as a paste would. */
export async function pasteInto(page: Page, testId: string, text: string): Promise<void> {
	const content = page.getByTestId(testId).locator('.cm-content');
	await content.click();
	await page.keyboard.press('ControlOrMeta+a');
	await page.keyboard.insertText(text);
}

/**
 * Replaces an editor's text with a paste event. Faster than `pasteInto` for texts of thousands
 * of lines, which the browser's text input takes a minute to insert.
 */
export async function pasteLarge(page: Page, testId: string, text: string): Promise<void> {
	await page.getByTestId(testId).locator('.cm-content').click();
	await page.evaluate(
		([id, value]) => {
			const content = document.querySelector(`[data-testid="${id}"] .cm-content`) as HTMLElement;
			const data = new DataTransfer();
			data.setData('text/plain', value);
			document.execCommand('selectAll');
			content.dispatchEvent(
				new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true })
			);
		},
		[testId, text]
	);
}

/** Records every main-thread task over 50 ms from the first script on; read with `longTasksSince`. */
export async function watchLongTasks(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const tasks: { start: number; duration: number }[] = [];
		(window as unknown as { longTasks: typeof tasks }).longTasks = tasks;
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries()) {
				tasks.push({ start: entry.startTime, duration: entry.duration });
			}
		}).observe({ type: 'longtask', buffered: true });
	});
}

/** The durations (ms) of the long tasks that ended after `since` (a `performance.now()`). */
export async function longTasksSince(page: Page, since: number): Promise<number[]> {
	return page.evaluate(
		(from) =>
			(window as unknown as { longTasks: { start: number; duration: number }[] }).longTasks
				.filter((t) => t.start + t.duration >= from)
				.map((t) => Math.round(t.duration)),
		since
	);
}

/** The exact text of the KQL output. */
export async function kqlText(page: Page): Promise<string> {
	return (await page.getByTestId('kql-output').textContent()) ?? '';
}

/** The text of an editor, read line by line from the rendered document. */
export async function editorText(page: Page, testId: string): Promise<string> {
	const lines = await page.getByTestId(testId).locator('.cm-line').allTextContents();
	return lines.join('\n');
}
