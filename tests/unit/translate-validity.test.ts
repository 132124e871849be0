import { describe, expect, it } from 'vitest';
import { parseRule } from '../../src/core/rule/parse-rule';
import type { FlavourId } from '../../src/core/translate/flavours/index';
import { numberLiteral } from '../../src/core/translate/kql-validity';
import { translate, type TranslateOptions } from '../../src/core/translate/translate';
import { checkKql } from '../support/kusto-check';
import { sharedDir } from '../support/shared';

/**
 * Where the reference's KQL is invalid in Microsoft's Kusto parser, our translator writes valid
 * KQL of the same meaning (src/core/translate/kql-validity.ts). One small probe rule per kind of
 * defect, with the exact query; every query here also passes the parser when the shared schemas
 * are at hand.
 */

const produced: { query: string; flavour: FlavourId }[] = [];

/** A rule of a logsource category whose detection is `body` (YAML indented by two spaces). */
function ruleText(category: string, body: string): string {
	return `title: t\nlogsource:\n  product: windows\n  category: ${category}\ndetection:\n${body}`;
}

function kql(flavour: FlavourId, text: string, options: TranslateOptions = {}): string[] {
	const result = translate(parseRule(text), flavour, options);
	expect(result.error).toBeNull();
	for (const query of result.queries) produced.push({ query, flavour });
	return result.queries;
}

describe('a string operator on a column that is not a string', () => {
	it('lists numbers as numbers in `in`, and compares other values with the text', () => {
		const ports = ruleText(
			'network_connection',
			'  sel:\n    DestinationPort: [80, 443]\n  condition: sel\n'
		);
		expect(kql('sentinel_asim', ports)).toEqual([
			'imNetworkSession\n| where DstPortNumber in (80, 443)'
		]);
		const mixed = ruleText(
			'network_connection',
			"  sel:\n    DestinationPort: ['0x50', http, '44*']\n  condition: sel\n"
		);
		expect(kql('sentinel_asim', mixed)).toEqual([
			'imNetworkSession\n| where DstPortNumber in (80) or tostring(DstPortNumber) in~ ("http") or tostring(DstPortNumber) startswith "44"'
		]);
		const all = ruleText(
			'network_connection',
			'  sel:\n    DestinationPort|all: [80, 443]\n  condition: sel\n'
		);
		expect(kql('sentinel_asim', all)).toEqual([
			'imNetworkSession\n| where tostring(DstPortNumber) has_all ("80", "443")'
		]);
	});

	it('compares a string that spells a number, hexadecimal too, as that number', () => {
		const hex = ruleText(
			'process_creation',
			"  sel:\n    LogonId: '0x3e7'\n    User|contains: 'AUTHORI'\n  condition: sel\n"
		);
		expect(kql('microsoft_xdr', hex)).toEqual([
			'DeviceProcessEvents\n| where LogonId == 999 and AccountName contains "AUTHORI"'
		]);
		const list = ruleText(
			'process_creation',
			"  sel:\n    LogonId: ['0x3e7', 'null', '-7']\n  condition: sel\n"
		);
		expect(kql('microsoft_xdr', list)).toEqual([
			'DeviceProcessEvents\n| where LogonId in (999, -7) or tostring(LogonId) in~ ("null")'
		]);
		expect([
			numberLiteral('0080'),
			numberLiteral('1.50'),
			numberLiteral('9223372036854775808')
		]).toEqual(['80', '1.50', null]);
	});

	it('matches a datetime column by its text', () => {
		const created = ruleText(
			'file_event',
			"  sel:\n    CreationUtcTime|startswith: '2024-01-'\n  condition: sel\n"
		);
		expect(kql('sentinel_asim', created)).toEqual([
			'imFileEvent\n| where tostring(TargetFileCreationTime) startswith "2024-01-"'
		]);
	});

	it('turns the column into text for a network range, and a string into a number for `<`', () => {
		const range = ruleText(
			'network_connection',
			'  sel:\n    DestinationPort|cidr: 10.0.0.0/8\n    DestinationPort|gt: 5\n  condition: sel\n'
		);
		expect(kql('sentinel_asim', range)).toEqual([
			'imNetworkSession\n| where ipv4_is_in_range(tostring(DstPortNumber), "10.0.0.0/8") and DstPortNumber > 5'
		]);
		const flags = ruleText(
			'process_creation',
			'  sel:\n    IsProcessRemoteSession: true\n    ProcessCommandLine|lt: 5\n  condition: sel\n'
		);
		expect(kql('microsoft_xdr', flags, { queryTable: 'DeviceProcessEvents' })).toEqual([
			'DeviceProcessEvents\n| where IsProcessRemoteSession == true and toreal(ProcessCommandLine) < 5'
		]);
	});
});

describe('a Sigma boolean', () => {
	it('compares a string column with the word, case-insensitively', () => {
		const initiated = ruleText(
			'network_connection',
			'  sel:\n    Initiated: true\n    DestinationPort: 9389\n  condition: sel\n'
		);
		expect(kql('sentinel_asim', initiated)).toEqual([
			'imNetworkSession\n| where NetworkDirection =~ "true" and DstPortNumber == 9389'
		]);
	});

	it('stays as the reference writes it on a custom table, whose columns are unknown', () => {
		const custom = ruleText(
			'process_creation',
			'  sel:\n    F: true\n    G: [1, 2]\n  condition: sel\n'
		);
		expect(translate(parseRule(custom), 'microsoft_xdr', { queryTable: 'T' }).queries).toEqual([
			'T\n| where F =~ true and (G in~ ("1", "2"))'
		]);
	});
});

