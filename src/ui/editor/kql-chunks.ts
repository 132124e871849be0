/**
 * Output up to this many characters is coloured token by token. Longer output is shown without
 * colours, in chunks: building tens of thousands of spans on every keystroke would block typing.
 */
export const highlightLimit = 30_000;

/** About how many characters one chunk of long output holds. */
const chunkSize = 2_000;

/**
 * Cuts `text` into pieces of about `size` characters that add up to it. A piece ends after a
 * whitespace character when there is one in the next `size` characters, so that the seams fall
 * between KQL tokens, where a line break does not change the query.
 */
export function splitChunks(text: string, size = chunkSize): string[] {
	const pieces: string[] = [];
	let at = 0;
	while (text.length - at > size * 2) {
		const soft = at + size;
		const space = text.slice(soft, soft + size).search(/\s/);
		const end = space < 0 ? soft + size : soft + space + 1;
		pieces.push(text.slice(at, end));
		at = end;
	}
	if (at < text.length) pieces.push(text.slice(at));
	return pieces;
}

/** How to turn the chunks on screen into the chunks of a new text. */
export interface ChunkPlan {
	/** How many leading chunks stay as they are. */
	head: number;
	/** How many trailing chunks stay as they are. */
	tail: number;
	/** The new chunks that replace those in between. */
	middle: string[];
}

/**
 * Plans the update of `old` chunks to show `text`: the chunks the text still starts and ends
 * with stay, and only the changed stretch between them is cut anew. A keystroke thus replaces
 * one or two chunks, however long the output.
 */
export function planChunks(old: readonly string[], text: string, size = chunkSize): ChunkPlan {
	let head = 0;
	let from = 0;
	while (head < old.length && text.startsWith(old[head], from)) {
		from += old[head].length;
		head++;
	}
	let tail = 0;
	let to = text.length;
	while (tail < old.length - head) {
		const chunk = old[old.length - 1 - tail];
		if (to - chunk.length < from || !text.endsWith(chunk, to)) break;
		to -= chunk.length;
		tail++;
	}
	return { head, tail, middle: splitChunks(text.slice(from, to), size) };
}
