import type { SigmaRegex, SigmaString, SigmaValue } from '../rule/model';
import type { Range } from '../source';
import { networkText } from '../rule/cidr';
import {
	boolCondition,
	brokenLiteral,
	compareCondition,
	equalsCondition,
	escapeBreaks,
	escapedLiteral,
	keywordSearch,
	listCondition,
	textOperand,
	type ColumnKind,
	type QueryColumns
} from './kql-validity';
import { CONVERT_SUFFIX, Refusal } from './refusal';
import {
	endsWithStar,
	hasWildcard,
	isWildcard,
	parseSigmaString,
	sliceString,
	startsWithStar
} from '../rule/sigma-string';
import { pyNumberStr } from '../rule/values';
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
function quoteField(field: string): string {
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
 * wildcards become `*`, and then every `\*` is turned into `*` (the backend's post-fix). Where
 * that breaks the literal, the correctly escaped literal of `meaning` (the text the rule means,
 * by default the string's own text with wildcards as `*`) instead.
 */
function kqlString(s: SigmaString, item: WorkItem, meaning?: string): string {
	let out = '';
	let text = '';
	for (const p of s.parts) {
		if (typeof p === 'string') {
			out += p.replace(/[*"\\]/g, '\\$&');
			text += p;
		} else if (isWildcard(p)) {
			out += '*';
			text += '*';
		} else throw placeholderError(p.placeholder, item);
	}
	const literal = ('"' + out + '"').replace(/\\\*/g, '*');
	return brokenLiteral(literal) ? escapedLiteral(meaning ?? text) : literal;
}

function escapeRegex(regexp: string): string {
	return escapeBreaks(regexp.replace(/["\\]/g, '\\$&'));
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

function stringCondition(
	name: string,
	s: SigmaString,
	item: WorkItem,
	kind: ColumnKind | null
): string {
	const f = textOperand(name, kind);
	if (endsWithStar(s) && !hasWildcard(sliceString(s, 0, -1))) {
		return `${f} ${K.startswith} ${kqlString(sliceString(s, 0, -1), item)}`;
	}
	if (startsWithStar(s) && !hasWildcard(sliceString(s, 1))) {
		return `${f} ${K.endswith} ${kqlString(sliceString(s, 1), item)}`;
	}
	if (startsWithStar(s) && endsWithStar(s) && !hasWildcard(sliceString(s, 1, -1))) {
		return `${f} ${K.contains} ${kqlString(sliceString(s, 1, -1), item)}`;
	}
	if (hasWildcard(s)) {
		// The value is still converted as a string first, so placeholders fail the same way.
		kqlString(s, item);
		return `${f} matches regex "${globRegex(s, item)}"`;
	}
	const text = s.parts.every((p) => typeof p === 'string') ? s.parts.join('') : null;
	return equalsCondition(name, kind, kqlString(s, item), text);
}

function fieldCondition(
	field: string,
	value: SigmaValue,
	item: WorkItem,
	cols: QueryColumns
): string | null {
	// Expansions are rendered per value below, which looks the column up itself.
	const columnKind = value.type === 'expansion' ? null : cols.kindOf(field, item);
	const name = value.type === 'expansion' ? '' : cols.operand(field, quoteField(field));
	switch (value.type) {
		case 'string':
			if (value.cased) {
				throw notImplemented('Case-sensitive string matching is not supported by backend.', item);
			}
			return stringCondition(name, value, item, columnKind);
		case 'timestamp_part':
			throw notImplemented(
				'Field equals timestamp part value expressions are not supported by the backend.',
				item
			);
		case 'number':
			return name + K.numEq + pyNumberStr(value);
		case 'bool':
			return boolCondition(name, columnKind, value.value);
		case 'regex': {
			const operand = textOperand(name, columnKind);
			return `${operand} matches regex "${regexText(value)}"`;
		}
		case 'cidr':
			// The backend inserts the cidr field name unquoted.
			const operand = textOperand(cols.operand(field, field), columnKind);
			return `ipv4_is_in_range(${operand}, "${networkText(value.cidr)}")`;
		case 'compare': {
			const number = pyNumberStr(value.number);
			return compareCondition(name, columnKind, K.compare[value.op], number);
		}
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
			return `isnull(${name})`;
		case 'exists':
			return `${value.exists ? 'isnotempty' : 'isempty'}(${name})`;
		case 'expansion':
			return join(
				'or',
				value.values.map((v) => ({ t: 'fev', field, value: v, item }) as CondNode),
				cols
			);
	}
}

/**
 * A keyword as a search of every column: the backend's bare `"evil"`, `42` and `_=~regex` are no
 * conditions in KQL (see `keywordSearch`).
 */
function keywordCondition(value: SigmaValue, item: WorkItem): string {
	switch (value.type) {
		case 'string': {
			const search = keywordSearch(value);
			if (search.op === 'contains') return `* ${K.contains} ${kqlString(search.value, item)}`;
			return `* matches regex "(?i)${globRegex(search.value, item)}"`;
		}
		case 'number':
			return `* ${K.contains} "${pyNumberStr(value)}"`;
		case 'regex':
			return `* matches regex "${regexText(value)}"`;
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

function group(node: CondNode | null, cols: QueryColumns): string | null {
	const expr = render(node, cols);
	return expr === null ? null : '(' + expr + ')';
}

function join(op: 'and' | 'or', args: (CondNode | null)[], cols: QueryColumns): string | null {
	const parts: string[] = [];
	for (const a of args) {
		const s = bindsTighter(op, a) ? render(a, cols) : group(a, cols);
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

/** A list value's text: a string's plain text (it has no wildcard here), a number's digits. */
function listText(value: SigmaValue): string {
	if (value.type === 'string') return value.parts.join('');
	if (value.type === 'number') return pyNumberStr(value);
	return value.type === 'timestamp_part' ? String(value.value) : '';
}

function listValue(value: SigmaValue, item: WorkItem): string {
	if (value.type === 'string') return kqlString(value, item);
	if (value.type === 'number' || value.type === 'timestamp_part') {
		return kqlString(parseSigmaString(listText(value)), item);
	}
	return '';
}

/** The Kusto backend's `in~`/`has_all` rendering of a same-field OR/AND, wildcards appended. */
function asIn(op: 'and' | 'or', args: FieldLeaf[], cols: QueryColumns): string {
	const kind = cols.kindOf(args[0].field, args[0].item);
	const field = cols.operand(args[0].field, quoteField(args[0].field));
	const plain: string[] = [];
	const texts: string[] = [];
	const wild: FieldLeaf[] = [];
	for (const a of args) {
		if (a.value.type === 'string' && hasWildcard(a.value)) wild.push(a);
		else {
			plain.push(listValue(a.value, a.item));
			texts.push(listText(a.value));
		}
	}
	const joiner = op === 'and' ? K.and : K.or;
	const inOp = op === 'and' ? K.andIn : K.orIn;
	const inExpr = plain.length ? listCondition(field, kind, inOp, plain, texts) : '';
	const wildExprs = wild.map((a) => {
		const s = a.value as SigmaString;
		if (hasWildcard(sliceString(s, 1, -1))) {
			// Every non-wildcard part is re-parsed from its Python str(), as the backend does.
			const terms: string[] = [];
			for (const p of s.parts) {
				if (isWildcard(p)) continue;
				const text = typeof p === 'string' ? p : `Placeholder(name='${p.placeholder}')`;
				// Re-parsing turns an escaped `\\*` into a backslash and a wildcard, which the
				// post-fix then breaks; such a literal is written as the part's own text.
				const literal = kqlString(parseSigmaString(text), a.item, text);
				terms.push(`${textOperand(field, kind)} ${K.contains} ${literal}`);
			}
			return '(' + terms.join(K.and) + ')';
		}
		// The backend quotes the already quoted name once more here (`''c-uri''`).
		return stringCondition(cols.operand(args[0].field, quoteField(field)), s, a.item, kind);
	});
	const wildText = wildExprs.join(joiner);
	return inExpr && wildText ? inExpr + joiner + wildText : inExpr + wildText;
}

/**
 * Renders a condition node; null when nothing is left of it (pySigma returns None). `cols` knows
 * the query table's columns and notes the first one it lacks; `where` is the condition's place in
 * the rule, for problems no single item caused.
 */
export function render(node: CondNode | null, cols: QueryColumns, where?: Range): string | null {
	if (node === null) return null;
	switch (node.t) {
		case 'and':
		case 'or':
			return asInCandidate(node.args)
				? asIn(node.t, node.args, cols)
				: join(node.t, node.args, cols);
		case 'not': {
			const arg = node.arg;
			if (arg !== null && (arg.t === 'and' || arg.t === 'or' || arg.t === 'not')) {
				// pySigma formats a vanished group with str(None).
				return 'not(' + (group(arg, cols) ?? 'None') + ')';
			}
			const expr = render(arg, cols);
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
			return fieldCondition(node.field, node.value, node.item, cols);
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
