import { makeDiagnostic, type Diagnostic } from '../diagnostics';
import type { Condition, SigmaRule } from '../rule/model';
import type { ParseResult } from '../rule/parse-rule';
import { SourceText, type Range } from '../source';
import { tableColumns, type FlavourId } from './flavours/index';
import { render } from './kql-render';
import { QueryColumns } from './kql-validity';
import { applyPipeline } from './pipeline';
import { CONVERT_SUFFIX, PIPELINE_SUFFIX, Refusal } from './refusal';
import { tableOverrideNotes } from './table-override';
import { conditionTree, workDetections, type CondNode } from './work-tree';

/** Settings of a translation. */
export interface TranslateOptions {
	/** The reference's `query_table` pipeline parameter: a table that overrides the logsource's. */
	queryTable?: string;
}

/** The KQL of every rule of a parse result, or what the reference would refuse. */
export interface TranslateResult {
	/** One query per condition entry per rule, in document order; empty when `error` is set. */
	queries: string[];
	/** Everything the translator reports, including `error` when set. */
	diagnostics: Diagnostic[];
	/** The problem standing for the reference's exception (`reference`: type and message). */
	error: Diagnostic | null;
}

/**
 * A parsed condition's own problem, if the parser reported one the reference raises (with
 * `message`: only that one).
 */
function conditionDiagnostic(
	parsed: ParseResult,
	c: Condition,
	message?: string
): Diagnostic | null {
	for (const d of parsed.diagnostics) {
		const ref = d.reference;
		if (d.stage !== 'condition' || !ref || d.from < c.range.from || d.to > c.range.to) continue;
		if (message === undefined || ref.message === message) return d;
	}
	return null;
}

/**
 * Warnings for the fields whose column the query table lacks: the query reads them with
 * `column_ifexists`, so their tests never hold on this table.
 */
function columnWarnings(source: SourceText, table: string, cols: QueryColumns): Diagnostic[] {
	return [...cols.missing].map(([column, item]) => {
		const field = item.sigmaField ?? column;
		const mapped = field === column ? '' : ` (the column ${field} maps to)`;
		const text =
			`Table ${table} has no column ${column}${mapped}. The query reads it with ` +
			'column_ifexists(), which is null on this table, so only a test for a missing value can hold.';
		return makeDiagnostic(
			source,
			'translate',
			'translate_column_missing',
			'warning',
			text,
			item.keyRange
		);
	});
}

function ruleQueries(
	parsed: ParseResult,
	source: SourceText,
	rule: SigmaRule,
	flavour: FlavourId,
	options: TranslateOptions,
	notes: { schemaPending: string | null; warnings: Diagnostic[] }
): string[] | Diagnostic {
	const dets = workDetections(rule.detections);
	const { table, schemaPending } = applyPipeline(rule, dets, flavour, options.queryTable);
	if (schemaPending) notes.schemaPending = table;
	const columns = tableColumns(flavour, table);
	const cols = new QueryColumns(columns.kind === 'known' ? columns.kinds : null);
	const queries: string[] = [];
	for (const c of rule.conditions) {
		if (c.ast === null) {
			const d = conditionDiagnostic(parsed, c);
			if (d) return d;
			const text = 'The condition could not be parsed.';
			throw new Refusal('SigmaConditionError', text, c.range, 'condition_invalid');
		}
		let tree: CondNode | null;
		try {
			tree = conditionTree(c.ast, dets, c.range);
		} catch (e) {
			// The parser already placed an unknown reference precisely; report its diagnostic.
			const d = e instanceof Refusal ? conditionDiagnostic(parsed, c, e.message) : null;
			if (d) return d;
			throw e;
		}
		const expr = render(tree, cols, c.range);
		if (expr !== null) queries.push(`${table}\n| where ${expr}`);
	}
	notes.warnings.push(...columnWarnings(source, table, cols));
	return queries;
}

function refusalDiagnostic(source: SourceText, r: Refusal): Diagnostic {
	const message = r.message.replace(PIPELINE_SUFFIX, '').replace(CONVERT_SUFFIX, '');
	return makeDiagnostic(source, 'translate', r.code, 'error', message, r.range, {
		type: r.type,
		message: r.message
	});
}

/** A bug of the translator, reported as data instead of escaping the core. */
function internalError(source: SourceText, e: unknown, range: Range): Diagnostic {
	const text = `The translator failed: ${e instanceof Error ? e.message : String(e)}`;
	return makeDiagnostic(source, 'translate', 'translate_internal_error', 'error', text, range);
}

/**
 * Translates every document of a parse result to KQL for a flavour, as pySigma 1.5.0 with the
 * Kusto backend's pipeline converts a collection: rules in document order, one query per
 * condition. The first problem the reference would raise becomes `error` and no query is
 * returned, as the reference returns none. Where the reference's KQL would not be valid KQL, the
 * valid query of the same meaning is returned instead (see `kql-validity.ts`), and a field whose
 * column the table lacks gets a warning. A `queryTable` override is written as given; when it
 * gave queries, a note says if it is not a plain table name or not a table of the flavour's
 * schema (see `table-override.ts`). Never throws.
 */
export function translate(
	parsed: ParseResult,
	flavour: FlavourId,
	options: TranslateOptions = {}
): TranslateResult {
	const loadError = parsed.diagnostics.find((d) => d.reference && d.stage !== 'condition');
	if (loadError) return { queries: [], diagnostics: [], error: loadError };
	const source = new SourceText(parsed.source);
	const queries: string[] = [];
	const diagnostics: Diagnostic[] = [];
	const notes = { schemaPending: null as string | null, warnings: [] as Diagnostic[] };
	for (const doc of parsed.documents) {
		let outcome: string[] | Diagnostic;
		try {
			if (doc.kind === 'correlation') {
				throw new Refusal(
					'NotImplementedError',
					'Backend does not support correlation rules.',
					doc.range,
					'translate_correlation_unsupported'
				);
			}
			// Filters are already merged into the rules they apply to.
			const index = doc.kind === 'rule' ? doc.ruleIndex : null;
			const rule = index !== null ? parsed.rules[index] : null;
			if (!rule) continue;
			outcome = ruleQueries(parsed, source, rule, flavour, options, notes);
		} catch (e) {
			outcome =
				e instanceof Refusal ? refusalDiagnostic(source, e) : internalError(source, e, doc.range);
		}
		if (!Array.isArray(outcome)) {
			diagnostics.push(outcome);
			return { queries: [], diagnostics, error: outcome };
		}
		queries.push(...outcome);
	}
	if (queries.length > 0) {
		diagnostics.push(...tableOverrideNotes(source, flavour, options.queryTable));
	}
	diagnostics.push(...notes.warnings);
	if (notes.schemaPending !== null) {
		const table = notes.schemaPending;
		const text = `The columns of table ${table} are still loading; field names were not checked.`;
		const range: Range = { from: 0, to: 0 };
		const code = 'translate_schema_pending';
		diagnostics.push(makeDiagnostic(source, 'translate', code, 'info', text, range));
	}
	return { queries, diagnostics, error: null };
}
