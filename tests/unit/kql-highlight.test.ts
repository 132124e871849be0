import { describe, expect, it } from 'vitest';
import { tokenizeKql } from '../../src/ui/editor/kql-highlight';

describe('tokenizeKql', () => {
	it('colours a flavoured query and keeps every character', () => {
		const query =
			'DeviceProcessEvents\n| where (FolderPath endswith "\\\\cmd.exe" or ProcessCommandLine in~ ("a", "b")) and (not(RemotePort == 4444))';
		const tokens = tokenizeKql(query);
		expect(tokens.map((t) => t.text).join('')).toBe(query);
		expect(tokens.slice(0, 8)).toEqual([
			{ kind: 'table', text: 'DeviceProcessEvents' },
			{ kind: 'plain', text: '\n' },
			{ kind: 'punct', text: '|' },
			{ kind: 'plain', text: ' ' },
			{ kind: 'keyword', text: 'where' },
			{ kind: 'plain', text: ' ' },
			{ kind: 'punct', text: '(' },
			{ kind: 'plain', text: 'FolderPath ' }
		]);
		expect(tokens.filter((t) => t.kind === 'string').map((t) => t.text)).toEqual([
			'"\\\\cmd.exe"',
			'"a"',
			'"b"'
		]);
		expect(tokens.filter((t) => t.kind === 'keyword').map((t) => t.text)).toEqual([
			'where',
			'endswith',
			'or',
			'in~',
			'and',
			'not'
		]);
		expect(tokens.filter((t) => t.kind === 'number').map((t) => t.text)).toEqual(['4444']);
		expect(tokens.filter((t) => t.kind === 'operator').map((t) => t.text)).toEqual(['==']);
	});

	it('treats the first word of a bare expression as a field, not a table', () => {
		expect(tokenizeKql('Image =~ "x"')).toEqual([
			{ kind: 'plain', text: 'Image ' },
			{ kind: 'operator', text: '=~' },
			{ kind: 'plain', text: ' ' },
			{ kind: 'string', text: '"x"' }
		]);
	});

	it('keeps an unterminated string and negated operators intact', () => {
		const query = 'T\n| where A !contains "x and B matches regex "a\\"b';
		const tokens = tokenizeKql(query);
		expect(tokens.map((t) => t.text).join('')).toBe(query);
		expect(tokens.find((t) => t.text === '!contains')?.kind).toBe('keyword');
	});
});
