import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/shared';

// The CLI runs as users run it (tsx on src/cli/main.ts), on rule and event files written to a
// temporary folder. Expected queries and reference errors come from the reference converter.

const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
const main = join(repoRoot, 'src', 'cli', 'main.ts');
let dir = '';

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
	const run = spawnSync(tsx, [main, ...args], { cwd: dir, encoding: 'utf8' });
	return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function jsonLines(text: string): unknown[] {
	return text
		.split('\n')
		.filter((line) => line !== '')
		.map((line) => JSON.parse(line) as unknown);
}

const seedRule = `title: Network connections discovery on Linux
id: 4c519226-f0cd-4471-bd2f-6fbb2bb68a79
status: test
logsource:
    category: process_creation
    product: linux
detection:
    selection:
        Image|endswith:
            - '/who'
            - '/w'
            - '/last'
            - '/lsof'
            - '/netstat'
    filter_landscape_sysinfo:
        ParentCommandLine|contains: '/usr/bin/landscape-sysinfo'
        Image|endswith: '/who'
    condition: selection and not 1 of filter_*
level: low
`;

const badModifierRule = `title: Bad modifier
logsource:
    category: process_creation
    product: windows
detection:
    selection:
        CommandLine|sometimes: 'x'
    condition: selection
`;

const twoConditionsRule = `title: Two conditions
logsource:
    category: process_creation
    product: windows
detection:
    sel_a:
        Image|endswith: '\\a.exe'
    sel_b:
        CommandLine|contains: 'b'
    condition:
        - sel_a
        - sel_b
`;

const customTableRule = `title: Custom table
logsource:
    category: process_creation
    product: windows
detection:
    selection:
        User: x
        Computer: y
    condition: selection
`;

const signInRule = `title: Sign-in
logsource:
    product: azure
    service: signinlogs
detection:
    selection:
        User: x
        ResultType: 50126
    condition: selection
`;

const seedXdr =
	'DeviceProcessEvents\n| where (FolderPath endswith "/who" or FolderPath endswith "/w" or ' +
	'FolderPath endswith "/last" or FolderPath endswith "/lsof" or FolderPath endswith "/netstat") ' +
	'and (not((InitiatingProcessCommandLine contains "/usr/bin/landscape-sysinfo" and ' +
	'FolderPath endswith "/who")))';

beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'sigma-cli-'));
	mkdirSync(join(dir, 'rules', 'windows'), { recursive: true });
	writeFileSync(join(dir, 'rules', 'seed.yml'), seedRule);
	writeFileSync(join(dir, 'rules', 'windows', 'two.yaml'), twoConditionsRule);
	writeFileSync(join(dir, 'rules', 'windows', 'bad.yml'), badModifierRule);
	writeFileSync(join(dir, 'rules', 'notes.txt'), 'not a rule');
	writeFileSync(join(dir, 'custom.yml'), customTableRule);
	writeFileSync(join(dir, 'signin.yml'), signInRule);
	writeFileSync(
		join(dir, 'events.ndjson'),
		'{"Image": "/usr/bin/who", "ParentCommandLine": "bash"}\n' +
			'{"Image": "/usr/bin/who", "ParentCommandLine": "/usr/bin/landscape-sysinfo -x"}\n' +
			'{"Image": "/bin/ls"}\n'
	);
	writeFileSync(
		join(dir, 'events.json'),
		'[{"Image": "C:\\\\x\\\\a.exe", "CommandLine": "ab"}, {"Image": "/usr/bin/netstat"}]'
	);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cli convert', () => {
	it('prints the queries of a rule file as the reference does', () => {
		const run = cli('convert', '--pipeline', 'microsoft_xdr', 'rules/seed.yml');
		expect(run.status).toBe(0);
		expect(jsonLines(run.stdout)).toEqual([{ path: 'rules/seed.yml', queries: [seedXdr] }]);
	});

	it('expands a folder to its rule files in sorted order and reports rule errors as data', () => {
		const run = cli('convert', '--pipeline', 'sentinel_asim', 'rules');
		expect(run.status).toBe(0);
		const lines = jsonLines(run.stdout) as { path: string; error?: Record<string, unknown> }[];
		expect(lines.map((line) => line.path)).toEqual([
			'rules/seed.yml',
			'rules/windows/bad.yml',
			'rules/windows/two.yaml'
		]);
		expect(lines[1].error).toMatchObject({
			code: 'modifier_unknown',
			type: 'SigmaModifierError',
			message: "Unknown modifier 'sometimes'",
			line: 7,
			column: 21
		});
		expect(lines[2]).toEqual({
			path: 'rules/windows/two.yaml',
			queries: [
				'imProcessCreate\n| where TargetProcessName endswith "\\\\a.exe"',
				'imProcessCreate\n| where TargetProcessCommandLine contains "b"'
			]
		});
	});

	it('queries the table given with --table, custom or from the flavour schema', () => {
		const custom = cli('convert', '--pipeline=microsoft_xdr', '--table', 'MyCustom', 'custom.yml');
		expect(jsonLines(custom.stdout)).toEqual([
			{
				path: 'custom.yml',
				queries: ['MyCustom\n| where InitiatingProcessAccountName =~ "x" and Computer =~ "y"']
			}
		]);
		const signIns = cli('convert', '--pipeline', 'azure_monitor', '--table=SigninLogs', 'signin.yml');
		expect(jsonLines(signIns.stdout)).toEqual([
			{
				path: 'signin.yml',
				queries: ['SigninLogs\n| where UserPrincipalName =~ "x" and ResultType == 50126']
			}
		]);
	});

	it('prints plain text with --format text', () => {
		const run = cli('convert', '--pipeline', 'microsoft_xdr', '--format', 'text', 'rules/seed.yml');
		expect(run.stdout).toBe(`# rules/seed.yml\n${seedXdr}\n\n`);
	});
});

