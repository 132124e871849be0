import { describe, expect, it } from 'vitest';
import { parseRule, translate } from '../../src/core/index';
import { messageParts, restLabel } from '../../src/ui/message-parts';
import { unknownFieldRule } from '../support/sample-rules';

function refusal(rule: string, flavour: 'sentinel_asim' | 'microsoft_xdr') {
	const error = translate(parseRule(rule), flavour).error;
	if (!error) throw new Error('the rule was expected to be refused');
	return error;
}

const noTable = [
	'title: No table',
	'logsource:',
	'    product: windows',
	'    category: dns_query',
	'detection:',
	'    selection:',
	'        QueryName|endswith: .xyz',
	'    condition: selection',
	''
].join('\n');

describe('messageParts', () => {
	it('keeps the first line of an unknown-field refusal and lists the valid fields apart', () => {
		const error = refusal(unknownFieldRule, 'microsoft_xdr');
		const parts = messageParts(error.message);
		expect(parts.head).toBe(
			'Invalid SigmaDetectionItem field name encountered: FooBarBaz. Please use valid fields ' +
				'for the DeviceProcessEvents table, or the following fields that have keymappings in ' +
				'this pipeline:'
		);
		expect(parts.list).toHaveLength(87);
		expect(parts.list?.slice(0, 3)).toEqual(['AccountDomain', 'AccountName', 'AccountObjectId']);
		expect(parts.detail).toBeNull();
		expect(restLabel(parts, error.code)).toBe('show the 87 valid fields');
	});

	it('keeps the numbered lines of the table-name refusal as they are', () => {
		const error = refusal(noTable, 'microsoft_xdr');
		expect(error.code).toBe('translate_table_unknown');
		const parts = messageParts(error.message);
		expect(parts.head).toBe(
			'Unable to determine table name from rule.  The query table is determined in the ' +
				'following order of priority:'
		);
		expect(parts.list).toBeNull();
		expect(parts.detail?.split('\n').map((line) => line.slice(0, 5))).toEqual([
			'  1) ',
			'  2) ',
			'  3) ',
			'  4) ',
			'For m'
		]);
		expect(restLabel(parts, error.code)).toBe('show details');
	});

	it('leaves a one-line message whole', () => {
		expect(messageParts("Detection 'x' not defined in detections")).toEqual({
			head: "Detection 'x' not defined in detections",
			list: null,
			detail: null
		});
	});
});
