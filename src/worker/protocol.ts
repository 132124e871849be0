import type { Diagnostic, EventMatch, FlavourId, Range } from '../core/index';

/**
 * Asks the worker to match events against the rule. The events travel only when they changed:
 * `events` is the text (or a file the worker reads itself, so that tens of megabytes never pass
 * through the page) or null to reuse the events the worker already parsed under `eventsKey`.
 */
export interface MatchRequest {
	type: 'match';
	id: number;
	rule: string;
	flavour: FlavourId;
	events: string | Blob | null;
	eventsKey: number;
}

/** Asks for the full verdict (conditions, explanation, event text) of one event of a run. */
export interface ExplainRequest {
	type: 'explain';
	id: number;
	/** The id of the run the event belongs to. */
	run: number;
	index: number;
}

/**
 * Asks for the start of the current events as text: the raw text (`whole: false`) or whole
 * events joined by line breaks, as many as fit in `limit` characters (`whole: true`).
 */
export interface ExcerptRequest {
	type: 'excerpt';
	id: number;
	limit: number;
	whole: boolean;
}

/**
 * Asks for the matcher's problems with a rule (a regex RE2 cannot run, a network that is not
 * one…), answered at once, whether or not there are events.
 */
export interface CheckRequest {
	type: 'check';
	id: number;
	rule: string;
	flavour: FlavourId;
}

/** Stops the run with this id; a newer request also stops any older run. */
export interface CancelRequest {
	type: 'cancel';
	id: number;
}

/** Every message the page sends to the matching worker. */
export type WorkerRequest =
	MatchRequest | ExplainRequest | ExcerptRequest | CheckRequest | CancelRequest;

/** The verdict of one event, kept small: the list of results can hold a million rows. */
export interface ResultRow {
	/** Position of the event in the parsed events. */
	index: number;
	match: boolean;
	/** Names of the selections that held for this event. */
	selections: string[];
	/** Why the logsource set the event aside; absent when it did not. */
	logsource?: string;
	/**
	 * For a miss where every selection the condition needed held: the selection (a filter) that
	 * held too and that the condition excludes. Absent otherwise.
	 */
	excludedBy?: string;
	/** The start of the event's text on one line. */
	preview: string;
}

/** Sent once the events are parsed, before any matching. */
export interface StartedResponse {
	type: 'started';
	id: number;
	total: number;
	format: string;
	/** Offsets of each event in the events text, flattened as `[from0, to0, from1, to1, …]`. */
	ranges: Int32Array;
	/** Problems with the events text (bad JSON and the like), at most `maxEventDiagnostics`. */
	eventDiagnostics: Diagnostic[];
	/** How many problems the events text has in all. */
	eventProblems: number;
	/** Problems the matcher found in the rule. */
	ruleDiagnostics: Diagnostic[];
}

/** A chunk of verdicts, in event order, sent as matching proceeds. */
export interface ProgressResponse {
	type: 'progress';
	id: number;
	rows: ResultRow[];
	done: number;
	total: number;
}

/** The run finished; `elapsed` is in milliseconds, reading and parsing included. */
export interface DoneResponse {
	type: 'done';
	id: number;
	elapsed: number;
}

/** What an explained item points at: the rule value that decided and the event value compared. */
export interface ItemDetail {
	/** The deciding value as written in the rule; null when no single value decided. */
	value: string | null;
	/** The resolved event field path (`Event.EventData.Image`); null when the field is absent. */
	path: string | null;
	/** Where the compared value sits in `EventDetail.text`; null when absent or cut off. */
	mark: Range | null;
}

/** The full verdict of one event, with what the page needs to show it without the events text. */
export interface EventDetail {
	index: number;
	match: EventMatch;
	/** Per selection of `match.explanation`, per item: what the item points at. */
	items: ItemDetail[][];
	/** The event's text, cut at `maxEventText` characters. */
	text: string;
	truncated: boolean;
	/** Where `text` starts in the events text. */
	offset: number;
}

/** The full verdict of one event, answering an `explain` request. */
export interface ExplainResponse {
	type: 'explained';
	id: number;
	detail: EventDetail | null;
}

/** The start of the events, answering an `excerpt` request. */
export interface ExcerptResponse {
	type: 'excerpt';
	id: number;
	text: string;
	/** How many whole events `text` holds (0 for a raw excerpt). */
	events: number;
	/** True when `text` holds all the events. */
	complete: boolean;
}

/** The matcher's problems with a rule, answering a `check` request. */
export interface CheckedResponse {
	type: 'checked';
	id: number;
	diagnostics: Diagnostic[];
}

/** Something failed inside the worker; the message is shown to the user. */
export interface ErrorResponse {
	type: 'error';
	id: number;
	message: string;
}

/** Every message the matching worker sends back. */
export type WorkerResponse =
	| StartedResponse
	| ProgressResponse
	| DoneResponse
	| ExplainResponse
	| ExcerptResponse
	| CheckedResponse
	| ErrorResponse;

/** The most event problems a `started` message lists. */
export const maxEventDiagnostics = 200;

/** The longest event text an explanation carries. */
export const maxEventText = 20_000;
