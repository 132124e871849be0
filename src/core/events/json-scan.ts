import type { Range } from '../source';

/** Where one JSON value ends, and (for an array, when asked) where each element sits. */
export interface ScannedValue {
	/** Offset just after the value (the end of the text when it never closes). */
	end: number;
	/** False when brackets or a string never closed before the end of the text. */
	closed: boolean;
	/** Element ranges of a top-level array, when requested. */
	elements?: Range[];
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;

/** True for JSON whitespace (space, tab, line feed, carriage return) and a byte-order mark. */
export function isSpace(code: number): boolean {
	return code === 32 || code === 10 || code === 13 || code === 9 || code === 0xfeff;
}

/** The offset just after the closing quote of the string starting at `start`, or -1. */
export function stringEnd(text: string, start: number): number {
	let at = start + 1;
	for (;;) {
		const quote = text.indexOf('"', at);
		if (quote < 0) return -1;
		let slashes = 0;
		while (text.charCodeAt(quote - 1 - slashes) === BACKSLASH) slashes++;
		if (slashes % 2 === 0) return quote + 1;
		at = quote + 1;
	}
}

/**
 * Finds the extent of the JSON value starting at `start` by tracking brackets and strings only;
 * it does not validate (JSON.parse does that on the slice). With `elements`, the ranges of the
 * elements of a top-level array are collected in the same pass.
 */
export function scanValue(text: string, start: number, elements = false): ScannedValue {
	const first = text.charCodeAt(start);
	if (first === QUOTE) {
		const end = stringEnd(text, start);
		return end < 0 ? { end: text.length, closed: false } : { end, closed: true };
	}
	if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
		let end = start;
		while (end < text.length && !isDelimiter(text.charCodeAt(end))) end++;
		return { end: Math.max(end, start + 1), closed: true };
	}
	const ranges: Range[] | undefined = elements && first === OPEN_BRACKET ? [] : undefined;
	let depth = 0;
	let elementStart = -1;
	let lastNonSpace = start;
	for (let i = start; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === QUOTE) {
			const end = stringEnd(text, i);
			if (end < 0) return { end: text.length, closed: false };
			if (ranges && depth === 1 && elementStart < 0) elementStart = i;
			i = end - 1;
			lastNonSpace = i;
			continue;
		}
		if (c === OPEN_BRACE || c === OPEN_BRACKET) {
			if (ranges && depth === 1 && elementStart < 0) elementStart = i;
			depth++;
		} else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
			depth--;
			if (depth === 0) {
				if (ranges && elementStart >= 0) ranges.push({ from: elementStart, to: lastNonSpace + 1 });
				return { end: i + 1, closed: true, elements: ranges };
			}
		} else if (ranges && depth === 1 && c === COMMA) {
			if (elementStart >= 0) ranges.push({ from: elementStart, to: lastNonSpace + 1 });
			elementStart = -1;
			continue;
		} else if (isSpace(c)) {
			continue;
		} else if (ranges && depth === 1 && elementStart < 0) {
			elementStart = i;
		}
		lastNonSpace = i;
	}
	return { end: text.length, closed: false };
}

function isDelimiter(code: number): boolean {
	return (
		isSpace(code) ||
		code === COMMA ||
		code === OPEN_BRACE ||
		code === OPEN_BRACKET ||
		code === CLOSE_BRACE ||
		code === CLOSE_BRACKET ||
		code === QUOTE
	);
}
