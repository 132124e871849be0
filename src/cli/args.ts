import { isFlavourId } from '../core/index';
import type { FlavourId } from '../core/index';

/** The output formats of the CLI: JSON lines for machines, plain text for people. */
export type OutputFormat = 'jsonl' | 'text';

/** A command line the CLI understood. */
export interface CliArgs {
	command: 'convert' | 'match' | 'help';
	/** `--pipeline`: the KQL flavour (convert needs it; match uses it to read exported rows). */
	pipeline: FlavourId | null;
	format: OutputFormat;
	/** `--table`: the query table that overrides the one the rule's logsource implies. */
	table: string | null;
	/** `--rules DIR` of `match`: evaluate every rule under DIR. */
	rules: string | null;
	/** The positional arguments after the command. */
	paths: string[];
}

/** The result of reading the command line: the arguments, or a usage error to report. */
export type ParsedArgs = { ok: true; args: CliArgs } | { ok: false; message: string };

const valueFlags = new Set(['--pipeline', '--format', '--table', '--rules']);

function fail(message: string): ParsedArgs {
	return { ok: false, message };
}

/**
 * Reads `argv` (without the node and script entries). Flags may come anywhere after the command,
 * as `--flag value` or `--flag=value`; `--` ends the flags. Returns a usage error for an unknown
 * command, flag, flavour or format, a flag without its value, or a command without its files.
 */
export function parseArgs(argv: readonly string[]): ParsedArgs {
	const [command, ...rest] = argv;
	if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
		return { ok: true, args: emptyArgs('help') };
	}
	if (command !== 'convert' && command !== 'match') return fail(`unknown command '${command}'`);
	const args = emptyArgs(command);
	const values = new Map<string, string>();
	let flagsEnded = false;
	for (let i = 0; i < rest.length; i++) {
		const arg = rest[i];
		if (flagsEnded || !arg.startsWith('--')) {
			args.paths.push(arg);
			continue;
		}
		if (arg === '--') {
			flagsEnded = true;
			continue;
		}
		if (arg === '--help') return { ok: true, args: emptyArgs('help') };
		const eq = arg.indexOf('=');
		const name = eq === -1 ? arg : arg.slice(0, eq);
		if (!valueFlags.has(name)) return fail(`unknown option '${name}'`);
		const value = eq === -1 ? rest[++i] : arg.slice(eq + 1);
		if (value === undefined || value === '') return fail(`option '${name}' needs a value`);
		values.set(name, value);
	}
	const pipeline = values.get('--pipeline');
	if (pipeline !== undefined) {
		if (!isFlavourId(pipeline)) {
			return fail(
				`unknown pipeline '${pipeline}' (use sentinel_asim, microsoft_xdr or azure_monitor)`
			);
		}
		args.pipeline = pipeline;
	}
	const format = values.get('--format') ?? 'jsonl';
	if (format !== 'jsonl' && format !== 'text') {
		return fail(`unknown format '${format}' (use jsonl or text)`);
	}
	args.format = format;
	args.table = values.get('--table') ?? null;
	args.rules = values.get('--rules') ?? null;
	return checkCommand(args);
}

function emptyArgs(command: CliArgs['command']): CliArgs {
	return { command, pipeline: null, format: 'jsonl', table: null, rules: null, paths: [] };
}

function checkCommand(args: CliArgs): ParsedArgs {
	if ([...args.paths, args.rules].filter((path) => path === '-').length > 1) {
		return fail('standard input ("-") can be read only once');
	}
	if (args.command === 'convert') {
		if (args.rules !== null) return fail(`option '--rules' belongs to the match command`);
		if (args.pipeline === null) return fail('convert needs --pipeline');
		if (args.paths.length === 0) return fail('convert needs at least one rule file or folder');
	} else {
		if (args.table !== null) return fail(`option '--table' belongs to the convert command`);
		const needed = args.rules === null ? 2 : 1;
		if (args.paths.length < needed) {
			return fail(
				args.rules === null
					? 'match needs a rule file and at least one events file'
					: 'match --rules needs at least one events file'
			);
		}
	}
	return { ok: true, args };
}
