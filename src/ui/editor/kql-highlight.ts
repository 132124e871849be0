/** The kinds of KQL token the output colours differently. */
export type KqlTokenKind =
	'table' | 'keyword' | 'operator' | 'string' | 'number' | 'punct' | 'plain';

/** A run of query text and how to colour it; the texts of all tokens add up to the query. */
export interface KqlToken {
	kind: KqlTokenKind;
	text: string;
}

const keywords = new Set([
	'where',
	'and',
	'or',
	'not',
	'in',
	'has',
	'has_all',
	'has_any',
	'hasprefix',
	'hassuffix',
	'contains',
	'contains_cs',
	'startswith',
	'startswith_cs',
	'endswith',
	'endswith_cs',
	'matches',
	'regex',
	'between',
	'isnull',
	'isnotnull',
	'isempty',
	'isnotempty',
	'ipv4_is_in_range',
	'ipv6_is_match',
	'true',
	'false',
	'datetime_part',
	'tostring',
	'toint'
]);

// One capture group per token kind. Order matters: verbatim strings before words, and `in~`,
// `!in~`, `!contains` before bare words and operators.
const tokenPattern = new RegExp(
	[
		String.raw`(@"[^"]*"|@'[^']*'|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?)`,
		String.raw`(!?in~|![a-z_]+)`,
		String.raw`([A-Za-z_][A-Za-z0-9_]*)`,
		String.raw`(\d+(?:\.\d+)?)`,
		String.raw`(=~|!~|==|!=|<=|>=|[<>=])`,
		String.raw`([|(),])`
	].join('|'),
	'y'
);

/**
 * Splits a KQL query into coloured tokens. It only has to colour what the converter emits, so it
 * is a scanner, not a parser; text it does not recognise stays `plain`.
 */
export function tokenizeKql(query: string): KqlToken[] {
	const tokens: KqlToken[] = [];
	// Flavoured queries start with `Table\n| where`; bare expressions have no table.
	let tablePending = /^[A-Za-z_]\w*\s*\n\|/.test(query);
	let at = 0;
	const push = (kind: KqlTokenKind, text: string) => {
		const last = tokens[tokens.length - 1];
		if (last && last.kind === kind && kind === 'plain') last.text += text;
		else tokens.push({ kind, text });
	};
	while (at < query.length) {
		tokenPattern.lastIndex = at;
		const m = tokenPattern.exec(query);
		if (!m) {
			push('plain', query[at]);
			at++;
			continue;
		}
		const [text, str, negated, word, num, op] = m;
		if (str) push('string', text);
		else if (negated) push('keyword', text);
		else if (word) {
			if (tablePending) push('table', text);
			else push(keywords.has(word.toLowerCase()) ? 'keyword' : 'plain', text);
			tablePending = false;
		} else if (num) push('number', text);
		else if (op) push('operator', text);
		else push('punct', text);
		at += text.length;
	}
	return tokens;
}
