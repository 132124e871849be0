import type { Diagnostic, FlavourId } from '../../core/index';
import { MatchClient } from '../../worker/client';
import type {
	EventDetail,
	ExcerptResponse,
	ResultRow,
	StartedResponse,
	WorkerResponse
} from '../../worker/protocol';

/** How long typing must pause before events are matched again. */
const matchDelayMs = 150;

/** The events to test: the text of the events editor, or a loaded file the worker reads. */
export type EventsInput = string | Blob;

/** Which verdicts the list shows; `not-matched` includes the events the logsource set aside. */
export type RowFilter = 'all' | 'matched' | 'not-matched' | 'set-aside';

/** True when a verdict belongs in the list under `filter`. */
function passesFilter(row: ResultRow, filter: RowFilter): boolean {
	switch (filter) {
		case 'all':
			return true;
		case 'matched':
			return row.match;
		case 'not-matched':
			return !row.match;
		case 'set-aside':
			return !row.match && row.logsource !== undefined;
	}
}

interface Request {
	rule: string;
	events: EventsInput;
	flavour: FlavourId;
}

/**
 * The event tester's state: it debounces requests, runs them in the worker and collects the
 * verdicts as they stream in. Rows live in a plain array; `received` is the reactive count, so a
 * million rows never become a million proxies.
 */
export class Matching {
	running = $state(false);
	/** True while the worker reads and parses the events of a run, before any verdict. */
	reading = $state(false);
	/** True when the user stopped the last run before it finished. */
	cancelled = $state(false);
	/** Grows whenever the verdicts are replaced by those of a new run. */
	generation = $state(0);
	received = $state(0);
	total = $state(0);
	matched = $state(0);
	/** Events the logsource set aside (counted among those not matched). */
	excluded = $state(0);
	format = $state('');
	elapsed = $state<number | null>(null);
	error = $state<string | null>(null);
	eventDiagnostics = $state.raw<Diagnostic[]>([]);
	/** How many problems the events have in all (`eventDiagnostics` lists the first ones). */
	eventProblems = $state(0);
	ruleDiagnostics = $state.raw<Diagnostic[]>([]);
	/** The events the current results belong to. */
	resultsFor = $state.raw<EventsInput>('');
	/** The events text the current results belong to; empty when they come from a file. */
	eventsText = $state.raw('');
	selected = $state<number | null>(null);
	detail = $state.raw<EventDetail | null>(null);
	/** Which verdicts the list shows; it stays while the rule is edited and matched again. */
	filter = $state<RowFilter>('all');
	/** How many verdicts the list shows under `filter`. */
	shown = $state(0);
	/** The matcher's problems with the rule, and the rule text they belong to (see `check`). */
	checked = $state.raw<{ rule: string; diagnostics: Diagnostic[] }>({ rule: '', diagnostics: [] });

	#rows: ResultRow[] = [];
	/** Positions in `#rows` of the verdicts `filter` lets through; unused for `all`. */
	#shownPositions: number[] = [];
	#ranges: Int32Array = new Int32Array(0);
	#run = 0;
	#runEvents: EventsInput = '';
	#last: Request | null = null;
	#started: StartedResponse | null = null;
	#timer: ReturnType<typeof setTimeout> | undefined;
	/** True from a request until its run starts. */
	#waiting = false;
	/** The run `detail` belongs to. */
	#detailRun = 0;
	#client = new MatchClient((response) => this.#receive(response));
	#checking = false;
	#nextCheck: { rule: string; flavour: FlavourId } | null = null;

	/** The verdict at `position` in event order, once it has arrived. */
	row(position: number): ResultRow | undefined {
		// Reading `generation` makes rows re-render when a new run replaces the verdicts.
		void this.generation;
		if (position >= this.received) return undefined;
		return this.#rows[position];
	}

	/** The verdict at `position` of the list as filtered. */
	shownRow(position: number): ResultRow | undefined {
		if (this.filter === 'all') return this.row(position);
		void this.generation;
		if (position >= this.shown) return undefined;
		return this.#rows[this.#shownPositions[position]];
	}

