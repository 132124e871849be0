import { describe, expect, it } from 'vitest';
import { parseRule } from '../../src/core/rule/parse-rule';

function first(src: string): string {
	const d = parseRule(src).diagnostics.find((x) => x.severity === 'error' && x.reference);
	return d ? `${d.reference!.type}: ${d.reference!.message}` : 'OK';
}

const body = 'logsource: {product: w}\ndetection:\n  sel:\n    A: 1\n  condition: sel\n';

describe('parseRule', () => {
	it('builds rules with attributes, logsource, detections and conditions', () => {
		const r = parseRule(
			`title: T\nid: 5d2e3f4a-1b2c-4d5e-8f90-123456789abc\nstatus: test\ntags: [attack.t1059]\nlogsource:\n  category: process_creation\n  product: windows\n  extra: x\ndetection:\n  sel:\n    Image|endswith: '\\cmd.exe'\n  condition: sel\nlevel: high\n`
		);
		expect(r.diagnostics).toEqual([]);
		const rule = r.rules[0];
		expect([rule.title, rule.id, rule.status, rule.level, rule.tags]).toEqual([
			'T',
			'5d2e3f4a-1b2c-4d5e-8f90-123456789abc',
			'test',
			'high',
			['attack.t1059']
		]);
		expect(rule.logsource).toMatchObject({
			category: 'process_creation',
			product: 'windows',
			service: null,
			custom: { extra: 'x' }
		});
		expect(rule.detections[0].detection.items[0]).toMatchObject({
			field: 'Image',
			modifiers: ['endswith'],
			values: [{ type: 'string', parts: [{ wildcard: '*' }, '\\cmd.exe'] }],
			raw: ['\\cmd.exe']
		});
		expect(r.documents).toEqual([{ kind: 'rule', range: rule.range, title: 'T', ruleIndex: 0 }]);
	});

	it('maps detection forms as SigmaDetection.from_definition does', () => {
		const r = parseRule(
			'title: t\nlogsource: {product: w}\ndetection:\n  kw: [a, 5]\n  maps:\n    - A: 1\n    - x\n  condition: kw or maps\n'
		);
		const [kw, maps] = r.rules[0].detections.map((d) => d.detection);
		expect(kw).toMatchObject({
			linking: 'and',
			items: [{ kind: 'item', field: null, raw: ['a', 5] }]
		});
		expect(maps).toMatchObject({
			linking: 'or',
			items: [
				{ kind: 'detection', linking: 'and', items: [{ field: 'A' }] },
				{ kind: 'detection', linking: 'and', items: [{ field: null, raw: ['x'] }] }
			]
		});
	});

	it('raises the error pySigma raises first', () => {
		expect(first(`id: abc\n${body}`)).toBe(
			'SigmaIdentifierError: Sigma rule identifier must be an UUID'
		);
		expect(first(`level: x\n${body}`)).toBe("SigmaLevelError: 'x' is not a valid Sigma rule level");
		expect(
			first(`title: t\nlogsource: x\ndetection:\n  sel:\n    A|foo: 1\n  condition: sel\n`)
		).toBe('SigmaLogsourceError: Sigma logsource must be a valid YAML map');
		expect(first(`title: t\nlogsource: x\ndetection:\n  sel:\n    1: a\n  condition: sel\n`)).toBe(
			"AttributeError: 'int' object has no attribute 'split'"
		);
		expect(first(`title: t\nlogsource: {product: w}\ndetection:\n  sel:\n    A|foo: 1\n`)).toBe(
			'SigmaConditionError: Sigma rule must contain at least one condition'
		);
		expect(first(`title: t\n${body}---\n`)).toBe(
			"AttributeError: 'NoneType' object has no attribute 'get'"
		);
		expect(first('action: foo\n---\ntitle: t\n')).toBe(
			"SigmaCollectionError: Unknown Sigma collection action 'foo' in rule 1"
		);
		expect(
			first(`title: t\nlogsource: {product: w}\ndetection:\n  sel: {}\n  condition: sel\n`)
		).toBe('SigmaDetectionError: Detection is empty');
	});

	it('reports condition errors lazily, after every load-time error', () => {
		const r = parseRule(`title: t\n${body.replace('condition: sel', 'condition: sel AND x')}`);
		expect(r.diagnostics.map((d) => [d.code, d.stage, d.reference?.message])).toEqual([
			[
				'condition_syntax',
				'condition',
				"Expected end of text, found 'AND'  (at char 4), (line:1, col:5)"
			]
		]);
		const both = parseRule(
			`title: t\nlogsource: {product: w}\ndetection:\n  sel:\n    A|foo: 1\n  condition: x\n`
		);
		expect(both.diagnostics.map((d) => d.code)).toEqual([
			'modifier_unknown',
			'condition_reference_unknown'
		]);
		expect(
			first(`title: t\n${body.replace('condition: sel', "condition: 'sel | count() > 5'")}`)
		).toBe(
			"SigmaConditionError: The pipe syntax in Sigma conditions has been deprecated and replaced by Sigma correlations. pySigma doesn't supports this syntax."
		);
		expect(first(`title: t\n${body.replace('condition: sel', 'condition:')}`)).toBe(
			"TypeError: argument of type 'NoneType' is not iterable (while converting rule None)"
		);
	});

	it('places condition ranges in the rule source, for quoted and listed conditions', () => {
		const src = `title: t\nlogsource: {product: w}\ndetection:\n  sel:\n    A: 1\n  condition:\n    - "sel and x"\n    - sel\n`;
		const r = parseRule(src);
		expect(r.rules[0].conditions.map((c) => c.text)).toEqual(['sel and x', 'sel']);
		const d = r.diagnostics[0];
		expect([d.code, src.slice(d.from, d.to)]).toEqual(['condition_reference_unknown', 'x']);
		const ast = r.rules[0].conditions[0].ast!;
		expect(src.slice(ast.range.from, ast.range.to)).toBe('sel and x');
	});

	it('applies action: global and records correlation and filter documents', () => {
		const src = `action: global\ntitle: g\nlogsource: {product: w}\n---\ndetection:\n  sel:\n    A: 1\n  condition: sel\n---\ntitle: c\ncorrelation: {type: event_count, rules: [x], timespan: 1h, condition: {gte: 2}}\n---\ntitle: f\nlogsource: {product: w}\nfilter: {rules: any, sel: {B: 1}, condition: not sel}\n`;
		const r = parseRule(src);
		expect(r.diagnostics).toEqual([]);
		expect(r.rules[0].title).toBe('g');
		expect(r.documents.map((d) => [d.kind, d.title, d.ruleIndex])).toEqual([
			['rule', 'g', 0],
			['correlation', 'c', null],
			['filter', 'f', null]
		]);
	});

	it('never throws and stays fast', () => {
		for (const src of [
			'',
			'---',
			'- a',
			': :',
			'[',
			'title: [',
			'\u0000',
			'a: *b',
			'a: !!binary x'
		]) {
			expect(() => parseRule(src)).not.toThrow();
		}
		const src = `title: t\n${body}`;
		for (let i = 0; i < 50; i++) parseRule(src);
		const t = performance.now();
		for (let i = 0; i < 200; i++) parseRule(src);
		// About 0.3 ms on an idle machine; the bound leaves room for a busy shared CI box.
		expect((performance.now() - t) / 200).toBeLessThan(2);
	});
});
