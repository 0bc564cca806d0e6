/**
 * IAM wildcard matching (`*` any run of characters, `?` one character) without regular expressions, so hostile
 * patterns (`*****…`, very long strings) cost linear-ish time. Actions compare case-insensitively; ARNs
 * case-sensitively.
 */

/** Glob match with `*` and `?`; iterative with single backtrack point (O(n·m) worst case, no recursion). */
export function globMatch(pattern: string, text: string, ignoreCase = false): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const t = ignoreCase ? text.toLowerCase() : text;
  let pi = 0;
  let ti = 0;
  let star = -1;
  let mark = 0;
  while (ti < t.length) {
    const pc = p.charCodeAt(pi);
    if (pi < p.length && (pc === 63 /* ? */ || pc === t.charCodeAt(ti))) {
      pi++;
      ti++;
    } else if (pi < p.length && pc === 42 /* * */) {
      // collapse runs of stars
      while (p.charCodeAt(pi) === 42) pi++;
      star = pi;
      mark = ti;
    } else if (star !== -1) {
      pi = star;
      ti = ++mark;
    } else return false;
  }
  while (p.charCodeAt(pi) === 42) pi++;
  return pi === p.length;
}

export function actionMatches(pattern: string, action: string): boolean {
  return globMatch(pattern, action, true);
}

/** Resource ARN match: `*` matches everything; otherwise a case-sensitive glob. */
export function resourceMatches(pattern: string, arn: string): boolean {
  return pattern === '*' || globMatch(pattern, arn, false);
}

function literalPrefix(p: string): string {
  const i = p.search(/[*?]/);
  return i === -1 ? p : p.slice(0, i);
}

/**
 * Could some ARN match both patterns? Exact when at least one side has no wildcard; otherwise a sound
 * over-approximation (their literal prefixes must be compatible).
 */
export function patternsOverlap(a: string, b: string, ignoreCase = false): boolean {
  if (a === '*' || b === '*') return true;
  const wa = /[*?]/.test(a);
  const wb = /[*?]/.test(b);
  if (!wa) return globMatch(b, a, ignoreCase);
  if (!wb) return globMatch(a, b, ignoreCase);
  let pa = literalPrefix(a);
  let pb = literalPrefix(b);
  if (ignoreCase) {
    pa = pa.toLowerCase();
    pb = pb.toLowerCase();
  }
  return pa.startsWith(pb) || pb.startsWith(pa);
}
