import { describe, expect, it } from 'vitest';
import { compileMatcher, matchEvent } from '../../src/core/match/match';
import { item, map, num, parsed, ref, rule } from '../support/rule-builders';

function windowsEvent(channel: string, eventId: number, provider = 'Any') {
	return {
		Event: {
			System: {
				Provider: { '#attributes': { Name: provider } },
				EventID: eventId,
				Channel: channel
			},
			EventData: { Marker: 'x' }
		}
	};
}

type Source = { product?: string; category?: string; service?: string };

function verdict(logsource: Source, event: unknown) {
	const selection = map(item('Marker', [{ type: 'string', parts: ['x'] }]));
	const matcher = compileMatcher(parsed(rule(logsource, { selection }, ref('selection'))));
	const result = matchEvent(matcher, event);
	return { match: result.match, logsource: result.logsource, summary: result.explanation?.summary };
}

const sysmon = 'Microsoft-Windows-Sysmon/Operational';

describe('logsource filtering', () => {
	it('accepts the Sysmon and Security sources of process_creation', () => {
		const ls = { product: 'windows', category: 'process_creation' };
		expect(verdict(ls, windowsEvent(sysmon, 1)).match).toBe(true);
		expect(verdict(ls, windowsEvent('Security', 4688)).match).toBe(true);
	});

	it('sets aside a Sysmon event of another category, and says why', () => {
		const processes = { product: 'windows', category: 'process_creation' };
		const result = verdict(processes, windowsEvent(sysmon, 3));
		expect(result.match).toBe(false);
		expect(result.logsource).toEqual({
			ok: false,
			reason: `Event 3 of channel ${sysmon} is not a process_creation event (expected 1).`
		});
		expect(result.summary).toBe(`Not matched: ${result.logsource.reason}`);
	});

	it('sets aside a channel that does not record the category', () => {
		const event = windowsEvent('Microsoft-Windows-TaskScheduler/Operational', 1);
		expect(verdict({ product: 'windows', category: 'process_creation' }, event).logsource).toEqual({
			ok: false,
			reason:
				'The event comes from channel Microsoft-Windows-TaskScheduler/Operational, which does not record category: process_creation.'
		});
	});

	it('checks the channel of a service, not just the event id (Chainsaw#122)', () => {
		const ls = { product: 'windows', service: 'windefend' };
		const wcm = 'Microsoft-Windows-Wcmsvc';
		const wrong = windowsEvent(`${wcm}/Operational`, 1116, wcm);
		expect(verdict(ls, wrong).match).toBe(false);
		expect(
			verdict(ls, windowsEvent('Microsoft-Windows-Windows Defender/Operational', 1116)).match
		).toBe(true);
	});

	it('sets aside a Windows event for a rule of another product', () => {
		const linux = { product: 'linux', category: 'process_creation' };
		const result = verdict(linux, windowsEvent(sysmon, 1));
		expect(result.logsource).toEqual({
			ok: false,
			reason: `The event is a Windows event (channel ${sysmon}), but the rule's logsource is product: linux.`
		});
	});

	it('accepts what it cannot place: unknown categories and services, no channel', () => {
		expect(
			verdict({ product: 'windows', category: 'made_up' }, windowsEvent('Security', 1)).match
		).toBe(true);
		expect(
			verdict({ product: 'windows', service: 'made-up' }, windowsEvent('Security', 1)).match
		).toBe(true);
		expect(
			verdict({ product: 'windows', category: 'process_creation' }, { Marker: 'x' }).match
		).toBe(true);
		const slack = { Channel: '#general', Marker: 'x' };
		expect(verdict({ product: 'windows', category: 'process_creation' }, slack).match).toBe(true);
	});

	it('judges flat records that carry a channel and an event id', () => {
		const row = { Channel: 'Security', EventID: 4624, Marker: 'x' };
		expect(verdict({ product: 'windows', category: 'process_creation' }, row).match).toBe(false);
		expect(verdict({ product: 'windows', service: 'security' }, row).match).toBe(true);
	});

	it('still reports the selections that held when the logsource vetoes', () => {
		const selection = map(item('EventID', [num(3)]));
		const matcher = compileMatcher(
			parsed(
				rule({ product: 'windows', category: 'process_creation' }, { selection }, ref('selection'))
			)
		);
		const result = matchEvent(matcher, windowsEvent(sysmon, 3));
		expect(result.selections).toEqual(['selection']);
		expect(result.conditions).toEqual([true]);
		expect(result.match).toBe(false);
	});
});
