import { SaxesParser } from 'saxes';
import type { Range } from '../source';
import { localName } from './xml-element';
import { findBareAmpersands, maskAt } from './xml-events';

/** An element of one event's XML with where it, and its content, sit in the text. */
interface Located {
	name: string;
	dataName: string | null;
	children: Located[];
	from: number;
	to: number;
	contentFrom: number;
	contentTo: number;
}

/**
 * Finds the text of the value at `path` in one `<Event>` element (`event` is its range), for
 * paths into the layout `parseXmlEvents` builds: element names, indexes of repeated elements,
 * and `Data` names under `EventData`. The range is the element's text for an element with text
 * only, else the whole element (the whole event for an empty path). Null when the path leads
 * nowhere or the XML does not parse.
 */
export function locateXmlPath(
	text: string,
	event: Range,
	path: readonly (string | number)[]
): Range | null {
	if (path.length === 0) return event;
	const root = readTree(text, event);
	if (!root || path[0] !== root.name) return null;
	let node = root;
	for (let i = 1; i < path.length; i++) {
		const step = path[i];
		if (step === '#text') continue;
		if (step === '#attributes') return { from: node.from, to: node.contentFrom };
		if (typeof step !== 'string') return null;
		const children = node.children.filter((child) => child.name === step);
		if (children.length === 0) {
			const data = node.children.find((child) => child.dataName === step);
			if (!data || localName(node.name) !== 'EventData') return null;
			node = data;
		} else if (children.length === 1) {
			node = children[0];
		} else {
			const index = path[i + 1];
			if (typeof index !== 'number' || index >= children.length) return null;
			node = children[index];
			i++;
		}
	}
	const hasText = node.children.length === 0 && node.contentTo > node.contentFrom;
	if (hasText) return { from: node.contentFrom, to: node.contentTo };
	return { from: node.from, to: node.to };
}

function readTree(text: string, event: Range): Located | null {
	const parser = new SaxesParser({ fragment: true, position: true });
	const body = text.slice(event.from, event.to);
	const stack: Located[] = [];
	let root: Located | null = null;
	let failed = false;
	parser.on('opentag', (tag) => {
		const end = event.from + parser.position;
		const name = tag.name;
		const attributes = tag.attributes as Record<string, string>;
		const node: Located = {
			name,
			dataName: localName(name) === 'Data' ? (attributes.Name ?? null) : null,
			children: [],
			from: text.lastIndexOf(`<${name}`, end),
			to: end,
			contentFrom: end,
			contentTo: end
		};
		if (stack.length > 0) stack[stack.length - 1].children.push(node);
		else root ??= node;
		stack.push(node);
	});
	parser.on('closetag', (tag) => {
		const node = stack.pop();
		if (!node) return;
		node.to = event.from + parser.position;
		if (!tag.isSelfClosing) node.contentTo = text.lastIndexOf('</', node.to - 2);
	});
	parser.on('error', () => {
		failed = true;
	});
	parser.write(maskAt(body, findBareAmpersands(body, 0), 0)).close();
	return failed ? null : root;
}
