/** A value computed by the core, or the message of the exception that stopped it. */
export type Guarded<T> = { value: T; error: null } | { value: null; error: string };

/**
 * Runs a core call and turns an exception into data. The core should never throw on user input;
 * when it does anyway, the page shows the message instead of going blank.
 */
export function guard<T>(compute: () => T): Guarded<T> {
	try {
		return { value: compute(), error: null };
	} catch (error) {
		return { value: null, error: error instanceof Error ? error.message : String(error) };
	}
}
