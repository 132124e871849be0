import { describe, expect, it } from 'vitest';
import { compileMatcher, matchEvent } from '../../src/core/match/match';
import type { SigmaValue } from '../../src/core/rule/model';
import {
	and,
	anyOf,
	contains,
	fires,
	item,
	map,
	not,
	num,
	parsed,
	ref,
	rule,
	str
} from '../support/rule-builders';

const one = (field: string, value: SigmaValue, event: unknown): boolean =>
	fires(map(item(field, [value])), event);

const compare = (op: 'lt' | 'lte' | 'gt' | 'gte', value: number): SigmaValue => ({
	type: 'compare',
	op,
	number: { type: 'number', value, isFloat: false }
});

describe('numbers', () => {
	it('equal a JSON number or a numeric string of the same value', () => {
		expect(one('EventID', num(4688), { EventID: 4688 })).toBe(true);
		expect(one('EventID', num(4688), { EventID: ' 4688 ' })).toBe(true);
		expect(one('EventID', num(4688), { EventID: '4688.0' })).toBe(true);
		expect(one('EventID', num(4688), { EventID: 46880 })).toBe(false);
		expect(one('EventID', num(4688), { EventID: '4688a' })).toBe(false);
	});

	it('read 0x strings as hexadecimal numbers', () => {
		expect(one('LogonId', num(999), { LogonId: '0x3e7' })).toBe(true);
		expect(one('LogonId', str('0x3E7'), { LogonId: '0x3e7' })).toBe(true);
	});

	it('compare lt/lte/gt/gte numerically, never lexicographically', () => {
		expect(one('Count', compare('gt', 9), { Count: '10' })).toBe(true);
		expect(one('Count', compare('gt', 9), { Count: 10 })).toBe(true);
		expect(one('Count', compare('lt', 9), { Count: '10' })).toBe(false);
		expect(one('Count', compare('lte', 10), { Count: 10 })).toBe(true);
		expect(one('Count', compare('gte', 10.5), { Count: 10 })).toBe(false);
		expect(one('Count', compare('gt', 1), { Count: 'many' })).toBe(false);
		expect(one('Count', compare('gt', 1), {})).toBe(false);
	});
});

describe('booleans', () => {
	const yes: SigmaValue = { type: 'bool', value: true };
	it('match JSON booleans and true/false strings in any case', () => {
		expect(one('Enabled', yes, { Enabled: true })).toBe(true);
		expect(one('Enabled', yes, { Enabled: 'True' })).toBe(true);
		expect(one('Enabled', yes, { Enabled: false })).toBe(false);
		expect(one('Enabled', yes, { Enabled: 1 })).toBe(false);
	});
});

describe('null, empty and exists', () => {
	const nil: SigmaValue = { type: 'null' };
	const exists = (v: boolean): SigmaValue => ({ type: 'exists', exists: v });

	it('null matches an absent field or JSON null, not an empty string', () => {
		expect(one('ParentImage', nil, {})).toBe(true);
		expect(one('ParentImage', nil, { ParentImage: null })).toBe(true);
		expect(one('ParentImage', nil, { ParentImage: '' })).toBe(false);
	});

	it('an empty value list behaves like null', () => {
		expect(fires(map(item('ParentImage', [])), {})).toBe(true);
		expect(fires(map(item('ParentImage', [])), { ParentImage: 'x' })).toBe(false);
	});

	it('null inside a list is ORed with the other values', () => {
		const selection = map(item('Path', [str('c:\\x'), nil]));
		expect(fires(selection, {})).toBe(true);
		expect(fires(selection, { Path: 'C:\\X' })).toBe(true);
		expect(fires(selection, { Path: 'c:\\y' })).toBe(false);
	});

	it('exists tests presence only', () => {
		expect(one('Hashes', exists(true), { Hashes: '' })).toBe(true);
		expect(one('Hashes', exists(true), { Hashes: null })).toBe(true);
		expect(one('Hashes', exists(true), {})).toBe(false);
		expect(one('Hashes', exists(false), {})).toBe(true);
		expect(one('Hashes', exists(false), { Hashes: 'x' })).toBe(false);
	});

	it('not of a selection on a missing field is true (two-valued logic)', () => {
		const selections = {
			selection: map(item('Image', [contains('cmd')])),
			filter: map(item('User', [str('x')]))
		};
		const condition = and(ref('selection'), not(ref('filter')));
		const matcher = compileMatcher(parsed(rule({}, selections, condition)));
		expect(matchEvent(matcher, { Image: 'cmd.exe' }).match).toBe(true);
	});
});

