import type { SigmaString, StringPart } from './model';

/**
 * Sigma strings with the exact behaviour of pySigma's `SigmaString`: parsing (wildcards and
 * escapes), part arithmetic, slicing, placeholders and the plain-text form. The parser, the
 * modifiers, the translator and the matcher all use these.
 */

/** The multi-character wildcard token. */
export const wildcardMulti = { wildcard: '*' } as const;

const special = /[*?\\]/g;

/**
 * Parses a Sigma string: `*` and `?` become wildcard tokens; `\*`, `\?`, `\\` are the literal
 * characters; a backslash before any other character, or at the end, stays a backslash.
 */
export function parseSigmaString(s: string): SigmaString {
	const parts: StringPart[] = [];
	let acc = '';
	let last = 0;
	special.lastIndex = 0;
	for (let m = special.exec(s); m; m = special.exec(s)) {
		const i = m.index;
		acc += s.slice(last, i);
		if (m[0] === '\\') {
			const next = s[i + 1];
			if (next === undefined) acc += '\\';
			else acc += next === '*' || next === '?' || next === '\\' ? next : '\\' + next;
			last = i + 2;
			special.lastIndex = last;
			continue;
		}
		if (acc) parts.push(acc);
		parts.push({ wildcard: m[0] as '*' | '?' });
		acc = '';
		last = i + 1;
	}
	acc += s.slice(last);
	if (acc) parts.push(acc);
	return { type: 'string', parts };
}

/** A Sigma string of plain text only (no parsing), like pySigma `SigmaString.from_str`. */
export function plainSigmaString(s: string): SigmaString {
	return { type: 'string', parts: s ? [s] : [] };
}

/** Concatenates parts, merging adjacent text and dropping empty text. */
export function mergeParts(parts: readonly StringPart[]): StringPart[] {
	const out: StringPart[] = [];
	for (const p of parts) {
		if (typeof p === 'string') {
			if (!p) continue;
			const last = out.length - 1;
			if (last >= 0 && typeof out[last] === 'string') out[last] = (out[last] as string) + p;
			else out.push(p);
		} else out.push(p);
	}
	return out;
}

/** Builds a Sigma string from parts (merged as `mergeParts` does), case-sensitive when `cased`. */
export function makeString(parts: readonly StringPart[], cased?: boolean): SigmaString {
	const s: SigmaString = { type: 'string', parts: mergeParts(parts) };
	if (cased) s.cased = true;
	return s;
}

/** True when the part is a `*` or `?` wildcard token. */
export function isWildcard(part: StringPart): part is { wildcard: '*' | '?' } {
	return typeof part === 'object' && 'wildcard' in part;
}

/** True when the string contains a wildcard token (pySigma `contains_special`). */
export function hasWildcard(s: SigmaString): boolean {
	return s.parts.some(isWildcard);
}

/** True when the first part is the `*` token. */
export function startsWithStar(s: SigmaString): boolean {
	const p = s.parts[0];
	return p !== undefined && isWildcard(p) && p.wildcard === '*';
}

/** True when the last part is the `*` token. */
export function endsWithStar(s: SigmaString): boolean {
	const p = s.parts[s.parts.length - 1];
	return p !== undefined && isWildcard(p) && p.wildcard === '*';
}

/**
 * pySigma `str(SigmaString)`: literal `*`/`?` escaped with a backslash, wildcards as written,
 * placeholders as `%name%`. Other backslashes are not doubled.
 */
export function sigmaStringText(s: SigmaString): string {
	let out = '';
	for (const p of s.parts) {
		if (typeof p === 'string') out += p.replace(/[*?]/g, (c) => '\\' + c);
		else if ('wildcard' in p) out += p.wildcard;
		else out += `%${p.placeholder}%`;
	}
	return out;
}

/** The number of characters, counting each token as one (pySigma `len(SigmaString)`). */
export function sigmaStringLength(s: SigmaString): number {
	let n = 0;
	for (const p of s.parts) n += typeof p === 'string' ? p.length : 1;
	return n;
}

/**
 * `s[start:end]` with pySigma's index rules: negative indices count from the end, and a range
 * that starts after its end or beyond the string gives the empty string.
 */
export function sliceString(s: SigmaString, start: number, end?: number): SigmaString {
	const length = sigmaStringLength(s);
	let from = start < 0 ? length + start : start;
	let to = end === undefined ? length : end < 0 ? length + end : end;
	if (from > to || from >= length) return { type: 'string', parts: [] };
	const parts: StringPart[] = [];
	for (const p of s.parts) {
		const size = typeof p === 'string' ? p.length : 1;
		if (to <= 0) break;
		if (from < size) {
			if (typeof p !== 'string') parts.push(p);
			else if (to > Math.max(from, 0)) parts.push(p.slice(Math.max(from, 0), to));
		}
		from -= size;
		to -= size;
	}
	return { type: 'string', parts, ...(s.cased ? { cased: true } : {}) };
}

const placeholderRe = /(?<!\\)%([^%]+)%/g;

/**
 * pySigma `SigmaString.insert_placeholders`: each unescaped `%name%` in the text parts becomes a
 * placeholder token and `\%` becomes `%`. Wildcards and case sensitivity are kept.
 */
export function insertPlaceholders(s: SigmaString): SigmaString {
	const parts: StringPart[] = [];
	for (const p of s.parts) {
		if (typeof p !== 'string') {
			parts.push(p);
			continue;
		}
		let last = 0;
		for (const m of p.matchAll(placeholderRe)) {
			parts.push(p.slice(last, m.index).replace(/\\%/g, '%'));
			parts.push({ placeholder: m[1] });
			last = m.index + m[0].length;
		}
		parts.push(p.slice(last).replace(/\\%/g, '%'));
	}
	return makeString(parts, s.cased);
}
