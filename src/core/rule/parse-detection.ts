import type { Range } from '../source';
import { scalarOffsets } from '../yaml/scalar-offsets';
import { pyTypeName, type YamlNode, type YamlScalar } from '../yaml/yaml-tree';
import type { Detection, DetectionItem, PlainValue, SigmaValue } from './model';
import { isModifier } from './modifier-table';
import { applyModifiers } from './modifiers';
import type { Problems } from './problem';
import { parseSigmaString, plainSigmaString } from './sigma-string';
import { pyScalarStr, pyStrRepr, sigmaNumber } from './values';

/**
 * Builds pySigma's `SigmaDetection` / `SigmaDetectionItem` structures from the YAML of one
 * selection (`SigmaDetection.from_definition`), reporting each problem where it sits.
 */
export class DetectionBuilder {
	constructor(
		private readonly source: string,
		private readonly problems: Problems
	) {}

	/** One named selection's definition: a map, a list, or a plain value. */
	detection(node: YamlNode): Detection {
		if (node.kind === 'map') {
			const items = node.entries.map((e) => this.#item(e.key, e.value, e.range));
			if (items.length === 0) this.#empty(node.range);
			return { kind: 'detection', items, linking: 'and', range: node.range };
		}
		if (node.kind === 'scalar' && isPlain(node)) {
			return {
				kind: 'detection',
				items: [this.#keyword([node], node.range)],
				linking: 'and',
				range: node.range
			};
		}
		if (node.kind === 'seq') {
			if (node.items.every((i) => i.kind === 'scalar' && isPlain(i))) {
				const item = this.#keyword(node.items as YamlScalar[], node.range);
				return { kind: 'detection', items: [item], linking: 'and', range: node.range };
			}
			const items = node.items.map((i) => this.detection(i));
			if (items.length === 0) this.#empty(node.range);
			return { kind: 'detection', items, linking: 'or', range: node.range };
		}
		const type = pyTypeName(node);
		this.problems.error(
			'detection_type_unsupported',
			`A selection cannot be a ${type.slice(8, -2)} value.`,
			node.range,
			'SigmaDetectionError',
			`Unsupported detection definition type: ${type}`
		);
		return { kind: 'detection', items: [], linking: 'and', range: node.range };
	}

	#empty(range: Range): void {
		this.problems.error(
			'detection_empty',
			'This selection is empty.',
			range,
			'SigmaDetectionError',
			'Detection is empty'
		);
	}

	#keyword(values: YamlScalar[], range: Range): DetectionItem {
		return this.#build(null, [], [], values, range, range);
	}

