import type { SigmaRegex, SigmaString, SigmaValue } from '../rule/model';
import type { Range } from '../source';
import { networkText } from './cidr-text';
import { pyNumberStr } from './python-repr';
import { CONVERT_SUFFIX, Refusal } from './refusal';
import {
	containsSpecial,
	endsWithStar,
	isWildcard,
	parseSigmaString,
	sliceString,
	startsWithStar
} from './sigma-string';
import type { CondNode, WorkItem } from './work-tree';

/**
 * Renders a condition tree as KQL exactly as pySigma's `TextQueryBackend` with the Kusto backend's
 * tokens and overrides does: every compound operand is parenthesised, same-field OR/AND lists
 * become `in~`/`has_all`, and values are quoted and escaped with the backend's rules.
 */

/** The Kusto backend's token table. */
const K = {
	and: ' and ',
	or: ' or ',
	eq: ' =~ ',
	numEq: ' == ',
	orIn: 'in~',
	andIn: 'has_all',
	listSep: ', ',
	startswith: 'startswith',
	endswith: 'endswith',
	contains: 'contains',
	bool: { true: 'true', false: 'false' },
	compare: { lt: '<', lte: '<=', gt: '>', gte: '>=' }
} as const;

const FIELD_BARE = /^[\p{L}\p{N}_]+\n?$/u;

function notImplemented(message: string, item: WorkItem): Refusal {
	const text = message + CONVERT_SUFFIX;
	return new Refusal('NotImplementedError', text, item.keyRange, 'translate_unsupported');
}

/** A field name as written into the query: bare when it is a word, else in single quotes. */
export function quoteField(field: string): string {
	return FIELD_BARE.test(field) ? field : "'" + field + "'";
}

function placeholderError(name: string, item: WorkItem): Refusal {
	return new Refusal(
		'SigmaPlaceholderError',
		`Attempt to convert unhandled placeholder '${name}' into query.`,
		item.range,
		'translate_placeholder'
	);
}

/**
 * A Sigma string as a quoted KQL string: `\`, `"` and literal `*` are backslash-escaped, both
 * wildcards become `*`, and then every `\*` is turned into `*` (the backend's post-fix).
 */
