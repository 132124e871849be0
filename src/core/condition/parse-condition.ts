import type { ConditionNode } from '../rule/model';
import { pyStrRepr } from '../rule/values';

/**
 * The Sigma condition parser. It reproduces pySigma's pyparsing grammar step for step (operators
 * `not` > `and` > `or` matched as plain literals, `1|any|all of <pattern>` as keywords, the
 * packrat-free PEG order), so that it accepts exactly the same texts, builds the same trees
 * (`a and b and c` is one `and` with three operands) and fails with pyparsing's message.
 * Ranges are offsets into the condition text.
 */

/** A condition that does not parse: pyparsing's message and where it points. */
export interface ConditionSyntaxError {
	/** `str(ParseException)`, e.g. `Expected end of text, found 'AND'  (at char 4), (line:1, col:5)`. */
	message: string;
	/** Offset into the condition text. */
	at: number;
	/** Length of the text pyparsing reports as found (0 at the end). */
	length: number;
}

/** Either the parse tree or the syntax error. */
export type ConditionParse =
	{ ok: true; ast: ConditionNode } | { ok: false; error: ConditionSyntaxError };

type Ok = { end: number; node: ConditionNode };
type Fail = { fail: true; loc: number; msg: string };
type Res = Ok | Fail;

const identChar = /[A-Za-z0-9_-]/;
const patternChar = /[A-Za-z0-9*_]/;
const keywordChar = /[A-Za-z0-9_$]/;

/** The text pySigma refuses before parsing (pipe syntax of Sigma 1). */
export const pipeSyntaxMessage =
	"The pipe syntax in Sigma conditions has been deprecated and replaced by Sigma correlations. pySigma doesn't supports this syntax.";

/** Parses a condition. Never throws; deep nesting fails with pyparsing's message. */
export function parseCondition(text: string): ConditionParse {
	const p = new Parser(text);
	let r: Res;
	try {
		r = p.or(0);
	} catch {
		return { ok: false, error: p.error(0, "Expected 'or' operations") };
	}
	if ('fail' in r) return { ok: false, error: p.error(r.loc, r.msg) };
	const end = p.skip(r.end);
	if (end < text.length) return { ok: false, error: p.error(end, 'Expected end of text') };
	return { ok: true, ast: r.node };
}

class Parser {
	readonly #t: string;
	#depth = 0;
	// Packrat memo per grammar level, as pySigma enables for pyparsing: without it every
	// parenthesis level would re-parse its contents several times.
	#orMemo = new Map<number, Res>();
	#andMemo = new Map<number, Res>();
	#notMemo = new Map<number, Res>();

	constructor(text: string) {
		this.#t = text;
	}

	skip(loc: number): number {
		const t = this.#t;
		while (loc < t.length) {
			const c = t[loc];
			if (c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r') break;
			loc++;
		}
		return loc;
	}

	error(loc: number, msg: string): ConditionSyntaxError {
		const t = this.#t;
		let found = '';
		let length = 0;
		if (loc < t.length) {
			const m = foundWord.exec(t.slice(loc, loc + 16));
			const word = m ? m[0] : t[loc];
			length = word.length;
			found = `, found ${pyStrRepr(word).replace(/\\\\/g, '\\')}`;
		} else if (t.length > 0) found = ', found end of text';
		const line = countLines(t, loc);
		const col =
			loc === 0 || (loc < t.length && t[loc - 1] === '\n') ? 1 : loc - t.lastIndexOf('\n', loc - 1);
		const message = `${msg}${found}  (at char ${loc}), (line:${line}, col:${col})`;
		return { message, at: loc, length };
	}

	#literal(loc: number, lit: string): number | Fail {
		const p = this.skip(loc);
		if (this.#t.startsWith(lit, p)) return p + lit.length;
		return { fail: true, loc: p, msg: `Expected '${lit}'` };
	}

	#keyword(loc: number, kw: string): number | Fail {
		const p = this.skip(loc);
		const t = this.#t;
		const after = p + kw.length;
		const ok =
			t.startsWith(kw, p) &&
			(after >= t.length || !keywordChar.test(t[after])) &&
			(p === 0 || !keywordChar.test(t[p - 1]));
		return ok ? after : { fail: true, loc: p, msg: `Expected Keyword '${kw}'` };
	}

	#word(loc: number, chars: RegExp): { from: number; to: number } | Fail {
		const p = this.skip(loc);
		let e = p;
		while (e < this.#t.length && chars.test(this.#t[e])) e++;
		return e > p ? { from: p, to: e } : { fail: true, loc: p, msg: 'Expected W' };
	}

