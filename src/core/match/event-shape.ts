/**
 * Recognises the envelope of an event (a Windows event log record as evtx JSON, xmltodict JSON
 * or Winlogbeat JSON, or a flat record) and exposes where its payload fields and its system
 * fields sit, so that a bare Sigma field name such as `Image` or `EventID` finds its value.
 */

/** A key path from the event root, as the UI needs it to highlight a value. */
export type EventPath = (string | number)[];

/** A plain JSON object. */
export type JsonObject = Record<string, unknown>;

/** One payload field found by name: its value and its path from the event root. */
export interface PayloadField {
	value: unknown;
	path: EventPath;
}

/**
 * Where the named payload fields of an event sit. A plain name-to-value map (evtx_dump's
 * EventData, Winlogbeat's event_data) is read in place; fields that need extracting (a `Data`
 * list, UserData, names written with spaces) go to `extra`.
 */
export interface PayloadFields {
	direct: JsonObject | null;
	directPath: EventPath;
	extra: Map<string, PayloadField> | null;
	/** Names without their spaces (Defender's `Threat Name` → `ThreatName`), built when needed. */
	spaced?: Map<string, PayloadField> | null;
}

/**
 * The recognised layout of one event. `payload` holds the fields a bare name resolves to first
 * (EventData, UserData or Winlogbeat's event_data); `system` the header fields.
 */
export interface EventShape {
	kind: 'windows' | 'winlogbeat' | 'flat';
	payload: PayloadFields | null;
	system: JsonObject | null;
	systemPath: EventPath;
}

const flatShape: EventShape = { kind: 'flat', payload: null, system: null, systemPath: [] };
const shapes = new WeakMap<object, EventShape>();

/** True for a non-null, non-array object. */
export function isObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The text content of an XML-derived value: `{"#text": v}` (evtx_dump, xmltodict) becomes `v`;
 * anything else is returned unchanged.
 */
export function unwrapText(value: unknown): unknown {
	if (isObject(value) && '#text' in value) return value['#text'];
	return value;
}

/** An event with its recognised layout; built once per evaluation and passed to every test. */
export interface EventView {
	event: unknown;
	shape: EventShape;
}

/** Wraps an event for evaluation. */
export function viewOf(event: unknown): EventView {
	return { event, shape: shapeOf(event) };
}

/**
 * The layout of an event. Recognising it costs a few property reads; layouts whose fields had
 * to be extracted (Data lists, UserData) are cached per event object.
 */
function shapeOf(event: unknown): EventShape {
	if (!isObject(event)) return flatShape;
	const cached = shapes.get(event);
	if (cached) return cached;
	const shape = detectShape(event);
	if (shape.payload?.extra) shapes.set(event, shape);
	return shape;
}

function detectShape(event: JsonObject): EventShape {
	const envelope = event.Event;
	if (isObject(envelope) && isObject(envelope.System)) {
		const payload: PayloadFields = { direct: null, directPath: [], extra: null };
		const data = envelope.EventData;
		if (isObject(data) && !('Data' in data)) {
			payload.direct = data;
			payload.directPath = ['Event', 'EventData'];
		} else if (data !== undefined && data !== null) {
			collectEventData(data, ['Event', 'EventData'], payload);
		}
		if ('UserData' in envelope) collectUserData(envelope.UserData, ['Event', 'UserData'], payload);
		return { kind: 'windows', payload, system: envelope.System, systemPath: ['Event', 'System'] };
	}
	const winlog = event.winlog;
	if (isObject(winlog) && ('event_id' in winlog || 'channel' in winlog)) {
		const payload: PayloadFields = { direct: null, directPath: [], extra: null };
		if (isObject(winlog.event_data)) {
			payload.direct = winlog.event_data;
			payload.directPath = ['winlog', 'event_data'];
		}
		if (isObject(winlog.user_data)) addFields(winlog.user_data, ['winlog', 'user_data'], payload);
		return { kind: 'winlogbeat', payload, system: winlog, systemPath: ['winlog'] };
	}
	return flatShape;
}

/** Looks a name up among the payload fields of an event; null when it is not there. */
export function payloadField(payload: PayloadFields, name: string): PayloadField | null {
	const direct = payload.direct;
	if (direct && Object.hasOwn(direct, name)) {
		return { value: direct[name], path: [...payload.directPath, name] };
	}
	return payload.extra?.get(name) ?? null;
}

