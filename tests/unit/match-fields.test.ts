import { describe, expect, it } from 'vitest';
import { viewOf } from '../../src/core/match/event-shape';
import { compileFieldAccess } from '../../src/core/match/field-access';
import { compileMatcher, matchEvent } from '../../src/core/match/match';
import { parseRule } from '../../src/core/rule/parse-rule';
import type { SigmaValue } from '../../src/core/rule/model';
import { contains, endswith, fires, item, map, num, str } from '../support/rule-builders';

const one = (field: string, value: SigmaValue, event: unknown): boolean =>
	fires(map(item(field, [value])), event);

/** A Sysmon process-creation record as evtx_dump writes it. */
const evtx = {
	Event: {
		'#attributes': { xmlns: 'http://schemas.microsoft.com/win/2004/08/events/event' },
		System: {
			Provider: { '#attributes': { Name: 'Microsoft-Windows-Sysmon', Guid: '5770385F' } },
			EventID: 1,
			Channel: 'Microsoft-Windows-Sysmon/Operational',
			Computer: 'host1',
			Security: { '#attributes': { UserID: 'S-1-5-18' } }
		},
		EventData: { Image: 'C:\\Windows\\System32\\cmd.exe', ProcessId: 3412, RuleName: '-' }
	}
};

/** A Security record with a Data list, as xmltodict writes it. */
const xmltodict = {
	Event: {
		'@xmlns': 'http://schemas.microsoft.com/win/2004/08/events/event',
		System: {
			Provider: { '@Name': 'Microsoft-Windows-Security-Auditing' },
			EventID: { '@Qualifiers': '', '#text': '4688' },
			Channel: 'Security'
		},
		EventData: {
			Data: [
				{ '@Name': 'NewProcessName', '#text': 'C:\\Windows\\System32\\whoami.exe' },
				{ '@Name': 'SubjectUserName', '#text': 'alice' }
			]
		}
	}
};

describe('Windows events', () => {
	it('resolve bare names under EventData', () => {
		expect(one('Image', endswith('\\cmd.exe'), evtx)).toBe(true);
		expect(one('ProcessId', num(3412), evtx)).toBe(true);
	});

	it('resolve the System aliases', () => {
		expect(one('EventID', num(1), evtx)).toBe(true);
		expect(one('Channel', str('microsoft-windows-sysmon/operational'), evtx)).toBe(true);
		expect(one('Provider_Name', str('Microsoft-Windows-Sysmon'), evtx)).toBe(true);
		expect(one('Computer', str('HOST1'), evtx)).toBe(true);
	});

	it('resolve dotted paths from the root and from Event', () => {
		expect(one('Event.System.Computer', str('host1'), evtx)).toBe(true);
		expect(one('System.Computer', str('host1'), evtx)).toBe(true);
		expect(one('EventData.Image', contains('cmd'), evtx)).toBe(true);
	});

	it('read Data lists and #text wrappers (xmltodict)', () => {
		expect(one('NewProcessName', endswith('\\whoami.exe'), xmltodict)).toBe(true);
		expect(one('SubjectUserName', str('ALICE'), xmltodict)).toBe(true);
		expect(one('EventID', num(4688), xmltodict)).toBe(true);
		expect(one('Provider_Name', str('Microsoft-Windows-Security-Auditing'), xmltodict)).toBe(true);
	});

	it('read Data lists with #attributes names (evtx XML converters)', () => {
		const event = {
			Event: {
				System: { EventID: 4104, Channel: 'Microsoft-Windows-PowerShell/Operational' },
				EventData: {
					Data: [{ '#attributes': { Name: 'ScriptBlockText' }, '#text': 'Invoke-Mimikatz' }]
				}
			}
		};
		expect(one('ScriptBlockText', contains('mimikatz'), event)).toBe(true);
	});

	it('extract Key=Value lines from unnamed classic PowerShell Data (hayabusa-rules#514)', () => {
		const event = {
			Event: {
				System: { EventID: 400, Channel: 'Windows PowerShell' },
				EventData: {
					Data: [
						'Available',
						'None',
						'\tNewEngineState=Available\r\n\tHostName=ConsoleHost\r\n\tHostApplication=powershell.exe -nop -w hidden\r\n'
					]
				}
			}
		};
		expect(one('HostApplication', contains('-w hidden'), event)).toBe(true);
		expect(one('HostName', str('ConsoleHost'), event)).toBe(true);
		expect(one('Data', contains('HostApplication=powershell'), event)).toBe(true);
	});

	it('read UserData fields', () => {
		const event = {
			Event: {
				System: { EventID: 5858, Channel: 'Microsoft-Windows-WMI-Activity/Operational' },
				UserData: { Operation_ClientFailure: { ClientProcessId: 25920, Operation: 'Start x' } }
			}
		};
		expect(one('ClientProcessId', num(25920), event)).toBe(true);
		expect(one('Operation', contains('start'), event)).toBe(true);
	});

	it('find names written with spaces under their Sigma spelling', () => {
		const event = {
			Event: {
				System: { EventID: 1116, Channel: 'Microsoft-Windows-Windows Defender/Operational' },
				EventData: {
					'Threat Name': 'Virus:DOS/EICAR_Test_File',
					'Source Name': 'Real-Time Protection'
				}
			}
		};
		expect(one('ThreatName', endswith('EICAR_Test_File'), event)).toBe(true);
		expect(one('SourceName', str('Real-Time Protection'), event)).toBe(true);
		expect(one('Threat Name', contains('eicar'), event)).toBe(true);
	});

	it('report the path of the value found', () => {
		expect(compileFieldAccess('Image').locate(viewOf(evtx))).toEqual([
			{ value: 'C:\\Windows\\System32\\cmd.exe', path: ['Event', 'EventData', 'Image'] }
		]);
		expect(compileFieldAccess('NewProcessName').locate(viewOf(xmltodict))[0].path).toEqual([
			'Event',
			'EventData',
			'Data',
			0
		]);
		expect(compileFieldAccess('Provider_Name').locate(viewOf(evtx))[0].path).toEqual([
			'Event',
			'System',
			'Provider'
		]);
	});
});

