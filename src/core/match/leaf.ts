import { isObject, unwrapText } from './event-shape';

/** The text of a scalar event value (numbers and booleans as JSON writes them); null otherwise. */
export function textOf(leaf: unknown): string | null {
	if (typeof leaf === 'string') return leaf;
	if (typeof leaf === 'number' || typeof leaf === 'boolean') return String(leaf);
	return null;
}

const decimal = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
const hexadecimal = /^\s*0[xX][0-9a-fA-F]+\s*$/;

/**
 * The numeric value of an event value: a JSON number, or a string holding a decimal number or
 * a `0x` hexadecimal number (Windows writes flags and logon ids that way). Null otherwise.
 */
export function numberOf(leaf: unknown): number | null {
	if (typeof leaf === 'number') return Number.isFinite(leaf) ? leaf : null;
	if (typeof leaf !== 'string') return null;
	if (decimal.test(leaf)) return Number(leaf);
	if (hexadecimal.test(leaf)) return parseInt(leaf.trim().slice(2), 16);
	return null;
}

/**
 * Applies a test to an event value: absent and null values fail, an array passes when any
 * element passes, and XML text wrappers are unwrapped.
 */
export function anyLeaf(value: unknown, test: (leaf: unknown) => boolean): boolean {
	if (value === undefined || value === null) return false;
	if (!Array.isArray(value)) return test(value);
	for (const element of value) {
		const leaf = unwrapText(element);
		if (leaf !== undefined && leaf !== null && !Array.isArray(leaf) && test(leaf)) return true;
	}
	return false;
}

/** Every scalar value of an event, with its lower-cased text, for keyword search. */
export interface LeafText {
	text: string;
	lower: string;
	path: (string | number)[];
}

const leafCache = new WeakMap<object, LeafText[]>();

/** The text of every scalar anywhere in an event (keys excluded), computed once per event. */
export function leafTexts(event: unknown): LeafText[] {
	if (typeof event !== 'object' || event === null) {
		const text = textOf(event);
		return text === null ? [] : [{ text, lower: text.toLowerCase(), path: [] }];
	}
	const cached = leafCache.get(event);
	if (cached) return cached;
	const leaves: LeafText[] = [];
	const visit = (node: unknown, path: (string | number)[]): void => {
		if (Array.isArray(node)) {
			node.forEach((child, i) => visit(child, [...path, i]));
		} else if (isObject(node)) {
			for (const key of Object.keys(node)) visit(node[key], [...path, key]);
		} else {
			const text = textOf(node);
			if (text !== null) leaves.push({ text, lower: text.toLowerCase(), path });
		}
	};
	visit(event, []);
	leafCache.set(event, leaves);
	return leaves;
}
