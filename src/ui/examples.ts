/** An example rule shipped with the page, with events to try it on. */
export interface Example {
	/** Path under `rules/`, which also orders the picker. */
	path: string;
	title: string;
	rule: string;
	events: string;
}

/** The rule the page opens on when there is no saved work and no link. */
const defaultExamplePath = 'windows/process_creation/encoded_powershell.yml';

const ruleFiles = import.meta.glob('/rules/**/*.yml', {
	query: '?raw',
	import: 'default',
	eager: true
}) as Record<string, string>;

const eventFiles = import.meta.glob('/rules/**/*.events.{json,ndjson}', {
	query: '?raw',
	import: 'default',
	eager: true
}) as Record<string, string>;

function eventsFor(rulePath: string): string {
	const base = rulePath.replace(/\.yml$/, '');
	return eventFiles[`${base}.events.json`] ?? eventFiles[`${base}.events.ndjson`] ?? '';
}

function titleOf(rule: string, path: string): string {
	const title = /^title:\s*(.+)$/m.exec(rule)?.[1]?.trim();
	return title ? title.replace(/^(['"])(.*)\1$/, '$2') : path;
}

/** All example rules, ordered by path. */
export const examples: readonly Example[] = Object.entries(ruleFiles)
	.map(([file, rule]) => {
		const path = file.replace(/^\/rules\//, '');
		return { path, title: titleOf(rule, path), rule, events: eventsFor(file) };
	})
	.sort((a, b) => a.path.localeCompare(b.path));

/** The example the page opens on. */
export const defaultExample: Example | undefined =
	examples.find((e) => e.path === defaultExamplePath) ?? examples[0];
