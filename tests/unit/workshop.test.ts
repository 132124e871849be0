import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileMatcher, matchEvent, parseEvents, parseRule } from '../../src/core/index';

/**
 * Every workshop exercise under rules/workshop: the starting rule parses but is not yet right,
 * and the solution in its README gives exactly the verdicts of `expect.json`.
 */

const workshopDir = resolve(import.meta.dirname, '../../rules/workshop');
const exercises = readdirSync(workshopDir, { withFileTypes: true })
	.filter((entry) => entry.isDirectory())
	.map((entry) => entry.name)
	.sort();

function read(exercise: string, file: string): string {
	return readFileSync(join(workshopDir, exercise, file), 'utf8');
}

/** The YAML block under the README's `## Solution` heading. */
function solutionOf(readme: string): string {
	const section = readme.split(/^## Solution$/m)[1] ?? '';
	const block = /```yaml\n([\s\S]*?)```/.exec(section);
	if (!block) throw new Error('the README has no ```yaml block under "## Solution"');
	return block[1];
}

function verdicts(rule: string, events: string): boolean[] {
	const parsed = parseRule(rule);
	expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
	const matcher = compileMatcher(parsed);
	return parseEvents(events).events.map((e) => matchEvent(matcher, e, { explain: false }).match);
}

describe('workshop exercises', () => {
	it('ships at least three exercises', () => {
		expect(exercises).toEqual(['01-first-selection', '02-filters', '03-modifiers']);
	});

	for (const exercise of exercises) {
		const events = read(exercise, 'rule.events.json');
		// Rows are numbered from 1, as the page shows them.
		const expected: number[] = JSON.parse(read(exercise, 'expect.json')).match;
		const want = parseEvents(events).events.map((_, i) => expected.includes(i + 1));

		it(`${exercise}: the starting rule is not yet the answer`, () => {
			expect(verdicts(read(exercise, 'rule.yml'), events)).not.toEqual(want);
		});

		it(`${exercise}: the solution matches exactly the expected events`, () => {
			expect(verdicts(solutionOf(read(exercise, 'README.md')), events)).toEqual(want);
		});
	}
});
