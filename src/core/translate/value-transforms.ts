import type { SigmaString, SigmaValue } from '../rule/model';
import { applyModifiers } from '../rule/modifiers';
import { insertPlaceholders, parseSigmaString, sigmaStringText } from '../rule/sigma-string';
import { pyNumberStr, pyStrRepr } from '../rule/values';
import { PIPELINE_SUFFIX, Refusal } from './refusal';
import type { WorkDetection, WorkItem } from './work-tree';

/**
 * The value rewrites of the reference pipelines. Most of them go through the plain text form of a
 * value and parse it back, which loses distinctions (escaped wildcards, modifiers); those losses
 * are reproduced on purpose.
 */

/** A value's Python `to_plain()`: text for strings and regexes, or a non-text Python value. */
type Plain = { py: 'str'; text: string } | { py: 'int' | 'float' | 'bool' | 'NoneType' };

const NO_PLAIN: Partial<Record<SigmaValue['type'], string>> = {
	cidr: 'SigmaCIDRExpression',
	compare: 'SigmaCompareExpression',
	fieldref: 'SigmaFieldReference',
	expansion: 'SigmaExpansion'
};

function plainOf(v: SigmaValue, item: WorkItem): Plain {
	switch (v.type) {
		case 'string':
			return { py: 'str', text: sigmaStringText(v) };
		case 'regex':
			return { py: 'str', text: v.regexp };
		case 'number':
			return { py: v.isFloat ? 'float' : 'int' };
		case 'bool':
		case 'exists':
			return { py: 'bool' };
		case 'null':
			return { py: 'NoneType' };
		case 'timestamp_part':
			return { py: 'int' };
		default:
			throw new Refusal(
				'SigmaValueError',
				`Sigma type '${NO_PLAIN[v.type]}' can't be converted into a plain representation.`,
				item.range,
				'translate_value_plain'
			);
	}
}

/** The plain text of a value, failing like Python's `.split` on a non-string. */
function plainText(v: SigmaValue, item: WorkItem): string {
	const p = plainOf(v, item);
	if (p.py === 'str') return p.text;
	throw new Refusal(
		'AttributeError',
		`'${p.py}' object has no attribute 'split'${PIPELINE_SUFFIX}`,
		item.range,
		'translate_value_type'
	);
}

/** Python `int()` of a value's plain form, as the table lookup by EventID does. */
export function pyInt(v: SigmaValue, item: WorkItem): number {
	if (v.type === 'number') return Math.trunc(v.value);
	if (v.type === 'bool') return v.value ? 1 : 0;
	const p = plainOf(v, item);
	if (p.py === 'str') {
		if (/^\s*[+-]?\d+(?:_\d+)*\s*$/.test(p.text)) return Number(p.text.replace(/_/g, ''));
		throw new Refusal(
			'ValueError',
			`invalid literal for int() with base 10: ${pyStrRepr(p.text)}${PIPELINE_SUFFIX}`,
			item.range,
			'translate_eventid_invalid'
		);
	}
	throw new Refusal(
		'TypeError',
		'int() argument must be a string, a bytes-like object or a real number, ' +
			`not '${p.py}'${PIPELINE_SUFFIX}`,
		item.range,
		'translate_eventid_invalid'
	);
}

/**
 * pySigma `ReplaceStringTransformation` on a case-insensitive prefix: the plain text is rewritten,
 * backslashes not before `*`/`?` are doubled, and the text is parsed back.
 */
export function replacePrefix(
	v: SigmaValue,
	prefix: string,
	replacement: string
): SigmaValue | undefined {
	let s: SigmaString;
	if (v.type === 'string') s = v;
	else if (v.type === 'number') s = parseSigmaString(pyNumberStr(v));
	else return undefined;
	let text = sigmaStringText(s);
	if (text.slice(0, prefix.length).toLowerCase() === prefix.toLowerCase()) {
		text = replacement + text.slice(prefix.length);
	}
	const parsed = parseSigmaString(text.replace(/\\(?![*?])/g, '\\\\'));
	return s.parts.some((p) => typeof p === 'object' && 'placeholder' in p)
		? insertPlaceholders(parsed)
		: parsed;
}

const REGISTRY_EVENT_TYPES: Readonly<Record<string, readonly string[]>> = {
	CreateKey: ['RegistryKeyCreated'],
	DeleteKey: ['RegistryKeyDeleted', 'RegistryValueDeleted'],
	SetValue: ['RegistryValueSet'],
	RenameKey: ['RegistryValueSet', 'RegistryKeyCreated']
};