describe('keywords', () => {
	it('search every column for a substring, or for a case-insensitive regex of an inner glob', () => {
		const words = ruleText(
			'process_creation',
			"  keywords:\n    - evil\n    - '*bad*'\n    - 'ev*il?'\n    - 42\n    - 'C:\\\\*'\n  condition: keywords\n"
		);
		expect(kql('microsoft_xdr', words)).toEqual([
			'DeviceProcessEvents\n| where * contains "evil" or * contains "bad" or * matches regex "(?i)ev.*il." or * contains "42" or * contains "C:\\\\"'
		]);
	});

	it('keep their and/not structure and escaping, and a keyword regex stays a regex', () => {
		const all = ruleText(
			'process_creation',
			"  keywords:\n    '|all':\n      - 'a\"b'\n      - 'x*'\n  sel:\n    Image|endswith: '\\x.exe'\n  condition: keywords and not sel\n"
		);
		expect(kql('microsoft_xdr', all)).toEqual([
			'DeviceProcessEvents\n| where (* contains "a\\"b" and * contains "x") and (not(FolderPath endswith "\\\\x.exe"))'
		]);
		const re = ruleText(
			'process_creation',
			"  keywords:\n    '|re': 'a.*b'\n  condition: keywords\n"
		);
		expect(kql('azure_monitor', re)).toEqual(['SecurityEvent\n| where * matches regex "a.*b"']);
	});
});

describe('string literals the backend breaks', () => {
	it('writes an escaped backslash before a re-parsed wildcard as the text the rule means', () => {
		// `\\\\\*` is two backslashes and a literal star, `\\\*` one backslash and a star; the
		// backend re-parses each part, which breaks the first literal and drops a backslash from
		// the second (valid KQL, so kept).
		const greedy = ruleText(
			'process_creation',
			"  sel:\n    CommandLine|contains:\n      - 'x?:\\\\\\\\\\*.'\n      - 'x?:\\\\\\*.'\n      - 'y'\n  condition: sel\n"
		);
		expect(kql('microsoft_xdr', greedy)).toEqual([
			'DeviceProcessEvents\n| where (ProcessCommandLine contains "x" and ProcessCommandLine contains ":\\\\\\\\*.") or (ProcessCommandLine contains "x" and ProcessCommandLine contains ":*.") or ProcessCommandLine contains "y"'
		]);
	});

	it('escapes line breaks, which end a KQL string', () => {
		const lines = ruleText(
			'process_creation',
			'  sel:\n    CommandLine: "a\\nb"\n    Image|re: "c\\nd"\n  condition: sel\n'
		);
		expect(kql('microsoft_xdr', lines)).toEqual([
			'DeviceProcessEvents\n| where ProcessCommandLine =~ "a\\nb" and FolderPath matches regex "c\\nd"'
		]);
	});
});

describe('a field whose column the table lacks', () => {
	const tunnel = ruleText(
		'network_connection',
		"  sel:\n    Image|endswith: '\\x.exe'\n    DestinationHostname|endswith: '.ngrok.io'\n  condition: sel\n"
	);

	it('reads it with column_ifexists and warns on its line, naming column and table', () => {
		const result = translate(parseRule(tunnel), 'azure_monitor');
		expect(result.error).toBeNull();
		expect(result.queries).toEqual([
			'SecurityEvent\n| where NewProcessName endswith "\\\\x.exe" and column_ifexists("DestinationHostname", dynamic(null)) endswith ".ngrok.io"'
		]);
		expect(result.diagnostics).toEqual([
			{
				code: 'translate_column_missing',
				severity: 'warning',
				message:
					'Table SecurityEvent has no column DestinationHostname. The query reads it with column_ifexists(), which is null on this table, so only a test for a missing value can hold.',
				from: 121,
				to: 149,
				start: { line: 8, column: 4 },
				end: { line: 8, column: 32 },
				stage: 'translate'
			}
		]);
	});

	it('does not matter when the condition leaves it out', () => {
		const unused = ruleText(
			'network_connection',
			"  sel:\n    Image|endswith: '\\x.exe'\n  other:\n    DestinationHostname: x\n  condition: sel\n"
		);
		expect(kql('azure_monitor', unused)).toEqual([
			'SecurityEvent\n| where NewProcessName endswith "\\\\x.exe"'
		]);
	});

	it('leaves a refusal of the reference in a later rule of the collection in force', () => {
		const cased = ruleText('process_creation', '  sel:\n    Image|cased: x\n  condition: sel\n');
		const result = translate(parseRule(`${tunnel}---\n${cased}`), 'azure_monitor');
		expect(result.error?.reference).toEqual({
			type: 'NotImplementedError',
			message:
				'Case-sensitive string matching is not supported by backend. (while converting rule None)'
		});
	});
});

describe.skipIf(!sharedDir())('the queries above in the Kusto parser', () => {
	it('have no errors and use known columns only', () => {
		expect(produced.length).toBeGreaterThan(10);
		const problems = produced.filter(
			({ query, flavour }) => checkKql(query, flavour).errors.length
		);
		expect(problems).toEqual([]);
	});
});