describe('Winlogbeat events', () => {
	const event = {
		winlog: {
			channel: 'Security',
			event_id: 4688,
			provider_name: 'Microsoft-Windows-Security-Auditing',
			computer_name: 'dc1',
			event_data: { NewProcessName: 'C:\\x\\whoami.exe' }
		}
	};

	it('resolve bare names under event_data and the header aliases', () => {
		expect(one('NewProcessName', endswith('whoami.exe'), event)).toBe(true);
		expect(one('EventID', num(4688), event)).toBe(true);
		expect(one('Channel', str('security'), event)).toBe(true);
		expect(one('Computer', str('DC1'), event)).toBe(true);
		expect(one('winlog.event_data.NewProcessName', contains('whoami'), event)).toBe(true);
	});
});

describe('nested JSON', () => {
	it('tries the literal dotted key first, then walks', () => {
		const event = { 'process.name': 'literal', process: { name: 'nested' } };
		expect(one('process.name', str('literal'), event)).toBe(true);
		expect(one('process.name', str('nested'), event)).toBe(false);
		expect(one('process.name', str('nested'), { process: { name: 'nested' } })).toBe(true);
	});

	it('walks through arrays and matches when any element matches', () => {
		const event = { answers: [{ data: '1.2.3.4' }, { data: 'evil.example' }] };
		expect(one('answers.data', str('evil.example'), event)).toBe(true);
		expect(compileFieldAccess('answers.data').locate(viewOf(event))[1].path).toEqual([
			'answers',
			1,
			'data'
		]);
	});

	it('treats field names case-sensitively', () => {
		expect(one('image', contains('cmd'), { Image: 'cmd.exe' })).toBe(false);
	});

	it('never matches a string pattern against an object', () => {
		expect(one('process', contains('name'), { process: { name: 'x' } })).toBe(false);
	});
});

describe('rows exported from a flavour', () => {
	const yaml = `title: Whoami from cmd
logsource:
    product: windows
    category: process_creation
detection:
    selection:
        Image|endswith: '\\whoami.exe'
        ParentImage|endswith: '\\cmd.exe'
        User|contains: 'alice'
    condition: selection
`;
	const row = {
		FolderPath: 'C:\\Windows\\System32\\whoami.exe',
		InitiatingProcessFolderPath: 'C:\\Windows\\System32\\cmd.exe',
		AccountName: 'alice'
	};

	it('resolve Sigma fields to the columns the flavour maps them to', () => {
		const xdr = compileMatcher(parseRule(yaml), { flavour: 'microsoft_xdr' });
		const result = matchEvent(xdr, row);
		expect(result.match).toBe(true);
		expect(result.explanation?.selections[0].items.map((i) => i.path)).toEqual([
			['FolderPath'],
			['InitiatingProcessFolderPath'],
			['AccountName']
		]);
	});

	it('do not without a flavour', () => {
		expect(matchEvent(compileMatcher(parseRule(yaml)), row).match).toBe(false);
	});

	it('still prefer the Sigma field name when the row has it', () => {
		const xdr = compileMatcher(parseRule(yaml), { flavour: 'microsoft_xdr' });
		expect(matchEvent(xdr, { ...row, Image: 'C:\\x\\calc.exe' }).match).toBe(false);
	});
});
