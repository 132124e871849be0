import type { SigmaString } from '../rule/model';
import { hasWildcard, isWildcard, makeString } from '../rule/sigma-string';
import type { WorkItem } from './work-tree';

/**
 * Where the reference's KQL is not valid in Microsoft's Kusto parser, the valid KQL that means
 * what the rule means. Every function here returns the reference's text unchanged wherever that
 * text is valid, so only the queries the parser rejects change: a string operator on a column
 * that is not a string, a Sigma boolean (`=~ true` is defined for no column type), a numeric
 * comparison on a string, a keyword (a bare `"x"` is not a condition), a string literal that the
 * backend's `\*` post-fix or a raw line break has broken, and a column the table lacks.
 */

/** The type of a table column, as far as it decides which KQL operators apply. */
export type ColumnKind = 'string' | 'number' | 'bool' | 'datetime' | 'dynamic' | 'guid';

// Kusto defines `=~`, `contains`, `startswith`, `in~`, `matches regex`... and ipv4_is_in_range
// for strings (and dynamic values) only; every other type has to be turned into its text first.
const textless: ReadonlySet<ColumnKind> = new Set(['number', 'bool', 'datetime', 'guid']);

/**
 * The columns of the query table, for one rule. `kinds` is null when they are unknown (a custom
 * table, or one whose schema is still loading): then the reference's text stays as it is.
 */
export class QueryColumns {
	/** Fields whose column the table lacks, each with its first item, in query order. */
	readonly missing = new Map<string, WorkItem>();

	constructor(readonly kinds: ReadonlyMap<string, ColumnKind> | null) {}

	/**
	 * The kind of a field's column; null when the columns are unknown. A column the table lacks
	 * (noted) is read as a dynamic null, see `operand`.
	 */
	kindOf(field: string, item: WorkItem): ColumnKind | null {
		if (this.kinds === null) return null;
		const kind = this.kinds.get(field);
		if (kind !== undefined) return kind;
		if (!this.missing.has(field)) this.missing.set(field, item);
		return 'dynamic';
	}

	/**
	 * How a field is written as an operand. The reference accepts a field that a mapping renames
	 * to a column the table lacks (it validates against mapping keys too), and Kusto rejects the
	 * unknown name; `column_ifexists` reads the column where a table has it and is null here,
	 * which is what testing an absent field means. A dynamic null takes every operator the
	 * reference writes, where a string or number default would not.
	 */
	operand(field: string, written: string): string {
		if (this.kinds === null || this.kinds.has(field)) return written;
		return `column_ifexists(${escapedLiteral(field)}, dynamic(null))`;
	}
}

/** The operand a string operator applies to: the column, or its text for a non-string column. */
export function textOperand(field: string, kind: ColumnKind | null): string {
	return kind !== null && textless.has(kind) ? `tostring(${field})` : field;
}

const twoTo63 = 2n ** 63n;

/**
 * The number a Sigma string spells, as a KQL literal: a decimal or `0x` hexadecimal integer
 * within Kusto's long range, or a decimal fraction; null for any other text.
 */
export function numberLiteral(text: string): string | null {
	const integer = /^(-?)(\d+|0[xX][0-9a-fA-F]+)$/.exec(text);
	if (integer) {
		const magnitude = BigInt(integer[2]);
		return magnitude < twoTo63 ? integer[1] + magnitude.toString() : null;
	}
	return /^-?\d+\.\d+$/.test(text) ? text : null;
}

/**
 * `field =~ "text"`: on a number column a value that spells a number compares as that number
 * (logon IDs are written `0x3e7` in rules but stored as 999), else as the column's text.
 */
export function equalsCondition(
	field: string,
	kind: ColumnKind | null,
	literal: string,
	text: string | null
): string {
	const number = kind === 'number' && text !== null ? numberLiteral(text) : null;
	if (number !== null) return `${field} == ${number}`;
	return `${textOperand(field, kind)} =~ ${literal}`;
}