/** Looks a name up among payload names written with spaces (`Threat Name` for `ThreatName`). */
export function spacedField(payload: PayloadFields, name: string): PayloadField | null {
	if (payload.spaced === undefined) payload.spaced = spacedNames(payload);
	return payload.spaced?.get(name) ?? null;
}

/** The value of a payload field (undefined when absent), without building its path. */
export function payloadValue(payload: PayloadFields, name: string): unknown {
	const direct = payload.direct;
	if (direct && Object.hasOwn(direct, name)) return direct[name];
	return payloadField(payload, name)?.value;
}

function spacedNames(payload: PayloadFields): Map<string, PayloadField> | null {
	let spaced: Map<string, PayloadField> | null = null;
	const visit = (name: string, field: PayloadField): void => {
		if (!name.includes(' ')) return;
		spaced ??= new Map();
		const bare = name.replace(/ /g, '');
		if (!spaced.has(bare)) spaced.set(bare, field);
	};
	const direct = payload.direct;
	if (direct) {
		for (const name in direct) {
			if (!name.includes(' ')) continue;
			visit(name, { value: direct[name], path: [...payload.directPath, name] });
		}
	}
	payload.extra?.forEach((field, name) => visit(name, field));
	return spaced;
}

function addField(payload: PayloadFields, name: string, value: unknown, path: EventPath): void {
	const extra = (payload.extra ??= new Map());
	if (!extra.has(name)) extra.set(name, { value, path });
}

function addFields(fields: JsonObject, path: EventPath, payload: PayloadFields): void {
	for (const key of Object.keys(fields)) {
		if (key === '#attributes' || key.startsWith('@xmlns')) continue;
		addField(payload, key, fields[key], [...path, key]);
	}
}

/**
 * EventData as a `Data` list of `{Name, #text}` elements (XML converters), or as unnamed
 * `Data` strings (classic PowerShell, whose `Key=Value` lines become fields too), or as a
 * bare value.
 */
function collectEventData(data: unknown, path: EventPath, payload: PayloadFields): void {
	if (!isObject(data)) {
		addField(payload, 'Data', data, path);
		return;
	}
	const list = data.Data;
	const items = Array.isArray(list) ? list : [list];
	const unnamed: unknown[] = [];
	items.forEach((item, index) => {
		const itemPath = Array.isArray(list) ? [...path, 'Data', index] : [...path, 'Data'];
		const name = dataName(item);
		if (name === null) {
			const text = unwrapText(item);
			unnamed.push(text);
			if (typeof text === 'string') collectKeyValueLines(text, itemPath, payload);
		} else {
			addField(payload, name, dataValue(item), itemPath);
		}
	});
	if (unnamed.length > 0) {
		addField(payload, 'Data', unnamed.length === 1 ? unnamed[0] : unnamed, [...path, 'Data']);
	}
	for (const key of Object.keys(data)) {
		if (key !== 'Data' && key !== '#attributes') addField(payload, key, data[key], [...path, key]);
	}
}

function dataName(item: unknown): string | null {
	if (!isObject(item)) return null;
	const attributes = item['#attributes'];
	if (isObject(attributes) && typeof attributes.Name === 'string') return attributes.Name;
	if (typeof item['@Name'] === 'string') return item['@Name'];
	if (typeof item.Name === 'string') return item.Name;
	return null;
}

function dataValue(item: unknown): unknown {
	if (!isObject(item)) return item;
	if ('#text' in item) return item['#text'];
	if ('Value' in item) return item.Value;
	if ('value' in item) return item.value;
	return '';
}

const keyValueLine = /^\s*([A-Za-z][A-Za-z0-9 _-]*?)=(.*)$/;

function collectKeyValueLines(text: string, path: EventPath, payload: PayloadFields): void {
	if (!text.includes('=')) return;
	for (const line of text.split(/\r?\n/)) {
		const m = keyValueLine.exec(line);
		if (m) addField(payload, m[1].trim(), m[2].trim(), path);
	}
}

/** UserData holds one element named after the event template; its children are the fields. */
function collectUserData(data: unknown, path: EventPath, payload: PayloadFields): void {
	if (!isObject(data)) return;
	for (const key of Object.keys(data)) {
		const inner = data[key];
		if (isObject(inner)) addFields(inner, [...path, key], payload);
	}
}
