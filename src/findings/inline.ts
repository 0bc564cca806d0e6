/**
 * Reading inline suppressions, for the extractors that fill `PolicyRecord.inlineSuppressions` /
 * `IamEntity.inlineSuppressions`. Pure. The two written forms (docs/configuration.md):
 *
 * - CloudFormation / SAM: `Metadata: { iam-policy-gate: { ignore: [{ rule, reason }] } }` on the resource;
 * - Terraform (and any file with `#` or `//` comments): `# iam-policy-gate:ignore RULE reason` on a line of the block
 *   or in the comment lines directly above it.
 */
import type { InlineSuppression } from '../policy/types.js';

const COMMENT = /(?:^|\s)(?:#|\/\/|\/\*)\s*iam-policy-gate:ignore(?:[ \t]+([^\s]+))?(?:[ \t]+(.*?))?\s*(?:\*\/)?\s*$/;

/** `# iam-policy-gate:ignore admin-wildcard break-glass (SEC-42)` -> { rule, reason }; reason '' when missing. */
export function parseIgnoreComment(line: string): { rule: string; reason: string } | undefined {
  const m = COMMENT.exec(line);
  if (!m || !m[1]) return undefined;
  return { rule: m[1].replace(/\*\/$/, ''), reason: (m[2] ?? '').trim() };
}

/**
 * Comment suppressions for a block spanning `startLine`..`endLine` (1-based) of `text`: those on its lines and in the
 * run of comment lines directly above it.
 */
export function commentSuppressions(text: string, file: string, startLine: number, endLine: number): InlineSuppression[] {
  const lines = text.split(/\r?\n/);
  const out: InlineSuppression[] = [];
  let first = startLine;
  while (first > 1 && /^\s*(#|\/\/|\/\*|\*)/.test(lines[first - 2] ?? '')) first--;
  for (let n = first; n <= Math.min(endLine, lines.length); n++) {
    const s = parseIgnoreComment(lines[n - 1]!);
    if (s) out.push({ ...s, file, line: n });
  }
  return out;
}

/**
 * The `iam-policy-gate.ignore` entries of a CloudFormation resource's Metadata, with the JSON pointer (inside the
 * Metadata value) of each entry so the caller can give its line; malformed entries are returned as problems
 * (an entry without a reason is kept with reason '' so the suppression stage reports it).
 */
export function metadataSuppressions(metadata: unknown): {
  entries: { rule: string; reason: string; pointer: string }[];
  problems: { pointer: string; message: string }[];
} {
  const entries: { rule: string; reason: string; pointer: string }[] = [];
  const problems: { pointer: string; message: string }[] = [];
  const obj = (v: unknown) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
  const gate = obj(metadata)?.['iam-policy-gate'];
  if (gate === undefined) return { entries, problems };
  const ignore = obj(gate)?.ignore;
  if (!Array.isArray(ignore)) {
    problems.push({ pointer: obj(gate) ? '/iam-policy-gate/ignore' : '/iam-policy-gate', message: 'iam-policy-gate.ignore must be a list of { rule, reason }' });
    return { entries, problems };
  }
  ignore.forEach((e, i) => {
    const pointer = `/iam-policy-gate/ignore/${i}`;
    const o = obj(e);
    if (!o || typeof o.rule !== 'string' || o.rule.trim() === '') {
      problems.push({ pointer, message: 'each iam-policy-gate.ignore entry needs a rule (a rule id or Access Analyzer issue code)' });
      return;
    }
    entries.push({ rule: o.rule.trim(), reason: typeof o.reason === 'string' ? o.reason.trim() : '', pointer });
  });
  return { entries, problems };
}
