import { describe, expect, it } from 'vitest';
import { decodeState, encodeState } from '../../src/core/index';
import type { PlaygroundState } from '../../src/core/index';

const state: PlaygroundState = {
	v: 1,
	rule: 'title: T\nlogsource:\n    category: process_creation\n',
	events: '{"Image": "C:\\\\Windows\\\\cmd.exe", "note": "ünïcødé ✓"}',
	flavour: 'microsoft_xdr'
};

async function gzipBase64Url(text: string): Promise<string> {
	const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
	const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
	return Buffer.from(bytes).toString('base64url');
}

describe('encodeState', () => {
	it('produces a v1-tagged base64url string without padding', async () => {
		const encoded = await encodeState(state);
		expect(encoded.startsWith('v1.')).toBe(true);
		expect(encoded.slice(3)).toMatch(/^[A-Za-z0-9_-]+$/);
	});

	it('gives the same string for the same state', async () => {
		expect(await encodeState(state)).toBe(await encodeState({ ...state }));
	});

	it('leaves out an empty table override', async () => {
		const withEmpty = await encodeState({ ...state, queryTable: '' });
		expect(withEmpty).toBe(await encodeState(state));
	});

	it('compresses repetitive rules well below their size', async () => {
		const rule = 'detection:\n' + '    sel: {Image|endswith: "\\\\cmd.exe"}\n'.repeat(500);
		const encoded = await encodeState({ ...state, rule });
		expect(encoded.length).toBeLessThan(rule.length / 10);
	});
});

describe('decodeState', () => {
	it('restores exactly the state that was encoded', async () => {
		const full = { ...state, queryTable: 'MyCustom' };
		expect(await decodeState(await encodeState(full))).toEqual({ state: full, error: null });
	});

	it('accepts the fragment with its leading #', async () => {
		const result = await decodeState('#' + (await encodeState(state)));
		expect(result).toEqual({ state, error: null });
	});

	it('returns neither state nor error for an empty fragment', async () => {
		expect(await decodeState('')).toEqual({ state: null, error: null });
		expect(await decodeState('#')).toEqual({ state: null, error: null });
	});

	it('refuses a fragment without a version tag', async () => {
		expect(await decodeState('#hello-world')).toEqual({
			state: null,
			error: 'The link does not hold a playground state (no version tag).'
		});
	});

	it('refuses a newer version with a message naming it', async () => {
		const result = await decodeState('v2.H4sIAAAAAAAAA6uuBQBDv6ajAgAAAA');
		expect(result.state).toBeNull();
		expect(result.error).toBe(
			'The link was made by a newer or unknown version of the playground (v2); ' +
				'this page reads v1 links.'
		);
	});

	it('refuses characters outside base64url', async () => {
		expect((await decodeState('v1.abc$def')).error).toBe(
			'The link is damaged: it contains characters that are not base64url.'
		);
		expect((await decodeState('v1.abcde')).error).toBe(
			'The link is damaged: it contains characters that are not base64url.'
		);
	});

	it('refuses data that is not gzip', async () => {
		expect((await decodeState('v1.' + Buffer.from('plain text').toString('base64url'))).error).toBe(
			'The link is damaged: its compressed data cannot be read.'
		);
	});

	it('refuses a truncated gzip stream', async () => {
		const encoded = await encodeState(state);
		expect((await decodeState(encoded.slice(0, encoded.length - 12))).error).toBe(
			'The link is damaged: its compressed data cannot be read.'
		);
	});

	it('stops expanding a zip bomb at the size cap', async () => {
		const bomb = await gzipBase64Url('{"v":1,"rule":"' + 'a'.repeat(9 * 1024 * 1024) + '"}');
		expect(bomb.length).toBeLessThan(20_000);
		expect(await decodeState('v1.' + bomb)).toEqual({
			state: null,
			error: 'The link expands to more than 8 MiB; it was refused.'
		});
	});

	it('refuses a fragment over the length cap before decoding it', async () => {
		const result = await decodeState('v1.' + 'A'.repeat(2 * 1024 * 1024));
		expect(result.error).toBe('The link is too long (2097155 characters; at most 2097152).');
	});

	it('refuses valid gzip whose content is not JSON', async () => {
		expect((await decodeState('v1.' + (await gzipBase64Url('not json')))).error).toBe(
			'The link is damaged: its content is not valid JSON text.'
		);
	});

	it('refuses JSON of the wrong shape, saying which part is wrong', async () => {
		const cases: [unknown, string][] = [
			[[1, 2], 'The link does not hold a playground state.'],
			[
				{ v: 2, rule: '', events: '', flavour: 'microsoft_xdr' },
				'The link holds a state of an unknown version.'
			],
			[{ v: 1, events: '', flavour: 'microsoft_xdr' }, 'The link has no rule text.'],
			[{ v: 1, rule: '', events: 3, flavour: 'microsoft_xdr' }, 'The link has no events text.'],
			[
				{ v: 1, rule: '', events: '', flavour: 'splunk' },
				'The link names an unknown KQL flavour ("splunk").'
			],
			[
				{ v: 1, rule: '', events: '', flavour: 'azure_monitor', queryTable: 7 },
				'The link has a table override that is not text.'
			]
		];
		for (const [value, error] of cases) {
			const fragment = 'v1.' + (await gzipBase64Url(JSON.stringify(value)));
			expect(await decodeState(fragment)).toEqual({ state: null, error });
		}
	});

	it('drops unknown keys of an otherwise valid state', async () => {
		const value = { v: 1, rule: 'r', events: 'e', flavour: 'sentinel_asim', extra: { a: 1 } };
		const fragment = 'v1.' + (await gzipBase64Url(JSON.stringify(value)));
		expect(await decodeState(fragment)).toEqual({
			state: { v: 1, rule: 'r', events: 'e', flavour: 'sentinel_asim' },
			error: null
		});
	});
});
