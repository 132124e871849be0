import type { FlavourId } from '../translate/flavours/index';
import { isFlavourId } from '../translate/flavours/index';

/** Everything a permalink restores: the rule, the events and the KQL options. */
export interface PlaygroundState {
	v: 1;
	rule: string;
	events: string;
	flavour: FlavourId;
	/** The `query_table` override; absent when the table comes from the rule's logsource. */
	queryTable?: string;
}

/** The outcome of reading a fragment: a state, or a sentence saying why there is none. */
export interface DecodeResult {
	state: PlaygroundState | null;
	error: string | null;
}

/** The tag in front of every encoded state; a future format gets a new tag. */
const stateVersionTag = 'v1.';

/** Fragments longer than this are refused before any decoding (2 MiB of base64url). */
const maxFragmentLength = 2 * 1024 * 1024;

/** Decompression stops, and the link is refused, once the JSON would grow past this (8 MiB). */
const maxStateBytes = 8 * 1024 * 1024;

/**
 * Encodes a state for the URL fragment: JSON, gzip (`CompressionStream`), then base64url without
 * padding, behind the `v1.` tag. The same state always gives the same string.
 */
export async function encodeState(state: PlaygroundState): Promise<string> {
	const plain = stateOf(state.rule, state.events, state.flavour, state.queryTable);
	const json = new TextEncoder().encode(JSON.stringify(plain));
	const zipped = await pipeBytes(json, new CompressionStream('gzip'), Infinity);
	return stateVersionTag + toBase64Url(zipped as Uint8Array);
}

/**
 * Decodes a URL fragment (with or without its `#`) made by `encodeState`. Never throws: a damaged,
 * oversized, foreign or newer-version fragment gives `state: null` and a message for the user. An
 * empty fragment gives neither a state nor an error.
 */
export async function decodeState(fragment: string): Promise<DecodeResult> {
	const text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
	if (text === '') return { state: null, error: null };
	if (text.length > maxFragmentLength) {
		return fail(`The link is too long (${text.length} characters; at most ${maxFragmentLength}).`);
	}
	const version = /^v(\d{1,6})\./.exec(text);
	if (!version) return fail('The link does not hold a playground state (no version tag).');
	if (version[0] !== stateVersionTag) {
		return fail(
			`The link was made by a newer or unknown version of the playground (v${version[1]}); ` +
				'this page reads v1 links.'
		);
	}
	const bytes = fromBase64Url(text.slice(stateVersionTag.length));
	if (!bytes) return fail('The link is damaged: it contains characters that are not base64url.');
	let json: Uint8Array | null;
	try {
		json = await pipeBytes(bytes, new DecompressionStream('gzip'), maxStateBytes);
	} catch {
		return fail('The link is damaged: its compressed data cannot be read.');
	}
	if (!json) {
		return fail(
			`The link expands to more than ${maxStateBytes / 1024 / 1024} MiB; it was refused.`
		);
	}
	let value: unknown;
	try {
		value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
	} catch {
		return fail('The link is damaged: its content is not valid JSON text.');
	}
	return validateState(value);
}

function validateState(value: unknown): DecodeResult {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return fail('The link does not hold a playground state.');
	}
	const record = value as Record<string, unknown>;
	if (record.v !== 1) return fail('The link holds a state of an unknown version.');
	if (typeof record.rule !== 'string') return fail('The link has no rule text.');
	if (typeof record.events !== 'string') return fail('The link has no events text.');
	if (typeof record.flavour !== 'string' || !isFlavourId(record.flavour)) {
		return fail(`The link names an unknown KQL flavour (${JSON.stringify(record.flavour)}).`);
	}
	if (record.queryTable !== undefined && typeof record.queryTable !== 'string') {
		return fail('The link has a table override that is not text.');
	}
	return {
		state: stateOf(record.rule, record.events, record.flavour, record.queryTable),
		error: null
	};
}

/** The state with its fields in a fixed order and no empty table override, so links are stable. */
function stateOf(
	rule: string,
	events: string,
	flavour: FlavourId,
	queryTable: string | undefined
): PlaygroundState {
	const state: PlaygroundState = { v: 1, rule, events, flavour };
	if (queryTable) state.queryTable = queryTable;
	return state;
}

function fail(error: string): DecodeResult {
	return { state: null, error };
}

/**
 * Runs bytes through a (de)compression stream. Returns null as soon as the output passes `limit`
 * bytes, cancelling the stream, so a zip bomb never gets expanded in full.
 */
async function pipeBytes(
	input: Uint8Array,
	transform: CompressionStream | DecompressionStream,
	limit: number
): Promise<Uint8Array | null> {
	const writer = transform.writable.getWriter();
	// The write promises settle only as the output is read, so they are not awaited here; their
	// failures surface through the reader.
	writer.write(input as Uint8Array<ArrayBuffer>).catch(() => {});
	writer.close().catch(() => {});
	const reader = transform.readable.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel().catch(() => {});
			return null;
		}
		chunks.push(value);
	}
	const out = new Uint8Array(size);
	let at = 0;
	for (const chunk of chunks) {
		out.set(chunk, at);
		at += chunk.byteLength;
	}
	return out;
}

function toBase64Url(bytes: Uint8Array): string {
	let binary = '';
	// Chunks keep `String.fromCharCode` under the engine's argument-count limit.
	for (let i = 0; i < bytes.length; i += 0x8000) {
		binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	}
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
	if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
	const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
	return bytes;
}
