import type { ReferenceError, Severity, Stage } from '../diagnostics';
import type { Range } from '../source';

/**
 * A problem found while building a rule, before it becomes a Diagnostic. Problems are recorded
 * in the order pySigma meets them, which decides the error the reference raises.
 */
export interface Problem {
	code: string;
	severity: Severity;
	message: string;
	range: Range;
	stage: Stage;
	reference?: ReferenceError;
	/**
	 * pySigma's parsing phase: 0 attributes, 1 logsource, 2 detection. Attribute errors are raised
	 * first; then a non-Sigma exception in the detection escapes at once (`escapes`); otherwise
	 * logsource errors come before detection errors.
	 */
	phase: 0 | 1 | 2;
	escapes?: boolean;
}

/** Collects problems of one phase in pySigma's order. */
export class Problems {
	readonly list: Problem[] = [];

	constructor(public phase: 0 | 1 | 2 = 0) {}

	/** Records an error that pySigma raises as `type: text`. */
	error(
		code: string,
		message: string,
		range: Range,
		type: string,
		text: string,
		escapes = false
	): void {
		const p: Problem = {
			code,
			severity: 'error',
			message,
			range,
			stage: 'rule',
			reference: { type, message: text },
			phase: this.phase
		};
		if (escapes) p.escapes = true;
		this.list.push(p);
	}

	/** Records a problem pySigma does not raise (our own limits, lints). */
	note(
		code: string,
		severity: Severity,
		message: string,
		range: Range,
		stage: Stage = 'rule'
	): void {
		this.list.push({ code, severity, message, range, stage, phase: this.phase });
	}

	/** Records an error pySigma raises lazily, when the rule is converted. */
	lazy(code: string, message: string, range: Range, type: string, text: string): void {
		this.list.push({
			code,
			severity: 'error',
			message,
			range,
			stage: 'condition',
			reference: { type, message: text },
			phase: 2
		});
	}
}
