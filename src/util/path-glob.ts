/**
 * Path globs of the configuration and the CLI (see below). Not IAM patterns: those are engine/wildcard.ts.
 */
import { Memo } from './memo.js';

// ---------------------------------------------------------------------------------------------------------------
// Path globs (config include/exclude/paths, policy-types, ignore.files, cloudformation.parameters, organization
// deployments, CLI and Action path patterns). The one path matcher of the code base, without regular expressions:
// the pattern becomes a small NFA (one state per pattern character) simulated over the path, so matching costs at
// most (path length x pattern length) steps whatever the pattern (`*a*a*a*...` cannot backtrack).
//
// Syntax (case-sensitive, dotfiles matched like any file):
//   `*`     any run of characters within one path segment (no `/`)
//   `?`     one character other than `/`
//   `**`    as a whole segment: any number of segments (`a/**/b` matches `a/b`, `a/x/y/b`; `a/**` matches `a` and
//           everything under it; `**/x` matches `x` at any depth); elsewhere it is `*`
//   `[abc]` `[a-z]` `[!a]` `[^a]`   one character of (or not of) the class
//   `{a,b}` either alternative (nested braces allowed)
//   `\c`    the character c itself
// A list of patterns matches a path that matches one of its patterns and none of its `!`-prefixed patterns (a list
// of only `!` patterns matches every path none of them matches).

const SLASH = 47;

type GlobNode =
  | { k: 'lit'; c: number }
  | { k: 'one' }
  | { k: 'star' }
  /** `**` followed by `/`: zero or more whole segments, each with its `/` */
  | { k: 'segs' }
  /** `**` at the end (or alone): anything, also empty */
  | { k: 'rest' }
  /** `/**` at the end: nothing, or `/` and anything */
  | { k: 'slashRest' }
  | { k: 'class'; ranges: number[]; neg: boolean }
  | { k: 'alt'; alts: GlobNode[][] };

const MAX_BRACE_DEPTH = 8;

class GlobParser {
  i = 0;
  constructor(readonly p: string) {}

  /** A sequence, up to the end (depth 0) or to the `,`/`}` closing an alternative. */
  seq(depth: number): GlobNode[] {
    const out: GlobNode[] = [];
    const p = this.p;
    while (this.i < p.length) {
      const ch = p[this.i]!;
      if (depth > 0 && (ch === ',' || ch === '}')) break;
      if (ch === '\\' && this.i + 1 < p.length) {
        out.push({ k: 'lit', c: p.charCodeAt(this.i + 1) });
        this.i += 2;
      } else if (ch === '*') this.stars(out, depth);
      else if (ch === '?') {
        out.push({ k: 'one' });
        this.i++;
      } else if (ch === '[' && this.klass(out)) {
        /* pushed */
      } else if (ch === '{' && depth < MAX_BRACE_DEPTH && this.braces(out, depth)) {
        /* pushed */
      } else {
        out.push({ k: 'lit', c: p.charCodeAt(this.i) });
        this.i++;
      }
    }
    return out;
  }

  private stars(out: GlobNode[], depth: number): void {
    const p = this.p;
    const start = this.i;
    while (p[this.i] === '*') this.i++;
    const prev = start === 0 ? '' : p[start - 1]!;
    const next = this.i < p.length ? p[this.i]! : '';
    const segStart = prev === '' || prev === '/' || prev === '{' || prev === ',';
    const segEnd = next === '' || next === '/' || (depth > 0 && (next === ',' || next === '}'));
    if (this.i - start < 2 || !segStart || !segEnd) {
      out.push({ k: 'star' });
      return;
    }
    if (next === '/') {
      this.i++;
      out.push({ k: 'segs' });
    } else if (out.length && out[out.length - 1]!.k === 'lit' && (out[out.length - 1] as { c: number }).c === SLASH) {
      out.pop();
      out.push({ k: 'slashRest' });
    } else out.push({ k: 'rest' });
  }

  /** `[...]`: false (nothing consumed) when it does not close. */
  private klass(out: GlobNode[]): boolean {
    const p = this.p;
    let j = this.i + 1;
    const neg = p[j] === '!' || p[j] === '^';
    if (neg) j++;
    const ranges: number[] = [];
    let first = true;
    while (j < p.length && (p[j] !== ']' || first)) {
      first = false;
      let lo = p.charCodeAt(j);
      if (p[j] === '\\' && j + 1 < p.length) lo = p.charCodeAt(++j);
      let hi = lo;
      if (p[j + 1] === '-' && j + 2 < p.length && p[j + 2] !== ']') {
        hi = p.charCodeAt(j + 2);
        j += 2;
      }
      ranges.push(Math.min(lo, hi), Math.max(lo, hi));
      j++;
    }
    if (j >= p.length) return false;
    out.push({ k: 'class', ranges, neg });
    this.i = j + 1;
    return true;
  }

  /** `{a,b}`: false (nothing consumed) when it does not close or has no comma. */
  private braces(out: GlobNode[], depth: number): boolean {
    const save = this.i;
    this.i++;
    const alts: GlobNode[][] = [];
    for (;;) {
      alts.push(this.seq(depth + 1));
      const ch = this.p[this.i];
      if (ch === ',') {
        this.i++;
        continue;
      }
      if (ch === '}' && alts.length > 1) {
        this.i++;
        out.push({ k: 'alt', alts });
        return true;
      }
      this.i = save;
      return false;
    }
  }
}

