/**
 * Fast tests of one text against many literal needles, for long value lists: needles are
 * bucketed by their first two UTF-16 units (last two for suffixes), so each test looks at one
 * small bucket per text position instead of at every needle.
 */

/** Below this many needles a plain loop is as fast as the buckets. */
const bucketFrom = 8;

type Buckets = Map<number, string[]>;

function pairKey(text: string, at: number): number {
	return text.charCodeAt(at) * 65536 + text.charCodeAt(at + 1);
}

function bucket(needles: readonly string[], keyAt: (needle: string) => number): Buckets {
	const buckets: Buckets = new Map();
	for (const needle of needles) {
		const key = keyAt(needle);
		const list = buckets.get(key);
		if (list) list.push(needle);
		else buckets.set(key, [needle]);
	}
	return buckets;
}

/** A test of whether a text contains any of the needles. */
export function anySubstring(needles: readonly string[]): (text: string) => boolean {
	if (needles.includes('')) return () => true;
	if (needles.length < bucketFrom) return (text) => needles.some((n) => text.includes(n));
	const singles = new Set(needles.filter((n) => n.length === 1).map((n) => n.charCodeAt(0)));
	const buckets = bucket(
		needles.filter((n) => n.length > 1),
		(n) => pairKey(n, 0)
	);
	return (text) => {
		const last = text.length - 1;
		for (let i = 0; i <= last; i++) {
			if (singles.size > 0 && singles.has(text.charCodeAt(i))) return true;
			if (i === last) break;
			const list = buckets.get(pairKey(text, i));
			if (list) for (const n of list) if (text.startsWith(n, i)) return true;
		}
		return false;
	};
}

/** A test of whether a text starts with any of the needles. */
export function anyPrefix(needles: readonly string[]): (text: string) => boolean {
	if (needles.length < bucketFrom) return (text) => needles.some((n) => text.startsWith(n));
	const short = needles.filter((n) => n.length < 2);
	const buckets = bucket(
		needles.filter((n) => n.length >= 2),
		(n) => pairKey(n, 0)
	);
	return (text) => {
		if (short.some((n) => text.startsWith(n))) return true;
		const list = text.length >= 2 ? buckets.get(pairKey(text, 0)) : undefined;
		return list !== undefined && list.some((n) => text.startsWith(n));
	};
}

/** A test of whether a text ends with any of the needles. */
export function anySuffix(needles: readonly string[]): (text: string) => boolean {
	if (needles.length < bucketFrom) return (text) => needles.some((n) => text.endsWith(n));
	const short = needles.filter((n) => n.length < 2);
	const buckets = bucket(
		needles.filter((n) => n.length >= 2),
		(n) => pairKey(n, n.length - 2)
	);
	return (text) => {
		if (short.some((n) => text.endsWith(n))) return true;
		const list = text.length >= 2 ? buckets.get(pairKey(text, text.length - 2)) : undefined;
		return list !== undefined && list.some((n) => text.endsWith(n));
	};
}
