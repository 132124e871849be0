import type { Flavour } from '../core/index';

/**
 * The table names a flavour knows, sorted, for the table override's suggestions. Accepts the
 * flavour's `tables` as a list of names or as a map keyed by name.
 */
export function tableNames(flavour: Flavour | undefined): string[] {
	const tables: unknown = flavour?.tables;
	let names: string[] = [];
	if (Array.isArray(tables)) names = tables.filter((t): t is string => typeof t === 'string');
	else if (tables instanceof Map) names = [...tables.keys()].map(String);
	else if (tables && typeof tables === 'object') names = Object.keys(tables);
	return [...new Set(names)].sort();
}
