import { EVENT_SCALAR, SCALAR_STYLE, parseEvents } from 'js-yaml';

/**
 * Finds a quoted scalar that is never closed. js-yaml reports such a string where it gives up
 * (often "deficient indentation" on a later line, or at the end of the text); PyYAML reports it
 * at its opening quote. This module finds that quote.
 */

/** A quoted scalar without its closing quote. */
export interface UnclosedQuote {
	/** Offset of the opening quote. */
	start: number;
	quote: '"' | "'";
	/** Where the scalar runs out: the end of the text, or a document marker at a line start. */
	end: number;
	endsAt: 'stream' | 'document';
}

const lineBreaks = '\r\n\u0085\u2028\u2029';
const flowIndicators = ',[]{}';
// PyYAML's escapes of double-quoted scalars; any other escape is its own error.
const simpleEscapes = '0abt\tnvfre "\\/N_LP';
const hexEscapes: Record<string, number> = { x: 2, u: 4, U: 8 };
/** Candidates that js-yaml does not confirm are skipped; after this many the search gives up. */
const maxAttempts = 4;

function isBreak(c: string | undefined): boolean {
	return c !== undefined && lineBreaks.includes(c);
}

/** True at the end of the text or before a space, tab or line break. */
function blankOrEnd(c: string | undefined): boolean {
	return c === undefined || c === ' ' || c === '\t' || isBreak(c);
}

function documentMarkerAt(text: string, at: number): boolean {
	return (text.startsWith('---', at) || text.startsWith('...', at)) && blankOrEnd(text[at + 3]);
}

function lineEnd(text: string, at: number): number {
	let i = at;
	while (i < text.length && !isBreak(text[i])) i++;
	return i;
}

function nextLine(text: string, at: number): number {
	if (text[at] === '\r' && text[at + 1] === '\n') return at + 2;
	return at + 1;
}

type QuotedEnd =
	{ kind: 'closed'; next: number } | { kind: 'bad_escape' } | ({ kind: 'open' } & UnclosedQuote);

/** Reads a quoted scalar from its opening quote the way PyYAML's scanner does. */
function readQuoted(text: string, start: number): QuotedEnd {
	const quote = text[start] as '"' | "'";
	let i = start + 1;
	while (i < text.length) {
		const c = text[i];
		if (isBreak(c)) {
			i = nextLine(text, i);
			if (documentMarkerAt(text, i))
				return { kind: 'open', start, quote, end: i, endsAt: 'document' };
			continue;
		}
		if (quote === "'" && c === "'") {
			if (text[i + 1] !== "'") return { kind: 'closed', next: i + 1 };
			i += 2;
			continue;
		}
		if (quote === '"' && c === '"') return { kind: 'closed', next: i + 1 };
		if (quote === '"' && c === '\\') {
			const escape = text[i + 1];
			if (isBreak(escape) || (escape !== undefined && simpleEscapes.includes(escape))) {
				i += 2;
				continue;
			}
			const digits = escape === undefined ? undefined : hexEscapes[escape];
			const hex = digits === undefined ? '' : text.slice(i + 2, i + 2 + digits);
			if (digits === undefined || !/^[0-9A-Fa-f]*$/.test(hex) || hex.length < digits) {
				return { kind: 'bad_escape' };
			}
			i += 2 + digits;
			continue;
		}
		i++;
	}
	return { kind: 'open', start, quote, end: text.length, endsAt: 'stream' };
}

interface Candidate {
	quote: UnclosedQuote;
	/** The flow collections open at the quote, innermost last. */
	flows: string[];
}

/**
 * Scans YAML tokens far enough to tell where quoted scalars start: at the start of a node (after
 * indentation, `- `, `? `, `: `, a flow `[`, `{` or `,`, or node properties), not inside plain
 * scalars, comments or block scalars; a quote at an offset of `plainQuotes` is read as plain text.
 * Returns the first quoted scalar that never closes.
 */
