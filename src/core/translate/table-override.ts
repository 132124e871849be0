import { makeDiagnostic, type Diagnostic } from '../diagnostics';
import type { SourceText } from '../source';
import { flavours, flavoursWithTable, type FlavourId } from './flavours/index';

/** A table name KQL reads without quoting: ASCII letters, digits and underscores. */
const plainTableName = /^[A-Za-z_][A-Za-z0-9_]*$/;

function flavourLabel(id: FlavourId): string {
	return flavours.find((f) => f.id === id)?.label ?? id;
}

/**
 * Notes on a `queryTable` override, which the query uses exactly as given (as the reference
 * does): a warning when it is not a plain table name (the query is then rarely valid KQL), else
 * a note when the flavour's schema lacks the table, so field names are not checked against its
 * columns. Either sits at the start of the rule, since the table is not in the rule text.
 */
export function tableOverrideNotes(
	source: SourceText,
	flavour: FlavourId,
	queryTable: string | undefined
): Diagnostic[] {
	if (!queryTable) return [];
	const at = { from: 0, to: 0 };
	const shown = JSON.stringify(queryTable);
	if (!plainTableName.test(queryTable)) {
		const text =
			`The table ${shown} is not a plain KQL table name and is written into the query as ` +
			'typed: a table name may contain only letters (A-Z, a-z), digits and underscores, and ' +
			'cannot start with a digit.';
		const code = 'translate_table_name_invalid';
		return [makeDiagnostic(source, 'translate', code, 'warning', text, at)];
	}
	const owners = flavoursWithTable(queryTable);
	if (owners.includes(flavour)) return [];
	const other =
		owners.length > 0 ? ` (it is a table of ${owners.map(flavourLabel).join(' and ')})` : '';
	const text =
		`The table ${shown} is not in the ${flavourLabel(flavour)} schema${other}, so field ` +
		'names are not checked against its columns.';
	return [makeDiagnostic(source, 'translate', 'translate_table_outside_schema', 'info', text, at)];
}
