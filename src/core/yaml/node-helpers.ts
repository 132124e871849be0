import type { YamlNode } from './yaml-tree';

/** Small helpers of the YAML tree builder. */

/** A key as Python's dict compares it (`1`, `1.0` and `true` are the same key). */
export function keyId(key: YamlNode): string | null {
	if (key.kind !== 'scalar') return null;
	switch (key.type) {
		case 'int':
			return `n:${key.big ?? key.value}`;
		case 'float':
			return Number.isInteger(key.value) ? `n:${BigInt(key.value as number)}` : `n:${key.value}`;
		case 'bool':
			return key.value ? 'n:1' : 'n:0';
		case 'null':
			return 'null';
		default:
			return `${key.type}:${key.value}`;
	}
}

export function trimEnd(text: string, from: number, to: number): number {
	let end = to;
	while (end > from && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
	return end;
}

/** The offset just after the bracket closing a flow collection whose content ends at `from`. */
export function closeFlow(text: string, from: number, open: number): number {
	const closer = text[open] === '[' ? ']' : '}';
	let i = from > open ? from : open + 1;
	while (i < text.length) {
		const c = text[i];
		if (c === closer) return i + 1;
		if (c === '#') {
			while (i < text.length && text[i] !== '\n') i++;
			continue;
		}
		if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r' && c !== ',') return from;
		i++;
	}
	return from;
}

export function pyQuote(s: string): string {
	return s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s.replace(/'/g, "\\'")}'`;
}
