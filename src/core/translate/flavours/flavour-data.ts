/**
 * The shape of a flavour's data: which table a rule goes to, how Sigma field names map to the
 * table's columns, and which processing steps run in which order. One generic translator reads
 * it; a flavour holds no code of its own.
 */

/** A Sigma field mapped to one column, or to several columns OR-ed together. */
export type FieldTarget = string | readonly string[];

/** Field mappings keyed by Sigma field name. */
export type FieldMapping = Readonly<Record<string, FieldTarget>>;

/** One processing step, in the order the reference pipeline runs them. */
export type PipelineStep =
	/** Delete items on these fields (only in rules of `category` when set). */
	| { kind: 'drop'; fields: readonly string[]; category?: string }
	/** Rename fields with the chosen table's mapping. */
	| { kind: 'tableMap' }
	/** Rename fields the table mapping left alone with the generic mapping. */
	| { kind: 'genericMap' }
	/** Rename fields with a fixed mapping, in rules whose category is not `unlessCategory`. */
	| { kind: 'map'; mapping: FieldMapping; unlessCategory: string }
	/** Keep only the last path segment of values, in rules whose category is not `unlessCategory`. */
	| { kind: 'basename'; fields: readonly string[]; unlessCategory: string }
	/** Rewrite a case-insensitive prefix of the plain text of values. */
	| { kind: 'prefix'; fields: readonly string[]; prefix: string; replacement: string }
	/** Replace Sysmon registry event type names by the table's action names. */
	| { kind: 'registryEventType'; fields: readonly string[] }
	/** Split `DOMAIN\user` values into a user and a domain comparison. */
	| { kind: 'splitUser'; fields: readonly string[]; domainFields: Readonly<Record<string, string>> }
	/** Split `ALGO=hash` values into one field per algorithm. */
	| {
			kind: 'hashes';
			fields: readonly string[];
			/** Runs only when the table is (or, with `negate`, is not) this one. */
			table?: string;
			negate?: boolean;
			algorithms: readonly string[];
			prefix: string;
			/** Every value goes to `prefix` itself, whatever its algorithm. */
			dropAlgorithm?: boolean;
	  };

/** Everything the translator needs to know about one flavour. */
export interface FlavourData {
	/** Logsource category → table. */
	categoryTables: Readonly<Record<string, string>>;
	/** Event-ID category (see `eventIdCategories`) → table. */
	eventIdTables: Readonly<Record<string, string>>;
	/** Table → field mapping. */
	tableMappings: Readonly<Record<string, FieldMapping>>;
	/** Mapping applied to fields no table mapping renamed. */
	genericMappings: Readonly<Record<string, string>>;
	/** Processing steps after the table is chosen, before field validation. */
	steps: readonly PipelineStep[];
	/** The word the field validation error uses ("fieldmappings" or "keymappings"). */
	mappingWord: string;
}

/** Event IDs by category; the first category listing an ID wins. */
export const eventIdCategories: readonly (readonly [string, readonly number[]])[] = [
	['process', [1, 5, 10, 25, 4688, 4689, 4696]],
	['logon', [4624, 4625, 4634, 4647, 4648, 4778, 4779, 4800, 4801, 4802, 4803]],
	['registry', [4656, 4657, 4658, 4659, 4660, 4661, 4662, 4663, 12, 13, 14]],
	['file', [2, 11, 15, 23, 26, 27, 28, 29, 4656, 4658, 4660, 4663]],
	['network', [3, 22, 5140, 5145, 5156, 5157, 5158, 5159]],
	['image_load', [7]],
	['pipe', [17, 18]],
	['wmi', [19, 20, 21]],
	['service', [4697, 4698, 4699, 4700, 4701, 4702]],
	['account', [4720, 4722, 4723, 4724, 4725, 4726, 4738, 4740, 4767]]
];

/** The registry key prefix rewrites shared by all flavours, in the order they run. */
export function registryPrefixSteps(
	currentControlSetFields: readonly string[],
	fields: readonly string[]
): PipelineStep[] {
	return [
		{
			kind: 'prefix',
			fields: currentControlSetFields,
			prefix: 'HKLM\\SYSTEM\\CurrentControlSet',
			replacement: 'HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet001'
		},
		{ kind: 'prefix', fields, prefix: 'HKLM', replacement: 'HKEY_LOCAL_MACHINE' },
		{ kind: 'prefix', fields, prefix: 'HKU', replacement: 'HKEY_USERS' },
		{ kind: 'prefix', fields, prefix: 'HKCR', replacement: 'HKEY_LOCAL_MACHINE\\CLASSES' }
	];
}
