import {
	defaultKeymap,
	history,
	historyKeymap,
	indentWithTab,
	insertNewline
} from '@codemirror/commands';
import {
	bracketMatching,
	defaultHighlightStyle,
	indentUnit,
	syntaxHighlighting
} from '@codemirror/language';
import { lintGutter } from '@codemirror/lint';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { EditorState, type Extension } from '@codemirror/state';
import {
	drawSelection,
	EditorView,
	highlightActiveLine,
	highlightActiveLineGutter,
	highlightSpecialChars,
	keymap,
	lineNumbers
} from '@codemirror/view';

/** Colours and sizes shared by both editors; the editor fills its host element. */
export const editorTheme = EditorView.theme({
	'&': { height: '100%', fontSize: '13px', backgroundColor: 'var(--editor-bg)' },
	'.cm-scroller': {
		fontFamily: 'var(--mono)',
		lineHeight: '1.5'
	},
	'.cm-gutters': {
		backgroundColor: 'var(--editor-gutter)',
		borderRight: '1px solid var(--border)',
		color: 'var(--muted)'
	},
	'.cm-activeLine': { backgroundColor: 'var(--editor-active-line)' },
	'.cm-activeLineGutter': { backgroundColor: 'var(--editor-active-line)' }
});

/**
 * The extensions every editor gets: line numbers, undo history, search, bracket matching and a
 * lint gutter. Indentation is four spaces because YAML forbids tabs for indentation; Tab and
 * Shift+Tab indent and dedent the selected lines.
 *
 * Enter starts the new line at column 0. In YAML the indentation is the structure, so the
 * editor never guesses it: text typed or pasted line by line lands exactly as written.
 */
export function baseExtensions(): Extension[] {
	return [
		lineNumbers(),
		highlightActiveLineGutter(),
		highlightSpecialChars(),
		history(),
		drawSelection(),
		bracketMatching(),
		highlightActiveLine(),
		highlightSelectionMatches(),
		search({ top: true }),
		syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
		lintGutter(),
		indentUnit.of('    '),
		EditorState.tabSize.of(4),
		keymap.of([
			{ key: 'Enter', run: insertNewline },
			...defaultKeymap,
			...historyKeymap,
			...searchKeymap,
			indentWithTab
		]),
		editorTheme
	];
}
