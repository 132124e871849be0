import type { Range } from '../source';
import { locateCsvPath } from './csv-locate';
import { isSpace, scanValue, stringEnd } from './json-scan';
import { locateXmlPath } from './xml-locate';

/**
 * Finds where the value at `path` (keys and array indexes from the event root, as matcher
 * explanations give them) sits in the events text, so that the UI can highlight it. `event` is
 * the event's range in that text, as `parseEvents` gave it; the format is recognised from the
 * start of the text as there (a CSV cell, the text of an XML element, a JSON value). Null when
 * the path does not lead to a value.
 */
export function locatePath(
	text: string,
	event: Range,
	path: readonly (string | number)[]
): Range | null {
	const start = skipSpace(text, 0, text.length);
	const first = text[start];
	if (first === '<') return locateXmlPath(text, event, path);
	if (first !== '{' && first !== '[' && text[skipSpace(text, event.from, event.to)] !== '{') {
		const cell = locateCsvPath(text, start, event, path);
		if (cell) return cell;
	}
	let at = skipSpace(text, event.from, event.to);
	for (const step of path) {
		const c = text[at];
		if (c === '{' && typeof step === 'string') {
			const found = findKey(text, at, event.to, step);
			if (found < 0) return null;
			at = found;
		} else if (c === '[' && typeof step === 'number') {
			const found = findElement(text, at, event.to, step);
			if (found < 0) return null;
			at = found;
		} else {
			return null;
		}
	}
	return { from: at, to: Math.min(scanValue(text, at).end, event.to) };
}

function skipSpace(text: string, from: number, to: number): number {
	let i = from;
	while (i < to && isSpace(text.charCodeAt(i))) i++;
	return i;
}

/** The offset of the value of `key` in the object at `start`, or -1 (the last duplicate wins). */
function findKey(text: string, start: number, to: number, key: string): number {
	let i = skipSpace(text, start + 1, to);
	let found = -1;
	while (i < to && text[i] === '"') {
		const keyEnd = stringEnd(text, i);
		if (keyEnd < 0) return found;
		const name = JSON.parse(text.slice(i, keyEnd)) as string;
		i = skipSpace(text, keyEnd, to);
		if (text[i] !== ':') return found;
		i = skipSpace(text, i + 1, to);
		if (name === key) found = i;
		i = skipSpace(text, scanValue(text, i).end, to);
		if (text[i] !== ',') return found;
		i = skipSpace(text, i + 1, to);
	}
	return found;
}

/** The offset of element `index` of the array at `start`, or -1. */
function findElement(text: string, start: number, to: number, index: number): number {
	let i = skipSpace(text, start + 1, to);
	for (let k = 0; i < to && text[i] !== ']'; k++) {
		if (k === index) return i;
		i = skipSpace(text, scanValue(text, i).end, to);
		if (text[i] !== ',') return -1;
		i = skipSpace(text, i + 1, to);
	}
	return -1;
}
