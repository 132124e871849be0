import { getScalarValue, type Event, type ScalarEvent } from 'js-yaml';
import type { Range } from '../source';
import { closeFlow, keyId, pyQuote, trimEnd } from './node-helpers';
import { pyYamlMark } from './py-mark';
import { constructScalar, resolvePlainTag, type ImplicitTag } from './resolve-scalar';
import type {
	ScalarStyle,
	YamlDocument,
	YamlEntry,
	YamlMap,
	YamlNode,
	YamlProblem,
	YamlScalar,
	YamlSeq
} from './yaml-tree';

/**
 * Builds positioned YAML trees from js-yaml's parse events as PyYAML's safe loader composes and
 * constructs them: scalars typed by their tag or implicit resolution, anchors and aliases (with a
 * limit on expansion), `<<` merge keys, and duplicate keys (the last one wins).
 */

/** Alias expansion may multiply a document; beyond this many expanded nodes it is refused. */
const maxExpandedNodes = 200_000;

const styles: ScalarStyle[] = ['plain', 'plain', 'single', 'double', 'literal', 'folded'];
const yamlTagPrefix = 'tag:yaml.org,2002:';

interface Frame {
	node: YamlSeq | YamlMap;
	/** For maps: the key waiting for its value. */
	key: YamlNode | null;
	anchor: string | null;
	flow: boolean;
	keys: Map<string, number>;
	merges: YamlNode[];
}

/** Turns the events of one parse into documents, reporting problems into the list it is given. */
export class TreeBuilder {
	readonly #text: string;
	readonly #problems: YamlProblem[];
	#anchors = new Map<string, YamlNode>();
	#sizes = new WeakMap<YamlNode, number>();
	#expanded = 0;
	#stack: Frame[] = [];
	/** Quoted and block scalars, where PyYAML accepts tabs. */
	readonly tabSafe: Range[] = [];
	#docs: YamlDocument[] = [];
	#root: YamlNode | null = null;
	#inDoc = false;
	#failed = false;

	constructor(text: string, problems: YamlProblem[]) {
		this.#text = text;
		this.#problems = problems;
	}

	build(events: Event[]): YamlDocument[] {
		for (const ev of events) {
			if (this.#failed) break;
			switch (ev.type) {
				case 1:
					this.#inDoc = true;
					this.#root = null;
					this.#anchors = new Map();
					this.#expanded = 0;
					break;
				case 2:
				case 3:
					this.#open(ev.type === 2, ev.start, ev.style === 2, ev.anchorStart, ev.anchorEnd);
					break;
				case 4:
					this.#add(this.#scalar(ev), this.#anchorName(ev.anchorStart, ev.anchorEnd));
					break;
				case 5:
					this.#alias(ev.anchorStart, ev.anchorEnd);
					break;
				case 6:
					this.#pop();
					break;
			}
		}
		return this.#docs;
	}

	#anchorName(start: number, end: number): string | null {
		return start >= 0 ? this.#text.slice(start, end) : null;
	}

