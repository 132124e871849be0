/**
 * A syntax check of Python `re` patterns that reports the common errors with the text Python's
 * `re.compile` gives (`missing ), unterminated subpattern at position 0`). Semantics are not
 * checked; patterns Python accepts are accepted.
 */

const classEscapes = new Set('dDsSwW'.split(''));
const plainEscapes = new Set('abfnrtv\\'.split(''));
const anchorEscapes = new Set('AbBZ'.split(''));

interface Scan {
	p: string;
	i: number;
	groups: number;
}

class PyReError {
	constructor(readonly text: string) {}
}

/** The Python `re.error` text for an invalid pattern, or null when it compiles. */
export function checkPythonRegex(pattern: string): string | null {
	const s: Scan = { p: pattern, i: 0, groups: 0 };
	try {
		parseAlternation(s, 0);
		if (s.i < s.p.length) throw new PyReError(`unbalanced parenthesis at position ${s.i}`);
		return null;
	} catch (err) {
		if (err instanceof PyReError) return err.text;
		return null;
	}
}

function parseAlternation(s: Scan, depth: number): void {
	for (;;) {
		parseSequence(s, depth);
		if (s.p[s.i] !== '|') return;
		s.i++;
	}
}

function parseSequence(s: Scan, depth: number): void {
	let canRepeat = false;
	let lastWasRepeat = false;
	while (s.i < s.p.length) {
		const c = s.p[s.i];
		if (c === '|' || (c === ')' && depth > 0)) return;
		if (c === ')') throw new PyReError(`unbalanced parenthesis at position ${s.i}`);
		const start = s.i;
		if (c === '*' || c === '+' || c === '?' || (c === '{' && isRepeatBrace(s))) {
			if (!canRepeat) {
				if (lastWasRepeat) throw new PyReError(`multiple repeat at position ${start}`);
				throw new PyReError(`nothing to repeat at position ${start}`);
			}
			if (c === '{') readBrace(s);
			else s.i++;
			if (s.p[s.i] === '?' || s.p[s.i] === '+') s.i++;
			canRepeat = false;
			lastWasRepeat = true;
			continue;
		}
		lastWasRepeat = false;
		canRepeat = true;
		if (c === '(') canRepeat = parseGroup(s, depth);
		else if (c === '[') parseClass(s);
		else if (c === '\\') canRepeat = parseEscape(s);
		else {
			s.i++;
			if (c === '^' || c === '$') canRepeat = false;
		}
	}
}

function isRepeatBrace(s: Scan): boolean {
	return /^\{\d*(?:,\d*)?\}/.test(s.p.slice(s.i, s.i + 40)) && s.p[s.i + 1] !== '}';
}

function readBrace(s: Scan): void {
	const m = /^\{(\d*)(?:,(\d*))?\}/.exec(s.p.slice(s.i));
	if (!m) return;
	if (m[1] && m[2] && Number(m[2]) < Number(m[1])) {
		throw new PyReError(`min repeat greater than max repeat at position ${s.i + 1}`);
	}
	s.i += m[0].length;
}

/** Parses a group at `(`; returns whether a quantifier may follow it. */
function parseGroup(s: Scan, depth: number): boolean {
	const open = s.i;
	s.i++;
	if (s.p[s.i] === '?') {
		const kind = s.p[s.i + 1];
		if (kind === ':' || kind === '=' || kind === '!' || kind === '>') s.i += 2;
		else if (kind === '<' && (s.p[s.i + 2] === '=' || s.p[s.i + 2] === '!')) s.i += 3;
		else if (kind === 'P' && s.p[s.i + 2] === '<') {
			const end = s.p.indexOf('>', s.i + 3);
			if (end < 0) throw new PyReError(`missing >, unterminated name at position ${s.i + 3}`);
			const name = s.p.slice(s.i + 3, end);
			if (!name) throw new PyReError(`missing group name at position ${s.i + 3}`);
			if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(name)) {
				throw new PyReError(`bad character in group name '${name}' at position ${s.i + 3}`);
			}
			s.i = end + 1;
			s.groups++;
		} else if (kind === 'P' && s.p[s.i + 2] === '=') {
			const end = s.p.indexOf(')', s.i + 3);
			s.i = end < 0 ? s.p.length : end + 1;
			return true;
		} else if (kind === '#') {
			const end = s.p.indexOf(')', s.i);
			if (end < 0) throw new PyReError(`missing ), unterminated comment at position ${open}`);
			s.i = end + 1;
			return false;
		} else if (kind !== undefined && /[aiLmsux-]/.test(kind)) {
			const m = /^[aiLmsux]*(?:-[imsx]*)?(:|\))/.exec(s.p.slice(s.i + 1));
			if (!m) throw new PyReError(`unknown extension ?${kind} at position ${s.i}`);
			s.i += 1 + m[0].length;
			if (m[1] === ')') {
				if (open !== 0) {
					throw new PyReError(
						`global flags not at the start of the expression at position ${open}`
					);
				}
				return false;
			}
		} else if (kind === '(') {
			const end = s.p.indexOf(')', s.i + 2);
			if (end < 0) throw new PyReError(`missing ), unterminated name at position ${s.i + 2}`);
			s.i = end + 1;
		} else if (kind === '<') {
			throw new PyReError(`unknown extension ?<${s.p[s.i + 2] ?? ''} at position ${s.i}`);
		} else if (kind === undefined) {
			throw new PyReError(`unexpected end of pattern at position ${s.i + 1}`);
		} else {
			throw new PyReError(`unknown extension ?${kind} at position ${s.i}`);
		}
	} else s.groups++;
	parseAlternation(s, depth + 1);
	if (s.p[s.i] !== ')')
		throw new PyReError(`missing ), unterminated subpattern at position ${open}`);
	s.i++;
	return true;
}

