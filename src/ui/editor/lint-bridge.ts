import type { Diagnostic as LintDiagnostic } from '@codemirror/lint';
import type { Diagnostic } from '../../core/index';
import { messageParts } from '../message-parts';

/**
 * Turns core diagnostics into `@codemirror/lint` diagnostics for a document of `length`
 * characters, with the first line of each message. Offsets pass through unchanged, clamped to
 * the document in case the text moved on since the diagnostics were computed.
 */
export function toLintDiagnostics(
	diagnostics: readonly Diagnostic[],
	length: number
): LintDiagnostic[] {
	return diagnostics.map((d) => {
		const from = Math.max(0, Math.min(d.from, length));
		return {
			from,
			to: Math.max(from, Math.min(d.to, length)),
			severity: d.severity,
			source: d.code,
			// The tooltip keeps to the first line; the panels below the editors show the rest.
			message: messageParts(d.message).head
		};
	});
}

/** `line:column` for display: lines count from 1 and so do displayed columns. */
export function formatPosition(d: Pick<Diagnostic, 'start'>): string {
	return `${d.start.line}:${d.start.column + 1}`;
}
