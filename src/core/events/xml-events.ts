import { SaxesParser } from 'saxes';
import { makeDiagnostic, type Diagnostic } from '../diagnostics';
import type { Range, SourceText } from '../source';
import type { ParsedEvents } from './parse-events';
import { elementValue, localName, type XmlElement } from './xml-element';

/**
 * Reads Windows event XML as Event Viewer ("Save as XML"), `wevtutil qe /f:xml` and Get-WinEvent
 * (`ToXml()`) write it: `<Event>` elements, wrapped in `<Events>` or one after another. Each
 * outermost `<Event>` becomes `{"Event": {...}}` in the layout evtx_dump gives (see
 * `elementValue`), so the matcher reads `Event.System` and `Event.EventData` as for JSON exports.
 * A well-formedness error is reported once at its line and column; the event it occurs in is
 * dropped and reading goes on with the next `<Event>`. A bare `&` (common in hand-written
 * samples) is read as itself, with a warning.
 */
export function parseXmlEvents(source: SourceText, start: number): ParsedEvents {
	const text = source.text;
	const events: unknown[] = [];
	const ranges: Range[] = [];
	const diagnostics: Diagnostic[] = [];
	const begin = afterDeclaration(text, start);
	const bare = findBareAmpersands(text, begin);
	const unmask = (value: string): string =>
		bare.length > 0 ? value.replace(/\uE000/g, '&') : value;
	const parser = new SaxesParser({ fragment: true, position: true });
	const stack: XmlElement[] = [];
	let eventFrom = -1;
	let isRecovering = false;
	let strayText = -1;

	parser.on('opentag', (tag) => {
		const name = tag.name;
		if (eventFrom < 0) {
			if (localName(name) !== 'Event') return;
			isRecovering = false;
			eventFrom = text.lastIndexOf(`<${name}`, begin + parser.position);
		}
		const attributes: Record<string, string> = {};
		for (const [key, value] of Object.entries(tag.attributes as Record<string, string>)) {
			attributes[key] = unmask(value);
		}
		stack.push({ name, attributes, children: [], text: '' });
	});
	const onText = (chunk: string): void => {
		if (eventFrom >= 0) stack[stack.length - 1].text += unmask(chunk);
		else if (strayText < 0 && diagnostics.length === 0 && chunk.trim() !== '') {
			// Text is reported when the next tag starts (or at the end), so its start is found
			// from the previous markup.
			strayText = text.lastIndexOf('>', begin + parser.position - 2) + 1;
			while (/\s/.test(text[strayText])) strayText++;
		}
	};
	parser.on('text', onText);
	parser.on('cdata', onText);
	const fail = (offset: number, message: string): void => {
		isRecovering = true;
		eventFrom = -1;
		stack.length = 0;
		diagnostics.push(invalidXml(source, offset, message));
	};
	parser.on('closetag', (tag) => {
		if (eventFrom < 0) return;
		const end = begin + parser.position;
		const element = stack.pop()!;
		if (!tag.isSelfClosing) {
			// saxes closes the open elements one by one up to a mismatched end tag; naming both
			// tags at the end tag reads better than its own message.
			const from = text.lastIndexOf('</', end - 2);
			const written = text.slice(from + 2, end - 1).trim();
			if (written !== element.name) {
				fail(from, `expected </${element.name}> but found </${written}>`);
				return;
			}
		}
		const value = elementValue(element);
		if (stack.length > 0) {
			stack[stack.length - 1].children.push([element.name, value]);
			return;
		}
		events.push({ [element.name]: value });
		ranges.push({ from: eventFrom, to: begin + parser.position });
		eventFrom = -1;
	});
	parser.on('error', (error) => {
		// Outside an event, saxes's recovery from an earlier error (it closes every open element
		// when an end tag matches none) leaves the wrapper unbalanced; that is no new problem.
		if (isRecovering || (eventFrom < 0 && diagnostics.length > 0)) return;
		const offset = Math.min(begin + Math.max(parser.position - 1, 0), text.length);
		fail(offset, error.message.replace(/^\d+:\d+: /, ''));
	});
	try {
		parser.write(maskAt(text.slice(begin), bare, begin));
		if (eventFrom >= 0 && !isRecovering) {
			fail(eventFrom, `the <${stack[0].name}> element that starts here is never closed`);
		}
		parser.close();
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		diagnostics.push(invalidXml(source, text.length, message));
	}
	if (bare.length > 0) diagnostics.push(bareAmpersandDiagnostic(source, bare));
	if (strayText >= 0) {
		diagnostics.push(
			makeDiagnostic(
				source,
				'events',
				'events_xml_text_ignored',
				'warning',
				'Text outside the <Event> elements is ignored.',
				{ from: strayText, to: Math.min(strayText + 1, text.length) }
			)
		);
	}
	if (events.length === 0 && diagnostics.length === 0) {
		diagnostics.push(
			makeDiagnostic(
				source,
				'events',
				'events_xml_no_events',
				'error',
				'The XML holds no <Event> element; Windows event XML (Event Viewer, wevtutil or ' +
					'Get-WinEvent) is expected.',
				{ from: start, to: Math.min(start + 1, text.length) }
			)
		);
	}
	return { events, ranges, format: 'xml', diagnostics };
}

/** The offset after an XML declaration at `start` (which fragment parsing would refuse). */
function afterDeclaration(text: string, start: number): number {
	if (!text.startsWith('<?xml', start)) return start;
	const end = text.indexOf('?>', start);
	return end < 0 ? start : end + 2;
}

// CDATA sections and comments may hold a bare `&`; elsewhere it must start a reference.
const ampersands =
	/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|&(?!(?:[A-Za-z_:][\w.:-]*|#\d+|#x[\da-fA-F]+);)/g;

/** The offsets of `&` characters that start no entity or character reference. */
export function findBareAmpersands(text: string, from: number): number[] {
	if (!text.includes('&', from)) return [];
	const found: number[] = [];
	ampersands.lastIndex = from;
	for (let m = ampersands.exec(text); m; m = ampersands.exec(text)) {
		if (m[0] === '&') found.push(m.index);
	}
	return found;
}

/**
 * Replaces each bare `&` by U+E000 (one UTF-16 unit, so every offset stays right): saxes would
 * otherwise read the rest of the text as one unterminated entity name.
 */
export function maskAt(body: string, bare: readonly number[], offset: number): string {
	if (bare.length === 0) return body;
	const parts: string[] = [];
	let last = 0;
	for (const at of bare) {
		parts.push(body.slice(last, at - offset), '\uE000');
		last = at - offset + 1;
	}
	parts.push(body.slice(last));
	return parts.join('');
}

function bareAmpersandDiagnostic(source: SourceText, bare: readonly number[]): Diagnostic {
	const at = source.position(bare[0]);
	const others = bare.length - 1;
	const more = others === 0 ? '' : ` (and ${others} more)`;
	return makeDiagnostic(
		source,
		'events',
		'events_xml_bare_ampersand',
		'warning',
		`The & at line ${at.line}, column ${at.column + 1}${more} starts no entity, which XML ` +
			'does not allow (write &amp;); it is read as a plain &.',
		{ from: bare[0], to: bare[0] + 1 }
	);
}

function invalidXml(source: SourceText, offset: number, message: string): Diagnostic {
	const at = source.position(offset);
	const reason = message.replace(/\.$/, '');
	return makeDiagnostic(
		source,
		'events',
		'events_xml_invalid',
		'error',
		`Invalid XML at line ${at.line}, column ${at.column + 1}: ${reason}.`,
		{ from: offset, to: Math.min(offset + 1, source.text.length) }
	);
}
