import type { DetectionItem, PlainValue, SigmaValue, StringPart } from '../rule/model';
import { sigmaStringText } from '../rule/sigma-string';
import type { CompiledItem } from './compile-item';
import type { CompiledValue } from './compile-value';
import type { EventView } from './event-shape';
import type { Located } from './field-access';
import { leafTexts } from './leaf';
import type { ItemExplanation } from './match-types';

/** One value of an item that held: where, and for an expansion which of its forms. */
interface Found {
	index: number;
	at: Located | null;
	/** Index into the expansion's forms (nested expansions flattened); null for other values. */
	form: number | null;
}

/** How an item's values fared on an event, before negation. */
interface Hit {
	ok: boolean;
	/** The value that decided: the one that held (any of), or the first that failed (all of). */
	index: number | null;
	at: Located | null;
	absent: boolean;
	/** The values that held, in order. */
	found: Found[];
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

/** A value as a reader writes it: strings in double quotes as they are, without JSON escapes. */
function quoted(value: PlainValue): string {
	return typeof value === 'string' ? `"${value}"` : String(value);
}

function show(raw: PlainValue | undefined): string {
	return raw === undefined ? 'the value' : quoted(raw);
}

/** `a`, `a and b`, `a, b and c`. */
function list(texts: string[]): string {
	if (texts.length < 2) return texts.join('');
	return `${texts.slice(0, -1).join(', ')} and ${texts[texts.length - 1]}`;
}

function forms(value: SigmaValue): SigmaValue[] {
	return value.type === 'expansion' ? value.values.flatMap(forms) : [value];
}

/** The modifiers that expanded an item's values into several forms (`windash`). */
function expansionName(item: DetectionItem): string {
	const names = item.modifiers.filter((m) => m === 'windash' || m === 'base64offset');
	return names.length > 0 ? names.join(' and ') : 'expanded';
}

const isStar = (part: StringPart | undefined): boolean =>
	part !== undefined && typeof part !== 'string' && 'wildcard' in part && part.wildcard === '*';

/** The text of one form of an expansion, without the wildcards `contains` & co. added. */
function formText(form: SigmaValue, item: DetectionItem, raw: PlainValue): string {
	if (form.type !== 'string') return show(raw);
	const written = typeof raw === 'string' ? raw : '';
	const mods = item.modifiers;
	let parts = form.parts;
	const addedHead = mods.includes('contains') || mods.includes('endswith');
	const addedTail = mods.includes('contains') || mods.includes('startswith');
	if (addedHead && !written.startsWith('*') && isStar(parts[0])) parts = parts.slice(1);
	if (addedTail && !written.endsWith('*') && isStar(parts[parts.length - 1])) {
		parts = parts.slice(0, -1);
	}
	return quoted(sigmaStringText({ type: 'string', parts }));
}

const comparisons = {
	lt: 'less than',
	lte: 'at most',
	gt: 'greater than',
	gte: 'at least'
} as const;

/** What a rule value stands for, as a noun: `"x"`, `the regular expression "a.b"`, ... */
function describe(item: DetectionItem, index: number, form: number | null): string {
	const value = item.values[index];
	const raw = item.raw[index];
	switch (value.type) {
		case 'expansion': {
			const matched = form === null ? undefined : forms(value)[form];
			if (matched === undefined) return show(raw);
			const text = formText(matched, item, raw);
			if (text === show(raw)) return text;
			return `${text} (a ${expansionName(item)} form of ${show(raw)})`;
		}
		case 'regex':
			return `the regular expression ${quoted(value.regexp)}`;
		case 'cidr':
			return `an address in ${value.cidr}`;
		case 'compare':
			return `a number ${comparisons[value.op]} ${value.number.value}`;
		case 'fieldref': {
			const other = `the value of field ${value.field}`;
			if (value.startsWith && value.endsWith) return `a text containing ${other}`;
			if (value.startsWith) return `a text starting with ${other}`;
			if (value.endsWith) return `a text ending with ${other}`;
			return other;
		}
		case 'timestamp_part':
			return `a time whose ${value.unit} is ${value.value}`;
		default:
			return show(raw);
	}
}

/** Why one held value of a field item held. */
function heldReason(item: DetectionItem, found: Found, absent: boolean): string {
	const value = item.values[found.index];
	if (value.type === 'null') {
		return absent
			? `The field ${item.field} is not in the event, as the rule requires.`
			: 'The event value is null, as the rule requires.';
	}
	if (value.type === 'exists') {
		return value.exists
			? `The field ${item.field} is in the event, as the rule requires.`
			: `The field ${item.field} is not in the event, as the rule requires.`;
	}
	return `The event value matches ${describe(item, found.index, found.form)}.`;
}

/** Why one value of a field item failed on a present field (no final period). */
function failedReason(item: DetectionItem, index: number): string {
	const value = item.values[index];
	if (value.type === 'null') {
		return 'The event value is not null, and the rule requires the field to be absent or null';
	}
	if (value.type === 'exists') {
		return `The field ${item.field} is in the event, and the rule requires it to be absent`;
	}
	if (value.type === 'expansion') {
		return `The event value matches no ${expansionName(item)} form of ${show(item.raw[index])}`;
	}
	return `The event value does not match ${describe(item, index, null)}`;
}

function fieldReason(item: DetectionItem, hit: Hit): string {
	const count = item.values.length;
	const all = item.linking === 'and' && count > 1;
	if (count === 0) {
		if (!hit.ok) {
			return 'The event value is not null, and the rule requires the field to be absent or null.';
		}
		return hit.absent
			? `The field ${item.field} is not in the event, as the rule requires.`
			: 'The event value is null, as the rule requires.';
	}
	if (hit.ok) {
		if (!all) return heldReason(item, hit.found[0], hit.absent);
		const values = hit.found.map((f) => describe(item, f.index, f.form));
		return `The event value matches all ${count} values: ${list(values)}.`;
	}
	if (hit.absent) return `The field ${item.field} is not in the event.`;
	if (all) return `${failedReason(item, hit.index ?? 0)}, and all ${count} values must match.`;
	if (count > 1) return `The event value matches none of the ${count} values.`;
	return `${failedReason(item, 0)}.`;
}

function keywordReason(item: DetectionItem, hit: Hit): string {
	const count = item.values.length;
	const all = item.linking === 'and' && count > 1;
	if (hit.ok) {
		const values = hit.found.map((f) => describe(item, f.index, f.form));
		if (all) return `The event contains all ${count} keywords: ${list(values)}.`;
		return `A value of the event contains ${values[0]}.`;
	}
	if (all) {
		const missing = describe(item, hit.index ?? 0, null);
		return `No value anywhere in the event contains ${missing}, and all ${count} keywords must be found.`;
	}
	if (count > 1) return `No value anywhere in the event contains any of the ${count} keywords.`;
	return `No value anywhere in the event contains ${describe(item, 0, null)}.`;
}

function negatedReason(item: DetectionItem, hit: Hit): string {
	if (hit.ok) {
		const [found] = hit.found;
		return `The event value equals ${describe(item, found.index, found.form)}, which neq excludes.`;
	}
	if (hit.absent) {
		return `The field ${item.field} is not in the event, so it equals none of the excluded values.`;
	}
	return 'The event value equals none of the excluded values.';
}

/** Explains how an item fared on an event: the deciding value and where the event value sits. */
export function explainItem(compiled: CompiledItem, view: EventView): ItemExplanation {
	const { item } = compiled;
	const hit = compiled.access
		? findFieldHit(compiled, compiled.access.locate(view), view)
		: findKeywordHit(compiled, view.event);
	const reason = item.negated
		? negatedReason(item, hit)
		: compiled.access
			? fieldReason(item, hit)
			: keywordReason(item, hit);
	const valueIndex = hit.index;
	const explanation: ItemExplanation = {
		key: itemKey(item),
		field: item.field,
		range: item.range,
		matched: hit.ok !== item.negated,
		valueIndex,
		valueRange: valueIndex === null ? null : (item.valueRanges[valueIndex] ?? null),
		path: hit.at ? hit.at.path : null,
		reason
	};
	if (hit.at) explanation.actual = shorten(hit.at.value);
	return explanation;
}

/** The form of an expansion that matched the located value (null for other values). */
function formOf(value: CompiledValue, test: (form: CompiledValue) => boolean): number | null {
	if (!value.alternatives) return null;
	const index = value.alternatives.findIndex(test);
	return index >= 0 ? index : null;
}

function findFieldHit(compiled: CompiledItem, located: Located[], view: EventView): Hit {
	const { values, item } = compiled;
	const absent = located.length === 0;
	const first = located[0] ?? null;
	const foundOf = (index: number): Found | null => {
		const value = values[index];
		if (absent) {
			return value.test(undefined, view)
				? { index, at: null, form: formOf(value, (f) => f.test(undefined, view)) }
				: null;
		}
		for (const at of located) {
			if (!value.test(at.value, view)) continue;
			return { index, at, form: formOf(value, (f) => f.test(at.value, view)) };
		}
		return null;
	};
	if (values.length === 0) {
		const ok = absent || located.every((l) => l.value === null);
		return { ok, index: null, at: first, absent, found: [] };
	}
	if (item.linking === 'and') {
		const found: Found[] = [];
		for (let i = 0; i < values.length; i++) {
			const held = foundOf(i);
			if (!held) return { ok: false, index: i, at: first, absent, found };
			found.push(held);
		}
		const at = [...found].reverse().find((f) => f.at)?.at ?? first;
		return { ok: true, index: values.length === 1 ? 0 : null, at, absent, found };
	}
	for (let i = 0; i < values.length; i++) {
		const held = foundOf(i);
		if (held) return { ok: true, index: i, at: held.at ?? first, absent, found: [held] };
	}
	return { ok: false, index: values.length === 1 ? 0 : null, at: first, absent, found: [] };
}

function findKeywordHit(compiled: CompiledItem, event: unknown): Hit {
	const leaves = leafTexts(event);
	const { values, item } = compiled;
	const found: Found[] = [];
	for (let i = 0; i < values.length; i++) {
		const value = values[i];
		const leaf = leaves.find((l) => value.keyword(l.text, l.lower));
		if (leaf) {
			const at = { value: leaf.text, path: leaf.path };
			found.push({ index: i, at, form: formOf(value, (f) => f.keyword(leaf.text, leaf.lower)) });
			if (item.linking === 'or') return { ok: true, index: i, at, absent: false, found };
		} else if (item.linking === 'and') {
			return { ok: false, index: i, at: null, absent: false, found };
		}
	}
	const ok = item.linking === 'and' && values.length > 0;
	const at = ok ? (found[found.length - 1]?.at ?? null) : null;
	const index = values.length === 1 ? 0 : null;
	return { ok, index: ok && values.length > 1 ? null : index, at, absent: false, found };
}
