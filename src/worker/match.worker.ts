/// <reference lib="webworker" />
import { compileMatcher, matchEvent, parseEvents, parseRule } from '../core/index';
import type { Matcher } from '../core/index';
import type { MatchRequest, ResultRow, WorkerRequest, WorkerResponse } from './protocol';

/**
 * The matching worker: parses the events text, matches every event against the rule in slices of
 * a few milliseconds, and posts the verdicts as it goes. Between slices it lets queued messages
 * in, so a newer request or a cancel stops the current run at once.
 */

const sliceMs = 25;

let activeRun = 0;
let lastRun: { id: number; matcher: Matcher; events: unknown[] } | null = null;

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

async function run(request: MatchRequest): Promise<void> {
	const started = performance.now();
	const { id } = request;
	const parsed = parseRule(request.rule);
	const matcher = compileMatcher(parsed, { flavour: request.flavour });
	const events = parseEvents(request.events);
	const total = events.events.length;
	const ranges = new Int32Array(total * 2);
	events.ranges.forEach((range, i) => {
		ranges[i * 2] = range.from;
		ranges[i * 2 + 1] = range.to;
	});
	lastRun = { id, matcher, events: events.events };
	post(
		{
			type: 'started',
			id,
			total,
			format: events.format,
			ranges,
			eventDiagnostics: events.diagnostics,
			ruleDiagnostics: matcher.diagnostics
		},
		[ranges.buffer]
	);
	let rows: ResultRow[] = [];
	let sliceStart = performance.now();
	for (let index = 0; index < total; index++) {
		const verdict = matchEvent(matcher, events.events[index], { explain: false });
		rows.push({ index, match: verdict.match, selections: verdict.selections });
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

self.onmessage = (event: MessageEvent<WorkerRequest>) => {
	const request = event.data;
	switch (request.type) {
		case 'match':
			activeRun = request.id;
			run(request).catch((error: unknown) => {
				post({ type: 'error', id: request.id, message: describe(error) });
			});
			break;
		case 'cancel':
			if (activeRun === request.id) activeRun = 0;
			break;
		case 'explain': {
			if (!lastRun || lastRun.id !== request.run || request.index >= lastRun.events.length) {
				post({ type: 'explained', id: request.id, match: null });
				break;
			}
			try {
				const match = matchEvent(lastRun.matcher, lastRun.events[request.index]);
				post({ type: 'explained', id: request.id, match });
			} catch (error) {
				post({ type: 'error', id: request.id, message: describe(error) });
			}
			break;
		}
	}
};
