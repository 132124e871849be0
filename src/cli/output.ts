/**
 * Buffered standard output: lines are gathered and written in large chunks, because one write
 * per line costs more than converting a rule. A closed pipe (`| head`) ends the process quietly.
 */
export class Output {
	#chunks: string[] = [];
	#size = 0;

	constructor(readonly write: (text: string) => void = (text) => process.stdout.write(text)) {}

	/** Queues one line (a newline is appended). */
	line(text: string): void {
		this.#chunks.push(text, '\n');
		this.#size += text.length + 1;
		if (this.#size >= 1 << 16) this.flush();
	}

	/** Queues one JSON line. */
	json(value: unknown): void {
		this.line(JSON.stringify(value));
	}

	/** Writes everything queued. */
	flush(): void {
		if (this.#chunks.length === 0) return;
		this.write(this.#chunks.join(''));
		this.#chunks = [];
		this.#size = 0;
	}
}

/** Makes a closed standard output end the process with success instead of an EPIPE error. */
export function exitQuietlyOnClosedPipe(): void {
	process.stdout.on('error', (error: NodeJS.ErrnoException) => {
		if (error.code === 'EPIPE') process.exit(0);
		throw error;
	});
}
