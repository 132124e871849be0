import { describe, expect, it } from 'vitest';
import { compileMatcher, matchEvent } from '../../src/core/match/match';
import { parseRule } from '../../src/core/rule/parse-rule';

const yaml = `title: Whoami
logsource:
    product: windows
    category: process_creation
detection:
    selection_img:
        Image|endswith:
            - '\\whoami.exe'
            - '\\hostname.exe'
        CommandLine|contains: '/all'
    selection_alt:
        - OriginalFileName: 'whoami.exe'
        - Description: 'whoami'
    filter:
        User|startswith: 'NT AUTHORITY'
    condition: 1 of selection_* and not filter
`;

function sysmon(data: Record<string, string>) {
	return {
		Event: {
			System: { Channel: 'Microsoft-Windows-Sysmon/Operational', EventID: 1 },
			EventData: data
		}
	};
}

const matcher = compileMatcher(parseRule(yaml));
const at = (text: string) => ({ from: yaml.indexOf(text), to: yaml.indexOf(text) + text.length });

describe('explanations', () => {
	it('show, for a match, each deciding value and where the event holds it', () => {
		const event = sysmon({
			Image: 'C:\\x\\hostname.exe',
			CommandLine: 'hostname /all',
			User: 'bob'
		});
		const result = matchEvent(matcher, event);
		expect(result.match).toBe(true);
		expect(result.selections).toEqual(['selection_img']);
		const selection = result.explanation?.selections[0];
		expect(selection?.matched).toBe(true);
		expect(selection?.nameRange).toEqual(at('selection_img'));
		expect(selection?.items).toEqual([
			{
				key: 'Image|endswith',
				field: 'Image',
				range: { from: yaml.indexOf('Image|endswith'), to: at("'\\hostname.exe'").to },
				matched: true,
				valueIndex: 1,
				valueRange: at("'\\hostname.exe'"),
				path: ['Event', 'EventData', 'Image'],
				actual: 'C:\\x\\hostname.exe',
				reason: 'The event value matches "\\hostname.exe".'
			},
			{
				key: 'CommandLine|contains',
				field: 'CommandLine',
				range: at("CommandLine|contains: '/all'"),
				matched: true,
				valueIndex: 0,
				valueRange: at("'/all'"),
				path: ['Event', 'EventData', 'CommandLine'],
				actual: 'hostname /all',
				reason: 'The event value matches "/all".'
			}
		]);
		expect(result.explanation?.summary).toBe("Matched: 'selection_img' held.");
		const ref = (name: string, value: boolean, range: { from: number; to: number }) => ({
			kind: 'ref',
			value,
			name,
			range,
			known: true
		});
		const selector = at('1 of selection_*');
		const filter = { from: yaml.lastIndexOf('filter'), to: yaml.lastIndexOf('filter') + 6 };
		expect(result.explanation?.conditions).toEqual([
			{
				text: '1 of selection_* and not filter',
				range: at('1 of selection_* and not filter'),
				tree: {
					kind: 'and',
					value: true,
					args: [
						{
							kind: 'selector',
							value: true,
							text: '1 of selection_*',
							range: selector,
							args: [ref('selection_img', true, selector), ref('selection_alt', false, selector)]
						},
						{ kind: 'not', value: true, arg: ref('filter', false, filter) }
					]
				}
			}
		]);
	});

	it('name, for a miss, the closest selection and its first failed item', () => {
		const event = sysmon({ Image: 'C:\\x\\whoami.exe', CommandLine: 'whoami', User: 'bob' });
		const explanation = matchEvent(matcher, event).explanation;
		expect(explanation?.closest).toBe('selection_img');
		expect(explanation?.excludedBy).toBe(null);
		const closest = explanation?.selections[0];
		expect([closest?.satisfied, closest?.total]).toEqual([1, 2]);
		expect(closest?.failed).toMatchObject({
			key: 'CommandLine|contains',
			matched: false,
			valueIndex: 0,
			path: ['Event', 'EventData', 'CommandLine'],
			actual: 'whoami'
		});
		expect(explanation?.summary).toBe(
			'Not matched: \'selection_img\' failed at CommandLine|contains: The event value does not match "/all".'
		);
	});

	it('report a missing field without a path', () => {
		const event = sysmon({ Image: 'C:\\x\\calc.exe' });
		const alternatives = matchEvent(matcher, event).explanation?.selections[1];
		expect(alternatives?.failed).toMatchObject({
			key: 'OriginalFileName',
			path: null,
			reason: 'The field OriginalFileName is not in the event.'
		});
		expect(alternatives?.failed).not.toHaveProperty('actual');
	});

	it('name the filter that excluded an event', () => {
		const event = sysmon({
			Image: 'C:\\x\\whoami.exe',
			CommandLine: 'whoami /all',
			User: 'NT AUTHORITY\\SYSTEM'
		});
		const result = matchEvent(matcher, event);
		expect(result.selections).toEqual(['selection_img', 'filter']);
		expect(result.explanation?.excludedBy).toBe('filter');
		expect(result.explanation?.summary).toBe(
			"Not matched: 'filter' held, and the condition excludes it."
		);
	});

	it('can be left out for bulk runs', () => {
		const event = sysmon({ Image: 'C:\\x\\whoami.exe', CommandLine: 'whoami /all' });
		const result = matchEvent(matcher, event, { explain: false });
		expect(result.match).toBe(true);
		expect(result.explanation).toBe(null);
	});

	it('point keyword hits at the value that holds them', () => {
		const keywords = compileMatcher(
			parseRule(`title: K
logsource:
    product: windows
detection:
    keywords:
        - 'sekurlsa'
        - 'mimikatz'
    condition: keywords
`)
		);
		const event = { Event: { System: {}, EventData: { Cmd: 'run MimiKatz' } } };
		const result = matchEvent(keywords, event);
		expect(result.explanation?.selections[0].items[0]).toMatchObject({
			key: 'keywords',
			matched: true,
			valueIndex: 1,
			path: ['Event', 'EventData', 'Cmd'],
			actual: 'run MimiKatz'
		});
	});
});
