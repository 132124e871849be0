import Papa from 'papaparse';
import { makeDiagnostic, type Diagnostic } from '../diagnostics';
import type { Range, SourceText } from '../source';
import type { ParsedEvents } from './parse-events';

/** Delimiters a header row may use: comma (portal exports), tab and semicolon (spreadsheets). */
const delimiters = [',', '\t', ';'];

const letter = /\p{L}/u;

/**
 * The delimiter of the CSV header row starting at `start`, or null when that line is no header
 * row: a header names at least two columns, each a short name (a letter, at most three words)
 * that does not start like JSON or XML, so that prose or a broken JSON line is not taken for CSV.
 */
export function csvHeaderDelimiter(text: string, start: number): string | null {
	let end = text.indexOf('\n', start);
	if (end < 0) end = text.length;
	const line = text.slice(start, end).replace(/\r$/, '');
	if (line.length > 65536) return null;
	const parsed = Papa.parse<string[]>(line, { delimitersToGuess: delimiters });
	const names = parsed.data[0];
	if (parsed.errors.some((e) => e.type === 'Quotes') || !names || names.length < 2) return null;
	const isName = (name: string): boolean =>
		letter.test(name) && name.length <= 100 && !/^\s*[{[<]|\S\s+\S+\s+\S+\s+\S/.test(name);
	return names.every(isName) ? parsed.meta.delimiter : null;
}

/** How many rows had the wrong number of values, and the first of them. */
interface FieldCountProblem {
	first: { range: Range; values: number };
	rows: number;
}

/**
 * Reads CSV events (Sentinel and Defender portal exports, spreadsheets): the first row names the
 * columns, each further row is one event whose values stay strings. Quoted values may hold
 * delimiters, line breaks and doubled quotes. A quoted value that is never closed properly is an
 * error at its opening quote and its row is dropped; rows with too few or too many values are
 * kept (missing columns are left out, extra values ignored) under one warning per kind.
 */
export function parseCsvEvents(source: SourceText, start: number, delimiter: string): ParsedEvents {
	const text = source.text;
	const events: unknown[] = [];
	const ranges: Range[] = [];
	const diagnostics: Diagnostic[] = [];
	const tooFew: FieldCountProblem = { first: { range: { from: 0, to: 0 }, values: 0 }, rows: 0 };
	const tooMany: FieldCountProblem = { first: { range: { from: 0, to: 0 }, values: 0 }, rows: 0 };
	let header = null as string[] | null;
	let rowStart = start;
	Papa.parse<string[]>(text.slice(start), {
		delimiter,
		step(result) {
			const from = rowStart;
			const cursor = start + result.meta.cursor;
			rowStart = cursor;
			const range = { from, to: trimLineBreak(text, from, cursor) };
			const quoteError = result.errors.find((e) => e.type === 'Quotes');
			if (quoteError) {
				diagnostics.push(quoteDiagnostic(source, start + (quoteError.index ?? 0) - 1, range));
				return;
			}
			const values = result.data;
			if (header === null) {
				header = values.map((name) => name.trim());
				return;
			}
			if (values.length === 1 && values[0].trim() === '') return;
			const count = Math.min(values.length, header.length);
			const problem = values.length < header.length ? tooFew : tooMany;
			if (values.length !== header.length && problem.rows++ === 0) {
				problem.first = { range, values: values.length };
			}
			const entries: [string, string][] = [];
			const seen = new Set<string>();
			for (let k = 0; k < count; k++) {
				if (seen.has(header[k])) continue;
				seen.add(header[k]);
				entries.push([header[k], values[k]]);
			}
			events.push(Object.fromEntries(entries));
			ranges.push(range);
		}
	});
	const columns = header?.length ?? 0;
	if (tooFew.rows > 0) {
		diagnostics.push(countDiagnostic(source, tooFew, columns, 'the missing columns are absent'));
	}
	if (tooMany.rows > 0) {
		diagnostics.push(countDiagnostic(source, tooMany, columns, 'the extra values are ignored'));
	}
	if (events.length === 0 && diagnostics.length === 0) {
		diagnostics.push(
			makeDiagnostic(
				source,
				'events',
				'events_csv_no_rows',
				'warning',
				'The CSV has a header row but no rows of events below it.',
				{ from: start, to: trimLineBreak(text, start, rowStart) }
			)
		);
	}
	return { events, ranges, format: 'csv', diagnostics };
}

function trimLineBreak(text: string, from: number, to: number): number {
	let end = to;
	if (end > from && text[end - 1] === '\n') end--;
	if (end > from && text[end - 1] === '\r') end--;
	return end;
}

function quoteDiagnostic(source: SourceText, quote: number, row: Range): Diagnostic {
	const at = source.text[quote] === '"' ? quote : row.from;
	const position = source.position(at);
	return makeDiagnostic(
		source,
		'events',
		'events_csv_invalid',
		'error',
		`Invalid CSV at line ${position.line}, column ${position.column + 1}: the quoted value ` +
			'opened here is not closed properly (a quote inside a quoted value is written twice: "").',
		{ from: at, to: at + 1 }
	);
}

function countDiagnostic(
	source: SourceText,
	problem: FieldCountProblem,
	columns: number,
	consequence: string
): Diagnostic {
	const line = source.position(problem.first.range.from).line;
	const others = problem.rows - 1;
	const more = others === 0 ? '' : ` (and ${count(others, 'more row')})`;
	return makeDiagnostic(
		source,
		'events',
		'events_csv_field_count',
		'warning',
		`The row at line ${line} has ${count(problem.first.values, 'value')} but the header ` +
			`names ${count(columns, 'column')}${more}; ${consequence}.`,
		problem.first.range
	);
}

function count(n: number, noun: string): string {
	return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
