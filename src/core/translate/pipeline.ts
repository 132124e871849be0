import type { SigmaRule, SigmaValue } from '../rule/model';
import type { Range } from '../source';
import type { FieldMapping, FlavourData, PipelineStep } from './flavours/flavour-data';
import { eventIdCategories } from './flavours/flavour-data';
import { flavourData, tableColumns, type FlavourId } from './flavours/index';
import { Refusal } from './refusal';
import {
	basename,
	pyInt,
	registryEventType,
	replacePrefix,
	splitHashes,
	splitUser
} from './value-transforms';
import { forEachItem, replaceItems, type WorkDetection, type WorkItem } from './work-tree';

/**
 * Runs a flavour's processing pipeline on a rule's working detections, the way the reference's
 * `ProcessingPipeline.apply` does: choose the table, then each step in order, then validate field
 * names against the table's schema.
 */

const TABLE_ERROR =
	'Unable to determine table name from rule.  The query table is determined in the following order of priority:\n' +
	"  1) The value provided to processing pipeline's query_table parameter, if using a Python script.\n" +
	'  2) If the query_table is already set in the pipeline state, such as from a custom user-defined pipeline if using sigma-cli.\n' +
	"  3) If the rule's logsource category is present in the pipeline's category_to_table_mappings dictionary in mappings.py, use that value.\n" +
	"  4) If the rule has an EventID, use the table name from the pipeline's eventid_to_table_mappings dictionary in mappings.py.\n" +
	'For more details, see https://github.com/AttackIQ/pySigma-backend-kusto/blob/main/README.md#%EF%B8%8F-custom-table-names-new-in-030-beta.';

/** The result of running the pipeline: the query table, and whether its schema is still loading. */
export interface PipelineResult {
	table: string;
	schemaPending: boolean;
}

function eventIdTable(id: number, d: FlavourData): string {
	for (const [category, ids] of eventIdCategories) {
		if (ids.includes(id)) return d.eventIdTables[category] ?? '';
	}
	return '';
}

/** First table found from an EventID/EventCode item (nested groups are searched but not used). */
function scanEventIds(det: WorkDetection, d: FlavourData): string | null {
	for (const i of det.items) {
		if (i.kind === 'detection') {
			scanEventIds(i, d);
			continue;
		}
		if (i.field !== 'EventID' && i.field !== 'EventCode') continue;
		for (const v of i.values) {
			const table = eventIdTable(pyInt(v, i), d);
			if (table) return table;
		}
	}
	return null;
}

function chooseTable(
	rule: SigmaRule,
	dets: Map<string, WorkDetection>,
	d: FlavourData,
	queryTable: string | undefined
): string {
	let table: string | null | undefined = queryTable;
	if (!table) {
		if (rule.logsource.category) table = d.categoryTables[rule.logsource.category];
		else {
			for (const [name, det] of dets) {
				if (!name.toLowerCase().startsWith('sel')) continue;
				table = scanEventIds(det, d);
				if (table) break;
			}
		}
	}
	if (!table) {
		const range = rule.logsource.range;
		throw new Refusal('SigmaTransformationError', TABLE_ERROR, range, 'translate_table_unknown');
	}
	return table;
}

function fieldrefFields(item: WorkItem): string[] {
	const out: string[] = [];
	for (const v of item.values) if (v.type === 'fieldref') out.push(v.field);
	return out;
}

/** pySigma's field name condition on an item: its field, or a field referenced by a value. */
function itemHasField(item: WorkItem, fields: readonly string[]): boolean {
	if (item.field !== null && fields.includes(item.field)) return true;
	return fieldrefFields(item).some((f) => fields.includes(f));
}

/** pySigma `FieldMappingTransformation` on one item. */
function mapItem(
	item: WorkItem,
	mapping: FieldMapping,
	marks: boolean
): WorkItem | WorkDetection | undefined {
	let refMatched = false;
	if (item.values.some((v) => v.type === 'fieldref')) {
		const values: SigmaValue[] = [];
		for (const v of item.values) {
			if (v.type !== 'fieldref') {
				values.push(v);
				continue;
			}
			const target = Object.hasOwn(mapping, v.field) ? mapping[v.field] : undefined;
			const fields =
				target === undefined ? [v.field] : typeof target === 'string' ? [target] : target;
			for (const f of fields) values.push({ ...v, field: f });
		}
		item.values = values;
		refMatched = true;
	}
	const target =
		item.field !== null && Object.hasOwn(mapping, item.field) ? mapping[item.field] : undefined;
	if (target === undefined) {
		if (refMatched && marks) item.tableMapped = true;
		return refMatched ? item : undefined;
	}
	if (typeof target === 'string') {
		item.field = target;
		if (marks) item.tableMapped = true;
		return item;
	}
	return {
		kind: 'detection',
		linking: 'or',
		items: target.map((f) => ({ ...item, field: f, tableMapped: marks || item.tableMapped }))
	};
}

