import { parseRule, translate } from '../core/index';
import type { FlavourId } from '../core/index';
import type { OutputFormat } from './args';
import type { Output } from './output';
import { errorRecord, firstError, type ErrorRecord } from './records';

/** One output line of `convert`: the queries of a rule file, or why it has none. */
export type ConvertRecord =
	{ path: string; queries: string[] } | { path: string; error: ErrorRecord };

/** Settings of a conversion run. */
export interface ConvertOptions {
	flavour: FlavourId;
	/** The query table that overrides the one the rule's logsource implies. */
	table: string | null;
}

/**
 * Converts one rule text. The translator's own error wins (it carries the reference's exception);
 * without one, the queries are the answer, even an empty list. A failure inside the core is
 * reported as `internal_error` so that one bad file does not stop a run over thousands.
 */
function convertSource(path: string, source: string, options: ConvertOptions): ConvertRecord {
	try {
		const parsed = parseRule(source);
		const tableOption = options.table ? { queryTable: options.table } : {};
		const result = translate(parsed, options.flavour, tableOption);
		if (result.error) return { path, error: errorRecord(result.error) };
		if (result.queries) return { path, queries: result.queries };
		const error = firstError(parsed.diagnostics, result.diagnostics);
		return error ? { path, error: errorRecord(error) } : { path, queries: [] };
	} catch (error) {
		return { path, error: internalError(error) };
	}
}

/** The error record of an exception that escaped the core (a bug, never a rule problem). */
export function internalError(error: unknown): ErrorRecord {
	const message = error instanceof Error ? error.message : String(error);
	return { code: 'internal_error', type: null, message, line: 1, column: 1 };
}

/**
 * Converts every file, read with `read` (which takes the path as given), and writes one record
 * per file. Returns the number of internal errors, so that the process can exit non-zero on a
 * bug while rule problems stay data.
 */
export function convertFiles(
	files: readonly string[],
	read: (path: string) => string,
	options: ConvertOptions,
	format: OutputFormat,
	out: Output
): number {
	let internal = 0;
	for (const path of files) {
		let record: ConvertRecord;
		try {
			record = convertSource(path, read(path), options);
		} catch (error) {
			record = { path, error: { ...internalError(error), code: 'file_unreadable' } };
		}
		if ('error' in record && record.error.code === 'internal_error') internal++;
		if (format === 'jsonl') out.json(record);
		else writeText(record, out);
	}
	return internal;
}

function writeText(record: ConvertRecord, out: Output): void {
	if ('error' in record) {
		const { line, column, code, type, message } = record.error;
		out.line(`${record.path}:${line}:${column}: ${type ?? code}: ${message}`);
		return;
	}
	out.line(`# ${record.path}`);
	if (record.queries.length === 0) out.line('(no query)');
	for (const query of record.queries) out.line(`${query}\n`);
}
