import type { EventDetail } from '../worker/protocol';
import type { EventMark } from './editor/event-marks';

/** A piece of an event's text, highlighted or not. */
export interface Segment {
	text: string;
	kind: EventMark['kind'] | null;
}

/**
 * The event values that decided the verdict, as ranges in `detail.text` (add `detail.offset` for
 * the events text). For a match (or a logsource veto): the values of the selections that held.
 * For a miss: the closest selection's values, those that held and those that failed, and the
 * values of the selection that excluded the event, as failures. A value compared by several
 * items is marked once, as a miss if any of them counts as one; overlapping ranges keep the first.
 */
export function detailMarks(detail: EventDetail): EventMark[] {
	const byRange = new Map<string, EventMark>();
	const explanation = detail.match.explanation;
	const selections = explanation?.selections ?? [];
	const decided = explanation?.closest ?? explanation?.excludedBy ?? null;
	selections.forEach((selection, s) => {
		const excluding = selection.name === explanation?.excludedBy;
		const shown = decided === null ? selection.matched : selection.name === explanation?.closest;
		if (!shown && !excluding) return;
		selection.items.forEach((item, i) => {
			const mark = detail.items[s]?.[i]?.mark;
			if (!mark) return;
			const key = `${mark.from}:${mark.to}`;
			const kind = item.matched && !excluding ? 'hit' : 'miss';
			const seen = byRange.get(key);
			if (!seen || kind === 'miss') byRange.set(key, { ...mark, kind });
		});
	});
	const sorted = [...byRange.values()].sort((a, b) => a.from - b.from || b.to - a.to);
	const marks: EventMark[] = [];
	for (const mark of sorted) {
		const last = marks[marks.length - 1];
		if (!last || mark.from >= last.to) marks.push(mark);
	}
	return marks;
}

/** Cuts `text` into plain and highlighted pieces along sorted, non-overlapping marks. */
export function segments(text: string, marks: readonly EventMark[]): Segment[] {
	const out: Segment[] = [];
	let at = 0;
	for (const mark of marks) {
		if (mark.from > at) out.push({ text: text.slice(at, mark.from), kind: null });
		out.push({ text: text.slice(mark.from, mark.to), kind: mark.kind });
		at = mark.to;
	}
	if (at < text.length) out.push({ text: text.slice(at), kind: null });
	return out;
}
