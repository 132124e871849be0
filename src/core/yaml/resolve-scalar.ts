import type { PyScalarType } from './yaml-tree';

/**
 * Scalar typing exactly as PyYAML's safe loader does it (YAML 1.1 implicit resolvers, then the
 * safe constructors), because pySigma reads rules through it.
 */

const boolRe = /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/;
const floatRe =
	/^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;
const intRe =
	/^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/;
const nullRe = /^(?:~|null|Null|NULL|)$/;
const timestampRe =
	/^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/;

/** The tags PyYAML's implicit resolvers can assign to a plain scalar. */
export type ImplicitTag =
	'bool' | 'float' | 'int' | 'merge' | 'null' | 'timestamp' | 'value' | 'str';

/** The tag PyYAML resolves a plain scalar to, in its resolver order. */
export function resolvePlainTag(text: string): ImplicitTag {
	if (boolRe.test(text)) return 'bool';
	if (floatRe.test(text)) return 'float';
	if (intRe.test(text)) return 'int';
	if (text === '<<') return 'merge';
	if (nullRe.test(text)) return 'null';
	if (timestampRe.test(text)) return 'timestamp';
	if (text === '=') return 'value';
	return 'str';
}

/** A constructed scalar, or the Python exception the constructor raises. */
export type Constructed =
	| { ok: true; type: PyScalarType; value: string | number | boolean | null; big?: bigint }
	| { ok: false; type: string; message: string };

/** Runs PyYAML's safe constructor for `tag` on the scalar text. */
export function constructScalar(tag: ImplicitTag | 'binary', text: string): Constructed {
	switch (tag) {
		case 'str':
			return { ok: true, type: 'str', value: text };
		case 'null':
			return { ok: true, type: 'null', value: null };
		case 'bool': {
			const v = text.toLowerCase();
			if (v === 'yes' || v === 'true' || v === 'on') return { ok: true, type: 'bool', value: true };
			if (v === 'no' || v === 'false' || v === 'off')
				return { ok: true, type: 'bool', value: false };
			return { ok: false, type: 'KeyError', message: `'${v}'` };
		}
		case 'int':
			return constructInt(text);
		case 'float':
			return constructFloat(text);
		case 'timestamp':
			return constructTimestamp(text);
		case 'binary':
			return { ok: true, type: 'bytes', value: text };
		case 'merge':
			return { ok: true, type: 'str', value: text };
		default:
			return {
				ok: false,
				type: 'ConstructorError',
				message: `could not determine a constructor for the tag 'tag:yaml.org,2002:${tag}'`
			};
	}
}

function constructInt(text: string): Constructed {
	let v = text.replace(/_/g, '');
	let sign = 1n;
	if (v[0] === '-') sign = -1n;
	if (v[0] === '+' || v[0] === '-') v = v.slice(1);
	let big: bigint;
	try {
		if (v === '0') big = 0n;
		else if (v.startsWith('0b')) big = BigInt('0b' + v.slice(2));
		else if (v.startsWith('0x')) big = BigInt('0x' + v.slice(2));
		else if (v[0] === '0') big = BigInt('0o' + v);
		else if (v.includes(':')) {
			big = 0n;
			for (const part of v.split(':')) big = big * 60n + BigInt(part);
		} else big = BigInt(v);
	} catch {
		return { ok: false, type: 'ValueError', message: `invalid literal for int(): '${text}'` };
	}
	big *= sign;
	return { ok: true, type: 'int', value: Number(big), big };
}

function constructFloat(text: string): Constructed {
	let v = text.replace(/_/g, '').toLowerCase();
	let sign = 1;
	if (v[0] === '-') sign = -1;
	if (v[0] === '+' || v[0] === '-') v = v.slice(1);
	let value: number;
	if (v === '.inf') value = sign * Infinity;
	else if (v === '.nan') value = NaN;
	else if (v.includes(':')) {
		value = 0;
		for (const part of v.split(':')) value = value * 60 + Number(part);
		value *= sign;
	} else value = sign * Number(v);
	if (v === '.') {
		return { ok: false, type: 'ValueError', message: `could not convert string to float: '.'` };
	}
	return { ok: true, type: 'float', value };
}

const monthDays = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function constructTimestamp(text: string): Constructed {
	const m = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:[Tt]|[ \t]+)([0-9]{1,2}))?/.exec(text);
	if (!m) return { ok: true, type: 'str', value: text };
	const year = Number(m[1]);
	const month = Number(m[2]);
	const day = Number(m[3]);
	if (year < 1) return { ok: false, type: 'ValueError', message: `year ${year} is out of range` };
	if (month < 1 || month > 12) {
		return { ok: false, type: 'ValueError', message: 'month must be in 1..12' };
	}
	const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
	const max = month === 2 && !leap ? 28 : monthDays[month - 1];
	if (day < 1 || day > max) {
		return { ok: false, type: 'ValueError', message: 'day is out of range for month' };
	}
	if (m[4] !== undefined) {
		const hour = Number(m[4]);
		if (hour > 23) return { ok: false, type: 'ValueError', message: 'hour must be in 0..23' };
		const rest = /:([0-9]{2}):([0-9]{2})/.exec(text.slice(m[0].length));
		if (rest && Number(rest[1]) > 59) {
			return { ok: false, type: 'ValueError', message: 'minute must be in 0..59' };
		}
		if (rest && Number(rest[2]) > 59) {
			return { ok: false, type: 'ValueError', message: 'second must be in 0..59' };
		}
		return { ok: true, type: 'datetime', value: text };
	}
	return { ok: true, type: 'date', value: text };
}
