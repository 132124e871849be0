import type { LogSource } from '../rule/model';
import type { FieldAccess } from './field-access';
import { compileFieldAccess } from './field-access';
import type { EventView } from './event-shape';
import { numberOf, textOf } from './leaf';
import type { LogsourceVerdict } from './match-types';

/**
 * Which Windows event log records a Sigma logsource can come from, after the Sigma logsource
 * conventions (the Sysmon event ids per category, the Windows audit equivalents, and the
 * channel of each service). The matcher only sets an event aside when its channel or event id
 * clearly belongs to another logsource; logsources missing here never exclude anything.
 */

const sysmon = 'microsoft-windows-sysmon/operational';
const security = 'security';
const powershell = ['microsoft-windows-powershell/operational', 'powershellcore/operational'];
const powershellClassic = 'windows powershell';

/** For each category: the event ids accepted per channel (an empty list accepts any id). */
const categories: Record<string, Record<string, number[]>> = {
	process_creation: { [sysmon]: [1], [security]: [4688] },
	process_termination: { [sysmon]: [5], [security]: [4689] },
	network_connection: { [sysmon]: [3], [security]: [5156] },
	file_change: { [sysmon]: [2] },
	driver_load: { [sysmon]: [6] },
	image_load: { [sysmon]: [7] },
	create_remote_thread: { [sysmon]: [8] },
	raw_access_thread: { [sysmon]: [9] },
	process_access: { [sysmon]: [10] },
	file_event: { [sysmon]: [11] },
	registry_add: { [sysmon]: [12], [security]: [4657] },
	registry_delete: { [sysmon]: [12], [security]: [4657, 4660] },
	registry_set: { [sysmon]: [13], [security]: [4657] },
	registry_rename: { [sysmon]: [14], [security]: [4657] },
	registry_event: { [sysmon]: [12, 13, 14], [security]: [4657, 4660] },
	create_stream_hash: { [sysmon]: [15] },
	pipe_created: { [sysmon]: [17, 18] },
	wmi_event: { [sysmon]: [19, 20, 21] },
	dns_query: { [sysmon]: [22], 'microsoft-windows-dns-client/operational': [] },
	file_delete: { [sysmon]: [23, 26] },
	clipboard_capture: { [sysmon]: [24] },
	process_tampering: { [sysmon]: [25] },
	file_block_executable: { [sysmon]: [27] },
	file_block_shredding: { [sysmon]: [28] },
	file_executable_detected: { [sysmon]: [29] },
	sysmon_status: { [sysmon]: [4, 16] },
	sysmon_error: { [sysmon]: [255] },
	ps_script: Object.fromEntries(powershell.map((c) => [c, [4104]])),
	ps_module: {
		...Object.fromEntries(powershell.map((c) => [c, [4103]])),
		[powershellClassic]: [800]
	},
	ps_classic_start: { [powershellClassic]: [400] },
	ps_classic_provider_start: { [powershellClassic]: [600] },
	ps_classic_script: { [powershellClassic]: [800] }
};

