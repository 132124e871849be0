/**
 * PyYAML's error marks (`  in "<unicode string>", line 3, column 22:` plus a snippet with a caret),
 * so that YAML errors can quote the text the reference converter prints.
 */

const lineBreaks = '\0\r\n\u0085\u2028\u2029';

/** The mark PyYAML appends to an error raised at `offset` of `text`. */
export function pyYamlMark(text: string, offset: number): string {
	let line = 0;
	let lineStart = 0;
	for (let i = 0; i < offset && i < text.length; i++) {
		const c = text[i];
		if (c === '\n' || (c === '\r' && text[i + 1] !== '\n') || '\u0085\u2028\u2029'.includes(c)) {
			line++;
			lineStart = i + 1;
		}
	}
	const column = offset - lineStart;
	return `  in "<unicode string>", line ${line + 1}, column ${column + 1}:\n${snippet(text, offset)}`;
}

function snippet(text: string, pointer: number): string {
	const maxLength = 75;
	const indent = 4;
	let head = '';
	let start = pointer;
	while (start > 0 && !lineBreaks.includes(text[start - 1])) {
		start--;
		if (pointer - start > maxLength / 2 - 1) {
			head = ' ... ';
			start += 5;
			break;
		}
	}
	let tail = '';
	let end = pointer;
	while (end < text.length && !lineBreaks.includes(text[end])) {
		end++;
		if (end - pointer > maxLength / 2 - 1) {
			tail = ' ... ';
			end -= 5;
			break;
		}
	}
	const pad = ' '.repeat(indent);
	const caret = ' '.repeat(indent + pointer - start + head.length);
	return `${pad}${head}${text.slice(start, end)}${tail}\n${caret}^`;
}
