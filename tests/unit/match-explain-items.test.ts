import { describe, expect, it } from 'vitest';
import { compileMatcher, matchEvent } from '../../src/core/match/match';
import type { ItemExplanation } from '../../src/core/match/match-types';
import { parseRule } from '../../src/core/rule/parse-rule';

/** A rule whose one selection holds the given lines, indented under `selection:`. */
function ruleWith(lines: string[]): string {
	return [
		'title: t',
		'logsource:',
		'    product: windows',
		'detection:',
		'    selection:',
		...lines.map((line) => `        ${line}`),
		'    condition: selection',
		''
	].join('\n');
}

/** The explanation of the selection's first item on the event. */
function explain(lines: string[], event: unknown): ItemExplanation {
	const result = matchEvent(compileMatcher(parseRule(ruleWith(lines))), event);
	return result.explanation?.selections[0].items[0] as ItemExplanation;
}

const reason = (lines: string[], event: unknown): [boolean, string] => {
	const item = explain(lines, event);
	return [item.matched, item.reason];
};

describe('item explanations', () => {
	it('name every value of a held all, with the field path and value', () => {
		const line = "CommandLine|contains|all: ['/create', '\\Temp\\']";
		const yaml = ruleWith([line]);
		const item = explain([line], { CommandLine: 'schtasks /create /tr C:\\Temp\\x.exe' });
		const start = yaml.indexOf('CommandLine|');
		expect(item).toEqual({
			key: 'CommandLine|contains|all',
			field: 'CommandLine',
			range: { from: start, to: start + line.length },
			matched: true,
			valueIndex: null,
			valueRange: null,
			path: ['CommandLine'],
			actual: 'schtasks /create /tr C:\\Temp\\x.exe',
			reason: 'The event value matches all 2 values: "/create" and "\\Temp\\".'
		});
		expect(reason([line], { CommandLine: 'schtasks /create' })).toEqual([
			false,
			'The event value does not match "\\Temp\\", and all 2 values must match.'
		]);
	});

	it('name the windash spelling that matched', () => {
		const line = "CommandLine|windash|contains: '/disable'";
		const item = explain([line], { CommandLine: 'tool –disable' });
		expect([item.matched, item.valueIndex, item.path, item.reason]).toEqual([
			true,
			0,
			['CommandLine'],
			'The event value matches "–disable" (a windash form of "/disable").'
		]);
		expect(reason([line], { CommandLine: 'tool /disable' })).toEqual([
			true,
			'The event value matches "/disable".'
		]);
		expect(reason([line], { CommandLine: 'tool +disable' })).toEqual([
			false,
			'The event value matches no windash form of "/disable".'
		]);
		expect(
			reason(["CommandLine|windash|contains|all: ['/disable', '-x']"], {
				CommandLine: 'tool —disable /x'
			})
		).toEqual([
			true,
			'The event value matches all 2 values: "—disable" (a windash form of "/disable") and "/x" (a windash form of "-x").'
		]);
	});

	it('name the base64offset form that matched', () => {
		expect(
			reason(["CommandLine|base64offset|contains: 'hello'"], { CommandLine: 'x aGVsbG8' })
		).toEqual([true, 'The event value matches "aGVsbG" (a base64offset form of "hello").']);
	});

	it('explain null and exists by presence, not by a quoted value', () => {
		expect(reason(['CommandLine: null'], { Image: 'a' })).toEqual([
			true,
			'The field CommandLine is not in the event, as the rule requires.'
		]);
		expect(reason(['CommandLine: null'], { CommandLine: null })).toEqual([
			true,
			'The event value is null, as the rule requires.'
		]);
		expect(reason(['CommandLine: null'], { CommandLine: 'x' })).toEqual([
			false,
			'The event value is not null, and the rule requires the field to be absent or null.'
		]);
		expect(reason(['CommandLine: []'], { CommandLine: 'x' })).toEqual([
			false,
			'The event value is not null, and the rule requires the field to be absent or null.'
		]);
		expect(reason(['CommandLine|exists: true'], { CommandLine: 'x' })).toEqual([
			true,
			'The field CommandLine is in the event, as the rule requires.'
		]);
		expect(reason(['CommandLine|exists: true'], { Image: 'x' })).toEqual([
			false,
			'The field CommandLine is not in the event.'
		]);
		expect(reason(['CommandLine|exists: false'], { CommandLine: 'x' })).toEqual([
			false,
			'The field CommandLine is in the event, and the rule requires it to be absent.'
		]);
		expect(reason(['CommandLine|exists: false'], { Image: 'x' })).toEqual([
			true,
			'The field CommandLine is not in the event, as the rule requires.'
		]);
	});

	it('describe regexes, comparisons, networks and field references', () => {
		expect(reason(["A|re: 'a.c'"], { A: 'abc' })).toEqual([
			true,
			'The event value matches the regular expression "a.c".'
		]);
		expect(reason(["A|re|all: ['a', 'c']"], { A: 'abc' })).toEqual([
			true,
			'The event value matches all 2 values: the regular expression "a" and the regular expression "c".'
		]);
		expect(reason(['Count|gt: 5'], { Count: '3' })).toEqual([
			false,
			'The event value does not match a number greater than 5.'
		]);
		expect(reason(['Ip|cidr: 10.0.0.0/8'], { Ip: '10.1.2.3' })).toEqual([
			true,
			'The event value matches an address in 10.0.0.0/8.'
		]);
		expect(reason(['A|fieldref|endswith: B'], { A: 'C:\\x\\b.exe', B: 'b.exe' })).toEqual([
			true,
			'The event value matches a text ending with the value of field B.'
		]);
	});

	it('explain neq on a missing field', () => {
		expect(reason(['User|neq: SYSTEM'], { Image: 'a' })).toEqual([
			true,
			'The field User is not in the event, so it equals none of the excluded values.'
		]);
		expect(reason(['User|neq: SYSTEM'], { User: 'system' })).toEqual([
			false,
			'The event value equals "SYSTEM", which neq excludes.'
		]);
	});
});

describe('keyword explanations', () => {
	const keywords = (lines: string[], event: unknown): ItemExplanation => {
		const yaml = [
			'title: t',
			'logsource:',
			'    product: windows',
			'detection:',
			...lines.map((line) => `    ${line}`),
			'    condition: keywords',
			''
		].join('\n');
		const result = matchEvent(compileMatcher(parseRule(yaml)), event);
		return result.explanation?.selections[0].items[0] as ItemExplanation;
	};
	const all = ['keywords:', "    '|all':", '        - foo', '        - bar'];

	it('name every keyword of a held all, and the one missing from a failed all', () => {
		const held = keywords(all, { A: 'xbar', B: 'foo' });
		expect([held.matched, held.valueIndex, held.path, held.actual, held.reason]).toEqual([
			true,
			null,
			['A'],
			'xbar',
			'The event contains all 2 keywords: "foo" and "bar".'
		]);
		const failed = keywords(all, { A: 'xbar' });
		expect([failed.matched, failed.valueIndex, failed.reason]).toEqual([
			false,
			0,
			'No value anywhere in the event contains "foo", and all 2 keywords must be found.'
		]);
	});

	it('name the keyword found, or say that none was', () => {
		const list = ['keywords:', '    - foo', '    - bar'];
		expect(keywords(list, { A: 'xbar' }).reason).toBe('A value of the event contains "bar".');
		expect(keywords(list, { A: 'x' }).reason).toBe(
			'No value anywhere in the event contains any of the 2 keywords.'
		);
		expect(keywords(['keywords: foo'], { A: 'x' }).reason).toBe(
			'No value anywhere in the event contains "foo".'
		);
	});
});