function parseClass(s: Scan): void {
	const open = s.i;
	s.i++;
	if (s.p[s.i] === '^') s.i++;
	let first = true;
	while (s.i < s.p.length) {
		const c = s.p[s.i];
		if (c === ']' && !first) {
			s.i++;
			return;
		}
		first = false;
		const at = s.i;
		let code: number | null;
		if (c === '\\') {
			code = classEscape(s);
		} else {
			code = c.codePointAt(0) ?? 0;
			s.i += code > 0xffff ? 2 : 1;
		}
		if (s.p[s.i] === '-' && s.p[s.i + 1] !== ']' && s.i + 1 < s.p.length && code !== null) {
			s.i++;
			const hi = s.p[s.i] === '\\' ? classEscape(s) : consumeChar(s);
			if (hi === null) {
				throw new PyReError(`bad character range ${s.p.slice(at, s.i)} at position ${at}`);
			}
			if (hi < code)
				throw new PyReError(`bad character range ${s.p.slice(at, s.i)} at position ${at}`);
		} else if (s.p[s.i] === '-' && code === null && s.p[s.i + 1] !== ']' && s.i + 1 < s.p.length) {
			const end = s.i + 2;
			throw new PyReError(`bad character range ${s.p.slice(at, end)} at position ${at}`);
		}
	}
	throw new PyReError(`unterminated character set at position ${open}`);
}

function consumeChar(s: Scan): number {
	const code = s.p.codePointAt(s.i) ?? 0;
	s.i += code > 0xffff ? 2 : 1;
	return code;
}

/** Reads an escape inside a class; returns its code point, or null for a category (`\d`). */
function classEscape(s: Scan): number | null {
	const at = s.i;
	const c = s.p[s.i + 1];
	if (c === undefined) throw new PyReError(`bad escape (end of pattern) at position ${at}`);
	if (classEscapes.has(c)) {
		s.i += 2;
		return null;
	}
	if (c === 'b') {
		s.i += 2;
		return 8;
	}
	return valueEscape(s, at, c);
}

function valueEscape(s: Scan, at: number, c: string): number {
	if (plainEscapes.has(c)) {
		s.i += 2;
		return { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 }[c] ?? 0;
	}
	const hex = { x: 2, u: 4, U: 8 }[c];
	if (hex !== undefined) {
		const digits = s.p.slice(s.i + 2, s.i + 2 + hex);
		if (!new RegExp(`^[0-9a-fA-F]{${hex}}$`).test(digits)) {
			const bad = s.p.slice(at, s.i + 2) + digits.replace(/[^0-9a-fA-F].*$/, '');
			throw new PyReError(`incomplete escape ${bad} at position ${at}`);
		}
		s.i += 2 + hex;
		return parseInt(digits, 16);
	}
	if (/[0-7]/.test(c)) {
		const m = /^[0-7]{1,3}/.exec(s.p.slice(s.i + 1));
		const digits = m ? m[0] : c;
		s.i += 1 + digits.length;
		return parseInt(digits, 8);
	}
	if (/[A-Za-z0-9]/.test(c)) throw new PyReError(`bad escape \\${c} at position ${at}`);
	s.i += 2;
	return c.codePointAt(0) ?? 0;
}

/** Parses an escape outside a class; returns whether a quantifier may follow it. */
function parseEscape(s: Scan): boolean {
	const at = s.i;
	const c = s.p[s.i + 1];
	if (c === undefined) throw new PyReError(`bad escape (end of pattern) at position ${at}`);
	if (classEscapes.has(c)) {
		s.i += 2;
		return true;
	}
	if (anchorEscapes.has(c)) {
		s.i += 2;
		return false;
	}
	if (/[1-9]/.test(c)) {
		const m = /^[0-9]{1,2}/.exec(s.p.slice(s.i + 1));
		const digits = m ? m[0] : c;
		if (/^[0-7]{3}/.test(s.p.slice(s.i + 1))) {
			s.i += 4;
			return true;
		}
		const n = Number(digits);
		if (n > s.groups) throw new PyReError(`invalid group reference ${n} at position ${at + 1}`);
		s.i += 1 + digits.length;
		return true;
	}
	if (c === '0') {
		valueEscape(s, at, c);
		return true;
	}
	valueEscape(s, at, c);
	return true;
}
