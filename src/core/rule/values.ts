import type { SigmaNumber, SigmaString, SigmaValue, StringPart } from './model';

/**
 * Sigma value helpers that follow pySigma's `SigmaString` and `SigmaNumber` exactly: the string
 * parser (wildcards and escapes), part arithmetic, and Python's rendering of numbers and strings.
 */

/** The multi-character wildcard token. */
export const wildcardMulti = { wildcard: '*' } as const;

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

const special = /[*?\\]/g;

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

/** True when the string contains a wildcard token (pySigma `contains_special`). */
export function hasWildcard(s: SigmaString): boolean {
	return s.parts.some((p) => typeof p !== 'string' && 'wildcard' in p);
}

/** True when the first part is the `*` token. */
export function startsWithMulti(s: SigmaString): boolean {
	const p = s.parts[0];
	return p !== undefined && typeof p !== 'string' && 'wildcard' in p && p.wildcard === '*';
}

/** True when the last part is the `*` token. */
export function endsWithMulti(s: SigmaString): boolean {
	const p = s.parts[s.parts.length - 1];
	return p !== undefined && typeof p !== 'string' && 'wildcard' in p && p.wildcard === '*';
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
 * A pySigma `SigmaNumber` from a YAML number: a float equal to an integer is stored as that
 * integer; an integer that a float cannot hold exactly is stored as a float.
 */
export function sigmaNumber(value: number, big?: bigint): SigmaNumber {
	if (big !== undefined) {
		const exact = BigInt(Number(big)) === big;
		return { type: 'number', value: Number(big), isFloat: !exact };
	}
	return { type: 'number', value, isFloat: !Number.isInteger(value) };
}

/**
 * Renders a number as Python's `str()` would: `5`, `4.5`, `1e-05`, `1.2345678901234567e+19`.
 * `isFloat` picks between Python's int and float forms.
 */
export function pythonNumberRepr(value: number, isFloat: boolean): string {
	if (!isFloat) return BigInt(value).toString();
	if (Number.isNaN(value)) return 'nan';
	if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
	if (Number.isInteger(value) && Math.abs(value) < 1e16) return `${value}.0`;
	const abs = Math.abs(value);
	if (abs !== 0 && (abs >= 1e16 || abs < 1e-4)) {
		const [mant, exp] = value.toExponential().split('e');
		const e = Number(exp);
		const sign = e < 0 ? '-' : '+';
		const digits = String(Math.abs(e)).padStart(2, '0');
		return `${mant}e${sign}${digits}`;
	}
	return String(value);
}

/** Python `repr()` of a string: quotes chosen like Python, non-printables escaped. */
export function pyStrRepr(s: string): string {
	const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
	let out = quote;
	for (const ch of s) {
		const code = ch.codePointAt(0) ?? 0;
		if (ch === quote || ch === '\\') out += '\\' + ch;
		else if (ch === '\n') out += '\\n';
		else if (ch === '\r') out += '\\r';
		else if (ch === '\t') out += '\\t';
		else if (code < 0x20 || (code >= 0x7f && code < 0xa1) || code === 0xad) {
			out += '\\x' + code.toString(16).padStart(2, '0');
		} else if (/[\p{C}\p{Z}]/u.test(ch) && ch !== ' ') {
			out +=
				code > 0xffff
					? '\\U' + code.toString(16).padStart(8, '0')
					: '\\u' + code.toString(16).padStart(4, '0');
		} else out += ch;
	}
	return out + quote;
}

/**
 * The text pySigma prints for a value in messages (`str(value)`): strings in their Sigma form,
 * numbers and booleans as Python prints them.
 */
export function pyValueText(v: SigmaValue): string {
	switch (v.type) {
		case 'string':
			return sigmaStringText(v);
		case 'number':
			return pythonNumberRepr(v.value, v.isFloat);
		case 'bool':
			return v.value ? 'True' : 'False';
		case 'null':
			return '<sigma.types.SigmaNull object>';
		case 'cidr':
			return v.cidr;
		case 'timestamp_part':
			return String(v.value);
		case 'regex':
			return `SigmaRegularExpression(regexp=${regexpPartsRepr(v.regexp)}, flags=${flagsRepr(v.flags)})`;
		case 'exists':
			return `SigmaExists(exists=${v.exists ? 'True' : 'False'})`;
		case 'fieldref':
			return `SigmaFieldReference(field=${pyStrRepr(v.field)}, starts_with=${py(v.startsWith)}, ends_with=${py(v.endsWith)})`;
		case 'compare': {
			const ops = { lt: 'LT: 1', lte: 'LTE: 2', gt: 'GT: 3', gte: 'GTE: 4' };
			const n = pythonNumberRepr(v.number.value, v.number.isFloat);
			return `SigmaCompareExpression(number=SigmaNumber(number=${n}), op=<CompareOperators.${ops[v.op]}>, source=None)`;
		}
		case 'expansion':
			return `SigmaExpansion(values=[...])`;
	}
}

function py(b: boolean): string {
	return b ? 'True' : 'False';
}

function regexpPartsRepr(regexp: string): string {
	const parts: string[] = [];
	let acc = '';
	for (const c of regexp) {
		if (c === '*' || c === '?') {
			if (acc) parts.push(pyStrRepr(acc));
			parts.push(
				c === '*' ? '<SpecialChars.WILDCARD_MULTI: 1>' : '<SpecialChars.WILDCARD_SINGLE: 2>'
			);
			acc = '';
		} else acc += c;
	}
	if (acc) parts.push(pyStrRepr(acc));
	return `SigmaString([${parts.join(', ')}])`;
}

function flagsRepr(flags: readonly string[]): string {
	if (flags.length === 0) return 'set()';
	const names = { i: 'IGNORECASE: 1', m: 'MULTILINE: 2', s: 'DOTALL: 3' } as Record<string, string>;
	return `{${flags.map((f) => `<SigmaRegularExpressionFlag.${names[f]}>`).join(', ')}}`;
}
