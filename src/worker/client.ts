import type { EventMatch, FlavourId } from '../core/index';
import type { WorkerRequest, WorkerResponse } from './protocol';

/** Receives the responses of the newest match run only; older runs are dropped unseen. */
export type RunListener = (response: WorkerResponse) => void;

/**
 * Talks to the matching worker. Every request gets a fresh id; starting a run supersedes the
 * previous one (the worker stops it, and its late messages are ignored here). The worker is
 * created on first use and re-created after a crash.
 */
export class MatchClient {
	#worker: Worker | null = null;
	#nextId = 1;
	#currentRun = 0;
	#pending = new Map<number, (match: EventMatch | null) => void>();
	#listener: RunListener;

	constructor(listener: RunListener) {
		this.#listener = listener;
	}

	/** Starts matching `events` against `rule`; returns the run id. */
	match(rule: string, events: string, flavour: FlavourId): number {
		const id = this.#nextId++;
		this.#currentRun = id;
		this.#send({ type: 'match', id, rule, events, flavour });
		return id;
	}

	/** Stops the current run, if any; its remaining messages are dropped. */
	cancel(): void {
		if (!this.#currentRun) return;
		this.#send({ type: 'cancel', id: this.#currentRun });
		this.#currentRun = 0;
	}

	/** The full verdict of one event of run `run`, or null when that run is gone. */
	explain(run: number, index: number): Promise<EventMatch | null> {
		const id = this.#nextId++;
		return new Promise((resolve) => {
			this.#pending.set(id, resolve);
			this.#send({ type: 'explain', id, run, index });
		});
	}

	/** Ends the worker; pending explanations resolve to null. */
	dispose(): void {
		this.#worker?.terminate();
		this.#worker = null;
		this.#settlePending();
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
		if (
			response.type === 'explained' ||
			(response.type === 'error' && this.#pending.has(response.id))
		) {
			const resolve = this.#pending.get(response.id);
			this.#pending.delete(response.id);
			resolve?.(response.type === 'explained' ? response.match : null);
			return;
		}
		if (response.id === this.#currentRun) this.#listener(response);
	}

	#settlePending(): void {
		for (const resolve of this.#pending.values()) resolve(null);
		this.#pending.clear();
	}
}
