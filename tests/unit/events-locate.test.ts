import { describe, expect, it } from 'vitest';
import { locatePath } from '../../src/core/events/locate-path';
import { parseEvents } from '../../src/core/events/parse-events';

const text = `[
  {"Event": {"System": {"EventID": 1}, "EventData": {"Image": "C:\\\\x\\\\cmd.exe", "Tags": ["a", {"k": "v"}]}}},
  {"Event": {"EventData": {"Image": "second"}}}
]`;

describe('locatePath', () => {
	const { ranges } = parseEvents(text);
	const slice = (r: { from: number; to: number } | null) => (r ? text.slice(r.from, r.to) : null);

	it('finds the text of the value a matcher path names', () => {
		expect(slice(locatePath(text, ranges[0], ['Event', 'EventData', 'Image']))).toBe(
			'"C:\\\\x\\\\cmd.exe"'
		);
		expect(slice(locatePath(text, ranges[0], ['Event', 'System', 'EventID']))).toBe('1');
		expect(slice(locatePath(text, ranges[0], ['Event', 'EventData', 'Tags', 1, 'k']))).toBe('"v"');
		expect(slice(locatePath(text, ranges[1], ['Event', 'EventData', 'Image']))).toBe('"second"');
		expect(slice(locatePath(text, ranges[1], []))).toBe(
			'{"Event": {"EventData": {"Image": "second"}}}'
		);
	});

	it('returns null when the path leads nowhere', () => {
		expect(locatePath(text, ranges[0], ['Event', 'Missing'])).toBe(null);
		expect(locatePath(text, ranges[0], ['Event', 'EventData', 'Tags', 5])).toBe(null);
		expect(locatePath(text, ranges[0], ['Event', 0])).toBe(null);
	});
});

describe('locatePath in other formats', () => {
	it('finds the text of an XML element, a named Data item, a repeated element and Provider', () => {
		const xml = [
			'<?xml version="1.0"?>',
			'<Events>',
			'<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">',
			'  <System><Provider Name="Microsoft-Windows-Sysmon"/><EventID>1</EventID></System>',
			'  <EventData><Data Name="Image">C:\\x\\cmd.exe</Data><Data Name="User">a &amp; b</Data></EventData>',
			'</Event>',
			'<Event><System><EventID>4</EventID></System><EventData><Data>one</Data><Data>two</Data></EventData></Event>',
			'</Events>'
		].join('\n');
		const { ranges } = parseEvents(xml);
		const at = (k: number, path: (string | number)[]) => {
			const r = locatePath(xml, ranges[k], path);
			return r ? xml.slice(r.from, r.to) : null;
		};
		expect(at(0, ['Event', 'EventData', 'Image'])).toBe('C:\\x\\cmd.exe');
		expect(at(0, ['Event', 'EventData', 'User'])).toBe('a &amp; b');
		expect(at(0, ['Event', 'System', 'EventID'])).toBe('1');
		expect(at(0, ['Event', 'System', 'Provider'])).toBe(
			'<Provider Name="Microsoft-Windows-Sysmon"/>'
		);
		expect(at(1, ['Event', 'EventData', 'Data', 1])).toBe('two');
		expect(at(1, ['Event', 'EventData', 'Image'])).toBe(null);
		expect(at(1, [])).toBe(xml.split('\n')[6]);
	});

	it('finds the cell of a column in a CSV row, quotes included', () => {
		const csv = 'Image,CommandLine,User\r\nC:\\a.exe,"cmd /c ""x, y""",bob\r\nC:\\b.exe\r\n';
		const { ranges } = parseEvents(csv);
		const at = (k: number, path: string[]) => {
			const r = locatePath(csv, ranges[k], path);
			return r ? csv.slice(r.from, r.to) : null;
		};
		expect(at(0, ['Image'])).toBe('C:\\a.exe');
		expect(at(0, ['CommandLine'])).toBe('"cmd /c ""x, y"""');
		expect(at(0, ['User'])).toBe('bob');
		expect(at(1, ['User'])).toBe(null);
		expect(at(0, ['Missing'])).toBe(null);
		expect(at(1, [])).toBe('C:\\b.exe');
	});
});
