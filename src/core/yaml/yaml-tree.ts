import type { ReferenceError } from '../diagnostics';
import type { Range } from '../source';

/**
 * A YAML document as a tree of positioned nodes. Scalars are typed the way PyYAML's safe loader
 * types them (YAML 1.1), because that is what pySigma sees.
 */

/** The Python type PyYAML constructs for a scalar. */
export type PyScalarType =
	'str' | 'int' | 'float' | 'bool' | 'null' | 'date' | 'datetime' | 'bytes';

/** How a scalar was written. */
export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';

export interface YamlScalar {
	kind: 'scalar';
	type: PyScalarType;
	/** The constructed value: the decoded text for strings, dates and binaries. */
	value: string | number | boolean | null;
	/** The exact integer, for `int` scalars (Python integers are unbounded). */
	big?: bigint;
	/** The decoded scalar text before typing. */
	text: string;
	style: ScalarStyle;
	/** The scalar as written, quotes included. */
	range: Range;
	/** Where the decoded text starts (inside the quotes) and ends. */
	valueFrom: number;
	valueTo: number;
}

export interface YamlSeq {
	kind: 'seq';
	items: YamlNode[];
	range: Range;
}

/** One `key: value` pair; `range` spans both. */
export interface YamlEntry {
	key: YamlNode;
	value: YamlNode;
	range: Range;
}

export interface YamlMap {
	kind: 'map';
	/**
	 * The pairs as Python's dict holds them: a repeated key keeps its first position and takes the
	 * last value (`duplicates` lists the repeated ones).
	 */
	entries: YamlEntry[];
	duplicates: YamlEntry[];
	range: Range;
}

export type YamlNode = YamlScalar | YamlSeq | YamlMap;

/** The Python type name of a node, as `type(v)` prints it (`<class 'dict'>`). */
export function pyTypeName(node: YamlNode): string {
	if (node.kind === 'map') return "<class 'dict'>";
	if (node.kind === 'seq') return "<class 'list'>";
	switch (node.type) {
		case 'null':
			return "<class 'NoneType'>";
		case 'date':
			return "<class 'datetime.date'>";
		case 'datetime':
			return "<class 'datetime.datetime'>";
		default:
			return `<class '${node.type}'>`;
	}
}

/** The value of the map entry whose key is the string `key`, or undefined. */
export function mapGet(map: YamlMap, key: string): YamlEntry | undefined {
	for (const e of map.entries) {
		if (e.key.kind === 'scalar' && e.key.type === 'str' && e.key.value === key) return e;
	}
	return undefined;
}

/** True for a string scalar. */
export function isStr(node: YamlNode | undefined): node is YamlScalar & { value: string } {
	return node !== undefined && node.kind === 'scalar' && node.type === 'str';
}

/** One YAML document of a stream. `root` is null for an empty document. */
export interface YamlDocument {
	root: YamlNode | null;
	range: Range;
}

/** A problem found while loading YAML. */
export interface YamlProblem {
	code: string;
	severity: 'error' | 'warning';
	message: string;
	range: Range;
	reference?: ReferenceError;
}
