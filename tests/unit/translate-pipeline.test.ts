import { describe, expect, it } from 'vitest';
import {
	columnToSigmaFields,
	flavours,
	isFlavourId
} from '../../src/core/translate/flavours/index';
import type { FlavourId } from '../../src/core/translate/flavours/index';
import { translate } from '../../src/core/translate/translate';
import { and, anyOf, item, map, not, num, parsed, ref, rule, s } from '../support/rule-builders';

function run(flavour: FlavourId, r: ReturnType<typeof rule>, queryTable?: string): string {
	const result = translate(parsed(r), flavour, queryTable ? { queryTable } : {});
	if (result.error)
		return `ERROR ${result.error.reference?.type}: ${result.error.reference?.message}`;
	return result.queries.join('\n---\n');
}

const processCreation = rule(
	{ category: 'process_creation', product: 'windows' },
	{
		sel: map(
			item('Image', [s('*\\cmd.exe')]),
			item('ParentImage', [s('*\\explorer.exe')]),
			item('CommandLine', [s('*x*')]),
			item('User', [s('DOMAIN\\bob')])
		)
	},
	ref('sel')
);

describe('pipelines on process_creation (semantics D.8)', () => {
	it('sentinel_asim maps ParentImage to two columns', () => {
		expect(run('sentinel_asim', processCreation)).toBe(
			'imProcessCreate\n| where TargetProcessName endswith "\\\\cmd.exe" and (ParentProcessName endswith "\\\\explorer.exe" or ActingProcessName endswith "\\\\explorer.exe") and TargetProcessCommandLine contains "x" and TargetUsername =~ "DOMAIN\\\\bob"'
		);
	});
	it('microsoft_xdr splits the user and domain', () => {
		expect(run('microsoft_xdr', processCreation)).toBe(
			'DeviceProcessEvents\n| where FolderPath endswith "\\\\cmd.exe" and InitiatingProcessFolderPath endswith "\\\\explorer.exe" and ProcessCommandLine contains "x" and (AccountName =~ "bob" and AccountDomain =~ "DOMAIN")'
		);
	});
	it('azure_monitor maps to SecurityEvent', () => {
		expect(run('azure_monitor', processCreation)).toBe(
			'SecurityEvent\n| where NewProcessName endswith "\\\\cmd.exe" and ParentProcessName endswith "\\\\explorer.exe" and CommandLine contains "x" and SubjectUserName =~ "DOMAIN\\\\bob"'
		);
	});
	it('the seed rule of semantics C.6 comes out exactly', () => {
		const seed = rule(
			{ category: 'process_creation', product: 'linux' },
			{
				selection: map(
					item(
						'Image',
						['/who', '/w', '/last', '/lsof', '/netstat'].map((x) => s('*' + x))
					)
				),
				filter_landscape: map(
					item('ParentCommandLine', [s('*/usr/bin/landscape-sysinfo*')]),
					item('Image', [s('*/who')])
				)
			},
			and(ref('selection'), not(ref('filter_landscape')))
		);
		expect(run('sentinel_asim', seed)).toBe(
			'imProcessCreate\n| where (TargetProcessName endswith "/who" or TargetProcessName endswith "/w" or TargetProcessName endswith "/last" or TargetProcessName endswith "/lsof" or TargetProcessName endswith "/netstat") and (not((ActingProcessCommandLine contains "/usr/bin/landscape-sysinfo" and TargetProcessName endswith "/who")))'
		);
	});
});

