/** A diagnostic message cut for display: a first line always shown, the rest behind a toggle. */
export interface MessageParts {
	/** The first line. */
	head: string;
	/** The rest when it is one comma-separated list (the valid fields of a table). */
	list: string[] | null;
	/** The rest otherwise, line breaks kept (the numbered steps of a reference message). */
	detail: string | null;
}

/** Lists shorter than this stay in the text; a toggle is not worth it. */
const minListItems = 5;

/**
 * Cuts a message after its first line. Converter messages can carry a hundred field names or a
 * numbered explanation after the first line; the page shows the first line and puts the rest
 * behind a toggle, so that one unknown field does not push everything else off the screen.
 */
export function messageParts(message: string): MessageParts {
	const cut = message.indexOf('\n');
	if (cut < 0) return { head: message, list: null, detail: null };
	const head = message.slice(0, cut).trimEnd();
	const rest = message.slice(cut + 1);
	if (!rest.includes('\n')) {
		const items = rest.split(', ').map((item) => item.trim());
		if (items.length >= minListItems) return { head, list: items, detail: null };
	}
	return { head, list: null, detail: rest.replace(/\s+$/, '') };
}

/** The toggle's label for the rest of a message: `show the 150 valid fields`, `show details`. */
export function restLabel(parts: MessageParts, code: string): string {
	if (!parts.list) return 'show details';
	const what = code === 'translate_field_invalid' ? 'valid fields' : 'names';
	return `show the ${parts.list.length} ${what}`;
}
