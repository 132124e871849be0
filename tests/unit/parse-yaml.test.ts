import { describe, expect, it } from 'vitest';
import { loadYaml } from '../../src/core/yaml/load-yaml';
import type { YamlMap, YamlScalar } from '../../src/core/yaml/yaml-tree';
import { parseRule } from '../../src/core/rule/parse-rule';

function scalars(text: string): { type: string; value: unknown }[] {
	const root = loadYaml(`v: [${text}]`).documents[0].root as YamlMap;
	const seq = root.entries[0].value;
	if (seq.kind !== 'seq') throw new Error('not a list');
	return seq.items.map((n) => ({ type: (n as YamlScalar).type, value: (n as YamlScalar).value }));
}

describe('loadYaml: PyYAML (YAML 1.1) scalar typing', () => {
	it('types scalars like PyYAML', () => {
		expect(
			scalars(
				'yes, On, off, No, 1_000, 1:30, 010, 0b101, .5, +5, 0x10, 1e3, 1.0e+3, ~, null, -.5, "5"'
			)
		).toEqual([
			{ type: 'bool', value: true },
			{ type: 'bool', value: true },
			{ type: 'bool', value: false },
			{ type: 'bool', value: false },
			{ type: 'int', value: 1000 },
			{ type: 'int', value: 90 },
			{ type: 'int', value: 8 },
			{ type: 'int', value: 5 },
			{ type: 'float', value: 0.5 },
			{ type: 'int', value: 5 },
			{ type: 'int', value: 16 },
			{ type: 'str', value: '1e3' },
			{ type: 'float', value: 1000 },
			{ type: 'null', value: null },
			{ type: 'null', value: null },
			{ type: 'str', value: '-.5' },
			{ type: 'str', value: '5' }
		]);
	});

	it('keeps big integers exact and reads dates as dates', () => {
		const root = loadYaml('a: 12345678901234567890\nb: 2023-01-01\nc: 2023-01-01 10:00:00')
			.documents[0].root as YamlMap;
		const [a, b, c] = root.entries.map((e) => e.value as YamlScalar);
		expect(a.big).toBe(12345678901234567890n);
		expect([b.type, c.type]).toEqual(['date', 'datetime']);
	});

	it('keeps the first position and the last value of a repeated key, with a warning', () => {
		const r = loadYaml('a: 1\nb: 2\na: 3\n');
		const root = r.documents[0].root as YamlMap;
		expect(
			root.entries.map((e) => [(e.key as YamlScalar).value, (e.value as YamlScalar).value])
		).toEqual([
			['a', 3],
			['b', 2]
		]);
		expect(r.problems).toEqual([
			{
				code: 'yaml_duplicate_key',
				severity: 'warning',
				message: "Duplicate key 'a': this value replaces the earlier one (PyYAML keeps the last).",
				range: { from: 10, to: 11 }
			}
		]);
	});

	it('refuses tabs outside quoted scalars as PyYAML does', () => {
		const r = loadYaml('a: x\ty\nb: "p\tq"\n');
		expect(r.problems[0].reference).toEqual({
			type: 'ScannerError',
			message:
				"while scanning for the next token\nfound character '\\t' that cannot start any token\n" +
				'  in "<unicode string>", line 1, column 5:\n    a: x\ty\n        ^'
		});
		expect(loadYaml('a: "p\tq" # c\t\n').problems).toEqual([]);
	});

	it('reports unknown tags and the `=` value with PyYAML constructor messages', () => {
		expect(loadYaml('a: =\n').problems[0].reference).toEqual({
			type: 'ConstructorError',
			message:
				"could not determine a constructor for the tag 'tag:yaml.org,2002:value'\n" +
				'  in "<unicode string>", line 1, column 4:\n    a: =\n       ^'
		});
		expect(loadYaml('a: !foo x\n').problems[0].reference?.message.split('\n')[0]).toBe(
			"could not determine a constructor for the tag '!foo'"
		);
	});

	it('reports syntax errors at their line and column', () => {
		const r = loadYaml('a: [1\nb: 2\n');
		expect(r.problems[0]).toMatchObject({ code: 'yaml_syntax', range: { from: 6, to: 7 } });
	});

	it('reports an unclosed quoted string at its opening quote, as PyYAML does', () => {
		const text = `detection:\n    selection:\n        Image|endswith: ['a', "b\n`;
		const quote = text.indexOf('"b');
		expect(loadYaml(text).problems).toEqual([
			{
				code: 'yaml_syntax',
				severity: 'error',
				message:
					'YAML syntax error: this quoted string is not closed; no closing " before the end of the text.',
				range: { from: quote, to: quote + 1 },
				reference: {
					type: 'ScannerError',
					message: [
						'while scanning a quoted scalar',
						'  in "<unicode string>", line 3, column 31:',
						`            Image|endswith: ['a', "b`,
						'                                  ^',
						'found unexpected end of stream',
						'  in "<unicode string>", line 4, column 1:',
						'    ',
						'    ^'
					].join('\n')
				}
			}
		]);
		const diagnostic = parseRule(text).diagnostics[0];
		expect([diagnostic.start, diagnostic.end]).toEqual([
			{ line: 3, column: 30 },
			{ line: 3, column: 31 }
		]);
	});

	it('reports a quoted string that runs into a document marker or a less indented line', () => {
		const text = "a:\n    b: 'x\n  c: d\n---\ne: f\n";
		const [problem] = loadYaml(text).problems;
		expect(problem.message).toBe(
			"YAML syntax error: this quoted string is not closed; no closing ' before the document marker on line 4."
		);
		expect(problem.range).toEqual({ from: 10, to: 11 });
		expect(problem.reference?.message.split('\n').slice(4, 6)).toEqual([
			'found unexpected document separator',
			'  in "<unicode string>", line 4, column 1:'
		]);
	});

	it('leaves quotes inside plain values, comments and block scalars alone', () => {
		const text = "# it's\ntitle: it's\ndescription: |\n    don't\nnote: a\n    'tis\nx: [1\n";
		expect(loadYaml(text).problems.map((p) => [p.message, p.range])).toEqual([
			['YAML syntax error: deficient indentation.', { from: text.length, to: text.length }]
		]);
	});

	it('finds an unclosed string after a quote that only looked like one', () => {
		const text = 'note: a\n    \'tis\nb: "x\n';
		expect(loadYaml(text).problems[0]).toMatchObject({
			message:
				'YAML syntax error: this quoted string is not closed; no closing " before the end of the text.',
			range: { from: text.indexOf('"'), to: text.indexOf('"') + 1 }
		});
	});

	it('keeps an invalid escape as the error when it comes before the missing quote', () => {
		const [problem] = loadYaml('a: "C:\\Windows\n').problems;
		expect(problem.message).toBe('YAML syntax error: unknown escape sequence.');
	});
});