describe('neq', () => {
	it('holds when the field equals none of the values, including when it is absent', () => {
		const selection = map(item('User', [str('SYSTEM'), str('LOCAL SERVICE')], { neq: true }));
		expect(fires(selection, { User: 'alice' })).toBe(true);
		expect(fires(selection, { User: 'system' })).toBe(false);
		expect(fires(selection, {})).toBe(true);
	});
});

describe('expansions', () => {
	const dashes = (flag: string): SigmaValue => ({
		type: 'expansion',
		values: ['-', '/', '\u2013', '\u2014', '\u2015'].map((d) => contains(` ${d}${flag}`))
	});

	it('OR their variants (windash)', () => {
		const selection = map(item('CommandLine', [dashes('exec')]));
		expect(fires(selection, { CommandLine: 'foo.exe /exec bar' })).toBe(true);
		expect(fires(selection, { CommandLine: 'foo.exe \u2014exec bar' })).toBe(true);
		expect(fires(selection, { CommandLine: 'foo.exe exec bar' })).toBe(false);
	});

	it('stay ORed inside while all ANDs the groups', () => {
		const selection = map(item('CommandLine', [dashes('a'), dashes('b')], { all: true }));
		expect(fires(selection, { CommandLine: 'x /a -b' })).toBe(true);
		expect(fires(selection, { CommandLine: 'x \u2013a' })).toBe(false);
	});

	it('match one of the three base64offset variants', () => {
		const offsets: SigmaValue = {
			type: 'expansion',
			values: ['YWJj', 'FiY', 'hYm'].map((v) => contains(v))
		};
		expect(one('CommandLine', offsets, { CommandLine: 'powershell -e eGhYmNk' })).toBe(true);
		expect(one('CommandLine', offsets, { CommandLine: 'powershell -e ZZZZ' })).toBe(false);
	});

	it('compare wide and utf16 strings as the code units they hold', () => {
		expect(one('Blob', contains('a\u0000b\u0000'), { Blob: 'xa\u0000b\u0000y' })).toBe(true);
		expect(one('Blob', contains('\u0000a\u0000b'), { Blob: 'x\u0000a\u0000b' })).toBe(true);
		expect(one('Blob', contains('\u0000a\u0000c'), { Blob: 'xa\u0000b\u0000y' })).toBe(false);
	});
});

describe('cidr', () => {
	const cidr = (text: string, version: 4 | 6): SigmaValue => ({
		type: 'cidr',
		cidr: text,
		version
	});

	it('compares IPv4 prefixes', () => {
		expect(one('DestinationIp', cidr('10.0.0.0/8', 4), { DestinationIp: '10.20.30.40' })).toBe(
			true
		);
		expect(one('DestinationIp', cidr('10.0.0.0/8', 4), { DestinationIp: '11.0.0.1' })).toBe(false);
		expect(one('DestinationIp', cidr('192.168.1.0/26', 4), { DestinationIp: '192.168.1.63' })).toBe(
			true
		);
		expect(one('DestinationIp', cidr('192.168.1.0/26', 4), { DestinationIp: '192.168.1.64' })).toBe(
			false
		);
	});

	it('reads every network the cidr modifier accepts, netmask and hostmask forms included', () => {
		expect(one('Ip', cidr('10.0.0.0/255.0.0.0', 4), { Ip: '10.20.30.40' })).toBe(true);
		expect(one('Ip', cidr('10.0.0.0/0.255.255.255', 4), { Ip: '11.0.0.1' })).toBe(false);
		expect(one('Ip', cidr('10.0.0.0/008', 4), { Ip: ' 010.9.9.9 ' })).toBe(true);
	});

	it('compares IPv6 prefixes, including ::1/128 (Zircolite#110)', () => {
		expect(one('IpAddress', cidr('::1/128', 6), { IpAddress: '::1' })).toBe(true);
		expect(one('IpAddress', cidr('fe80::/10', 6), { IpAddress: 'FE80::1%12' })).toBe(true);
		expect(one('IpAddress', cidr('fe80::/10', 6), { IpAddress: 'fec0::1' })).toBe(false);
		expect(one('IpAddress', cidr('2001:db8::/32', 6), { IpAddress: '2001:db8:0:0:1::1' })).toBe(
			true
		);
	});

	it('never matches another family or a non-address', () => {
		expect(one('IpAddress', cidr('0.0.0.0/0', 4), { IpAddress: '::1' })).toBe(false);
		expect(one('IpAddress', cidr('0.0.0.0/0', 4), { IpAddress: 'localhost' })).toBe(false);
		expect(one('IpAddress', cidr('0.0.0.0/0', 4), { IpAddress: '1.2.3.256' })).toBe(false);
	});
});

