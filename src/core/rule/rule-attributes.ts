import type { Range } from '../source';
import {
	mapGet,
	pyTypeName,
	type YamlMap,
	type YamlNode,
	type YamlScalar
} from '../yaml/yaml-tree';
import type { Problems } from './problem';
import { pyScalarStr } from './values';

/**
 * The checks pySigma's `SigmaRuleBase.from_dict_common_params` runs on a rule's attributes, in
 * its order (id, name, taxonomy, related, level, status, tags, date, modified, fields,
 * falsepositives, author, description, references, title, scope, license).
 */

const levels = ['informational', 'low', 'medium', 'high', 'critical'];
const statuses = ['unsupported', 'deprecated', 'experimental', 'test', 'stable'];
const relatedTypes = ['correlation', 'derived', 'merged', 'obsolete', 'renamed', 'similar'];

/** Reports every attribute problem of a rule (a map) as pySigma would meet them. */
export function checkAttributes(map: YamlMap, problems: Problems): void {
	const get = (k: string): YamlNode | null => {
		const v = mapGet(map, k)?.value;
		return v === undefined || isNull(v) ? null : v;
	};
	const range = (k: string): Range =>
		mapGet(map, k)?.range ?? { from: map.range.from, to: map.range.from };
	const fail = (key: string, code: string, type: string, text: string, message = text + '.') =>
		problems.error(code, message, range(key), type, text);

	const id = get('id');
	if (id) {
		if (!isStr(id)) {
			problems.error(
				'rule_id_invalid',
				'The rule id must be a UUID string.',
				range('id'),
				'AttributeError',
				`'${typeName(id)}' object has no attribute 'replace'`,
				true
			);
		} else if (!isUuid(id.value as string)) {
			fail(
				'id',
				'rule_id_invalid',
				'SigmaIdentifierError',
				'Sigma rule identifier must be an UUID'
			);
		}
	}
	const name = get('name');
	if (name && !isStr(name))
		fail('name', 'rule_name_invalid', 'SigmaTypeError', 'Sigma rule name must be a string');
	else if (name && name.kind === 'scalar' && name.value === '') {
		fail('name', 'rule_name_invalid', 'SigmaNameError', 'Sigma rule name must not be empty');
	}
	const taxonomy = get('taxonomy');
	if (taxonomy && !isStr(taxonomy))
		fail(
			'taxonomy',
			'rule_taxonomy_invalid',
			'SigmaTaxonomyError',
			'Sigma rule taxonomy must be a string'
		);
	else if (taxonomy && (taxonomy as YamlScalar).value === '') {
		fail(
			'taxonomy',
			'rule_taxonomy_invalid',
			'SigmaTaxonomyError',
			'Sigma rule taxonomy must not be empty'
		);
	}
	const related = get('related');
	if (related)
		checkRelated(related, (text) =>
			fail('related', 'rule_related_invalid', 'SigmaRelatedError', text)
		);
	const level = get('level');
	if (level && !isStr(level))
		fail('level', 'rule_level_invalid', 'SigmaLevelError', 'Sigma rule level must be a string');
	else if (level && !levels.includes(upperLower(level))) {
		fail(
			'level',
			'rule_level_invalid',
			'SigmaLevelError',
			`'${(level as YamlScalar).value}' is not a valid Sigma rule level`
		);
	}
	const status = get('status');
	if (status && !isStr(status))
		fail('status', 'rule_status_invalid', 'SigmaStatusError', 'Sigma rule status cannot be a list');
	else if (status && !statuses.includes(upperLower(status))) {
		fail(
			'status',
			'rule_status_invalid',
			'SigmaStatusError',
			`'${(status as YamlScalar).value}' is not a valid Sigma rule status`
		);
	}
	const tags = get('tags');
	if (tags && tags.kind !== 'seq')
		fail('tags', 'rule_tags_invalid', 'SigmaTagError', 'Sigma tags fields must be a list');
	else if (tags && tags.kind === 'seq') {
		for (const t of tags.items) {
			if (!isStr(t)) {
				problems.error(
					'rule_tags_invalid',
					'Sigma rule tags must be a list of strings.',
					t.range,
					'SigmaTagError',
					'Sigma rule tags must be a list of strings'
				);
			} else if (!(t.value as string).includes('.')) {
				const text = 'Sigma tag must start with namespace separated with dot from remaining tag.';
				problems.error('rule_tag_invalid', text, t.range, 'SigmaValueError', text);
			}
		}
	}
	for (const [key, type] of [
		['date', 'SigmaDateError'],
		['modified', 'SigmaModifiedError']
	]) {
		const v = get(key);
		if (v && !validDate(v)) {
			fail(
				key,
				`rule_${key}_invalid`,
				type,
				`Rule ${key} '${pyStr(v)}' is invalid, use yyyy-mm-dd`
			);
		}
	}
	const lists: [string, string, string][] = [
		['fields', 'SigmaFieldsError', 'Sigma rule fields must be a list'],
		['falsepositives', 'SigmaFalsePositivesError', 'Sigma rule falsepositives must be a list']
	];
	for (const [key, type, text] of lists) {
		const v = get(key);
		if (v && v.kind !== 'seq') fail(key, `rule_${key}_invalid`, type, text);
	}
	for (const [key, type] of [
		['author', 'SigmaAuthorError'],
		['description', 'SigmaDescriptionError']
	]) {
		const v = get(key);
		if (v && !isStr(v))
			fail(key, `rule_${key}_invalid`, type, `Sigma rule ${key} must be a string`);
	}
	const refs = get('references');
	if (refs && refs.kind !== 'seq')
		fail(
			'references',
			'rule_references_invalid',
			'SigmaReferencesError',
			'Sigma rule references must be a list'
		);
	const title = get('title');
	if (!title) {
		problems.error(
			'rule_title_missing',
			'A rule needs a title.',
			{ from: map.range.from, to: map.range.from },
			'SigmaTitleError',
			'Sigma rule must have a title'
		);
	} else if (!isStr(title))
		fail('title', 'rule_title_invalid', 'SigmaTitleError', 'Sigma rule title must be a string');
	else if ((title.value as string).length > 256) {
		fail(
			'title',
			'rule_title_invalid',
			'SigmaTitleError',
			'Sigma rule title length must not exceed 256 characters'
		);
	}
	const scope = get('scope');
	if (scope && scope.kind !== 'seq')
		fail('scope', 'rule_scope_invalid', 'SigmaScopeError', 'Sigma rule scope must be a list');
	const license = get('license');
	if (license && !isStr(license))
		fail(
			'license',
			'rule_license_invalid',
			'SigmaLicenseError',
			'Sigma rule license must be a string'
		);
}

