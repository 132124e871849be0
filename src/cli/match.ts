import { compileMatcher, matchEvent, parseEvents, parseRule } from '../core/index';
import type { Diagnostic, FlavourId, Matcher } from '../core/index';
import type { OutputFormat } from './args';
import { internalError } from './convert';
import type { Output } from './output';
import { errorRecord, firstError } from './records';

/** The events of one file, parsed once and shared by every rule. */
interface EventsFile {
	file: string;
	events: unknown[];
	/** The first problem that stopped reading the file, if any. */
	error: Diagnostic | null;
}

/** Settings of a matching run. */
export interface MatchRunOptions {
	/** Reads a rule file named on the command line. */
	read: (path: string) => string;
	/** Read events as rows exported from this flavour (column names map back to Sigma fields). */
	flavour: FlavourId | null;
	format: OutputFormat;
	/** Print only matching pairs, each naming its rule (the `--rules` mode). */
	onlyMatches: boolean;
	/** Writes one warning line (to standard error, apart from the verdicts). */
	warn: (line: string) => void;
}

/**
 * Reads (with `read`, which takes the path as given) and parses every events file once, in any
 * format `parseEvents` recognises: JSON, NDJSON, Windows event XML or CSV.
 */
export function readEventsFiles(
	files: readonly string[],
	read: (path: string) => string
): EventsFile[] {
	return files.map((file) => {
		const parsed = parseEvents(read(file));
		return { file, events: parsed.events, error: firstError(parsed.diagnostics) };
	});
}

/**
 * Parses and compiles one rule file. A rule with a parse error is not evaluated (its verdicts
 * would be those of some other rule than the one written); the error is returned instead.
 */
function compileRuleFile(
	source: string,
	flavour: FlavourId | null
): { matcher: Matcher; error: null } | { matcher: null; error: Diagnostic | null } {
	const parsed = parseRule(source);
	const parseError = firstError(parsed.diagnostics);
	if (parseError) return { matcher: null, error: parseError };
	const matcher = compileMatcher(parsed, flavour ? { flavour } : {});
	if (matcher.rules.length > 0) return { matcher, error: null };
	return { matcher: null, error: firstError(matcher.diagnostics) };
}

/**
 * Evaluates one rule file against every event and writes the verdicts: one line per event, or
 * in `onlyMatches` mode one line per matching event that names the rule. A rule that cannot be
 * evaluated yields one error line; the matcher's warnings on a rule go to `warn`, once per rule.
 * Returns the number of internal errors.
 */
export function matchRuleFile(
	rulePath: string,
	eventsFiles: readonly EventsFile[],
	options: MatchRunOptions,
	out: Output
): number {
	let compiled;
	try {
		compiled = compileRuleFile(options.read(rulePath), options.flavour);
	} catch (error) {
		out.json({ rule: rulePath, error: internalError(error) });
		return 1;
	}
	if (!compiled.matcher) {
		const error = compiled.error ? errorRecord(compiled.error) : null;
		if (options.format === 'jsonl') out.json({ rule: rulePath, error });
		else {
			const where = error ? `${error.line}:${error.column}: ${error.message}` : 'no rule';
			out.line(`${rulePath}: ${where}`);
		}
		return 0;
	}
	for (const line of warningLines(rulePath, compiled.matcher.diagnostics)) options.warn(line);
	let internal = 0;
	for (const { file, events } of eventsFiles) {
		for (let index = 0; index < events.length; index++) {
			let match: boolean;
			let selections: string[];
			try {
				const verdict = matchEvent(compiled.matcher, events[index], { explain: false });
				match = verdict.match;
				selections = verdict.selections;
			} catch (error) {
				out.json({ rule: rulePath, file, index, error: internalError(error) });
				internal++;
				continue;
			}
			if (options.onlyMatches && !match) continue;
			if (options.format === 'text') {
				const rule = options.onlyMatches ? `${rulePath} ` : '';
				const verdict = match ? 'match' : 'no match';
				out.line(`${rule}${file}#${index}: ${verdict} [${selections.join(', ')}]`);
			} else if (options.onlyMatches) {
				out.json({ rule: rulePath, file, index, match, selections });
			} else {
				out.json({ file, index, match, selections });
			}
		}
	}
	return internal;
}

/**
 * The matcher's problems with a rule (a regular expression it cannot run, a placeholder without
 * values...), each once, as `RULE:LINE:COL: warning: message` with 1-based line and column.
 */
function warningLines(rulePath: string, diagnostics: readonly Diagnostic[]): string[] {
	const lines = diagnostics.map((d) => {
		const { line, column, message } = errorRecord(d);
		return `${rulePath}:${line}:${column}: ${d.severity}: ${message}`;
	});
	return [...new Set(lines)];
}

/** Writes one line for each events file that could not be read completely. */
export function reportEventsErrors(
	eventsFiles: readonly EventsFile[],
	format: OutputFormat,
	out: Output
): void {
	for (const { file, error } of eventsFiles) {
		if (!error) continue;
		const record = errorRecord(error);
		if (format === 'jsonl') out.json({ file, error: record });
		else out.line(`${file}:${record.line}:${record.column}: ${record.message}`);
	}
}
