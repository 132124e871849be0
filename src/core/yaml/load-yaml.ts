import { parseEvents, type Event } from 'js-yaml';
import { SourceText } from '../source';
import { pyYamlMark } from './py-mark';
import { firstBadTab } from './tab-check';
import { TreeBuilder } from './tree-builder';
import { findUnclosedQuote, type UnclosedQuote } from './unclosed-quote';
import type { YamlDocument, YamlProblem } from './yaml-tree';

/** All documents of a stream, with the problems met while reading them. */
export interface LoadedYaml {
	documents: YamlDocument[];
	problems: YamlProblem[];
}

/** Nesting deeper than this is refused rather than risking the stack. */
const maxDepth = 200;

/**
 * Reads every document of a YAML stream into positioned trees, typing scalars like PyYAML's safe
 * loader. Syntax errors keep the documents before the broken one. Never throws.
 */
export function loadYaml(text: string): LoadedYaml {
	const problems: YamlProblem[] = [];
	let events: Event[];
	try {
		events = parseEvents(text, { maxDepth });
	} catch (err) {
		const at = errorOffset(err, text);
		const reason = err instanceof Error ? ((err as { reason?: string }).reason ?? err.message) : '';
		const unclosed = quoteRunOut.test(reason) ? findUnclosedQuote(text) : null;
		if (unclosed && unclosed.start < at) {
			problems.push(unclosedQuoteProblem(text, unclosed));
			return { documents: salvage(text, unclosed.start, problems), problems };
		}
		const reserved = text[at] === '@' || text[at] === '`';
		const reference = reserved
			? {
					type: 'ScannerError',
					message: `while scanning for the next token\nfound character '${text[at]}' that cannot start any token\n${pyYamlMark(text, at)}`
				}
			: { type: 'YAMLError', message: `${reason}\n${pyYamlMark(text, at)}` };
		problems.push({
			code: 'yaml_syntax',
			severity: 'error',
			message: reserved
				? `YAML syntax error: '${text[at]}' cannot start a plain value; quote it.`
				: `YAML syntax error: ${reason}.`,
			range: { from: at, to: Math.min(text.length, at + 1) },
			reference
		});
		return { documents: salvage(text, at, problems), problems };
	}
	const builder = new TreeBuilder(text, problems);
	const documents = builder.build(events);
	const tab = text.includes('\t') ? firstBadTab(text, builder.tabSafe) : -1;
	if (tab >= 0) {
		problems.unshift({
			code: 'yaml_syntax',
			severity: 'error',
			message: 'Tabs cannot be used here in YAML (PyYAML refuses them); use spaces.',
			range: { from: tab, to: tab + 1 },
			reference: {
				type: 'ScannerError',
				message: `while scanning for the next token\nfound character '\\t' that cannot start any token\n${pyYamlMark(text, tab)}`
			}
		});
	}
	return { documents, problems };
}

/** js-yaml's errors where an unclosed quoted scalar may be the cause. */
const quoteRunOut =
	/^(?:deficient indentation|unexpected end of the (?:stream|document) within a (?:single|double) quoted scalar)$/;

/** The error PyYAML gives for a quoted scalar that runs out, placed at its opening quote. */
function unclosedQuoteProblem(text: string, unclosed: UnclosedQuote): YamlProblem {
	const { start, quote, end, endsAt } = unclosed;
	const found = endsAt === 'stream' ? 'end of stream' : 'document separator';
	const where =
		endsAt === 'stream'
			? 'the end of the text'
			: `the document marker on line ${new SourceText(text).position(end).line}`;
	return {
		code: 'yaml_syntax',
		severity: 'error',
		message: `YAML syntax error: this quoted string is not closed; no closing ${quote} before ${where}.`,
		range: { from: start, to: start + 1 },
		reference: {
			type: 'ScannerError',
			message: `while scanning a quoted scalar\n${pyYamlMark(text, start)}\nfound unexpected ${found}\n${pyYamlMark(text, end)}`
		}
	};
}

function errorOffset(err: unknown, text: string): number {
	const mark = (err as { mark?: { position?: number } }).mark;
	const at = mark && typeof mark.position === 'number' ? mark.position : text.length;
	return Math.max(0, Math.min(at, text.length));
}

/** Loads the documents that end before a syntax error, so the editor keeps showing them. */
function salvage(text: string, errorAt: number, problems: YamlProblem[]): YamlDocument[] {
	const re = /^---/gm;
	let cut = -1;
	for (let m = re.exec(text); m && m.index < errorAt; m = re.exec(text)) cut = m.index;
	if (cut <= 0) return [];
	try {
		const events = parseEvents(text.slice(0, cut), { maxDepth });
		return new TreeBuilder(text, problems).build(events);
	} catch {
		return [];
	}
}