	/** Shows only the verdicts `filter` lets through. */
	setFilter(filter: RowFilter): void {
		this.filter = filter;
		this.#shownPositions = [];
		if (filter !== 'all') {
			this.#rows.forEach((row, position) => {
				if (passesFilter(row, filter)) this.#shownPositions.push(position);
			});
		}
		this.shown = filter === 'all' ? this.received : this.#shownPositions.length;
		this.generation++;
	}

	/** Where event `index` sits in the events text, as offsets. */
	range(index: number): { from: number; to: number } | null {
		if (index * 2 + 1 >= this.#ranges.length) return null;
		return { from: this.#ranges[index * 2], to: this.#ranges[index * 2 + 1] };
	}

	/** Schedules matching of `events` against `rule`, replacing any pending or running request. */
	request(rule: string, events: EventsInput, flavour: FlavourId): void {
		clearTimeout(this.#timer);
		this.#waiting = true;
		this.#last = { rule, events, flavour };
		this.#timer = setTimeout(() => this.#start(rule, events, flavour), matchDelayMs);
	}

	/** Runs the last request again at once (after a cancel). */
	rerun(): void {
		clearTimeout(this.#timer);
		if (this.#last) this.#start(this.#last.rule, this.#last.events, this.#last.flavour);
	}

	/**
	 * Stops the running request; the verdicts so far stay on screen. Verdicts of other events
	 * (the run was still reading new events) are cleared rather than left to mislead.
	 */
	cancel(): void {
		clearTimeout(this.#timer);
		this.#client.cancel();
		const wasRunning = this.running;
		this.#started = null;
		if (wasRunning && this.resultsFor !== this.#runEvents) this.#reset(this.#runEvents);
		this.cancelled = wasRunning;
		this.running = false;
		this.reading = false;
	}

	/**
	 * True when the explanation on screen is that of event `index` in the current verdicts: not
	 * one kept from before the rule or the events changed, while their new verdicts are pending.
	 */
	isExplained(index: number): boolean {
		return (
			this.selected === index &&
			this.detail !== null &&
			this.#detailRun === this.#run &&
			!this.#waiting &&
			!this.running
		);
	}

	/** Selects an event and fetches its full verdict with the explanation. */
	async select(index: number | null): Promise<void> {
		// Re-selecting the same event after a new run keeps the old explanation until the new one
		// arrives, so that it does not blink while the rule is edited.
		if (index !== this.selected) this.detail = null;
		this.selected = index;
		if (index === null) return;
		const run = this.#run;
		const detail = await this.#client.explain(run, index);
		if (this.selected === index && this.#run === run) {
			this.detail = detail;
			this.#detailRun = run;
		}
	}

	/** The start of the current events as text (see `MatchClient.excerpt`). */
	excerpt(limit: number, whole: boolean): Promise<ExcerptResponse | null> {
		return this.#client.excerpt(limit, whole);
	}

	/**
	 * Asks the worker for the matcher's problems with `rule` at once, events or not; the answer
	 * lands in `checked`. While one check runs, only the latest of the rules that arrive meanwhile
	 * is checked next, so fast typing never queues up work.
	 */
	check(rule: string, flavour: FlavourId): void {
		this.#nextCheck = { rule, flavour };
		if (!this.#checking) void this.#runChecks();
	}

	/** Ends the worker. */
	dispose(): void {
		clearTimeout(this.#timer);
		this.#client.dispose();
	}

	async #runChecks(): Promise<void> {
		this.#checking = true;
		while (this.#nextCheck) {
			const { rule, flavour } = this.#nextCheck;
			this.#nextCheck = null;
			const diagnostics = await this.#client.check(rule, flavour);
			if (diagnostics) this.checked = { rule, diagnostics };
		}
		this.#checking = false;
	}

	#start(rule: string, events: EventsInput, flavour: FlavourId): void {
		this.#waiting = false;
		this.cancelled = false;
		if (typeof events === 'string' && events.trim() === '') {
			this.#client.cancel();
			this.#started = null;
			this.#reset(events);
			this.selected = null;
			this.detail = null;
			return;
		}
		this.#runEvents = events;
		this.#run = this.#client.match(rule, events, flavour);
		this.running = true;
		this.reading = true;
		this.error = null;
	}

	#reset(events: EventsInput): void {
		this.#rows = [];
		this.#shownPositions = [];
		this.#ranges = new Int32Array(0);
		this.generation++;
		this.received = 0;
		this.shown = 0;
		this.total = 0;
		this.matched = 0;
		this.excluded = 0;
		this.format = '';
		this.elapsed = null;
		this.error = null;
		this.running = false;
		this.reading = false;
		this.eventDiagnostics = [];
		this.eventProblems = 0;
		this.ruleDiagnostics = [];
		this.resultsFor = events;
		this.eventsText = typeof events === 'string' ? events : '';
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
				let excluded = 0;
				const filter = this.filter;
				for (const row of response.rows) {
					if (filter !== 'all' && passesFilter(row, filter)) {
						this.#shownPositions.push(this.#rows.length);
					}
					this.#rows.push(row);
					if (row.match) matched++;
					else if (row.logsource !== undefined) excluded++;
				}
				this.matched += matched;
				this.excluded += excluded;
				this.received = this.#rows.length;
				this.shown = filter === 'all' ? this.received : this.#shownPositions.length;
				break;
			}
			case 'done':
				this.running = false;
				this.reading = false;
				this.elapsed = response.elapsed;
				if (this.selected !== null) {
					this.select(this.selected < this.total ? this.selected : null);
				}
				break;
			case 'error':
				this.running = false;
				this.reading = false;
				this.error = response.message;
				break;
		}
	}

	#adopt(started: StartedResponse): void {
		this.#started = null;
		// The explanation of an event of the events replaced is not kept on screen: the event at
		// its index is another one now. The selection stays, and `done` explains the new event.
		if (this.resultsFor !== this.#runEvents) this.detail = null;
		this.#reset(this.#runEvents);
		this.running = true;
		this.#ranges = started.ranges;
		this.total = started.total;
		this.format = started.format;
		this.eventDiagnostics = started.eventDiagnostics;
		this.eventProblems = started.eventProblems;
		this.ruleDiagnostics = started.ruleDiagnostics;
	}
}
