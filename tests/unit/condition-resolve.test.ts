import { describe, expect, it } from 'vitest';
import { parseCondition } from '../../src/core/condition/parse-condition';
import {
	resolveCondition,
	type ResolvedCondition
} from '../../src/core/condition/resolve-condition';
import type { NamedDetection } from '../../src/core/rule/model';

const range = { from: 0, to: 0 };
const detections: NamedDetection[] = ['sel1', 'sel2', 'other', '_filt', 'filter_x'].map((name) => ({
	name,
	nameRange: range,
	detection: { kind: 'detection', items: [], linking: 'and', range }
}));

function show(n: ResolvedCondition): string {
	switch (n.kind) {
		case 'ref':
			return n.name;
		case 'empty':
			return '∅';
		case 'not':
			return `not(${show(n.arg)})`;
		default:
			return `${n.kind}(${n.args.map(show).join(', ')})`;
	}
}

function resolve(text: string): { tree: string; errors: string[] } {
	const p = parseCondition(text);
	if (!p.ok) throw new Error(p.error.message);
	const r = resolveCondition(p.ast, detections);
	return {
		tree: show(r.node),
		errors: r.errors.map((e) => `${e.reference.type}: ${e.reference.message}`)
	};
}

describe('resolveCondition: pySigma selector semantics', () => {
	it('expands selectors in YAML order, excluding _-names', () => {
		expect(resolve('1 of sel*').tree).toBe('or(sel1, sel2)');
		expect(resolve('all of them').tree).toBe('and(sel1, sel2, other, filter_x)');
		expect(resolve('any of them').tree).toBe('or(sel1, sel2, other, filter_x)');
		expect(resolve('1 of _*').tree).toBe('_filt');
		expect(resolve('1 of filter*').tree).toBe('filter_x');
		expect(resolve('1 of sel').tree).toBe('∅');
	});

	it('keeps vanished selectors inside their parents as pySigma does', () => {
		expect(resolve('sel1 and 1 of x*').tree).toBe('and(sel1, ∅)');
		expect(resolve('not 1 of x*').tree).toBe('not(∅)');
		expect(resolve('1 of x* or 1 of y*').tree).toBe('or(∅, ∅)');
	});

	it('reports unknown identifiers in traversal order', () => {
		expect(resolve('sel1 or x and y').errors).toEqual([
			"SigmaConditionError: Detection 'x' not defined in detections",
			"SigmaConditionError: Detection 'y' not defined in detections"
		]);
	});
});
