import { describe, expect, it } from 'vitest';
import { showValue } from '../../src/ui/value-text';

describe('showValue', () => {
	it('quotes text as it is, backslashes and quotes unescaped', () => {
		expect(showValue('C:\\Windows\\System32\\certutil.exe')).toBe(
			'"C:\\Windows\\System32\\certutil.exe"'
		);
		expect(showValue('say "hi"')).toBe('"say "hi""');
	});

	it('shows control characters as control pictures', () => {
		expect(showValue('a\tb\r\nc\u0000\u007f')).toBe('"a␉b␍␊c␀␡"');
	});

	it('shows numbers, booleans and null as written', () => {
		expect(showValue(4688)).toBe('4688');
		expect(showValue(false)).toBe('false');
		expect(showValue(null)).toBe('null');
	});
});
