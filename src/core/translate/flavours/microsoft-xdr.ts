import { registryPrefixSteps, type FlavourData } from './flavour-data';

/**
 * Microsoft Defender XDR advanced hunting tables (facts as in pySigma-backend-kusto 1.0.1).
 */
export const microsoftXdr: FlavourData = {
	categoryTables: {
		process_creation: 'DeviceProcessEvents',
		image_load: 'DeviceImageLoadEvents',
		file_access: 'DeviceFileEvents',
		file_change: 'DeviceFileEvents',
		file_delete: 'DeviceFileEvents',
		file_event: 'DeviceFileEvents',
		file_rename: 'DeviceFileEvents',
		registry_add: 'DeviceRegistryEvents',
		registry_delete: 'DeviceRegistryEvents',
		registry_event: 'DeviceRegistryEvents',
		registry_set: 'DeviceRegistryEvents',
		network_connection: 'DeviceNetworkEvents'
	},
	eventIdTables: {
		process: 'DeviceProcessEvents',
		logon: 'DeviceLogonEvents',
		registry: 'DeviceRegistryEvents',
		file: 'DeviceFileEvents',
		network: 'DeviceNetworkEvents',
		image_load: 'DeviceImageLoadEvents',
		pipe: 'DeviceEvents',
		wmi: 'DeviceEvents'
	},
	tableMappings: {
		DeviceProcessEvents: {
			ProcessId: 'ProcessId',
			Image: 'FolderPath',
			FileVersion: 'ProcessVersionInfoProductVersion',
			Description: 'ProcessVersionInfoFileDescription',
			Product: 'ProcessVersionInfoProductName',
			Company: 'ProcessVersionInfoCompanyName',
			OriginalFileName: 'ProcessVersionInfoOriginalFileName',
			CommandLine: 'ProcessCommandLine',
			User: 'AccountName',
			LogonId: 'LogonId',
			IntegrityLevel: 'ProcessIntegrityLevel',
			sha1: 'SHA1',
			sha256: 'SHA256',
			md5: 'MD5',
			ParentProcessId: 'InitiatingProcessId',
			ParentImage: 'InitiatingProcessFolderPath',
			ParentCommandLine: 'InitiatingProcessCommandLine',
			ParentUser: 'InitiatingProcessAccountName',
			GrandParentImage: 'InitiatingProcessParentFileName'
		},
		DeviceImageLoadEvents: {
			ProcessId: 'InitiatingProcessId',
			Image: 'InitiatingProcessFolderPath',
			ImageLoaded: 'FolderPath',
			FileVersion: 'InitiatingProcessVersionInfoProductVersion',
			Description: 'InitiatingProcessVersionInfoFileDescription',
			Product: 'InitiatingProcessVersionInfoProductName',
			Company: 'InitiatingProcessVersionInfoCompanyName',
			OriginalFileName: 'InitiatingProcessVersionInfoOriginalFileName',
			sha1: 'SHA1',
			sha256: 'SHA256',
			md5: 'MD5',
			User: 'InitiatingProcessAccountName'
		},
		DeviceFileEvents: {
			ProcessId: 'InitiatingProcessId',
			Image: 'InitiatingProcessFolderPath',
			TargetFilename: 'FolderPath',
			User: 'RequestAccountName',
			sha1: 'SHA1',
			sha256: 'SHA256',
			md5: 'MD5',
			ObjectName: 'FolderPath',
			IntegrityLevel: 'InitiatingProcessIntegrityLevel'
		},
		DeviceNetworkEvents: {
			ProcessId: 'InitiatingProcessId',
			Image: 'InitiatingProcessFolderPath',
			User: 'InitiatingProcessAccountName',
			Protocol: 'Protocol',
			SourceIp: 'LocalIP',
			SourceHostname: 'DeviceName',
			SourcePort: 'LocalPort',
			DestinationIp: 'RemoteIP',
			DestinationHostname: 'RemoteUrl',
			DestinationPort: 'RemotePort'
		},
		DeviceRegistryEvents: {
			EventType: 'ActionType',
			ProcessId: 'InitiatingProcessId',
			Image: 'InitiatingProcessFolderPath',
			TargetObject: 'RegistryKey',
			Details: 'RegistryValueData',
			User: 'InitiatingProcessAccountName',
			ObjectName: 'RegistryKey'
		}
	},
	genericMappings: {
		EventType: 'ActionType',
		User: 'InitiatingProcessAccountName',
		CommandLine: 'InitiatingProcessCommandLine',
		Image: 'InitiatingProcessFolderPath',
		ProcessName: 'InitiatingProcessFolderPath',
		SourceImage: 'InitiatingProcessFolderPath',
		ProcessId: 'InitiatingProcessId',
		md5: 'InitiatingProcessMD5',
		sha1: 'InitiatingProcessSHA1',
		sha256: 'InitiatingProcessSHA256',
		ParentProcessId: 'InitiatingProcessParentId',
		ParentCommandLine: 'InitiatingProcessParentCommandLine',
		Company: 'InitiatingProcessVersionInfoCompanyName',
		Description: 'InitiatingProcessVersionInfoFileDescription',
		OriginalFileName: 'InitiatingProcessVersionInfoOriginalFileName',
		Product: 'InitiatingProcessVersionInfoProductName'
	},
	steps: [
		{ kind: 'drop', fields: ['EventID', 'EventCode', 'ObjectType'] },
		{ kind: 'tableMap' },
		{ kind: 'genericMap' },
		{
			kind: 'map',
			mapping: { ParentImage: 'InitiatingProcessParentFileName' },
			unlessCategory: 'process_creation'
		},
		{
			kind: 'basename',
			fields: ['InitiatingProcessParentFileName'],
			unlessCategory: 'process_creation'
		},
		...registryPrefixSteps(
			['RegistryKey', 'PreviousRegistryKey'],
			['RegistryKey', 'PreviousRegistryKey']
		),
		{ kind: 'registryEventType', fields: ['ActionType'] },
		{
			kind: 'splitUser',
			fields: ['AccountName', 'InitiatingProcessAccountName'],
			domainFields: {
				AccountName: 'AccountDomain',
				RequestAccountName: 'RequestAccountDomain',
				InitiatingProcessAccountName: 'InitiatingProcessAccountDomain'
			}
		},
		{ kind: 'hashes', fields: ['Hashes'], algorithms: ['MD5', 'SHA1', 'SHA256'], prefix: '' },
		{ kind: 'drop', fields: ['Initiated'], category: 'network_connection' }
	],
	mappingWord: 'keymappings'
};
