import { hash } from 'node:crypto';

/** Canonical JSON: object keys sorted, so equal documents hash equally whatever their key order. */
export function canonicalJson(value: unknown): string {
  // built as one string (no list of parts per array and object); the same text as joining the parts: an array
  // item without a text (a hole, a function) is empty, as `join` makes it
  if (Array.isArray(value)) {
    let s = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) s += ',';
      if (!(i in value)) continue;
      const item = canonicalJson(value[i]) as string | undefined;
      if (item !== undefined) s += item;
    }
    return s + ']';
  }
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    const keys = Object.keys(o).sort();
    let s = '{';
    for (let i = 0; i < keys.length; i++) {
      if (i > 0) s += ',';
      s += JSON.stringify(keys[i]) + ':' + canonicalJson(o[keys[i]!]);
    }
    return s + '}';
  }
  return JSON.stringify(value ?? null);
}

/** SHA-256 of the text's UTF-8 bytes, hex. The one-shot `crypto.hash` (no Hash object per call: every finding hashes twice). */
export function sha256(text: string): string {
  return hash('sha256', text, 'hex');
}

/**
 * A fingerprint from its identifying parts (rule id, policy id, statement identity, subject). Line numbers never
 * take part, so a finding keeps its fingerprint when unrelated lines move.
 */
export function fingerprint(parts: (string | undefined)[]): string {
  return fingerprintOf(fingerprintText(parts));
}

/** The text a fingerprint hashes: its parts joined by NUL (an absent part as empty). */
export function fingerprintText(parts: (string | undefined)[]): string {
  return parts.map((p) => p ?? '').join('\u0000');
}

/** The fingerprint of a `fingerprintText`. */
export function fingerprintOf(text: string): string {
  return sha256(text).slice(0, 32);
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
  return sortedDistinct((list as string[]).map((x) => (fold ? x.toLowerCase() : x)));
}

/** `[...new Set(list)].sort()`, without the set: sorted, then equal neighbours dropped (`list` is sorted in place). */
function sortedDistinct(list: string[]): string[] {
  list.sort();
  let n = 0;
  for (let i = 0; i < list.length; i++) if (i === 0 || list[i] !== list[n - 1]) list[n++] = list[i]!;
  list.length = n;
  return list;
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
  return sortedDistinct(out);
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
