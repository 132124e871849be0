import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The files a list of paths stands for, or the first path that does not exist. */
export type ExpandedPaths = { ok: true; files: string[] } | { ok: false; missing: string };

/** The path that stands for standard input. */
const stdinPath = '-';

const ruleExtension = /\.ya?ml$/i;

/**
 * The folder that relative paths on the command line are relative to: the caller's. `npm run`
 * starts scripts in the package root and keeps the caller's folder in `INIT_CWD`, so that wins
 * while the process still runs where npm put it; a process started elsewhere (a test spawning
 * the CLI in a temporary folder under `npm test`) keeps its own working directory.
 */
export function callerDirectory(
	env: NodeJS.ProcessEnv = process.env,
	cwd: string = process.cwd()
): string {
	const initial = env.INIT_CWD;
	if (!initial) return cwd;
	const packageJson = env.npm_package_json;
	if (packageJson && resolve(dirname(packageJson)) !== resolve(cwd)) return cwd;
	return resolve(initial);
}

/** Reads a file named on the command line (relative to `base`), or standard input for `-`. */
export function readInput(path: string, base: string): string {
	return readFileSync(path === stdinPath ? 0 : resolve(base, path), 'utf8');
}

/**
 * Expands each path, relative to `base`: a file stands for itself (whatever its name), `-` for
 * standard input, a folder for every `.yml` and `.yaml` file beneath it, recursively, sorted by
 * code point as the reference corpus is. The walk skips `node_modules` and folders whose name
 * starts with a dot (`.git`). Files keep the spelling the user gave (`rules/a.yml`).
 */
export function expandRulePaths(paths: readonly string[], base: string): ExpandedPaths {
	const files: string[] = [];
	for (const path of paths) {
		if (path === stdinPath) {
			files.push(path);
			continue;
		}
		let isDirectory: boolean;
		try {
			isDirectory = statSync(resolve(base, path)).isDirectory();
		} catch {
			return { ok: false, missing: path };
		}
		if (!isDirectory) {
			files.push(path);
			continue;
		}
		const found: string[] = [];
		walk(resolve(base, path), path, found);
		files.push(...found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
	}
	return { ok: true, files };
}

function walk(folder: string, shown: string, found: string[]): void {
	for (const entry of readdirSync(folder, { withFileTypes: true })) {
		if (entry.isDirectory()) {
			if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
			walk(join(folder, entry.name), join(shown, entry.name), found);
		} else if (entry.isFile() && ruleExtension.test(entry.name)) {
			found.push(join(shown, entry.name));
		}
	}
}

/** The first of the paths (relative to `base`) that is not a readable file, or null. */
export function firstMissingFile(paths: readonly string[], base: string): string | null {
	for (const path of paths) {
		if (path === stdinPath) continue;
		try {
			if (!statSync(resolve(base, path)).isFile()) return path;
		} catch {
			return path;
		}
	}
	return null;
}