/** For each Windows service: the channels its events are written to. */
const services: Record<string, string[]> = {
	security: [security],
	system: ['system'],
	application: ['application'],
	sysmon: [sysmon],
	powershell,
	'powershell-classic': [powershellClassic],
	taskscheduler: ['microsoft-windows-taskscheduler/operational'],
	wmi: ['microsoft-windows-wmi-activity/operational'],
	windefend: ['microsoft-windows-windows defender/operational'],
	'dns-server': ['dns server'],
	'dns-server-analytic': ['microsoft-windows-dns-server/analytical'],
	'driver-framework': ['microsoft-windows-driverframeworks-usermode/operational'],
	ntlm: ['microsoft-windows-ntlm/operational'],
	'bits-client': ['microsoft-windows-bits-client/operational'],
	'codeintegrity-operational': ['microsoft-windows-codeintegrity/operational'],
	'firewall-as': ['microsoft-windows-windows firewall with advanced security/firewall'],
	'msexchange-management': ['msexchange management'],
	'printservice-admin': ['microsoft-windows-printservice/admin'],
	'printservice-operational': ['microsoft-windows-printservice/operational'],
	'smbclient-security': ['microsoft-windows-smbclient/security'],
	'smbclient-connectivity': ['microsoft-windows-smbclient/connectivity'],
	'terminalservices-localsessionmanager': [
		'microsoft-windows-terminalservices-localsessionmanager/operational'
	],
	'diagnosis-scripted': ['microsoft-windows-diagnosis-scripted/operational'],
	'shell-core': ['microsoft-windows-shell-core/operational'],
	openssh: ['openssh/operational'],
	ldap_debug: ['microsoft-windows-ldap-client/debug'],
	vhdmp: ['microsoft-windows-vhdmp/operational'],
	'appxdeployment-server': ['microsoft-windows-appxdeploymentserver/operational'],
	'appxpackaging-om': ['microsoft-windows-appxpackaging/operational'],
	'lsa-server': ['microsoft-windows-lsa/operational'],
	capi2: ['microsoft-windows-capi2/operational'],
	'appmodel-runtime': ['microsoft-windows-appmodel-runtime/admin'],
	'kernel-shimengine': ['microsoft-windows-kernel-shimengine/operational'],
	'iis-configuration': ['microsoft-iis-configuration/operational'],
	'certificateservicesclient-lifecycle-system': [
		'microsoft-windows-certificateservicesclient-lifecycle-system/operational'
	],
	applocker: [
		'microsoft-windows-applocker/msi and script',
		'microsoft-windows-applocker/exe and dll',
		'microsoft-windows-applocker/packaged app-deployment',
		'microsoft-windows-applocker/packaged app-execution'
	]
};

const channelAccess = compileFieldAccess('Channel');
const eventIdAccess = compileFieldAccess('EventID');

/** A compiled logsource test for one rule. */
export type LogsourceCheck = (view: EventView) => LogsourceVerdict;

const accept: LogsourceVerdict = { ok: true };

function scalarText(access: FieldAccess, view: EventView): string | null {
	const value = access.get(view);
	return Array.isArray(value) ? null : textOf(value);
}

/**
 * Compiles the logsource test of a rule. Only events that carry a Windows channel are judged:
 * a non-Windows product, a service whose channels differ, or a category whose channel and
 * event id pairs exclude the event set it aside, with the reason.
 */
export function compileLogsource(logsource: LogSource): LogsourceCheck {
	const product = logsource.product?.toLowerCase() ?? null;
	const service = logsource.service?.toLowerCase() ?? null;
	const category = logsource.category?.toLowerCase() ?? null;
	const serviceChannels = product === 'windows' && service ? services[service] : undefined;
	const categorySources = product === 'windows' && category ? categories[category] : undefined;
	const foreignProduct = product !== null && product !== 'windows';
	if (!foreignProduct && !serviceChannels && !categorySources) return () => accept;
	return (view) => {
		const channelText = scalarText(channelAccess, view);
		if (channelText === null) return accept;
		const kind = view.shape.kind;
		// A flat record's `Channel` is only taken for a Windows channel when it has an event id too.
		if (kind === 'flat' && numberOf(eventIdAccess.get(view)) === null) return accept;
		const channel = channelText.toLowerCase();
		if (foreignProduct) {
			if (kind === 'flat') return accept;
			return {
				ok: false,
				reason: `The event is a Windows event (channel ${channelText}), but the rule's logsource is product: ${logsource.product}.`
			};
		}
		if (serviceChannels && !serviceChannels.includes(channel)) {
			return {
				ok: false,
				reason: `The event comes from channel ${channelText}, which is not a channel of service: ${logsource.service}.`
			};
		}
		if (categorySources) {
			const ids = categorySources[channel];
			if (ids === undefined) {
				return {
					ok: false,
					reason: `The event comes from channel ${channelText}, which does not record category: ${logsource.category}.`
				};
			}
			const id = numberOf(eventIdAccess.get(view));
			if (ids.length > 0 && id !== null && !ids.includes(id)) {
				return {
					ok: false,
					reason: `Event ${id} of channel ${channelText} is not a ${logsource.category} event (expected ${ids.join(' or ')}).`
				};
			}
		}
		return accept;
	};
}
