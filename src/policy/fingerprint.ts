import { createHash } from 'node:crypto';

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
 * Content hashes of statement objects already fingerprinted: every finding on a statement names it, and hashing a
 * 20,000-action statement once per finding made the checks quadratic in the statement's size (97 s). Extracted
 * documents are not modified after extraction, so an object's hash does not go stale.
 */
const statementHashes = new WeakMap<object, string>();

/** Identity of a statement that survives reordering and unrelated edits: its Sid, else a hash of its content. */
export function statementIdentity(statement: unknown): string {
  if (statement && typeof statement === 'object' && !Array.isArray(statement)) {
    const sid = (statement as Record<string, unknown>).Sid;
    if (typeof sid === 'string' && sid !== '') return 'sid:' + sid;
    const known = statementHashes.get(statement);
    if (known !== undefined) return known;
    const id = 'hash:' + sha256(canonicalJson(statement)).slice(0, 16);
    statementHashes.set(statement, id);
    return id;
  }
  return 'hash:' + sha256(canonicalJson(statement)).slice(0, 16);
}
