/**
 * Python's `str(ipaddress.ip_network(text))` for a network the parser already validated: the
 * prefix length always written, IPv6 lower-cased and compressed (leftmost longest zero run of at
 * least two groups). Text that does not parse is returned unchanged.
 */
export function networkText(text: string): string {
	const [addr, prefix] = text.split('/');
	if (addr.includes(':')) {
		const groups = v6Groups(addr);
		if (!groups) return text;
		return `${compressV6(groups)}/${prefix ?? '128'}`;
	}
	const bits = prefix === undefined ? 32 : /^\d+$/.test(prefix) ? Number(prefix) : maskBits(prefix);
	return bits === null ? text : `${addr}/${bits}`;
}

function maskBits(mask: string): number | null {
	const octets = mask.split('.').map(Number);
	if (octets.length !== 4 || octets.some((o) => !(o >= 0 && o <= 255))) return null;
	const n = octets.reduce((acc, o) => acc * 256 + o, 0);
	const bin = n.toString(2).padStart(32, '0');
	if (/^1*0*$/.test(bin)) return bin.indexOf('0') === -1 ? 32 : bin.indexOf('0');
	if (/^0*1*$/.test(bin)) return bin.indexOf('1') === -1 ? 32 : bin.indexOf('1');
	return null;
}

function v6Groups(addr: string): number[] | null {
	const text = addr.replace(
		/(\d+)\.(\d+)\.(\d+)\.(\d+)$/,
		(_, a, b, c, d) =>
			`${(Number(a) * 256 + Number(b)).toString(16)}:${(Number(c) * 256 + Number(d)).toString(16)}`
	);
	const parse = (s: string) => (s === '' ? [] : s.split(':').map((h) => parseInt(h, 16)));
	let groups: number[];
	if (text.includes('::')) {
		const [l, r] = text.split('::');
		const left = parse(l);
		const right = parse(r);
		groups = [...left, ...new Array(Math.max(0, 8 - left.length - right.length)).fill(0), ...right];
	} else groups = parse(text);
	return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : null;
}

function compressV6(groups: number[]): string {
	let bestStart = -1;
	let bestLen = 0;
	for (let i = 0; i < 8;) {
		if (groups[i] !== 0) {
			i++;
			continue;
		}
		let j = i;
		while (j < 8 && groups[j] === 0) j++;
		if (j - i > bestLen) {
			bestStart = i;
			bestLen = j - i;
		}
		i = j;
	}
	const hex = groups.map((g) => g.toString(16));
	if (bestLen < 2) return hex.join(':');
	const left = hex.slice(0, bestStart).join(':');
	const right = hex.slice(bestStart + bestLen).join(':');
	return `${left}::${right}`;
}
