/** A workshop exercise: what its README asks, and the verdicts the finished rule must give. */
export interface Exercise {
	/** The README's heading (`1. A first selection`). */
	heading: string;
	/** The task paragraph, markers removed. */
	task: string;
	/** The hints, one entry per numbered item. */
	hints: string[];
	/** The rows (numbered from 1, as the page shows them) the finished rule matches. */
	expected: number[];
}

/** A run of inline text: plain, or code written between backticks. */
export interface InlinePart {
	code: boolean;
	text: string;
}

/** Expected and actual verdict of one event row. */
export interface RowCheck {
	/** The row number, from 1. */
	row: number;
	expected: boolean;
	/** Null while the row has no verdict yet. */
	actual: boolean | null;
}

/** How the current verdicts compare with an exercise's. */
export interface ExerciseCheck {
	rows: RowCheck[];
	/** How many rows have a verdict that differs from the expected one. */
	wrong: number;
	/** True when every row has its verdict and each is the expected one. */
	solved: boolean;
}

/**
 * Reads an exercise from its README and `expect.json` texts. The README gives the heading, the
 * paragraph starting with `**Task.**` and the numbered list after `**Hints.**`; everything from
 * `## Solution` on is left out. Null when the files do not describe an exercise.
 */
export function readExercise(readme: string, expectJson: string): Exercise | null {
	const expected = expectedRows(expectJson);
	if (!expected) return null;
	const text = readme.split(/^## Solution\b/m)[0];
	const heading = /^#\s+(.+)$/m.exec(text)?.[1]?.trim() ?? '';
	const paragraphs = text.split(/\n[ \t]*\n/).map((p) => p.trim());
	const task = paragraphs.find((p) => p.startsWith('**Task.**'));
	if (!task) return null;
	const hints = paragraphs.find((p) => p.startsWith('**Hints.**')) ?? '';
	return {
		heading,
		task: plain(task.slice('**Task.**'.length)),
		hints: listItems(hints.slice('**Hints.**'.length)),
		expected
	};
}

/** Splits text at backticks into plain runs and code runs. */
export function inlineParts(text: string): InlinePart[] {
	return text
		.split('`')
		.map((run, i) => ({ code: i % 2 === 1, text: run }))
		.filter((part) => part.text !== '');
}

/**
 * Compares verdicts (`true` for a match, in row order, undefined where none has arrived) with
 * the rows an exercise expects to match.
 */
export function checkExercise(
	expected: readonly number[],
	verdicts: readonly (boolean | undefined)[]
): ExerciseCheck {
	const rows = verdicts.map((actual, i): RowCheck => ({
		row: i + 1,
		expected: expected.includes(i + 1),
		actual: actual ?? null
	}));
	const wrong = rows.filter((r) => r.actual !== null && r.actual !== r.expected).length;
	const complete = rows.length > 0 && rows.every((r) => r.actual !== null);
	return { rows, wrong, solved: complete && wrong === 0 };
}

function expectedRows(json: string): number[] | null {
	try {
		const value = JSON.parse(json) as { match?: unknown };
		const rows = value.match;
		if (!Array.isArray(rows) || !rows.every((n) => Number.isInteger(n) && n > 0)) return null;
		return rows as number[];
	} catch {
		return null;
	}
}

/** The items of a numbered list; an item's wrapped lines join it. */
function listItems(text: string): string[] {
	return text
		.split(/^\s*\d+\.\s+/m)
		.map(plain)
		.filter((item) => item !== '');
}

/** Lines joined by single spaces, bold markers removed. */
function plain(text: string): string {
	return text.replace(/\*\*/g, '').replace(/\s+/g, ' ').trim();
}
