import { loadFlavourSchemas } from '../core/index';
import { parseArgs } from './args';
import { convertFiles } from './convert';
import { matchRuleFile, readEventsFiles, reportEventsErrors } from './match';
import { exitQuietlyOnClosedPipe, Output } from './output';
import { callerDirectory, expandRulePaths, firstMissingFile, readInput } from './rule-files';

/**
 * The command line on the same core as the page: `convert` prints the KQL of rule files as the
 * reference converter would, `match` evaluates rules against events files. Rule and event
 * problems are printed as data (exit 0); usage errors go to stderr with exit code 2; a failure
 * inside the core is printed as `internal_error` and ends with exit code 1.
 */

const help = `Usage:
  npm run --silent cli -- convert --pipeline FLAVOUR [--format jsonl|text] [--table NAME] PATH...
  npm run --silent cli -- match [--pipeline FLAVOUR] [--format jsonl|text] RULE EVENTS...
  npm run --silent cli -- match --rules DIR [--pipeline FLAVOUR] [--format jsonl|text] EVENTS...

Commands:
  convert   Print the KQL of each rule file, one JSON line per file:
              {"path": FILE, "queries": [...]}
              {"path": FILE, "error": {"code", "type", "message", "line", "column"}}
            "type" and "message" are the reference converter's (pySigma) exception class and
            text when it refuses the rule the same way, so the output compares with sigma-cli's.
            A folder stands for every .yml/.yaml file beneath it, in sorted order.
  match     Evaluate a rule against every event of the events files, one line per event:
              {"file": EVENTS, "index": i, "match": true|false, "selections": [...]}
            With --rules DIR, evaluate every rule under DIR and print only matching pairs:
              {"rule": RULE, "file": EVENTS, "index": i, "match": true, "selections": [...]}
            An events file may hold a JSON value, a JSON array, NDJSON, concatenated JSON,
            Windows event XML (Event Viewer, wevtutil, Get-WinEvent) or CSV with a header row
            (Sentinel and Defender exports); the format is recognised from the content.
            A rule value the matcher cannot evaluate (a regular expression RE2 cannot run)
            never matches; it is reported once on stderr as
              RULE:LINE:COL: warning: MESSAGE

Paths are relative to the folder the command was started from. A folder stands for the rule
files beneath it, skipping node_modules and folders whose name starts with a dot. "-" reads
a rule (convert) or events (match) from standard input.

Options:
  --pipeline FLAVOUR  sentinel_asim, microsoft_xdr or azure_monitor. For match, events are
                      then also read as rows exported from that flavour.
  --table NAME        Query this table instead of the one the logsource implies (convert).
  --rules DIR         Evaluate every rule under DIR (match).
  --format FORMAT     jsonl (default) or text.
  --help              Show this help.

Lines and columns are 1-based. Exit status: 0 when the run completed (rule problems are
data), 1 on an internal error, 2 on a usage error.
`;

function usageError(message: string): never {
	process.stderr.write(`sigma-playground: ${message}\nRun with --help for usage.\n`);
	process.exit(2);
}

async function main(argv: readonly string[]): Promise<number> {
	const parsed = parseArgs(argv);
	if (!parsed.ok) usageError(parsed.message);
	const { args } = parsed;
	if (args.command === 'help') {
		process.stdout.write(help);
		return 0;
	}
	exitQuietlyOnClosedPipe();
	const out = new Output();
	const base = callerDirectory();
	const read = (path: string): string => readInput(path, base);
	let internal = 0;
	if (args.command === 'convert') {
		const expanded = expandRulePaths(args.paths, base);
		if (!expanded.ok) usageError(`no such file or folder: ${expanded.missing}`);
		const flavour = args.pipeline as NonNullable<typeof args.pipeline>;
		if (args.table !== null) await loadFlavourSchemas(flavour);
		const options = { flavour, table: args.table };
		internal = convertFiles(expanded.files, read, options, args.format, out);
	} else {
		const rulePaths = args.rules === null ? [args.paths[0]] : [args.rules];
		const eventPaths = args.rules === null ? args.paths.slice(1) : args.paths;
		const expanded = expandRulePaths(rulePaths, base);
		if (!expanded.ok) usageError(`no such file or folder: ${expanded.missing}`);
		const missing = firstMissingFile(eventPaths, base);
		if (missing !== null) usageError(`no such events file: ${missing}`);
		const eventsFiles = readEventsFiles(eventPaths, read);
		reportEventsErrors(eventsFiles, args.format, out);
		const onlyMatches = args.rules !== null;
		const warn = (line: string): void => {
			process.stderr.write(`${line}\n`);
		};
		const options = { read, flavour: args.pipeline, format: args.format, onlyMatches, warn };
		for (const rule of expanded.files) internal += matchRuleFile(rule, eventsFiles, options, out);
	}
	out.flush();
	return internal > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
