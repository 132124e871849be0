import { describe, expect, it } from 'vitest';
import {
	contains,
	endswith,
	fires,
	item,
	map,
	num,
	startswith,
	str
} from '../support/rule-builders';
import type { SigmaValue } from '../../src/core/rule/model';

/** True when a one-item selection `field: value` matches the event. */
const one = (field: string, value: SigmaValue, event: unknown): boolean =>
	fires(map(item(field, [value])), event);

const cmd = { CommandLine: 'C:\\Windows\\System32\\cmd.exe /c whoami' };

describe('plain strings', () => {
	it('compare the whole value, case-insensitively', () => {
		expect(one('User', str('NT AUTHORITY\\SYSTEM'), { User: 'nt authority\\system' })).toBe(true);
		expect(one('User', str('SYSTEM'), { User: 'NT AUTHORITY\\SYSTEM' })).toBe(false);
	});

	it('fold case with Unicode lower-casing', () => {
		expect(one('Name', str('ÄRGER'), { Name: 'ärger' })).toBe(true);
		expect(one('Name', str('ΣΊΣΥΦΟΣ'), { Name: 'Σίσυφος' })).toBe(true);
	});

	it('keep case with cased', () => {
		expect(one('Name', str('Admin', true), { Name: 'Admin' })).toBe(true);
		expect(one('Name', str('Admin', true), { Name: 'admin' })).toBe(false);
		expect(one('Name', str('*Adm?n*', true), { Name: 'x-Admin-y' })).toBe(true);
		expect(one('Name', str('*Adm?n*', true), { Name: 'x-ADMIN-y' })).toBe(false);
	});

	it('treat an empty string as a value, not as absence', () => {
		expect(one('Description', str(''), { Description: '' })).toBe(true);
		expect(one('Description', str(''), {})).toBe(false);
		expect(one('Description', str(''), { Description: null })).toBe(false);
	});
});

describe('wildcards', () => {
	it('match * as any run and ? as one character, anchored at both ends', () => {
		expect(one('Image', str('C:\\\\*\\cmd.exe'), { Image: 'c:\\windows\\system32\\CMD.EXE' })).toBe(
			true
		);
		expect(one('Image', str('C:\\\\*\\cmd.exe'), { Image: 'c:\\windows\\cmd.exe.bak' })).toBe(
			false
		);
		expect(one('Code', str('a?c'), { Code: 'abc' })).toBe(true);
		expect(one('Code', str('a?c'), { Code: 'ac' })).toBe(false);
		expect(one('Code', str('a?c'), { Code: 'abbc' })).toBe(false);
		expect(one('Code', str('*'), { Code: '' })).toBe(true);
	});

	it('let * span line breaks', () => {
		expect(one('Script', str('first*last'), { Script: 'first\nmiddle\r\nlast' })).toBe(true);
	});

	it('take escaped \\* and \\? literally', () => {
		expect(one('Pattern', str('a\\*b'), { Pattern: 'a*b' })).toBe(true);
		expect(one('Pattern', str('a\\*b'), { Pattern: 'axxb' })).toBe(false);
		expect(one('Pattern', str('what\\?'), { Pattern: 'what?' })).toBe(true);
		expect(one('Pattern', str('what\\?'), { Pattern: 'whats' })).toBe(false);
		expect(one('Path', str('C:\\\\*'), { Path: 'C:\\temp' })).toBe(true);
	});

	it('keep inner wildcards live under contains, startswith and endswith', () => {
		expect(one('CommandLine', contains('cmd*whoami'), cmd)).toBe(true);
		expect(one('CommandLine', contains('whoami*cmd'), cmd)).toBe(false);
		expect(one('CommandLine', startswith('c:\\windows\\s?stem32'), cmd)).toBe(true);
		expect(one('CommandLine', endswith('/c who?mi'), cmd)).toBe(true);
		expect(one('CommandLine', endswith('/c who?mi'), { CommandLine: 'x /c whomi' })).toBe(false);
	});

	it('does not let a leading backslash disappear (go-sigma-rule-engine#13)', () => {
		expect(one('Image', contains('\\cmd.exe'), { Image: 'C:\\x\\notcmd.exe' })).toBe(false);
		expect(one('Image', contains('\\cmd.exe'), { Image: 'C:\\x\\cmd.exe' })).toBe(true);
	});

	it('finds endswith on the full value (go-sigma-rule-engine#1)', () => {
		expect(one('foo', endswith('bar'), { foo: 'foobar' })).toBe(true);
	});

	it('treats glob-like brackets as literal text', () => {
		expect(one('Name', str('[a-z]{1}'), { Name: '[A-Z]{1}' })).toBe(true);
		expect(one('Name', str('[a-z]{1}'), { Name: 'b' })).toBe(false);
	});

	it('stays fast on patterns with many stars', () => {
		const value = 'a'.repeat(20000);
		const started = performance.now();
		expect(one('Body', str('*a*a*a*a*a*a*a*a*b'), { Body: value })).toBe(false);
		expect(performance.now() - started).toBeLessThan(1000);
	});
});

describe('lists and linking', () => {
	it('ORs the values of an item and ANDs the items of a map', () => {
		const selection = map(
			item('Image', [endswith('\\cmd.exe'), endswith('\\powershell.exe')]),
			item('CommandLine', [contains('whoami')])
		);
		expect(fires(selection, { Image: 'C:\\x\\powershell.exe', CommandLine: 'whoami' })).toBe(true);
		expect(fires(selection, { Image: 'C:\\x\\powershell.exe', CommandLine: 'hostname' })).toBe(
			false
		);
		expect(fires(selection, { Image: 'C:\\x\\explorer.exe', CommandLine: 'whoami' })).toBe(false);
	});

	it('ANDs the values with all', () => {
		const values = [contains('cmd'), contains('whoami')];
		const selection = map(item('CommandLine', values, { all: true }));
		expect(fires(selection, cmd)).toBe(true);
		expect(fires(selection, { CommandLine: 'cmd /c dir' })).toBe(false);
	});

	it('keeps a 1,000-value list exact and fast', () => {
		const names = Array.from({ length: 1000 }, (_, i) => `tool${i}.exe`);
		const exact = map(
			item(
				'OriginalFileName',
				names.map((n) => str(n))
			)
		);
		const suffixes = map(
			item(
				'Image',
				names.map((n) => endswith(`\\${n}`))
			)
		);
		const substrings = map(
			item(
				'CommandLine',
				names.map((n) => contains(` ${n} `))
			)
		);
		expect(fires(exact, { OriginalFileName: 'TOOL999.EXE' })).toBe(true);
		expect(fires(exact, { OriginalFileName: 'tool1000.exe' })).toBe(false);
		expect(fires(suffixes, { Image: 'C:\\x\\tool500.exe' })).toBe(true);
		expect(fires(substrings, { CommandLine: 'run tool7.exe now' })).toBe(true);
		expect(fires(substrings, { CommandLine: 'run tool7.exes now' })).toBe(false);
	});

	it('matches an array-valued field when any element matches', () => {
		expect(one('tags', str('persistence'), { tags: ['discovery', 'Persistence'] })).toBe(true);
		expect(one('tags', str('execution'), { tags: ['discovery', 'Persistence'] })).toBe(false);
	});

	it('compares a quoted number as text against a numeric event value', () => {
		expect(one('EventID', str('4688'), { EventID: 4688 })).toBe(true);
		expect(one('EventID', str('46*'), { EventID: 4688 })).toBe(true);
		expect(one('EventID', num(4688), { EventID: '4688' })).toBe(true);
	});
});
