import type { SigmaString, SigmaValue, StringPart } from '../rule/model';
import { networkContains, parseNetwork } from '../rule/cidr';
import type { EventView } from './event-shape';
import type { FieldAccess } from './field-access';
import { compileGlob, parseWildcards, type Glob } from './glob';
import { anyLeaf, numberOf, textOf } from './leaf';
import { compileRegex } from './regex';
import { parseTimestamp, timestampPart } from './timestamp';

/** Tests the resolved value of a field (undefined when the field is absent). */
export type ValueTest = (value: unknown, view: EventView) => boolean;

/**
 * One compiled rule value. `globs` and `number` are set for plain values that an item may fold
 * into its fast lookup tables; `test` always works on its own.
 */
export interface CompiledValue {
	test: ValueTest;
	/** Tests one scalar text for keyword search (`lower` is its lower-cased form). */
	keyword: (text: string, lower: string) => boolean;
	globs?: Glob[];
	number?: number;
	/**
	 * For an expansion (`windash`, `base64offset`): one compiled value per form it expands to,
	 * nested expansions flattened, so that an explanation can name the form that matched.
	 */
	alternatives?: CompiledValue[];
}

/** What compiling a value needs from its surroundings. */
export interface ValueContext {
	placeholders: Readonly<Record<string, readonly string[]>>;
	fieldAccess(name: string): FieldAccess;
	/** Records a problem with the value being compiled. */
	report(code: string, message: string): void;
}

const never: CompiledValue = { test: () => false, keyword: () => false };

/**
 * Compiles one rule value into a test of the field's value. `keyword` marks a value bound to no
 * field: its strings then match anywhere inside a value, as if written `*value*`.
 */
export function compileValue(
	value: SigmaValue,
	ctx: ValueContext,
	keyword: boolean
): CompiledValue {
	switch (value.type) {
		case 'string':
			return compileString(value, ctx, keyword);
		case 'number':
			return compileNumber(value.value);
		case 'bool': {
			const text = String(value.value);
			const leaf = (l: unknown): boolean => l === value.value || textOf(l)?.toLowerCase() === text;
			return { test: (v) => anyLeaf(v, leaf), keyword: (_t, lower) => lower.includes(text) };
		}
		case 'null':
			return { test: (v) => v === undefined || v === null, keyword: () => false };
		case 'exists':
			return { test: (v) => (v !== undefined) === value.exists, keyword: () => false };
		case 'regex': {
			const re = compileRegex(value.regexp, value.flags);
			if (!re.ok) {
				ctx.report(
					'match_regex_unsupported',
					`This regular expression cannot be evaluated, so it never matches: ${re.reason}.`
				);
				return never;
			}
			const leaf = (l: unknown): boolean => {
				const text = textOf(l);
				return text !== null && re.test(text);
			};
			return { test: (v) => anyLeaf(v, leaf), keyword: (text) => re.test(text) };
		}
		case 'cidr': {
			const network = parseNetwork(value.cidr);
			if (typeof network === 'string') {
				ctx.report('match_cidr_invalid', `'${value.cidr}' is not a network; it never matches.`);
				return never;
			}
			const leaf = (l: unknown): boolean => typeof l === 'string' && networkContains(network, l);
			return { test: (v) => anyLeaf(v, leaf), keyword: (text) => networkContains(network, text) };
		}
		case 'compare': {
			const limit = value.number.value;
			const holds = comparison(value.op, limit);
			const leaf = (l: unknown): boolean => {
				const n = numberOf(l);
				return n !== null && holds(n);
			};
			return { test: (v) => anyLeaf(v, leaf), keyword: (text) => leaf(text) };
		}
		case 'fieldref':
			return compileFieldRef(value.field, value.startsWith, value.endsWith, ctx);
		case 'timestamp_part': {
			const leaf = (l: unknown): boolean => {
				const date = parseTimestamp(l);
				return date !== null && timestampPart(date, value.unit) === value.value;
			};
			return { test: (v) => anyLeaf(v, leaf), keyword: () => false };
		}
		case 'expansion': {
			const forms = value.values.map((v) => compileValue(v, ctx, keyword));
			return { ...anyOf(forms), alternatives: forms.flatMap((c) => c.alternatives ?? [c]) };
		}
	}
}

function comparison(op: 'lt' | 'lte' | 'gt' | 'gte', limit: number): (n: number) => boolean {
	switch (op) {
		case 'lt':
			return (n) => n < limit;
		case 'lte':
			return (n) => n <= limit;
		case 'gt':
			return (n) => n > limit;
		case 'gte':
			return (n) => n >= limit;
	}
}

