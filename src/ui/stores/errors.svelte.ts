/**
 * The one sink for unexpected exceptions (CodeMirror callbacks, promise rejections, component
 * crashes). They are shown at the top of the page; the texts being edited are never touched.
 */
class ErrorSink {
	messages = $state<string[]>([]);

	/** Records an exception and logs it, the last resort for a developer to see the stack. */
	report(error: unknown): void {
		const message = error instanceof Error ? error.message : String(error);
		if (!this.messages.includes(message)) this.messages = [...this.messages, message];
		console.error(error);
	}

	/** Hides all messages. */
	clear(): void {
		this.messages = [];
	}
}

/** The page's error sink. */
export const errorSink = new ErrorSink();
