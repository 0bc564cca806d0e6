/**
 * IAM wildcard matching without regular expressions: `*` (any run, also empty) and `?` (one character).
 * Every function is linear or O(n*m) in the lengths; hostile patterns (`*****...`, very long strings) cannot make
 * it backtrack exponentially.
 */

const STAR = -1;
const ONE = -2;

/** Pattern -> token codes (STAR, ONE or a lower-cased char code); consecutive stars collapse. */
export function compileGlob(pattern: string, opts: { variables?: boolean; caseSensitive?: boolean } = {}): Int32Array {
  // at most one token per character: filled in place, cut to its length (no number list copied through an iterator)
  const src = opts.caseSensitive ? pattern : pattern.toLowerCase();
  const out = new Int32Array(src.length);
  let n = 0;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (opts.variables && ch === '$' && src[i + 1] === '{') {
      const close = src.indexOf('}', i + 2);
      if (close > 0) {
        // a variable (policy `${aws:username}` or format `${BucketName}`) stands for any text
        if (n === 0 || out[n - 1] !== STAR) out[n++] = STAR;
        i = close;
        continue;
      }
    }
    if (ch === '*') {
      if (n === 0 || out[n - 1] !== STAR) out[n++] = STAR;
    } else if (ch === '?') out[n++] = ONE;
    else out[n++] = src.charCodeAt(i);
  }
  return n === out.length ? out : out.slice(0, n);
}

/** The fewest characters a string matching the compiled glob can have (its non-star tokens). */
export function minMatchLength(p: Int32Array): number {
  let n = 0;
  for (let i = 0; i < p.length; i++) if (p[i] !== STAR) n++;
  return n;
}

export function hasWildcard(s: string): boolean {
  return s.includes('*') || s.includes('?');
}

/** Does the glob `pattern` match all of `text`? Case-insensitive unless told otherwise. */
export function globMatch(pattern: string | Int32Array, text: string, caseSensitive = false): boolean {
  const p = typeof pattern === 'string' ? compileGlob(pattern, { caseSensitive }) : pattern;
  const t = caseSensitive ? text : text.toLowerCase();
  let pi = 0;
  let ti = 0;
  let starP = -1;
  let starT = 0;
  while (ti < t.length) {
    const tok = pi < p.length ? p[pi]! : undefined;
    if (tok !== undefined && (tok === ONE || tok === t.charCodeAt(ti))) {
      pi++;
      ti++;
    } else if (tok === STAR) {
      starP = pi++;
      starT = ti;
    } else if (starP >= 0) {
      pi = starP + 1;
      ti = ++starT;
    } else return false;
  }
  while (pi < p.length && p[pi] === STAR) pi++;
  return pi === p.length;
}

/** Above this product size, `globsIntersect` answers `undefined` (cannot judge). */
export const MAX_INTERSECT_STATES = 2_000_000;

/**
 * Is there a string both globs match? Both sides may hold wildcards (and, with `variables`, `${...}` parts that
 * stand for any text). Returns undefined when the inputs are too large to judge.
 */
export function globsIntersect(a: string | Int32Array, b: string | Int32Array, variables = true): boolean | undefined {
  const p = typeof a === 'string' ? compileGlob(a, { variables }) : a;
  const q = typeof b === 'string' ? compileGlob(b, { variables }) : b;
  const n = p.length;
  const m = q.length;
  const W = m + 1;
  if ((n + 1) * W > MAX_INTERSECT_STATES) return undefined;
  const seen = new Uint8Array((n + 1) * W);
  const stack: number[] = [0];
  seen[0] = 1;
  const push = (i: number, j: number): void => {
    const s = i * W + j;
    if (!seen[s]) {
      seen[s] = 1;
      stack.push(s);
    }
  };
  while (stack.length) {
    const s = stack.pop()!;
    const i = Math.floor(s / W);
    const j = s - i * W;
    if (i === n && j === m) return true;
    const x = i < n ? p[i]! : undefined;
    const y = j < m ? q[j]! : undefined;
    // a star may match nothing
    if (x === STAR) push(i + 1, j);
    if (y === STAR) push(i, j + 1);
    // both consume one common character
    if (x === undefined || y === undefined) continue;
    if (x >= 0 && y >= 0 && x !== y) continue;
    push(x === STAR ? i : i + 1, y === STAR ? j : j + 1);
  }
  return false;
}

/**
 * Is every string `inner` matches also matched by `outer`? Exact for the cases that matter (literal inner, or
 * inner whose wildcards sit where outer has a star); conservative (false) otherwise.
 */
export function globCovers(outer: string | Int32Array, inner: string, caseSensitive = false): boolean {
  // `outer` compiled once (a caller comparing one pattern with many values passes it compiled, as compileGlob
  // with the same caseSensitive makes it)
  const o = typeof outer === 'string' ? compileGlob(outer, { caseSensitive }) : outer;
  if (!hasWildcard(inner)) return globMatch(o, inner, caseSensitive);
  // treat inner's wildcards as literal characters that only outer's `*` can absorb: sound but not complete
  const lower = caseSensitive ? inner : inner.toLowerCase();
  let pi = 0;
  let ti = 0;
  let starP = -1;
  let starT = 0;
  const isWild = (c: string): boolean => c === '*' || c === '?';
  while (ti < lower.length) {
    const tok = pi < o.length ? o[pi]! : undefined;
    const ch = lower[ti]!;
    if (tok !== undefined && tok !== STAR && !isWild(ch) && (tok === ONE || tok === lower.charCodeAt(ti))) {
      pi++;
      ti++;
    } else if (tok !== undefined && tok === ONE && ch === '?') {
      pi++;
      ti++;
    } else if (tok === STAR) {
      starP = pi++;
      starT = ti;
    } else if (starP >= 0) {
      pi = starP + 1;
      ti = ++starT;
    } else return false;
  }
  while (pi < o.length && o[pi] === STAR) pi++;
  return pi === o.length;
}

