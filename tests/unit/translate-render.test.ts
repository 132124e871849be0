import { describe, expect, it } from 'vitest';
import type { SigmaValue } from '../../src/core/rule/model';
import { translate } from '../../src/core/translate/translate';
import {
	allOf,
	and,
	anyOf,
	item,
	map,
	not,
	num,
	oneOf,
	or,
	parsed,
	ref,
	rule,
	s
} from '../support/rule-builders';

/** The expression the reference prints for a probe, via a custom table (no mappings apply). */
function kql(detections: Parameters<typeof rule>[1], cond = ref('sel')): string {
	const result = translate(parsed(rule({ product: 'p' }, detections, cond)), 'azure_monitor', {
		queryTable: 'T'
	});
	if (result.error)
		return `ERROR ${result.error.reference?.type}: ${result.error.reference?.message}`;
	expect(result.queries).toHaveLength(1);
	return result.queries[0].replace('T\n| where ', '');
}

const one = (field: string, values: SigmaValue[], opts?: Parameters<typeof item>[2]) =>
	kql({ sel: map(item(field, values, opts)) });

describe('KQL rendering of single items (semantics C.6)', () => {
	it('renders equality, contains, startswith, endswith', () => {
		expect(one('CommandLine', [s('whoami')])).toBe('CommandLine =~ "whoami"');
		expect(
			kql({
				sel: map(
					item('CommandLine', [s('*abc*')]),
					item('Image', [s('C:\\Win*')]),
					item('ParentImage', [s('*\\cmd.exe')])
				)
			})
		).toBe(
			'CommandLine contains "abc" and Image startswith "C:\\\\Win" and ParentImage endswith "\\\\cmd.exe"'
		);
	});

	it('renders lists as in~ / has_all with wildcard values appended', () => {
		expect(one('CommandLine', [s('a'), s('b'), s('c')])).toBe('CommandLine in~ ("a", "b", "c")');
		expect(one('CommandLine', [s('a'), s('b')], { all: true })).toBe(
			'CommandLine has_all ("a", "b")'
		);
		expect(one('CommandLine', [s('*a*'), s('*b*')], { all: true })).toBe(
			'CommandLine contains "a" and CommandLine contains "b"'
		);
		expect(one('CommandLine', [s('a'), s('b*'), s('*c'), s('*d*'), s('e*f')])).toBe(
			'CommandLine in~ ("a") or CommandLine startswith "b" or CommandLine endswith "c" or CommandLine contains "d" or (CommandLine contains "e" and CommandLine contains "f")'
		);
		expect(one('CommandLine', [s('a'), s('b*'), s('c*d')], { all: true })).toBe(
			'CommandLine has_all ("a") and CommandLine startswith "b" and (CommandLine contains "c" and CommandLine contains "d")'
		);
		expect(one('F', [s('?foo'), s('bar')])).toBe('F in~ ("bar") or F matches regex ".foo"');
		expect(one('F', [s('a\\*'), s('b\\\\*')])).toBe('F in~ ("a*") or F startswith "b\\\\"');
		expect(one('F', [num(4), s('x'), s('y*')])).toBe('F in~ ("4", "x") or F startswith "y"');
		expect(one("'c-uri'".slice(1, -1), [s('a*'), s('b'), s('x*y')])).toBe(
			`'c-uri' in~ ("b") or ''c-uri'' startswith "a" or ('c-uri' contains "x" and 'c-uri' contains "y")`
		);
	});

	it('renders glob patterns as regexes and escapes like the backend', () => {
		expect(one('CommandLine', [s('foo*bar')])).toBe('CommandLine matches regex "foo.*bar"');
		expect(one('CommandLine', [s('foo?bar')])).toBe('CommandLine matches regex "foo.bar"');
		expect(one('CommandLine', [s('*foo*bar*')])).toBe('CommandLine matches regex ".*foo.*bar.*"');
		expect(one('Image', [s('C:\\Win*\\cmd.exe')])).toBe(
			'Image matches regex "C:\\\\\\\\Win.*\\\\\\\\cmd\\\\.exe"'
		);
		expect(one('CommandLine', [s('a"b*c')])).toBe('CommandLine matches regex "a\\"b.*c"');
		expect(one('CommandLine', [s('foo\\*bar')])).toBe('CommandLine =~ "foo*bar"');
		expect(one('Image', [s('*\\\\*')])).toBe('Image contains "\\\\"');
		expect(one('F', [s('C:\\')])).toBe('F =~ "C:\\\\"');
		expect(one('F', [s('*')])).toBe('F startswith ""');
		expect(one('F', [s('**')])).toBe('F contains ""');
	});

	it('renders numbers, booleans, null, exists, compare, cidr, regex', () => {
		expect(one('ProcessId', [num(4)])).toBe('ProcessId == 4');
		expect(one('ProcessId', [num(4), num(8)])).toBe('ProcessId in~ ("4", "8")');
		expect(one('F', [num(4.5)])).toBe('F == 4.5');
		expect(one('F', [num(12345678901234567890, true)])).toBe('F == 1.2345678901234567e+19');
		expect(
			one('F', [
				{ type: 'bool', value: true },
				{ type: 'bool', value: false }
			])
		).toBe('F =~ true or F =~ false');
		expect(one('CommandLine', [])).toBe('isnull(CommandLine)');
		expect(one('CommandLine', [s('a'), { type: 'null' }])).toBe(
			'CommandLine =~ "a" or isnull(CommandLine)'
		);
		expect(
			kql({
				sel: map(
					item('CommandLine', [{ type: 'exists', exists: true }]),
					item('Image', [{ type: 'exists', exists: false }])
				)
			})
		).toBe('isnotempty(CommandLine) and isempty(Image)');
		expect(
			kql({
				sel: map(
					item('Count', [
						{ type: 'compare', op: 'gt', number: { type: 'number', value: 5, isFloat: false } }
					]),
					item('Size', [
						{ type: 'compare', op: 'lte', number: { type: 'number', value: 10.5, isFloat: true } }
					])
				)
			})
		).toBe('Count > 5 and Size <= 10.5');
		expect(one('DestinationIp', [{ type: 'cidr', cidr: '10.0.0.0/8', version: 4 }])).toBe(
			'ipv4_is_in_range(DestinationIp, "10.0.0.0/8")'
		);
		expect(one('CommandLine', [{ type: 'regex', regexp: '\\d+"x', flags: [] }])).toBe(
			'CommandLine matches regex "\\\\d+\\"x"'
		);
		expect(one('CommandLine', [{ type: 'regex', regexp: 'abc', flags: ['s', 'i', 'm'] }])).toBe(
			'CommandLine matches regex "(?ims)abc"'
		);
	});

	it('renders neq and refusals', () => {
		expect(one('CommandLine', [s('abc')], { neq: true })).toBe('not(CommandLine =~ "abc")');
		expect(one('CommandLine', [s('abc'), s('def')], { neq: true })).toBe(
			'not((CommandLine in~ ("abc", "def")))'
		);
		expect(one('CommandLine', [{ type: 'string', parts: ['a'], cased: true }])).toBe(
			'ERROR NotImplementedError: Case-sensitive string matching is not supported by backend. (while converting rule None)'
		);
		expect(one('A', [{ type: 'fieldref', field: 'B', startsWith: false, endsWith: false }])).toBe(
			'ERROR NotImplementedError: Field reference expression is not supported by backend. (while converting rule None)'
		);
		expect(one('User', [{ type: 'string', parts: [{ placeholder: 'Admins' }] }])).toBe(
			"ERROR SigmaPlaceholderError: Attempt to convert unhandled placeholder 'Admins' into query."
		);
	});
});

