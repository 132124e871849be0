import type {
	ConditionNode,
	Detection,
	DetectionItem,
	NamedDetection,
	SigmaValue
} from '../rule/model';
import type { Range } from '../source';
import { selectNames } from '../condition/resolve-condition';
import { Refusal } from './refusal';

/**
 * The translator's working copy of a rule's detections, which the pipeline rewrites in place, and
 * the condition tree built from it. Both mirror pySigma's objects closely, because the shape of
 * the tree (which nodes exist, how many arguments they keep) decides the exact KQL text.
 */

/** A detection item under transformation (pySigma `SigmaDetectionItem`). */
export interface WorkItem {
	kind: 'item';
	field: string | null;
	/** The field as the rule names it, before any mapping renamed `field`. */
	sigmaField: string | null;
	values: SigmaValue[];
	linking: 'and' | 'or';
	negated: boolean;
	modifiers: string[];
	/** Set once the table field mapping renamed this item (the generic mapping then skips it). */
	tableMapped: boolean;
	/** The rule text this item came from, for diagnostics. */
	range: Range;
	keyRange: Range;
}

/** A group of items (pySigma `SigmaDetection`). */
export interface WorkDetection {
	kind: 'detection';
	items: (WorkItem | WorkDetection)[];
	linking: 'and' | 'or';
}

/** A node of the converted condition (pySigma `ConditionAND/OR/NOT` and the value expressions). */
export type CondNode =
	| { t: 'and' | 'or'; args: (CondNode | null)[] }
	| { t: 'not'; arg: CondNode | null }
	| { t: 'fev'; field: string; value: SigmaValue; item: WorkItem }
	| { t: 'val'; value: SigmaValue; item: WorkItem };

function copyItem(item: DetectionItem): WorkItem {
	return {
		kind: 'item',
		field: item.field,
		sigmaField: item.field,
		values: item.values.slice(),
		linking: item.linking,
		negated: item.negated,
		modifiers: item.modifiers,
		tableMapped: false,
		range: item.range,
		keyRange: item.keyRange
	};
}

function copyDetection(d: Detection): WorkDetection {
	return {
		kind: 'detection',
		linking: d.linking,
		items: d.items.map((i) => (i.kind === 'item' ? copyItem(i) : copyDetection(i)))
	};
}

/** Copies the rule's named detections, keeping their YAML order. */
export function workDetections(named: NamedDetection[]): Map<string, WorkDetection> {
	const out = new Map<string, WorkDetection>();
	for (const n of named) out.set(n.name, copyDetection(n.detection));
	return out;
}

/** Calls `fn` on every item, depth first in document order. */
export function forEachItem(d: WorkDetection, fn: (item: WorkItem) => void): void {
	for (const i of d.items) {
		if (i.kind === 'item') fn(i);
		else forEachItem(i, fn);
	}
}

/**
 * Replaces items in document order: `fn` returns a replacement (an item, a detection, or null to
 * delete the item) or undefined to keep it.
 */
export function replaceItems(
	d: WorkDetection,
	fn: (item: WorkItem) => WorkItem | WorkDetection | null | undefined
): void {
	const next: (WorkItem | WorkDetection)[] = [];
	for (const i of d.items) {
		if (i.kind === 'detection') {
			replaceItems(i, fn);
			next.push(i);
			continue;
		}
		const r = fn(i);
		if (r === undefined) next.push(i);
		else if (r !== null) next.push(r);
	}
	d.items = next;
}

/** pySigma re-postprocesses nested conditions, collapsing one-argument and emptied groups. */
function repost(node: CondNode): CondNode | null {
	if (node.t === 'and' || node.t === 'or') {
		const args: (CondNode | null)[] = [];
		for (const a of node.args) if (a !== null) args.push(repost(a));
		node.args = args;
		if (args.length === 1) return args[0];
		return args.length === 0 ? null : node;
	}
	if (node.t === 'not') {
		if (node.arg === null) return null;
		node.arg = repost(node.arg);
	}
	return node;
}

function itemCondition(item: WorkItem): CondNode | null {
	let cond: CondNode;
	if (item.values.length === 0) {
		if (item.field === null) {
			throw new Refusal(
				'SigmaConditionError',
				'Null value must be bound to a field',
				item.range,
				'translate_keyword_null'
			);
		}
		cond = { t: 'fev', field: item.field, value: { type: 'null' }, item };
	} else if (item.values.length === 1) {
		const value = item.values[0];
		cond =
			item.field === null
				? { t: 'val', value, item }
				: { t: 'fev', field: item.field, value, item };
	} else {
		const field = item.field;
		cond = {
			t: item.linking,
			args: item.values.map((value) =>
				field === null ? { t: 'val', value, item } : { t: 'fev', field, value, item }
			)
		};
	}
	return item.negated ? { t: 'not', arg: cond } : cond;
}

/** The condition of one detection (pySigma `SigmaDetection.postprocess`). */
function detectionCondition(d: WorkDetection): CondNode | null {
	const items = d.items.map((i) => (i.kind === 'item' ? itemCondition(i) : detectionCondition(i)));
	if (items.length === 1) return items[0];
	if (items.length === 0) return null;
	const args: (CondNode | null)[] = [];
	for (const a of items) if (a !== null) args.push(repost(a));
	return { t: d.linking, args };
}

/**
 * Resolves a parsed condition against the transformed detections (pySigma
 * `ConditionItem.postprocess`): references become detection conditions, selectors become AND/OR
 * groups, and one-argument groups collapse. Problems are reported at `errorRange` (the
 * condition's place in the rule), since the parse tree's ranges are relative to its text.
 */
export function conditionTree(
	node: ConditionNode,
	detections: Map<string, WorkDetection>,
	errorRange: Range
): CondNode | null {
	const resolve = (name: string): CondNode | null => {
		const d = detections.get(name);
		if (!d) {
			throw new Refusal(
				'SigmaConditionError',
				`Detection '${name}' not defined in detections`,
				errorRange,
				'condition_unknown_detection'
			);
		}
		return detectionCondition(d);
	};
	switch (node.kind) {
		case 'ref':
			return resolve(node.name);
		case 'selector': {
			const names = selectNames(node.pattern, detections.keys());
			const args = names.map(resolve);
			if (args.length === 1) return args[0];
			if (args.length === 0) return null;
			return { t: node.quantifier === 'all' ? 'and' : 'or', args };
		}
		case 'not':
			return { t: 'not', arg: conditionTree(node.arg, detections, errorRange) };
		default: {
			const args = node.args.map((a) => conditionTree(a, detections, errorRange));
			return args.length === 1 ? args[0] : { t: node.kind, args };
		}
	}
}
