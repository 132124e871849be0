import { describe, expect, it } from 'vitest';
import { parseRule } from '../../src/core/rule/parse-rule';
import { translate } from '../../src/core/translate/translate';

const yaml = `title: Cmd
logsource:
    category: process_creation
    product: windows
detection:
    selection:
        Image|endswith: '\\cmd.exe'
        User: x
    condition: selection
`;
const parsed = parseRule(yaml);

describe('a query table override', () => {
	it('is written as typed when it is no plain table name, with a warning', () => {
		const result = translate(parsed, 'sentinel_asim', { queryTable: 'bad table; drop' });
		expect(result.error).toBeNull();
		expect(result.queries).toEqual([
			'bad table; drop\n| where Image endswith "\\\\cmd.exe" and User =~ "x"'
		]);
		expect(result.diagnostics).toEqual([
			{
				code: 'translate_table_name_invalid',
				severity: 'warning',
				message:
					'The table "bad table; drop" is not a plain KQL table name and is written into the query as typed: a table name may contain only letters (A-Z, a-z), digits and underscores, and cannot start with a digit.',
				from: 0,
				to: 0,
				start: { line: 1, column: 0 },
				end: { line: 1, column: 0 },
				stage: 'translate'
			}
		]);
		const piped = translate(parsed, 'microsoft_xdr', { queryTable: 'x | take 1' });
		expect(piped.queries).toEqual([
			'x | take 1\n| where InitiatingProcessFolderPath endswith "\\\\cmd.exe" and InitiatingProcessAccountName =~ "x"'
		]);
		expect(piped.diagnostics.map((d) => [d.code, d.severity])).toEqual([
			['translate_table_name_invalid', 'warning']
		]);
		expect(translate(parsed, 'sentinel_asim', { queryTable: '1day' }).diagnostics[0].code).toBe(
			'translate_table_name_invalid'
		);
	});

	it("names the flavours that have a table outside this flavour's schema", () => {
		const result = translate(parsed, 'sentinel_asim', { queryTable: 'DeviceProcessEvents' });
		expect(result.queries).toEqual([
			'DeviceProcessEvents\n| where Image endswith "\\\\cmd.exe" and User =~ "x"'
		]);
		expect(result.diagnostics.map((d) => [d.code, d.severity, d.message, d.from, d.to])).toEqual([
			[
				'translate_table_outside_schema',
				'info',
				'The table "DeviceProcessEvents" is not in the Microsoft Sentinel (ASIM) schema (it is a table of Microsoft Defender XDR and Azure Monitor), so field names are not checked against its columns.',
				0,
				0
			]
		]);
	});

	it('says that field names of an unknown table are not checked', () => {
		const result = translate(parsed, 'azure_monitor', { queryTable: 'My_Table_CL' });
		expect(result.queries).toEqual([
			'My_Table_CL\n| where Image endswith "\\\\cmd.exe" and User =~ "x"'
		]);
		expect(result.diagnostics.map((d) => [d.code, d.severity, d.message])).toEqual([
			[
				'translate_table_outside_schema',
				'info',
				'The table "My_Table_CL" is not in the Azure Monitor schema, so field names are not checked against its columns.'
			]
		]);
	});

	it("adds nothing for a table of the flavour's schema", () => {
		const result = translate(parsed, 'sentinel_asim', { queryTable: 'imProcessCreate' });
		expect(result.queries).toEqual([
			'imProcessCreate\n| where TargetProcessName endswith "\\\\cmd.exe" and TargetUsername =~ "x"'
		]);
		expect(result.diagnostics).toEqual([]);
	});
});
