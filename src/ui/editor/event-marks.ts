import { StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';

/** A stretch of the events text to highlight: a value that held (`hit`) or failed (`miss`). */
export interface EventMark {
	from: number;
	to: number;
	kind: 'hit' | 'miss';
}

const setMarks = StateEffect.define<readonly EventMark[]>();

const hit = Decoration.mark({ class: 'cm-event-hit' });
const miss = Decoration.mark({ class: 'cm-event-miss' });

const marksField = StateField.define<DecorationSet>({
	create: () => Decoration.none,
	update(marks, transaction) {
		let next = marks.map(transaction.changes);
		for (const effect of transaction.effects) {
			if (!effect.is(setMarks)) continue;
			const length = transaction.state.doc.length;
			const ranges = effect.value
				.filter((m) => m.from < m.to && m.to <= length)
				.toSorted((a, b) => a.from - b.from || a.to - b.to)
				.map((m) => (m.kind === 'hit' ? hit : miss).range(m.from, m.to));
			next = Decoration.set(ranges);
		}
		return next;
	},
	provide: (field) => EditorView.decorations.from(field)
});

/** The highlight layer for the values an explanation compared. */
export function eventMarks(): Extension {
	return [
		marksField,
		EditorView.baseTheme({
			'.cm-event-hit': { backgroundColor: 'var(--mark-hit)', borderRadius: '2px' },
			'.cm-event-miss': { backgroundColor: 'var(--mark-miss)', borderRadius: '2px' }
		})
	];
}

/**
 * Replaces the highlighted values; ranges outside the document are skipped. With `scroll`, the
 * first mark is scrolled to the middle of the editor.
 */
export function showMarks(view: EditorView, marks: readonly EventMark[], scroll = false): void {
	const first = marks.find((m) => m.to <= view.state.doc.length);
	const effects: StateEffect<unknown>[] = [setMarks.of(marks)];
	if (scroll && first) effects.push(EditorView.scrollIntoView(first.from, { y: 'center' }));
	view.dispatch({ effects });
}
