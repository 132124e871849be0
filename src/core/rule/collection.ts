import {
	mapGet,
	pyTypeName,
	type YamlDocument,
	type YamlEntry,
	type YamlMap,
	type YamlNode
} from '../yaml/yaml-tree';
import type { Range } from '../source';
import { Problems } from './problem';

/**
 * pySigma's `SigmaCollection.from_dicts`: classifies YAML documents into rules, correlations and
 * filters, and applies the `action: global | reset | repeat` templating.
 */

/** A document to build, after collection actions. `map` may merge several documents. */
export interface CollectionUnit {
	kind: 'rule' | 'correlation' | 'filter';
	map: YamlMap;
	/** 1-based document number, as pySigma counts in its messages. */
	docNumber: number;
	range: Range;
}

/** Non-rule documents (templates, resets), for the document list. */
export interface ActionDocument {
	docNumber: number;
	range: Range;
}

/** The units in document order, the problems met on the way, and template documents. */
export interface Collection {
	units: CollectionUnit[];
	problems: Problems;
	actions: ActionDocument[];
	/** Documents that are not maps, in order; pySigma crashes on the first one. */
	badDocuments: number[];
}

/** Runs pySigma's collection-level pass over the documents of a stream. */
export function collect(documents: readonly YamlDocument[]): Collection {
	const problems = new Problems(0);
	const units: CollectionUnit[] = [];
	const actions: ActionDocument[] = [];
	const badDocuments: number[] = [];
	let global: YamlMap | null = null;
	let previous: YamlMap | null = null;
	documents.forEach((doc, index) => {
		const docNumber = index + 1;
		const root = doc.root;
		if (root === null || root.kind !== 'map') {
			const type = root === null ? 'NoneType' : pyTypeName(root).slice(8, -2);
			badDocuments.push(docNumber);
			problems.error(
				'document_not_map',
				root === null
					? 'This YAML document is empty; remove the extra `---`.'
					: 'A Sigma document must be a map.',
				doc.range,
				'AttributeError',
				`'${type}' object has no attribute 'get'`,
				true
			);
			return;
		}
		const action = mapGet(root, 'action');
		const actionValue =
			action && !(action.value.kind === 'scalar' && action.value.type === 'null')
				? action.value
				: null;
		if (actionValue === null) {
			if (mapGet(root, 'correlation'))
				units.push({ kind: 'correlation', map: root, docNumber, range: doc.range });
			else if (mapGet(root, 'filter'))
				units.push({ kind: 'filter', map: root, docNumber, range: doc.range });
			else {
				const merged = global ? deepMerge(root, global) : root;
				units.push({ kind: 'rule', map: merged, docNumber, range: doc.range });
				previous = merged;
			}
			return;
		}
		const name = actionValue.kind === 'scalar' ? String(actionValue.value) : '';
		if (actionValue.kind === 'scalar' && actionValue.type === 'str' && name === 'global') {
			global = withoutKey(root, 'action');
			previous = global;
			actions.push({ docNumber, range: doc.range });
		} else if (actionValue.kind === 'scalar' && actionValue.type === 'str' && name === 'reset') {
			global = null;
			actions.push({ docNumber, range: doc.range });
		} else if (actionValue.kind === 'scalar' && actionValue.type === 'str' && name === 'repeat') {
			previous = previous ? deepMerge(previous, root) : root;
			units.push({ kind: 'rule', map: previous, docNumber, range: doc.range });
		} else {
			const shown = actionValue.kind === 'scalar' ? pyText(actionValue) : '...';
			problems.error(
				'collection_action_unknown',
				`Unknown collection action '${shown}'; use global, reset or repeat.`,
				action!.range,
				'SigmaCollectionError',
				`Unknown Sigma collection action '${shown}' in rule ${docNumber}`
			);
		}
	});
	return { units, problems, actions, badDocuments };
}

function pyText(n: YamlNode): string {
	if (n.kind !== 'scalar') return '';
	if (n.type === 'bool') return n.value ? 'True' : 'False';
	if (n.type === 'int' && n.big !== undefined) return n.big.toString();
	return n.text;
}

function withoutKey(map: YamlMap, key: string): YamlMap {
	const entries = map.entries.filter((e) => !(e.key.kind === 'scalar' && e.key.value === key));
	return { ...map, entries };
}

/** pySigma's `deep_dict_update(dest, src)`: `src` wins; maps merge recursively. */
function deepMerge(dest: YamlMap, src: YamlMap): YamlMap {
	const entries: YamlEntry[] = [...dest.entries];
	for (const e of src.entries) {
		const at = entries.findIndex((d) => sameKey(d.key, e.key));
		if (e.value.kind === 'map') {
			const base =
				at >= 0 && entries[at].value.kind === 'map' ? (entries[at].value as YamlMap) : null;
			const value = deepMerge(base ?? { ...e.value, entries: [] }, e.value);
			if (at >= 0) entries[at] = { key: entries[at].key, value, range: e.range };
			else entries.push({ key: e.key, value, range: e.range });
		} else if (at >= 0) entries[at] = { key: entries[at].key, value: e.value, range: e.range };
		else entries.push(e);
	}
	return { kind: 'map', entries, duplicates: [], range: dest.range };
}

function sameKey(a: YamlNode, b: YamlNode): boolean {
	return a.kind === 'scalar' && b.kind === 'scalar' && a.type === b.type && a.value === b.value;
}