describe('pipelines on other categories (semantics D.8)', () => {
	const fileEvent = rule(
		{ category: 'file_event', product: 'windows' },
		{
			sel: map(
				item('TargetFilename', [s('*.exe')]),
				item('Image', [s('*\\x.exe')]),
				item('ParentImage', [s('*\\p.exe')]),
				item('CommandLine', [s('*c*')]),
				item('User', [s('u')])
			)
		},
		ref('sel')
	);
	it('file_event in all flavours', () => {
		expect(run('sentinel_asim', fileEvent)).toBe(
			'imFileEvent\n| where TargetFileName endswith ".exe" and TargetFilePath endswith "\\\\x.exe" and ActingProcessName endswith "\\\\p.exe" and ActingProcessCommandLine contains "c" and ActorUsername =~ "u"'
		);
		expect(run('microsoft_xdr', fileEvent)).toBe(
			'DeviceFileEvents\n| where FolderPath endswith ".exe" and InitiatingProcessFolderPath endswith "\\\\x.exe" and InitiatingProcessParentFileName =~ "p.exe" and InitiatingProcessCommandLine contains "c" and RequestAccountName =~ "u"'
		);
		expect(run('azure_monitor', fileEvent)).toBe(
			'SecurityEvent\n| where ObjectName endswith ".exe" and NewProcessName endswith "\\\\x.exe" and ParentProcessName endswith "\\\\p.exe" and CommandLine contains "c" and SubjectUserName =~ "u"'
		);
	});
	it('registry_set rewrites keys and event types', () => {
		const reg = rule(
			{ category: 'registry_set', product: 'windows' },
			{
				sel: map(
					item('TargetObject', [s('*HKLM\\SYSTEM\\CurrentControlSet\\Services*')]),
					item('EventType', [s('SetValue')]),
					item('Details', [s('DWORD (0x00000001)')]),
					item('Image', [s('*\\reg.exe')])
				)
			},
			ref('sel')
		);
		expect(run('sentinel_asim', reg)).toBe(
			'imRegistry\n| where RegistryKey contains "HKLM\\\\SYSTEM\\\\CurrentControlSet\\\\Services" and EventType =~ "RegistryValueSet" and RegistryValueData =~ "DWORD (0x00000001)" and ActingProcessName endswith "\\\\reg.exe"'
		);
		const prefixes = rule(
			{ category: 'registry_set', product: 'windows' },
			{
				sel: map(
					item('TargetObject', [
						s('HKLM\\Software\\x*'),
						s('HKU\\S-1*'),
						s('HKCR\\foo*'),
						s('HKLM\\SYSTEM\\CurrentControlSet\\x*')
					])
				)
			},
			ref('sel')
		);
		expect(run('microsoft_xdr', prefixes)).toBe(
			'DeviceRegistryEvents\n| where RegistryKey startswith "HKEY_LOCAL_MACHINE\\\\Software\\\\x" or RegistryKey startswith "HKEY_USERS\\\\S-1" or RegistryKey startswith "HKEY_LOCAL_MACHINE\\\\CLASSES\\\\foo" or RegistryKey startswith "HKEY_LOCAL_MACHINE\\\\SYSTEM\\\\CurrentControlSet001\\\\x"'
		);
		const deleteKey = rule(
			{ category: 'registry_event' },
			{ sel: map(item('EventType', [s('DeleteKey')])) },
			ref('sel')
		);
		expect(run('microsoft_xdr', deleteKey)).toBe(
			'DeviceRegistryEvents\n| where ActionType in~ ("RegistryKeyDeleted", "RegistryValueDeleted")'
		);
	});
	it('network_connection keeps Initiated only in asim', () => {
		const net = rule(
			{ category: 'network_connection', product: 'windows' },
			{
				sel: map(
					item('DestinationIp', [{ type: 'cidr', cidr: '10.0.0.0/8', version: 4 }]),
					item('DestinationPort', [num(443)]),
					item('Initiated', [s('true')]),
					item('Image', [s('*\\x.exe')]),
					item('DestinationHostname', [s('*.com')])
				)
			},
			ref('sel')
		);
		expect(run('sentinel_asim', net)).toBe(
			'imNetworkSession\n| where ipv4_is_in_range(DstIpAddr, "10.0.0.0/8") and DstPortNumber == 443 and NetworkDirection =~ "true" and (SrcProcessName endswith "\\\\x.exe" or DstProcessName endswith "\\\\x.exe") and DstHostname endswith ".com"'
		);
		expect(run('microsoft_xdr', net)).toBe(
			'DeviceNetworkEvents\n| where ipv4_is_in_range(RemoteIP, "10.0.0.0/8") and RemotePort == 443 and InitiatingProcessFolderPath endswith "\\\\x.exe" and RemoteUrl endswith ".com"'
		);
	});
});