describe('KQL rendering of conditions (semantics C.6)', () => {
	const d = {
		a: map(item('F1', [s('a')])),
		b: map(item('F2', [s('b')])),
		c: map(item('F3', [s('c')])),
		d: map(item('F4', [s('d')]))
	};
	it('parenthesises every compound operand', () => {
		expect(kql(d, or(ref('a'), and(ref('b'), ref('c'))))).toBe(
			'F1 =~ "a" or (F2 =~ "b" and F3 =~ "c")'
		);
		expect(kql(d, and(or(ref('a'), ref('b')), ref('c')))).toBe(
			'(F1 =~ "a" or F2 =~ "b") and F3 =~ "c"'
		);
		expect(kql(d, and(ref('a'), not(ref('b'))))).toBe('F1 =~ "a" and (not(F2 =~ "b"))');
		expect(kql(d, not(not(ref('a'))))).toBe('not((not(F1 =~ "a")))');
		expect(kql(d, or(and(ref('a'), or(ref('b'), ref('c'))), not(ref('d'))))).toBe(
			'(F1 =~ "a" and (F2 =~ "b" or F3 =~ "c")) or (not(F4 =~ "d"))'
		);
	});
	it('resolves selectors and lists of maps', () => {
		const sels = { selection_a: d.a, selection_b: d.b, _c: d.c };
		expect(kql(sels, oneOf('them'))).toBe('F1 =~ "a" or F2 =~ "b"');
		expect(kql(sels, allOf('selection_*'))).toBe('F1 =~ "a" and F2 =~ "b"');
		expect(kql({ sel: anyOf(map(item('F1', [s('a')])), map(item('F1', [s('b')]))) })).toBe(
			'F1 in~ ("a", "b")'
		);
		expect(
			kql({
				sel: anyOf(map(item('F1', [s('a')]), item('F2', [s('b')])), map(item('F3', [s('c')])))
			})
		).toBe('(F1 =~ "a" and F2 =~ "b") or F3 =~ "c"');
		const none = translate(parsed(rule({ product: 'p' }, d, oneOf('foo*'))), 'azure_monitor', {
			queryTable: 'T'
		});
		expect(none).toEqual({ queries: [], diagnostics: [], error: null });
	});
	// The reference writes keywords bare (`"evil"`, `42`, `_=~a.*b`), which KQL does not accept
	// as conditions: they become searches of every column (see translate-validity.test.ts).
	it('renders keywords as searches of every column', () => {
		expect(kql({ sel: map(item(null, [s('evil'), s('bad stuff')])) })).toBe(
			'* contains "evil" or * contains "bad stuff"'
		);
		expect(kql({ sel: map(item(null, [num(42)])) })).toBe('* contains "42"');
		expect(kql({ sel: map(item(null, [{ type: 'regex', regexp: 'a"b\\d', flags: [] }])) })).toBe(
			'* matches regex "a\\"b\\\\d"'
		);
		expect(kql({ sel: map(item(null, [s('C:\\\\*')])) })).toBe('* contains "C:\\\\"');
	});
});