/**
 * The backend's same-field list, `field in~ (...)` or `field has_all (...)`: on a number column the
 * values that spell numbers become `field in (...)` of those numbers, and only the others compare
 * with the column's text (`LogonId in (999) or tostring(LogonId) in~ ("null")`). The list is a
 * condition of its own or already grouped by its parent, so an added `or` needs no parentheses.
 */
export function listCondition(
	field: string,
	kind: ColumnKind | null,
	op: 'in~' | 'has_all',
	literals: readonly string[],
	texts: readonly string[]
): string {
	const numbers: string[] = [];
	const others: string[] = [];
	literals.forEach((literal, i) => {
		const number = kind === 'number' && op === 'in~' ? numberLiteral(texts[i]) : null;
		if (number === null) others.push(literal);
		else numbers.push(number);
	});
	const parts: string[] = [];
	if (numbers.length > 0) parts.push(`${field} in (${numbers.join(', ')})`);
	if (others.length > 0) parts.push(`${textOperand(field, kind)} ${op} (${others.join(', ')})`);
	return parts.join(' or ');
}

/**
 * A Sigma boolean on a field. Kusto defines `=~` between no column type and a bool, so the
 * backend's `field =~ true` is valid nowhere: a bool column compares with `==`, every other
 * column by its text (`"true"`, matched case-insensitively).
 */
export function boolCondition(field: string, kind: ColumnKind | null, value: boolean): string {
	const word = value ? 'true' : 'false';
	if (kind === null) return `${field} =~ ${word}`;
	if (kind === 'bool') return `${field} == ${word}`;
	return `${textOperand(field, kind)} =~ "${word}"`;
}

/** `field > 5` and the like: a column that is not a number compares by its numeric value. */
export function compareCondition(
	field: string,
	kind: ColumnKind | null,
	op: string,
	number: string
): string {
	const numeric = kind === 'string' || kind === 'datetime' || kind === 'guid';
	return `${numeric ? `toreal(${field})` : field} ${op} ${number}`;
}

/** A Sigma keyword, searched as a substring of any column of the event, case-insensitively. */
export type KeywordSearch =
	| { op: 'contains'; value: SigmaString }
	/** A keyword with a wildcard inside: an unanchored regex over the glob. */
	| { op: 'regex'; value: SigmaString };

/**
 * How a keyword string searches: the backend writes it as a bare string (`where "x"`), which is
 * no condition in KQL. A keyword matches where any value contains it, so leading and trailing
 * `*` add nothing; what is left is a substring unless a wildcard remains inside.
 */
export function keywordSearch(s: SigmaString): KeywordSearch {
	let start = 0;
	let end = s.parts.length;
	const star = (i: number) => {
		const p = s.parts[i];
		return typeof p !== 'string' && isWildcard(p) && p.wildcard === '*';
	};
	while (start < end && star(start)) start++;
	while (end > start && star(end - 1)) end--;
	const value = makeString(s.parts.slice(start, end));
	return hasWildcard(value) ? { op: 'regex', value } : { op: 'contains', value };
}

/**
 * True when a quoted KQL string as the backend wrote it is not a valid literal: the `\*`
 * post-fix turns an escaped backslash before a wildcard (`\\*`) into the unknown escape `\*`,
 * and a raw line break ends the literal.
 */
export function brokenLiteral(literal: string): boolean {
	if (/[\r\n]/.test(literal)) return true;
	for (let i = 0; i < literal.length; i++) {
		if (literal[i] !== '\\') continue;
		if (literal[i + 1] === '*') return true;
		i++;
	}
	return false;
}

/** A correctly escaped KQL string literal of a text (wildcards already written as `*`). */
export function escapedLiteral(text: string): string {
	return '"' + escapeBreaks(text.replace(/["\\]/g, '\\$&')) + '"';
}

/** Writes raw line breaks as escapes; in a valid literal (none there) nothing changes. */
export function escapeBreaks(body: string): string {
	return body.replace(/\r/g, '\\r').replace(/\n/g, '\\n');
}
