import type { ResolvedCondition } from '../condition/resolve-condition';

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
			return (s) => {
				let seen = false;
				for (const arg of args) {
					const v = arg(s);
					if (v === null) continue;
					seen = true;
					if (v !== isAnd) return v;
				}
				return seen ? isAnd : null;
			};
		}
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
