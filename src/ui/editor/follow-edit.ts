import type { Diagnostic, Position } from '../../core/index';

/**
 * Carries diagnostics found in `before` over to `after`, the same text after an edit, until
 * fresh ones arrive: those before the changed stretch stay, those after it move with the text
 * (line and column recomputed), and those that touch it are dropped.
 */
export function followEdit(
	diagnostics: readonly Diagnostic[],
	before: string,
	after: string
): Diagnostic[] {
	if (before === after || diagnostics.length === 0) return [...diagnostics];
	const shortest = Math.min(before.length, after.length);
	let head = 0;
	while (head < shortest && before.charCodeAt(head) === after.charCodeAt(head)) head++;
	let tail = 0;
	while (
		tail < shortest - head &&
		before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)
	) {
		tail++;
	}
	const changedEnd = before.length - tail;
	const delta = after.length - before.length;
	const starts = lineStarts(after);
	const out: Diagnostic[] = [];
	for (const d of diagnostics) {
		if (d.to <= head) out.push(d);
		else if (d.from >= changedEnd) {
			const from = d.from + delta;
			const to = d.to + delta;
			out.push({ ...d, from, to, start: positionOf(starts, from), end: positionOf(starts, to) });
		}
	}
	return out;
}

/** Offsets where lines start, with line breaks counted as the core counts them. */
function lineStarts(text: string): number[] {
	const starts = [0];
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 10) starts.push(i + 1);
		else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
	}
	return starts;
}

function positionOf(starts: readonly number[], offset: number): Position {
	let lo = 0;
	let hi = starts.length - 1;
	while (lo < hi) {
		const mid = (lo + hi + 1) >> 1;
		if (starts[mid] <= offset) lo = mid;
		else hi = mid - 1;
	}
	return { line: lo + 1, column: offset - starts[lo] };
}
