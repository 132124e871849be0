import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { repoRoot, sharedDir } from './shared';

/**
 * Checks KQL with Microsoft's own parser and binder, Kusto.Language, as published in
 * `@kusto/language-service-next` (a Bridge.NET build of the C# library). The library is loaded
 * once, on the first check, into Node's global scope (it defines `Bridge`, `System` and `Kusto`);
 * each flavour's tables become a database of a GlobalState that is also built once.
 */

/** The three KQL flavours whose schemas live in `<shared>/schemas/<flavour>.json`. */
export type KqlFlavour = 'sentinel_asim' | 'microsoft_xdr' | 'azure_monitor';

/** One problem in a query: a Kusto diagnostic code (`KS142`) or one of ours (`literal_operand`). */
export interface KqlError {
	code: string;
	message: string;
	/** UTF-16 offsets into the query, half-open. */
	start: number;
	end: number;
}

/** What a check found: errors, and the table columns the query refers to, in order of use. */
export interface KqlCheck {
	errors: KqlError[];
	columns: string[];
}

/** The Kusto scalar type names this checker gives to schema columns. */
export type KustoScalar =
	'string' | 'bool' | 'int' | 'long' | 'real' | 'datetime' | 'dynamic' | 'guid';

/**
 * Maps a schema type as Microsoft's documentation spells it to a Kusto scalar type. Spellings of
 * the same type differ between the three documentation sets (`Boolean`, `bool`; `Integer`,
 * `int`; `Date/time`, `datetime`); ASIM's logical types (`IP address`, `Hostname`, `Enumerated`,
 * `SHA256`, `City`, ...) are strings, its coordinates reals. Anything unrecognised is a string,
 * which is also what an empty type cell (ASIM aliases) stands for.
 */
export function kustoScalarType(docType: string): KustoScalar {
	const t = docType.trim().toLowerCase();
	if (t === 'bool' || t === 'boolean') return 'bool';
	if (t === 'int' || t === 'integer') return 'int';
	if (t === 'long' || t === 'bigint') return 'long';
	if (t === 'real' || t === 'double' || t === 'latitude' || t === 'longitude') return 'real';
	if (t === 'datetime' || t === 'date/time') return 'datetime';
	if (t === 'dynamic') return 'dynamic';
	if (t === 'guid') return 'guid';
	return 'string';
}

// The handful of Kusto.Language members used here, typed structurally: the package's own
// declarations (1.7 MB) would slow every type check of the project.
interface KList<T> {
	Count: number;
	getItem(i: number): T;
}
interface KDiagnostic {
	Code: string;
	Severity: string;
	Message: string;
	Start: number;
	Length: number;
}
interface KNode {
	Kind: number;
	TextStart: number;
	Width: number;
	Left?: KNode;
	SimpleName?: string;
	ReferencedSymbol?: { Kind: number; Name: string } | null;
	Name?: KNode;
	ArgumentList?: { Expressions: KList<{ Element$1: KNode }> };
	ToString(kind?: number): string;
}
interface KCode {
	Syntax: KNode;
	GetDiagnostics(): KList<KDiagnostic>;
}
interface KustoLanguage {
	KustoCode: { ParseAndAnalyze(text: string, globals: unknown): KCode };
	GlobalState: { Default: { WithDatabase(db: unknown): unknown } };
	Syntax: {
		SyntaxKind: Record<string, number>;
		SyntaxElement: { WalkNodes(root: KNode, before: (node: KNode) => void): void };
	};
	Symbols: {
		ScalarTypes: Record<string, unknown>;
		SymbolKind: Record<string, number>;
		ColumnSymbol: new (...args: unknown[]) => unknown;
		TableSymbol: { $ctor4: new (name: string, columns: unknown[]) => unknown };
		DatabaseSymbol: { ctor: new (name: string, members: unknown[]) => unknown };
	};
}

const scalarTypeNames: Record<KustoScalar, string> = {
	string: 'String',
	bool: 'Bool',
	int: 'Int',
	long: 'Long',
	real: 'Real',
	datetime: 'DateTime',
	dynamic: 'Dynamic',
	guid: 'Guid'
};

// Functions whose first argument the reference fills with a field name.
const fieldFunctions = new Set([
	'isnull',
	'isnotnull',
	'isempty',
	'isnotempty',
	'ipv4_is_in_range'
]);

let kusto: KustoLanguage | null = null;
const globalsByFlavour = new Map<KqlFlavour, unknown>();
const cache = new Map<string, KqlCheck>();

