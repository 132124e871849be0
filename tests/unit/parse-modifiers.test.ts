import { describe, expect, it } from 'vitest';
import { parseRule } from '../../src/core/rule/parse-rule';
import type { DetectionItem } from '../../src/core/rule/model';
import { parseSigmaString } from '../../src/core/rule/sigma-string';
import { pyNumberStr } from '../../src/core/rule/values';

const head = 'title: t\nlogsource: {product: w}\ndetection:\n  sel:\n    ';

function item(line: string): DetectionItem {
	const r = parseRule(`${head}${line}\n  condition: sel\n`);
	return r.rules[0].detections[0].detection.items[0] as DetectionItem;
}

function firstError(line: string): { code: string; type?: string; message?: string } {
	const r = parseRule(`${head}${line}\n  condition: sel\n`);
	const d = r.diagnostics.find((x) => x.severity === 'error')!;
	return { code: d.code, type: d.reference?.type, message: d.reference?.message };
}

const star = { wildcard: '*' };
const str = (...parts: unknown[]) => ({ type: 'string', parts });

describe('SigmaString parsing', () => {
	it('resolves wildcards and escapes like pySigma', () => {
		expect(parseSigmaString('a*b?c').parts).toEqual(['a', star, 'b', { wildcard: '?' }, 'c']);
		expect(parseSigmaString('\\*').parts).toEqual(['*']);
		expect(parseSigmaString('\\\\*').parts).toEqual(['\\', star]);
		expect(parseSigmaString('\\\\\\*').parts).toEqual(['\\*']);
		expect(parseSigmaString('C:\\Windows\\').parts).toEqual(['C:\\Windows\\']);
		expect(parseSigmaString('%x%').parts).toEqual(['%x%']);
		expect(parseSigmaString('').parts).toEqual([]);
	});

	it('renders numbers as Python does', () => {
		expect(pyNumberStr({ type: 'number', value: 5, isFloat: false })).toBe('5');
		expect(pyNumberStr({ type: 'number', value: 5, isFloat: true })).toBe('5.0');
		expect(pyNumberStr({ type: 'number', value: 4.5, isFloat: true })).toBe('4.5');
		expect(pyNumberStr({ type: 'number', value: 12345678901234567890, isFloat: true })).toBe(
			'1.2345678901234567e+19'
		);
		expect(pyNumberStr({ type: 'number', value: 0.00001, isFloat: true })).toBe('1e-05');
		expect(pyNumberStr({ type: 'number', value: -5, isFloat: false })).toBe('-5');
		expect(pyNumberStr({ type: 'number', value: -0, isFloat: true })).toBe('-0.0');
	});

	it('types YAML values like pySigma sigma_type', () => {
		expect(item('A: [a, null, 5, yes, 5.0, 1e3]').values).toEqual([
			str('a'),
			{ type: 'null' },
			{ type: 'number', value: 5, isFloat: false },
			{ type: 'bool', value: true },
			{ type: 'number', value: 5, isFloat: false },
			str('1e3')
		]);
		expect(item('A: 12345678901234567890').values).toEqual([
			{ type: 'number', value: 12345678901234567890, isFloat: true }
		]);
	});
});

describe('modifiers', () => {
	it('wraps strings with contains/startswith/endswith', () => {
		expect(item("A|contains: '*a'").values).toEqual([str(star, 'a', star)]);
		expect(item('A|startswith: a').values).toEqual([str('a', star)]);
		expect(item('A|endswith: a').values).toEqual([str(star, 'a')]);
		expect(item("A|contains: ''").values).toEqual([str(star)]);
	});

	it('links with all and negates with neq', () => {
		expect(item('A|contains|all: [a, b]')).toMatchObject({
			linking: 'and',
			negated: false,
			modifiers: ['contains', 'all']
		});
		expect(item('A|neq: [a, b]')).toMatchObject({ linking: 'or', negated: true });
	});

	it('encodes base64 and base64offset with pySigma lengths', () => {
		expect(item('A|base64: abc').values).toEqual([str('YWJj')]);
		const offsets = (v: string) =>
			(item(`A|base64offset: ${v}`).values[0] as { values: { parts: string[] }[] }).values.map(
				(x) => x.parts[0]
			);
		expect(offsets('ab')).toEqual(['YW', 'Fi', 'hY']);
		expect(offsets('abcd')).toEqual(['YWJjZ', 'FiY2', 'hYmNk']);
		expect(offsets('Invoke')).toEqual(['SW52b2tl', 'ludm9rZ', 'JbnZva2']);
		expect(item('A|utf16|base64: ab').values).toEqual([str('77u/YQBiAA==')]);
		const wide = item('A|wide|base64offset|contains: ping').values[0] as {
			values: { parts: unknown[] }[];
		};
		expect(wide.values.map((v) => v.parts[1])).toEqual(['cABpAG4AZw', 'AAaQBuAGcA', 'wAGkAbgBnA']);
	});

	it('encodes UTF-16 as one character per byte', () => {
		expect(item('A|wide: ab').values).toEqual([str('a\0b\0')]);
		expect(item('A|utf16be: ab').values).toEqual([str('\0a\0b')]);
		expect(item('A|utf16: ab').values).toEqual([str('\ufeffa\0b\0')]);
	});

	it('expands windash in pySigma order', () => {
		const v = item("A|windash|contains: '-x'").values[0] as {
			type: string;
			values: { parts: unknown[] }[];
		};
		expect(v.type).toBe('expansion');
		expect(v.values.map((x) => x.parts[1])).toEqual(['-x', '/x', '\u2013x', '\u2014x', '\u2015x']);
		expect((item("A|windash: ' -a /b'").values[0] as { values: unknown[] }).values).toHaveLength(
			25
		);
		expect(item("A|windash: 'a-b'").values).toEqual([{ type: 'expansion', values: [str('a-b')] }]);
	});

	it('builds regexes, flags, cidr, compare, exists, fieldref, expand, timestamp parts', () => {
		expect(item("A|re|i|m|i: 'a.*'").values).toEqual([
			{ type: 'regex', regexp: 'a.*', flags: ['i', 'm'] }
		]);
		expect(item("A|re|contains: '^a'").values).toEqual([
			{ type: 'regex', regexp: '^a.*', flags: [] }
		]);
		expect(item('A|re: 5').values).toEqual([{ type: 'regex', regexp: '5', flags: [] }]);
		expect(item("A|cidr: 'fe80::/10'").values).toEqual([
			{ type: 'cidr', cidr: 'fe80::/10', version: 6 }
		]);
		expect(item('A|gte: 5.0').values).toEqual([
			{ type: 'compare', op: 'gte', number: { type: 'number', value: 5, isFloat: false } }
		]);
		expect(item('A|exists: no').values).toEqual([{ type: 'exists', exists: false }]);
		expect(item('A|fieldref|startswith: B').values).toEqual([
			{ type: 'fieldref', field: 'B', startsWith: true, endsWith: false }
		]);
		expect(item("A|expand: 'x%Admins%y'").values).toEqual([
			str('x', { placeholder: 'Admins' }, 'y')
		]);
		expect(item('A|cased|contains: X').values).toEqual([
			{ type: 'string', parts: [star, 'X', star], cased: true }
		]);
		expect(item('A|hour: 5').values).toEqual([{ type: 'timestamp_part', unit: 'hour', value: 5 }]);
	});
});

