/** The first syntax error of a JSON text: its offset and a description. */
export interface JsonError {
	offset: number;
	message: string;
}

const jsonNumber = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/;

/**
 * Finds the first syntax error in `text[from, to)`, which must hold one JSON value (with
 * optional surrounding whitespace). Used only on slices JSON.parse rejected, because engines
 * word and place their errors differently; null when the slice is valid after all.
 */
export function findJsonError(text: string, from: number, to: number): JsonError | null {
	let i = from;
	const fail = (message: string, at = i): never => {
		throw { offset: Math.min(at, to), message } satisfies JsonError;
	};
	const describe = (): string => (i >= to ? 'the end of the input' : `'${text[i]}'`);
	const skip = (): void => {
		while (i < to && ' \t\r\n\ufeff'.includes(text[i])) i++;
	};
	const literal = (word: string): void => {
		if (text.startsWith(word, i) && i + word.length <= to) i += word.length;
		else fail(`expected a value but found ${describe()}`);
	};
	const string = (): void => {
		i++;
		while (i < to) {
			const c = text.charCodeAt(i);
			if (c === 34) {
				i++;
				return;
			}
			if (c < 32) {
				fail('a control character (such as a raw line break) is not allowed inside a string');
			}
			if (c === 92) {
				const e = text[i + 1];
				if (e === 'u') {
					const hex = text.slice(i + 2, i + 6);
					if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('invalid \\u escape in a string');
					i += 6;
				} else if (e !== undefined && '"\\/bfnrt'.includes(e)) {
					i += 2;
				} else {
					fail(`invalid escape '\\${e ?? ''}' in a string (write a backslash as \\\\)`);
				}
				continue;
			}
			i++;
		}
		fail('unterminated string', to);
	};
	const number = (): void => {
		const m = jsonNumber.exec(text.slice(i, Math.min(to, i + 400)));
		if (!m) fail(`expected a value but found ${describe()}`);
		else i += m[0].length;
	};
	const value = (): void => {
		skip();
		const c = text[i];
		if (i >= to) fail('expected a value but found the end of the input');
		else if (c === '{') object();
		else if (c === '[') array();
		else if (c === '"') string();
		else if (c === 't') literal('true');
		else if (c === 'f') literal('false');
		else if (c === 'n') literal('null');
		else if (c === '-' || (c >= '0' && c <= '9')) number();
		else if (c === "'") fail('strings must use double quotes');
		else fail(`expected a value but found ${describe()}`);
	};
	const object = (): void => {
		i++;
		skip();
		if (text[i] === '}') {
			i++;
			return;
		}
		for (;;) {
			skip();
			if (text[i] !== '"') {
				fail(
					text[i] === '}'
						? 'a trailing comma is not allowed before }'
						: `expected a property name in double quotes but found ${describe()}`
				);
			}
			string();
			skip();
			if (text[i] !== ':') fail(`expected ':' after a property name but found ${describe()}`);
			i++;
			value();
			skip();
			if (text[i] === ',') {
				i++;
				continue;
			}
			if (text[i] === '}') {
				i++;
				return;
			}
			fail(`expected ',' or '}' after a property value but found ${describe()}`);
		}
	};
	const array = (): void => {
		i++;
		skip();
		if (text[i] === ']') {
			i++;
			return;
		}
		for (;;) {
			skip();
			if (text[i] === ']') fail('a trailing comma is not allowed before ]');
			value();
			skip();
			if (text[i] === ',') {
				i++;
				continue;
			}
			if (text[i] === ']') {
				i++;
				return;
			}
			fail(`expected ',' or ']' after an array element but found ${describe()}`);
		}
	};
	try {
		value();
		skip();
		if (i < to) fail(`unexpected ${describe()} after the end of the value`);
		return null;
	} catch (error) {
		if (typeof error === 'object' && error !== null && 'offset' in error) return error as JsonError;
		return { offset: i, message: 'the value is nested too deeply' };
	}
}