describe('table choice and refusals (semantics D.2, D.6, D.7)', () => {
	it('uses the EventID table when there is no category, and drops EventID', () => {
		const logon = rule(
			{ product: 'windows', service: 'security' },
			{ selection: map(item('EventID', [num(4624)]), item('LogonType', [num(3)])) },
			ref('selection')
		);
		expect(run('microsoft_xdr', logon)).toBe('DeviceLogonEvents\n| where LogonType == 3');
		expect(run('azure_monitor', logon)).toBe(
			'SecurityEvent\n| where EventID == 4624 and LogonType == 3'
		);
		const onlyIds = rule(
			{ product: 'windows' },
			{ selection: map(item('EventID', [num(4720), num(4688)])) },
			ref('selection')
		);
		expect(run('sentinel_asim', onlyIds)).toBe('');
		// EventID is a number column of SecurityEvent: the reference's `in~ ("4720", "4688")` is
		// invalid KQL there, so the numbers are listed as numbers.
		expect(run('azure_monitor', onlyIds)).toBe('SecurityEvent\n| where EventID in (4720, 4688)');
	});
	it('refuses unknown tables and invalid fields with the reference text', () => {
		const dns = rule({ category: 'dns' }, { sel: map(item('QueryName', [s('x')])) }, ref('sel'));
		expect(run('sentinel_asim', dns)).toMatch(
			/^ERROR SigmaTransformationError: Unable to determine table name from rule\.  The query/
		);
		const original = rule(
			{ category: 'process_creation' },
			{ sel: map(item('OriginalFileName', [s('cmd.exe')])) },
			ref('sel')
		);
		expect(run('sentinel_asim', original)).toMatch(
			/^ERROR SigmaTransformationError: Invalid SigmaDetectionItem field name encountered: TargetProcessFilename\. Please use valid fields for the imProcessCreate table, or the following fields that have fieldmappings in this pipeline:\nActingProcessCommandLine, /
		);
		expect(run('microsoft_xdr', original)).toBe(
			'DeviceProcessEvents\n| where ProcessVersionInfoOriginalFileName =~ "cmd.exe"'
		);
	});
	it('honours a custom query table', () => {
		const custom = rule(
			{ category: 'process_creation' },
			{ sel: map(item('User', [s('x')]), item('Computer', [s('y')])) },
			ref('sel')
		);
		expect(run('sentinel_asim', custom, 'MyCustom')).toBe(
			'MyCustom\n| where User =~ "x" and DvcHostname =~ "y"'
		);
		expect(run('microsoft_xdr', custom, 'MyCustom')).toBe(
			'MyCustom\n| where InitiatingProcessAccountName =~ "x" and Computer =~ "y"'
		);
	});
	it('splits hashes per algorithm', () => {
		const hashes = rule(
			{ category: 'process_creation' },
			{ sel: map(item('Hashes', [s('*MD5=AA*'), s('*SHA256=BB*'), s('*IMPHASH=CC*')])) },
			ref('sel')
		);
		expect(run('microsoft_xdr', hashes)).toBe(
			'DeviceProcessEvents\n| where MD5 startswith "AA" or SHA256 startswith "BB"'
		);
		expect(run('azure_monitor', hashes)).toBe(
			'SecurityEvent\n| where FileHash startswith "AA" or FileHash startswith "BB" or FileHash startswith "CC"'
		);
	});
	it('refuses a rule whose NOT operand vanished', () => {
		const r = rule(
			{ category: 'process_creation' },
			{
				sel: map(item('Image', [s('x')])),
				filter: anyOf(map(item('EventID', [num(1)])), map(item('EventID', [num(2)])))
			},
			and(ref('sel'), not(ref('filter')))
		);
		expect(run('sentinel_asim', r)).toBe(
			'imProcessCreate\n| where TargetProcessName =~ "x" and (not(None))'
		);
	});
});

describe('flavour list and column back-mapping', () => {
	it('lists the three flavours', () => {
		expect(flavours.map((f) => f.id)).toEqual(['sentinel_asim', 'microsoft_xdr', 'azure_monitor']);
		expect(flavours[2].tables).toHaveLength(698);
		expect(isFlavourId('microsoft_xdr')).toBe(true);
		expect(isFlavourId('splunk')).toBe(false);
	});
	it('maps columns back to Sigma fields', () => {
		const xdr = columnToSigmaFields('microsoft_xdr', 'DeviceProcessEvents');
		expect(xdr.get('FolderPath')).toEqual(['Image']);
		expect(xdr.get('InitiatingProcessAccountName')).toEqual(['ParentUser', 'User']);
		const asim = columnToSigmaFields('sentinel_asim', 'imProcessCreate');
		expect(asim.get('ActingProcessName')).toEqual([
			'ParentImage',
			'SourceImage',
			'InitiatingProcessFolderPath',
			'ProcessName'
		]);
	});
});
