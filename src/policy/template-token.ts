/** Template tokens in policy values: stand-ins the repository does not decide. Pure. */
import type { PolicyRecord } from './types.js';

/**
 * Template tokens another tool fills in before deployment: `<<ACCOUNT>>`, `<my-org-id>`, `{{resolve:ssm:x}}`,
 * `${ACCELERATOR_PREFIX}`, `${ACCEL_LOOKUP::...}` anywhere; in raw policy files also bare upper-case names with an
 * underscore (`ACCOUNT_ID`, `ORG_ID`). Policy variables (`${aws:username}`) are not tokens.
 */
const TEMPLATE_TOKEN = /<<[^<>\s]{1,100}>>|<[A-Za-z][\w.:-]{0,100}>|\{\{[^{}]{1,200}\}\}|\$\{[A-Z][A-Z0-9_]{0,100}(?:::[^}]{0,200})?\}/;
const BARE_TOKEN = /(^|[^A-Za-z0-9])[A-Z][A-Z0-9]{1,40}(_[A-Z0-9]{1,40})+($|[^A-Za-z0-9])/;

/**
 * The template token a value holds (a built-in spelling, or a pattern of the config's `placeholders:` list, which the
 * rule runner sets on the record as `tokenPatterns`), if any. Such a value is a stand-in, as a placeholder is: grammar, ARN, type and
 * principal-format rules say nothing about it (what it grants is still judged as the specific value it stands for).
 */
export function templateToken(policy: PolicyRecord, value: string): string | undefined {
  if (value.length > 2048) return undefined;
  const m = TEMPLATE_TOKEN.exec(value) ?? (policy.format === 'raw' ? BARE_TOKEN.exec(value) : null);
  if (m) return m[0].replace(/^[^A-Za-z0-9<{$]|[^A-Za-z0-9>}]$/g, '');
  return policy.tokenPatterns?.length ? configuredToken(policy.tokenPatterns, value) : undefined;
}

/** Index of `seg` (`?` matching any one character) in `text` from `from`, or -1. O(n*m), no backtracking. */
function indexOfSegment(text: string, seg: string, from: number): number {
  for (let i = from; i + seg.length <= text.length; i++) {
    let j = 0;
    while (j < seg.length && (seg[j] === '?' || seg[j] === text[i + j])) j++;
    if (j === seg.length) return i;
  }
  return -1;
}

/**
 * The configured pattern (`placeholders:`) found inside the value, if any: `*` any run, `?` one character,
 * case-sensitive. A pattern is found inside a value when its `*`-separated segments occur in order (leftmost first,
 * which is exact for a pattern that floats anywhere in the value).
 */
function configuredToken(patterns: readonly string[], value: string): string | undefined {
  return patterns.find((p) => {
    let at = 0;
    for (const seg of p.split('*')) {
      if (!seg) continue;
      const i = indexOfSegment(value, seg, at);
      if (i < 0) return false;
      at = i + seg.length;
    }
    return true;
  });
}
