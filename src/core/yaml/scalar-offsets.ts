import type { YamlScalar } from './yaml-tree';

/**
 * Maps an index into a scalar's decoded text to an offset in the YAML source. Plain scalars and
 * quoted ones without escapes map one to one; otherwise decoded characters are aligned with the
 * source greedily (escapes, doubled quotes and folded lines shift the offsets).
 */
export function scalarOffsets(source: string, node: YamlScalar): (index: number) => number {
	const raw = source.slice(node.valueFrom, node.valueTo);
	const base = node.valueFrom;
	if (raw === node.text) return (i) => base + i;
	if (node.text.length === 0) return () => base;
	const map = new Int32Array(node.text.length + 1);
	let r = 0;
	for (let k = 0; k < node.text.length; k++) {
		const d = node.text[k];
		let found = -1;
		for (let look = r; look < raw.length && look < r + 12; look++) {
			if (raw[look] === d) {
				found = look;
				break;
			}
		}
		if (found >= 0) {
			map[k] = found;
			r = found + 1;
		} else {
			map[k] = Math.min(r, raw.length);
		}
	}
	map[node.text.length] = Math.max(r, map[Math.max(0, node.text.length - 1)] + 1);
	return (i) => base + map[Math.max(0, Math.min(i, node.text.length))];
}