/** NFA state: a character test with one successor, or (test undefined) an epsilon split to its successors. */
interface GlobState {
  test?: (c: number) => boolean;
  out: number[];
}

const notSlash = (c: number) => c !== SLASH;
const anyChar = () => true;

class GlobNfa {
  readonly states: GlobState[] = [{ out: [] }]; // state 0 accepts

  add(test: GlobState['test'], out: number[]): number {
    this.states.push(test ? { test, out } : { out });
    return this.states.length - 1;
  }

  /** Loop `(test)*` then `next`; returns its entry. */
  private loop(test: (c: number) => boolean, next: number): number {
    const entry = this.add(undefined, []);
    const step = this.add(test, [entry]);
    this.states[entry]!.out.push(step, next);
    return entry;
  }

  build(nodes: GlobNode[], next: number): number {
    let at = next;
    for (let n = nodes.length - 1; n >= 0; n--) at = this.node(nodes[n]!, at);
    return at;
  }

  private node(node: GlobNode, next: number): number {
    switch (node.k) {
      case 'lit':
        return this.add((c) => c === node.c, [next]);
      case 'one':
        return this.add(notSlash, [next]);
      case 'star':
        return this.loop(notSlash, next);
      case 'rest':
        return this.loop(anyChar, next);
      case 'slashRest': {
        const slash = this.add((c) => c === SLASH, [this.loop(anyChar, next)]);
        return this.add(undefined, [next, slash]);
      }
      case 'segs': {
        // L -> next | A ; A: one non-slash char -> B ; B -> A | C ; C: '/' -> L
        const entry = this.add(undefined, [next]);
        const slash = this.add((c) => c === SLASH, [entry]);
        const more = this.add(undefined, [slash]);
        const first = this.add(notSlash, [more]);
        this.states[more]!.out.unshift(first);
        this.states[entry]!.out.push(first);
        return entry;
      }
      case 'class': {
        const { ranges, neg } = node;
        return this.add((c) => {
          if (c === SLASH) return false;
          let inside = false;
          for (let r = 0; r < ranges.length && !inside; r += 2) inside = c >= ranges[r]! && c <= ranges[r + 1]!;
          return inside !== neg;
        }, [next]);
      }
      case 'alt':
        return this.add(undefined, node.alts.map((a) => this.build(a, next)));
    }
  }

  /** Does the automaton starting at `start` accept all of `text`? */
  run(start: number, text: string): boolean {
    const seen = new Int32Array(this.states.length).fill(-1);
    let current: number[] = [];
    const close = (from: number, gen: number, into: number[]) => {
      const stack = [from];
      while (stack.length) {
        const s = stack.pop()!;
        if (seen[s] === gen) continue;
        seen[s] = gen;
        const st = this.states[s]!;
        if (st.test || s === 0) into.push(s);
        else for (const o of st.out) stack.push(o);
      }
    };
    close(start, 0, current);
    for (let i = 0; i < text.length && current.length; i++) {
      const c = text.charCodeAt(i);
      const next: number[] = [];
      for (const s of current) {
        const st = this.states[s]!;
        if (st.test && st.test(c)) close(st.out[0]!, i + 1, next);
      }
      current = next;
    }
    return current.includes(0);
  }
}

export type PathMatcher = (path: string) => boolean;

/** Compiled globs: a pure function of the pattern text, so one bounded memo for the process. */
const compiled = new Memo<string, PathMatcher>(2000);

/** One path glob (syntax above) -> a matcher. Memoised (bounded). */
export function compilePathGlob(pattern: string): PathMatcher {
  return compiled.getOr(pattern, () => {
    const nfa = new GlobNfa();
    const start = nfa.build(new GlobParser(pattern).seq(0), 0);
    return (p: string) => nfa.run(start, p);
  });
}

/** Does `path` (repository-relative, `/`-separated) match the glob? */
export function pathGlobMatch(pattern: string, path: string): boolean {
  return compilePathGlob(pattern)(path);
}

/** A list of globs -> one matcher: some pattern matches and no `!`-pattern does (see above). */
export function pathGlobList(patterns: readonly string[]): PathMatcher {
  const pos = patterns.filter((g) => !g.startsWith('!')).map(compilePathGlob);
  const neg = patterns.filter((g) => g.startsWith('!')).map((g) => compilePathGlob(g.slice(1)));
  return (p) => (pos.length === 0 || pos.some((m) => m(p))) && !neg.some((m) => m(p));
}

/**
 * Does glob `outer` match every path `inner` matches? Sound, not complete: equal globs, `**`, and `dir/**` over
 * anything under `dir/`. Unknown = false (config/weakening.ts then reports the change).
 */
export function pathGlobCovers(outer: string, inner: string): boolean {
  if (outer === inner || outer === '**') return true;
  if (!outer.endsWith('/**')) return false;
  const dir = outer.slice(0, -2);
  return !/[*?[\]{}\\!]/.test(dir) && (inner.startsWith(dir) || inner === dir.slice(0, -1));
}
