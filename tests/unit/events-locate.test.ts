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
		expect(
			slice(locatePath(text, ranges[0], ['Event', 'EventData', 'Image']))
		).toBe('"C:\\\\x\\\\cmd.exe"');
		expect(slice(locatePath(text, ranges[0], ['Event', 'System', 'EventID']))).toBe('1');
		expect(slice(locatePath(text, ranges[0], ['Event', 'EventData', 'Tags', 1, 'k']))).toBe('"v"');
		expect(slice(locatePath(text, ranges[1], ['Event', 'EventData', 'Image']))).toBe('"second"');
		expect(
			slice(locatePath(text, ranges[1], []))
		).toBe('{"Event": {"EventData": {"Image": "second"}}}');
	});

	it('returns null when the path leads nowhere', () => {
		expect(locatePath(text, ranges[0], ['Event', 'Missing'])).toBe(null);
		expect(locatePath(text, ranges[0], ['Event', 'EventData', 'Tags', 5])).toBe(null);
		expect(locatePath(text, ranges[0], ['Event', 0])).toBe(null);
	});
});
