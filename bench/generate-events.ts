/**
 * Deterministic process-creation events for the matching bench: Sysmon-like flat records with
 * the fields typical rules test, mostly harmless, with a known share that hits the bench rules.
 */

const images = [
	'C:\\Windows\\System32\\svchost.exe',
	'C:\\Windows\\explorer.exe',
	'C:\\Program Files\\Mozilla Firefox\\firefox.exe',
	'C:\\Windows\\System32\\cmd.exe',
	'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
	'/usr/bin/bash',
	'/usr/bin/who',
	'C:\\Windows\\System32\\rundll32.exe'
];

const commandLines = [
	'svchost.exe -k netsvcs -p -s Schedule',
	'"C:\\Program Files\\Mozilla Firefox\\firefox.exe" -contentproc --channel=1234',
	'cmd.exe /c whoami /all',
	'powershell.exe -NoProfile -EncodedCommand SQBFAFgA',
	'bash -c "cat /etc/passwd"',
	'rundll32.exe C:\\Users\\Public\\x.dll,DllRegisterServer',
	'C:\\Windows\\system32\\conhost.exe 0xffffffff -ForceV1'
];

const users = ['NT AUTHORITY\\SYSTEM', 'CONTOSO\\alice', 'CONTOSO\\bob', 'root'];

/** A small deterministic pseudo-random generator (mulberry32), so every run sees the same data. */
function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** `count` events as one NDJSON text, the form users paste or load. */
export function generateEventsText(count: number, seed = 1): string {
	const next = random(seed);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
	const lines: string[] = [];
	for (let i = 0; i < count; i++) {
		const image = pick(images);
		lines.push(
			JSON.stringify({
				EventID: 1,
				UtcTime: `2024-05-0${1 + (i % 9)} 12:${String(i % 60).padStart(2, '0')}:00.000`,
				ProcessId: 1000 + (i % 50000),
				Image: image,
				OriginalFileName: image.split(/[\\/]/).pop(),
				CommandLine: pick(commandLines),
				CurrentDirectory: 'C:\\Windows\\system32\\',
				User: pick(users),
				IntegrityLevel: next() < 0.2 ? 'High' : 'Medium',
				Hashes: `SHA256=${Math.floor(next() * 1e15)
					.toString(16)
					.padStart(64, '0')}`,
				ParentImage: pick(images),
				ParentCommandLine: pick(commandLines)
			})
		);
	}
	return lines.join('\n');
}
