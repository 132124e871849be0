import {
	isObject,
	payloadField,
	payloadValue,
	spacedField,
	unwrapText,
	type EventPath,
	type EventShape,
	type EventView,
	type JsonObject
} from './event-shape';

/** One place in an event where a field's value was found. */
export interface Located {
	value: unknown;
	path: EventPath;
}

/**
 * How one Sigma field name is looked up in events. `get` is the fast path (an array when the
 * name walked through arrays, undefined when absent); `locate` also reports where each value sits.
 */
export interface FieldAccess {
	name: string;
	get(view: EventView): unknown;
	locate(view: EventView): Located[];
}

/** Windows header fields that Sigma rules name directly, per envelope. */
const windowsSystem: Record<string, (system: JsonObject) => unknown> = {
	Provider_Name: (system) => providerName(system.Provider),
	Provider_Guid: (system) => providerAttribute(system.Provider, 'Guid')
};

const winlogbeatSystem: Record<string, string> = {
	EventID: 'event_id',
	Channel: 'channel',
	Provider_Name: 'provider_name',
	Computer: 'computer_name',
	Provider_Guid: 'provider_guid',
	EventRecordID: 'record_id'
};

function providerAttribute(provider: unknown, name: string): unknown {
	if (!isObject(provider)) return undefined;
	const attributes = provider['#attributes'];
	if (isObject(attributes) && name in attributes) return attributes[name];
	if (`@${name}` in provider) return provider[`@${name}`];
	return provider[name];
}

function providerName(provider: unknown): unknown {
	return typeof provider === 'string' ? provider : providerAttribute(provider, 'Name');
}

/**
 * Compiles the lookup of a field name: the literal top-level key first (dots included), then
 * the event payload (Windows EventData/UserData, Winlogbeat event_data), then the Windows header
 * (System, with the aliases `Provider_Name` etc.), then the name split on dots as a walk from
 * the root (and, for Windows events, from `Event`). `alternates` are further literal names
 * tried when the field itself is absent (columns of an exported table).
 */
export function compileFieldAccess(name: string, alternates: readonly string[] = []): FieldAccess {
	const steps = name.includes('.') ? name.split('.') : null;
	const names = [name, ...alternates.filter((a) => a !== name)];

	const locate = (view: EventView): Located[] => {
		const event = view.event;
		if (!isObject(event)) return [];
		for (const candidate of names) {
			if (Object.hasOwn(event, candidate)) {
				return expand(event[candidate], [candidate]);
			}
		}
		const shape = view.shape;
		if (shape.kind !== 'flat') {
			const found = locateInShape(shape, name);
			if (found) return found;
		}
		if (steps) {
			const walked = walk(event, steps, []);
			if (walked.length > 0) return walked;
			if (shape.kind === 'windows') return walk(event.Event, steps, ['Event']);
		}
		return [];
	};

	const get = (view: EventView): unknown => {
		const event = view.event;
		if (!isObject(event)) return undefined;
		for (const candidate of names) {
			if (Object.hasOwn(event, candidate)) return unwrapText(event[candidate]);
		}
		const shape = view.shape;
		if (shape.kind !== 'flat') {
			if (shape.payload) {
				const value = payloadValue(shape.payload, name);
				if (value !== undefined) return unwrapText(value);
			}
			const system = systemValue(shape, name);
			if (system !== undefined) return system;
			const spaced = shape.payload ? spacedField(shape.payload, name) : null;
			if (spaced) return unwrapText(spaced.value);
		}
		if (!steps) return undefined;
		const walked = locate(view);
		if (walked.length === 0) return undefined;
		return walked.length === 1 ? walked[0].value : walked.map((w) => w.value);
	};

	return { name, get, locate };
}

function systemValue(shape: EventShape, name: string): unknown {
	const system = shape.system;
	if (!system) return undefined;
	if (shape.kind === 'winlogbeat') {
		const key = winlogbeatSystem[name];
		return key === undefined ? undefined : unwrapText(system[key]);
	}
	const alias = windowsSystem[name];
	if (alias) return unwrapText(alias(system));
	return Object.hasOwn(system, name) ? unwrapText(system[name]) : undefined;
}

function locateInShape(shape: EventShape, name: string): Located[] | null {
	const field = shape.payload ? payloadField(shape.payload, name) : null;
	if (field) return expand(field.value, field.path);
	const value = systemValue(shape, name);
	if (value === undefined) {
		const spaced = shape.payload ? spacedField(shape.payload, name) : null;
		return spaced ? expand(spaced.value, spaced.path) : null;
	}
	const system = shape.system ?? {};
	let key = name;
	if (shape.kind === 'winlogbeat') key = winlogbeatSystem[name];
	else if (name === 'Provider_Name' || name === 'Provider_Guid') key = 'Provider';
	return expand(value, [...shape.systemPath, ...(key in system ? [key] : [])]);
}

/** A located value; arrays yield one location per element, so each element is tried. */
function expand(raw: unknown, path: EventPath): Located[] {
	const value = unwrapText(raw);
	if (!Array.isArray(value)) return [{ value, path }];
	return value.map((element, index) => ({ value: unwrapText(element), path: [...path, index] }));
}

function walk(node: unknown, steps: string[], path: EventPath): Located[] {
	let current: Located[] = [{ value: node, path }];
	for (const step of steps) {
		const next: Located[] = [];
		for (const { value, path: at } of current) {
			const items = Array.isArray(value) ? value : [value];
			items.forEach((item: unknown, i: number) => {
				const itemPath = Array.isArray(value) ? [...at, i] : at;
				if (isObject(item) && Object.hasOwn(item, step)) {
					next.push({ value: unwrapText(item[step]), path: [...itemPath, step] });
				}
			});
		}
		if (next.length === 0) return [];
		current = next;
	}
	return current.flatMap((c) => expand(c.value, c.path));
}
