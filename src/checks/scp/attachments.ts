/** Organizations allows at most 5 SCPs attached to one target (root, OU or account), FullAWSAccess included. */
import type { Finding } from '../../findings/types.js';
import type { RuleMeta } from '../rules/types.js';
import { fingerprint } from '../../policy/fingerprint.js';
import type { ResolvedOrg } from './model.js';

export const tooManyAttachedMeta: RuleMeta = {
  id: 'scp-too-many-attached',
  title: 'More than 5 SCPs attached to one target',
  severity: 'error',
  category: 'scp',
  description: 'AWS Organizations accepts at most 5 service control policies per root, OU or account (FullAWSAccess counts). The attachment fails and the intended guardrail is not in place.',
  fix: 'Merge related SCPs into one document (each up to 5,120 characters), or attach some of them one level higher or lower in the OU tree.',
  examples: { bad: { Version: '2012-10-17', Statement: [] }, good: { Version: '2012-10-17', Statement: [] } },
};

export function tooManyAttached(org: ResolvedOrg): Finding[] {
  const out: Finding[] = [];
  for (const node of org.model.nodes.values()) {
    if (node.scps.length <= 5) continue;
    // point at the first SCP of the list that is part of the scan, else at the config
    const rec = node.scps.map((s) => org.scps.get(s)?.record).find((r) => r);
    out.push({
      ruleId: tooManyAttachedMeta.id,
      source: 'scp',
      severity: tooManyAttachedMeta.severity,
      title: tooManyAttachedMeta.title,
      message: `${node.kind === 'root' ? 'The root' : `${node.kind === 'ou' ? 'OU' : 'Account'} ${node.id}`} has ${node.scps.length} SCPs attached (${node.scps.join(', ')}); the limit is 5.`,
      fix: tooManyAttachedMeta.fix,
      file: rec?.file ?? '.github/iam-policy-gate.yml',
      line: rec?.line ?? 1,
      endLine: rec?.line ?? 1,
      fingerprint: fingerprint([tooManyAttachedMeta.id, node.id]),
    });
  }
  return out;
}
