import type { SigmaNumber, SigmaValue } from './model';
import { sigmaStringText } from './sigma-string';
import type { YamlScalar } from '../yaml/yaml-tree';

/**
 * Sigma value helpers that follow pySigma's `SigmaNumber` exactly, and Python's rendering of
 * numbers, strings and values in messages.
 */

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
 * `str()` of a Python float: shortest round-trip digits, exponent form outside [1e-4, 1e16),
 * `-0.0` for negative zero, `nan` and `inf`.
 */
export function pyFloatStr(value: number): string {
	if (Number.isNaN(value)) return 'nan';
	if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
	if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
	const [mantissa, expText] = value.toExponential().split('e');
	const exp = Number(expText);
	const negative = mantissa.startsWith('-');
	const digits = mantissa.replace('-', '').replace('.', '');
	const sign = negative ? '-' : '';
	if (exp >= -4 && exp < 16) {
		if (exp < 0) return sign + '0.' + '0'.repeat(-exp - 1) + digits;
		const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
		const frac = digits.slice(exp + 1);
		return sign + intPart + '.' + (frac || '0');
	}
	const m = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
	const e = Math.abs(exp).toString().padStart(2, '0');
	return `${sign}${m}e${exp < 0 ? '-' : '+'}${e}`;
}

/** `str()` of a pySigma number: an int prints all its digits, a float as Python prints it. */
export function pyNumberStr(n: SigmaNumber): string {
	if (n.isFloat) return pyFloatStr(n.value);
	return Number.isSafeInteger(n.value) ? String(n.value) : BigInt(n.value).toString();
}

/** Python's `str()` of a YAML scalar as the YAML loader built it (`None`, `True`, `1.0`, text). */
export function pyScalarStr(n: YamlScalar): string {
	switch (n.type) {
		case 'null':
			return 'None';
		case 'bool':
			return n.value ? 'True' : 'False';
		case 'int':
			return (n.big ?? BigInt(n.value as number)).toString();
		case 'float':
			return pyFloatStr(n.value as number);
		default:
			return n.text;
	}
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
			return pyNumberStr(v);
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
			const n = pyNumberStr(v.number);
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
