import type { YamlNode } from '../yaml/yaml-tree';

/**
 * A YAML node as plain data for display and lint: maps become objects, dates and binaries their
 * text, integers beyond 2^53 the nearest number.
 */
export function toPlain(node: YamlNode): unknown {
	if (node.kind === 'seq') return node.items.map(toPlain);
	if (node.kind === 'map') {
		const out: Record<string, unknown> = {};
		for (const e of node.entries) {
			if (e.key.kind === 'scalar') out[String(e.key.value)] = toPlain(e.value);
		}
		return out;
	}
	return node.value;
}
