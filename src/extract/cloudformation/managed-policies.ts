/**
 * AWS managed policies by name (`ReadOnlyAccess`, `service-role/AWSLambdaBasicExecutionRole`), from the bundled
 * snapshot (latest version of each attachable policy; see aws-managed-policies.data.ts for source and date).
 * Decoded lazily on first use (~65 ms): name look-ups (a raw file named after a managed policy) use the names list
 * the snapshot carries beside it and decode nothing. Returns undefined when the snapshot does not know the policy: the attachment is then
 * kept as a `managed-policy-attachment` entity only.
 */
import { zlib } from '../../util/builtins.js';
import { AWS_MANAGED_POLICIES_BROTLI_BASE64, AWS_MANAGED_POLICIES_DATE, AWS_MANAGED_POLICIES_SOURCE, AWS_MANAGED_POLICY_NAMES } from './aws-managed-policies.data.js';

export interface ManagedPolicy {
  document: unknown;
  /** Policy version id, e.g. `v7`. */
  version: string;
  /** Date of that version (ISO date). */
  date: string;
  /** Snapshot the policy came from. */
  source: string;
}

let table: Record<string, [string, string, unknown]> | undefined;

function load(): Record<string, [string, string, unknown]> {
  if (!table) {
    const json = zlib().brotliDecompressSync(Buffer.from(AWS_MANAGED_POLICIES_BROTLI_BASE64, 'base64')).toString('utf8');
    table = JSON.parse(json) as Record<string, [string, string, unknown]>;
  }
  return table;
}

let byBareName: Map<string, string | null> | undefined;

/**
 * The path-qualified name of an AWS managed policy given without its path, as SAM accepts it
 * (`AWSLambdaBasicExecutionRole` -> `service-role/AWSLambdaBasicExecutionRole`); undefined when unknown or ambiguous.
 */
export function awsManagedPolicyPath(bareName: string): string | undefined {
  if (!byBareName) {
    byBareName = new Map();
    for (const full of AWS_MANAGED_POLICY_NAMES) {
      const bare = full.slice(full.lastIndexOf('/') + 1);
      byBareName.set(bare, byBareName.has(bare) ? null : full);
    }
  }
  return byBareName.get(bareName) ?? undefined;
}

let names: Set<string> | undefined;

/** Does the snapshot know this policy? (without decoding the documents) */
export function hasAwsManagedPolicy(name: string): boolean {
  return (names ??= new Set(AWS_MANAGED_POLICY_NAMES)).has(name);
}

export function awsManagedPolicy(name: string): ManagedPolicy | undefined {
  const t = load();
  const row = Object.prototype.hasOwnProperty.call(t, name) ? t[name] : undefined;
  if (!row) return undefined;
  return { version: row[0], date: row[1], document: copyJson(row[2]), source: `${AWS_MANAGED_POLICIES_SOURCE} (snapshot ${AWS_MANAGED_POLICIES_DATE})` };
}

/** A deep copy of JSON.parse output (objects, arrays, primitives; keys in order): much cheaper than structuredClone. */
function copyJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(copyJson);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const x = copyJson((v as Record<string, unknown>)[k]);
    if (k === '__proto__') Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
    else out[k] = x;
  }
  return out;
}
