import { describe, expect, it } from 'vitest';
import { parseCondition } from '../../src/core/condition/parse-condition';
import type { ConditionNode } from '../../src/core/rule/model';

/** A compact form of a tree: `and(a, not(b))`, `any(sel*)`. */
function show(n: ConditionNode): string {
	switch (n.kind) {
		case 'ref':
			return n.name;
		case 'not':
			return `not(${show(n.arg)})`;
		case 'selector':
			return `${n.quantifier}(${n.pattern})`;
		default:
			return `${n.kind}(${n.args.map(show).join(', ')})`;
	}
}

function tree(text: string): string {
	const r = parseCondition(text);
	if (!r.ok) throw new Error(r.error.message);
	return show(r.ast);
}

function error(text: string): string {
	const r = parseCondition(text);
	if (r.ok) throw new Error('parsed');
	return r.error.message;
}

describe('parseCondition: pySigma grammar', () => {
	it('gives not > and > or precedence and flattens chains', () => {
		expect(tree('a and b and c')).toBe('and(a, b, c)');
		expect(tree('a or b and c or d')).toBe('or(a, and(b, c), d)');
		expect(tree('not a and b')).toBe('and(not(a), b)');
		expect(tree('not not a')).toBe('not(not(a))');
		expect(tree('(a or b) and c')).toBe('and(or(a, b), c)');
		expect(tree('(a and b) and c')).toBe('and(and(a, b), c)');
	});

	it('reads selectors and identifiers like pyparsing', () => {
		expect(tree('1 of sel* or all of them')).toBe('or(any(sel*), all(them))');
		expect(tree('any of x')).toBe('any(x)');
		expect(tree('sel-1 and 1x')).toBe('and(sel-1, 1x)');
		expect(tree('all')).toBe('all');
		expect(tree('nothing')).toBe('not(hing)');
		expect(tree('sel oracle')).toBe('or(sel, acle)');
		expect(tree('not')).toBe('not');
	});

	it('records ranges in the condition text', () => {
		const r = parseCondition('sel and not filter');
		expect(r.ok && r.ast).toEqual({
			kind: 'and',
			range: { from: 0, to: 18 },
			args: [
				{ kind: 'ref', name: 'sel', range: { from: 0, to: 3 } },
				{
					kind: 'not',
					range: { from: 8, to: 18 },
					arg: { kind: 'ref', name: 'filter', range: { from: 12, to: 18 } }
				}
			]
		});
	});

	it('fails with pyparsing messages', () => {
		expect(error('sel AND hing')).toBe(
			"Expected end of text, found 'AND'  (at char 4), (line:1, col:5)"
		);
		expect(error('sel and')).toBe(
			"Expected end of text, found 'and'  (at char 4), (line:1, col:5)"
		);
		expect(error('(sel')).toBe("Expected ')', found end of text  (at char 4), (line:1, col:5)");
		expect(error('(sel or')).toBe("Expected ')', found 'or'  (at char 5), (line:1, col:6)");
		expect(error('  ')).toBe(
			"Expected 'or' operations, found end of text  (at char 2), (line:1, col:3)"
		);
		expect(error('()')).toBe("Expected 'or' operations, found ')'  (at char 1), (line:1, col:2)");
		expect(error('not (')).toBe("Expected end of text, found '('  (at char 4), (line:1, col:5)");
		expect(error('(sel or not (')).toBe("Expected ')', found '('  (at char 12), (line:1, col:13)");
		expect(error('1 of')).toBe("Expected end of text, found 'of'  (at char 2), (line:1, col:3)");
		expect(error("sel 'x")).toBe('Expected end of text, found "\'"  (at char 4), (line:1, col:5)');
		expect(error('sel \\x')).toBe("Expected end of text, found '\\'  (at char 4), (line:1, col:5)");
		expect(error('sel éèàabcdefghijklmnopqrstu')).toBe(
			"Expected end of text, found 'éèàabcdefghijklm'  (at char 4), (line:1, col:5)"
		);
	});

	it('parses long and deeply nested conditions without blowing up', () => {
		const t = performance.now();
		expect(tree(`${'('.repeat(60)}a and b${')'.repeat(60)}`)).toBe('and(a, b)');
		expect(parseCondition('('.repeat(5000)).ok).toBe(false);
		expect(parseCondition(`${'a and '.repeat(5000)}a`).ok).toBe(true);
		expect(performance.now() - t).toBeLessThan(1000);
	});
});
