import type { Diagnostic } from '../diagnostics';
import type { Range } from '../source';
import type { FlavourId } from '../translate/flavours/index';
import type { EventPath } from './event-shape';

export type { EventPath } from './event-shape';

/** Settings of a matcher. */
export interface MatchOptions {
	/**
	 * The flavour whose exported rows are being tested: column names of that flavour's table
	 * (for example `FolderPath` in Defender) are then accepted for the Sigma field they map from.
	 */
	flavour?: FlavourId;
	/** Values of `%name%` placeholders (`expand`); a placeholder without values never matches. */
	placeholders?: Record<string, string[]>;
}

/** Settings of one evaluation. */
export interface EvaluateOptions {
	/** Build the explanation (default true); bulk runs turn it off and explain events on demand. */
	explain?: boolean;
}

/** The compiled form of a parse result; reusable for any number of events. */
export interface Matcher {
	/** Problems found while compiling (a regex RE2 cannot run, a placeholder without values…). */
	diagnostics: Diagnostic[];
	/** One entry per rule of the parse result, in order. */
	rules: readonly CompiledRuleInfo[];
}

/** What a matcher exposes about each rule it holds. */
export interface CompiledRuleInfo {
	title: string;
	/** Selection names in YAML order. */
	selections: readonly string[];
	/**
	 * The selections some condition negates (under an odd number of `not`, selectors expanded).
	 * Only an event where one of them holds can have been excluded by a filter.
	 */
	negated: readonly string[];
}

/** Whether the event can come from the rule's logsource. */
export interface LogsourceVerdict {
	ok: boolean;
	/** Why the event was set aside (only when `ok` is false). */
	reason?: string;
}

/** How one detection item fared against the event. */
export interface ItemExplanation {
	/** The item's key as written (`Image|endswith`), or `keywords` for values bound to no field. */
	key: string;
	field: string | null;
	matched: boolean;
	/** Rule-source range of the whole item. */
	range: Range;
	/** Index into the item's values of the value that decided; null when no single value did. */
	valueIndex: number | null;
	/** Rule-source range of that value. */
	valueRange: Range | null;
	/** Where the compared event value sits, as keys from the event root; null when absent. */
	path: EventPath | null;
	/** The event value compared (text longer than 300 characters is shortened). */
	actual?: string | number | boolean | null;
	/** One sentence saying why the item held or failed. */
	reason: string;
}

/** How one selection fared. */
export interface SelectionExplanation {
	name: string;
	matched: boolean;
	nameRange: Range;
	/**
	 * The items of the deciding branch: for a match every item that made it hold; for a miss the
	 * items of the closest branch (the list-of-maps alternative with the most items holding).
	 */
	items: ItemExplanation[];
	/** The first item of `items` that failed; null for a match. */
	failed: ItemExplanation | null;
	/** Items holding and items needed in the deciding branch. */
	satisfied: number;
	total: number;
}

/**
 * A node of a condition as written, with its verdict on the event. Selectors (`1 of selection_*`,
 * `all of them`) list the selections they expand to. As in the matcher, a selector that names
 * nothing has no verdict (null), `and`/`or` skip such operands, and an unknown name is false.
 */
export type ConditionVerdict =
	| { kind: 'and' | 'or'; value: boolean | null; args: ConditionVerdict[] }
	| { kind: 'not'; value: boolean | null; arg: ConditionVerdict }
	| {
			kind: 'ref';
			value: boolean;
			name: string;
			range: Range;
			/** False when no selection has this name. */
			known: boolean;
	  }
	| {
			kind: 'selector';
			value: boolean | null;
			/** The selector as written (`1 of selection_*`). */
			text: string;
			range: Range;
			/** The selections it expands to, in YAML order. */
			args: ConditionVerdict[];
	  };

/** One condition of the rule: its text, where it is, and its tree (null when it does not parse). */
export interface ConditionExplanation {
	text: string;
	range: Range;
	tree: ConditionVerdict | null;
}

/** Why an event matched a rule or not, for the UI and the CLI. */
export interface Explanation {
	/** Every selection in YAML order. */
	selections: SelectionExplanation[];
	/** Every condition of the rule, in order, with the verdict of each of its nodes. */
	conditions: ConditionExplanation[];
	/** For a miss: the selection the condition needed that came closest to holding. */
	closest: string | null;
	/** For a miss: a selection that held although the condition needed it false (a filter). */
	excludedBy: string | null;
	/** One sentence. */
	summary: string;
}

/** The verdict of one rule on one event. */
export interface RuleMatch {
	/** Index of the rule in the parse result. */
	rule: number;
	title: string;
	/** True when the logsource allows the event and any condition holds. */
	match: boolean;
	/** Names of the selections that held, in YAML order (whatever the logsource verdict). */
	selections: string[];
	/** One verdict per condition of the rule (false for a condition that does not parse). */
	conditions: boolean[];
	logsource: LogsourceVerdict;
	/** Null when the evaluation was asked not to explain. */
	explanation: Explanation | null;
}

/**
 * The verdict of a matcher on one event. Its own fields are those of the first rule that
 * matched, else of the first rule; `rules` holds every rule's verdict.
 */
export interface EventMatch extends RuleMatch {
	rules: RuleMatch[];
}
