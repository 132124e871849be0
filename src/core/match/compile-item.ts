import type { DetectionItem, PlainValue } from '../rule/model';
import {
	compileValue,
	type CompiledValue,
	type ValueContext,
	type ValueTest
} from './compile-value';
import type { EventView } from './event-shape';
import type { FieldAccess, Located } from './field-access';
import type { Glob } from './glob';
import { anyLeaf, leafTexts, numberOf, textOf } from './leaf';
import type { ItemExplanation } from './match-types';
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

/** The key of an item as written in the rule. */
function itemKey(item: DetectionItem): string {
	if (item.field === null) {
		return item.modifiers.length > 0 ? `|${item.modifiers.join('|')}` : 'keywords';
	}
	return [item.field, ...item.modifiers].join('|');
}

function shorten(value: unknown): string | number | boolean | null | undefined {
	if (typeof value === 'string') return value.length > 300 ? `${value.slice(0, 300)}…` : value;
	if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
	if (value === undefined) return undefined;
	const text = JSON.stringify(value);
	return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function show(raw: PlainValue | undefined): string {
	return raw === undefined ? 'the value' : JSON.stringify(raw);
}

/** Explains how an item fared on an event: the deciding value and where the event value sits. */
export function explainItem(compiled: CompiledItem, view: EventView): ItemExplanation {
	const { item, values } = compiled;
	const base = { key: itemKey(item), field: item.field, range: item.range };
	const hit = compiled.access
		? findFieldHit(compiled, compiled.access.locate(view), view)
		: findKeywordHit(compiled, view.event);
	const matched = hit.ok !== item.negated;
	const valueIndex = hit.index;
	const valueRange = valueIndex === null ? null : (item.valueRanges[valueIndex] ?? null);
	const shown = valueIndex === null ? '' : show(item.raw[valueIndex]);
	let reason: string;
	if (item.negated) {
		reason = hit.ok
			? `The event value equals ${shown}, which neq excludes.`
			: `The event value equals none of the excluded values.`;
	} else if (hit.absent && !hit.ok) {
		reason = `The field ${item.field} is not in the event.`;
	} else if (hit.ok) {
		reason = hit.absent
			? 'The field is absent, as the rule requires.'
			: `The event value matches ${shown}.`;
	} else if (item.linking === 'and' && values.length > 1) {
		reason = `The event value does not match ${shown}, and all values must match.`;
	} else if (compiled.access === null) {
		reason = 'No value anywhere in the event contains the keyword.';
	} else {
		reason =
			values.length > 1
				? `The event value matches none of the ${values.length} values.`
				: `The event value does not match ${show(item.raw[0])}.`;
	}
	const explanation: ItemExplanation = {
		...base,
		matched,
		valueIndex,
		valueRange,
		path: hit.at ? hit.at.path : null,
		reason
	};
	if (hit.at) explanation.actual = shorten(hit.at.value);
	return explanation;
}

interface Hit {
	ok: boolean;
	index: number | null;
	at: Located | null;
	absent: boolean;
}

function findFieldHit(compiled: CompiledItem, located: Located[], view: EventView): Hit {
	const { values, item } = compiled;
	const absent = located.length === 0;
	const first = located[0] ?? null;
	const hitOf = (c: CompiledValue): Located | null | false => {
		if (absent) return c.test(undefined, view) ? null : false;
		for (const l of located) if (c.test(l.value, view)) return l;
		return false;
	};
	if (values.length === 0) {
		const ok = absent || located.every((l) => l.value === null);
		return { ok, index: null, at: first, absent };
	}
	if (item.linking === 'and') {
		let at = first;
		for (let i = 0; i < values.length; i++) {
			const found = hitOf(values[i]);
			if (found === false) return { ok: false, index: i, at: first, absent };
			at = found ?? at;
		}
		return { ok: true, index: values.length === 1 ? 0 : null, at, absent };
	}
	for (let i = 0; i < values.length; i++) {
		const found = hitOf(values[i]);
		if (found !== false) return { ok: true, index: i, at: found ?? first, absent };
	}
	return { ok: false, index: values.length === 1 ? 0 : null, at: first, absent };
}

function findKeywordHit(compiled: CompiledItem, event: unknown): Hit {
	const leaves = leafTexts(event);
	const { values, item } = compiled;
	let last: Located | null = null;
	for (let i = 0; i < values.length; i++) {
		const leaf = leaves.find((l) => values[i].keyword(l.text, l.lower));
		if (leaf) {
			last = { value: leaf.text, path: leaf.path };
			if (item.linking === 'or') return { ok: true, index: i, at: last, absent: false };
		} else if (item.linking === 'and') {
			return { ok: false, index: i, at: null, absent: false };
		}
	}
	const ok = item.linking === 'and' && values.length > 0;
	return { ok, index: !ok && values.length === 1 ? 0 : null, at: ok ? last : null, absent: false };
}