	#open(isSeq: boolean, start: number, flow: boolean, aStart: number, aEnd: number): void {
		const range = { from: start, to: start };
		const node: YamlSeq | YamlMap = isSeq
			? { kind: 'seq', items: [], range }
			: { kind: 'map', entries: [], duplicates: [], range };
		const anchor = this.#anchorName(aStart, aEnd);
		this.#stack.push({ node, key: null, anchor, flow, keys: new Map(), merges: [] });
	}

	#pop(): void {
		const frame = this.#stack.pop();
		if (!frame) {
			this.#docs.push({ root: this.#root, range: this.#root?.range ?? this.#emptyRange() });
			this.#inDoc = false;
			return;
		}
		const node = frame.node;
		if (node.kind === 'map' && frame.merges.length > 0) this.#applyMerges(node, frame.merges);
		let size = 1;
		if (node.kind === 'seq') {
			for (const item of node.items) size += this.#sizes.get(item) ?? 1;
			const last = node.items[node.items.length - 1];
			if (last) node.range.to = last.range.to;
		} else {
			for (const e of node.entries) size += (this.#sizes.get(e.value) ?? 1) + 1;
			const last = node.entries[node.entries.length - 1];
			if (last) node.range.to = Math.max(last.range.to, node.range.to);
		}
		if (frame.flow) node.range.to = closeFlow(this.#text, node.range.to, node.range.from);
		this.#sizes.set(node, size);
		this.#add(node, frame.anchor);
	}

	#emptyRange(): Range {
		const last = this.#docs[this.#docs.length - 1];
		const at = last ? last.range.to : 0;
		return { from: at, to: at };
	}

	#scalar(ev: ScalarEvent): YamlScalar {
		const text = getScalarValue(this.#text, ev);
		const style = styles[ev.style] ?? 'plain';
		const quoted = style === 'single' || style === 'double';
		const valueFrom = ev.valueStart >= 0 ? ev.valueStart : this.#fallbackPosition(ev);
		const valueTo = ev.valueEnd >= 0 ? ev.valueEnd : valueFrom;
		const range = quoted
			? { from: valueFrom - 1, to: valueTo + 1 }
			: { from: valueFrom, to: trimEnd(this.#text, valueFrom, valueTo) };
		if (style !== 'plain') {
			this.tabSafe.push(
				quoted ? range : { from: ev.valueStart, to: Math.max(ev.valueEnd, ev.valueStart) }
			);
		}
		const tag = this.#tagOf(ev, style, text);
		const built = constructScalar(tag, text);
		const node: YamlScalar = {
			kind: 'scalar',
			type: 'str',
			value: text,
			text,
			style,
			range,
			valueFrom,
			valueTo
		};
		if (built.ok) {
			node.type = built.type;
			node.value = built.value;
			if (built.big !== undefined) node.big = built.big;
		} else {
			this.#constructError(`${built.message}`, built.type, range.from);
		}
		this.#sizes.set(node, 1);
		return node;
	}

	#fallbackPosition(ev: ScalarEvent): number {
		if (ev.tagEnd >= 0) return ev.tagEnd;
		if (ev.anchorEnd >= 0) return ev.anchorEnd;
		return 0;
	}

	#tagOf(ev: ScalarEvent, style: ScalarStyle, text: string): ImplicitTag | 'binary' {
		if (ev.tagStart < 0) return style === 'plain' ? resolvePlainTag(text) : 'str';
		const written = this.#text.slice(ev.tagStart, ev.tagEnd);
		const full = written.startsWith('!!')
			? yamlTagPrefix + written.slice(2)
			: written.startsWith('!<')
				? written.slice(2, -1)
				: written;
		const short = full.startsWith(yamlTagPrefix) ? full.slice(yamlTagPrefix.length) : null;
		if (short === 'str' || short === 'int' || short === 'float' || short === 'bool') return short;
		if (short === 'null' || short === 'timestamp' || short === 'binary') return short;
		if (written === '!') return 'str';
		this.#constructError(
			`could not determine a constructor for the tag ${pyQuote(full)}`,
			'ConstructorError',
			Math.max(0, ev.tagStart)
		);
		return 'str';
	}

	#constructError(message: string, type: string, at: number): void {
		const full =
			type === 'ConstructorError' ? `${message}\n${pyYamlMark(this.#text, at)}` : message;
		this.#problems.push({
			code: 'yaml_value_invalid',
			severity: 'error',
			message: `YAML value cannot be read: ${message}.`,
			range: { from: at, to: Math.min(this.#text.length, at + 1) },
			reference: { type, message: full }
		});
	}

	#alias(start: number, end: number): void {
		const name = this.#text.slice(start, end);
		const target = this.#anchors.get(name);
		const range = { from: Math.max(0, start - 1), to: end };
		if (!target) {
			this.#problems.push({
				code: 'yaml_syntax',
				severity: 'error',
				message: `YAML alias *${name} refers to no anchor.`,
				range,
				reference: {
					type: 'ComposerError',
					message: `found undefined alias ${pyQuote(name)}\n${pyYamlMark(this.#text, range.from)}`
				}
			});
			this.#add(nullScalar(range), null);
			return;
		}
		this.#expanded += this.#sizes.get(target) ?? 1;
		if (this.#expanded > maxExpandedNodes) {
			this.#problems.push({
				code: 'yaml_alias_limit',
				severity: 'error',
				message: 'YAML aliases expand to too many nodes; the document is not read further.',
				range
			});
			this.#failed = true;
			return;
		}
		this.#add(target, null);
	}

	#add(node: YamlNode, anchor: string | null): void {
		if (anchor !== null) this.#anchors.set(anchor, node);
		const frame = this.#stack[this.#stack.length - 1];
		const isKey = frame !== undefined && frame.node.kind === 'map' && frame.key === null;
		if (!isKey && node.kind === 'scalar' && node.style === 'plain' && node.text === '<<') {
			const message = "could not determine a constructor for the tag 'tag:yaml.org,2002:merge'";
			this.#constructError(message, 'ConstructorError', node.range.from);
		}
		if (!frame) {
			if (this.#inDoc) this.#root = node;
			return;
		}
		if (frame.node.kind === 'seq') {
			frame.node.items.push(node);
			return;
		}
		if (frame.key === null) {
			frame.key = node;
			return;
		}
		const key = frame.key;
		frame.key = null;
		const entry: YamlEntry = {
			key,
			value: node,
			range: { from: key.range.from, to: node.range.to }
		};
		if (
			key.kind === 'scalar' &&
			key.type === 'str' &&
			key.value === '<<' &&
			key.style === 'plain'
		) {
			frame.merges.push(node);
			return;
		}
		this.#putEntry(frame, entry);
	}

	#putEntry(frame: Frame, entry: YamlEntry): void {
		const map = frame.node as YamlMap;
		const id = keyId(entry.key);
		if (id === null) {
			this.#constructError('found unhashable key', 'ConstructorError', entry.key.range.from);
			return;
		}
		const at = frame.keys.get(id);
		if (at === undefined) {
			frame.keys.set(id, map.entries.length);
			map.entries.push(entry);
			return;
		}
		map.duplicates.push(entry);
		const shown = entry.key.kind === 'scalar' ? entry.key.text : '';
		this.#problems.push({
			code: 'yaml_duplicate_key',
			severity: 'warning',
			message: `Duplicate key '${shown}': this value replaces the earlier one (PyYAML keeps the last).`,
			range: entry.key.range
		});
		map.entries[at] = { key: map.entries[at].key, value: entry.value, range: entry.range };
	}

	#applyMerges(map: YamlMap, merges: YamlNode[]): void {
		const own = map.entries;
		const ownKeys = new Set(own.map((e) => keyId(e.key)));
		const merged: YamlEntry[] = [];
		const seen = new Set<string | null>();
		const sources: YamlMap[] = [];
		for (const m of merges) {
			if (m.kind === 'map') sources.push(m);
			else if (m.kind === 'seq') for (const s of m.items) if (s.kind === 'map') sources.push(s);
		}
		for (const src of sources) {
			for (const e of src.entries) {
				const id = keyId(e.key);
				if (ownKeys.has(id) || seen.has(id)) continue;
				seen.add(id);
				merged.push(e);
			}
		}
		map.entries = [...merged, ...own];
	}
}

function nullScalar(range: Range): YamlScalar {
	return {
		kind: 'scalar',
		type: 'null',
		value: null,
		text: '',
		style: 'plain',
		range,
		valueFrom: range.from,
		valueTo: range.to
	};
}
