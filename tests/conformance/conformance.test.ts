import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRule } from '../../src/core/rule/parse-rule';
import type { FlavourId } from '../../src/core/translate/flavours/index';
import { loadFlavourSchemas } from '../../src/core/translate/flavours/index';
import { translate } from '../../src/core/translate/translate';
import { sharedDir, sharedMissing } from '../support/shared';

/**
 * Walks every rule of the shared conformance corpus and compares the translation with the
 * reference's expected output per flavour: queries byte for byte, refusals by exception type and
 * message. A difference fails the test unless `deviations.json` lists it (then the listed queries
 * are expected instead). Set CONFORMANCE_DIFF to a file path to get every difference written out.
 */

interface Expected {
	path: string;
	queries?: string[];
	error?: { type: string; message: string };
}

interface Deviation {
	path: string;
	flavour: FlavourId;
	reason: string;
	queries: string[];
}

const flavourIds: FlavourId[] = ['sentinel_asim', 'microsoft_xdr', 'azure_monitor'];
const shared = sharedDir();
const deviations: Deviation[] = JSON.parse(
	readFileSync(new URL('./deviations.json', import.meta.url), 'utf8')
);

function actualOf(source: string, flavour: FlavourId): Expected & { path: '' } {
	const result = translate(parseRule(source), flavour);
	if (result.error) {
		const ref = result.error.reference;
		return { path: '', error: ref ?? { type: 'NoReference', message: result.error.message } };
	}
	return { path: '', queries: result.queries };
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
			const lines = readFileSync(join(dir, 'expected', `${flavour}.jsonl`), 'utf8').trim().split('\n');
			let converts = 0;
			let exact = 0;
			let refuses = 0;
			let sameRefusal = 0;
			const unlisted: string[] = [];
			for (const line of lines) {
				const exp: Expected = JSON.parse(line);
				let source = sources.get(exp.path);
				if (source === undefined) {
					source = readFileSync(join(dir, 'rules', exp.path), 'utf8');
					sources.set(exp.path, source);
				}
				const act = actualOf(source, flavour);
				const deviation = deviations.find((d) => d.path === exp.path && d.flavour === flavour);
				let ok: boolean;
				if (exp.error) {
					refuses++;
					ok = act.error?.type === exp.error.type && act.error.message === exp.error.message;
					if (ok) sameRefusal++;
				} else {
					converts++;
					const want = deviation ? deviation.queries : exp.queries;
					ok = JSON.stringify(act.queries) === JSON.stringify(want);
					if (ok) exact++;
				}
				if (!ok) {
					const text = `${flavour} ${exp.path}\n  want ${JSON.stringify(exp.error ?? exp.queries)}\n  got  ${JSON.stringify(act.error ?? act.queries)}`;
					diffs.push(text);
					if (!deviation) unlisted.push(text);
				}
			}
			console.log(
				`${flavour}: exact queries ${exact}/${converts} converted rules; shared refusals ${sameRefusal}/${refuses} refused rules`
			);
			if (process.env.CONFORMANCE_DIFF) writeFileSync(process.env.CONFORMANCE_DIFF, diffs.join('\n'));
			expect(unlisted.slice(0, 20)).toEqual([]);
		});
	}
});
