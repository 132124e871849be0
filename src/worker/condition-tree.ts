import { selectNames } from '../core/index';
import type { ConditionNode, NamedDetection, SigmaRule } from '../core/index';
import type { ConditionView } from './protocol';

/**
 * The condition tree of a rule with each node's verdict on one event, for the explanation view.
 * `verdicts` holds each selection's verdict by name. Selectors (`1 of selection_*`, `all of
 * them`) list the selections they expand to, expanded by the core's `selectNames`. As in the
 * matcher, a selector that names nothing has no verdict (null) and `and`/`or` skip such
 * operands; an unknown name counts as false.
 */
export function conditionTree(
	node: ConditionNode,
	detections: readonly NamedDetection[],
	verdicts: ReadonlyMap<string, boolean>,
	source: string
): ConditionView {
	switch (node.kind) {
		case 'ref':
			return refView(node.name, node.range, verdicts);
		case 'not': {
			const arg = conditionTree(node.arg, detections, verdicts, source);
			return { kind: 'not', value: arg.value === null ? null : !arg.value, arg };
		}
		case 'and':
		case 'or': {
			const args = node.args.map((arg) => conditionTree(arg, detections, verdicts, source));
			return { kind: node.kind, value: combine(node.kind === 'and', args), args };
		}
		case 'selector': {
			const args = selectNames(node.pattern, detections).map((name) =>
				refView(name, node.range, verdicts)
			);
			return {
				kind: 'selector',
				value: combine(node.quantifier === 'all', args),
				text: source.slice(node.range.from, node.range.to),
				range: node.range,
				args
			};
		}
	}
}

function refView(
	name: string,
	range: ConditionNode['range'],
	verdicts: ReadonlyMap<string, boolean>
): ConditionView {
	const value = verdicts.get(name);
	return { kind: 'ref', value: value === true, name, range, known: value !== undefined };
}

function combine(isAnd: boolean, args: readonly ConditionView[]): boolean | null {
	let seen = false;
	for (const arg of args) {
		if (arg.value === null) continue;
		seen = true;
		if (arg.value !== isAnd) return arg.value;
	}
	return seen ? isAnd : null;
}

/**
 * The selections some condition of the rules negates (under an odd number of `not`), selectors
 * expanded. Only an event where one of them holds can have been excluded by a filter.
 */
export function negatedSelections(rules: readonly SigmaRule[]): Set<string> {
	const names = new Set<string>();
	const walk = (node: ConditionNode, negated: boolean, detections: readonly NamedDetection[]) => {
		switch (node.kind) {
			case 'ref':
				if (negated) names.add(node.name);
				break;
			case 'not':
				walk(node.arg, !negated, detections);
				break;
			case 'and':
			case 'or':
				for (const arg of node.args) walk(arg, negated, detections);
				break;
			case 'selector':
				if (negated) for (const name of selectNames(node.pattern, detections)) names.add(name);
				break;
		}
	};
	for (const rule of rules) {
		for (const condition of rule.conditions) {
			if (condition.ast) walk(condition.ast, false, rule.detections);
		}
	}
	return names;
}
