import { makeDiagnostic, type Diagnostic } from '../diagnostics';
import type { DetectionItem } from '../rule/model';
import type { ParseResult } from '../rule/parse-rule';
import { SourceText } from '../source';
import { compileRule, type CompiledRule } from './compile-rule';
import { viewOf, type EventView } from './event-shape';
import { explainRule } from './explain-rule';
import type { FieldAccess } from './field-access';
import type { EvaluateOptions, EventMatch, MatchOptions, Matcher, RuleMatch } from './match-types';

export type * from './match-types';

const compiledRules = new WeakMap<Matcher, CompiledRule[]>();

/**
 * Compiles every rule of a parse result once: field lookups, value tests (sets and lists for
 * long value lists, RE2 for regexes), logsource tests. Problems that make a value unusable
 * become diagnostics on that value; the value then never matches.
 */
export function compileMatcher(
	parsed: Pick<ParseResult, 'rules' | 'source'>,
	options: MatchOptions = {}
): Matcher {
	const source = new SourceText(parsed.source);
	const diagnostics: Diagnostic[] = [];
	const env = {
		options,
		source: parsed.source,
		accessCache: new Map<string, FieldAccess>(),
		report: (item: DetectionItem, valueIndex: number, code: string, message: string) => {
			const range = item.valueRanges[valueIndex] ?? item.range;
			diagnostics.push(makeDiagnostic(source, 'match', code, 'warning', message, range));
		}
	};
	const compiled = parsed.rules.map((rule, index) => compileRule(rule, index, env));
	const matcher: Matcher = {
		diagnostics,
		rules: compiled.map((c) => ({ title: c.rule.title, selections: c.names, negated: c.negated }))
	};
	compiledRules.set(matcher, compiled);
	return matcher;
}

/**
 * Evaluates one event against every rule of a matcher. Every selection is evaluated (so that
 * `selections` lists all that held), then each condition; the logsource test comes last and
 * only vetoes the match. The explanation is built unless `explain: false`.
 */
export function matchEvent(
	matcher: Matcher,
	event: unknown,
	options: EvaluateOptions = {}
): EventMatch {
	const compiled = compiledRules.get(matcher) ?? [];
	const explain = options.explain !== false;
	const view = viewOf(event);
	const rules = compiled.map((rule) => matchRule(rule, view, explain));
	const lead = rules.find((r) => r.match) ?? rules[0] ?? emptyMatch();
	return {
		rule: lead.rule,
		title: lead.title,
		match: lead.match,
		selections: lead.selections,
		conditions: lead.conditions,
		logsource: lead.logsource,
		explanation: lead.explanation,
		rules
	};
}

function emptyMatch(): RuleMatch {
	return {
		rule: -1,
		title: '',
		match: false,
		selections: [],
		conditions: [],
		logsource: { ok: true },
		explanation: null
	};
}

function matchRule(rule: CompiledRule, view: EventView, explain: boolean): RuleMatch {
	const verdicts: boolean[] = [];
	const selections: string[] = [];
	for (let i = 0; i < rule.selections.length; i++) {
		const held = rule.selections[i].test(view);
		verdicts.push(held);
		if (held) selections.push(rule.names[i]);
	}
	const conditions = rule.tests.map((test) => test !== null && test(verdicts) === true);
	const logsource = rule.logsource(view);
	const match = logsource.ok && conditions.includes(true);
	return {
		rule: rule.index,
		title: rule.rule.title,
		match,
		selections,
		conditions,
		logsource,
		explanation: explain ? explainRule(rule, view, verdicts, match, logsource) : null
	};
}
