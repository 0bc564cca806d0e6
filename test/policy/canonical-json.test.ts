/**
 * Fingerprints are a contract (suppressions and base comparisons key on them): the canonical JSON and the statement
 * identity must give the same text as the plain definitions below for any value, odd ones included.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson, sha256, statementIdentity } from '../../src/policy/fingerprint.js';

/** The definition: parts joined. */
function reference(value: unknown): string {
  if (Array.isArray(value)) return '[' + value.map(reference).join(',') + ']';
  if (value !== null && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return '{' + Object.keys(o).sort().map((k) => JSON.stringify(k) + ':' + reference(o[k])).join(',') + '}';
  }
  return JSON.stringify(value ?? null);
}

function referenceIdentity(statement: Record<string, unknown>): string {
  const set = (v: unknown, fold = false): unknown => {
    const list = Array.isArray(v) ? v : [v];
    if (!list.every((x) => typeof x === 'string')) return v;
    return [...new Set((list as string[]).map((x) => (fold ? x.toLowerCase() : x)))].sort();
  };
  const principals = (v: unknown): unknown => {
    if (v === '*') return ['AWS:*'];
    if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
    const out: string[] = [];
    for (const [t, vals] of Object.entries(v as Record<string, unknown>)) {
      const list = Array.isArray(vals) ? vals : [vals];
      if (!list.every((x) => typeof x === 'string')) return v;
      for (const x of list as string[]) out.push(`${t}:${x}`);
    }
    return [...new Set(out)].sort();
  };
  const conditions = (v: unknown): unknown => {
    if (!v || typeof v !== 'object' || Array.isArray(v)) return v;
    const out: Record<string, unknown> = {};
    for (const [op, block] of Object.entries(v as Record<string, unknown>)) {
      if (!block || typeof block !== 'object' || Array.isArray(block)) {
        out[op] = block;
        continue;
      }
      const b: Record<string, unknown> = {};
      for (const [key, vals] of Object.entries(block as Record<string, unknown>)) b[key.toLowerCase()] = set(vals);
      out[op] = b;
    }
    return out;
  };
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(statement)) {
    if (k === 'Sid') continue;
    if (['Action', 'NotAction', 'Resource', 'NotResource'].includes(k)) out[k] = set(v, k === 'Action' || k === 'NotAction');
    else if (k === 'Principal' || k === 'NotPrincipal') out[k] = principals(v);
    else if (k === 'Condition') out[k] = conditions(v);
    else out[k] = v;
  }
  return 'content:' + sha256(reference(out)).slice(0, 16);
}

const word = fc.constantFrom('s3:GetObject', 'S3:getobject', 's3:*', '*', 'arn:aws:s3:::b/*', 'a', 'A', 'b', '', 'é', '\u2028', '\ud800');
const values = fc.oneof(word, fc.array(word, { maxLength: 6 }), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.oneof(word, fc.integer()), { maxLength: 4 }));

describe('canonicalJson', () => {
  it('is the joined-parts text for any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => { expect(canonicalJson(v)).toBe(reference(v)); }), { numRuns: 500 });
  });

  it('is the same for odd values: holes, undefined, functions, nested', () => {
    // eslint-disable-next-line no-sparse-arrays
    const odd: unknown[] = [[, 1], [undefined, () => 1, null], { a: undefined, b: () => 1, c: [[, ,]] }, undefined, new Date(0), { z: 1, a: { y: [2, { x: 3 }] } }, []];
    for (const v of odd) expect(canonicalJson(v)).toBe(reference(v));
  });
});

describe('statementIdentity', () => {
  it('is the hash of the normalised statement as defined', () => {
    const statement = fc.record(
      {
        Sid: word,
        Effect: fc.constantFrom('Allow', 'Deny'),
        Action: values,
        NotAction: values,
        Resource: values,
        NotResource: values,
        Principal: fc.oneof(fc.constant('*'), fc.dictionary(fc.constantFrom('AWS', 'Service', 'Federated'), values, { maxKeys: 3 }), values),
        Condition: fc.oneof(fc.dictionary(fc.constantFrom('StringEquals', 'StringLike', 'Bool'), fc.oneof(fc.dictionary(fc.constantFrom('aws:SourceArn', 'AWS:sourcearn', 'k'), values, { maxKeys: 3 }), values), { maxKeys: 3 }), values),
        Other: values,
      },
      { requiredKeys: [] },
    );
    fc.assert(fc.property(statement, (s) => { expect(statementIdentity({ ...s })).toBe(referenceIdentity(s)); }), { numRuns: 800 });
  });
});
