import Papa from 'papaparse';
import type { Range } from '../source';
import { csvHeaderDelimiter } from './csv-events';

/**
 * Finds the cell of column `path[0]` in one CSV row (`event` is its range) of a text whose first
 * line, at `start`, is the header; the whole row for an empty path. A quoted cell's range
 * includes its quotes. Null when the text has no CSV header, the column is not in it, or the
 * row ends before it.
 */
export function locateCsvPath(
	text: string,
	start: number,
	event: Range,
	path: readonly (string | number)[]
): Range | null {
	if (path.length === 0) return event;
	const delimiter = csvHeaderDelimiter(text, start);
	if (delimiter === null || path.length !== 1) return null;
	let end = text.indexOf('\n', start);
	if (end < 0) end = text.length;
	const header = Papa.parse<string[]>(text.slice(start, end), { delimiter }).data[0] ?? [];
	const column = header.findIndex((name) => name.trim() === path[0]);
	if (column < 0) return null;
	let at = event.from;
	for (let k = 0; at <= event.to; k++) {
		const cellEnd = endOfCell(text, at, event.to, delimiter);
		if (k === column) return { from: at, to: cellEnd };
		if (cellEnd >= event.to) return null;
		at = cellEnd + delimiter.length;
	}
	return null;
}

/** Where the cell starting at `from` ends: after its closing quote, or at the next delimiter. */
function endOfCell(text: string, from: number, to: number, delimiter: string): number {
	if (text[from] !== '"') {
		const next = text.indexOf(delimiter, from);
		return next < 0 || next > to ? to : next;
	}
	let at = from + 1;
	for (;;) {
		const quote = text.indexOf('"', at);
		if (quote < 0 || quote >= to) return to;
		if (text[quote + 1] !== '"') return quote + 1;
		at = quote + 2;
	}
}
