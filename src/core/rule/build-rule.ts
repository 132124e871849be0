import { parseCondition, pipeSyntaxMessage } from '../condition/parse-condition';
import { resolveCondition } from '../condition/resolve-condition';
import type { Range } from '../source';
import { scalarOffsets } from '../yaml/scalar-offsets';
import {
	mapGet,
	pyTypeName,
	type YamlMap,
	type YamlNode,
	type YamlScalar
} from '../yaml/yaml-tree';
import type { Condition, ConditionNode, LogSource, NamedDetection, SigmaRule } from './model';
import { DetectionBuilder } from './parse-detection';
import { Problems } from './problem';
import { checkAttributes } from './rule-attributes';
import { toPlain } from './to-plain';

/**
 * pySigma's `SigmaRule.from_dict` on a positioned map: attributes, logsource, detections and
 * conditions, each problem recorded in pySigma's order (see `Problem.phase`).
 */
export function buildRule(
	map: YamlMap,
	source: string,
	range: Range
): { rule: SigmaRule; problems: Problems[] } {
	const attrs = new Problems(0);
	checkAttributes(map, attrs);
	const logProblems = new Problems(1);
	const logsource = buildLogSource(map, logProblems);
	const detProblems = new Problems(2);
	const { detections, conditions } = buildDetections(map, source, detProblems);
	const str = (k: string): string | null => {
		const v = mapGet(map, k)?.value;
		return v && v.kind === 'scalar' && v.type === 'str' ? (v.value as string) : null;
	};
	const tagsNode = mapGet(map, 'tags')?.value;
	const tags =
		tagsNode?.kind === 'seq'
			? tagsNode.items.flatMap((t) =>
					t.kind === 'scalar' && t.type === 'str' ? [t.value as string] : []
				)
			: [];
	const attributes: Record<string, unknown> = {};
	for (const e of map.entries)
		if (e.key.kind === 'scalar') attributes[String(e.key.value)] = toPlain(e.value);
	const rule: SigmaRule = {
		kind: 'rule',
		title: str('title') ?? '',
		id: str('id'),
		name: str('name'),
		status: str('status'),
		level: str('level'),
		description: str('description'),
		tags,
		logsource,
		detections,
		conditions,
		attributes,
		range
	};
	return { rule, problems: [attrs, logProblems, detProblems] };
}

function buildLogSource(map: YamlMap, problems: Problems): LogSource {
	const entry = mapGet(map, 'logsource');
	const empty: LogSource = {
		category: null,
		product: null,
		service: null,
		definition: null,
		custom: {},
		range: entry?.range ?? { from: map.range.from, to: map.range.from }
	};
	if (!entry) {
		problems.error(
			'logsource_missing',
			'A rule needs a logsource.',
			empty.range,
			'SigmaLogsourceError',
			'Sigma rule must have a log source'
		);
		return empty;
	}
	const node = entry.value;
	if (node.kind !== 'map') {
		problems.error(
			'logsource_invalid',
			'The logsource must be a map.',
			entry.range,
			'SigmaLogsourceError',
			'Sigma logsource must be a valid YAML map'
		);
		return empty;
	}
	const ls: LogSource = { ...empty, range: node.range };
	const get = (k: string): YamlNode | null => {
		const v = mapGet(node, k)?.value;
		return v && !(v.kind === 'scalar' && v.type === 'null') ? v : null;
	};
	for (const e of node.entries) {
		const k = e.key.kind === 'scalar' ? String(e.key.value) : '';
		if (!['category', 'product', 'service', 'definition'].includes(k))
			ls.custom[k] = toPlain(e.value);
	}
	const fields = ['category', 'product', 'service', 'definition'] as const;
	for (const f of fields) {
		const v = get(f);
		if (v && v.kind === 'scalar' && v.type === 'str') ls[f] = v.value as string;
	}
	if (!get('category') && !get('product') && !get('service')) {
		problems.error(
			'logsource_empty',
			'The logsource needs a category, product or service.',
			entry.range,
			'SigmaLogsourceError',
			"Sigma log source can't be empty"
		);
		return ls;
	}
	for (const f of fields) {
		const v = get(f);
		if (v && truthy(v) && !(v.kind === 'scalar' && v.type === 'str')) {
			problems.error(
				'logsource_invalid',
				`The logsource ${f} must be text.`,
				mapGet(node, f)!.range,
				'SigmaLogsourceError',
				`Sigma log source ${f} must be string`
			);
			return ls;
		}
	}
	return ls;
}

function truthy(n: YamlNode): boolean {
	if (n.kind === 'seq') return n.items.length > 0;
	if (n.kind === 'map') return n.entries.length > 0;
	return !(n.value === false || n.value === 0 || n.value === '' || n.value === null);
}

