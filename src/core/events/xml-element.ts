/** One XML element while it is read: its name, attributes, converted children and text. */
export interface XmlElement {
	name: string;
	attributes: Record<string, string>;
	/** Child element names with their converted values, in document order. */
	children: [string, unknown][];
	text: string;
}

/**
 * Converts an element to the JSON layout evtx_dump and xmltodict give Windows events, the one
 * the matcher's event shapes read:
 * - attributes go under `#attributes`; text beside attributes or children under `#text`;
 * - an element with only text is that text; an empty one is null (`<Correlation/>`), except a
 *   `Data` element, whose value is always a string;
 * - repeated child names become an array;
 * - `EventData` whose `Data` children all have distinct `Name` attributes becomes a map from
 *   name to text (`{"Image": "C:\\…"}`); otherwise the `Data` elements are kept as a list
 *   (unnamed classic event data, duplicated names).
 * Values stay strings: the matcher compares rule numbers with numeric strings.
 */
export function elementValue(element: XmlElement): unknown {
	const hasAttributes = Object.keys(element.attributes).length > 0;
	if (element.children.length === 0) {
		const text = element.text;
		if (hasAttributes) {
			return text === ''
				? { '#attributes': element.attributes }
				: { '#attributes': element.attributes, '#text': text };
		}
		if (text === '') return localName(element.name) === 'Data' ? '' : null;
		return text;
	}
	const fields = new Map<string, unknown>();
	if (hasAttributes) fields.set('#attributes', element.attributes);
	const isNamedData = localName(element.name) === 'EventData' && hasNamedData(element.children);
	for (const [name, value] of element.children) {
		if (isNamedData && localName(name) === 'Data') {
			const item = value as Record<string, unknown>;
			const key = (item['#attributes'] as Record<string, string>).Name;
			if (!fields.has(key)) fields.set(key, item['#text'] ?? '');
			continue;
		}
		// Element values are never arrays, so an array here was built from repeated names.
		const existing = fields.get(name);
		if (!fields.has(name)) fields.set(name, value);
		else if (Array.isArray(existing)) existing.push(value);
		else fields.set(name, [existing, value]);
	}
	const text = element.text.trim();
	if (text !== '') fields.set('#text', text);
	return Object.fromEntries(fields);
}

/** The name of an element without its namespace prefix (`Event` for `e:Event`). */
export function localName(name: string): string {
	return name.slice(name.indexOf(':') + 1);
}

/** True when every `Data` child has a `Name` attribute (and no other) and no name repeats. */
function hasNamedData(children: [string, unknown][]): boolean {
	const names = new Set<string>();
	for (const [name, value] of children) {
		if (localName(name) !== 'Data') continue;
		if (typeof value !== 'object' || value === null) return false;
		const item = value as Record<string, unknown>;
		const attributes = item['#attributes'] as Record<string, string> | undefined;
		if (!attributes || Object.keys(item).some((key) => key !== '#attributes' && key !== '#text')) {
			return false;
		}
		const keys = Object.keys(attributes);
		if (keys.length !== 1 || keys[0] !== 'Name' || names.has(attributes.Name)) return false;
		names.add(attributes.Name);
	}
	return true;
}
