import type {
	ConditionNode,
	Detection,
	DetectionItem,
	PlainValue,
	SigmaRule,
	SigmaString,
	SigmaValue,
	StringPart
} from '../../src/core/rule/model';
import { compileMatcher, matchEvent } from '../../src/core/match/match';
import type { MatchOptions } from '../../src/core/match/match-types';
import type { ParseResult } from '../../src/core/rule/parse-rule';
import { parseSigmaString } from '../../src/core/rule/sigma-string';

/**
 * Builders of rule-model objects for matcher and translator tests, so that both can be tested
 * without the YAML parser. Ranges are synthetic: value `i` of an item gets `{from: i, to: i + 1}`.
 */

const nowhere = { from: 0, to: 0 };

/** A Sigma string from pattern text: `*`/`?` are wildcards, `\*`, `\?`, `\\` literal characters. */
export function str(pattern: string, cased = false): SigmaString {
	const value = parseSigmaString(pattern);
	if (cased) value.cased = true;
	return value;
}

/** A Sigma string from rule text, as a value (`str` without case sensitivity). */
export const s = (text: string): SigmaValue => str(text);

const star: StringPart = { wildcard: '*' };
const wrap = (text: string, before: boolean, after: boolean): SigmaString => ({
	type: 'string',
	parts: [...(before ? [star] : []), ...str(text).parts, ...(after ? [star] : [])]
});
/** The string a `contains` modifier produces from pattern text. */
export const contains = (text: string): SigmaString => wrap(text, true, true);
/** The string a `startswith` modifier produces from pattern text. */
export const startswith = (text: string): SigmaString => wrap(text, false, true);
/** The string an `endswith` modifier produces from pattern text. */
export const endswith = (text: string): SigmaString => wrap(text, true, false);

/** A Sigma number; a float unless the value is an integer. */
export const num = (value: number, isFloat = !Number.isInteger(value)): SigmaValue => ({
	type: 'number',
	value,
	isFloat
});

/** A field item; `modifiers` are recorded as written, `values` are already modified. */
export function item(
	field: string | null,
	values: SigmaValue[],
	options: { modifiers?: string[]; all?: boolean; neq?: boolean; raw?: PlainValue[] } = {}
): DetectionItem {
	return {
		kind: 'item',
		field,
		modifiers: options.modifiers ?? [],
		values,
		linking: options.all ? 'and' : 'or',
		negated: options.neq ?? false,
		raw: options.raw ?? values.map((_, i) => `v${i}`),
		range: { from: 100, to: 200 },
		keyRange: { from: 100, to: 110 },
		valueRanges: values.map((_, i) => ({ from: i, to: i + 1 }))
	};
}

/** A map selection (AND of its items). */
export const map = (...items: (DetectionItem | Detection)[]): Detection => ({
	kind: 'detection',
	items,
	linking: 'and',
	range: nowhere
});

/** A list of alternatives (OR). */
export const anyOf = (...items: (DetectionItem | Detection)[]): Detection => ({
	kind: 'detection',
	items,
	linking: 'or',
	range: nowhere
});

export const ref = (name: string): ConditionNode => ({ kind: 'ref', name, range: nowhere });
export const not = (arg: ConditionNode): ConditionNode => ({ kind: 'not', arg, range: nowhere });
export const and = (...args: ConditionNode[]): ConditionNode => ({
	kind: 'and',
	args,
	range: nowhere
});
export const or = (...args: ConditionNode[]): ConditionNode => ({
	kind: 'or',
	args,
	range: nowhere
});
export const oneOf = (pattern: string): ConditionNode => ({
	kind: 'selector',
	quantifier: 'any',
	pattern,
	range: nowhere
});
export const allOf = (pattern: string): ConditionNode => ({
	kind: 'selector',
	quantifier: 'all',
	pattern,
	range: nowhere
});

/** A rule with a logsource, named selections (in order) and condition entries. */
export function rule(
	logsource: { category?: string; product?: string; service?: string },
	selections: Record<string, Detection>,
	...conditions: ConditionNode[]
): SigmaRule {
	return {
		kind: 'rule',
		title: 'Test rule',
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
			range: nowhere
		},
		detections: Object.entries(selections).map(([name, detection]) => ({
			name,
			nameRange: nowhere,
			detection
		})),
		conditions: conditions.map((ast) => ({ text: '', range: nowhere, ast })),
		attributes: {},
		range: nowhere
	};
}

/** A parse result holding the given rules and no diagnostics, over a source the ranges fit in. */
export function parsed(...rules: SigmaRule[]): ParseResult {
	return {
		source: 'x'.repeat(300),
		rules,
		documents: rules.map((x, i) => ({
			kind: 'rule',
			range: nowhere,
			title: x.title,
			ruleIndex: i
		})),
		diagnostics: []
	};
}

/** True when a rule made of this one selection matches the event. */
export function fires(detection: Detection, event: unknown, options: MatchOptions = {}): boolean {
	const only = rule({}, { selection: detection }, ref('selection'));
	return matchEvent(compileMatcher(parsed(only), options), event).match;
}
