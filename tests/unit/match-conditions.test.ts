import { describe, expect, it } from 'vitest';
import { compileMatcher, matchEvent } from '../../src/core/match/match';
import type { ConditionNode, Detection } from '../../src/core/rule/model';
import {
	allOf,
	and,
	contains,
	item,
	map,
	not,
	num,
	oneOf,
	or,
	parsed,
	ref,
	rule,
	str
} from '../support/rule-builders';

function run(selections: Record<string, Detection>, conditions: ConditionNode[], event: unknown) {
	return matchEvent(compileMatcher(parsed(rule({}, selections, ...conditions))), event);
}

describe('conditions', () => {
	const selections = {
		sel_a: map(
			item('TargetObject', [contains('\\Services\\')]),
			item('Details', [contains('\\Users\\Public\\')])
		),
		sel_b: map(item('Image', [str('x.exe')])),
		_hidden: map(item('User', [str('alice')]))
	};
	const event = {
		TargetObject: 'HKLM\\System\\Services\\x\\ImagePath',
		Details: 'C:\\Windows\\x.exe'
	};

	it('keeps the AND inside each selection under 1 of (Chainsaw#235)', () => {
		const result = run(selections, [oneOf('sel_*')], event);
		expect(result.match).toBe(false);
		expect(result.selections).toEqual([]);
	});

	it('lists every selection that held, in YAML order, whatever the condition', () => {
		const result = run(selections, [ref('sel_b')], { Image: 'x.exe', User: 'alice' });
		expect(result.selections).toEqual(['sel_b', '_hidden']);
		expect(result.match).toBe(true);
	});

	it('leaves out underscore names unless the pattern starts with _', () => {
		const hidden = { User: 'alice' };
		expect(run(selections, [oneOf('*')], hidden).match).toBe(false);
		expect(run(selections, [oneOf('them')], hidden).match).toBe(false);
		expect(run(selections, [oneOf('_*')], hidden).match).toBe(true);
	});

	it('ANDs the selections under all of', () => {
		const both = { Image: 'x.exe', TargetObject: '\\Services\\', Details: '\\Users\\Public\\' };
		expect(run(selections, [allOf('sel_*')], both).match).toBe(true);
		expect(run(selections, [allOf('sel_*')], { Image: 'x.exe' }).match).toBe(false);
	});

	it('gives not precedence over and, and and over or', () => {
		const s = {
			a: map(item('A', [num(1)])),
			b: map(item('B', [num(1)])),
			c: map(item('C', [num(1)]))
		};
		const condition = or(ref('a'), and(ref('b'), not(ref('c'))));
		expect(run(s, [condition], { A: 1, C: 1 }).match).toBe(true);
		expect(run(s, [condition], { B: 1, C: 1 }).match).toBe(false);
		expect(run(s, [condition], { B: 1 }).match).toBe(true);
	});

	it('reports each condition of a list; the rule matches when any holds', () => {
		const s = { a: map(item('A', [num(1)])), b: map(item('B', [num(1)])) };
		const result = run(s, [ref('a'), ref('b')], { B: 1 });
		expect(result.conditions).toEqual([false, true]);
		expect(result.match).toBe(true);
	});

	it('drops a selector that names nothing, and a condition of nothing never matches', () => {
		const s = { a: map(item('A', [num(1)])) };
		expect(run(s, [and(ref('a'), oneOf('filter_*'))], { A: 1 }).match).toBe(true);
		const empty = run(s, [oneOf('filter_*')], { A: 1 });
		expect(empty.match).toBe(false);
		expect(empty.explanation?.summary).toBe('Not matched: the condition names no selection.');
	});

	it('does not match a condition that failed to parse', () => {
		const matcher = compileMatcher(
			parsed({
				...rule({}, { a: map(item('A', [num(1)])) }, ref('a')),
				conditions: [{ text: 'a AND', range: { from: 0, to: 0 }, ast: null }]
			})
		);
		const result = matchEvent(matcher, { A: 1 });
		expect(result.conditions).toEqual([false]);
		expect(result.explanation?.summary).toBe('Not matched: the condition does not parse.');
	});

	it('evaluates every rule of a collection and leads with the one that matched', () => {
		const first = rule(
			{},
			{ a: map(item('EventID', [num(7045)]), item('ImagePath', [contains('powershell')])) },
			ref('a')
		);
		const second = {
			...rule({}, { b: map(item('EventID', [num(7045)])) }, ref('b')),
			title: 'Second'
		};
		const matcher = compileMatcher(parsed(first, second));
		const result = matchEvent(matcher, { EventID: 7045, ImagePath: 'C:\\svc.exe' });
		expect(result.rules.map((r) => r.match)).toEqual([false, true]);
		expect(result.rule).toBe(1);
		expect(result.title).toBe('Second');
		expect(matcher.rules.map((r) => r.selections)).toEqual([['a'], ['b']]);
	});
});
