import type { SigmaString, StringPart } from '../rule/model';

/**
 * Operations on Sigma strings that the translator needs, with the exact behaviour of pySigma's
 * `SigmaString` (slicing, plain-text rendering, re-parsing and query escaping).
 */

const STAR: StringPart = { wildcard: '*' };
const QMARK: StringPart = { wildcard: '?' };

/** True when the part is a `*` or `?` wildcard token. */
export function isWildcard(part: StringPart): part is { wildcard: '*' | '?' } {
	return typeof part === 'object' && 'wildcard' in part;
}

/** Builds a Sigma string from parts, merging adjacent text and dropping empty text parts. */
export function makeString(parts: StringPart[], cased?: boolean): SigmaString {
	const merged: StringPart[] = [];
	for (const p of parts) {
		if (typeof p === 'string') {
			if (p === '') continue;
			const last = merged.length - 1;
			const prev = merged[last];
			if (last >= 0 && typeof prev === 'string') merged[last] = prev + p;
			else merged.push(p);
		} else merged.push(p);
	}
	const s: SigmaString = { type: 'string', parts: merged };
	if (cased) s.cased = true;
	return s;
}

/**
 * Parses text the way `SigmaString(text)` does: `*` and `?` become wildcards, a backslash escapes
 * `*`, `?` and itself, and any other backslash stays literal.
 */
export function parseSigmaString(text: string): SigmaString {
	const parts: StringPart[] = [];
	let acc = '';
	let escaped = false;
	for (const c of text) {
		if (escaped) {
			acc += c === '*' || c === '?' || c === '\\' ? c : '\\' + c;
			escaped = false;
		} else if (c === '\\') escaped = true;
		else if (c === '*' || c === '?') {
			if (acc) parts.push(acc);
			parts.push(c === '*' ? STAR : QMARK);
			acc = '';
		} else acc += c;
	}
	if (escaped) acc += '\\';
	if (acc) parts.push(acc);
	return { type: 'string', parts };
}

/** The length in characters, each wildcard or placeholder counting as one. */
export function stringLength(s: SigmaString): number {
	let n = 0;
	for (const p of s.parts) n += typeof p === 'string' ? p.length : 1;
	return n;
}

/** True when the string holds any wildcard token. */
export function containsSpecial(s: SigmaString): boolean {
	return s.parts.some(isWildcard);
}

/** True when the first part is the `*` wildcard. */
export function startsWithStar(s: SigmaString): boolean {
	const p = s.parts[0];
	return p !== undefined && isWildcard(p) && p.wildcard === '*';
}

/** True when the last part is the `*` wildcard. */
export function endsWithStar(s: SigmaString): boolean {
	const p = s.parts[s.parts.length - 1];
	return p !== undefined && isWildcard(p) && p.wildcard === '*';
}

/**
 * `s[start:end]` with pySigma's index rules: negative indices count from the end, and a range
 * that starts after its end or beyond the string gives the empty string.
 */
export function sliceString(s: SigmaString, start: number, end?: number): SigmaString {
	const length = stringLength(s);
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

/**
 * `str(SigmaString)`: literal `*`/`?` are backslash-escaped, wildcards are written bare and
 * placeholders as `%name%`. Backslashes are not escaped.
 */
export function toPlain(s: SigmaString): string {
	let out = '';
	for (const p of s.parts) {
		if (typeof p === 'string') out += p.replace(/[*?]/g, '\\$&');
		else if (isWildcard(p)) out += p.wildcard;
		else out += '%' + p.placeholder + '%';
	}
	return out;
}

/** The first placeholder name of the string, or null. */
export function firstPlaceholder(s: SigmaString): string | null {
	for (const p of s.parts) if (typeof p === 'object' && 'placeholder' in p) return p.placeholder;
	return null;
}
