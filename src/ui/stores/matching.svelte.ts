import type { Diagnostic, EventMatch, FlavourId } from '../../core/index';
import { MatchClient } from '../../worker/client';
import type { ResultRow, StartedResponse, WorkerResponse } from '../../worker/protocol';

/** How long typing must pause before events are matched again. */
const matchDelayMs = 150;

/**
 * The event tester's state: it debounces requests, runs them in the worker and collects the
 * verdicts as they stream in. Rows live in a plain array; `received` is the reactive count, so a
 * million rows never become a million proxies.
 */
export class Matching {
	running = $state(false);
	/** Grows whenever the verdicts are replaced by those of a new run. */
	generation = $state(0);
	received = $state(0);
	total = $state(0);
	matched = $state(0);
	format = $state('');
	elapsed = $state<number | null>(null);
	error = $state<string | null>(null);
	eventDiagnostics = $state.raw<Diagnostic[]>([]);
	ruleDiagnostics = $state.raw<Diagnostic[]>([]);
	/** The events text the current results belong to. */
	eventsText = $state.raw('');
	selected = $state<number | null>(null);
	explanation = $state.raw<EventMatch | null>(null);

	#rows: ResultRow[] = [];
	#ranges: Int32Array = new Int32Array(0);
	#run = 0;
	#runText = '';
	#started: StartedResponse | null = null;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#client = new MatchClient((response) => this.#receive(response));

	/** The verdict at `position` in event order, once it has arrived. */
	row(position: number): ResultRow | undefined {
		// Reading `generation` makes rows re-render when a new run replaces the verdicts.
		void this.generation;
		if (position >= this.received) return undefined;
		return this.#rows[position];
	}

	/** Where event `index` sits in the events text, as offsets. */
	range(index: number): { from: number; to: number } | null {
		if (index * 2 + 1 >= this.#ranges.length) return null;
		return { from: this.#ranges[index * 2], to: this.#ranges[index * 2 + 1] };
	}

	/** Schedules matching of `events` against `rule`, replacing any pending or running request. */
	request(rule: string, events: string, flavour: FlavourId): void {
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => this.#start(rule, events, flavour), matchDelayMs);
	}

	/** Stops the running request; the verdicts so far stay on screen. */
	cancel(): void {
		clearTimeout(this.#timer);
		this.#client.cancel();
		this.running = false;
	}

	/** Selects an event and fetches its full verdict with the explanation. */
	async select(index: number | null): Promise<void> {
		// Re-selecting the same event after a new run keeps the old explanation until the new one
		// arrives, so that it does not blink while the rule is edited.
		if (index !== this.selected) this.explanation = null;
		this.selected = index;
		if (index === null) return;
		const run = this.#run;
		const match = await this.#client.explain(run, index);
		if (this.selected === index && this.#run === run) this.explanation = match;
	}

	/** Ends the worker. */
	dispose(): void {
		clearTimeout(this.#timer);
		this.#client.dispose();
	}

	#start(rule: string, events: string, flavour: FlavourId): void {
		if (events.trim() === '') {
			this.#client.cancel();
			this.#started = null;
			this.#reset(events);
			this.selected = null;
			this.explanation = null;
			return;
		}
		this.#runText = events;
		this.#run = this.#client.match(rule, events, flavour);
		this.running = true;
		this.error = null;
	}

	#reset(events: string): void {
		this.#rows = [];
		this.#ranges = new Int32Array(0);
		this.generation++;
		this.received = 0;
		this.total = 0;
		this.matched = 0;
		this.format = '';
		this.elapsed = null;
		this.error = null;
		this.running = false;
		this.eventDiagnostics = [];
		this.ruleDiagnostics = [];
		this.eventsText = events;
	}

	#receive(response: WorkerResponse): void {
		switch (response.type) {
			case 'started':
				// The previous verdicts stay until the first new ones arrive, so that re-running on
				// every keystroke does not make the list flicker.
				this.#started = response;
				break;
			case 'progress': {
				if (this.#started) this.#adopt(this.#started);
				let matched = 0;
				for (const row of response.rows) {
					this.#rows.push(row);
					if (row.match) matched++;
				}
				this.matched += matched;
				this.received = this.#rows.length;
				break;
			}
			case 'done':
				this.running = false;
				this.elapsed = response.elapsed;
				if (this.selected !== null) {
					this.select(this.selected < this.total ? this.selected : null);
				}
				break;
			case 'error':
				this.running = false;
				this.error = response.message;
				break;
		}
	}

	#adopt(started: StartedResponse): void {
		this.#started = null;
		this.#reset(this.#runText);
		this.running = true;
		this.#ranges = started.ranges;
		this.total = started.total;
		this.format = started.format;
		this.eventDiagnostics = started.eventDiagnostics;
		this.ruleDiagnostics = started.ruleDiagnostics;
	}
}
