/**
 * Strict CIDR network parsing with the error texts of Python's `ipaddress.ip_network`, which
 * pySigma's `cidr` modifier uses.
 */

/** The network's IP version, or the `ValueError` text Python raises for the input. */
export function checkCidr(text: string): { version: 4 | 6 } | string {
	const generic = `${pyQuoted(text)} does not appear to be an IPv4 or IPv6 network`;
	const pieces = text.split('/');
	if (pieces.length > 2) return generic;
	const [addr, prefix] = pieces;
	const v4 = parseV4(addr);
	if (v4 !== null) {
		const bits = prefix === undefined ? 32 : v4Prefix(prefix);
		if (bits === null) return generic;
		const mask = bits === 0 ? 0n : ((1n << 32n) - 1n) ^ ((1n << BigInt(32 - bits)) - 1n);
		if ((v4 & mask) !== v4) return `${v4Text(v4)}/${bits} has host bits set`;
		return { version: 4 };
	}
	const v6 = parseV6(addr);
	if (v6 === null) return generic;
	const bits = prefix === undefined ? 128 : decimalPrefix(prefix, 128);
	if (bits === null) return generic;
	const all = (1n << 128n) - 1n;
	const mask = bits === 0 ? 0n : all ^ ((1n << BigInt(128 - bits)) - 1n);
	if ((v6 & mask) !== v6) return `${v6Text(v6)}/${bits} has host bits set`;
	return { version: 6 };
}

function pyQuoted(s: string): string {
	return s.includes("'") && !s.includes('"')
		? `"${s}"`
		: `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function parseV4(s: string): bigint | null {
	const octets = s.split('.');
	if (octets.length !== 4) return null;
	let n = 0n;
	for (const o of octets) {
		if (!/^[0-9]{1,3}$/.test(o)) return null;
		if (o.length > 1 && o[0] === '0') return null;
		const v = Number(o);
		if (v > 255) return null;
		n = (n << 8n) | BigInt(v);
	}
	return n;
}

function decimalPrefix(s: string, max: number): number | null {
	if (!/^[0-9]+$/.test(s)) return null;
	const v = Number(s);
	return v <= max ? v : null;
}

/** An IPv4 prefix: a length, a netmask (`255.0.0.0`) or a hostmask (`0.255.255.255`). */
function v4Prefix(s: string): number | null {
	const direct = decimalPrefix(s, 32);
	if (direct !== null || /^[0-9]+$/.test(s)) return direct;
	const ip = parseV4(s);
	if (ip === null) return null;
	const asNetmask = prefixOfMask(ip);
	if (asNetmask !== null) return asNetmask;
	return prefixOfMask(ip ^ 0xffffffffn);
}

function prefixOfMask(mask: bigint): number | null {
	let bits = 0;
	while (bits < 32 && ((mask >> BigInt(31 - bits)) & 1n) === 1n) bits++;
	const expected = bits === 0 ? 0n : 0xffffffffn ^ ((1n << BigInt(32 - bits)) - 1n);
	return mask === expected ? bits : null;
}

function v4Text(n: bigint): string {
	return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.');
}

function parseV6(s: string): bigint | null {
	const parts = s.split(':');
	if (parts.length < 3) return null;
	const last = parts[parts.length - 1];
	if (last.includes('.')) {
		const v4 = parseV4(last);
		if (v4 === null) return null;
		parts.splice(
			parts.length - 1,
			1,
			((v4 >> 16n) & 0xffffn).toString(16),
			(v4 & 0xffffn).toString(16)
		);
	}
	if (parts.length > 9) return null;
	let skip: number | null = null;
	for (let i = 1; i < parts.length - 1; i++) {
		if (parts[i] === '') {
			if (skip !== null) return null;
			skip = i;
		}
	}
	let head: number;
	let tail: number;
	if (skip !== null) {
		head = skip;
		tail = parts.length - skip - 1;
		if (parts[0] === '') {
			head--;
			if (head) return null;
		}
		if (parts[parts.length - 1] === '') {
			tail--;
			if (tail) return null;
		}
		if (head + tail >= 8) return null;
	} else {
		if (parts.length !== 8) return null;
		if (parts[0] === '' || parts[parts.length - 1] === '') return null;
		head = parts.length;
		tail = 0;
	}
	let n = 0n;
	const hextet = (p: string): boolean => {
		if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return false;
		n = (n << 16n) | BigInt(parseInt(p, 16));
		return true;
	};
	for (let i = 0; i < head; i++) if (!hextet(parts[i])) return null;
	n <<= 16n * BigInt(8 - head - tail);
	for (let i = tail; i > 0; i--) if (!hextet(parts[parts.length - i])) return null;
	return n;
}

function v6Text(n: bigint): string {
	const hextets: string[] = [];
	for (let i = 7; i >= 0; i--) hextets.push(((n >> BigInt(i * 16)) & 0xffffn).toString(16));
	let bestStart = -1;
	let bestLen = 0;
	let start = -1;
	let len = 0;
	hextets.forEach((h, i) => {
		if (h === '0') {
			len++;
			if (start === -1) start = i;
			if (len > bestLen) {
				bestLen = len;
				bestStart = start;
			}
		} else {
			len = 0;
			start = -1;
		}
	});
	if (bestLen > 1) {
		const end = bestStart + bestLen;
		const out = [...hextets.slice(0, bestStart), '', ...hextets.slice(end)];
		if (end === 8) out.push('');
		if (bestStart === 0) out.unshift('');
		return out.join(':');
	}
	return hextets.join(':');
}
