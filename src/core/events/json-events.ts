import { makeDiagnostic, type Diagnostic } from '../diagnostics';
import type { Range, SourceText } from '../source';
import { findJsonError } from './json-error';
import { isSpace, scanValue } from './json-scan';
import type { EventsFormat, ParsedEvents } from './parse-events';

interface Document {
	from: number;
	to: number;
	value: unknown;
	elements?: Range[];
}

/**
 * Reads JSON events: one value, an array of events, NDJSON, or documents one after another
 * (separated by whitespace or commas). Each document is cut out by a bracket scan and handed to
 * JSON.parse, so tens of megabytes stay fast. A document that does not parse becomes an error
 * diagnostic at the exact offending character; reading then resumes at the next line that
 * starts with `{` or `[`, keeping every event that parsed.
 */
export function parseJsonEvents(source: SourceText): ParsedEvents {
	const text = source.text;
	const diagnostics: Diagnostic[] = [];
	const documents: Document[] = [];
	let i = skipSeparators(text, 0);
	while (i < text.length) {
		const scanned = scanValue(text, i, true);
		const slice = text.slice(i, scanned.end);
		let value: unknown;
		let parsed = true;
		try {
			value = JSON.parse(slice);
		} catch {
			parsed = false;
		}
		if (parsed) {
			documents.push({ from: i, to: scanned.end, value, elements: scanned.elements });
			i = skipSeparators(text, scanned.end);
			continue;
		}
		const error = findJsonError(text, i, scanned.end) ?? {
			offset: scanned.end,
			message: 'the value is not valid JSON'
		};
		const at = source.position(error.offset);
		diagnostics.push(
			makeDiagnostic(
				source,
				'events',
				'events_json_invalid',
				'error',
				`Invalid JSON at line ${at.line}, column ${at.column + 1}: ${error.message}.`,
				{ from: error.offset, to: Math.min(error.offset + 1, text.length) }
			)
		);
		i = resumeAfter(text, i, error.offset, scanned.closed ? scanned.end : text.length);
	}
	return collect(source, documents, diagnostics);
}

/** Skips whitespace and commas between documents. */
function skipSeparators(text: string, from: number): number {
	let i = from;
	while (i < text.length) {
		const c = text.charCodeAt(i);
		if (!isSpace(c) && c !== 44) break;
		i++;
	}
	return i;
}

/**
 * Where to continue after a broken document: its end when its brackets closed, else the first
 * line after the error's line start that begins with `{` or `[` in its first column.
 */
function resumeAfter(text: string, start: number, errorAt: number, closedEnd: number): number {
	let line = text.lastIndexOf('\n', Math.max(errorAt - 1, start)) + 1;
	if (line <= start) line = text.indexOf('\n', start) + 1;
	while (line > 0 && line < closedEnd) {
		const c = text[line];
		if (c === '{' || c === '[') return line;
		line = text.indexOf('\n', line) + 1;
	}
	return closedEnd >= text.length ? text.length : skipSeparators(text, closedEnd);
}

function collect(
	source: SourceText,
	documents: Document[],
	diagnostics: Diagnostic[]
): ParsedEvents {
	const text = source.text;
	const events: unknown[] = [];
	const ranges: Range[] = [];
	for (const doc of documents) {
		if (Array.isArray(doc.value) && doc.elements && doc.elements.length === doc.value.length) {
			doc.value.forEach((event, k) => {
				events.push(event);
				ranges.push(doc.elements![k]);
			});
		} else {
			events.push(doc.value);
			ranges.push({ from: doc.from, to: doc.to });
		}
	}
	events.forEach((event, k) => {
		if (typeof event !== 'object' || event === null || Array.isArray(event)) {
			const kind =
				event === null ? 'null' : Array.isArray(event) ? 'an array' : `a ${typeof event}`;
			diagnostics.push(
				makeDiagnostic(
					source,
					'events',
					'events_not_object',
					'warning',
					`Event ${k + 1} is ${kind}, not a JSON object; only keywords can match it.`,
					ranges[k]
				)
			);
		}
	});
	return { events, ranges, format: formatOf(text, documents, diagnostics), diagnostics };
}

function formatOf(text: string, documents: Document[], diagnostics: Diagnostic[]): EventsFormat {
	const broken = diagnostics.filter((d) => d.code === 'events_json_invalid').length;
	const count = documents.length + broken;
	if (count === 0) return 'empty';
	if (count === 1) return text[skipSeparators(text, 0)] === '[' ? 'json-array' : 'json';
	const oneLineEach = documents.every(
		(d, k) =>
			!text.slice(d.from, d.to).includes('\n') &&
			(k === 0 || text.slice(documents[k - 1].to, d.from).includes('\n'))
	);
	return oneLineEach ? 'ndjson' : 'json-sequence';
}
