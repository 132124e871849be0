/**
 * IP networks for the `cidr` modifier: parsing of IPv4 and IPv6 addresses and networks, and the
 * prefix comparison. An address is held as 16-bit groups (two for IPv4, eight for IPv6).
 */

/** A parsed network: its family, its address groups and its prefix length in bits. */
export interface Network {
	version: 4 | 6;
	groups: number[];
	prefix: number;
}

/** Parses dotted IPv4 (`10.0.0.1`) into two 16-bit groups; null when it is not one. */
function parseIPv4(text: string): number[] | null {
	const parts = text.split('.');
	if (parts.length !== 4) return null;
	const bytes: number[] = [];
	for (const part of parts) {
		if (!/^\d{1,3}$/.test(part)) return null;
		const n = Number(part);
		if (n > 255) return null;
		bytes.push(n);
	}
	return [(bytes[0] << 8) | bytes[1], (bytes[2] << 8) | bytes[3]];
}

/** Parses IPv6 (with `::`, an embedded IPv4 tail and a `%zone`) into eight groups. */
function parseIPv6(text: string): number[] | null {
	const zone = text.indexOf('%');
	const address = zone >= 0 ? text.slice(0, zone) : text;
	const halves = address.split('::');
	if (halves.length > 2) return null;
	const side = (s: string): number[] | null => {
		if (s === '') return [];
		const groups: number[] = [];
		const pieces = s.split(':');
		for (let i = 0; i < pieces.length; i++) {
			const piece = pieces[i];
			if (i === pieces.length - 1 && piece.includes('.')) {
				const v4 = parseIPv4(piece);
				if (!v4) return null;
				groups.push(...v4);
			} else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) {
				groups.push(parseInt(piece, 16));
			} else {
				return null;
			}
		}
		return groups;
	};
	const head = side(halves[0]);
	const tail = halves.length === 2 ? side(halves[1]) : [];
	if (!head || !tail) return null;
	if (halves.length === 1) return head.length === 8 ? head : null;
	const missing = 8 - head.length - tail.length;
	if (missing < 1) return null;
	return [...head, ...new Array<number>(missing).fill(0), ...tail];
}

/** Parses an IP address of either family; null when the text is not an address. */
export function parseAddress(text: string): { version: 4 | 6; groups: number[] } | null {
	const trimmed = text.trim();
	if (trimmed.includes(':')) {
		const groups = parseIPv6(trimmed);
		return groups ? { version: 6, groups } : null;
	}
	const groups = parseIPv4(trimmed);
	return groups ? { version: 4, groups } : null;
}

/** Parses `address/prefix` (a bare address is a host network); null when malformed. */
export function parseNetwork(text: string): Network | null {
	const slash = text.indexOf('/');
	const address = parseAddress(slash >= 0 ? text.slice(0, slash) : text);
	if (!address) return null;
	const bits = address.version === 4 ? 32 : 128;
	const prefixText = slash >= 0 ? text.slice(slash + 1) : String(bits);
	if (!/^\d{1,3}$/.test(prefixText)) return null;
	const prefix = Number(prefixText);
	if (prefix > bits) return null;
	return { ...address, prefix };
}

/** True when the address text is an address of the network's family inside the network. */
export function networkContains(network: Network, text: string): boolean {
	const address = parseAddress(text);
	if (!address || address.version !== network.version) return false;
	let remaining = network.prefix;
	for (let i = 0; remaining > 0; i++, remaining -= 16) {
		const take = Math.min(16, remaining);
		const mask = (0xffff << (16 - take)) & 0xffff;
		if ((address.groups[i] & mask) !== (network.groups[i] & mask)) return false;
	}
	return true;
}
