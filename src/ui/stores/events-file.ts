/**
 * Events too large for the editor: the worker reads and parses them, and the page keeps only
 * their name and size. Tens of megabytes in CodeMirror, in saved drafts or in share links would
 * make the page slow and the links useless.
 */
export interface EventsFile {
	/** The file name, or a description such as `pasted events`. */
	name: string;
	/** Size in bytes. */
	size: number;
	blob: Blob;
}

/** Events texts longer than this (in characters, or files larger in bytes) skip the editor. */
export const editorEventsLimit = 1_000_000;

/** How much of a large file the editor takes when the user chooses to edit it as text. */
export const editableExcerpt = 1_000_000;

/** How much of a large file the read-only preview shows. */
export const previewExcerpt = 20_000;

/** Wraps a text too long for the editor as an events file. */
export function textAsFile(text: string, name: string): EventsFile {
	const blob = new Blob([text], { type: 'text/plain' });
	return { name, size: blob.size, blob };
}

/** `31.2 MB`, `850 kB`, `120 bytes`: sizes in decimal units, as file managers show them. */
export function formatSize(bytes: number): string {
	if (bytes < 1000) return `${bytes} bytes`;
	if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} kB`;
	return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