function scan(text: string, plainQuotes: ReadonlySet<number>): Candidate | null {
	const flows: string[] = [];
	let i = 0;
	let nodeStart = true;
	let lineStart = true;
	let lineIndent = 0;
	let blockParent = -1;
	while (i < text.length) {
		if (lineStart) {
			lineStart = false;
			let indent = 0;
			while (text[i + indent] === ' ') indent++;
			const first = text[i + indent];
			if (blockParent >= 0) {
				const blank = first === undefined || isBreak(first) || first === '\t';
				if (blank || indent > blockParent) {
					const end = lineEnd(text, i);
					if (end >= text.length) return null;
					i = nextLine(text, end);
					lineStart = true;
					continue;
				}
				blockParent = -1;
			}
			if (documentMarkerAt(text, i)) {
				flows.length = 0;
				i += 3;
				nodeStart = true;
				continue;
			}
			lineIndent = indent;
			if (flows.length === 0) nodeStart = true;
		}
		const c = text[i];
		if (isBreak(c)) {
			i = nextLine(text, i);
			lineStart = true;
			continue;
		}
		if (c === ' ' || c === '\t') {
			i++;
			continue;
		}
		if (c === '#' && (i === 0 || blankOrEnd(text[i - 1]))) {
			i = lineEnd(text, i);
			continue;
		}
		const flow = flows.length > 0;
		if ((c === '"' || c === "'") && nodeStart && !plainQuotes.has(i)) {
			const read = readQuoted(text, i);
			if (read.kind === 'bad_escape') return null;
			if (read.kind === 'open') {
				const { start, quote, end, endsAt } = read;
				return { quote: { start, quote, end, endsAt }, flows: [...flows] };
			}
			i = read.next;
			nodeStart = false;
			continue;
		}
		if ((c === '[' || c === '{') && (nodeStart || flow)) {
			flows.push(c === '[' ? ']' : '}');
			nodeStart = true;
			i++;
			continue;
		}
		if (flow && (c === ']' || c === '}')) {
			flows.pop();
			nodeStart = false;
			i++;
			continue;
		}
		if (flow && c === ',') {
			nodeStart = true;
			i++;
			continue;
		}
		const next = text[i + 1];
		if (
			(c === '-' || c === '?' || c === ':') &&
			(blankOrEnd(next) || (flow && c === ':' && flowIndicators.includes(next)))
		) {
			nodeStart = true;
			i++;
			continue;
		}
		if ((c === '|' || c === '>') && nodeStart && !flow) {
			blockParent = lineIndent;
			i = lineEnd(text, i);
			continue;
		}
		if ((c === '&' || c === '!' || c === '*') && nodeStart) {
			while (i < text.length && !blankOrEnd(text[i]) && !(flow && flowIndicators.includes(text[i])))
				i++;
			nodeStart = c !== '*';
			continue;
		}
		nodeStart = false;
		while (i < text.length && !isBreak(text[i])) {
			const d = text[i];
			const after = text[i + 1];
			if (d === ':' && (blankOrEnd(after) || (flow && flowIndicators.includes(after)))) break;
			if (d === '#' && blankOrEnd(text[i - 1])) break;
			if (flow && flowIndicators.includes(d)) break;
			i++;
		}
	}
	return null;
}

/**
 * js-yaml's word on the candidate: the text up to the quote, with the string closed at once and
 * the open flow collections closed after it, must hold a quoted scalar starting right after the
 * quote. This rules out a quote the scan mistook for the start of a string.
 */
function confirmed(text: string, candidate: Candidate): boolean {
	const { start, quote } = candidate.quote;
	const probe = text.slice(0, start + 1) + quote + [...candidate.flows].reverse().join('');
	const style = quote === '"' ? SCALAR_STYLE.DOUBLE_QUOTED : SCALAR_STYLE.SINGLE_QUOTED;
	try {
		return parseEvents(probe, { maxDepth: 200 }).some(
			(ev) => ev.type === EVENT_SCALAR && ev.valueStart === start + 1 && ev.style === style
		);
	} catch {
		return false;
	}
}

/**
 * The first quoted scalar of the text that has no closing quote before the end of the text or a
 * document marker, as PyYAML's scanner would meet it; null when there is none, or when an invalid
 * escape inside it is the error PyYAML would report first.
 */
export function findUnclosedQuote(text: string): UnclosedQuote | null {
	const plainQuotes = new Set<number>();
	for (let attempt = 0; attempt < maxAttempts; attempt++) {
		const candidate = scan(text, plainQuotes);
		if (!candidate) return null;
		if (confirmed(text, candidate)) return candidate.quote;
		// A quote js-yaml reads as part of a plain value: scan again past it.
		plainQuotes.add(candidate.quote.start);
	}
	return null;
}
