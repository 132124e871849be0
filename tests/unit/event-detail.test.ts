import { describe, expect, it } from 'vitest';
import { compileMatcher, matchEvent, parseEvents, parseRule } from '../../src/core/index';
import { detailMarks, segments } from '../../src/ui/event-marks-view';
import { eventDetail, formatPath, previewOf } from '../../src/worker/event-detail';

const rule = [
	'title: Certutil download',
	'logsource:',
	'    product: windows',
	'    category: process_creation',
	'detection:',
	'    selection_img:',
	"        Image|endswith: '\\certutil.exe'",
	'    selection_cli:',
	"        CommandLine|contains: '-urlcache'",
	'    _helper:',
	"        User: 'nobody'",
	'    filter:',
	"        User: 'NT AUTHORITY\\SYSTEM'",
	'    condition: all of selection_* and not filter and not 1 of them',
	''
].join('\n');

const events = [
	'{"Event": {"System": {"EventID": 1, "Channel": "Microsoft-Windows-Sysmon/Operational"},',
	' "EventData": {"Image": "C:\\\\Windows\\\\certutil.exe", "CommandLine": "certutil -hashfile x",',
	' "User": "CORP\\\\alice"}}}'
].join('\n');

function explain(eventsText: string, ruleText = rule) {
	const parsed = parseRule(ruleText);
	const matcher = compileMatcher(parsed);
	const read = parseEvents(eventsText);
	const match = matchEvent(matcher, read.events[0]);
	return eventDetail({ parsed, text: eventsText, ranges: read.ranges }, 0, match);
}

describe('formatPath', () => {
	it('joins plain keys with dots and brackets the rest', () => {
		expect(formatPath(['Event', 'EventData', 'Image'])).toBe('Event.EventData.Image');
		expect(formatPath(['Event', 'EventData', 'Data', 2, '#text'])).toBe(
			'Event.EventData.Data[2].#text'
		);
		expect(formatPath(['Threat Name'])).toBe('["Threat Name"]');
		expect(formatPath(['a', 'b.c'])).toBe('a["b.c"]');
	});
});

describe('previewOf', () => {
	it('collapses whitespace and keeps 200 characters', () => {
		expect(previewOf('[\n  {\n    "a": 1\n  }\n]', { from: 4, to: 20 })).toBe('{ "a": 1 }');
		expect(previewOf('x'.repeat(500), { from: 0, to: 500 })).toBe('x'.repeat(200));
	});
});

describe('the explanation of the conditions', () => {
	it('gives every node its verdict and expands selectors without names starting with _', () => {
		const explanation = explain(events).match.explanation!;
		expect(
			explanation.selections.map((s) => [s.name, s.matched]),
			'the verdicts the tree shows'
		).toEqual([
			['selection_img', true],
			['selection_cli', false],
			['_helper', false],
			['filter', false]
		]);
		expect(explanation.conditions.map((c) => c.text)).toEqual([
			'all of selection_* and not filter and not 1 of them'
		]);
		const tree = explanation.conditions[0].tree;
		expect(tree).toEqual({
			kind: 'and',
			value: false,
			args: [
				{
					kind: 'selector',
					value: false,
					text: 'all of selection_*',
					range: expect.any(Object),
					args: [
						{
							kind: 'ref',
							value: true,
							name: 'selection_img',
							range: expect.any(Object),
							known: true
						},
						{
							kind: 'ref',
							value: false,
							name: 'selection_cli',
							range: expect.any(Object),
							known: true
						}
					]
				},
				{
					kind: 'not',
					value: true,
					arg: { kind: 'ref', value: false, name: 'filter', range: expect.any(Object), known: true }
				},
				{
					kind: 'not',
					value: false,
					arg: {
						kind: 'selector',
						value: true,
						text: '1 of them',
						range: expect.any(Object),
						args: ['selection_img', 'selection_cli', 'filter'].map((name) => ({
							kind: 'ref',
							value: name === 'selection_img',
							name,
							range: expect.any(Object),
							known: true
						}))
					}
				}
			]
		});
	});
});

describe('the negated selections of a matcher', () => {
	it('lists the selections under an odd number of not, selectors expanded', () => {
		const negated = (text: string) => compileMatcher(parseRule(text)).rules[0].negated;
		expect(negated(rule)).toEqual(['filter', 'selection_img', 'selection_cli']);
		const twice = rule.replace(
			'all of selection_* and not filter and not 1 of them',
			'not (selection_img and not filter)'
		);
		expect(negated(twice)).toEqual(['selection_img']);
	});
});

describe('eventDetail', () => {
	it('names the resolved path, the rule value and the place of the compared value', () => {
		const detail = explain(events);
		expect(detail.match.match).toBe(false);
		const names = detail.match.explanation!.selections.map((s) => s.name);
		const img = names.indexOf('selection_img');
		const cli = names.indexOf('selection_cli');
		expect(detail.items[img][0]).toEqual({
			value: "'\\certutil.exe'",
			path: 'Event.EventData.Image',
			mark: expect.any(Object)
		});
		const at = detail.items[img][0].mark!;
		expect(detail.text.slice(at.from, at.to)).toBe('"C:\\\\Windows\\\\certutil.exe"');
		const failed = detail.items[cli][0];
		expect(failed.path).toBe('Event.EventData.CommandLine');
		expect(detail.text.slice(failed.mark!.from, failed.mark!.to)).toBe('"certutil -hashfile x"');
		expect(detail.offset).toBe(0);
		expect(detail.truncated).toBe(false);
	});

	it('marks the failed item of the closest selection and the values of the excluding one', () => {
		const detail = explain(events);
		// `not 1 of them` needs selection_img false, and it held.
		expect(detail.match.explanation!.closest).toBe('selection_cli');
		expect(detail.match.explanation!.excludedBy).toBe('selection_img');
		const pieces = segments(detail.text, detailMarks(detail)).filter((p) => p.kind);
		expect(pieces).toEqual([
			{ text: '"C:\\\\Windows\\\\certutil.exe"', kind: 'miss' },
			{ text: '"certutil -hashfile x"', kind: 'miss' }
		]);
	});

	it('marks the values of the selections that held when the event matches', () => {
		const matchingRule = rule.replace(' and not 1 of them', '');
		const detail = explain(events.replace('-hashfile', '-urlcache'), matchingRule);
		expect(detail.match.match).toBe(true);
		const pieces = segments(detail.text, detailMarks(detail)).filter((p) => p.kind);
		expect(pieces).toEqual([
			{ text: '"C:\\\\Windows\\\\certutil.exe"', kind: 'hit' },
			{ text: '"certutil -urlcache x"', kind: 'hit' }
		]);
	});
});