/** Sysmon registry event type names → the table's action names (other text passes through). */
export function registryEventType(v: SigmaValue, item: WorkItem): SigmaValue[] {
	const p = plainOf(v, item);
	if (p.py !== 'str') {
		throw new Refusal(
			'TypeError',
			`'${p.py}' object is not iterable${PIPELINE_SUFFIX}`,
			item.range,
			'translate_value_type'
		);
	}
	const mapped = Object.hasOwn(REGISTRY_EVENT_TYPES, p.text) ? REGISTRY_EVENT_TYPES[p.text] : null;
	return mapped ? mapped.map(parseSigmaString) : [parseSigmaString(p.text)];
}

/** The last `\` then `/` separated segment of the plain text. */
export function basename(v: SigmaValue, item: WorkItem): SigmaValue {
	const text = plainText(v, item);
	const last = text.split('\\').pop() ?? '';
	return parseSigmaString(last.split('/').pop() ?? '');
}

function newItem(from: WorkItem, field: string, values: SigmaValue[]): WorkItem {
	return {
		kind: 'item',
		field,
		sigmaField: from.sigmaField,
		values,
		linking: 'or',
		negated: false,
		modifiers: [],
		tableMapped: false,
		range: from.range,
		keyRange: from.keyRange
	};
}

/** A new item on `field` whose values get the original item's modifiers applied again. */
function reapplyModifiers(item: WorkItem, values: SigmaString[]): WorkItem {
	const result = applyModifiers(item.field, item.modifiers, values);
	const failure = result.failures[0];
	if (failure) {
		const { type, message } = failure.reference;
		throw new Refusal(type, message, item.keyRange, failure.code);
	}
	const out = newItem(
		item,
		item.field ?? '',
		result.values.filter((v) => v !== null)
	);
	out.modifiers = item.modifiers;
	out.linking = result.linking;
	out.negated = result.negated;
	return out;
}

/**
 * The XDR `DOMAIN\user` split: each value becomes its own group, OR-ed; a value with exactly one
 * backslash becomes `user AND domain` without modifiers, any other value keeps the modifiers.
 */
export function splitUser(
	item: WorkItem,
	domainFields: Readonly<Record<string, string>>
): WorkDetection {
	const groups: WorkDetection[] = item.values.map((v) => {
		const segments = plainText(v, item).split('\\');
		if (segments.length === 2) {
			const field = item.field ?? '';
			const domainField = domainFields[field] ?? 'InitiatingProcessAccountDomain';
			return {
				kind: 'detection',
				linking: 'and',
				items: [
					newItem(item, field, [parseSigmaString(segments[1])]),
					newItem(item, domainField, [parseSigmaString(segments[0])])
				]
			};
		}
		return {
			kind: 'detection',
			linking: 'and',
			items: [reapplyModifiers(item, segments.map(parseSigmaString))]
		};
	});
	return { kind: 'detection', linking: 'or', items: groups };
}

const HASH_BY_LENGTH: Readonly<Record<number, string>> = {
	32: 'MD5',
	40: 'SHA1',
	64: 'SHA256',
	128: 'SHA512'
};

/** Options of one hash split (see `PipelineStep` kind `hashes`). */
export interface HashOptions {
	algorithms: readonly string[];
	prefix: string;
	dropAlgorithm?: boolean;
}

/**
 * Splits `ALGO=hash` (or `ALGO|hash`, or a bare hash recognised by its length) values into one
 * item per target field, dropping the item's modifiers.
 */
export function splitHashes(item: WorkItem, o: HashOptions): WorkDetection {
	const byField = new Map<string, string[]>();
	let anyValid = false;
	for (const v of item.values) {
		let parts = plainText(v, item).split('|');
		if (parts.length === 1) parts = parts[0].split('=');
		let algo = '';
		let hash: string;
		if (parts.length === 2) {
			const candidate = parts[0].replace(/^\*+/, '').toUpperCase();
			if (o.algorithms.includes(candidate)) {
				algo = candidate;
				anyValid = true;
			}
			hash = parts[1];
		} else {
			hash = parts[0];
			algo = HASH_BY_LENGTH[hash.length] ?? '';
			if (algo) anyValid = true;
		}
		const field = o.prefix + (o.dropAlgorithm ? '' : algo);
		const list = byField.get(field);
		if (list) list.push(hash);
		else byField.set(field, [hash]);
	}
	if (!anyValid) {
		throw new Refusal(
			'InvalidHashAlgorithmError',
			'No valid hash algo found in Hashes field. Please use one of the following: ' +
				o.algorithms.join(', ') +
				PIPELINE_SUFFIX,
			item.keyRange,
			'translate_hash_algorithm'
		);
	}
	const items: WorkItem[] = [];
	for (const [field, hashes] of byField) {
		if (field) items.push(newItem(item, field, hashes.map(parseSigmaString)));
	}
	return { kind: 'detection', linking: 'or', items };
}
