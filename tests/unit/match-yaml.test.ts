import { describe, expect, it } from 'vitest';
import { compileMatcher, matchEvent } from '../../src/core/match/match';
import { parseRule } from '../../src/core/rule/parse-rule';

/** Compiles a rule whose detection is the given YAML lines, and returns a tester of events. */
function detection(lines: string, options = {}) {
	const parsed = parseRule(
		`title: T\nlogsource:\n    product: windows\ndetection:\n${lines}\n    condition: selection\n`
	);
	const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
	expect(errors).toEqual([]);
	const matcher = compileMatcher(parsed, options);
	return { matcher, hits: (event: unknown) => matchEvent(matcher, event).match };
}

describe('modifiers read from YAML', () => {
	it('windash|contains|all: every flag in any dash form', () => {
		const { hits } = detection(
			"    selection:\n        CommandLine|windash|contains|all:\n            - '-a'\n            - '-b'"
		);
		expect(hits({ CommandLine: 'x /a \u2013b' })).toBe(true);
		expect(hits({ CommandLine: 'x /a' })).toBe(false);
	});

	it('base64offset|contains: any of the three offsets', () => {
		const { hits } = detection("    selection:\n        CommandLine|base64offset|contains: 'abc'");
		expect(hits({ CommandLine: 'powershell -e xxYWJjxx' })).toBe(true);
		expect(hits({ CommandLine: 'powershell -e xxFiYxx' })).toBe(true);
		expect(hits({ CommandLine: 'powershell -e xxhYmxx' })).toBe(true);
		expect(hits({ CommandLine: 'powershell -e xxYWJxx' })).toBe(false);
	});

	it('wide|base64offset|contains: UTF-16LE before Base64', () => {
		const { hits } = detection(
			"    selection:\n        CommandLine|wide|base64offset|contains: 'ping'"
		);
		expect(hits({ CommandLine: `-enc ${Buffer.from('ping', 'utf16le').toString('base64')}` })).toBe(
			true
		);
	});

	it('cidr, re|i, gt, exists, fieldref and hour', () => {
		const { hits } = detection(
			[
				'    selection:',
				"        DestinationIp|cidr: '10.0.0.0/8'",
				"        CommandLine|re|i: 'INVOKE-\\w+'",
				'        Count|gt: 5',
				'        Hashes|exists: true',
				'        User|fieldref: TargetUser',
				'        UtcTime|hour: 23'
			].join('\n')
		);
		const event = {
			DestinationIp: '10.1.2.3',
			CommandLine: 'invoke-mimikatz',
			Count: '6',
			Hashes: '',
			User: 'Bob',
			TargetUser: 'bob',
			UtcTime: '2024-05-01 23:59:00.000'
		};
		expect(hits(event)).toBe(true);
		expect(hits({ ...event, Count: 5 })).toBe(false);
		expect(hits({ ...event, UtcTime: '2024-05-01 22:59:00.000' })).toBe(false);
	});

	it('expand: placeholder values from the options, a diagnostic without them', () => {
		const lines = "    selection:\n        User|expand: '%Admins%'";
		const none = detection(lines);
		expect(none.hits({ User: 'root' })).toBe(false);
		expect(none.matcher.diagnostics.map((d) => d.code)).toEqual(['match_placeholder_unresolved']);
		const given = detection(lines, { placeholders: { Admins: ['root', 'adm_*'] } });
		expect(given.hits({ User: 'ADM_x' })).toBe(true);
		expect(given.matcher.diagnostics).toEqual([]);
	});

	it('keywords with |all and with a modifier key', () => {
		const all = detection(
			"    selection:\n        '|all':\n            - 'sekurlsa'\n            - 'logonpasswords'"
		);
		expect(all.hits({ a: 'sekurlsa::logonpasswords' })).toBe(true);
		expect(all.hits({ a: 'sekurlsa::tickets' })).toBe(false);
	});
});
