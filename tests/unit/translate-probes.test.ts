import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseRule } from '../../src/core/rule/parse-rule';
import type { FlavourId } from '../../src/core/translate/flavours/index';
import { translate } from '../../src/core/translate/translate';

/**
 * Probe rules written for this project (user/domain splits, hashes, registry keys, EventID table
 * choice, keywords, refusals...), each with the output the reference converter printed for every
 * flavour. Long refusal texts are stored as their start and length.
 */

interface Expected {
	queries?: string[];
	error?: { type: string; messageStart: string; messageLength: number };
}

interface Probe {
	name: string;
	rule: string;
	expected: Record<FlavourId, Expected>;
}

const probes: Probe[] = JSON.parse(
	readFileSync(new URL('./fixtures/translate-probes.json', import.meta.url), 'utf8')
);

describe('translation of probe rules matches the reference', () => {
	for (const probe of probes) {
		it(probe.name, () => {
			const parsed = parseRule(probe.rule);
			for (const [flavour, want] of Object.entries(probe.expected)) {
				const result = translate(parsed, flavour as FlavourId);
				if (want.error) {
					const ref = result.error?.reference;
					expect(ref?.type, flavour).toBe(want.error.type);
					expect(ref?.message.slice(0, 240), flavour).toBe(want.error.messageStart);
					expect(ref?.message.length, flavour).toBe(want.error.messageLength);
				} else {
					expect(result.error, flavour).toBeNull();
					expect(result.queries, flavour).toEqual(want.queries);
				}
			}
		});
	}
});