function categoryAllows(rule: SigmaRule, unless: string): boolean {
	return rule.logsource.category !== unless;
}

function runStep(
	step: PipelineStep,
	rule: SigmaRule,
	table: string,
	d: FlavourData,
	det: WorkDetection
): void {
	switch (step.kind) {
		case 'drop':
			if (step.category !== undefined && rule.logsource.category !== step.category) return;
			replaceItems(det, (i) => (itemHasField(i, step.fields) ? null : undefined));
			return;
		case 'tableMap': {
			const mapping = d.tableMappings[table] ?? {};
			replaceItems(det, (i) => mapItem(i, mapping, true));
			return;
		}
		case 'genericMap':
			forEachItem(det, (i) => {
				if (!i.tableMapped && i.field !== null && Object.hasOwn(d.genericMappings, i.field)) {
					i.field = d.genericMappings[i.field];
				}
			});
			return;
		case 'map':
			if (!categoryAllows(rule, step.unlessCategory)) return;
			replaceItems(det, (i) => mapItem(i, step.mapping, false));
			return;
		case 'basename':
			if (!categoryAllows(rule, step.unlessCategory)) return;
			forEachItem(det, (i) => {
				if (itemHasField(i, step.fields)) i.values = i.values.map((v) => basename(v, i));
			});
			return;
		case 'prefix':
			forEachItem(det, (i) => {
				if (!itemHasField(i, step.fields)) return;
				i.values = i.values.map((v) => replacePrefix(v, step.prefix, step.replacement) ?? v);
			});
			return;
		case 'registryEventType':
			forEachItem(det, (i) => {
				if (!itemHasField(i, step.fields)) return;
				i.values = i.values.flatMap((v) => registryEventType(v, i));
			});
			return;
		case 'splitUser':
			replaceItems(det, (i) =>
				itemHasField(i, step.fields) ? splitUser(i, step.domainFields) : undefined
			);
			return;
		case 'hashes': {
			if (step.table !== undefined && (table === step.table) === Boolean(step.negate)) return;
			replaceItems(det, (i) => (itemHasField(i, step.fields) ? splitHashes(i, step) : undefined));
			return;
		}
	}
}

const validFieldCache = new Map<string, { fields: Set<string>; listing: string | null }>();

function validFields(flavour: FlavourId, table: string, columns: ReadonlySet<string>) {
	const key = flavour + '\u0000' + table;
	let entry = validFieldCache.get(key);
	if (!entry) {
		const d = flavourData(flavour);
		const fields = new Set(columns);
		for (const f of Object.keys(d.tableMappings[table] ?? {})) fields.add(f);
		for (const f of Object.keys(d.genericMappings)) fields.add(f);
		fields.add('Hashes');
		entry = { fields, listing: null };
		validFieldCache.set(key, entry);
	}
	return entry;
}

function codePointCompare(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

function validate(
	flavour: FlavourId,
	table: string,
	dets: Map<string, WorkDetection>,
	columns: ReadonlySet<string>
): void {
	const entry = validFields(flavour, table, columns);
	let bad: { field: string; range: Range } | null = null;
	for (const det of dets.values()) {
		forEachItem(det, (i) => {
			if (bad || i.field === null) return;
			const invalid =
				!entry.fields.has(i.field) || fieldrefFields(i).some((f) => !entry.fields.has(f));
			if (invalid) bad = { field: i.field, range: i.keyRange };
		});
		if (bad) break;
	}
	if (!bad) return;
	const found: { field: string; range: Range } = bad;
	entry.listing ??= [...entry.fields].sort(codePointCompare).join(', ');
	const word = flavourData(flavour).mappingWord;
	throw new Refusal(
		'SigmaTransformationError',
		`Invalid SigmaDetectionItem field name encountered: ${found.field}. Please use valid fields for the ${table} table, or the following fields that have ${word} in this pipeline:\n${entry.listing}`,
		found.range,
		'translate_field_invalid'
	);
}

/** Applies the flavour's pipeline to the detections in place and returns the chosen table. */
export function applyPipeline(
	rule: SigmaRule,
	dets: Map<string, WorkDetection>,
	flavour: FlavourId,
	queryTable: string | undefined
): PipelineResult {
	const d = flavourData(flavour);
	const table = chooseTable(rule, dets, d, queryTable);
	for (const step of d.steps) {
		for (const det of dets.values()) runStep(step, rule, table, d, det);
	}
	const cols = tableColumns(flavour, table);
	if (cols.kind === 'pending') return { table, schemaPending: true };
	if (cols.kind === 'known') validate(flavour, table, dets, cols.columns);
	return { table, schemaPending: false };
}
