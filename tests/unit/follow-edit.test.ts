import { describe, expect, it } from 'vitest';
import { compileMatcher, parseRule } from '../../src/core/index';
import { followEdit } from '../../src/ui/editor/follow-edit';

const rule = [
	'title: Look-ahead',
	'logsource:',
	'    category: process_creation',
	'detection:',
	'    selection:',
	"        CommandLine|re: 'a(?=b)'",
	'    condition: selection'
].join('\n');

function matcherDiagnostics(text: string) {
	return compileMatcher(parseRule(text)).diagnostics;
}

describe('followEdit', () => {
	const found = matcherDiagnostics(rule);

	it('moves a diagnostic after the edit with the text, as a fresh check would place it', () => {
		expect(found.map((d) => d.code)).toEqual(['match_regex_unsupported']);
		const edited = rule.replace('title: Look-ahead', 'title: Look-ahead\nstatus: test');
		expect(followEdit(found, rule, edited)).toEqual(matcherDiagnostics(edited));
	});

	it('keeps a diagnostic before the edit and drops one the edit touches', () => {
		expect(followEdit(found, rule, `${rule}\n# more`)).toEqual(found);
		expect(followEdit(found, rule, rule.replace('(?=b)', '(?=c)'))).toEqual([]);
	});
});