describe('loadYaml: hostile input', () => {
	it('stops alias bombs', () => {
		const refs = (name: string) => `[${Array(10).fill(`*${name}`).join(',')}]`;
		const src = `a: &a ${JSON.stringify(Array(10).fill('x'))}\nb: &b ${refs('a')}\nc: &c ${refs('b')}\nd: &d ${refs('c')}\ne: &e ${refs('d')}\nf: &f ${refs('e')}\ng: ${refs('f')}\n`;
		const t = performance.now();
		const r = loadYaml(src);
		expect(performance.now() - t).toBeLessThan(500);
		expect(r.problems.map((p) => p.code)).toEqual(['yaml_alias_limit']);
	});

	it('refuses very deep nesting without overflowing the stack', () => {
		const r = parseRule(`a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
		expect(r.diagnostics[0].code).toBe('yaml_syntax');
	});

	it('reads a 1 MB value quickly', () => {
		const src = `title: t\nlogsource: {product: w}\ndetection:\n  sel:\n    A: "${'x*'.repeat(500_000)}"\n  condition: sel\n`;
		const t = performance.now();
		const r = parseRule(src);
		expect(performance.now() - t).toBeLessThan(1500);
		expect(r.rules[0].detections[0].detection.items[0]).toMatchObject({ field: 'A' });
	});
});
