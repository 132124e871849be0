/**
 * Byte-level encodings the modifiers need, written out so they behave the same in browsers,
 * workers and Node.
 */

const encoder = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The UTF-8 bytes of a string (lone surrogates become U+FFFD). */
export function utf8Bytes(s: string): Uint8Array {
	return encoder.encode(s);
}

/** Standard Base64 with padding. */
export function base64OfBytes(bytes: Uint8Array): string {
	let out = '';
	let i = 0;
	for (; i + 2 < bytes.length; i += 3) {
		const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
		out +=
			alphabet[n >> 18] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + alphabet[n & 63];
	}
	const rest = bytes.length - i;
	if (rest === 1) {
		const n = bytes[i] << 16;
		out += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + '==';
	} else if (rest === 2) {
		const n = (bytes[i] << 16) | (bytes[i + 1] << 8);
		out += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + '=';
	}
	return out;
}

/**
 * The UTF-16 bytes of `s` read back as UTF-8, as pySigma's `wide`/`utf16*` modifiers do
 * (`s.encode('utf-16le').decode('utf-8')`). Null when those bytes are not valid UTF-8.
 */
export function utf16Text(s: string, order: 'le' | 'be'): string | null {
	const bytes = new Uint8Array(s.length * 2);
	for (let i = 0; i < s.length; i++) {
		const unit = s.charCodeAt(i);
		const hi = unit >> 8;
		const lo = unit & 0xff;
		bytes[2 * i] = order === 'le' ? lo : hi;
		bytes[2 * i + 1] = order === 'le' ? hi : lo;
	}
	try {
		return strictUtf8.decode(bytes);
	} catch {
		return null;
	}
}
