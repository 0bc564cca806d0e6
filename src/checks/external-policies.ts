/**
 * Managed policies attached to a principal whose document the scan does not have (`Principal.unresolved`: a
 * customer managed policy outside the repository, an AWS managed policy the bundled snapshot does not know). What
 * they grant is unknown, so the verdict is incomplete, unless the config lists the ARN under `external-policies:`
 * (exact, or an IAM wildcard pattern) with the reason it was reviewed. An unknown permissions boundary restricts
 * nothing for sure and no check relies on one: a note, not a gap. Format-independent: every extractor only fills
 * `unresolved` (through `managed-policy-attachment` entities). Pure.
 */
import type { AnalysisError } from '../findings/types.js';
import type { Principal, PrincipalRecord } from '../policy/principals.js';
import { globMatch } from '../engine/wildcard.js';

export function externalPolicyGaps(
  principals: Principal[],
  reviewed: { arn: string; reason: string }[],
  records: PrincipalRecord[] = [],
): AnalysisError[] {
  const errors: AnalysisError[] = [];
  const recordOf = new Map(records.map((r) => [r.id, r]));
  const seen = new Set<string>();
  for (const p of principals) {
    for (const u of p.unresolved) {
      const rec = recordOf.get(`${p.scope}#${p.id}`);
      const who = `${p.kind} ${p.entity?.resource ?? p.id}`;
      if (u.via === 'boundary') {
        rec?.notes.push(`the permissions boundary ${u.arn} is not in the repository: analysed as no boundary`);
        continue;
      }
      const ok = reviewed.find((r) => globMatch(r.arn, u.arn, true));
      if (ok) {
        rec?.notes.push(`${u.arn} is outside the repository, listed in external-policies: ${ok.reason}`);
        continue;
      }
      const key = `${u.file ?? p.scope}\u0000${u.line ?? ''}\u0000${u.arn}\u0000${who}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const aws = /^arn:[^:]+:iam::aws:policy\//.test(u.arn);
      errors.push({
        file: u.file ?? p.entity?.file ?? p.scope,
        ...(u.line !== undefined ? { line: u.line } : p.entity ? { line: p.entity.line } : {}),
        message: aws
          ? `policy ${u.arn} is attached to ${who} but the bundled AWS managed policy snapshot does not have it, so what it grants is not known (list it under external-policies: with a reason once reviewed)`
          : `policy ${u.arn} is attached to ${who} but its document is not in the repository, so what it grants is not known (list it under external-policies: with a reason once reviewed)`,
        kind: 'extract',
      });
    }
  }
  return errors;
}
