import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkExercise, inlineParts, readExercise } from '../../src/ui/workshop';

/** What the page's exercise panel reads from an exercise's README and expect.json. */

const first = resolve(import.meta.dirname, '../../rules/workshop/01-first-selection');
const readme = readFileSync(resolve(first, 'README.md'), 'utf8');
const expectJson = readFileSync(resolve(first, 'expect.json'), 'utf8');

describe('readExercise', () => {
	it('reads the heading, the task and the hints, and leaves the solution out', () => {
		const exercise = readExercise(readme, expectJson);
		expect(exercise).toEqual({
			heading: '1. A first selection',
			task:
				'Attackers use `certutil.exe` to download files: `certutil -urlcache -f http://… out.exe`. ' +
				'Administrators also run certutil, for example to compute a file hash. The starting rule ' +
				'fires on every certutil start. Change it so that it matches only the downloads (rows #1 ' +
				'and #3), not the hash computation or the unrelated process.',
			hints: [
				'Keys under one selection are AND-ed: add a second key next to `Image|endswith`.',
				'`CommandLine|contains` looks for a substring anywhere in the command line.',
				'Values are compared case-insensitively, so `-URLCache` and `-urlcache` are the same.'
			],
			expected: [1, 3]
		});
		expect(JSON.stringify(exercise)).not.toContain('Solution');
	});

	it('joins the wrapped lines of a hint', () => {
		const text =
			'# 2. Filters\n\n**Task.** Filter it.\n\n**Hints.**\n1. Add a selection\n   named `filter_x`.\n2. Done.\n';
		expect(readExercise(text, '{"match": [2]}')?.hints).toEqual([
			'Add a selection named `filter_x`.',
			'Done.'
		]);
	});

	it('refuses files that do not describe an exercise', () => {
		expect(readExercise(readme, '{"match": "1"}')).toBeNull();
		expect(readExercise(readme, '{"match": [0]}')).toBeNull();
		expect(readExercise(readme, 'not json')).toBeNull();
		expect(readExercise('# Notes\n\nNo task here.', '{"match": [1]}')).toBeNull();
	});
});

describe('inlineParts', () => {
	it('splits text at backticks into plain and code runs', () => {
		expect(inlineParts('add `Image|endswith` and `-urlcache`.')).toEqual([
			{ code: false, text: 'add ' },
			{ code: true, text: 'Image|endswith' },
			{ code: false, text: ' and ' },
			{ code: true, text: '-urlcache' },
			{ code: false, text: '.' }
		]);
	});
});

describe('checkExercise', () => {
	it('is solved when every row has the expected verdict', () => {
		const check = checkExercise([1, 3], [true, false, true, false]);
		expect(check.solved).toBe(true);
		expect(check.wrong).toBe(0);
		expect(check.rows[2]).toEqual({ row: 3, expected: true, actual: true });
	});

	it('counts the rows that differ, and waits for rows without a verdict', () => {
		expect(checkExercise([1, 3], [true, true, true, true])).toMatchObject({
			wrong: 2,
			solved: false
		});
		const waiting = checkExercise([1, 3], [true, false, undefined]);
		expect(waiting).toMatchObject({ wrong: 0, solved: false });
		expect(waiting.rows[2]).toEqual({ row: 3, expected: true, actual: null });
		expect(checkExercise([1], []).solved).toBe(false);
	});
});