function loadKusto(): KustoLanguage {
	if (kusto) return kusto;
	const require = createRequire(import.meta.url);
	require('@kusto/language-service-next/bridge.js');
	require('@kusto/language-service-next/Kusto.Language.Bridge.js');
	kusto = (globalThis as unknown as { Kusto: { Language: KustoLanguage } }).Kusto.Language;
	return kusto;
}

interface SchemaFile {
	tables: Record<string, Record<string, string>>;
	common_columns?: Record<string, string>;
}

/**
 * Reads a flavour's schema from the shared folder, or, when that folder has no schemas/ (a corpus
 * of other rules given with SIGMA_SHARED), from the default `../shared`; throws when neither has.
 */
export function loadSchema(flavour: KqlFlavour): SchemaFile {
	const dirs = [sharedDir(), resolve(repoRoot, '../shared')].filter((d) => d !== null);
	const dir = dirs.find((d) => existsSync(join(d, 'schemas')));
	if (!dir) throw new Error('The shared folder with schemas/ is missing.');
	return JSON.parse(readFileSync(join(dir, 'schemas', `${flavour}.json`), 'utf8')) as SchemaFile;
}

function globalsFor(flavour: KqlFlavour): unknown {
	const known = globalsByFlavour.get(flavour);
	if (known) return known;
	const k = loadKusto();
	const s = k.Symbols;
	const schema = loadSchema(flavour);
	const tables = Object.entries(schema.tables).map(([name, own]) => {
		const columns = Object.entries({ ...schema.common_columns, ...own }).map(([column, type]) => {
			const scalar = s.ScalarTypes[scalarTypeNames[kustoScalarType(type)]];
			return new s.ColumnSymbol(column, scalar, null, null, null, null);
		});
		return new s.TableSymbol.$ctor4(name, columns);
	});
	const globals = k.GlobalState.Default.WithDatabase(new s.DatabaseSymbol.ctor(flavour, tables));
	globalsByFlavour.set(flavour, globals);
	return globals;
}

/**
 * Parses and binds one query against the flavour's tables and returns its errors (warnings and
 * suggestions of the library are left out) and the columns it uses. Besides Kusto's own
 * diagnostics it reports `literal_operand` where a string literal stands where a column belongs
 * (`'c-uri' =~ "x"` compares two constants in KQL). Results are cached per flavour and query, so
 * checking the same text twice costs nothing. The first call loads the library (about a second)
 * and the first query of a process takes another second or two to warm up.
 */
export function checkKql(query: string, flavour: KqlFlavour): KqlCheck {
	const key = `${flavour}\u0000${query}`;
	const cached = cache.get(key);
	if (cached) return cached;
	const k = loadKusto();
	const code = k.KustoCode.ParseAndAnalyze(query, globalsFor(flavour));
	const errors: KqlError[] = [];
	const diagnostics = code.GetDiagnostics();
	for (let i = 0; i < diagnostics.Count; i++) {
		const d = diagnostics.getItem(i);
		if (d.Severity !== 'Error') continue;
		errors.push({ code: d.Code, message: d.Message, start: d.Start, end: d.Start + d.Length });
	}
	const columns: string[] = [];
	const kinds = k.Syntax.SyntaxKind;
	const columnKind = k.Symbols.SymbolKind.Column;
	const logical = new Set([kinds.AndExpression, kinds.OrExpression]);
	const literal = (node: KNode | undefined) =>
		node !== undefined && node.Kind === kinds.StringLiteralExpression;
	const flagLiteral = (node: KNode) =>
		errors.push({
			code: 'literal_operand',
			message: `The operand ${node.ToString(0).trim()} is a string literal, not a column.`,
			start: node.TextStart,
			end: node.TextStart + node.Width
		});
	k.Syntax.SyntaxElement.WalkNodes(code.Syntax, (node) => {
		if (node.Kind === kinds.NameReference && node.ReferencedSymbol?.Kind === columnKind) {
			if (!columns.includes(node.ReferencedSymbol.Name)) columns.push(node.ReferencedSymbol.Name);
		} else if (literal(node.Left) && !logical.has(node.Kind)) {
			flagLiteral(node.Left as KNode);
		} else if (node.Kind === kinds.FunctionCallExpression && node.ArgumentList) {
			const args = node.ArgumentList.Expressions;
			const first = args.Count > 0 ? args.getItem(0).Element$1 : undefined;
			if (fieldFunctions.has(node.Name?.SimpleName ?? '') && first && literal(first)) {
				flagLiteral(first);
			}
		}
	});
	errors.sort((a, b) => a.start - b.start);
	const result = { errors, columns };
	cache.set(key, result);
	return result;
}
