import { makeDiagnostic, type Diagnostic } from '../diagnostics';
import { SourceText, type Range } from '../source';
import { loadYaml } from '../yaml/load-yaml';
import { mapGet } from '../yaml/yaml-tree';
import { buildRule } from './build-rule';
import { collect } from './collection';
import type { SigmaRule } from './model';
import type { Problem, Problems } from './problem';

/** One YAML document that holds a rule, a correlation or a filter. */
export interface DocumentInfo {
	kind: 'rule' | 'correlation' | 'filter';
	range: Range;
	title: string | null;
	/** Index into `ParseResult.rules` for detection rules, else null. */
	ruleIndex: number | null;
}

/**
 * Everything read from a Sigma YAML text. Diagnostics are sorted by position, except that the
 * first error carrying a `reference` is always the one pySigma raises first for the whole text.
 * Diagnostics with `stage: 'condition'` are raised by pySigma lazily, when a rule's conditions
 * are converted (after its processing pipeline); all others while the YAML is loaded.
 */
export interface ParseResult {
	source: string;
	rules: SigmaRule[];
	documents: DocumentInfo[];
	diagnostics: Diagnostic[];
}

/** Parses every document of a Sigma YAML text. Never throws. */
export function parseRule(source: string): ParseResult {
	try {
		return parse(source);
	} catch (err) {
		const text = new SourceText(source);
		const message = `Internal parser error: ${err instanceof Error ? err.message : String(err)}`;
		const d = makeDiagnostic(text, 'rule', 'parser_internal', 'error', message, { from: 0, to: 0 });
		return { source, rules: [], documents: [], diagnostics: [d] };
	}
}

interface Ranked {
	problem: Problem;
	/** pySigma's raise order; null for problems it never raises or raises after another. */
	rank: number | null;
}

function parse(source: string): ParseResult {
	const text = new SourceText(source);
	const yaml = loadYaml(source);
	const ranked: Ranked[] = [];
	let rank = 0;
	for (const p of yaml.problems) {
		const problem: Problem = { ...p, stage: 'yaml', phase: 0 };
		ranked.push({ problem, rank: p.reference ? rank++ : null });
	}
	const coll = collect(yaml.documents);
	const rules: SigmaRule[] = [];
	const documents: DocumentInfo[] = [];
	const perDoc = new Map<number, Problem[][]>();
	const lazy: Problem[] = [];
	for (const unit of coll.units) {
		const titleNode = mapGet(unit.map, 'title')?.value;
		const title =
			titleNode?.kind === 'scalar' && titleNode.type === 'str' ? (titleNode.value as string) : null;
		if (unit.kind !== 'rule') {
			documents.push({ kind: unit.kind, range: unit.range, title, ruleIndex: null });
			continue;
		}
		const built = buildRule(unit.map, source, unit.range);
		documents.push({ kind: 'rule', range: unit.range, title, ruleIndex: rules.length });
		rules.push(built.rule);
		perDoc.set(unit.docNumber, [...(perDoc.get(unit.docNumber) ?? []), eagerOrder(built.problems)]);
		for (const list of built.problems) {
			for (const p of list.list) {
				if (p.stage === 'condition') lazy.push(p);
				else ranked.push({ problem: p, rank: null });
			}
		}
	}
	const collProblems = coll.problems.list.map((p) => ({ problem: p, rank: null as number | null }));
	ranked.push(...collProblems);
	const docCount = yaml.documents.length;
	for (let doc = 1; doc <= docCount; doc++) {
		const range = yaml.documents[doc - 1].range;
		const coll = collProblems.find(
			(c) =>
				c.problem.range.from >= range.from &&
				c.problem.range.to <= Math.max(range.to, range.from + 1)
		);
		if (coll) coll.rank = rank++;
		for (const order of perDoc.get(doc) ?? []) {
			const first = order[0];
			const hit = first && ranked.find((r) => r.problem === first);
			if (hit && hit.rank === null) hit.rank = rank++;
		}
	}
	for (const p of lazy) ranked.push({ problem: p, rank: rank++ });
	return { source, rules, documents, diagnostics: toDiagnostics(text, ranked) };
}

/** A rule's eager errors in the order pySigma would raise the first of them. */
function eagerOrder(phases: Problems[]): Problem[] {
	const refs = (ps: Problems) =>
		ps.list.filter((p) => p.reference && p.stage !== 'condition' && p.severity === 'error');
	const [attrs, logsource, detection] = phases.map(refs);
	if (attrs.length) return attrs;
	const firstDet = detection[0];
	if (firstDet?.escapes) return detection;
	if (logsource.length) return logsource;
	return detection;
}

function toDiagnostics(text: SourceText, ranked: Ranked[]): Diagnostic[] {
	const sorted = [...ranked].sort(
		(a, b) => a.problem.range.from - b.problem.range.from || a.problem.range.to - b.problem.range.to
	);
	let primary: Ranked | null = null;
	for (const r of ranked) {
		if (
			r.rank !== null &&
			r.problem.severity === 'error' &&
			(primary === null || r.rank < (primary.rank as number))
		)
			primary = r;
	}
	if (primary) {
		sorted.splice(sorted.indexOf(primary), 1);
		sorted.unshift(primary);
	}
	return sorted.map(({ problem: p }) =>
		makeDiagnostic(
			text,
			p.stage,
			p.code,
			p.severity,
			p.message,
			clamp(p.range, text.text.length),
			p.reference
		)
	);
}

function clamp(r: Range, length: number): Range {
	const from = Math.max(0, Math.min(r.from, length));
	return { from, to: Math.max(from, Math.min(r.to, length)) };
}
