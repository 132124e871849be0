import { describe, expect, it } from 'vitest';
import { compileMatcher, matchEvent } from '../../src/core/match/match';
import { compileRegex, translatePythonRegex } from '../../src/core/match/regex';
import { parseRule } from '../../src/core/rule/parse-rule';
import type { RegexFlag, SigmaValue } from '../../src/core/rule/model';
import { fires, item, map, parsed, ref, rule } from '../support/rule-builders';

const re = (regexp: string, ...flags: RegexFlag[]): SigmaValue => ({
	type: 'regex',
	regexp,
	flags
});
const one = (value: SigmaValue, text: unknown): boolean =>
	fires(map(item('CommandLine', [value])), { CommandLine: text });

describe('re', () => {
	it('searches without anchors unless the pattern has them', () => {
		expect(one(re('whoami'), 'cmd /c whoami /all')).toBe(true);
		expect(one(re('^whoami'), 'cmd /c whoami')).toBe(false);
		expect(one(re('exe$'), 'a.exe')).toBe(true);
	});

	it('is case-sensitive unless i', () => {
		expect(one(re('WhoAmI'), 'whoami')).toBe(false);
		expect(one(re('WhoAmI', 'i'), 'whoami')).toBe(true);
	});

	it('applies m and s', () => {
		expect(one(re('^second'), 'first\nsecond')).toBe(false);
		expect(one(re('^second', 'm'), 'first\nsecond')).toBe(true);
		expect(one(re('first.second'), 'first\nsecond')).toBe(false);
		expect(one(re('first.second', 's'), 'first\nsecond')).toBe(true);
	});

	it('tests numbers as their text', () => {
		expect(one(re('^46\\d\\d$'), 4688)).toBe(true);
	});

	it('accepts quotes and look-behind', () => {
		expect(one(re("'[a-z]+'"), "echo 'x'")).toBe(true);
		expect(one(re('(?<=-)enc'), 'ps -enc')).toBe(true);
		expect(one(re('(?<!-)enc'), 'ps -enc')).toBe(false);
	});

	it('translates Python-only syntax', () => {
		expect(translatePythonRegex('(?P<x>a)\\Z')).toBe('(?:a)\\z');
		expect(translatePythonRegex('(a)(?<n>b)(?:c)(?<=d)(?<!e)[(]\\(')).toBe(
			'(?:a)(?:b)(?:c)(?<=d)(?<!e)[(]\\('
		);
		expect(translatePythonRegex('\\u00e9(?#note)x{,3}')).toBe('\\x{00e9}x{0,3}');
		expect(translatePythonRegex('[\\Z]')).toBe('[\\Z]');
		expect(one(re('(?P<tool>mimi)katz\\Z'), 'run mimikatz')).toBe(true);
		expect(one(re('(?P<tool>mimi)katz\\Z'), 'mimikatz!')).toBe(false);
		expect(one(re('caf\\u00e9'), 'café')).toBe(true);
	});

	it('reports a pattern RE2 cannot run on the value, and never matches it', () => {
		const matcher = compileMatcher(
			parsed(
				rule(
					{},
					{ selection: map(item('CommandLine', [re('https?://[0-9]{1,10}(?!.)')])) },
					ref('selection')
				)
			)
		);
		expect(matchEvent(matcher, { CommandLine: 'http://123' }).match).toBe(false);
		expect(matcher.diagnostics).toHaveLength(1);
		expect(matcher.diagnostics[0]).toMatchObject({
			code: 'match_regex_unsupported',
			severity: 'warning',
			stage: 'match',
			from: 0,
			to: 1
		});
		expect(matcher.diagnostics[0].message).toContain('look-ahead is not supported');
	});

	it('runs look-behind, with groups inside, positive and negative', () => {
		expect(one(re('(?<=x)y'), 'xy')).toBe(true);
		expect(one(re('(?<=x)y'), 'zy')).toBe(false);
		expect(one(re('(?<!q)y'), 'qy')).toBe(false);
		expect(one(re('(?<!q)y'), 'y')).toBe(true);
		expect(one(re('(?<=(ab|c))d'), 'abd')).toBe(true);
		expect(one(re('(?<=(ab|c))d'), 'bd')).toBe(false);
		expect(one(re('(?<!(?P<dash>-|/))enc'), 'ps -enc')).toBe(false);
		expect(one(re('(?<!(?P<dash>-|/))enc'), 'ps enc')).toBe(true);
		expect(one(re('(?<=X)y', 'i'), 'xY')).toBe(true);
	});

	it('names each construct RE2 cannot run', () => {
		const reason = (pattern: string): string => {
			const compiled = compileRegex(pattern, []);
			return compiled.ok ? 'runs' : compiled.reason;
		};
		expect(reason('x(?=y)')).toBe(
			'look-ahead is not supported by the linear-time regex engine (invalid or unsupported Perl syntax: `(?=`)'
		);
		expect(reason('x(?!y)')).toBe(
			'look-ahead is not supported by the linear-time regex engine (invalid or unsupported Perl syntax: `(?!`)'
		);
		expect(reason('(?P<n>a)(?P=n)')).toBe(
			'back-references are not supported by the linear-time regex engine (invalid or unsupported Perl syntax: `(?P`)'
		);
		expect(reason('(a)?(?(1)b|c)')).toBe(
			'conditional groups are not supported by the linear-time regex engine (invalid or unsupported Perl syntax: `(?(`)'
		);
		expect(reason('(?>a+)b')).toBe(
			'atomic groups and possessive quantifiers are not supported (invalid or unsupported Perl syntax: `(?>`)'
		);
		expect(reason('a?+b')).toBe(
			'atomic groups and possessive quantifiers are not supported (invalid nested repetition operator: `?+`)'
		);
		expect(reason('(?<=a)b')).toBe('runs');
	});

	it('puts the diagnostic for a look-ahead on the value it spoils', () => {
		const yaml = [
			'title: t',
			'logsource:',
			'    product: windows',
			'detection:',
			'    selection:',
			'        CommandLine|re:',
			"            - 'x(?=y)'",
			"            - '(?<=x)y'",
			'    condition: selection',
			''
		].join('\n');
		const matcher = compileMatcher(parseRule(yaml));
		const from = yaml.indexOf("'x(?=y)'");
		expect(matcher.diagnostics.map((d) => [d.code, d.severity, d.from, d.to, d.start])).toEqual([
			['match_regex_unsupported', 'warning', from, from + 8, { line: 7, column: 14 }]
		]);
		expect(matchEvent(matcher, { CommandLine: 'xy' }).match).toBe(true);
		expect(matchEvent(matcher, { CommandLine: 'xz' }).match).toBe(false);
	});

	it('reports back-references', () => {
		const matcher = compileMatcher(
			parsed(rule({}, { selection: map(item('A', [re('(a)\\1')])) }, ref('selection')))
		);
		expect(matcher.diagnostics[0].message).toContain('back-references are not supported');
	});

	it('runs in linear time on patterns that backtrack in other engines', () => {
		const started = performance.now();
		expect(one(re('^(a+)+$'), `${'a'.repeat(50000)}!`)).toBe(false);
		expect(one(re('(x+x+)+y'), 'x'.repeat(50000))).toBe(false);
		expect(performance.now() - started).toBeLessThan(2000);
	});
});