	/** MatchFirst: the first alternative that matches, else pyparsing's deepest failure. */
	#first(loc: number, alts: (() => Res)[], name: string): Res {
		let best: Fail | null = null;
		for (const alt of alts) {
			const r = alt();
			if (!('fail' in r)) return r;
			if (best === null || r.loc > best.loc) best = r;
		}
		const fail = best as Fail;
		if (fail.loc === this.skip(loc)) return { fail: true, loc: fail.loc, msg: `Expected ${name}` };
		return fail;
	}

	#selector(loc: number): Res {
		const q = this.#first(
			loc,
			['1', 'any', 'all'].map((kw) => () => {
				const r = this.#keyword(loc, kw);
				return typeof r === 'number' ? { end: r, node: placeholderNode(kw) } : r;
			}),
			'quantifier'
		);
		if ('fail' in q) return q;
		const of = this.#keyword(q.end, 'of');
		if (typeof of !== 'number') return of;
		const pat = this.#word(of, patternChar);
		if ('fail' in pat) return pat;
		const from = this.skip(loc);
		const quantifier = (q.node as { name: string }).name === 'all' ? 'all' : 'any';
		const pattern = this.#t.slice(pat.from, pat.to);
		return {
			end: pat.to,
			node: { kind: 'selector', quantifier, pattern, range: { from, to: pat.to } }
		};
	}

	#identifier(loc: number): Res {
		const w = this.#word(loc, identChar);
		if ('fail' in w) return w;
		const name = this.#t.slice(w.from, w.to);
		return { end: w.to, node: { kind: 'ref', name, range: { from: w.from, to: w.to } } };
	}

	#nested(loc: number): Res {
		const open = this.#literal(loc, '(');
		if (typeof open !== 'number') return open;
		const inner = this.or(open);
		if ('fail' in inner) return inner;
		const close = this.#literal(inner.end, ')');
		if (typeof close !== 'number') return close;
		return { end: close, node: inner.node };
	}

	#atom(loc: number): Res {
		return this.#first(
			loc,
			[() => this.#selector(loc), () => this.#identifier(loc), () => this.#nested(loc)],
			'operand'
		);
	}

	#not(loc: number): Res {
		return this.#first(
			loc,
			[
				() => {
					const kw = this.#literal(loc, 'not');
					if (typeof kw !== 'number') return kw;
					const inner = this.#notMemoized(kw);
					if ('fail' in inner) return inner;
					const from = this.skip(loc);
					return {
						end: inner.end,
						node: { kind: 'not', arg: inner.node, range: { from, to: inner.end } }
					};
				},
				() => this.#atom(loc)
			],
			"'not' operations"
		);
	}

	#binary(loc: number, op: 'and' | 'or', operand: (at: number) => Res, name: string): Res {
		return this.#first(
			loc,
			[
				() => {
					const first = operand(loc);
					if ('fail' in first) return first;
					const args = [first.node];
					let end = first.end;
					for (;;) {
						const kw = this.#literal(end, op);
						if (typeof kw !== 'number') {
							if (args.length > 1) break;
							return kw;
						}
						const next = operand(kw);
						if ('fail' in next) {
							if (args.length > 1) break;
							return next;
						}
						args.push(next.node);
						end = next.end;
					}
					const range = { from: args[0].range.from, to: end };
					return { end, node: { kind: op, args, range } };
				},
				() => operand(loc)
			],
			name
		);
	}

	#and(loc: number): Res {
		return memo(this.#andMemo, loc, () =>
			this.#binary(loc, 'and', (at) => this.#notMemoized(at), "'and' operations")
		);
	}

	#notMemoized(loc: number): Res {
		return memo(this.#notMemo, loc, () => this.#not(loc));
	}

	or(loc: number): Res {
		if (++this.#depth > 500) throw new RangeError('condition nested too deeply');
		try {
			return memo(this.#orMemo, loc, () =>
				this.#binary(loc, 'or', (at) => this.#and(at), "'or' operations")
			);
		} finally {
			this.#depth--;
		}
	}
}

function memo(cache: Map<number, Res>, loc: number, run: () => Res): Res {
	const hit = cache.get(loc);
	if (hit) return hit;
	const r = run();
	cache.set(loc, r);
	return r;
}

function placeholderNode(name: string): ConditionNode {
	return { kind: 'ref', name, range: { from: 0, to: 0 } };
}

/** The word pyparsing quotes after `found` (letters of Latin, Greek and Cyrillic, max 16). */
const foundWord =
	/^[0-9A-Za-z\u00aa\u00b2\u00b3\u00b5\u00b9\u00ba\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u0374\u0376\u0377\u037a-\u037d\u037f\u0386\u0388-\u038a\u038c\u038e-\u03a1\u03a3-\u03e1\u03f0-\u03f5\u03f7-\u0481\u048a-\u052f\u1c80-\u1c88\u1d26-\u1d2b\u1d5e\u1d60\u1d66-\u1d6a\u1d78\u1f00-\u1f15\u1f18-\u1f1d\u1f20-\u1f45\u1f48-\u1f4d\u1f50-\u1f57\u1f59\u1f5b\u1f5d\u1f5f-\u1f7d\u1f80-\u1fb4\u1fb6-\u1fbc\u1fbe\u1fc2-\u1fc4\u1fc6-\u1fcc\u1fd0-\u1fd3\u1fd6-\u1fdb\u1fe0-\u1fec\u1ff2-\u1ff4\u1ff6-\u1ffc\ua640-\ua66e\ua67f-\ua69d\uab65]{1,16}/;

function countLines(t: string, loc: number): number {
	let n = 1;
	for (let i = 0; i < loc && i < t.length; i++) if (t[i] === '\n') n++;
	return n;
}
