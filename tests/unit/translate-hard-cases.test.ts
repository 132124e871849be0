import { describe, expect, it } from 'vitest';
import type { SigmaValue } from '../../src/core/rule/model';
import type { FlavourId } from '../../src/core/translate/flavours/index';
import { networkText } from '../../src/core/rule/cidr';
import { pyFloatStr } from '../../src/core/rule/values';
import { translate } from '../../src/core/translate/translate';
import { and, item, map, not, num, parsed, ref, rule, s } from '../support/rule-builders';

/** Hard cases of semantics F, through a custom table (none) or a flavour's pipeline. */

function run(
	r: ReturnType<typeof rule>,
	flavour: FlavourId = 'azure_monitor',
	table = 'T'
): string[] | string {
	const result = translate(parsed(r), flavour, table ? { queryTable: table } : {});
	if (result.error) return `${result.error.reference?.type}: ${result.error.reference?.message}`;
	return result.queries.map((q) => q.replace(/^T\n\| where /, ''));
}

const expansion = (...values: string[]): SigmaValue => ({
	type: 'expansion',
	values: values.map(s)
});
const dashes = (word: string) =>
	['-', '/', '\u2013', '\u2014', '\u2015'].map((d) => `*${d}${word}*`);

describe('semantics F hard cases', () => {
	it('F.2/F.3: a single glob is a regex, a listed glob is split into contains', () => {
		expect(run(rule({}, { sel: map(item('F', [s('e*f')])) }, ref('sel')))).toEqual([
			'F matches regex "e.*f"'
		]);
		expect(run(rule({}, { sel: map(item('F', [s('a'), s('e*f')])) }, ref('sel')))).toEqual([
			'F in~ ("a") or (F contains "e" and F contains "f")'
		]);
		expect(run(rule({}, { sel: map(item('F', [s('x*'), s('y')])) }, ref('sel')))).toEqual([
			'F in~ ("y") or F startswith "x"'
		]);
	});

	it('F.4: numbers are quoted inside in~ and has_all', () => {
		expect(
			run(rule({}, { sel: map(item('F', [num(4), num(5)], { all: true })) }, ref('sel')))
		).toEqual(['F has_all ("4", "5")']);
	});

	it('F.8: NOT inside AND/OR gets extra parentheses', () => {
		const d = { a: map(item('F1', [s('a')])), b: map(item('F2', [s('b')]), item('F3', [s('c')])) };
		expect(run(rule({}, d, and(ref('a'), not(ref('b')))))).toEqual([
			'F1 =~ "a" and (not((F2 =~ "b" and F3 =~ "c")))'
		]);
	});

	it('F.10: expansions flatten inside OR and are grouped inside AND', () => {
		const flat = rule(
			{},
			{ sel: map(item('C', [expansion(...dashes('a')), expansion(...dashes('b'))])) },
			ref('sel')
		);
		expect(run(flat)).toEqual([
			['a', 'b']
				.flatMap((w) =>
					['-', '/', '\u2013', '\u2014', '\u2015'].map((d) => `C contains "${d}${w}"`)
				)
				.join(' or ')
		]);
		const all = rule(
			{},
			{
				sel: map(item('C', [expansion(...dashes('a')), expansion(...dashes('b'))], { all: true }))
			},
			ref('sel')
		);
		const group = (w: string) =>
			'(' +
			['-', '/', '\u2013', '\u2014', '\u2015'].map((d) => `C contains "${d}${w}"`).join(' or ') +
			')';
		expect(run(all)).toEqual([`${group('a')} and ${group('b')}`]);
	});

	it('F.13: cidr networks are written as Python prints them, field unquoted', () => {
		const r = rule(
			{},
			{ sel: map(item('Dst Ip', [{ type: 'cidr', cidr: 'FE80:0::/10', version: 6 }])) },
			ref('sel')
		);
		expect(run(r)).toEqual(['ipv4_is_in_range(Dst Ip, "fe80::/10")']);
		expect(networkText('10.0.0.1')).toBe('10.0.0.1/32');
		expect(networkText('::ffff:10.0.0.0/104')).toBe('::ffff:a00:0/104');
	});

	it('F.16/F.25: empty results and one query per condition', () => {
		const dropped = rule(
			{ product: 'windows' },
			{ selection: map(item('EventID', [num(4720), num(4688)])) },
			ref('selection')
		);
		expect(run(dropped, 'microsoft_xdr', '')).toEqual([]);
		const xdr = rule(
			{ category: 'process_creation' },
			{ a: map(item('Image', [s('x')])), b: map(item('CommandLine', [s('y')])) },
			ref('a'),
			ref('b')
		);
		expect(run(xdr, 'microsoft_xdr', '')).toEqual([
			'DeviceProcessEvents\n| where FolderPath =~ "x"',
			'DeviceProcessEvents\n| where ProcessCommandLine =~ "y"'
		]);
	});

	it('F.21/F.22: Python number text, raw control characters but escaped line breaks, unicode field names', () => {
		expect(
			run(rule({}, { sel: map(item('F', [num(-5)]), item('G', [num(0.5)])) }, ref('sel')))
		).toEqual(['F == -5 and G == 0.5']);
		// The reference writes the line break raw too, which ends a KQL string literal.
		expect(run(rule({}, { sel: map(item('Feld_ä', [s('a\tb\nc\u0000')])) }, ref('sel')))).toEqual([
			'Feld_ä =~ "a\tb\\nc\u0000"'
		]);
		expect(pyFloatStr(1e-5)).toBe('1e-05');
		expect(pyFloatStr(1e16)).toBe('1e+16');
		expect(pyFloatStr(123456.0)).toBe('123456.0');
	});

	it('F.23: pipeline traps', () => {
		const parent = rule(
			{ category: 'file_event' },
			{ sel: map(item('ParentImage', [s('*Temp\\evil*')])) },
			ref('sel')
		);
		expect(run(parent, 'microsoft_xdr', '')).toEqual([
			'DeviceFileEvents\n| where InitiatingProcessParentFileName startswith "evil"'
		]);
		const user = rule(
			{ category: 'process_creation' },
			{ sel: map(item('User', [s('*AUTHORI\\SYSTEM*')])) },
			ref('sel')
		);
		expect(run(user, 'microsoft_xdr', '')).toEqual([
			'DeviceProcessEvents\n| where AccountName startswith "SYSTEM" and AccountDomain endswith "AUTHORI"'
		]);
		const bad = rule(
			{ category: 'process_creation' },
			{ sel: map(item('Hashes', [s('*foo=bar*')])) },
			ref('sel')
		);
		expect(run(bad, 'sentinel_asim', '')).toBe(
			'InvalidHashAlgorithmError: No valid hash algo found in Hashes field. Please use one of the following: MD5, SHA1, SHA256, SHA512, IMPHASH (while applying processing pipeline on rule None)'
		);
	});

	it('refuses keyword booleans and correlation documents', () => {
		expect(
			run(rule({}, { sel: map(item(null, [{ type: 'bool', value: true }])) }, ref('sel')))
		).toBe(
			"SigmaValueError: Boolean values can't appear as standalone value without a field name."
		);
		const p = parsed(
			rule({ category: 'process_creation' }, { sel: map(item('Image', [s('x')])) }, ref('sel'))
		);
		p.documents.push({
			kind: 'correlation',
			range: { from: 0, to: 0 },
			title: 'c',
			ruleIndex: null
		});
		const result = translate(p, 'microsoft_xdr');
		expect(result.queries).toEqual([]);
		expect(result.error?.reference).toEqual({
			type: 'NotImplementedError',
			message: 'Backend does not support correlation rules.'
		});
	});
});
