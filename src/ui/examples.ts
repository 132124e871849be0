import { readExercise, type Exercise } from './workshop';

/** An example rule shipped with the page, with events to try it on. */
export interface Example {
	/** Path under `rules/`, which also orders the picker. */
	path: string;
	title: string;
	rule: string;
	events: string;
	/** Set for a workshop exercise (`rules/workshop/NN-name/rule.yml`). */
	exercise?: Exercise;
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

const workshopFiles = import.meta.glob('/rules/workshop/*/{README.md,expect.json}', {
	query: '?raw',
	import: 'default',
	eager: true
}) as Record<string, string>;

/** The exercise a rule file starts, when README.md and expect.json sit beside it. */
function exerciseFor(rulePath: string): Exercise | undefined {
	const folder = rulePath.replace(/\/rule\.yml$/, '');
	if (folder === rulePath) return undefined;
	const readme = workshopFiles[`${folder}/README.md`];
	const expected = workshopFiles[`${folder}/expect.json`];
	if (readme === undefined || expected === undefined) return undefined;
	return readExercise(readme, expected) ?? undefined;
}

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
		const example: Example = { path, title: titleOf(rule, path), rule, events: eventsFor(file) };
		const exercise = exerciseFor(file);
		if (exercise) example.exercise = exercise;
		return example;
	})
	.sort((a, b) => a.path.localeCompare(b.path));

/**
 * The workshop exercise whose events are `events`, exactly: a saved draft or a shared link of
 * an exercise brings its exercise back this way.
 */
export function exerciseWithEvents(events: string): Example | null {
	if (events === '') return null;
	return examples.find((e) => e.exercise && e.events === events) ?? null;
}

/** The example the page opens on. */
export const defaultExample: Example | undefined =
	examples.find((e) => e.path === defaultExamplePath) ?? examples[0];
