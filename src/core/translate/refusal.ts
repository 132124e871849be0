import type { Range } from '../source';

/**
 * A conversion the reference converter refuses: its exception class name and message, and the
 * part of the rule that caused it. Thrown inside the translator only and turned into a diagnostic
 * by `translate`, so nothing escapes the core.
 */
export class Refusal {
	constructor(
		readonly type: string,
		readonly message: string,
		readonly range: Range,
		readonly code: string
	) {}
}

/** pySigma appends this to non-Sigma exceptions raised while the pipeline runs. */
export const PIPELINE_SUFFIX = ' (while applying processing pipeline on rule None)';

/** pySigma appends this to non-Sigma exceptions raised while a condition is converted. */
export const CONVERT_SUFFIX = ' (while converting rule None)';
