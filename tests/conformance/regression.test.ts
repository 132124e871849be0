import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEvents } from '../../src/core/events/parse-events';
import { compileMatcher, matchEvent } from '../../src/core/match/match';
import { parseRule } from '../../src/core/rule/parse-rule';
import { sharedDir, sharedMissing } from '../support/shared';

/**
 * SigmaHQ's regression cases: every event file must fire its rule. SigmaHQ's runner passes a
 * case when the rule fires at least once; `match_count` is the number of matches the case
 * expects at least (some files hold more records that also fit the rule).
 */

interface RegressionCase {
	rule_id: string;
	rule_path: string;
	events: string[];
	match_count?: number;
}

const shared = sharedDir();
if (!shared) console.warn(sharedMissing);

describe.skipIf(!shared)('SigmaHQ regression events', () => {
	const root = join(shared ?? '', 'events/sigmahq-regression');
	const cases: RegressionCase[] = shared
		? readFileSync(join(root, 'index.jsonl'), 'utf8')
				.split('\n')
				.filter((line) => line.trim() !== '')
				.map((line) => JSON.parse(line) as RegressionCase)
		: [];
	const loaded = cases.map((c) => {
		const rulePath = join(shared ?? '', 'conformance/rules', c.rule_path);
		const parsed = parseRule(readFileSync(rulePath, 'utf8'));
		const events = c.events.flatMap((file) => {
			const result = parseEvents(readFileSync(join(root, file), 'utf8'));
			expect(result.diagnostics).toEqual([]);
			return result.events;
		});
		return { case: c, parsed, matcher: compileMatcher(parsed), events };
	});

	it('reads all 170 cases', () => {
		expect(cases).toHaveLength(170);
	});

	it('fires every rule on its own events', () => {
		const failures: string[] = [];
		let exact = 0;
		for (const { case: c, matcher, events } of loaded) {
			const results = events.map((event) => matchEvent(matcher, event));
			const count = results.filter((r) => r.match).length;
			if (count === (c.match_count ?? count)) exact++;
			if (count < Math.max(1, c.match_count ?? 1)) {
				const why = results.map((r) => r.explanation?.summary).join(' | ');
				failures.push(`${c.rule_path}: ${count} of ${events.length} matched (${why})`);
			}
		}
		console.info(
			`regression: ${loaded.length - failures.length}/${loaded.length} cases fire their rule; ` +
				`${exact} with exactly match_count matches`
		);
		expect(failures).toEqual([]);
	});

	it('gives the same verdict with and without the explanation', () => {
		for (const { matcher, events } of loaded) {
			for (const event of events) {
				const fast = matchEvent(matcher, event, { explain: false });
				const full = matchEvent(matcher, event);
				expect(full.match).toBe(fast.match);
				expect(full.explanation?.selections.filter((s) => s.matched).map((s) => s.name)).toEqual(
					fast.selections
				);
			}
		}
	});

	it('compiles every rule without matcher diagnostics', () => {
		expect(
			loaded.flatMap((l) => l.parsed.diagnostics.filter((d) => d.severity === 'error'))
		).toEqual([]);
		expect(loaded.flatMap((l) => l.matcher.diagnostics)).toEqual([]);
	});

	it('reports how often a rule fires on the events of other rules', () => {
		let pairs = 0;
		let fired = 0;
		const noisy = new Map<string, number>();
		for (const own of loaded) {
			for (const other of loaded) {
				if (other.case.rule_path === own.case.rule_path) continue;
				for (const event of other.events) {
					pairs++;
					if (matchEvent(own.matcher, event, { explain: false }).match) {
						fired++;
						noisy.set(own.case.rule_path, (noisy.get(own.case.rule_path) ?? 0) + 1);
					}
				}
			}
		}
		const top = [...noisy.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);
		console.info(
			`cross-check: ${fired} of ${pairs} rule × foreign-event pairs fire ` +
				`(${((100 * fired) / pairs).toFixed(2)} %); ${noisy.size} rules fire on foreign events; ` +
				`most: ${top.map(([path, n]) => `${path} (${n})`).join(', ')}`
		);
		expect(pairs).toBeGreaterThan(0);
	});
});
