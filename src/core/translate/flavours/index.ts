import { azureMonitor } from './azure-monitor';
import type { ColumnKind } from '../kql-validity';
import type { FlavourData } from './flavour-data';
import { microsoftXdr } from './microsoft-xdr';
import {
	azureMonitorCoreColumns,
	azureMonitorTableNames
} from './schemas/azure-monitor-core-columns';
import { microsoftXdrColumns } from './schemas/microsoft-xdr-columns';
import { sentinelAsimColumns, sentinelAsimCommonColumns } from './schemas/sentinel-asim-columns';
import { sentinelAsim } from './sentinel-asim';

/** The KQL flavours: one processing pipeline of the reference converter each. */
export type FlavourId = 'sentinel_asim' | 'microsoft_xdr' | 'azure_monitor';

/** A flavour as pickers and the CLI show it. */
export interface Flavour {
	id: FlavourId;
	label: string;
	/** Every table of the flavour's schema (candidates for a custom query table). */
	tables: string[];
}

const data: Record<FlavourId, FlavourData> = {
	sentinel_asim: sentinelAsim,
	microsoft_xdr: microsoftXdr,
	azure_monitor: azureMonitor
};

const columnSources: Record<FlavourId, Record<string, string>> = {
	sentinel_asim: { ...sentinelAsimColumns },
	microsoft_xdr: { ...microsoftXdrColumns },
	azure_monitor: { ...azureMonitorCoreColumns }
};

const allTables: Record<FlavourId, string[]> = {
	sentinel_asim: Object.keys(sentinelAsimColumns),
	microsoft_xdr: Object.keys(microsoftXdrColumns),
	azure_monitor: azureMonitorTableNames.split(',')
};
const knownTables: Record<FlavourId, Set<string>> = {
	sentinel_asim: new Set(allTables.sentinel_asim),
	microsoft_xdr: new Set(allTables.microsoft_xdr),
	azure_monitor: new Set(allTables.azure_monitor)
};

/** The three flavours, in the order the UI lists them. */
export const flavours: readonly Flavour[] = [
	{ id: 'sentinel_asim', label: 'Microsoft Sentinel (ASIM)', tables: allTables.sentinel_asim },
	{ id: 'microsoft_xdr', label: 'Microsoft Defender XDR', tables: allTables.microsoft_xdr },
	{ id: 'azure_monitor', label: 'Azure Monitor', tables: allTables.azure_monitor }
];

/** True when `s` names a flavour. */
export function isFlavourId(s: string): s is FlavourId {
	return s === 'sentinel_asim' || s === 'microsoft_xdr' || s === 'azure_monitor';
}

/** The flavours whose schema has a table of this name, in the order the UI lists them. */
export function flavoursWithTable(table: string): FlavourId[] {
	return flavours.filter((f) => knownTables[f.id].has(table)).map((f) => f.id);
}

/** The mapping and processing data of a flavour. */
export function flavourData(id: FlavourId): FlavourData {
	return data[id];
}

/** What the translator knows about a table's columns. */
export type TableColumns =
	/** The table is in the flavour's schema: its own column names, and the kind of every column. */
	| { kind: 'known'; columns: ReadonlySet<string>; kinds: ReadonlyMap<string, ColumnKind> }
	/** The table is in the schema but its column list has not been loaded yet. */
	| { kind: 'pending' }
	/** A custom table: the reference does not validate field names for it. */
	| { kind: 'custom' };

const kindLetters: Record<string, ColumnKind> = {
	n: 'number',
	b: 'bool',
	t: 'datetime',
	d: 'dynamic',
	g: 'guid'
};

/** Reads a compact column list (`name` or `name:kind`) into the kind of every column. */
function readKinds(text: string, into: Map<string, ColumnKind>): void {
	for (const entry of text.split(',')) {
		const colon = entry.lastIndexOf(':');
		if (colon < 0) into.set(entry, 'string');
		else into.set(entry.slice(0, colon), kindLetters[entry.slice(colon + 1)] ?? 'string');
	}
}

const columnCache = new Map<string, TableColumns & { kind: 'known' }>();

/**
 * The columns of a table, parsed once and cached. `columns` holds the table's own columns, which
 * the reference validates against; `kinds` also holds the columns every ASIM table has.
 */
export function tableColumns(id: FlavourId, table: string): TableColumns {
	if (!knownTables[id].has(table)) return { kind: 'custom' };
	const key = id + '\u0000' + table;
	let known = columnCache.get(key);
	if (!known) {
		const text = columnSources[id][table];
		if (text === undefined) return { kind: 'pending' };
		const own = new Map<string, ColumnKind>();
		readKinds(text, own);
		const kinds = new Map<string, ColumnKind>();
		// A table's own column wins over a common one of the same name, as in Microsoft's parser.
		if (id === 'sentinel_asim') readKinds(sentinelAsimCommonColumns, kinds);
		for (const [name, kind] of own) kinds.set(name, kind);
		known = { kind: 'known', columns: new Set(own.keys()), kinds };
		columnCache.set(key, known);
	}
	return known;
}

let fullAzureMonitor: Promise<void> | null = null;

/**
 * Loads every table's column list of a flavour. Only Azure Monitor's ~700 tables are split off
 * (the tables rules reach by logsource are always present); the other flavours resolve at once.
 */
export function loadFlavourSchemas(id: FlavourId): Promise<void> {
	if (id !== 'azure_monitor') return Promise.resolve();
	fullAzureMonitor ??= import('./schemas/azure-monitor-all-columns').then((m) => {
		Object.assign(columnSources.azure_monitor, m.azureMonitorAllColumns);
	});
	return fullAzureMonitor;
}

/**
 * Maps a flavour's KQL column names back to the Sigma field names that translate to them, for
 * events exported from Sentinel or Defender. With a table, only that table's mapping (plus the
 * generic one) counts; with null, every table of the flavour does.
 */
export function columnToSigmaFields(id: FlavourId, table: string | null): Map<string, string[]> {
	const d = data[id];
	const out = new Map<string, string[]>();
	const add = (column: string, field: string) => {
		const list = out.get(column);
		if (!list) out.set(column, [field]);
		else if (!list.includes(field)) list.push(field);
	};
	const mappings = table === null ? Object.values(d.tableMappings) : [d.tableMappings[table] ?? {}];
	for (const m of mappings) {
		for (const [field, target] of Object.entries(m)) {
			for (const column of typeof target === 'string' ? [target] : target) add(column, field);
		}
	}
	for (const [field, column] of Object.entries(d.genericMappings)) add(column, field);
	for (const step of d.steps) {
		if (step.kind !== 'map') continue;
		for (const [field, target] of Object.entries(step.mapping)) {
			for (const column of typeof target === 'string' ? [target] : target) add(column, field);
		}
	}
	return out;
}
