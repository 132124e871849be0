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

/**
 * Builders of rule-model objects for matcher tests, so that matching can be tested without the
 * YAML parser. Ranges are synthetic: value `i` of an item gets `{from: i, to: i + 1}`.
 */

const nowhere = { from: 0, to: 0 };

/** A Sigma string from pattern text: `*`/`?` are wildcards, `\*`, `\?`, `\\` literal characters. */
export function str(pattern: string, cased = false): SigmaString {
	const parts: StringPart[] = [];
	let literal = '';
	for (let i = 0; i < pattern.length; i++) {
		const c = pattern[i];
		if (c === '\\' && i + 1 < pattern.length && '*?\\'.includes(pattern[i + 1])) {
			literal += pattern[++i];
		} else if (c === '*' || c === '?') {
			if (literal) parts.push(literal);
			literal = '';
			parts.push({ wildcard: c });
		} else literal += c;
	}
	if (literal) parts.push(literal);
	const value: SigmaString = { type: 'string', parts };
	if (cased) value.cased = true;
	return value;
}

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

export const num = (value: number): SigmaValue => ({ type: 'number', value, isFloat: false });

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

/** A rule with the given selections (in order) and conditions (default: the first selection). */
export function rule(
	selections: Record<string, Detection>,
	conditions: ConditionNode[] = [ref(Object.keys(selections)[0])],
	logsource: { product?: string; category?: string; service?: string } = {}
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

/** The parse-result shape the matcher takes, around hand-built rules. */
export function parsed(...rules: SigmaRule[]): { source: string; rules: SigmaRule[] } {
	return { source: 'x'.repeat(300), rules };
}

/** True when a rule made of this one selection matches the event. */
export function fires(detection: Detection, event: unknown, options: MatchOptions = {}): boolean {
	return matchEvent(compileMatcher(parsed(rule({ selection: detection })), options), event).match;
}
