/**
 * AWS managed policies by name (`ReadOnlyAccess`, `service-role/AWSLambdaBasicExecutionRole`), from the bundled
 * snapshot (latest version of each attachable policy; see aws-managed-policies.data.ts for source and date).
 * Each look-up decodes only the chunk of 16 policies its policy is in (~0.4 ms, kept for later look-ups), not the whole
 * snapshot (2.4 MB of JSON, 50-90 ms); name look-ups (a raw file named after a managed policy) use the names list
 * and decode nothing. Returns undefined when the snapshot does not know the policy: the attachment is then
 * kept as a `managed-policy-attachment` entity only.
 */
import { zlib } from '../../util/builtins.js';
import {
  AWS_MANAGED_POLICIES_BROTLI_BASE64_CHUNKS,
  AWS_MANAGED_POLICIES_CHUNK,
  AWS_MANAGED_POLICIES_DATE,
  AWS_MANAGED_POLICIES_SOURCE,
  AWS_MANAGED_POLICY_NAMES,
} from './aws-managed-policies.data.js';

export interface ManagedPolicy {
  document: unknown;
  /** Policy version id, e.g. `v7`. */
  version: string;
  /** Date of that version (ISO date). */
  date: string;
  /** Snapshot the policy came from. */
  source: string;
}

/** Position of each policy in the snapshot, by name. */
let positions: Map<string, number> | undefined;

function positionOf(name: string): number | undefined {
  if (!positions) {
    positions = new Map();
    AWS_MANAGED_POLICY_NAMES.forEach((n, i) => positions!.set(n, i));
  }
  return positions.get(name);
}

/** Decoded chunks: the JSON text of each of their rows. */
const chunks = new Map<number, string[]>();

/** The JSON text of the policy at position `i`: `[versionId, date, document]`. */
function rowText(i: number): string {
  const c = Math.floor(i / AWS_MANAGED_POLICIES_CHUNK);
  let rows = chunks.get(c);
  if (!rows) {
    rows = zlib().brotliDecompressSync(Buffer.from(AWS_MANAGED_POLICIES_BROTLI_BASE64_CHUNKS[c]!.join(''), 'base64')).toString('utf8').split('\n');
    chunks.set(c, rows);
  }
  return rows[i % AWS_MANAGED_POLICIES_CHUNK]!;
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

/** Does the snapshot know this policy? (without decoding the documents) */
export function hasAwsManagedPolicy(name: string): boolean {
  return positionOf(name) !== undefined;
}

export function awsManagedPolicy(name: string): ManagedPolicy | undefined {
  const i = positionOf(name);
  if (i === undefined) return undefined;
  // parsed at each look-up: every caller gets a document of its own (JSON.parse keeps a `__proto__` key as data)
  const row = JSON.parse(rowText(i)) as [string, string, unknown];
  return { version: row[0], date: row[1], document: row[2], source: `${AWS_MANAGED_POLICIES_SOURCE} (snapshot ${AWS_MANAGED_POLICIES_DATE})` };
}
