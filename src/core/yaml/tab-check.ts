import type { Range } from '../source';

/**
 * PyYAML's scanner refuses a tab anywhere but inside quoted or block scalars and comments; the
 * offset of the first tab it would refuse, or -1.
 */
export function firstBadTab(text: string, safe: readonly Range[]): number {
	for (let at = text.indexOf('\t'); at >= 0; at = text.indexOf('\t', at + 1)) {
		if (safe.some((r) => r.from <= at && at < r.to)) continue;
		const lineStart = text.lastIndexOf('\n', at - 1) + 1;
		let comment = false;
		for (let i = lineStart; i < at; i++) {
			if (text[i] !== '#' || safe.some((r) => r.from <= i && i < r.to)) continue;
			if (i === lineStart || text[i - 1] === ' ' || text[i - 1] === '\t') {
				comment = true;
				break;
			}
		}
		if (!comment) return at;
	}
	return -1;
}
