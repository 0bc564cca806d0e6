/**
 * Statement coverage: does a base statement grant at least what a head statement grants (the head only narrowed it)?
 * IAM semantics over the one wildcard matcher, used by the baseline (a narrowed statement keeps its findings
 * existing) and per-holder guards.
 */
import { engineContext } from './context.js';
import { globCovers, hasWildcard } from './wildcard.js';
import { canonicalJson, normaliseStatement } from '../policy/fingerprint.js';

/**
 * Does the base statement `base` cover `head` (head grants nothing base did not)? Same effect; every Action,
 * Resource and Principal value of head matched by a base value (a pattern covering a pattern: `arn:aws:s3:::b/*`
 * covers `arn:aws:s3:::b/reports/*`, `s3:Get*` covers `s3:GetObject`, never the reverse); every base
 * NotAction/NotResource/NotPrincipal value matched by a head one (head excludes at least as much); every base
 * condition kept with the same values (head may add conditions). Used to keep a finding existing when its statement
 * was only narrowed. When unsure (policy variables, principal wildcards other than a whole `*`, a bound reached),
 * not covered: the finding is new.
 */
export function statementCovers(base: unknown, head: unknown): boolean {
  if (!isObj(base) || !isObj(head)) return false;
  const covered = engineContext().statementCovers;
  let byHead = covered.get(base);
  if (!byHead) covered.set(base, (byHead = new WeakMap()));
  const known = byHead.get(head);
  if (known !== undefined) return known;
  const r = covers(base, head);
  byHead.set(head, r);
  return r;
}


function covers(base: unknown, head: unknown): boolean {
  const b = normaliseStatement(base);
  const h = normaliseStatement(head);
  if (!isObj(b) || !isObj(h)) return false;
  if (b.Effect !== h.Effect) return false;
  for (const k of new Set([...Object.keys(b), ...Object.keys(h)])) {
    if (k === 'Effect') continue;
    if (k === 'Condition') {
      if (!conditionsKept(b.Condition, h.Condition)) return false;
    } else if (k === 'Action' || k === 'Resource' || k === 'Principal') {
      if (!subset(h[k], b[k], KIND[k])) return false;
    } else if (k === 'NotAction' || k === 'NotResource' || k === 'NotPrincipal') {
      if (!subset(b[k], h[k], KIND[k])) return false;
    } else if (canonicalJson(b[k]) !== canonicalJson(h[k])) return false;
  }
  return true;
}

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

type ValueKind = 'action' | 'resource' | 'principal';
const KIND: Record<string, ValueKind> = { Action: 'action', NotAction: 'action', Resource: 'resource', NotResource: 'resource', Principal: 'principal', NotPrincipal: 'principal' };
/** At most this many pattern comparisons per statement pair (hostile sizes): beyond it, not covered. */
const MAX_PATTERN_CHECKS = 20_000;

/** Is every value of `small` matched by some value of `big` (exactly, or by a covering pattern)? */
function subset(small: unknown, big: unknown, kind: ValueKind): boolean {
  if (small === undefined || big === undefined) return small === big;
  if (!Array.isArray(small) || !Array.isArray(big)) return canonicalJson(small) === canonicalJson(big);
  const s = new Set(big.map((x) => canonicalJson(x)));
  const patterns = big.filter((x): x is string => typeof x === 'string' && hasWildcard(x));
  let budget = MAX_PATTERN_CHECKS;
  return small.every((x) => {
    if (s.has(canonicalJson(x))) return true;
    if (typeof x !== 'string') return false;
    for (const p of patterns) {
      if (--budget < 0) return false;
      if (valueCovers(p, x, kind)) return true;
    }
    return false;
  });
}

/**
 * Does pattern `outer` match every value `inner` may stand for? Actions fold case; resources do not. A policy
 * variable (`${aws:username}`, `${*}`) on either side is judged only by equality (already checked). Principals are
 * `Type:value` and only a whole `*` is a wildcard there: `AWS:*` covers every `AWS:` principal, nothing else.
 */
function valueCovers(outer: string, inner: string, kind: ValueKind): boolean {
  if (outer.includes('${') || inner.includes('${')) return false;
  if (kind === 'principal') {
    const i = outer.indexOf(':');
    return i > 0 && outer.slice(i + 1) === '*' && inner.startsWith(outer.slice(0, i + 1));
  }
  return globCovers(outer, inner, kind === 'resource');
}

function conditionsKept(base: unknown, head: unknown): boolean {
  if (base === undefined) return true;
  if (!isObj(base) || !isObj(head)) return canonicalJson(base) === canonicalJson(head);
  for (const [op, block] of Object.entries(base)) {
    const hb = head[op];
    if (!isObj(block) || !isObj(hb)) {
      if (canonicalJson(block) !== canonicalJson(hb)) return false;
      continue;
    }
    for (const [key, vals] of Object.entries(block)) if (canonicalJson(vals) !== canonicalJson(hb[key])) return false;
  }
  return true;
}
