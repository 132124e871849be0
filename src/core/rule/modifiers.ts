import type { ReferenceError } from '../diagnostics';
import type { RegexFlag, SigmaString, SigmaValue, StringPart, TimestampUnit } from './model';
import { modifierSpecs, type ValueKind } from './modifier-table';
import { parseNetwork } from './cidr';
import { checkPythonRegex } from './python-regex';
import {
	endsWithStar,
	hasWildcard,
	insertPlaceholders,
	mergeParts,
	sigmaStringLength,
	sigmaStringText,
	startsWithStar,
	wildcardMulti
} from './sigma-string';
import { pyValueText } from './values';
import { base64OfBytes, utf16Text, utf8Bytes } from './encodings';

/** Why a modifier refused a value, with what pySigma raises for it. */
export interface ModifierFailure {
	code: string;
	message: string;
	reference: ReferenceError;
	/** Index into the item's modifier list. */
	modifierIndex: number;
	/** The YAML value concerned, or null when the modifier itself is misplaced. */
	valueIndex: number | null;
}

/** The values after the modifiers ran; a value that failed is null. */
export interface ModifierResult {
	values: (SigmaValue | null)[];
	linking: 'and' | 'or';
	negated: boolean;
	/** In the order pySigma meets them: modifier by modifier, value by value. */
	failures: ModifierFailure[];
}

class Refusal {
	constructor(
		readonly code: string,
		readonly type: string,
		readonly text: string,
		readonly onModifier = false
	) {}
}

const flagOf: Record<string, RegexFlag> = {
	i: 'i',
	ignorecase: 'i',
	m: 'm',
	multiline: 'm',
	s: 's',
	dotall: 's'
};
const compareOps = ['lt', 'lte', 'gt', 'gte'] as const;
const timestampUnits = ['minute', 'hour', 'day', 'week', 'month', 'year'] as const;

/**
 * Applies known modifiers left to right as pySigma's `SigmaDetectionItem.apply_modifiers` does.
 * Unknown identifiers are skipped (the caller reports them). A value a modifier refuses is
 * dropped and the others carry on, so that one bad value does not hide the rest.
 */
export function applyModifiers(
	field: string | null,
	ids: readonly string[],
	initial: readonly (SigmaValue | null)[]
): ModifierResult {
	const result: ModifierResult = {
		values: [...initial],
		linking: 'or',
		negated: false,
		failures: []
	};
	let applied = 0;
	for (let m = 0; m < ids.length; m++) {
		const id = ids[m];
		const spec = modifierSpecs[id];
		if (!spec) continue;
		if (id === 'all') result.linking = 'and';
		else if (id === 'neq') result.negated = true;
		else {
			for (let j = 0; j < result.values.length; j++) {
				const v = result.values[j];
				if (v === null) continue;
				try {
					result.values[j] = applyOne(id, spec.className, spec.accepts, v, field, applied);
				} catch (err) {
					if (!(err instanceof Refusal)) throw err;
					result.values[j] = null;
					result.failures.push({
						code: err.code,
						message: err.text,
						reference: { type: err.type, message: err.text },
						modifierIndex: m,
						valueIndex: err.onModifier ? null : j
					});
				}
			}
		}
		applied++;
	}
	return result;
}

function applyOne(
	id: string,
	className: string,
	accepts: readonly ValueKind[],
	v: SigmaValue,
	field: string | null,
	applied: number
): SigmaValue {
	if (v.type === 'expansion') {
		return {
			type: 'expansion',
			values: v.values.map((inner) => applyOne(id, className, accepts, inner, field, applied))
		};
	}
	if (!accepts.includes(kindOf(v))) {
		throw new Refusal(
			'modifier_type_mismatch',
			'SigmaTypeError',
			`Modifier ${className} incompatible to value type of '${pyValueText(v)}'`
		);
	}
	return modify(id, v, field, applied);
}

function kindOf(v: SigmaValue): ValueKind {
	switch (v.type) {
		case 'string':
			return 'string';
		case 'regex':
			return 'regex';
		case 'fieldref':
			return 'fieldref';
		case 'number':
		case 'timestamp_part':
			return 'number';
		case 'bool':
			return 'bool';
		default:
			return 'any';
	}
}

