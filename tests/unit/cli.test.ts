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

interface Run {
	status: number | null;
	stdout: string;
	stderr: string;
}

// The variables npm sets for scripts are removed, so that the CLI sees the test's working
// directory as the caller's even when the tests themselves run under `npm test`.
const { INIT_CWD: _initCwd, npm_package_json: _packageJson, ...plainEnv } = process.env;

function spawnCli(args: string[], options: { cwd?: string; env?: object; input?: string }): Run {
	const run = spawnSync(tsx, [main, ...args], {
		cwd: options.cwd ?? dir,
		env: { ...plainEnv, ...options.env },
		input: options.input,
		encoding: 'utf8'
	});
	return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

function cli(...args: string[]): Run {
	return spawnCli(args, {});
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
	mkdirSync(join(dir, 'rules', 'node_modules', 'pkg'), { recursive: true });
	writeFileSync(join(dir, 'rules', 'node_modules', 'pkg', 'dependency.yml'), seedRule);
	mkdirSync(join(dir, 'rules', '.git'));
	writeFileSync(join(dir, 'rules', '.git', 'hidden.yml'), seedRule);
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

	it('expands a folder to its sorted rule files, skipping node_modules and dot-folders', () => {
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
		const signIns = cli(
			'convert',
			'--pipeline',
			'azure_monitor',
			'--table=SigninLogs',
			'signin.yml'
		);
		expect(jsonLines(signIns.stdout)).toEqual([
			{
				path: 'signin.yml',
				queries: ['SigninLogs\n| where UserPrincipalName =~ "x" and ResultType == 50126']
			}
		]);
	});

	it('reads the rule from standard input for -', () => {
		const run = spawnCli(['convert', '--pipeline', 'microsoft_xdr', '-'], { input: seedRule });
		expect(run.status).toBe(0);
		expect(jsonLines(run.stdout)).toEqual([{ path: '-', queries: [seedXdr] }]);
	});

	it('resolves relative paths against the caller folder that npm run keeps in INIT_CWD', () => {
		const run = spawnCli(['convert', '--pipeline', 'microsoft_xdr', 'rules/seed.yml'], {
			cwd: repoRoot,
			env: { INIT_CWD: dir, npm_package_json: join(repoRoot, 'package.json') }
		});
		expect(run.status).toBe(0);
		expect(jsonLines(run.stdout)).toEqual([{ path: 'rules/seed.yml', queries: [seedXdr] }]);
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

	it('prints each matcher warning of a rule once on stderr, verdicts unchanged', () => {
		writeFileSync(
			join(dir, 'lookaround.yml'),
			[
				'title: Look-around',
				'logsource:',
				'    category: process_creation',
				'    product: windows',
				'detection:',
				'    ahead:',
				"        CommandLine|re: 'x(?=y)'",
				'    behind:',
				'        CommandLine|re:',
				"            - '(?<=x)y'",
				"            - '(a)\\1'",
				'    condition: ahead or behind',
				''
			].join('\n')
		);
		writeFileSync(join(dir, 'xy.ndjson'), '{"CommandLine": "xy"}\n{"CommandLine": "zy"}\n');
		const run = cli('match', 'lookaround.yml', 'xy.ndjson', 'xy.ndjson');
		expect(run.status).toBe(0);
		expect(jsonLines(run.stdout)).toEqual([
			{ file: 'xy.ndjson', index: 0, match: true, selections: ['behind'] },
			{ file: 'xy.ndjson', index: 1, match: false, selections: [] },
			{ file: 'xy.ndjson', index: 0, match: true, selections: ['behind'] },
			{ file: 'xy.ndjson', index: 1, match: false, selections: [] }
		]);
		expect(run.stderr).toBe(
			'lookaround.yml:7:25: warning: This regular expression cannot be evaluated, so it never ' +
				'matches: look-ahead is not supported by the linear-time regex engine (invalid or ' +
				'unsupported Perl syntax: `(?=`).\n' +
				'lookaround.yml:11:15: warning: This regular expression cannot be evaluated, so it never ' +
				'matches: back-references are not supported by the linear-time regex engine (invalid ' +
				'escape sequence: `\\1`).\n'
		);
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

describe('cli match on other event formats', () => {
	const certutilRule = `title: Certutil download
logsource:
    category: process_creation
    product: windows
detection:
    selection:
        Image|endswith: '\\certutil.exe'
        CommandLine|contains: 'urlcache'
    condition: selection
`;
	const sysmonEvent = (id: number, image: string, commandLine: string) =>
		'<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System>' +
		`<Provider Name="Microsoft-Windows-Sysmon"/><EventID>${id}</EventID>` +
		'<Channel>Microsoft-Windows-Sysmon/Operational</Channel></System><EventData>' +
		`<Data Name="Image">${image}</Data><Data Name="CommandLine">${commandLine}</Data>` +
		'</EventData></Event>';
	const certutil = 'C:\\Windows\\System32\\certutil.exe';
	const xml = [
		'<?xml version="1.0" encoding="utf-8"?>',
		'<Events>',
		sysmonEvent(1, certutil, 'certutil -urlcache -f http://x/a'),
		sysmonEvent(5, certutil, 'certutil -urlcache -f http://x/a'),
		sysmonEvent(1, 'C:\\Windows\\System32\\cmd.exe', 'cmd /c urlcache'),
		'</Events>',
		''
	].join('\n');
	const csv = [
		'TimeGenerated [UTC],TargetProcessName,TargetProcessCommandLine',
		`2024-05-01T10:00:00Z,${certutil},"certutil -urlcache -f ""http://x/a, b"""`,
		'2024-05-01T10:00:01Z,C:\\Windows\\notepad.exe,notepad',
		''
	].join('\r\n');

	beforeAll(() => {
		writeFileSync(join(dir, 'certutil.yml'), certutilRule);
		writeFileSync(join(dir, 'sysmon.xml'), xml);
		writeFileSync(join(dir, 'export.csv'), csv);
	});

	it('reads Windows event XML, one verdict per <Event>', () => {
		const run = cli('match', 'certutil.yml', 'sysmon.xml');
		expect(run.status).toBe(0);
		expect(jsonLines(run.stdout)).toEqual([
			{ file: 'sysmon.xml', index: 0, match: true, selections: ['selection'] },
			{ file: 'sysmon.xml', index: 1, match: false, selections: ['selection'] },
			{ file: 'sysmon.xml', index: 2, match: false, selections: [] }
		]);
	});

	it('reads a Sentinel CSV export with the column names of its flavour', () => {
		const run = cli('match', '--pipeline', 'sentinel_asim', 'certutil.yml', 'export.csv');
		expect(jsonLines(run.stdout)).toEqual([
			{ file: 'export.csv', index: 0, match: true, selections: ['selection'] },
			{ file: 'export.csv', index: 1, match: false, selections: [] }
		]);
	});

	it('reads the events from standard input for -', () => {
		const run = spawnCli(['match', 'certutil.yml', '-'], { input: xml });
		expect(jsonLines(run.stdout)).toEqual([
			{ file: '-', index: 0, match: true, selections: ['selection'] },
			{ file: '-', index: 1, match: false, selections: ['selection'] },
			{ file: '-', index: 2, match: false, selections: [] }
		]);
	});

	it('reports a text in no known format once, with its line', () => {
		const run = spawnCli(['match', 'certutil.yml', '-'], { input: '\nsome words\nmore words\n' });
		expect(run.status).toBe(0);
		expect(jsonLines(run.stdout)).toEqual([
			{
				file: '-',
				error: {
					code: 'events_format_unknown',
					type: null,
					message: expect.stringMatching(/^These events are in no format the tester reads\./),
					line: 2,
					column: 1
				}
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

	it('exits with 2 when standard input is named twice', () => {
		const run = cli('match', '--rules', '-', '-');
		expect(run.status).toBe(2);
		expect(run.stderr).toContain('standard input ("-") can be read only once');
	});

	it('prints the usage with --help', () => {
		const run = cli('--help');
		expect(run.status).toBe(0);
		expect(run.stdout).toMatch(/^Usage:\n {2}npm run --silent cli -- convert --pipeline FLAVOUR/);
	});
});
