/**
 * The public entry of the core: Sigma YAML → rule model → KQL, and rule model → event matches.
 * Framework-free and DOM-free; the page, the worker, the CLI and the tests import only this.
 */

/** Parses Sigma YAML (all documents) into rule models, collecting every problem as a diagnostic. */
export { parseRule } from './rule/parse-rule';
/** Translates parsed rules to KQL for a flavour, as the reference converter would. */
export { translate } from './translate/translate';
/**
 * The KQL flavours, for pickers and the CLI. `loadFlavourSchemas` fetches the column lists of the
 * tables no logsource reaches (needed before translating with such a `queryTable`).
 */
export { flavours, isFlavourId, loadFlavourSchemas } from './translate/flavours/index';
/**
 * Reads events pasted or loaded by a user: JSON, JSON arrays, NDJSON, concatenated documents,
 * Windows event XML and CSV with a header row, recognised from the text.
 */
export { parseEvents } from './events/parse-events';
/** Finds the text range of a value in the events text from a path an explanation gives. */
export { locatePath } from './events/locate-path';
/** Builds a matcher for a parsed rule, then evaluates events with it. */
export { compileMatcher, matchEvent } from './match/match';
/** Encodes and decodes the playground state for permalinks. */
export { encodeState, decodeState } from './permalink/codec';

export type { Diagnostic, Severity, Stage, ReferenceError } from './diagnostics';
export type { Position, Range } from './source';
export type * from './rule/model';
export type { ParseResult } from './rule/parse-rule';
export type { TranslateResult, TranslateOptions } from './translate/translate';
export type { Flavour, FlavourId } from './translate/flavours/index';
export type { ParsedEvents, EventsFormat } from './events/parse-events';
export type {
	Matcher,
	EventMatch,
	MatchOptions,
	EvaluateOptions,
	RuleMatch,
	LogsourceVerdict,
	Explanation,
	SelectionExplanation,
	ConditionExplanation,
	ConditionVerdict,
	ItemExplanation,
	EventPath
} from './match/match';
export type { PlaygroundState } from './permalink/codec';
