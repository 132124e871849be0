import { RE2JS } from 're2js';
import type { RegexFlag } from '../rule/model';

/** A compiled `re` value, or the reason RE2 cannot run it. */
export type CompiledRegex =
	{ ok: true; test(text: string): boolean } | { ok: false; reason: string };

/**
 * Rewrites Python `re` syntax that RE2 spells differently: `\Z` → `\z`, `\uXXXX` and
 * `\UXXXXXXXX` → `\x{…}`, `{,n}` → `{0,n}`, and drops `(?#…)` comments. Capturing groups,
 * named or not, become non-capturing: a yes/no search needs no captures, and RE2's look-behind
 * refuses them. Everything else is passed through for RE2 to accept or refuse.
 */
export function translatePythonRegex(pattern: string): string {
	let out = '';
	let inClass = false;
	for (let i = 0; i < pattern.length; i++) {
		const c = pattern[i];
		if (c === '\\') {
			const next = pattern[i + 1] ?? '';
			if (next === 'Z' && !inClass) {
				out += '\\z';
				i++;
			} else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(pattern.slice(i + 2, i + 6))) {
				out += `\\x{${pattern.slice(i + 2, i + 6)}}`;
				i += 5;
			} else if (next === 'U' && /^[0-9a-fA-F]{8}$/.test(pattern.slice(i + 2, i + 10))) {
				out += `\\x{${pattern.slice(i + 2, i + 10)}}`;
				i += 9;
			} else {
				out += c + next;
				i++;
			}
			continue;
		}
		if (inClass) {
			if (c === ']') inClass = false;
			out += c;
			continue;
		}
		if (c === '[') {
			inClass = true;
			out += c;
			// A `]` right after `[` or `[^` is a literal member, not the end of the class.
			if (pattern[i + 1] === '^') out += pattern[++i];
			if (pattern[i + 1] === ']') out += pattern[++i];
			continue;
		}
		if (c === '(' && pattern.startsWith('(?#', i)) {
			const end = pattern.indexOf(')', i);
			if (end >= 0) {
				i = end;
				continue;
			}
		}
		if (c === '(') {
			const nameEnd = groupNameEnd(pattern, i);
			if (pattern[i + 1] !== '?' || nameEnd >= 0) {
				out += '(?:';
				if (nameEnd >= 0) i = nameEnd;
				continue;
			}
		}
		if (c === '{' && pattern[i + 1] === ',') {
			const m = /^\{,(\d+)\}/.exec(pattern.slice(i));
			if (m) {
				out += `{0,${m[1]}}`;
				i += m[0].length - 1;
				continue;
			}
		}
		out += c;
	}
	return out;
}

/** The offset of the `>` that ends a named group's opening `(?P<name>` or `(?<name>`, else -1. */
function groupNameEnd(pattern: string, at: number): number {
	const m = /^\(\?P?<(?![=!])\w+>/.exec(pattern.slice(at, at + 200));
	return m ? at + m[0].length - 1 : -1;
}

/**
 * Compiles a Sigma `re` value for RE2 (linear-time, so no pattern can hang the matcher). The
 * match is an unanchored search, case-sensitive unless `i`; `m` and `s` set multi-line and
 * dot-all. Look-behind (`(?<=…)`, `(?<!…)`) is supported; look-ahead, back-references,
 * conditional groups, atomic groups and possessive quantifiers are not, and give the reason.
 */
export function compileRegex(pattern: string, flags: readonly RegexFlag[]): CompiledRegex {
	let bits = RE2JS.LOOKBEHINDS;
	if (flags.includes('i')) bits |= RE2JS.CASE_INSENSITIVE;
	if (flags.includes('m')) bits |= RE2JS.MULTILINE;
	if (flags.includes('s')) bits |= RE2JS.DOTALL;
	try {
		const re = RE2JS.compile(translatePythonRegex(pattern), bits);
		return { ok: true, test: (text) => re.test(text) };
	} catch (error) {
		const detail = error instanceof Error ? error.message : String(error);
		return { ok: false, reason: explainRegexError(detail, pattern) };
	}
}

function explainRegexError(detail: string, pattern: string): string {
	const reason = detail.replace(/^error parsing regexp: /, '');
	if (reason.includes('(?=') || reason.includes('(?!')) {
		return `look-ahead is not supported by the linear-time regex engine (${reason})`;
	}
	if (/invalid escape sequence: `\\[1-9]`/.test(reason) || pattern.includes('(?P=')) {
		return `back-references are not supported by the linear-time regex engine (${reason})`;
	}
	if (pattern.includes('(?(')) {
		return `conditional groups are not supported by the linear-time regex engine (${reason})`;
	}
	if (reason.includes('(?>') || /nested repetition operator: `.*\+`/.test(reason)) {
		return `atomic groups and possessive quantifiers are not supported (${reason})`;
	}
	if (reason.includes('invalid repeat count')) {
		return `a repeat count above 1000 is not supported (${reason})`;
	}
	return reason;
}
