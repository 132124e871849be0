/**
 * An event value as the explanation shows it. Text is put in double quotes as it is, without
 * JSON escapes (`"C:\Windows\System32"`, not `"C:\\Windows\\System32"`), whatever format the
 * event came in; control characters, which would be invisible or break the line, are shown as
 * their Unicode control pictures (a tab as `␉`, a line break as `␊`). Numbers, booleans and
 * null are shown as written.
 */
export function showValue(value: string | number | boolean | null): string {
	if (typeof value !== 'string') return String(value);
	return `"${value.replace(/[\u0000-\u001f\u007f]/g, controlPicture)}"`;
}

function controlPicture(char: string): string {
	const code = char.charCodeAt(0);
	return String.fromCharCode(code === 0x7f ? 0x2421 : 0x2400 + code);
}
