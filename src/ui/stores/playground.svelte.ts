import { loadFlavourSchemas, parseRule, translate } from '../../core/index';
import type { Diagnostic, FlavourId, PlaygroundState } from '../../core/index';
import { editorEventsLimit, textAsFile, type EventsFile } from './events-file';
import { guard } from './guard';

function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
	return a.code === b.code && a.from === b.from && a.to === b.to && a.message === b.message;
}

/**
 * The state of the page: rule text, events (a text, or a file too large for the editor), flavour
 * and table override. Parsing and translation are derived synchronously from the rule text, so
 * the KQL follows every keystroke.
 */
export class Playground {
	rule = $state('');
	/** The events editor's text; empty while `eventsFile` holds the events. */
	events = $state('');
	/** Events too large for the editor, held as a file; they are not saved or shared. */
	eventsFile = $state.raw<EventsFile | null>(null);
	flavour = $state<FlavourId>('sentinel_asim');
	queryTable = $state('');

	/** Grows when more table column lists arrive, so that translation re-checks the fields. */
	#schemas = $state(0);

	/** The parsed rule, or the error that stopped the parser. */
	parsed = $derived(guard(() => parseRule(this.rule)));

	/** The KQL for the current flavour, or the error that stopped the translator. */
	translation = $derived.by(() => {
		const parsed = this.parsed.value;
		if (!parsed) return { value: null, error: this.parsed.error };
		const queryTable = this.queryTable.trim();
		// Reading the counter makes the translation run again when column lists arrive.
		void this.#schemas;
		return guard(() => translate(parsed, this.flavour, queryTable ? { queryTable } : {}));
	});

	/** Every problem with the rule text, parse and translate stages merged without repeats. */
	diagnostics = $derived.by(() => {
		const all: Diagnostic[] = [...(this.parsed.value?.diagnostics ?? [])];
		const translated = this.translation.value;
		const extra = translated ? [...translated.diagnostics] : [];
		if (translated?.error) extra.push(translated.error);
		for (const d of extra) if (!all.some((seen) => sameDiagnostic(seen, d))) all.push(d);
		return all.sort((a, b) => a.from - b.from || a.to - b.to);
	});

	/** A message when the core itself failed (a bug, not a rule problem). */
	internalError = $derived(this.parsed.error ?? this.translation.error);

	/**
	 * Fetches the column lists of every table of the current flavour (a chunk loaded on demand),
	 * then translates again. Needed once a table override names a table no logsource reaches.
	 */
	loadSchemas(): void {
		loadFlavourSchemas(this.flavour).then(
			() => this.#schemas++,
			() => {}
		);
	}

	/** What the tester matches: the loaded file, else the editor's text. */
	get eventsInput(): string | Blob {
		return this.eventsFile?.blob ?? this.events;
	}

	/** Sets the events text; a text too long for the editor is held as a file named `name`. */
	setEvents(text: string, name = 'pasted events'): void {
		if (text.length > editorEventsLimit) {
			this.eventsFile = textAsFile(text, name);
			this.events = '';
		} else {
			this.eventsFile = null;
			this.events = text;
		}
	}

	/** Holds events from a file without reading them here; the worker reads them. */
	setEventsFile(file: EventsFile): void {
		this.eventsFile = file;
		this.events = '';
	}

	/**
	 * The state a permalink or a saved draft holds. Events held as a file are left out: they are
	 * too large for a link or for the browser's storage.
	 */
	get snapshot(): PlaygroundState {
		const state: PlaygroundState = {
			v: 1,
			rule: this.rule,
			events: this.events,
			flavour: this.flavour
		};
		const queryTable = this.queryTable.trim();
		if (queryTable) state.queryTable = queryTable;
		return state;
	}

	/** Replaces everything with a saved or shared state. */
	restore(state: PlaygroundState): void {
		this.rule = state.rule;
		this.setEvents(state.events, 'events from the link');
		this.flavour = state.flavour;
		this.queryTable = state.queryTable ?? '';
	}
}
