import { makeDiagnostic, type Diagnostic } from '../diagnostics';
import { SourceText, type Range } from '../source';
import { csvHeaderDelimiter, parseCsvEvents } from './csv-events';
import { parseJsonEvents } from './json-events';
import { isSpace } from './json-scan';
import { parseXmlEvents } from './xml-events';

/**
 * How the events text was laid out: one JSON value, one JSON array of events, one event per
 * line (NDJSON), several JSON documents one after another, CSV with a header row, Windows event
 * XML, nothing at all, or none of these.
 */
export type EventsFormat =
	'empty' | 'unknown' | 'json' | 'json-array' | 'ndjson' | 'json-sequence' | 'csv' | 'xml';

/** The events read from a text, each with its range in that text, and the problems found. */
export interface ParsedEvents {
	events: unknown[];
	/** One range per event, parallel to `events` (the JSON value, the CSV row, the XML element). */
	ranges: Range[];
	format: EventsFormat;
	diagnostics: Diagnostic[];
}

/**
 * Reads events from pasted or loaded text, recognising the format from its start: `{` or `[`
 * starts JSON (an object, an array of events, NDJSON or documents one after another), `<` starts
 * Windows event XML, and a first line naming two or more columns starts CSV. Problems become
 * diagnostics with line and column; a text in none of these formats gets one diagnostic that
 * lists them. Never throws.
 */
export function parseEvents(text: string): ParsedEvents {
	const source = new SourceText(text);
	let start = 0;
	while (start < text.length && isSpace(text.charCodeAt(start))) start++;
	if (start === text.length) return { events: [], ranges: [], format: 'empty', diagnostics: [] };
	const first = text[start];
	if (first === '{' || first === '[') return parseJsonEvents(source);
	if (first === '<') return parseXmlEvents(source, start);
	const delimiter = csvHeaderDelimiter(text, start);
	if (delimiter !== null) return parseCsvEvents(source, start, delimiter);
	if (startsJsonScalar(text, start) || /^[{[]/m.test(text)) return parseJsonEvents(source);
	let end = text.indexOf('\n', start);
	if (end < 0) end = text.length;
	const diagnostic = makeDiagnostic(
		source,
		'events',
		'events_format_unknown',
		'error',
		'These events are in no format the tester reads. Paste JSON (an object, an array, NDJSON ' +
			'or documents one after another), Windows event XML (<Event> elements, as Event Viewer, ' +
			'wevtutil or Get-WinEvent export them) or CSV with a header row (Sentinel and Defender ' +
			'exports).',
		{ from: start, to: text[end - 1] === '\r' ? end - 1 : end }
	);
	return { events: [], ranges: [], format: 'unknown', diagnostics: [diagnostic] };
}

/** True when the text at `start` begins like a JSON string, number, or literal. */
function startsJsonScalar(text: string, start: number): boolean {
	return /^(?:"|-?\d|true\b|false\b|null\b)/.test(text.slice(start, start + 6));
}
