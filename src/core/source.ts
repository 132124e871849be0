/** A line (1-based) and column (0-based, in UTF-16 code units), as acorn and ESTree count them. */
export interface Position {
	line: number;
	column: number;
}

/** A half-open span of UTF-16 offsets into a source text, the shape CodeMirror diagnostics use. */
export interface Range {
	from: number;
	to: number;
}

/**
 * Converts offsets of one source text to line/column positions. The line index is built on the
 * first request, so texts that never need a position cost nothing.
 */
export class SourceText {
	#lineStarts: number[] | null = null;

	constructor(readonly text: string) {}

	/** The line/column of an offset; offsets outside the text are clamped to it. */
	position(offset: number): Position {
		const starts = this.#lines();
		const at = Math.max(0, Math.min(offset, this.text.length));
		let lo = 0;
		let hi = starts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (starts[mid] <= at) lo = mid;
			else hi = mid - 1;
		}
		return { line: lo + 1, column: at - starts[lo] };
	}

	#lines(): number[] {
		if (this.#lineStarts) return this.#lineStarts;
		const starts = [0];
		for (let i = 0; i < this.text.length; i++) {
			const c = this.text.charCodeAt(i);
			if (c === 10) starts.push(i + 1);
			else if (c === 13 && this.text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
		}
		this.#lineStarts = starts;
		return starts;
	}
}
