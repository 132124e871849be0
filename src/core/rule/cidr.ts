import { pyStrRepr } from './values';

/**
 * IP addresses and networks for the `cidr` modifier, one parser for all uses: the strict network
 * check with the error texts of Python's `ipaddress.ip_network` (which pySigma's `cidr` modifier
 * uses), the network's text as Python prints it (for the query), and the containment test the
 * matcher runs on event values. Addresses are held as bigints.
 */

/** A valid network: its IP version, its address (no host bits set) and its prefix length. */
export interface Network {
	version: 4 | 6;
	address: bigint;
	prefix: number;
}

const bitsOf = { 4: 32, 6: 128 } as const;

/** The network of a `cidr` value, or the `ValueError` text Python raises for the input. */
export function parseNetwork(text: string): Network | string {
	const generic = `${pyStrRepr(text)} does not appear to be an IPv4 or IPv6 network`;
	const pieces = text.split('/');
	if (pieces.length > 2) return generic;
	const [addr, prefixText] = pieces;
	const v4 = parseIPv4(addr, false);
	const version = v4 !== null ? 4 : 6;
	const address = v4 ?? parseIPv6(addr, false);
	if (address === null) return generic;
	const bits = bitsOf[version];
	let prefix: number | null = bits;
	if (prefixText !== undefined) {
		prefix = version === 4 ? v4Prefix(prefixText) : decimalPrefix(prefixText, bits);
	}
	if (prefix === null) return generic;
	if ((address & prefixMask(prefix, bits)) !== address) {
		return `${addressText(version, address)}/${prefix} has host bits set`;
	}
	return { version, address, prefix };
}

/**
 * Python's `str(ipaddress.ip_network(text))`: the prefix length always written, IPv6 lower-cased
 * and compressed. Text that is not a valid network is returned unchanged.
 */
export function networkText(text: string): string {
	const network = parseNetwork(text);
	if (typeof network === 'string') return text;
	return `${addressText(network.version, network.address)}/${network.prefix}`;
}

/**
 * True when the text is an address of the network's family inside the network. Event values are
 * read leniently: surrounding space, an IPv6 `%zone` and leading zeros in IPv4 octets are allowed.
 */
export function networkContains(network: Network, text: string): boolean {
	const trimmed = text.trim();
	const isV6 = trimmed.includes(':');
	if (isV6 !== (network.version === 6)) return false;
	const zone = trimmed.indexOf('%');
	const address = isV6
		? parseIPv6(zone >= 0 ? trimmed.slice(0, zone) : trimmed, true)
		: parseIPv4(trimmed, true);
	if (address === null) return false;
	return (address & prefixMask(network.prefix, bitsOf[network.version])) === network.address;
}

function prefixMask(prefix: number, bits: number): bigint {
	const all = (1n << BigInt(bits)) - 1n;
	return all ^ ((1n << BigInt(bits - prefix)) - 1n);
}

/** Dotted IPv4; `lenient` allows leading zeros in an octet, which Python refuses. */
function parseIPv4(s: string, lenient: boolean): bigint | null {
	const octets = s.split('.');
	if (octets.length !== 4) return null;
	let n = 0n;
	for (const o of octets) {
		if (!/^[0-9]{1,3}$/.test(o)) return null;
		if (!lenient && o.length > 1 && o[0] === '0') return null;
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
	const ip = parseIPv4(s, false);
	if (ip === null) return null;
	const asNetmask = prefixOfMask(ip);
	if (asNetmask !== null) return asNetmask;
	return prefixOfMask(ip ^ 0xffffffffn);
}

function prefixOfMask(mask: bigint): number | null {
	let bits = 0;
	while (bits < 32 && ((mask >> BigInt(31 - bits)) & 1n) === 1n) bits++;
	return mask === prefixMask(bits, 32) ? bits : null;
}

/** IPv6 as Python's `ipaddress` reads it (`::`, an IPv4 tail read as `parseIPv4` does). */
function parseIPv6(s: string, lenient: boolean): bigint | null {
	const parts = s.split(':');
	if (parts.length < 3) return null;
	const last = parts[parts.length - 1];
	if (last.includes('.')) {
		const v4 = parseIPv4(last, lenient);
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

/** Python's text of an address: dotted IPv4, or IPv6 with the leftmost longest zero run as `::`. */
function addressText(version: 4 | 6, n: bigint): string {
	if (version === 4) return [24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.');
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
	if (bestLen < 2) return hextets.join(':');
	const end = bestStart + bestLen;
	const out = [...hextets.slice(0, bestStart), '', ...hextets.slice(end)];
	if (end === 8) out.push('');
	if (bestStart === 0) out.unshift('');
	return out.join(':');
}
