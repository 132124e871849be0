import { resolveCondition, type ResolvedCondition } from '../condition/resolve-condition';
import type { DetectionItem, SigmaRule } from '../rule/model';
import { columnToSigmaFields, flavourData } from '../translate/flavours/index';
import { compileDetection, type CompiledDetection } from './compile-detection';
import type { ValueContext } from './compile-value';
import { compileCondition, negatedNames, type ConditionTest } from './condition-eval';
import { compileFieldAccess, type FieldAccess } from './field-access';
import { compileLogsource, type LogsourceCheck } from './logsource';
import type { MatchOptions } from './match-types';

/** A rule compiled for evaluation. */
export interface CompiledRule {
	index: number;
	rule: SigmaRule;
	/** Selection names in YAML order, parallel to `selections`. */
	names: string[];
	selections: CompiledDetection[];
	/** Conditions with selectors resolved; null where the condition does not parse. */
	conditions: (ResolvedCondition | null)[];
	tests: (ConditionTest | null)[];
	/** The selections some condition negates (see `CompiledRuleInfo.negated`). */
	negated: string[];
	logsource: LogsourceCheck;
	/** The text the rule was parsed from, which its ranges point into. */
	source: string;
}

/** What compiling the rules of one matcher shares. */
export interface RuleEnvironment {
	options: MatchOptions;
	/** The text the rules were parsed from. */
	source: string;
	/** Field lookups already compiled, by name and alternates. */
	accessCache: Map<string, FieldAccess>;
	/** Files a problem against one value of an item. */
	report(item: DetectionItem, valueIndex: number, code: string, message: string): void;
}

/** Compiles one rule: its selections, its conditions and its logsource test. */
export function compileRule(rule: SigmaRule, index: number, env: RuleEnvironment): CompiledRule {
	const columns = exportedColumns(rule, env.options);
	const fieldAccess = (name: string): FieldAccess => {
		const alternates = columns.get(name) ?? [];
		const key = [name, ...alternates].join('\u0000');
		let access = env.accessCache.get(key);
		if (!access) {
			access = compileFieldAccess(name, alternates);
			env.accessCache.set(key, access);
		}
		return access;
	};
	const valueContext = (item: DetectionItem, valueIndex: number): ValueContext => ({
		placeholders: env.options.placeholders ?? {},
		fieldAccess,
		report: (code, message) => env.report(item, valueIndex, code, message)
	});
	const names = rule.detections.map((d) => d.name);
	const conditions = rule.conditions.map((c) =>
		c.ast ? resolveCondition(c.ast, rule.detections).node : null
	);
	const negated = new Set<string>();
	for (const c of conditions) if (c) negatedNames(c, negated);
	return {
		index,
		rule,
		names,
		selections: rule.detections.map((d) =>
			compileDetection(d.detection, { fieldAccess, valueContext })
		),
		conditions,
		tests: conditions.map((c) => (c ? compileCondition(c, names) : null)),
		negated: [...negated],
		logsource: compileLogsource(rule.logsource),
		source: env.source
	};
}

/**
 * For rows exported from the flavour's table for this rule: each Sigma field with the column
 * names the flavour maps it to, so that `Image` also finds Defender's `FolderPath`.
 */
function exportedColumns(rule: SigmaRule, options: MatchOptions): Map<string, string[]> {
	const byField = new Map<string, string[]>();
	if (!options.flavour) return byField;
	const category = rule.logsource.category ?? '';
	const table = flavourData(options.flavour).categoryTables[category] ?? null;
	for (const [column, fields] of columnToSigmaFields(options.flavour, table)) {
		for (const field of fields) {
			const list = byField.get(field);
			if (!list) byField.set(field, [column]);
			else if (!list.includes(column)) list.push(column);
		}
	}
	return byField;
}