function modify(id: string, v: SigmaValue, field: string | null, applied: number): SigmaValue {
	switch (id) {
		case 'contains':
		case 'startswith':
		case 'endswith':
			return wrapGlob(id, v);
		case 'base64':
			return { type: 'string', parts: textParts(base64OfBytes(bytesOf(noWildcards(v)))) };
		case 'base64offset':
			return base64Offset(noWildcards(v));
		case 'wide':
			return encodeUtf16(
				v as SigmaString,
				'le',
				'',
				'Wide modifier only allowed for ascii strings'
			);
		case 'utf16be':
			return encodeUtf16(
				v as SigmaString,
				'be',
				'',
				'UTF-16BE modifier only allowed for valid Unicode strings'
			);
		case 'utf16':
			return encodeUtf16(
				v as SigmaString,
				'le',
				'\ufeff',
				'UTF-16 modifier only allowed for valid Unicode strings'
			);
		case 'windash':
			return windash(v as SigmaString);
		case 're':
			if (applied > 0)
				throw firstOnly('Regular expression modifier only applicable to unmodified values');
			return regexOf(originalText(v as SigmaString), []);
		case 'cased':
			return { ...(v as SigmaString), cased: true };
		case 'cidr':
			return cidrOf(v as SigmaString, applied);
		case 'fieldref': {
			const s = v as SigmaString;
			if (hasWildcard(s)) {
				throw new Refusal(
					'modifier_value_invalid',
					'SigmaValueError',
					'Field references must not contain wildcards'
				);
			}
			return { type: 'fieldref', field: sigmaStringText(s), startsWith: false, endsWith: false };
		}
		case 'exists':
			if (field === null) throw firstOnly('Exists modifier must be applied to field');
			if (applied > 0)
				throw firstOnly('Exists modifier only applicable to unmodified boolean values');
			return { type: 'exists', exists: (v as { value: boolean }).value };
		case 'expand':
			return expand(v);
		default:
			return modifyNumeric(id, v);
	}
}

function modifyNumeric(id: string, v: SigmaValue): SigmaValue {
	if (id in flagOf) {
		const r = v as Extract<SigmaValue, { type: 'regex' }>;
		const flag = flagOf[id];
		return regexOf(r.regexp, r.flags.includes(flag) ? r.flags : [...r.flags, flag]);
	}
	const n =
		v.type === 'number'
			? v
			: { type: 'number' as const, value: (v as { value: number }).value, isFloat: false };
	if ((compareOps as readonly string[]).includes(id)) {
		return { type: 'compare', op: id as (typeof compareOps)[number], number: n };
	}
	if ((timestampUnits as readonly string[]).includes(id)) {
		return { type: 'timestamp_part', unit: id as TimestampUnit, value: Math.trunc(n.value) };
	}
	return v;
}

function firstOnly(text: string): Refusal {
	return new Refusal('modifier_misplaced', 'SigmaValueError', text, true);
}

function textParts(s: string): StringPart[] {
	return s ? [s] : [];
}

function noWildcards(v: SigmaValue): SigmaString {
	const s = v as SigmaString;
	if (hasWildcard(s)) {
		throw new Refusal(
			'modifier_value_invalid',
			'SigmaValueError',
			'Base64 encoding of strings with wildcards is not allowed'
		);
	}
	return s;
}

/** pySigma `bytes(SigmaString)`: the UTF-8 of its text form (literal `*` and `?` escaped). */
function bytesOf(s: SigmaString): Uint8Array {
	return utf8Bytes(sigmaStringText(s));
}

function base64Offset(s: SigmaString): SigmaValue {
	const starts = [0, 2, 3];
	const ends = [null, -3, -2];
	const len = sigmaStringLength(s);
	const body = bytesOf(s);
	const values: SigmaValue[] = [];
	for (let i = 0; i < 3; i++) {
		const bytes = new Uint8Array(i + body.length);
		bytes.fill(0x20, 0, i);
		bytes.set(body, i);
		const encoded = base64OfBytes(bytes);
		const end = ends[(len + i) % 3];
		const piece = encoded.slice(starts[i], end === null ? undefined : end);
		values.push({ type: 'string', parts: textParts(piece) });
	}
	return { type: 'expansion', values };
}

function encodeUtf16(
	s: SigmaString,
	order: 'le' | 'be',
	prefix: string,
	error: string
): SigmaValue {
	const parts: StringPart[] = prefix ? [prefix] : [];
	for (const p of s.parts) {
		if (typeof p !== 'string') {
			parts.push(p);
			continue;
		}
		const encoded = utf16Text(p, order);
		if (encoded === null) {
			throw new Refusal(
				'modifier_value_invalid',
				'SigmaValueError',
				`${error}, input string '${sigmaStringText(s)}' isn't one`
			);
		}
		parts.push(encoded);
	}
	return { type: 'string', parts: mergeParts(parts) };
}