describe('cli match', () => {
	it('prints one verdict per event of each events file', () => {
		const run = cli('match', 'rules/seed.yml', 'events.ndjson', 'events.json');
		expect(run.status).toBe(0);
		expect(jsonLines(run.stdout)).toEqual([
			{ file: 'events.ndjson', index: 0, match: true, selections: ['selection'] },
			{
				file: 'events.ndjson',
				index: 1,
				match: false,
				selections: ['selection', 'filter_landscape_sysinfo']
			},
			{ file: 'events.ndjson', index: 2, match: false, selections: [] },
			{ file: 'events.json', index: 0, match: false, selections: [] },
			{ file: 'events.json', index: 1, match: true, selections: ['selection'] }
		]);
	});

	it('prints matching pairs and rule errors for every rule under a folder with --rules', () => {
		const run = cli('match', '--rules', 'rules', 'events.json');
		expect(run.status).toBe(0);
		expect(jsonLines(run.stdout)).toEqual([
			{
				rule: 'rules/seed.yml',
				file: 'events.json',
				index: 1,
				match: true,
				selections: ['selection']
			},
			{
				rule: 'rules/windows/bad.yml',
				error: {
					code: 'modifier_unknown',
					type: 'SigmaModifierError',
					message: "Unknown modifier 'sometimes'",
					line: 7,
					column: 21
				}
			},
			{
				rule: 'rules/windows/two.yaml',
				file: 'events.json',
				index: 0,
				match: true,
				selections: ['sel_a', 'sel_b']
			}
		]);
	});
});

describe('cli usage errors', () => {
	it('exits with 2 and a message on stderr for an unknown command', () => {
		const run = cli('translate', 'x.yml');
		expect(run).toEqual({
			status: 2,
			stdout: '',
			stderr: "sigma-playground: unknown command 'translate'\nRun with --help for usage.\n"
		});
	});

	it('exits with 2 for an unknown pipeline, an unknown option and a missing file', () => {
		expect(cli('convert', '--pipeline', 'splunk', 'rules').stderr).toContain(
			"unknown pipeline 'splunk'"
		);
		expect(cli('convert', '--pipeline', 'microsoft_xdr', '--fast', 'rules').stderr).toContain(
			"unknown option '--fast'"
		);
		const missing = cli('match', 'rules/seed.yml', 'nope.json');
		expect(missing.status).toBe(2);
		expect(missing.stderr).toContain('no such events file: nope.json');
	});

	it('prints the usage with --help', () => {
		const run = cli('--help');
		expect(run.status).toBe(0);
		expect(run.stdout).toMatch(/^Usage:\n {2}npm run --silent cli -- convert --pipeline FLAVOUR/);
	});
});