describe('modifier errors (pySigma messages)', () => {
	it.each([
		['A|foo: x', 'modifier_unknown', 'SigmaModifierError', "Unknown modifier 'foo'"],
		['A|utf16le: x', 'modifier_unknown', 'SigmaModifierError', "Unknown modifier 'utf16le'"],
		[
			'A|contains: 4',
			'modifier_type_mismatch',
			'SigmaTypeError',
			"Modifier SigmaContainsModifier incompatible to value type of '4'"
		],
		[
			"A|gte: '5'",
			'modifier_type_mismatch',
			'SigmaTypeError',
			"Modifier SigmaGreaterThanEqualModifier incompatible to value type of '5'"
		],
		[
			'A|i: a',
			'modifier_type_mismatch',
			'SigmaTypeError',
			"Modifier SigmaRegularExpressionIgnoreCaseFlagModifier incompatible to value type of 'a'"
		],
		[
			'A|contains|re: a',
			'modifier_misplaced',
			'SigmaValueError',
			'Regular expression modifier only applicable to unmodified values'
		],
		[
			"A|re: '('",
			'regex_invalid',
			'SigmaRegularExpressionError',
			"Regular expression '(' is invalid: missing ), unterminated subpattern at position 0"
		],
		[
			"A|base64: 'ab*c'",
			'modifier_value_invalid',
			'SigmaValueError',
			'Base64 encoding of strings with wildcards is not allowed'
		],
		[
			"A|wide: 'é'",
			'modifier_value_invalid',
			'SigmaValueError',
			"Wide modifier only allowed for ascii strings, input string 'é' isn't one"
		],
		[
			'A|cidr: 10.1.2.3/8',
			'cidr_invalid',
			'SigmaTypeError',
			'Invalid CIDR expression: 10.1.2.3/8 has host bits set'
		],
		[
			'A|cidr: foo',
			'cidr_invalid',
			'SigmaTypeError',
			"Invalid CIDR expression: 'foo' does not appear to be an IPv4 or IPv6 network"
		],
		[
			'A|cidr: "a\'\\\\b"',
			'cidr_invalid',
			'SigmaTypeError',
			'Invalid CIDR expression: "a\'\\\\b" does not appear to be an IPv4 or IPv6 network'
		],
		[
			'A|cidr|contains: 10.0.0.0/8',
			'modifier_type_mismatch',
			'SigmaTypeError',
			"Modifier SigmaContainsModifier incompatible to value type of '10.0.0.0/8'"
		],
		[
			"'|exists': true",
			'modifier_misplaced',
			'SigmaValueError',
			'Exists modifier must be applied to field'
		],
		[
			"A|fieldref: 'b*'",
			'modifier_value_invalid',
			'SigmaValueError',
			'Field references must not contain wildcards'
		],
		['A: {b: 1}', 'value_type_unsupported', 'SigmaTypeError', "Unsupported type: <class 'dict'>"],
		[
			'A: 2023-01-01',
			'value_type_unsupported',
			'SigmaTypeError',
			"Unsupported type: <class 'datetime.date'>"
		],
		['A: .inf', 'value_number_invalid', 'SigmaValueError', 'Invalid number'],
		["A|re|contains: ''", 'modifier_value_invalid', 'IndexError', 'string index out of range']
	])('%s', (line, code, type, message) => {
		expect(firstError(line)).toEqual({ code, type, message });
	});

	it('points at the offending modifier', () => {
		const r = parseRule(`${head}A|contains|foo: x\n  condition: sel\n`);
		const d = r.diagnostics[0];
		expect(r.source.slice(d.from, d.to)).toBe('foo');
	});
});
