import type { Range } from '../source';

/**
 * The rule model shared by translation and matching. It follows pySigma's model (`SigmaRule`,
 * `SigmaDetection`, `SigmaDetectionItem`, the `Sigma*` value types) so that the reference's
 * behaviour can be reproduced step by step, and adds source ranges to everything a diagnostic
 * may point at. All of it is plain data: it survives `structuredClone` and `postMessage`.
 */

/** A wildcard token of a Sigma string: `*` (any run) or `?` (one character). */
export interface Wildcard {
	wildcard: '*' | '?';
}

/** A `%name%` placeholder, only produced under the `expand` modifier. */
export interface Placeholder {
	placeholder: string;
}

/** One part of a Sigma string: literal text, a wildcard, or a placeholder. */
export type StringPart = string | Wildcard | Placeholder;

/**
 * pySigma `SigmaString`: literal text with wildcard and placeholder tokens, escapes already
 * resolved. Adjacent text parts are always merged, and there are no empty text parts.
 */
export interface SigmaString {
	type: 'string';
	parts: StringPart[];
	/** Set by the `cased` modifier (pySigma `SigmaCasedString`). */
	cased?: boolean;
}

/**
 * pySigma `SigmaNumber`. `isFloat` records whether Python would hold a float, which decides the
 * rendering (`5.0` is stored as the int 5; `12345678901234567890` renders as a float).
 */
export interface SigmaNumber {
	type: 'number';
	value: number;
	isFloat: boolean;
}

export interface SigmaBool {
	type: 'bool';
	value: boolean;
}

/** YAML `null`, `~` or an empty list. */
export interface SigmaNull {
	type: 'null';
}

export type RegexFlag = 'i' | 'm' | 's';

/** The `re` modifier's value: the pattern text as written, plus flags from `i`/`m`/`s`. */
export interface SigmaRegex {
	type: 'regex';
	regexp: string;
	/** In the order they were added; duplicates removed. */
	flags: RegexFlag[];
}

/** The `cidr` modifier's value, already validated as a network (no host bits). */
export interface SigmaCidr {
	type: 'cidr';
	cidr: string;
	version: 4 | 6;
}

export type CompareOperator = 'lt' | 'lte' | 'gt' | 'gte';

/** `lt`/`lte`/`gt`/`gte` applied to a number. */
export interface SigmaCompare {
	type: 'compare';
	op: CompareOperator;
	number: SigmaNumber;
}

/** `fieldref`, optionally followed by `contains`/`startswith`/`endswith`. */
export interface SigmaFieldRef {
	type: 'fieldref';
	field: string;
	startsWith: boolean;
	endsWith: boolean;
}

/** `exists: true|false`. */
export interface SigmaExists {
	type: 'exists';
	exists: boolean;
}

/**
 * Several alternative values produced from one (`windash`, `base64offset`). They are always
 * OR-ed with each other, even under `all`.
 */
export interface SigmaExpansion {
	type: 'expansion';
	values: SigmaValue[];
}

export type TimestampUnit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** `minute`/`hour`/... applied to a number. */
export interface SigmaTimestampPart {
	type: 'timestamp_part';
	unit: TimestampUnit;
	value: number;
}

/** Any value of a detection item after its modifiers ran. */
export type SigmaValue =
	| SigmaString
	| SigmaNumber
	| SigmaBool
	| SigmaNull
	| SigmaRegex
	| SigmaCidr
	| SigmaCompare
	| SigmaFieldRef
	| SigmaExists
	| SigmaExpansion
	| SigmaTimestampPart;

/** A plain YAML scalar as it was read (YAML 1.1 typing). */
export type PlainValue = string | number | boolean | null;

/** pySigma `SigmaDetectionItem`: `field|modifiers: value(s)`, or a keyword when `field` is null. */
export interface DetectionItem {
	kind: 'item';
	/** The field name before the first `|`; null for keywords (also for `'|contains': x`). */
	field: string | null;
	/** Modifier identifiers as written, in order (`['contains', 'all']`). */
	modifiers: string[];
	/** The values after all modifiers, one per YAML value (an expansion counts as one). */
	values: SigmaValue[];
	/** How the values combine: `or` by default, `and` with `all`. */
	linking: 'and' | 'or';
	/** Set by `neq`: the item is true when none of its values matches. */
	negated: boolean;
	/** The YAML values before modifiers, parallel to `values`. */
	raw: PlainValue[];
	/** The whole `key: value` entry (for a keyword: its value). */
	range: Range;
	/** The key (`field|mod|mod`); for a keyword, its value. */
	keyRange: Range;
	/** One range per YAML value, parallel to `values`. */
	valueRanges: Range[];
}

/**
 * pySigma `SigmaDetection`: items combined by `linking` (`and` for a map, `or` for a list of
 * maps or a list of keywords).
 */
export interface Detection {
	kind: 'detection';
	items: (DetectionItem | Detection)[];
	linking: 'and' | 'or';
	range: Range;
}

/** A named selection under `detection:`, in YAML order. */
export interface NamedDetection {
	name: string;
	nameRange: Range;
	detection: Detection;
}

/** The condition parse tree. `and`/`or` hold every operand of a chain (`a and b and c`). */
export type ConditionNode =
	| { kind: 'and'; args: ConditionNode[]; range: Range }
	| { kind: 'or'; args: ConditionNode[]; range: Range }
	| { kind: 'not'; arg: ConditionNode; range: Range }
	| { kind: 'ref'; name: string; range: Range }
	| { kind: 'selector'; quantifier: 'any' | 'all'; pattern: string; range: Range };

/** One entry of `condition` (a string, or one element of a condition list). */
export interface Condition {
	text: string;
	/** Where the condition text sits in the rule source. */
	range: Range;
	/** Null when the condition does not parse (a diagnostic says why). */
	ast: ConditionNode | null;
}

export interface LogSource {
	category: string | null;
	product: string | null;
	service: string | null;
	definition: string | null;
	/** Any other keys, kept as written. */
	custom: Record<string, unknown>;
	range: Range;
}

/** A detection rule (one YAML document, after collection actions were applied). */
export interface SigmaRule {
	kind: 'rule';
	title: string;
	id: string | null;
	name: string | null;
	status: string | null;
	level: string | null;
	description: string | null;
	tags: string[];
	logsource: LogSource;
	detections: NamedDetection[];
	conditions: Condition[];
	/** Every top-level attribute as loaded from YAML, for lint and display. */
	attributes: Record<string, unknown>;
	/** The whole document. */
	range: Range;
}
