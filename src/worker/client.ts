import type { FlavourId } from '../core/index';
import type { Diagnostic } from '../core/index';
import type { EventDetail, ExcerptResponse, WorkerRequest, WorkerResponse } from './protocol';

/** Receives the responses of the newest match run only; older runs are dropped unseen. */
export type RunListener = (response: WorkerResponse) => void;

type Answer = EventDetail | ExcerptResponse | Diagnostic[] | null;

/**
 * Talks to the matching worker. Every request gets a fresh id; starting a run supersedes the
 * previous one (the worker stops it, and its late messages are ignored here). The events are
 * sent only when they differ from the last ones sent, so editing the rule never copies or
 * parses the events again. The worker is created on first use and re-created after a crash.
 */
export class MatchClient {
	#worker: Worker | null = null;
	#nextId = 1;
	#currentRun = 0;
	#sentEvents: string | Blob | null = null;
	#eventsKey = 0;
	#pending = new Map<number, (answer: Answer) => void>();
	#listener: RunListener;

	constructor(listener: RunListener) {
		this.#listener = listener;
	}

	/** Starts matching `events` (a text, or a file) against `rule`; returns the run id. */
	match(rule: string, events: string | Blob, flavour: FlavourId): number {
		const id = this.#nextId++;
		this.#currentRun = id;
		const worker = this.#ensureWorker();
		const fresh = events !== this.#sentEvents;
		if (fresh) {
			this.#sentEvents = events;
			this.#eventsKey++;
		}
		const request: WorkerRequest = {
			type: 'match',
			id,
			rule,
			flavour,
			events: fresh ? events : null,
			eventsKey: this.#eventsKey
		};
		worker.postMessage(request);
		return id;
	}

	/** Stops the current run, if any; its remaining messages are dropped. */
	cancel(): void {
		if (!this.#currentRun) return;
		this.#send({ type: 'cancel', id: this.#currentRun });
		this.#currentRun = 0;
	}

	/** The full verdict of one event of run `run`, or null when that run is gone. */
	explain(run: number, index: number): Promise<EventDetail | null> {
		const request: WorkerRequest = { type: 'explain', id: this.#nextId++, run, index };
		return this.#ask(request) as Promise<EventDetail | null>;
	}

	/**
	 * The start of the events last sent: raw text, or whole events that fit in `limit` characters
	 * (see `ExcerptRequest`). Null when the worker is gone.
	 */
	excerpt(limit: number, whole: boolean): Promise<ExcerptResponse | null> {
		const request: WorkerRequest = { type: 'excerpt', id: this.#nextId++, limit, whole };
		return this.#ask(request) as Promise<ExcerptResponse | null>;
	}

	/** The matcher's problems with `rule`, or null when the worker failed or is gone. */
	check(rule: string, flavour: FlavourId): Promise<Diagnostic[] | null> {
		const request: WorkerRequest = { type: 'check', id: this.#nextId++, rule, flavour };
		return this.#ask(request) as Promise<Diagnostic[] | null>;
	}

	/** Ends the worker; pending answers resolve to null. */
	dispose(): void {
		this.#worker?.terminate();
		this.#worker = null;
		this.#sentEvents = null;
		for (const resolve of this.#pending.values()) resolve(null);
		this.#pending.clear();
	}

	#ask(request: WorkerRequest): Promise<Answer> {
		return new Promise((resolve) => {
			this.#pending.set(request.id, resolve);
			this.#send(request);
		});
	}

	#send(request: WorkerRequest): void {
		this.#ensureWorker().postMessage(request);
	}

	#ensureWorker(): Worker {
		if (this.#worker) return this.#worker;
		const worker = new Worker(new URL('./match.worker.ts', import.meta.url), { type: 'module' });
		worker.onmessage = (event: MessageEvent<WorkerResponse>) => this.#receive(event.data);
		worker.onerror = (event) => {
			event.preventDefault();
			const run = this.#currentRun;
			this.dispose();
			if (run) {
				this.#listener({
					type: 'error',
					id: run,
					message: event.message || 'The matching worker stopped unexpectedly.'
				});
			}
		};
		this.#worker = worker;
		return worker;
	}

	#receive(response: WorkerResponse): void {
		const resolve = this.#pending.get(response.id);
		if (resolve) {
			this.#pending.delete(response.id);
			if (response.type === 'explained') resolve(response.detail);
			else if (response.type === 'excerpt') resolve(response);
			else if (response.type === 'checked') resolve(response.diagnostics);
			else resolve(null);
			return;
		}
		if (response.id === this.#currentRun) this.#listener(response);
	}
}
