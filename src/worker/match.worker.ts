/// <reference lib="webworker" />
import { compileMatcher, matchEvent, parseEvents, parseRule } from '../core/index';
import type { Diagnostic, FlavourId, Matcher, ParseResult, Range } from '../core/index';
import { eventDetail, previewOf } from './event-detail';
import {
	maxEventDiagnostics,
	type ExcerptRequest,
	type MatchRequest,
	type ResultRow,
	type WorkerRequest,
	type WorkerResponse
} from './protocol';

/**
 * The matching worker: reads and parses the events (kept for later runs, so that editing the
 * rule does not parse tens of megabytes again), matches every event against the rule in slices
 * of a few milliseconds, and posts the verdicts as it goes. Between slices it lets queued
 * messages in, so a newer request or a cancel stops the current run at once.
 */

const sliceMs = 25;

interface LoadedEvents {
	text: string;
	events: unknown[];
	ranges: Range[];
	flatRanges: Int32Array;
	previews: string[];
	format: string;
	diagnostics: Diagnostic[];
}

let activeRun = 0;
let loaded: { key: number; events: Promise<LoadedEvents> } | null = null;
let lastRun: { id: number; matcher: Matcher; parsed: ParseResult; events: LoadedEvents } | null =
	null;

interface Compiled {
	rule: string;
	flavour: FlavourId;
	parsed: ParseResult;
	matcher: Matcher;
}

/** The last rule compiled: a check and the run that follows it compile the rule once. */
let compiled: Compiled | null = null;

function compile(rule: string, flavour: FlavourId): Compiled {
	if (compiled && compiled.rule === rule && compiled.flavour === flavour) return compiled;
	const parsed = parseRule(rule);
	compiled = { rule, flavour, parsed, matcher: compileMatcher(parsed, { flavour }) };
	return compiled;
}

const channel = new MessageChannel();
const yielded: (() => void)[] = [];
channel.port1.onmessage = () => yielded.shift()?.();

// A message-channel round trip yields to the event loop without the 4 ms clamp of setTimeout.
function yieldToMessages(): Promise<void> {
	return new Promise((resolve) => {
		yielded.push(resolve);
		channel.port2.postMessage(null);
	});
}

function post(message: WorkerResponse, transfer: Transferable[] = []): void {
	self.postMessage(message, transfer);
}

