import type { Diagnostic, EventMatch, FlavourId } from '../core/index';

/** Asks the worker to parse the events text and match every event against the rule. */
export interface MatchRequest {
	type: 'match';
	id: number;
	rule: string;
	events: string;
	flavour: FlavourId;
}

/** Asks for the full verdict (conditions, explanation) of one event of the latest run. */
export interface ExplainRequest {
	type: 'explain';
	id: number;
	/** The id of the run the event belongs to. */
	run: number;
	index: number;
}

/** Stops the run with this id; a newer request also stops any older run. */
export interface CancelRequest {
	type: 'cancel';
	id: number;
}

/** Every message the page sends to the matching worker. */
export type WorkerRequest = MatchRequest | ExplainRequest | CancelRequest;

/** The verdict of one event, kept small: the list of results can hold a million rows. */
export interface ResultRow {
	/** Position of the event in the parsed events. */
	index: number;
	match: boolean;
	/** Names of the selections that held for this event. */
	selections: string[];
}

/** Sent once the events are parsed, before any matching. */
export interface StartedResponse {
	type: 'started';
	id: number;
	total: number;
	format: string;
	/** Offsets of each event in the events text, flattened as `[from0, to0, from1, to1, …]`. */
	ranges: Int32Array;
	/** Problems with the events text (bad JSON and the like), with positions in that text. */
	eventDiagnostics: Diagnostic[];
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

/** The run finished; `elapsed` is in milliseconds, parsing included. */
export interface DoneResponse {
	type: 'done';
	id: number;
	elapsed: number;
}

/** The full verdict of one event, answering an `explain` request. */
export interface ExplainResponse {
	type: 'explained';
	id: number;
	match: EventMatch | null;
}

/** Something failed inside the worker; the message is shown to the user. */
export interface ErrorResponse {
	type: 'error';
	id: number;
	message: string;
}

/** Every message the matching worker sends back. */
export type WorkerResponse =
	StartedResponse | ProgressResponse | DoneResponse | ExplainResponse | ErrorResponse;
