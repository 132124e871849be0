import { describe, expect, it } from 'vitest';
import { parseEvents } from '../../src/core/events/parse-events';

const brief = (text: string) => {
	const r = parseEvents(text);
	return {
		format: r.format,
		events: r.events,
		slices: r.ranges.map((range) => text.slice(range.from, range.to)),
		problems: r.diagnostics.map((d) => `${d.code} ${d.start.line}:${d.start.column} ${d.message}`)
	};
};

describe('event formats', () => {
	it('reads one JSON object', () => {
		expect(brief('  {"EventID": 1}\n')).toEqual({
			format: 'json',
			events: [{ EventID: 1 }],
			slices: ['{"EventID": 1}'],
			problems: []
		});
	});

	it('reads a JSON array, with the range of each element', () => {
		const text = '[\n  {"a": "x,y]"},\n  {"b": [1, {"c": "}"}]}\n]';
		expect(brief(text)).toEqual({
			format: 'json-array',
			events: [{ a: 'x,y]' }, { b: [1, { c: '}' }] }],
			slices: ['{"a": "x,y]"}', '{"b": [1, {"c": "}"}]}'],
			problems: []
		});
	});

	it('reads NDJSON, with CRLF line ends and blank lines', () => {
		const text = '{"n":1}\r\n\r\n{"n":2,"s":"a\\"}b"}\r\n{"n":3}';
		expect(brief(text)).toMatchObject({
			format: 'ndjson',
			events: [{ n: 1 }, { n: 2, s: 'a"}b' }, { n: 3 }],
			slices: ['{"n":1}', '{"n":2,"s":"a\\"}b"}', '{"n":3}']
		});
	});

	it('reads pretty-printed documents one after another, and comma-separated ones', () => {
		expect(brief('{\n  "n": 1\n}\n{\n  "n": 2\n}').format).toBe('json-sequence');
		expect(brief('{"n": 1}, {"n": 2}')).toMatchObject({
			format: 'json-sequence',
			events: [{ n: 1 }, { n: 2 }]
		});
	});

	it('skips a byte-order mark and reports an empty text as empty', () => {
		expect(brief('\ufeff{"n":1}').events).toEqual([{ n: 1 }]);
		expect(brief(' \n\t')).toEqual({ format: 'empty', events: [], slices: [], problems: [] });
	});

	it('warns about events that are not objects, and keeps them', () => {
		expect(brief('[1, "x"]')).toMatchObject({
			events: [1, 'x'],
			problems: [
				'events_not_object 1:1 Event 1 is a number, not a JSON object; only keywords can match it.',
				'events_not_object 1:4 Event 2 is a string, not a JSON object; only keywords can match it.'
			]
		});
	});
});

describe('bad JSON', () => {
	it('points at the exact character and keeps the other NDJSON lines', () => {
		const text = '{"n":1}\n{"n":2 "m":3}\n{"n":3}';
		expect(brief(text)).toEqual({
			format: 'ndjson',
			events: [{ n: 1 }, { n: 3 }],
			slices: ['{"n":1}', '{"n":3}'],
			problems: [
				"events_json_invalid 2:7 Invalid JSON at line 2, column 8: expected ',' or '}' after a property value but found '\"'."
			]
		});
	});

	it('recovers at the next document when a closing brace is missing', () => {
		const text = '{"n": 1,\n "m": 2\n{"n": 3}\n';
		expect(brief(text)).toMatchObject({
			events: [{ n: 3 }],
			problems: [
				"events_json_invalid 3:0 Invalid JSON at line 3, column 1: expected ',' or '}' after a property value but found '{'."
			]
		});
	});

	it('describes the usual mistakes', () => {
		const problem = (text: string) => brief(text).problems[0];
		expect(problem('{"a": 1,}')).toBe(
			'events_json_invalid 1:8 Invalid JSON at line 1, column 9: a trailing comma is not allowed before }.'
		);
		expect(problem("{'a': 1}")).toBe(
			"events_json_invalid 1:1 Invalid JSON at line 1, column 2: expected a property name in double quotes but found '''."
		);
		expect(problem('{"path": "C:\\Windows"}')).toBe(
			"events_json_invalid 1:12 Invalid JSON at line 1, column 13: invalid escape '\\W' in a string (write a backslash as \\\\)."
		);
		expect(problem('{"a": "x\ny"}')).toBe(
			'events_json_invalid 1:8 Invalid JSON at line 1, column 9: a control character (such as a raw line break) is not allowed inside a string.'
		);
		expect(problem('{"a": "never closed')).toBe(
			'events_json_invalid 1:19 Invalid JSON at line 1, column 20: unterminated string.'
		);
		expect(problem('{"a": tru}')).toBe(
			"events_json_invalid 1:6 Invalid JSON at line 1, column 7: expected a value but found 't'."
		);
	});

	it('gives the diagnostic the events stage and a one-character range', () => {
		const [d] = parseEvents('[1,]').diagnostics;
		expect(d).toMatchObject({ stage: 'events', severity: 'error', from: 3, to: 4 });
	});
});

describe('big inputs', () => {
	it('reads 20 MB of NDJSON in a few seconds at most', () => {
		const line = JSON.stringify({
			Event: {
				System: { EventID: 1, Channel: 'Microsoft-Windows-Sysmon/Operational' },
				EventData: { Image: 'C:\\Windows\\System32\\cmd.exe', CommandLine: 'cmd /c "echo {x}"' }
			}
		});
		const count = Math.ceil(20e6 / (line.length + 1));
		const text = Array.from({ length: count }, () => line).join('\n');
		const started = performance.now();
		const result = parseEvents(text);
		const seconds = (performance.now() - started) / 1000;
		expect(result.events).toHaveLength(count);
		expect(result.ranges[count - 1]).toEqual({ from: text.length - line.length, to: text.length });
		expect(seconds).toBeLessThan(5);
	});
});