function checkRelated(node: YamlNode, fail: (text: string) => void): void {
	if (node.kind !== 'seq') return fail('Sigma rule related must be a list');
	for (const item of node.items) {
		if (item.kind !== 'map')
			return fail('Sigma related items must be maps with an id and type field');
		const id = mapGet(item, 'id')?.value;
		const type = mapGet(item, 'type')?.value;
		if (!id) return fail('Sigma related must have an id field');
		if (!type) return fail('Sigma related must have a type field');
		if (!isStr(id)) return fail('Sigma related identifier must be a string UUID');
		if (!isUuid(id.value as string)) return fail('Sigma related identifier must be an UUID');
		if (!isStr(type)) return fail('Sigma related type must be a string');
		if (!relatedTypes.includes((type.value as string).toUpperCase().toLowerCase())) {
			return fail(`${type.value} is not a Sigma related valid type`);
		}
	}
}

function isNull(n: YamlNode): boolean {
	return n.kind === 'scalar' && n.type === 'null';
}

function isStr(n: YamlNode): n is YamlScalar {
	return n.kind === 'scalar' && n.type === 'str';
}

function typeName(n: YamlNode): string {
	return pyTypeName(n).slice(8, -2);
}

/** `SigmaLevel[v.upper()]` compares upper-cased names; `ß` and friends upper-case to two letters. */
function upperLower(n: YamlNode): string {
	return String((n as YamlScalar).value)
		.toUpperCase()
		.toLowerCase();
}

/** Python's `uuid.UUID(str)`: `urn:`, `uuid:`, outer braces and hyphens go; 32 hex digits stay. */
function isUuid(s: string): boolean {
	const hex = s
		.replace(/urn:/g, '')
		.replace(/uuid:/g, '')
		.replace(/^[{}]+|[{}]+$/g, '')
		.replace(/-/g, '');
	return hex.length === 32 && /^\s*\+?[0-9a-fA-F]+(?:_[0-9a-fA-F]+)*\s*$/.test(hex);
}

function validDate(n: YamlNode): boolean {
	if (n.kind === 'scalar' && (n.type === 'date' || n.type === 'datetime')) return true;
	const text = pyStr(n);
	const m =
		/^([1-3][0-9]{3})-([01][0-9])-([0-3][0-9])$/.exec(text) ??
		/^([1-3][0-9]{3})\/([01]?[0-9])\/([0-3]?[0-9])$/.exec(text);
	if (!m) return false;
	const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
	if (mo < 1 || mo > 12 || d < 1) return false;
	const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
	const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
	return d <= days;
}

/** Python's `str()` of a YAML value, for messages. */
function pyStr(n: YamlNode): string {
	if (n.kind !== 'scalar') return n.kind === 'seq' ? '[...]' : '{...}';
	return pyScalarStr(n);
}
