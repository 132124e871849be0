import type { Diagnostic } from '../core/index';

/** The `error` member of an output line, comparable with sigma-cli's where `type` is set. */
export interface ErrorRecord {
	/** Our diagnostic code (`modifier_unknown`). */
	code: string;
	/** The reference converter's exception class, else `null`. */
	type: string | null;
	/** The reference converter's exception text when known, else our message. */
	message: string;
	/** 1-based line and column of the problem in the rule file. */
	line: number;
	column: number;
}

/**
 * Turns a diagnostic into the `error` member of an output line. `type` and `message` come from
 * `reference` when the reference converter refuses the same input, so the line reads as
 * sigma-cli's; otherwise the message is ours and `type` is null.
 */
export function errorRecord(diagnostic: Diagnostic): ErrorRecord {
	return {
		code: diagnostic.code,
		type: diagnostic.reference?.type ?? null,
		message: diagnostic.reference?.message ?? diagnostic.message,
		line: diagnostic.start.line,
		column: diagnostic.start.column + 1
	};
}

/** The first error-severity diagnostic of the lists, in the order given. */
export function firstError(...lists: readonly (readonly Diagnostic[])[]): Diagnostic | null {
	for (const list of lists) {
		const found = list.find((d) => d.severity === 'error');
		if (found) return found;
	}
	return null;
}
