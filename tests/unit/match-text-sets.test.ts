import { describe, expect, it } from 'vitest';
import { anyPrefix, anySubstring, anySuffix } from '../../src/core/match/text-sets';

/** A small deterministic generator, so that the comparison sees the same texts every run. */
function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (Math.imul(a ^ (a >>> 15), 2246822507) + 0x9e3779b9) >>> 0;
		return a / 4294967296;
	};
}

describe('needle sets', () => {
	const next = random(7);
	const letter = () => 'abc\\é'[Math.floor(next() * 5)];
	const word = (max: number) =>
		Array.from({ length: 1 + Math.floor(next() * max) }, letter).join('');
	const needles = Array.from({ length: 300 }, () => word(6));
	const texts = Array.from({ length: 2000 }, () => word(30));

	it('agree with a plain loop on every text', () => {
		const substring = anySubstring(needles);
		const prefix = anyPrefix(needles);
		const suffix = anySuffix(needles);
		for (const text of texts) {
			expect(substring(text)).toBe(needles.some((n) => text.includes(n)));
			expect(prefix(text)).toBe(needles.some((n) => text.startsWith(n)));
			expect(suffix(text)).toBe(needles.some((n) => text.endsWith(n)));
		}
	});

	it('handle one-character needles, the empty needle and short texts', () => {
		const many = ['x', ...Array.from({ length: 20 }, (_, i) => `needle${i}`)];
		expect(anySubstring(many)('abx')).toBe(true);
		expect(anySubstring(many)('a')).toBe(false);
		expect(anySubstring(many)('')).toBe(false);
		expect(anySubstring([...many, ''])('')).toBe(true);
		expect(anyPrefix(many)('x')).toBe(true);
		expect(anySuffix(many)('needle7')).toBe(true);
		expect(anySuffix(many)('needle77')).toBe(false);
	});
});
