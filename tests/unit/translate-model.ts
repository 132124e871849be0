import type {
	ConditionNode,
	Detection,
	DetectionItem,
	SigmaRule,
	SigmaValue
} from '../../src/core/rule/model';
import type { ParseResult } from '../../src/core/rule/parse-rule';
import { parseSigmaString } from '../../src/core/translate/sigma-string';

/** Hand-built rule models for translator tests, independent of the YAML parser. */

const r = { from: 0, to: 0 };

/** A Sigma string from rule text (`*`/`?` wildcards, backslash escapes). */
export const s = (text: string): SigmaValue => parseSigmaString(text);
/** A Sigma number. */
export const n = (value: number, isFloat = !Number.isInteger(value)): SigmaValue => ({
	type: 'number',
	value,
	isFloat
});

/** A field item; `opts` sets linking, negation and the modifiers as written. */
export function item(
	field: string | null,
	values: SigmaValue[],
	opts: { all?: boolean; neq?: boolean; modifiers?: string[] } = {}
): DetectionItem {
	return {
		kind: 'item',
		field,
		modifiers: opts.modifiers ?? [],
		values,
		linking: opts.all ? 'and' : 'or',
		negated: Boolean(opts.neq),
		raw: [],
		range: r,
		keyRange: r,
		valueRanges: values.map(() => r)
	};
}

/** A map selection (AND of items). */
export const map = (...items: DetectionItem[]): Detection => ({
	kind: 'detection',
	items,
	linking: 'and',
	range: r
});

/** A list of maps (OR). */
export const list = (...items: Detection[]): Detection => ({
	kind: 'detection',
	items,
	linking: 'or',
	range: r
});

/** Condition builders. */
export const ref = (name: string): ConditionNode => ({ kind: 'ref', name, range: r });
export const and = (...args: ConditionNode[]): ConditionNode => ({ kind: 'and', args, range: r });
export const or = (...args: ConditionNode[]): ConditionNode => ({ kind: 'or', args, range: r });
export const not = (arg: ConditionNode): ConditionNode => ({ kind: 'not', arg, range: r });
export const of = (quantifier: 'any' | 'all', pattern: string): ConditionNode => ({
	kind: 'selector',
	quantifier,
	pattern,
	range: r
});

/** A rule with a logsource, named selections and condition entries. */
export function rule(
	logsource: { category?: string; product?: string; service?: string },
	detections: Record<string, Detection>,
	...conditions: ConditionNode[]
): SigmaRule {
	return {
		kind: 'rule',
		title: 't',
		id: null,
		name: null,
		status: null,
		level: null,
		description: null,
		tags: [],
		logsource: {
			category: logsource.category ?? null,
			product: logsource.product ?? null,
			service: logsource.service ?? null,
			definition: null,
			custom: {},
			range: r
		},
		detections: Object.entries(detections).map(([name, detection]) => ({
			name,
			nameRange: r,
			detection
		})),
		conditions: conditions.map((ast) => ({ text: '', range: r, ast })),
		attributes: {},
		range: r
	};
}

/** A parse result holding the given rules and no diagnostics. */
export function parsed(...rules: SigmaRule[]): ParseResult {
	return {
		source: '',
		rules,
		documents: rules.map((x, i) => ({ kind: 'rule', range: r, title: x.title, ruleIndex: i })),
		diagnostics: []
	};
}
