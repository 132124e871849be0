import type { SigmaNumber } from '../rule/model';

/**
 * Python's text forms of numbers and strings, which the reference converter writes into queries
 * and error messages.
 */

/** `str()` of a Python float: shortest round-trip digits, exponent form outside [1e-4, 1e16). */
export function pyFloatStr(value: number): string {
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

/** `repr()` of a Python str, as it appears inside exception messages. */
export function pyStrRepr(s: string): string {
	const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
	let out = quote;
	for (const ch of s) {
		const code = ch.codePointAt(0) ?? 0;
		if (ch === '\\') out += '\\\\';
		else if (ch === quote) out += '\\' + quote;
		else if (ch === '\n') out += '\\n';
		else if (ch === '\r') out += '\\r';
		else if (ch === '\t') out += '\\t';
		else if (code < 0x20 || code === 0x7f) out += '\\x' + code.toString(16).padStart(2, '0');
		else out += ch;
	}
	return out + quote;
}
