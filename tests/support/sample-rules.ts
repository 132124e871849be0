/** Small rules written for this project's tests, shared by unit and end-to-end tests. */

/** A process-creation rule on a field no flavour maps, which every flavour refuses. */
export const unknownFieldRule = [
	'title: Unknown field',
	'logsource:',
	'    product: windows',
	'    category: process_creation',
	'detection:',
	'    selection:',
	'        FooBarBaz: a',
	'    condition: selection',
	''
].join('\n');
