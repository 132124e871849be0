import type { Detection, DetectionItem } from '../rule/model';
import { compileItem, type CompiledItem } from './compile-item';
import type { ValueContext } from './compile-value';
import type { EventView } from './event-shape';
import { explainItem } from './explain-item';
import type { FieldAccess } from './field-access';
import type { ItemExplanation } from './match-types';

/** A selection (or a nested map of a list of maps) compiled for evaluation. */
export interface CompiledDetection {
	kind: 'detection';
	linking: 'and' | 'or';
	children: (CompiledItem | CompiledDetection)[];
	test(view: EventView): boolean;
}

/** What compiling a detection needs: field lookups and a place for problems per item value. */
export interface DetectionContext {
	fieldAccess(name: string): FieldAccess;
	valueContext(item: DetectionItem, valueIndex: number): ValueContext;
}

/** Compiles a detection tree; items of a map are AND-ed, alternatives of a list OR-ed. */
export function compileDetection(detection: Detection, ctx: DetectionContext): CompiledDetection {
	const children = detection.items.map((child) =>
		child.kind === 'detection'
			? compileDetection(child, ctx)
			: compileItem(child, child.field === null ? null : ctx.fieldAccess(child.field), (i) =>
					ctx.valueContext(child, i)
				)
	);
	const tests = children.map((c) => c.test);
	const test =
		tests.length === 1
			? tests[0]
			: detection.linking === 'and'
				? (view: EventView) => tests.every((t) => t(view))
				: (view: EventView) => tests.some((t) => t(view));
	return { kind: 'detection', linking: detection.linking, children, test };
}

/** The explained verdict of a detection tree. */
export interface DetectionVerdict {
	ok: boolean;
	satisfied: number;
	total: number;
	items: ItemExplanation[];
}

/**
 * Explains a detection tree on an event. A map reports all its items; a list of alternatives
 * reports the first alternative that held, or else the one with the largest share of items
 * holding (the first of equals).
 */
export function explainDetection(
	node: CompiledItem | CompiledDetection,
	view: EventView
): DetectionVerdict {
	if (node.kind === 'item') {
		const item = explainItem(node, view);
		return { ok: item.matched, satisfied: item.matched ? 1 : 0, total: 1, items: [item] };
	}
	const verdicts = node.children.map((child) => explainDetection(child, view));
	if (node.linking === 'and') {
		return {
			ok: verdicts.every((v) => v.ok),
			satisfied: verdicts.reduce((n, v) => n + v.satisfied, 0),
			total: verdicts.reduce((n, v) => n + v.total, 0),
			items: verdicts.flatMap((v) => v.items)
		};
	}
	const held = verdicts.find((v) => v.ok);
	if (held) return held;
	let best = verdicts[0] ?? { ok: false, satisfied: 0, total: 0, items: [] };
	for (const v of verdicts) {
		if (v.total > 0 && v.satisfied / v.total > best.satisfied / Math.max(best.total, 1)) best = v;
	}
	return best;
}
