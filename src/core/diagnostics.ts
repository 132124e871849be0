import type { Position, Range } from './source';
import { SourceText } from './source';

/** How bad a problem is; the same union as `@codemirror/lint`. */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** The stage of the core that found a problem. */
export type Stage = 'yaml' | 'rule' | 'condition' | 'translate' | 'match' | 'lint' | 'events';

/**
 * What the reference converter (pySigma with the Kusto backend) reports for the same problem:
 * its exception class name and `str(exception)`. The CLI prints these so that its output can be
 * compared with sigma-cli's.
 */
export interface ReferenceError {
	type: string;
	message: string;
}

/** One problem found in user input. Never thrown: every stage returns these as data. */
export interface Diagnostic {
	/** Stable snake_case code, subject first (`modifier_unknown`, `translate_field_invalid`). */
	code: string;
	severity: Severity;
	/** A sentence a user understands. */
	message: string;
	/** UTF-16 offsets into the source the diagnostic belongs to (rule or events text). */
	from: number;
	to: number;
	start: Position;
	end: Position;
	stage: Stage;
	/** Set where the reference converter refuses the same input. */
	reference?: ReferenceError;
}

/** Builds a diagnostic, deriving line/column from the offsets. */
export function makeDiagnostic(
	source: SourceText,
	stage: Stage,
	code: string,
	severity: Severity,
	message: string,
	range: Range,
	reference?: ReferenceError
): Diagnostic {
	const d: Diagnostic = {
		code,
		severity,
		message,
		from: range.from,
		to: range.to,
		start: source.position(range.from),
		end: source.position(range.to),
		stage
	};
	if (reference) d.reference = reference;
	return d;
}
