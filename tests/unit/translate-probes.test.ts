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

/**
 * Probes where the reference's KQL is invalid in Microsoft's Kusto parser, and the valid query we
 * write instead (kql-validity.ts), or the code of our refusal; every other probe stays identical.
 */
const validity: Record<string, Partial<Record<FlavourId, string[] | { code: string }>>> = {
	// EventID is an int column of SecurityEvent: `=~ "4688"`, `in~ ("4720", "1")` and `=~ true`
	// are not defined for it.
	ev1: { azure_monitor: ['SecurityEvent\n| where EventID == 4688 and CommandLine =~ "x"'] },
	ev2: { azure_monitor: ['SecurityEvent\n| where (EventID in (4720, 1)) and CommandLine =~ "x"'] },
	ev8: {
		azure_monitor: ['SecurityEvent\n| where tostring(EventID) =~ "true" and NewProcessName =~ "x"']
	},
	ev13: {
		azure_monitor: ['SecurityEvent\n| where tostring(EventID) =~ " 1_1 " and NewProcessName =~ "x"']
	},
	val8: {
		azure_monitor: [
			'SecurityEvent\n| where (ipv4_is_in_range(column_ifexists("DestinationIp", dynamic(null)), "10.0.0.0/8") or ipv4_is_in_range(column_ifexists("DestinationIp", dynamic(null)), "fe80::/10")) and column_ifexists("DestinationPort", dynamic(null)) >= 1024'
		]
	},
	val10: {
		microsoft_xdr: [
			'DeviceProcessEvents\n| where (ProcessId in (4, 8)) and ProcessIntegrityLevel == 4.5'
		]
	},
	// Keywords become searches of every column.
	kw1: {
		sentinel_asim: [
			'imProcessCreate\n| where (* contains "evil" or * contains "C:\\\\x") or TargetProcessName =~ "x"'
		],
		microsoft_xdr: [
			'DeviceProcessEvents\n| where (* contains "evil" or * contains "C:\\\\x") or FolderPath =~ "x"'
		],
		azure_monitor: [
			'SecurityEvent\n| where (* contains "evil" or * contains "C:\\\\x") or NewProcessName =~ "x"'
		]
	},
	kw2: {
		sentinel_asim: ['imProcessCreate\n| where * contains "a" or * contains "b"'],
		microsoft_xdr: ['DeviceProcessEvents\n| where * contains "a" or * contains "b"'],
		azure_monitor: ['SecurityEvent\n| where * contains "a" or * contains "b"']
	},
	kw3: {
		sentinel_asim: ['imProcessCreate\n| where * contains "5" or * contains "a"'],
		microsoft_xdr: ['DeviceProcessEvents\n| where * contains "5" or * contains "a"'],
		azure_monitor: ['SecurityEvent\n| where * contains "5" or * contains "a"']
	}
};

describe('translation of probe rules matches the reference', () => {
	for (const probe of probes) {
		it(probe.name, () => {
			const parsed = parseRule(probe.rule);
			for (const [flavour, want] of Object.entries(probe.expected)) {
				const result = translate(parsed, flavour as FlavourId);
				const valid = validity[probe.name]?.[flavour as FlavourId];
				if (valid && 'code' in valid) {
					expect(result.error?.code, flavour).toBe(valid.code);
					expect(result.error?.reference, flavour).toBeUndefined();
				} else if (valid) {
					expect(valid, flavour).not.toEqual(want.queries);
					expect(result.queries, flavour).toEqual(valid);
				} else if (want.error) {
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