	#item(key: YamlNode, value: YamlNode, range: Range): DetectionItem {
		const values = value.kind === 'seq' ? value.items : [value];
		if (key.kind === 'scalar' && key.type === 'null') {
			return this.#build(null, [], [], values, range, key.range);
		}
		if (key.kind !== 'scalar' || key.type !== 'str') {
			const name =
				key.kind === 'scalar' ? pyTypeName(key).slice(8, -2) : pyTypeName(key).slice(8, -2);
			this.problems.error(
				'detection_key_invalid',
				'A field name must be a string; quote it.',
				key.range,
				'AttributeError',
				`'${name}' object has no attribute 'split'`,
				true
			);
			return this.#build(null, [], [], [], range, key.range);
		}
		const text = key.value as string;
		const at = scalarOffsets(this.source, key);
		const pieces = text.split('|');
		const modRanges: Range[] = [];
		let pos = pieces[0].length;
		for (let i = 1; i < pieces.length; i++) {
			const from = pos + 1;
			pos = from + pieces[i].length;
			modRanges.push({ from: at(from), to: at(pos) });
		}
		const field = pieces[0] === '' ? null : pieces[0];
		return this.#build(field, pieces.slice(1), modRanges, values, range, key.range);
	}

	#build(
		field: string | null,
		modifiers: string[],
		modRanges: Range[],
		nodes: YamlNode[],
		range: Range,
		keyRange: Range
	): DetectionItem {
		const item: DetectionItem = {
			kind: 'item',
			field,
			modifiers,
			values: [],
			linking: 'or',
			negated: false,
			raw: [],
			range,
			keyRange,
			valueRanges: []
		};
		const unknown = modifiers.findIndex((m) => !isModifier(m));
		if (unknown >= 0) {
			const id = modifiers[unknown];
			this.problems.error(
				'modifier_unknown',
				`Unknown modifier '${id}'.`,
				modRanges[unknown],
				'SigmaModifierError',
				`Unknown modifier ${pyStrRepr(id)}`
			);
			return item;
		}
		const hasRe = modifiers.includes('re');
		const initial: (SigmaValue | null)[] = [];
		let failed = false;
		for (const n of nodes) {
			const v = failed ? null : this.#initial(n, hasRe);
			if (v === null) failed = true;
			initial.push(v);
		}
		if (failed) {
			return item;
		}
		const result = applyModifiers(field, modifiers, initial);
		const failure = result.failures[0];
		if (failure) {
			const where =
				failure.valueIndex === null
					? modRanges[failure.modifierIndex]
					: nodes[failure.valueIndex].range;
			const escapes = failure.reference.type === 'IndexError';
			if (failure.reference.type === '')
				this.problems.note(failure.code, 'error', failure.message, where);
			else
				this.problems.error(
					failure.code,
					failure.message,
					where,
					failure.reference.type,
					failure.reference.message,
					escapes
				);
		}
		item.linking = result.linking;
		item.negated = result.negated;
		result.values.forEach((v, i) => {
			if (v === null) return;
			item.values.push(v);
			item.raw.push(rawOf(nodes[i]));
			item.valueRanges.push(nodes[i].range);
		});
		return item;
	}

	/** pySigma `sigma_type(v)` (or `SigmaString.from_str` under `re`); null after an error. */
	#initial(n: YamlNode, hasRe: boolean): SigmaValue | null {
		if (n.kind !== 'scalar') {
			const type = pyTypeName(n);
			this.problems.error(
				'value_type_unsupported',
				`A value cannot be a ${n.kind === 'map' ? 'map' : 'nested list'}.`,
				n.range,
				'SigmaTypeError',
				`Unsupported type: ${type}`
			);
			return null;
		}
		if (hasRe) return plainSigmaString(pyScalarStr(n));
		switch (n.type) {
			case 'str':
				return parseSigmaString(n.value as string);
			case 'bool':
				return { type: 'bool', value: n.value as boolean };
			case 'null':
				return { type: 'null' };
			case 'int':
				return sigmaNumber(n.value as number, n.big);
			case 'float':
				if (!Number.isFinite(n.value as number)) {
					this.problems.error(
						'value_number_invalid',
						'Infinity and NaN are not valid numbers.',
						n.range,
						'SigmaValueError',
						'Invalid number'
					);
					return null;
				}
				return sigmaNumber(n.value as number);
			default: {
				const type = pyTypeName(n);
				this.problems.error(
					'value_type_unsupported',
					`YAML reads this as a ${n.type === 'bytes' ? 'binary' : 'date'} value; quote it to use it as text.`,
					n.range,
					'SigmaTypeError',
					`Unsupported type: ${type}`
				);
				return null;
			}
		}
	}
}

/** Scalars pySigma accepts as plain detection values (str, int, float, bool, None). */
function isPlain(n: YamlScalar): boolean {
	return (
		n.type === 'str' ||
		n.type === 'int' ||
		n.type === 'float' ||
		n.type === 'bool' ||
		n.type === 'null'
	);
}

function rawOf(n: YamlNode): PlainValue {
	if (n.kind !== 'scalar') return null;
	if (n.type === 'date' || n.type === 'datetime' || n.type === 'bytes') return n.text;
	return n.value;
}