export function kqlString(s: SigmaString, item: WorkItem): string {
	let out = '';
	for (const p of s.parts) {
		if (typeof p === 'string') out += p.replace(/[*"\\]/g, '\\$&');
		else if (isWildcard(p)) out += '*';
		else throw placeholderError(p.placeholder, item);
	}
	return ('"' + out + '"').replace(/\\\*/g, '*');
}

function escapeRegex(regexp: string): string {
	return regexp.replace(/["\\]/g, '\\$&');
}

/** A glob as the backend's regex (metacharacters escaped, `*` → `.*`, `?` → `.`), KQL-escaped. */
function globRegex(s: SigmaString, item: WorkItem): string {
	let out = '';
	for (const p of s.parts) {
		if (typeof p === 'string') out += p.replace(/[.*+?^$[\](){}\\|]/g, '\\$&');
		else if (isWildcard(p)) out += p.wildcard === '*' ? '.*' : '.';
		else throw placeholderError(p.placeholder, item);
	}
	return escapeRegex(out);
}

function regexText(r: SigmaRegex): string {
	const prefix = r.flags.length ? '(?' + [...r.flags].sort().join('') + ')' : '';
	return prefix + escapeRegex(r.regexp);
}

function stringCondition(field: string, s: SigmaString, item: WorkItem): string {
	const f = quoteField(field);
	if (endsWithStar(s) && !containsSpecial(sliceString(s, 0, -1))) {
		return `${f} ${K.startswith} ${kqlString(sliceString(s, 0, -1), item)}`;
	}
	if (startsWithStar(s) && !containsSpecial(sliceString(s, 1))) {
		return `${f} ${K.endswith} ${kqlString(sliceString(s, 1), item)}`;
	}
	if (startsWithStar(s) && endsWithStar(s) && !containsSpecial(sliceString(s, 1, -1))) {
		return `${f} ${K.contains} ${kqlString(sliceString(s, 1, -1), item)}`;
	}
	if (containsSpecial(s)) {
		// The value is still converted as a string first, so placeholders fail the same way.
		kqlString(s, item);
		return `${f} matches regex "${globRegex(s, item)}"`;
	}
	return f + K.eq + kqlString(s, item);
}

function fieldCondition(field: string, value: SigmaValue, item: WorkItem): string | null {
	switch (value.type) {
		case 'string':
			if (value.cased) {
				throw notImplemented('Case-sensitive string matching is not supported by backend.', item);
			}
			return stringCondition(field, value, item);
		case 'timestamp_part':
			throw notImplemented(
				'Field equals timestamp part value expressions are not supported by the backend.',
				item
			);
		case 'number':
			return quoteField(field) + K.numEq + pyNumberStr(value);
		case 'bool':
			return quoteField(field) + K.eq + K.bool[value.value ? 'true' : 'false'];
		case 'regex':
			return `${quoteField(field)} matches regex "${regexText(value)}"`;
		case 'cidr':
			return `ipv4_is_in_range(${field}, "${networkText(value.cidr)}")`;
		case 'compare':
			return `${quoteField(field)} ${K.compare[value.op]} ${pyNumberStr(value.number)}`;
		case 'fieldref': {
			const kind =
				value.startsWith && value.endsWith
					? ' contains'
					: value.startsWith
						? ' startswith'
						: value.endsWith
							? ' endswith'
							: '';
			throw notImplemented(`Field reference${kind} expression is not supported by backend.`, item);
		}
		case 'null':
			return `isnull(${quoteField(field)})`;
		case 'exists':
			return `${value.exists ? 'isnotempty' : 'isempty'}(${quoteField(field)})`;
		case 'expansion':
			return join(
				'or',
				value.values.map((v) => ({ t: 'fev', field, value: v, item }) as CondNode)
			);
	}
}

function keywordCondition(value: SigmaValue, item: WorkItem): string {
	switch (value.type) {
		case 'string':
			return kqlString(value, item);
		case 'number':
			return pyNumberStr(value);
		case 'regex':
			return '_=~' + regexText(value);
		case 'bool':
			throw new Refusal(
				'SigmaValueError',
				"Boolean values can't appear as standalone value without a field name.",
				item.range,
				'translate_keyword_bool'
			);
		case 'cidr':
			throw new Refusal(
				'SigmaValueError',
				"CIDR values can't appear as standalone value without a field name.",
				item.range,
				'translate_keyword_cidr'
			);
		default: {
			const cls = PY_CLASS[value.type];
			throw new Refusal(
				'TypeError',
				`Unexpected value type class in condition parse tree: ${cls}${CONVERT_SUFFIX}`,
				item.range,
				'translate_keyword_type'
			);
		}
	}
}

const PY_CLASS: Record<SigmaValue['type'], string> = {
	string: 'SigmaString',
	number: 'SigmaNumber',
	bool: 'SigmaBool',
	null: 'SigmaNull',
	regex: 'SigmaRegularExpression',
	cidr: 'SigmaCIDRExpression',
	compare: 'SigmaCompareExpression',
	fieldref: 'SigmaFieldReference',
	exists: 'SigmaExists',
	expansion: 'SigmaExpansion',
	timestamp_part: 'SigmaTimestampPart'
};

function isLeaf(node: CondNode | null): node is Extract<CondNode, { t: 'fev' | 'val' }> {
	return node !== null && (node.t === 'fev' || node.t === 'val');
}

/** pySigma's `compare_precedence` with `parenthesize`: true when `inner` needs no group. */
function bindsTighter(outer: 'and' | 'or', inner: CondNode | null): boolean {
	if (!isLeaf(inner)) return false;
	if (inner.value.type === 'expansion') return outer === 'or';
	return true;
}

function group(node: CondNode | null): string | null {
	const expr = render(node);
	return expr === null ? null : '(' + expr + ')';
}

function join(op: 'and' | 'or', args: (CondNode | null)[]): string | null {
	const parts: string[] = [];
	for (const a of args) {
		const s = bindsTighter(op, a) ? render(a) : group(a);
		if (s !== null) parts.push(s);
	}
	return parts.length ? parts.join(op === 'and' ? K.and : K.or) : null;
}

type FieldLeaf = Extract<CondNode, { t: 'fev' }>;

function asInCandidate(args: (CondNode | null)[]): args is FieldLeaf[] {
	if (args.length === 0) return false;
	let field: string | undefined;
	for (const a of args) {
		if (a === null || a.t !== 'fev') return false;
		const type = a.value.type;
		if (type !== 'string' && type !== 'number' && type !== 'timestamp_part') return false;
		if (field === undefined) field = a.field;
		else if (field !== a.field) return false;
	}
	return true;
}

function listValue(value: SigmaValue, item: WorkItem): string {
	if (value.type === 'string') return kqlString(value, item);
	if (value.type === 'number' || value.type === 'timestamp_part') {
		const text = value.type === 'number' ? pyNumberStr(value) : String(value.value);
		return kqlString(parseSigmaString(text), item);
	}
	return '';
}

/** The Kusto backend's `in~`/`has_all` rendering of a same-field OR/AND, wildcards appended. */
function asIn(op: 'and' | 'or', args: FieldLeaf[]): string {
	const field = quoteField(args[0].field);
	const plain: string[] = [];
	const wild: FieldLeaf[] = [];
	for (const a of args) {
		if (a.value.type === 'string' && containsSpecial(a.value)) wild.push(a);
		else plain.push(listValue(a.value, a.item));
	}
	const joiner = op === 'and' ? K.and : K.or;
	const inOp = op === 'and' ? K.andIn : K.orIn;
	const inExpr = plain.length ? `${field} ${inOp} (${plain.join(K.listSep)})` : '';
	const wildExprs = wild.map((a) => {
		const s = a.value as SigmaString;
		if (containsSpecial(sliceString(s, 1, -1))) {
			// Every non-wildcard part is re-parsed from its Python str(), as the backend does.
			const terms: string[] = [];
			for (const p of s.parts) {
				if (isWildcard(p)) continue;
				const text = typeof p === 'string' ? p : `Placeholder(name='${p.placeholder}')`;
				terms.push(`${field} ${K.contains} ${kqlString(parseSigmaString(text), a.item)}`);
			}
			return '(' + terms.join(K.and) + ')';
		}
		return stringCondition(field, s, a.item);
	});
	const wildText = wildExprs.join(joiner);
	return inExpr && wildText ? inExpr + joiner + wildText : inExpr + wildText;
}

/**
 * Renders a condition node; null when nothing is left of it (pySigma returns None). `where` is
 * the condition's place in the rule, for problems no single item caused.
 */
export function render(node: CondNode | null, where?: Range): string | null {
	if (node === null) return null;
	switch (node.t) {
		case 'and':
		case 'or':
			return asInCandidate(node.args) ? asIn(node.t, node.args) : join(node.t, node.args);
		case 'not': {
			const arg = node.arg;
			if (arg !== null && (arg.t === 'and' || arg.t === 'or' || arg.t === 'not')) {
				// pySigma formats a vanished group with str(None).
				return 'not(' + (group(arg) ?? 'None') + ')';
			}
			const expr = render(arg);
			if (expr === null) {
				const item = findItem(arg);
				throw new Refusal(
					'NotImplementedError',
					"Operator 'not' not supported by the backend" + CONVERT_SUFFIX,
					item ? item.keyRange : (where ?? { from: 0, to: 0 }),
					'translate_unsupported'
				);
			}
			return 'not(' + expr + ')';
		}
		case 'fev':
			return fieldCondition(node.field, node.value, node.item);
		case 'val':
			return keywordCondition(node.value, node.item);
	}
}

function findItem(node: CondNode | null): WorkItem | null {
	if (node === null) return null;
	if (node.t === 'fev' || node.t === 'val') return node.item;
	if (node.t === 'not') return findItem(node.arg);
	for (const a of node.args) {
		const found = findItem(a);
		if (found) return found;
	}
	return null;
}
