import { selectNames, type ResolvedCondition } from '../condition/resolve-condition';
import type { ConditionNode, NamedDetection } from '../rule/model';
import type { Range } from '../source';
import type { ConditionVerdict } from './match-types';

/** A selection the condition needed the other way round: `want` is the value it needed. */
export interface Blame {
	name: string;
	want: boolean;
}

/** A compiled condition: selection verdicts (by YAML index) in, verdict out; null when vanished. */
export type ConditionTest = (selections: readonly boolean[]) => boolean | null;

/**
 * Compiles a resolved condition (selectors already expanded) against the selection names. The
 * result is null where the condition vanished: an `empty` selector, and every `and`/`or`/`not`
 * built only from such; `and`/`or` skip vanished operands. An unknown name counts as false.
 */
export function compileCondition(node: ResolvedCondition, names: readonly string[]): ConditionTest {
	switch (node.kind) {
		case 'empty':
			return () => null;
		case 'ref': {
			const index = names.indexOf(node.name);
			return (s) => index >= 0 && s[index];
		}
		case 'not': {
			const inner = compileCondition(node.arg, names);
			return (s) => {
				const v = inner(s);
				return v === null ? null : !v;
			};
		}
		case 'and':
		case 'or': {
			const args = node.args.map((arg) => compileCondition(arg, names));
			const isAnd = node.kind === 'and';
			return (s) => combine(isAnd, args, (arg) => arg(s));
		}
	}
}

/**
 * `and`/`or` over operands that may have vanished (null): vanished operands are skipped, the
 * first operand that differs from the neutral value decides, and all vanished gives null.
 */
function combine<T>(
	isAnd: boolean,
	args: readonly T[],
	valueOf: (arg: T) => boolean | null
): boolean | null {
	let seen = false;
	for (const arg of args) {
		const v = valueOf(arg);
		if (v === null) continue;
		seen = true;
		if (v !== isAnd) return v;
	}
	return seen ? isAnd : null;
}

/**
 * The condition as written with each node's verdict, by the rules of `compileCondition`:
 * `verdicts` holds the selections' verdicts in YAML order, and `source` is the rule text the
 * ranges point into (for the text of selectors).
 */
export function conditionVerdicts(
	node: ConditionNode,
	detections: readonly NamedDetection[],
	verdicts: readonly boolean[],
	source: string
): ConditionVerdict {
	const ref = (name: string, range: Range): ConditionVerdict => {
		const index = detections.findIndex((d) => d.name === name);
		return { kind: 'ref', value: index >= 0 && verdicts[index], name, range, known: index >= 0 };
	};
	const walk = (n: ConditionNode): ConditionVerdict => {
		switch (n.kind) {
			case 'ref':
				return ref(n.name, n.range);
			case 'not': {
				const arg = walk(n.arg);
				return { kind: 'not', value: arg.value === null ? null : !arg.value, arg };
			}
			case 'and':
			case 'or': {
				const args = n.args.map(walk);
				return { kind: n.kind, value: combine(n.kind === 'and', args, (a) => a.value), args };
			}
			case 'selector': {
				const names = selectNames(
					n.pattern,
					detections.map((d) => d.name)
				);
				const args = names.map((name) => ref(name, n.range));
				return {
					kind: 'selector',
					value: combine(n.quantifier === 'all', args, (a) => a.value),
					text: source.slice(n.range.from, n.range.to),
					range: n.range,
					args
				};
			}
		}
	};
	return walk(node);
}

/** Adds to `into` the selections a resolved condition negates (under an odd number of `not`). */
export function negatedNames(node: ResolvedCondition, into: Set<string>, negated = false): void {
	switch (node.kind) {
		case 'ref':
			if (negated) into.add(node.name);
			break;
		case 'not':
			negatedNames(node.arg, into, !negated);
			break;
		case 'and':
		case 'or':
			for (const arg of node.args) negatedNames(arg, into, negated);
			break;
	}
}

/**
 * The selections whose verdict kept the condition from being `want`: a selection that failed
 * where it was needed (`want: true`) or held where the condition negates it (`want: false`).
 */
export function blame(
	node: ResolvedCondition,
	want: boolean,
	verdicts: readonly boolean[],
	names: readonly string[]
): Blame[] {
	switch (node.kind) {
		case 'empty':
			return [];
		case 'ref': {
			const index = names.indexOf(node.name);
			return (index >= 0 && verdicts[index]) === want ? [] : [{ name: node.name, want }];
		}
		case 'not':
			return blame(node.arg, !want, verdicts, names);
		case 'and':
		case 'or':
			return node.args
				.filter((arg) => {
					const v = compileCondition(arg, names)(verdicts);
					return v !== null && v !== want;
				})
				.flatMap((arg) => blame(arg, want, verdicts, names));
	}
}