function compileNumber(n: number): CompiledValue {
	const text = String(n);
	const leaf = (l: unknown): boolean => (typeof l === 'number' ? l === n : numberOf(l) === n);
	return {
		test: (v) => anyLeaf(v, leaf),
		keyword: (_text, lower) => lower.includes(text),
		number: n
	};
}

/** Joins alternatives (an expansion, or the values a placeholder stands for) with OR. */
function anyOf(values: CompiledValue[]): CompiledValue {
	if (values.length === 1) return values[0];
	const compiled: CompiledValue = {
		test: (v, view) => values.some((c) => c.test(v, view)),
		keyword: (text, lower) => values.some((c) => c.keyword(text, lower))
	};
	if (values.every((c) => c.globs)) compiled.globs = values.flatMap((c) => c.globs ?? []);
	return compiled;
}

function compileString(value: SigmaString, ctx: ValueContext, keyword: boolean): CompiledValue {
	const alternatives = expandPlaceholders(value.parts, ctx);
	if (alternatives.length === 0) return never;
	const cased = value.cased === true;
	const globs = alternatives.map((parts) => compileGlob(keyword ? surround(parts) : parts, cased));
	return globTests(globs);
}

/** Builds the tests of a set of globs; they are OR-ed. */
function globTests(globs: Glob[]): CompiledValue {
	const keyword = (text: string, lower: string): boolean =>
		globs.some((g) => g.test(g.cased ? text : lower));
	const leaf = (l: unknown): boolean => {
		const text = textOf(l);
		if (text === null) return false;
		const lower = text.toLowerCase();
		return globs.some((g) => g.test(g.cased ? text : lower));
	};
	return { test: (v) => anyLeaf(v, leaf), keyword, globs };
}

function surround(parts: StringPart[]): StringPart[] {
	const star = (p: StringPart | undefined): boolean =>
		p !== undefined && typeof p !== 'string' && 'wildcard' in p && p.wildcard === '*';
	const out = [...parts];
	if (!star(out[0])) out.unshift({ wildcard: '*' });
	if (!star(out[out.length - 1])) out.push({ wildcard: '*' });
	return out;
}

const maxAlternatives = 10000;

/**
 * Replaces each placeholder by the values the user gave for it (each value read as a Sigma
 * string with live wildcards). A placeholder without values leaves no alternative at all.
 */
function expandPlaceholders(parts: readonly StringPart[], ctx: ValueContext): StringPart[][] {
	let alternatives: StringPart[][] = [[]];
	for (const part of parts) {
		if (typeof part === 'string' || 'wildcard' in part) {
			for (const alt of alternatives) alt.push(part);
			continue;
		}
		const values = ctx.placeholders[part.placeholder] ?? [];
		if (values.length === 0) {
			ctx.report(
				'match_placeholder_unresolved',
				`Placeholder %${part.placeholder}% has no values, so this value never matches; give it values in the placeholder settings.`
			);
			return [];
		}
		const next: StringPart[][] = [];
		for (const alt of alternatives) {
			for (const text of values) next.push([...alt, ...parseWildcards(text)]);
		}
		if (next.length > maxAlternatives) {
			ctx.report(
				'match_placeholder_too_many',
				`The placeholders of this value expand to more than ${maxAlternatives} patterns; it never matches.`
			);
			return [];
		}
		alternatives = next;
	}
	return alternatives;
}

function compileFieldRef(
	name: string,
	startsWith: boolean,
	endsWith: boolean,
	ctx: ValueContext
): CompiledValue {
	const other = ctx.fieldAccess(name);
	const pairTest = (mine: unknown, theirs: unknown): boolean => {
		const a = textOf(mine);
		const b = textOf(theirs);
		if (a === null || b === null) return false;
		if (!startsWith && !endsWith) {
			const x = numberOf(mine);
			const y = numberOf(theirs);
			if (x !== null && y !== null && (typeof mine === 'number' || typeof theirs === 'number')) {
				return x === y;
			}
			return a.toLowerCase() === b.toLowerCase();
		}
		const left = a.toLowerCase();
		const right = b.toLowerCase();
		if (startsWith && endsWith) return left.includes(right);
		return startsWith ? left.startsWith(right) : left.endsWith(right);
	};
	return {
		test: (v, view) => {
			const theirs = other.get(view);
			return anyLeaf(v, (mine) => anyLeaf(theirs, (t) => pairTest(mine, t)));
		},
		keyword: () => false
	};
}