function wrapGlob(id: string, v: SigmaValue): SigmaValue {
	const front = id !== 'startswith';
	const back = id !== 'endswith';
	if (v.type === 'string') {
		let s = v;
		if (front && !startsWithStar(s)) s = { ...s, parts: [wildcardMulti, ...s.parts] };
		if (back && !endsWithStar(s)) s = { ...s, parts: [...s.parts, wildcardMulti] };
		return { ...s, parts: mergeParts(s.parts) };
	}
	if (v.type === 'regex') {
		let re = v.regexp;
		if (re === '')
			throw new Refusal('modifier_value_invalid', 'IndexError', 'string index out of range');
		const original = re;
		if (front && original.slice(0, 2) !== '.*' && original[0] !== '^') re = '.*' + re;
		if (back && original.slice(-2) !== '.*' && original[original.length - 1] !== '$') re += '.*';
		return regexOf(re, v.flags);
	}
	if (v.type === 'fieldref') {
		return { ...v, startsWith: v.startsWith || back, endsWith: v.endsWith || front };
	}
	return v;
}

function regexOf(regexp: string, flags: RegexFlag[]): SigmaValue {
	const problem = checkPythonRegex(regexp);
	if (problem !== null) {
		throw new Refusal(
			'regex_invalid',
			'SigmaRegularExpressionError',
			`Regular expression '${regexp}' is invalid: ${problem}`
		);
	}
	return { type: 'regex', regexp, flags };
}

/** The text a regular expression starts from: pySigma keeps `re` values unparsed. */
function originalText(s: SigmaString): string {
	return s.parts
		.map((p) => (typeof p === 'string' ? p : 'wildcard' in p ? p.wildcard : `%${p.placeholder}%`))
		.join('');
}

function cidrOf(s: SigmaString, applied: number): SigmaValue {
	if (applied > 0) throw firstOnly('CIDR expression modifier only applicable to unmodified values');
	const text = sigmaStringText(s);
	const checked = parseNetwork(text);
	if (typeof checked === 'string') {
		throw new Refusal('cidr_invalid', 'SigmaTypeError', `Invalid CIDR expression: ${checked}`);
	}
	return { type: 'cidr', cidr: text, version: checked.version };
}

const dashes = ['-', '/', '\u2013', '\u2014', '\u2015'];
/** pySigma expands every dash (5^n values); beyond this the playground refuses instead of hanging. */
const maxWindashPositions = 6;
const wordChar = /[\p{L}\p{N}_]/u;

/** Splits text parts at every `-`/`/` that starts a word after a non-word character. */
function windash(s: SigmaString): SigmaValue {
	const segments: (StringPart | null)[] = [];
	for (const p of s.parts) {
		if (typeof p !== 'string') {
			segments.push(p);
			continue;
		}
		let last = 0;
		for (let i = 0; i < p.length; i++) {
			const c = p[i];
			if (c !== '-' && c !== '/') continue;
			const before = i === 0 || !wordChar.test(p[i - 1]);
			const after = i + 1 < p.length && wordChar.test(p[i + 1]);
			if (!before || !after) continue;
			if (i > last) segments.push(p.slice(last, i));
			segments.push(null);
			last = i + 1;
		}
		if (last < p.length) segments.push(p.slice(last));
	}
	const dashCount = segments.filter((seg) => seg === null).length;
	if (dashCount > maxWindashPositions) {
		throw new Refusal(
			'windash_too_many',
			'',
			`windash would expand ${dashCount} dashes into 5^${dashCount} values; at most ${maxWindashPositions} are expanded here.`
		);
	}
	let results: StringPart[][] = [[]];
	for (const seg of segments) {
		if (seg === null) {
			const next: StringPart[][] = [];
			for (const r of results) for (const d of dashes) next.push([...r, d]);
			results = next;
		} else for (const r of results) r.push(seg);
	}
	return {
		type: 'expansion',
		values: results.map((parts) => ({ type: 'string', parts: mergeParts(parts) }))
	};
}

function expand(v: SigmaValue): SigmaValue {
	return v.type === 'regex' ? v : insertPlaceholders(v as SigmaString);
}
