import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRule } from '../../src/core/rule/parse-rule';
import type { FlavourId } from '../../src/core/translate/flavours/index';
import { loadFlavourSchemas } from '../../src/core/translate/flavours/index';
import { translate, type TranslateResult } from '../../src/core/translate/translate';
import { checkKql } from '../support/kusto-check';
import { sharedDir, sharedMissing } from '../support/shared';

/**
 * Walks every rule of the shared conformance corpus and compares the translation with the
 * reference's expected output per flavour: queries byte for byte, refusals by exception type and
 * message. A difference fails the test unless `deviations.json` lists it: there the reference's
 * query is invalid KQL, and ours must differ from it and pass Microsoft's Kusto parser with the
 * flavour's tables (zero errors, known columns only), or be our refusal of a column the table
 * lacks. Set CONFORMANCE_DIFF to a file path to get every difference written out, each with
 * what the parser says of our queries.
 */

interface Expected {
	path: string;
	queries?: string[];
	error?: { type: string; message: string };
}

/** A rule whose reference query Kusto rejects, where we deliberately write something else. */
interface Deviation {
	path: string;
	flavour: FlavourId;
	/** The construct that makes the reference's query invalid (`in_on_number_column`, ...). */
	kind: string;
	/** Kusto's errors on the reference's query. */
	reason: string;
}

const flavourIds: FlavourId[] = ['sentinel_asim', 'microsoft_xdr', 'azure_monitor'];
const shared = sharedDir();
const deviations: Deviation[] = JSON.parse(
	readFileSync(new URL('./deviations.json', import.meta.url), 'utf8')
);

function actualOf(result: TranslateResult): Omit<Expected, 'path'> {
	if (result.error) {
		const ref = result.error.reference;
		return { error: ref ?? { type: 'NoReference', message: result.error.message } };
	}
	return { queries: result.queries };
}

/** Kusto's verdict on our queries: '' when all are valid and use known columns only. */
function kustoProblems(result: TranslateResult, flavour: FlavourId): string {
	const problems = result.queries.flatMap((q) =>
		checkKql(q, flavour).errors.map((e) => `${e.code} ${e.message}`)
	);
	return [...new Set(problems)].join('; ');
}

/** Why a listed deviation does not hold, or null when it does. */
function deviationProblem(
	d: Deviation,
	exp: Expected,
	result: TranslateResult,
	same: boolean
): string | null {
	if (same) return 'listed in deviations.json but identical to the reference';
	if (result.error) return `expected valid queries, got ${result.error.code}`;
	if (exp.error) return 'the reference refuses this rule';
	const problems = kustoProblems(result, d.flavour);
	return problems === '' ? null : `our queries are not valid KQL: ${problems}`;
}

describe.skipIf(!shared)('conformance with the reference converter', () => {
	if (!shared) {
		it.skip(sharedMissing, () => {});
		return;
	}
	const dir = join(shared, 'conformance');
	const sources = new Map<string, string>();
	const diffs: string[] = [];

	for (const flavour of flavourIds) {
		it(`${flavour}: matches the expected output`, async () => {
			await loadFlavourSchemas(flavour);
			const lines = readFileSync(join(dir, 'expected', `${flavour}.jsonl`), 'utf8')
				.trim()
				.split('\n');
			const listed = new Map(
				deviations.filter((d) => d.flavour === flavour).map((d) => [d.path, d])
			);
			let converts = 0;
			let exact = 0;
			let refuses = 0;
			let sameRefusal = 0;
			const failures: string[] = [];
			for (const line of lines) {
				const exp: Expected = JSON.parse(line);
				let source = sources.get(exp.path);
				if (source === undefined) {
					source = readFileSync(join(dir, 'rules', exp.path), 'utf8');
					sources.set(exp.path, source);
				}
				const result = translate(parseRule(source), flavour);
				const act = actualOf(result);
				let same: boolean;
				if (exp.error) {
					refuses++;
					same = act.error?.type === exp.error.type && act.error.message === exp.error.message;
					if (same) sameRefusal++;
				} else {
					converts++;
					same = JSON.stringify(act.queries) === JSON.stringify(exp.queries);
					if (same) exact++;
				}
				const deviation = listed.get(exp.path);
				listed.delete(exp.path);
				if (deviation) {
					const problem = deviationProblem(deviation, exp, result, same);
					if (problem) failures.push(`${flavour} ${exp.path}: ${problem}`);
				}
				if (same) continue;
				const verdict = result.error
					? result.error.code
					: kustoProblems(result, flavour) || 'valid';
				const text = `${flavour} ${exp.path}\n  want ${JSON.stringify(exp.error ?? exp.queries)}\n  got  ${JSON.stringify(act.error ?? act.queries)}\n  kusto ${verdict}`;
				diffs.push(text);
				if (!deviation) failures.push(text);
			}
			const count = deviations.filter((d) => d.flavour === flavour).length;
			// With another corpus (SIGMA_SHARED), none of the listed rules is there: nothing is stale.
			if (listed.size < count) {
				for (const path of listed.keys())
					failures.push(`${flavour} ${path}: listed, not in corpus`);
			}
			console.log(
				`${flavour}: exact queries ${exact}/${converts} converted rules; shared refusals ${sameRefusal}/${refuses} refused rules; listed deviations ${count}`
			);
			if (process.env.CONFORMANCE_DIFF)
				writeFileSync(process.env.CONFORMANCE_DIFF, diffs.join('\n'));
			expect(failures.slice(0, 20)).toEqual([]);
		});
	}
});
