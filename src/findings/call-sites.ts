/**
 * Findings on a Terraform child module's record analysed with the arguments of a local module call
 * (`PolicyRecord.calledFrom`) name the call and carry the caller's lines as related locations (SARIF
 * `relatedLocations`, a second line in the text and markdown reports). Pure.
 */
import type { PolicyRecord } from '../policy/types.js';
import type { Finding } from './types.js';

export function withCallSites(findings: Finding[], policies: PolicyRecord[]): Finding[] {
  const byId = new Map(policies.filter((p) => p.calledFrom?.length).map((p) => [p.id, p]));
  if (!byId.size) return findings;
  return findings.map((f) => {
    const rec = f.policyId ? byId.get(f.policyId) : undefined;
    if (!rec || f.related) return f;
    const call = rec.calledFrom!.filter((r) => r.message.startsWith('called as ')).pop();
    const via = call ? ` (${call.message.slice('called as '.length)}, called at ${call.file}:${call.line})` : '';
    return { ...f, message: `${f.message}${via}`, related: rec.calledFrom!.map((r) => ({ ...r })) };
  });
}
