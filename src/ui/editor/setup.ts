import {
	defaultKeymap,
	history,
	historyKeymap,
	indentWithTab,
	insertNewline
} from '@codemirror/commands';
import {
	bracketMatching,
	HighlightStyle,
	indentUnit,
	syntaxHighlighting
} from '@codemirror/language';
import { lintGutter, setDiagnostics } from '@codemirror/lint';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { EditorState, type Extension } from '@codemirror/state';
import { tags as t } from '@lezer/highlight';
import {
	drawSelection,
	EditorView,
	highlightActiveLine,
	highlightActiveLineGutter,
	highlightSpecialChars,
	keymap,
	lineNumbers,
	type ViewUpdate
} from '@codemirror/view';
import type { Diagnostic } from '../../core/index';
import { toLintDiagnostics } from './lint-bridge';

/**
 * Colours and sizes shared by both editors; the editor fills its host element. Every colour is a
 * CSS variable of `global.css`, so the editors follow the page's light or dark scheme.
 */
const editorTheme = EditorView.theme({
	'&': {
		height: '100%',
		fontSize: '13px',
		color: 'var(--text)',
		backgroundColor: 'var(--editor-bg)'
	},
	'.cm-scroller': {
		fontFamily: 'var(--mono)',
		lineHeight: '1.5'
	},
	'.cm-content': { caretColor: 'var(--text)' },
	'.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
	'.cm-gutters': {
		backgroundColor: 'var(--editor-gutter)',
		borderRight: '1px solid var(--border)',
		color: 'var(--muted)'
	},
	'.cm-activeLine': { backgroundColor: 'var(--editor-active-line)' },
	'.cm-activeLineGutter': { backgroundColor: 'var(--editor-active-line)' },
	'.cm-selectionBackground': { backgroundColor: 'var(--editor-selection-blur)' },
	'&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground': {
		backgroundColor: 'var(--editor-selection)'
	},
	'.cm-selectionMatch': { backgroundColor: 'var(--editor-match)' },
	'.cm-panels': { backgroundColor: 'var(--panel)', color: 'var(--text)' },
	'.cm-tooltip': {
		backgroundColor: 'var(--panel)',
		color: 'var(--text)',
		border: '1px solid var(--border)'
	},
	'.cm-textfield': {
		backgroundColor: 'var(--bg)',
		color: 'var(--text)',
		border: '1px solid var(--border)'
	},
	'.cm-button': { backgroundImage: 'none', backgroundColor: 'var(--bg)', color: 'var(--text)' }
});

/** Syntax colours for YAML and JSON, from the page's CSS variables (light and dark). */
const syntaxColours = HighlightStyle.define([
	{ tag: [t.keyword, t.controlKeyword], color: 'var(--syn-keyword)' },
	{ tag: [t.atom, t.bool, t.null, t.url, t.labelName], color: 'var(--syn-atom)' },
	{ tag: [t.number, t.literal], color: 'var(--syn-number)' },
	{ tag: [t.string, t.special(t.string), t.content], color: 'var(--syn-string)' },
	{ tag: [t.regexp, t.escape], color: 'var(--syn-keyword)' },
	{ tag: [t.propertyName, t.definition(t.propertyName)], color: 'var(--syn-property)' },
	{ tag: [t.typeName, t.namespace], color: 'var(--syn-type)' },
	{ tag: t.comment, color: 'var(--syn-comment)', fontStyle: 'italic' },
	{ tag: [t.meta, t.documentMeta, t.processingInstruction], color: 'var(--syn-meta)' },
	{ tag: t.invalid, color: 'var(--syn-invalid)' },
	{ tag: t.strong, fontWeight: 'bold' },
	{ tag: t.emphasis, fontStyle: 'italic' }
]);

/**
 * The extensions every editor gets: line numbers, undo history, search, bracket matching and a
 * lint gutter. Indentation is four spaces because YAML forbids tabs for indentation; Tab and
 * Shift+Tab indent and dedent the selected lines.
 *
 * Enter starts the new line at column 0. In YAML the indentation is the structure, so the
 * editor never guesses it: text typed or pasted line by line lands exactly as written.
 */
function baseExtensions(): Extension[] {
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
		syntaxHighlighting(syntaxColours),
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

/** What one editor adds to the shared extensions. */
export interface EditorOptions {
	/** The document's language support. */
	language: Extension;
	/** The accessible name of the editing area. */
	label: string;
	/** Called after every update that changed the document. */
	onDocChange: (update: ViewUpdate) => void;
	/** Further extensions of this editor. */
	extensions?: Extension[];
}

/** Creates an editor inside `parent` holding `doc`, with the shared extensions and the options'. */
export function createEditor(parent: HTMLElement, doc: string, options: EditorOptions): EditorView {
	return new EditorView({
		parent,
		state: EditorState.create({
			doc,
			extensions: [
				baseExtensions(),
				options.language,
				...(options.extensions ?? []),
				EditorView.contentAttributes.of({ 'aria-label': options.label }),
				EditorView.updateListener.of((update) => {
					if (update.docChanged) options.onDocChange(update);
				})
			]
		})
	});
}

/** Replaces the whole document with `text` as one undoable change. */
export function replaceDocument(view: EditorView, text: string): void {
	view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

/** Shows core diagnostics in the editor's lint layer at once, without the linter's delay. */
export function showDiagnostics(view: EditorView, diagnostics: readonly Diagnostic[]): void {
	view.dispatch(setDiagnostics(view.state, toLintDiagnostics(diagnostics, view.state.doc.length)));
}
