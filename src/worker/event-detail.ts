import { locatePath } from '../core/index';
import type { EventMatch, EventPath, ParseResult, Range } from '../core/index';
import { maxEventText, type EventDetail, type ItemDetail } from './protocol';

/** What the worker keeps of a run to explain its events on demand. */
export interface ExplainContext {
	parsed: ParseResult;
	text: string;
	ranges: readonly Range[];
}

/**
 * `Event.EventData.Image` for a path from the event root; indexes print as `[0]` and keys that
 * are not plain names as `["Threat Name"]`.
 */
export function formatPath(path: EventPath): string {
	let out = '';
	for (const step of path) {
		if (typeof step === 'number') out += `[${step}]`;
		else if (/^[A-Za-z_$@#][\w$@#-]*$/.test(step)) out += out ? `.${step}` : step;
		else out += `[${JSON.stringify(step)}]`;
	}
	return out;
}

/**
 * Adds to a verdict what the page shows beside it: the rule value and event field each item
 * compared, and the event's text with the place of each compared value.
 */
export function eventDetail(
	context: ExplainContext,
	index: number,
	match: EventMatch
): EventDetail {
	const { parsed, text } = context;
	const range = context.ranges[index];
	const cut = Math.min(range.to, range.from + maxEventText);
	const items = (match.explanation?.selections ?? []).map((selection) =>
		selection.items.map((item): ItemDetail => {
			const at = item.path ? locatePath(text, range, item.path) : null;
			const value = item.valueRange;
			return {
				value: value ? parsed.source.slice(value.from, value.to) : null,
				path: item.path ? formatPath(item.path) : null,
				mark: at && at.to <= cut ? { from: at.from - range.from, to: at.to - range.from } : null
			};
		})
	);
	return {
		index,
		match,
		items,
		text: text.slice(range.from, cut),
		truncated: cut < range.to,
		offset: range.from
	};
}

/** The first line of an event's text, whitespace collapsed, for the result list. */
export function previewOf(text: string, range: Range): string {
	return text
		.slice(range.from, Math.min(range.to, range.from + 400))
		.replace(/\s+/g, ' ')
		.slice(0, 200);
}
