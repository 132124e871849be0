import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The files a list of paths stands for, or the first path that does not exist. */
export type ExpandedPaths = { ok: true; files: string[] } | { ok: false; missing: string };

const ruleExtension = /\.ya?ml$/i;

/**
 * Expands each path: a file stands for itself (whatever its name), a folder for every `.yml` and
 * `.yaml` file beneath it, recursively, sorted by code point as the reference corpus is.
 */
export function expandRulePaths(paths: readonly string[]): ExpandedPaths {
	const files: string[] = [];
	for (const path of paths) {
		let isDirectory: boolean;
		try {
			isDirectory = statSync(path).isDirectory();
		} catch {
			return { ok: false, missing: path };
		}
		if (!isDirectory) {
			files.push(path);
			continue;
		}
		const found = readdirSync(path, { recursive: true, withFileTypes: true })
			.filter((entry) => entry.isFile() && ruleExtension.test(entry.name))
			.map((entry) => join(entry.parentPath, entry.name));
		files.push(...found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
	}
	return { ok: true, files };
}

/** The first of the paths that is not a readable file, or null when all are. */
export function firstMissingFile(paths: readonly string[]): string | null {
	for (const path of paths) {
		try {
			if (!statSync(path).isFile()) return path;
		} catch {
			return path;
		}
	}
	return null;
}
