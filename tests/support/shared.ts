import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder holding package.json). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The folder of licensed shared test data (rules, expected outputs, events, schemas): the
 * `SIGMA_SHARED` environment variable when set, else `../shared` next to the repository. Null when
 * the folder does not exist, so that tests can skip with a clear message.
 */
export function sharedDir(): string | null {
	const dir = resolve(repoRoot, process.env.SIGMA_SHARED ?? '../shared');
	return existsSync(dir) ? dir : null;
}

/** The message tests print when they skip for want of the shared folder. */
export const sharedMissing =
	'shared test data not found (set SIGMA_SHARED or place it at ../shared); skipping';
