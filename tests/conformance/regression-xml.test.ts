import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEvents } from '../../src/core/events/parse-events';
import { compileMatcher, matchEvent } from '../../src/core/match/match';
import { parseRule } from '../../src/core/rule/parse-rule';
import { sharedDir, sharedMissing } from '../support/shared';

/**
 * The SigmaHQ regression events are evtx_dump JSON. Written back as the XML Windows exports
 * (`<Provider Name=…/>`, `<Data Name="Image">…</Data>`), every event must get the same verdict
 * and the same selections as its JSON form: the XML reader builds the layout the matcher reads.
 */

const shared = sharedDir();
if (!shared) console.warn(sharedMissing);

const escape = (text: string): string =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function textOf(value: unknown): string {
	if (value === null || value === undefined) return '';
	return escape(typeof value === 'object' ? JSON.stringify(value) : String(value));
}

/** Writes an evtx_dump value as the XML element it came from. */
function toXml(name: string, value: unknown): string {
	if (value === null || value === undefined) return `<${name}/>`;
	if (Array.isArray(value)) return value.map((item) => toXml(name, item)).join('');
	if (typeof value !== 'object') return `<${name}>${escape(String(value))}</${name}>`;
	const fields = value as Record<string, unknown>;
	const attributes = Object.entries((fields['#attributes'] ?? {}) as Record<string, unknown>)
		.map(([key, attribute]) => ` ${key}="${escape(String(attribute))}"`)
		.join('');
	let inner = '#text' in fields ? escape(String(fields['#text'])) : '';
	const namedData = name === 'EventData' && !('Data' in fields);
	for (const [key, child] of Object.entries(fields)) {
		if (key === '#attributes' || key === '#text') continue;
		inner += namedData ? `<Data Name="${escape(key)}">${textOf(child)}</Data>` : toXml(key, child);
	}
	return `<${name}${attributes}>${inner}</${name}>`;
}

describe.skipIf(!shared)('SigmaHQ regression events as Windows event XML', () => {
	it('gives every event the verdict of its JSON form', () => {
		const root = join(shared ?? '', 'events/sigmahq-regression');
		const cases = readFileSync(join(root, 'index.jsonl'), 'utf8')
			.split('\n')
			.filter((line) => line.trim() !== '')
			.map((line) => JSON.parse(line) as { rule_path: string; events: string[] });
		const differences: string[] = [];
		let compared = 0;
		for (const c of cases) {
			const rule = readFileSync(join(shared ?? '', 'conformance/rules', c.rule_path), 'utf8');
			const matcher = compileMatcher(parseRule(rule));
			for (const file of c.events) {
				const json = parseEvents(readFileSync(join(root, file), 'utf8')).events;
				const body = json.map((event) => toXml('Event', (event as { Event: unknown }).Event));
				const xml = parseEvents(`<Events>\n${body.join('\n')}\n</Events>\n`);
				expect(xml.diagnostics).toEqual([]);
				expect(xml.events).toHaveLength(json.length);
				json.forEach((event, k) => {
					const fromJson = matchEvent(matcher, event, { explain: false });
					const fromXml = matchEvent(matcher, xml.events[k], { explain: false });
					compared++;
					const same =
						fromJson.match === fromXml.match &&
						fromJson.selections.join() === fromXml.selections.join();
					if (!same) differences.push(`${file}#${k}: ${fromJson.match} vs ${fromXml.match}`);
				});
			}
		}
		expect(compared).toBe(205);
		expect(differences).toEqual([]);
	});
});
