import type { StringPart } from '../rule/model';

/**
 * A compiled Sigma wildcard pattern. `kind` names the fast forms (whole value, substring,
 * prefix, suffix) so that callers can index them; `general` covers every other layout.
 * `text` is the literal text of the fast forms, already lower-cased unless the pattern is cased.
 */
export interface Glob {
	kind: 'exact' | 'contains' | 'prefix' | 'suffix' | 'general';
	text: string;
	cased: boolean;
	/** Tests a value that the caller has lower-cased when the pattern is not cased. */
	test(value: string): boolean;
}

/** A run of literal characters and `?` wildcards between two `*` wildcards. */
interface Segment {
	text: string;
	/** Offsets of `?` wildcards inside `text`; null when there are none. */
	any: number[] | null;
}

/**
 * Compiles the parts of a Sigma string (literal text and wildcard tokens, no placeholders) into
 * a matcher of the whole value: `*` is any run, `?` one UTF-16 unit. Matching is linear in
 * practice (leftmost search of each segment, no backtracking into earlier segments).
 */
export function compileGlob(parts: readonly StringPart[], cased: boolean): Glob {
	const segments: Segment[] = [{ text: '', any: null }];
	for (const part of parts) {
		const last = segments[segments.length - 1];
		if (typeof part === 'string') {
			last.text += cased ? part : part.toLowerCase();
		} else if ('wildcard' in part && part.wildcard === '*') {
			segments.push({ text: '', any: null });
		} else {
			(last.any ??= []).push(last.text.length);
			last.text += '?';
		}
	}
	const plain = segments.every((s) => s.any === null);
	if (plain) {
		if (segments.length === 1) {
			const text = segments[0].text;
			return { kind: 'exact', text, cased, test: (v) => v === text };
		}
		if (segments.length === 2) {
			const [head, tail] = segments;
			if (head.text === '' && tail.text !== '') {
				const text = tail.text;
				return { kind: 'suffix', text, cased, test: (v) => v.endsWith(text) };
			}
			if (tail.text === '' && head.text !== '') {
				const text = head.text;
				return { kind: 'prefix', text, cased, test: (v) => v.startsWith(text) };
			}
		}
		if (segments.length === 3 && segments[0].text === '' && segments[2].text === '') {
			const text = segments[1].text;
			return { kind: 'contains', text, cased, test: (v) => v.includes(text) };
		}
	}
	return { kind: 'general', text: '', cased, test: (v) => matchSegments(segments, v) };
}

function segmentAt(segment: Segment, value: string, at: number): boolean {
	const { text, any } = segment;
	if (at + text.length > value.length) return false;
	if (any === null) return value.startsWith(text, at);
	let next = 0;
	for (let i = 0; i < text.length; i++) {
		if (next < any.length && any[next] === i) {
			next++;
			continue;
		}
		if (value.charCodeAt(at + i) !== text.charCodeAt(i)) return false;
	}
	return true;
}

function findSegment(segment: Segment, value: string, from: number): number {
	if (segment.any === null) return value.indexOf(segment.text, from);
	for (let at = from; at + segment.text.length <= value.length; at++) {
		if (segmentAt(segment, value, at)) return at;
	}
	return -1;
}

function matchSegments(segments: Segment[], value: string): boolean {
	const first = segments[0];
	if (segments.length === 1) {
		return first.text.length === value.length && segmentAt(first, value, 0);
	}
	if (!segmentAt(first, value, 0)) return false;
	const last = segments[segments.length - 1];
	const end = value.length - last.text.length;
	let at = first.text.length;
	if (end < at || !segmentAt(last, value, end)) return false;
	for (let i = 1; i < segments.length - 1; i++) {
		const segment = segments[i];
		const found = findSegment(segment, value, at);
		if (found < 0 || found + segment.text.length > end) return false;
		at = found + segment.text.length;
	}
	return true;
}

/**
 * Splits user-supplied text into Sigma string parts: `*` and `?` are wildcards, `\*`, `\?` and
 * `\\` are the literal characters, and any other backslash stays literal.
 */
export function parseWildcards(text: string): StringPart[] {
	const parts: StringPart[] = [];
	let literal = '';
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === '\\' && (text[i + 1] === '*' || text[i + 1] === '?' || text[i + 1] === '\\')) {
			literal += text[++i];
		} else if (c === '*' || c === '?') {
			if (literal) parts.push(literal);
			literal = '';
			parts.push({ wildcard: c });
		} else {
			literal += c;
		}
	}
	if (literal) parts.push(literal);
	return parts;
}