describe('fieldref', () => {
	const fieldRef = (field: string, startsWith = false, endsWith = false): SigmaValue => ({
		type: 'fieldref',
		field,
		startsWith,
		endsWith
	});

	it('compares with another field of the same event, case-insensitively', () => {
		expect(
			one('SourceUser', fieldRef('TargetUser'), { SourceUser: 'Bob', TargetUser: 'bob' })
		).toBe(true);
		expect(one('SourceUser', fieldRef('TargetUser'), { SourceUser: 'Bob', TargetUser: 'al' })).toBe(
			false
		);
		expect(one('SourceUser', fieldRef('TargetUser'), { SourceUser: 'Bob' })).toBe(false);
		expect(one('Pid', fieldRef('ParentPid'), { Pid: 42, ParentPid: '42' })).toBe(true);
	});

	it('supports contains, startswith and endswith', () => {
		const event = { CommandLine: 'C:\\x\\tool.exe -run', Image: 'C:\\x\\tool.exe' };
		expect(one('CommandLine', fieldRef('Image', true, true), event)).toBe(true);
		expect(one('CommandLine', fieldRef('Image', true, false), event)).toBe(true);
		expect(one('CommandLine', fieldRef('Image', false, true), event)).toBe(false);
	});
});

describe('timestamp parts', () => {
	const part = (unit: 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year', value: number) => ({
		type: 'timestamp_part' as const,
		unit,
		value
	});

	it('reads ISO timestamps in UTC', () => {
		const event = { UtcTime: '2021-01-03 23:30:00.123', Time: '2021-01-04T01:30:00+02:00' };
		expect(one('UtcTime', part('hour', 23), event)).toBe(true);
		expect(one('UtcTime', part('minute', 30), event)).toBe(true);
		expect(one('Time', part('hour', 23), event)).toBe(true);
		expect(one('Time', part('day', 3), event)).toBe(true);
		expect(one('Time', part('month', 1), event)).toBe(true);
		expect(one('Time', part('year', 2021), event)).toBe(true);
	});

	it('numbers weeks by ISO 8601', () => {
		expect(one('T', part('week', 53), { T: '2021-01-03T12:00:00Z' })).toBe(true);
		expect(one('T', part('week', 1), { T: '2021-01-04T12:00:00Z' })).toBe(true);
		expect(one('T', part('week', 1), { T: '2024-12-30T00:00:00Z' })).toBe(true);
	});

	it('never matches a value that is not a timestamp', () => {
		expect(one('T', part('hour', 0), { T: 'yesterday' })).toBe(false);
	});
});

describe('placeholders', () => {
	const admins: SigmaValue = { type: 'string', parts: [{ placeholder: 'Administrators' }] };

	it('never match without values, and say so on the value', () => {
		const matcher = compileMatcher(
			parsed(rule({}, { selection: map(item('User', [admins])) }, ref('selection')))
		);
		expect(matchEvent(matcher, { User: '%Administrators%' }).match).toBe(false);
		expect(matcher.diagnostics.map((d) => [d.code, d.from, d.to, d.stage])).toEqual([
			['match_placeholder_unresolved', 0, 1, 'match']
		]);
	});

	it('match any of the values given, with live wildcards', () => {
		const options = { placeholders: { Administrators: ['CONTOSO\\adm_*', 'root'] } };
		const selection = map(item('User', [admins]));
		expect(fires(selection, { User: 'contoso\\ADM_bob' }, options)).toBe(true);
		expect(fires(selection, { User: 'root' }, options)).toBe(true);
		expect(fires(selection, { User: 'alice' }, options)).toBe(false);
	});
});

describe('keywords', () => {
	const event = {
		Event: { System: { Channel: 'Security' }, EventData: { Message: 'Mimikatz RUN', Pid: 4242 } }
	};

	it('search every value of the event as a case-insensitive substring', () => {
		expect(fires(anyOf(item(null, [str('mimikatz')])), event)).toBe(true);
		expect(fires(anyOf(item(null, [str('secur')])), event)).toBe(true);
		expect(fires(anyOf(item(null, [num(424)])), event)).toBe(true);
		expect(fires(anyOf(item(null, [str('mimi*run')])), event)).toBe(true);
		expect(fires(anyOf(item(null, [str('EventData')])), event)).toBe(false);
	});

	it('AND their values with all', () => {
		const both = anyOf(item(null, [str('mimikatz'), str('security')], { all: true }));
		const missing = anyOf(item(null, [str('mimikatz'), str('sekurlsa')], { all: true }));
		expect(fires(both, event)).toBe(true);
		expect(fires(missing, event)).toBe(false);
	});
});
