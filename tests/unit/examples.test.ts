import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
	compileMatcher,
	matchEvent,
	parseEvents,
	parseRule,
	translate
} from '../../src/core/index';

const rulesDir = resolve(import.meta.dirname, '../../rules');

function walk(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? walk(join(dir, entry.name)) : [join(dir, entry.name)]
	);
}

// Workshop exercises have their own test (workshop.test.ts).
const ruleFiles = walk(rulesDir)
	.filter((f) => f.endsWith('.yml') && !f.includes('/workshop/'))
	.map((f) => f.slice(rulesDir.length + 1))
	.sort();

function read(path: string): string {
	return readFileSync(join(rulesDir, path), 'utf8');
}

function eventsOf(path: string): string {
	const base = path.replace(/\.yml$/, '');
	for (const ext of ['.events.json', '.events.ndjson']) {
		try {
			return read(base + ext);
		} catch {
			// Try the next extension.
		}
	}
	throw new Error(`${path} has no events file`);
}

/** Which events of each example match, in order, as its README promises. */
const expectedVerdicts: Record<string, boolean[]> = {
	'linux/process_creation/bash_dev_tcp.yml': [true, true, false, false],
	'windows/dns_query/newly_seen_tld.yml': [true, false, true],
	'windows/network_connection/shell_on_rare_port.yml': [true, false, false],
	'windows/process_creation/encoded_powershell.yml': [true, true, false, false, false],
	'windows/process_creation/regex_long_base64.yml': [true, false, false],
	'windows/registry_set/run_key_temp_folder.yml': [true, false, false]
};

describe('example rules', () => {
	it('has expectations for exactly the shipped examples', () => {
		expect(ruleFiles).toEqual(Object.keys(expectedVerdicts).sort());
	});

	for (const path of ruleFiles) {
		it(`${path} parses without problems`, () => {
			expect(parseRule(read(path)).diagnostics).toEqual([]);
		});

		it(`${path} gives the documented verdict for each of its events`, () => {
			const parsed = parseRule(read(path));
			const events = parseEvents(eventsOf(path));
			expect(events.diagnostics).toEqual([]);
			const matcher = compileMatcher(parsed);
			expect(events.events.map((e) => matchEvent(matcher, e).match)).toEqual(
				expectedVerdicts[path]
			);
		});
	}

	it('the default example converts for every flavour as the reference does', () => {
		const parsed = parseRule(read('windows/process_creation/encoded_powershell.yml'));
		expect(translate(parsed, 'sentinel_asim').queries).toEqual([
			'imProcessCreate\n| where ((TargetProcessName endswith "\\\\powershell.exe" or TargetProcessName endswith "\\\\pwsh.exe") and (TargetProcessCommandLine contains " -enc " or TargetProcessCommandLine contains " -encodedcommand " or TargetProcessCommandLine contains " -ec ")) and (not((ParentProcessName endswith "\\\\DeployAgent\\\\agent.exe" or ActingProcessName endswith "\\\\DeployAgent\\\\agent.exe")))'
		]);
		expect(translate(parsed, 'microsoft_xdr').queries).toEqual([
			'DeviceProcessEvents\n| where ((FolderPath endswith "\\\\powershell.exe" or FolderPath endswith "\\\\pwsh.exe") and (ProcessCommandLine contains " -enc " or ProcessCommandLine contains " -encodedcommand " or ProcessCommandLine contains " -ec ")) and (not(InitiatingProcessFolderPath endswith "\\\\DeployAgent\\\\agent.exe"))'
		]);
		expect(translate(parsed, 'azure_monitor').queries).toEqual([
			'SecurityEvent\n| where ((NewProcessName endswith "\\\\powershell.exe" or NewProcessName endswith "\\\\pwsh.exe") and (CommandLine contains " -enc " or CommandLine contains " -encodedcommand " or CommandLine contains " -ec ")) and (not(ParentProcessName endswith "\\\\DeployAgent\\\\agent.exe"))'
		]);
	});

	it('the dns example is refused until a table is given', () => {
		const parsed = parseRule(read('windows/dns_query/newly_seen_tld.yml'));
		const refused = translate(parsed, 'microsoft_xdr');
		expect(refused.queries).toEqual([]);
		expect(refused.error?.reference?.type).toBe('SigmaTransformationError');
		const converted = translate(parsed, 'microsoft_xdr', { queryTable: 'MyDnsTable' });
		expect(converted.error).toBeNull();
		expect(converted.queries).toHaveLength(1);
	});
});
