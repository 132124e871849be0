import type { DetectionItem } from '../rule/model';
import {
	compileValue,
	type CompiledValue,
	type ValueContext,
	type ValueTest
} from './compile-value';
import type { EventView } from './event-shape';
import type { FieldAccess } from './field-access';
import type { Glob } from './glob';
import { anyLeaf, leafTexts, numberOf, textOf } from './leaf';
import { anyPrefix, anySubstring, anySuffix } from './text-sets';

/** A detection item compiled for evaluation. */
export interface CompiledItem {
	kind: 'item';
	item: DetectionItem;
	/** Null for keywords. */
	access: FieldAccess | null;
	values: CompiledValue[];
	test(view: EventView): boolean;
}

/** Compiles an item; `contextFor(i)` gives the context that files problems against value `i`. */
export function compileItem(
	item: DetectionItem,
	access: FieldAccess | null,
	contextFor: (valueIndex: number) => ValueContext
): CompiledItem {
	const keyword = item.field === null;
	const values = item.values.map((v, i) => compileValue(v, contextFor(i), keyword));
	const negated = item.negated;
	let test: (view: EventView) => boolean;
	if (keyword) {
		const all = item.linking === 'and';
		test = (view) => {
			const leaves = leafTexts(view.event);
			const hit = (c: CompiledValue): boolean => leaves.some((l) => c.keyword(l.text, l.lower));
			const result = values.length === 0 ? false : all ? values.every(hit) : values.some(hit);
			return result !== negated;
		};
	} else {
		const fieldAccess = access as FieldAccess;
		const combined = combine(values, item.linking);
		test = (view) => combined(fieldAccess.get(view), view) !== negated;
	}
	return { kind: 'item', item, access, values, test };
}

function combine(values: CompiledValue[], linking: 'and' | 'or'): ValueTest {
	if (values.length === 0) return (v) => v === undefined || v === null;
	if (values.length === 1) return values[0].test;
	if (linking === 'and') return (v, view) => values.every((c) => c.test(v, view));
	return anyValue(values);
}

/**
 * The OR of many values, folded into lookup tables: whole-value strings into a set, substrings,
 * prefixes and suffixes into lists tested on one lower-cased copy of the event value, numbers
 * into a set. Values that fit no table are tested one by one.
 */
function anyValue(values: CompiledValue[]): ValueTest {
	const exact = new Set<string>();
	const contains: string[] = [];
	const prefixes: string[] = [];
	const suffixes: string[] = [];
	const lowered: Glob[] = [];
	const cased: Glob[] = [];
	const numbers = new Set<number>();
	const rest: ValueTest[] = [];
	for (const value of values) {
		if (value.number !== undefined) numbers.add(value.number);
		else if (!value.globs) rest.push(value.test);
		else {
			for (const glob of value.globs) {
				if (glob.cased) cased.push(glob);
				else if (glob.kind === 'exact') exact.add(glob.text);
				else if (glob.kind === 'contains') contains.push(glob.text);
				else if (glob.kind === 'prefix') prefixes.push(glob.text);
				else if (glob.kind === 'suffix') suffixes.push(glob.text);
				else lowered.push(glob);
			}
		}
	}
	const needLower =
		exact.size + contains.length + prefixes.length + suffixes.length + lowered.length > 0;
	const hasSubstring = anySubstring(contains);
	const hasPrefix = anyPrefix(prefixes);
	const hasSuffix = anySuffix(suffixes);
	const leaf = (l: unknown): boolean => {
		const text = textOf(l);
		if (text !== null) {
			if (needLower) {
				const lower = text.toLowerCase();
				if (exact.has(lower)) return true;
				if (contains.length > 0 && hasSubstring(lower)) return true;
				if (prefixes.length > 0 && hasPrefix(lower)) return true;
				if (suffixes.length > 0 && hasSuffix(lower)) return true;
				for (const g of lowered) if (g.test(lower)) return true;
			}
			for (const g of cased) if (g.test(text)) return true;
		}
		if (numbers.size > 0) {
			const n = typeof l === 'number' ? l : numberOf(l);
			if (n !== null && numbers.has(n)) return true;
		}
		return false;
	};
	return (v, view) => anyLeaf(v, leaf) || rest.some((t) => t(v, view));
}