function describe(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

async function load(source: string | Blob): Promise<LoadedEvents> {
	const text = typeof source === 'string' ? source : await source.text();
	const parsed = parseEvents(text);
	const flatRanges = new Int32Array(parsed.ranges.length * 2);
	parsed.ranges.forEach((range, i) => {
		flatRanges[i * 2] = range.from;
		flatRanges[i * 2 + 1] = range.to;
	});
	return {
		text,
		events: parsed.events,
		ranges: parsed.ranges,
		flatRanges,
		previews: parsed.ranges.map((range) => previewOf(text, range)),
		format: parsed.format,
		diagnostics: parsed.diagnostics
	};
}

async function run(request: MatchRequest): Promise<void> {
	const started = performance.now();
	const { id } = request;
	if (!loaded || loaded.key !== request.eventsKey) {
		throw new Error('the events are no longer loaded; load them again');
	}
	const events = await loaded.events;
	// Reading and parsing took a while: a newer request may already be waiting.
	await yieldToMessages();
	if (activeRun !== id) return;
	const { parsed, matcher } = compile(request.rule, request.flavour);
	const total = events.events.length;
	const ranges = events.flatRanges.slice();
	const negated = new Set(matcher.rules.flatMap((r) => r.negated));
	lastRun = { id, matcher, parsed, events };
	post(
		{
			type: 'started',
			id,
			total,
			format: events.format,
			ranges,
			eventDiagnostics: events.diagnostics.slice(0, maxEventDiagnostics),
			eventProblems: events.diagnostics.length,
			ruleDiagnostics: matcher.diagnostics
		},
		[ranges.buffer]
	);
	let rows: ResultRow[] = [];
	let sliceStart = performance.now();
	for (let index = 0; index < total; index++) {
		const verdict = matchEvent(matcher, events.events[index], { explain: false });
		const row: ResultRow = {
			index,
			match: verdict.match,
			selections: verdict.selections,
			preview: events.previews[index]
		};
		if (!verdict.logsource.ok) row.logsource = verdict.logsource.reason;
		else if (!verdict.match && verdict.selections.some((name) => negated.has(name))) {
			// Only a miss where a negated selection held can be a filter's doing; only such events
			// pay for an explanation.
			const excludedBy = filterExclusion(matcher, events.events[index]);
			if (excludedBy) row.excludedBy = excludedBy;
		}
		rows.push(row);
		// Reading the clock costs more than matching a simple event, so it is read every 64 events.
		if ((index & 63) === 63 && performance.now() - sliceStart > sliceMs) {
			post({ type: 'progress', id, rows, done: index + 1, total });
			rows = [];
			await yieldToMessages();
			if (activeRun !== id) return;
			sliceStart = performance.now();
		}
	}
	post({ type: 'progress', id, rows, done: total, total });
	post({ type: 'done', id, elapsed: performance.now() - started });
}

/** The filter that alone kept an event from matching, from its explanation; null otherwise. */
function filterExclusion(matcher: Matcher, event: unknown): string | null {
	const explanation = matchEvent(matcher, event).explanation;
	if (!explanation || explanation.closest !== null) return null;
	return explanation.excludedBy;
}

async function excerpt(request: ExcerptRequest): Promise<void> {
	const events = loaded ? await loaded.events : null;
	if (!events) {
		post({ type: 'excerpt', id: request.id, text: '', events: 0, complete: true });
		return;
	}
	if (!request.whole) {
		const text = events.text.slice(0, request.limit);
		const complete = text.length === events.text.length;
		post({ type: 'excerpt', id: request.id, text, events: 0, complete });
		return;
	}
	const parts: string[] = [];
	let size = 0;
	for (const range of events.ranges) {
		size += range.to - range.from + 1;
		if (size > request.limit) break;
		parts.push(events.text.slice(range.from, range.to));
	}
	post({
		type: 'excerpt',
		id: request.id,
		text: parts.join('\n'),
		events: parts.length,
		complete: parts.length === events.ranges.length
	});
}

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
	const request = event.data;
	switch (request.type) {
		case 'match': {
			activeRun = request.id;
			if (request.events !== null) {
				const events = load(request.events);
				// A failed read is reported by the run that needed it, not as an unhandled rejection.
				events.catch(() => {});
				loaded = { key: request.eventsKey, events };
			}
			run(request).catch((error: unknown) => {
				post({ type: 'error', id: request.id, message: describe(error) });
			});
			break;
		}
		case 'check':
			try {
				const { diagnostics } = compile(request.rule, request.flavour).matcher;
				post({ type: 'checked', id: request.id, diagnostics });
			} catch (error) {
				post({ type: 'error', id: request.id, message: describe(error) });
			}
			break;
		case 'cancel':
			if (activeRun === request.id) activeRun = 0;
			break;
		case 'explain': {
			const last = lastRun;
			if (!last || last.id !== request.run || request.index >= last.events.events.length) {
				post({ type: 'explained', id: request.id, detail: null });
				break;
			}
			try {
				const match = matchEvent(last.matcher, last.events.events[request.index]);
				const { text, ranges } = last.events;
				const detail = eventDetail({ parsed: last.parsed, text, ranges }, request.index, match);
				post({ type: 'explained', id: request.id, detail });
			} catch (error) {
				post({ type: 'error', id: request.id, message: describe(error) });
			}
			break;
		}
		case 'excerpt':
			excerpt(request).catch((error: unknown) => {
				post({ type: 'error', id: request.id, message: describe(error) });
			});
			break;
	}
};
