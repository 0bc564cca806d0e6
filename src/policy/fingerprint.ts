import { createHash } from 'node:crypto';
import { globCovers, hasWildcard } from '../catalog/wildcard.js';

/** Canonical JSON: object keys sorted, so equal documents hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return '{' + Object.keys(o).sort().map((k) => JSON.stringify(k) + ':' + canonicalJson(o[k])).join(',') + '}';
  }
  return JSON.stringify(value ?? null);
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * A fingerprint from its identifying parts (rule id, policy id, statement identity, subject). Line numbers never
 * take part, so a finding keeps its fingerprint when unrelated lines move.
 */
export function fingerprint(parts: (string | undefined)[]): string {
  return sha256(parts.map((p) => p ?? '').join('\u0000')).slice(0, 32);
}

/**
 * Content hashes of statement objects already identified: every finding on a statement names it, and hashing a
 * 20,000-action statement once per finding would make the checks quadratic in its size. Extracted documents are not
 * modified after extraction, so an object's hash does not go stale.
 */
const statementHashes = new WeakMap<object, string>();

/**
 * Identity of a statement: what it is about, normalised, never its `Sid`. Effect, Action/NotAction (case-folded),
 * Resource/NotResource, Principal/NotPrincipal and Condition values as sorted sets: stable across whitespace, line
 * moves, reordering (of statements, of values) and Sid renames, and different as soon as what it grants differs --
 * a public-read statement that becomes public-write on more buckets under the same Sid is a new statement.
 */
export function statementIdentity(statement: unknown): string {
  if (!statement || typeof statement !== 'object') return 'content:' + sha256(canonicalJson(normaliseStatement(statement))).slice(0, 16);
  const known = statementHashes.get(statement);
  if (known !== undefined) return known;
  const id = 'content:' + sha256(canonicalJson(normaliseStatement(statement))).slice(0, 16);
  statementHashes.set(statement, id);
  return id;
}


const FOLD = new Set(['Action', 'NotAction']);
const SETS = new Set(['Action', 'NotAction', 'Resource', 'NotResource']);

/** The statement as sets: no Sid, value lists sorted and de-duplicated, actions lower-cased. */
const normalised = new WeakMap<object, unknown>();

export function normaliseStatement(statement: unknown): unknown {
  if (!statement || typeof statement !== 'object' || Array.isArray(statement)) return statement;
  const known = normalised.get(statement);
  if (known !== undefined) return known;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(statement as Record<string, unknown>)) {
    if (k === 'Sid') continue;
    if (SETS.has(k)) out[k] = valueSet(v, FOLD.has(k));
    else if (k === 'Principal' || k === 'NotPrincipal') out[k] = principalSet(v);
    else if (k === 'Condition') out[k] = conditionSets(v);
    else out[k] = v;
  }
  normalised.set(statement, out);
  return out;
}

function valueSet(v: unknown, fold = false): unknown {
  const list = Array.isArray(v) ? v : [v];
  if (!list.every((x) => typeof x === 'string')) return v;
  return [...new Set((list as string[]).map((x) => (fold ? x.toLowerCase() : x)))].sort();
}

/** `"*"` and `{"AWS": "*"}` are one principal set; each value is `Type:value`. */
function principalSet(v: unknown): unknown {
  if (v === '*') return ['AWS:*'];
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
  const out: string[] = [];
  for (const [t, vals] of Object.entries(v as Record<string, unknown>)) {
    const list = Array.isArray(vals) ? vals : [vals];
    if (!list.every((x) => typeof x === 'string')) return v;
    for (const x of list as string[]) out.push(`${t}:${x}`);
  }
  return [...new Set(out)].sort();
}

function conditionSets(v: unknown): unknown {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [op, block] of Object.entries(v as Record<string, unknown>)) {
    if (!block || typeof block !== 'object' || Array.isArray(block)) {
      out[op] = block;
      continue;
    }
    const b: Record<string, unknown> = {};
    for (const [key, vals] of Object.entries(block as Record<string, unknown>)) b[key.toLowerCase()] = valueSet(vals);
    out[op] = b;
  }
  return out;
}

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
  let byHead = covered.get(base);
  if (!byHead) covered.set(base, (byHead = new WeakMap()));
  const known = byHead.get(head);
  if (known !== undefined) return known;
  const r = covers(base, head);
  byHead.set(head, r);
  return r;
}

/** Memo of statementCovers per (base, head) statement objects: many findings on one statement ask the same. */
const covered = new WeakMap<object, WeakMap<object, boolean>>();

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
