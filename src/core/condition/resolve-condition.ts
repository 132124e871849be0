import type { ReferenceError } from '../diagnostics';
import type { Range } from '../source';
import type { ConditionNode, Detection, NamedDetection } from '../rule/model';

/**
 * A condition after pySigma's post-processing: selectors replaced by the selections they match.
 * `empty` stands for what pySigma holds as `None`: a selector that matched nothing. pySigma keeps
 * it inside `and`/`or`/`not` (it does not re-collapse the parent), and a condition that is
 * `empty` as a whole yields no query.
 */
export type ResolvedCondition =
	| { kind: 'and'; args: ResolvedCondition[]; range: Range }
	| { kind: 'or'; args: ResolvedCondition[]; range: Range }
	| { kind: 'not'; arg: ResolvedCondition; range: Range }
	| { kind: 'ref'; name: string; range: Range }
	| { kind: 'empty'; range: Range };

/** A problem pySigma raises while post-processing a condition (at conversion time). */
export interface ResolveError {
	code: string;
	message: string;
	/** Offsets in the rule source: the condition's identifier, or the offending item. */
	range: Range;
	reference: ReferenceError;
}

/** The resolved tree, and the errors in the order pySigma meets them (it raises the first). */
export interface ResolveResult {
	node: ResolvedCondition;
	errors: ResolveError[];
}

/**
 * Expands `1 of x*` / `all of them` selectors and checks identifiers as pySigma's
 * `ConditionSelector`/`ConditionIdentifier.postprocess` do: patterns match whole names (`*` is
 * `.*`), in YAML order; names starting with `_` only match patterns that start with `_`; one
 * match stands alone, several are OR-ed (`1`/`any`) or AND-ed (`all`), none gives `empty`.
 * Keyword items without values are reported as pySigma does when it reaches them.
 */
export function resolveCondition(
	ast: ConditionNode,
	detections: readonly NamedDetection[]
): ResolveResult {
	const errors: ResolveError[] = [];
	const byName = new Map<string, NamedDetection>();
	for (const d of detections) if (!byName.has(d.name)) byName.set(d.name, d);

	const refer = (name: string, range: Range): ResolvedCondition => {
		const d = byName.get(name);
		if (!d) {
			const message = `Detection '${name}' not defined in detections`;
			errors.push({
				code: 'condition_reference_unknown',
				message,
				range,
				reference: { type: 'SigmaConditionError', message }
			});
		} else checkKeywords(d.detection, errors);
		return { kind: 'ref', name, range };
	};

	const walk = (node: ConditionNode): ResolvedCondition => {
		switch (node.kind) {
			case 'ref':
				return refer(node.name, node.range);
			case 'not':
				return { kind: 'not', arg: walk(node.arg), range: node.range };
			case 'and':
			case 'or':
				return { kind: node.kind, args: node.args.map(walk), range: node.range };
			case 'selector': {
				const names = selectNames(
					node.pattern,
					detections.map((d) => d.name)
				);
				const refs = names.map((n) => refer(n, node.range));
				if (refs.length === 0) return { kind: 'empty', range: node.range };
				if (refs.length === 1) return refs[0];
				return { kind: node.quantifier === 'all' ? 'and' : 'or', args: refs, range: node.range };
			}
		}
	};

	return { node: walk(ast), errors };
}

/**
 * The names a selector pattern matches (`them` matches all), in the order given, each once.
 * Names starting with `_` match only patterns that start with `_`.
 */
export function selectNames(pattern: string, names: Iterable<string>): string[] {
	const re =
		pattern === 'them'
			? null
			: new RegExp(
					`^(?:${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')})$`,
					's'
				);
	const underscore = pattern.startsWith('_');
	const seen = new Set<string>();
	const out: string[] = [];
	for (const name of names) {
		if (seen.has(name)) continue;
		seen.add(name);
		if (re !== null && !re.test(name)) continue;
		if (!underscore && name.startsWith('_')) continue;
		out.push(name);
	}
	return out;
}

function checkKeywords(d: Detection, errors: ResolveError[]): void {
	for (const item of d.items) {
		if (item.kind === 'detection') {
			checkKeywords(item, errors);
			continue;
		}
		if (item.field === null && item.values.length === 0) {
			const message = 'Null value must be bound to a field';
			errors.push({
				code: 'keyword_null',
				message,
				range: item.range,
				reference: { type: 'SigmaConditionError', message }
			});
		}
	}
}
