import { blame, conditionVerdicts } from './condition-eval';
import { explainDetection } from './compile-detection';
import type { CompiledRule } from './compile-rule';
import type { EventView } from './event-shape';
import type {
	ConditionExplanation,
	Explanation,
	LogsourceVerdict,
	SelectionExplanation
} from './match-types';

/**
 * Explains a rule's verdict on an event: every selection with its deciding items, every condition
 * with the verdict of each node, and for a miss the selection the condition needed that came
 * closest, or the filter that excluded it.
 */
export function explainRule(
	rule: CompiledRule,
	view: EventView,
	verdicts: boolean[],
	match: boolean,
	logsource: LogsourceVerdict
): Explanation {
	const selections: SelectionExplanation[] = rule.selections.map((selection, i) => {
		const verdict = explainDetection(selection, view);
		return {
			name: rule.names[i],
			matched: verdict.ok,
			nameRange: rule.rule.detections[i].nameRange,
			items: verdict.items,
			failed: verdict.ok ? null : (verdict.items.find((item) => !item.matched) ?? null),
			satisfied: verdict.satisfied,
			total: verdict.total
		};
	});
	const { detections } = rule.rule;
	const conditions: ConditionExplanation[] = rule.rule.conditions.map((c) => ({
		text: c.text,
		range: c.range,
		tree: c.ast ? conditionVerdicts(c.ast, detections, verdicts, rule.source) : null
	}));
	const explanation: Explanation = {
		selections,
		conditions,
		closest: null,
		excludedBy: null,
		summary: ''
	};
	if (match) {
		const held = selections.filter((s) => s.matched).map((s) => `'${s.name}'`);
		const what = held.length > 0 ? `${held.join(', ')} held` : 'the condition holds';
		explanation.summary = `Matched: ${what}.`;
		return explanation;
	}
	const blames = rule.conditions.flatMap((c) =>
		c === null ? [] : blame(c, true, verdicts, rule.names)
	);
	const needed = selections.filter((s) => blames.some((b) => b.want && b.name === s.name));
	let closest: SelectionExplanation | null = null;
	for (const s of needed) {
		if (!closest || share(s) > share(closest)) closest = s;
	}
	explanation.closest = closest?.name ?? null;
	explanation.excludedBy = blames.find((b) => !b.want)?.name ?? null;
	explanation.summary = missSummary(rule, logsource, closest, explanation.excludedBy, verdicts);
	return explanation;
}

function missSummary(
	rule: CompiledRule,
	logsource: LogsourceVerdict,
	closest: SelectionExplanation | null,
	excludedBy: string | null,
	verdicts: boolean[]
): string {
	if (rule.tests.every((t) => t === null)) return 'Not matched: the condition does not parse.';
	if (!logsource.ok) return `Not matched: ${logsource.reason}`;
	if (rule.tests.every((t) => t === null || t(verdicts) === null)) {
		return 'Not matched: the condition names no selection.';
	}
	if (closest?.failed) {
		const { key, reason } = closest.failed;
		return `Not matched: '${closest.name}' failed at ${key}: ${reason}`;
	}
	if (excludedBy) return `Not matched: '${excludedBy}' held, and the condition excludes it.`;
	return 'Not matched: the condition does not hold.';
}

function share(selection: SelectionExplanation): number {
	return selection.satisfied / Math.max(selection.total, 1);
}
