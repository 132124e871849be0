import { describe, expect, it } from 'vitest';
import { planChunks, splitChunks } from '../../src/ui/editor/kql-chunks';

/** A query of `count` terms as the converter writes long value lists: one very long line. */
function longQuery(count: number, mark = ''): string {
	const terms = Array.from(
		{ length: count },
		(_, i) => `TargetProcessCommandLine contains "tool-${i}${i === 500 ? mark : ''}.exe"`
	);
	return `imProcessCreate\n| where ${terms.join(' or ')}`;
}

describe('splitChunks', () => {
	it('cuts after whitespace near every size characters, and the pieces add up to the text', () => {
		const text = longQuery(2_000);
		const pieces = splitChunks(text, 2_000);
		expect(pieces.join('')).toBe(text);
		expect(pieces.length).toBe(Math.round(text.length / 2_000));
		for (const piece of pieces.slice(0, -1)) {
			expect(piece).toMatch(/\s$/);
			expect(piece.length).toBeGreaterThanOrEqual(2_000);
			expect(piece.length).toBeLessThan(2_100);
		}
	});

	it('keeps a short text whole and cuts text without whitespace at twice the size', () => {
		expect(splitChunks('imProcessCreate\n| where x', 2_000)).toEqual([
			'imProcessCreate\n| where x'
		]);
		expect(splitChunks('', 10)).toEqual([]);
		expect(splitChunks('a'.repeat(45), 10)).toEqual([
			'a'.repeat(20),
			'a'.repeat(20),
			'a'.repeat(5)
		]);
	});
});

describe('planChunks', () => {
	it('replaces only the chunk a keystroke changed', () => {
		const before = longQuery(2_000);
		const old = splitChunks(before, 2_000);
		const after = longQuery(2_000, 'x');
		const plan = planChunks(old, after, 2_000);
		expect(plan.middle).toHaveLength(1);
		expect(plan.head + plan.tail).toBe(old.length - 1);
		const chunks = [
			...old.slice(0, plan.head),
			...plan.middle,
			...old.slice(old.length - plan.tail)
		];
		expect(chunks.join('')).toBe(after);
		expect(plan.middle[0]).toContain('tool-500x.exe');
	});

	it('keeps everything for the same text and starts afresh from no chunks', () => {
		const text = longQuery(300);
		const old = splitChunks(text, 2_000);
		expect(planChunks(old, text, 2_000)).toEqual({ head: old.length, tail: 0, middle: [] });
		expect(planChunks([], text, 2_000)).toEqual({ head: 0, tail: 0, middle: old });
	});

	it('does not let kept leading and trailing chunks overlap when text is removed', () => {
		const old = ['abc ', 'abc ', 'abc '];
		const plan = planChunks(old, 'abc abc ', 4);
		expect(plan).toEqual({ head: 2, tail: 0, middle: [] });
	});
});