function buildDetections(
	map: YamlMap,
	source: string,
	problems: Problems
): { detections: NamedDetection[]; conditions: Condition[] } {
	const detections: NamedDetection[] = [];
	const conditions: Condition[] = [];
	const entry = mapGet(map, 'detection');
	if (!entry) {
		problems.error(
			'detection_missing',
			'A rule needs a detection section.',
			{ from: map.range.from, to: map.range.from },
			'SigmaDetectionError',
			'Sigma rule must have a detection definitions'
		);
		return { detections, conditions };
	}
	const node = entry.value;
	if (node.kind !== 'map') {
		problems.error(
			'detection_invalid',
			'The detection section must be a map.',
			entry.range,
			'SigmaDetectionError',
			'Sigma detection must be a valid YAML map'
		);
		return { detections, conditions };
	}
	const condEntry = mapGet(node, 'condition');
	if (!condEntry) {
		problems.error(
			'condition_missing',
			'The detection section needs a condition.',
			entry.key.range,
			'SigmaConditionError',
			'Sigma rule must contain at least one condition'
		);
	}
	const builder = new DetectionBuilder(source, problems);
	for (const e of node.entries) {
		if (e.key.kind === 'scalar' && e.key.type === 'str' && e.key.value === 'condition') continue;
		const name = e.key.kind === 'scalar' ? String(e.key.value) : '';
		detections.push({ name, nameRange: e.key.range, detection: builder.detection(e.value) });
	}
	if (!condEntry) return { detections, conditions };
	if (detections.length === 0) {
		problems.error(
			'detection_empty',
			'Define at least one selection besides the condition.',
			entry.key.range,
			'SigmaDetectionError',
			'No detections defined in Sigma rule'
		);
	}
	const cnode = condEntry.value;
	const list = cnode.kind === 'seq' ? cnode.items : [cnode];
	if (list.length === 0) {
		problems.error(
			'condition_missing',
			'The condition list is empty.',
			cnode.range,
			'SigmaConditionError',
			'Sigma rule must contain at least one condition'
		);
	}
	for (const c of list) conditions.push(buildCondition(c, source, detections, problems));
	return { detections, conditions };
}

function buildCondition(
	node: YamlNode,
	source: string,
	detections: NamedDetection[],
	problems: Problems
): Condition {
	if (node.kind !== 'scalar' || node.type !== 'str') {
		const type = pyTypeName(node).slice(8, -2);
		const text = `argument of type '${type}' is not iterable (while converting rule None)`;
		problems.lazy(
			'condition_invalid',
			'The condition must be text.',
			node.range,
			'TypeError',
			text
		);
		return { text: node.kind === 'scalar' ? node.text : '', range: node.range, ast: null };
	}
	const text = node.value as string;
	const at = scalarOffsets(source, node as YamlScalar);
	const cond: Condition = { text, range: node.range, ast: null };
	if (text.includes('|')) {
		const pipe = text.indexOf('|');
		problems.lazy(
			'condition_pipe',
			'Pipe aggregations (`| count() ...`) are not supported; use a correlation rule.',
			{ from: at(pipe), to: at(text.length) },
			'SigmaConditionError',
			pipeSyntaxMessage
		);
		return cond;
	}
	const parsed = parseCondition(text);
	if (!parsed.ok) {
		const e = parsed.error;
		const where = { from: at(e.at), to: at(e.at + Math.max(1, e.length)) };
		if (e.at >= text.length) where.from = Math.max(node.range.from, at(text.length));
		problems.lazy(
			'condition_syntax',
			`Condition syntax error: ${e.message.replace(/ {2}\(at char.*$/, '')}.`,
			where,
			'SigmaConditionError',
			e.message
		);
		return cond;
	}
	cond.ast = mapRanges(parsed.ast, at);
	for (const err of resolveCondition(cond.ast, detections).errors) {
		problems.lazy(
			err.code,
			err.message + '.',
			err.range,
			err.reference.type,
			err.reference.message
		);
	}
	return cond;
}

/** The condition tree with offsets of the condition text turned into offsets of the source. */
function mapRanges(node: ConditionNode, at: (i: number) => number): ConditionNode {
	const range = { from: at(node.range.from), to: at(node.range.to) };
	switch (node.kind) {
		case 'and':
		case 'or':
			return { ...node, range, args: node.args.map((a) => mapRanges(a, at)) };
		case 'not':
			return { ...node, range, arg: mapRanges(node.arg, at) };
		default:
			return { ...node, range };
	}
}
