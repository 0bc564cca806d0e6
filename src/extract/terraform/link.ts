/**
 * Customer managed policies and the attachment resources that attach them, across the files of one Terraform
 * module (`policies.tf` declares `aws_iam_policy.deploy`, `roles.tf` attaches it): each policy record learns the
 * principals it applies to. Runs once over every extracted record, after the per-file extractors (a plan links its
 * own; doing it again changes nothing).
 */
import type { IamEntity, PolicyRecord, PrincipalRef } from '../../policy/types.js';
import { entityScope, recordScope } from '../../policy/principals.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const KINDS = new Set(['role', 'user', 'group', 'permission-set']);

export function linkAttachments(policies: PolicyRecord[], entities: IamEntity[]): void {
  /** scope -> key (address, name) -> aws_iam_policy records */
  const index = new Map<string, Map<string, PolicyRecord[]>>();
  for (const p of policies) {
    if (p.resourceType !== 'aws_iam_policy') continue;
    const scope = recordScope(p);
    const m = index.get(scope) ?? new Map<string, PolicyRecord[]>();
    index.set(scope, m);
    for (const k of new Set([p.resource, ...(p.name ? [p.name] : [])])) m.set(k, [...(m.get(k) ?? []), p]);
  }
  if (!index.size) return;
  const touched = new Set<PolicyRecord>();
  for (const e of entities) {
    if (e.kind !== 'managed-policy-attachment' || e.notCreated) continue;
    const m = index.get(entityScope(e));
    if (!m) continue;
    for (const a of Array.isArray(e.properties.attachments) ? e.properties.attachments : []) {
      if (!isObj(a) || !isObj(a.principal)) continue;
      const { kind, id, via } = a.principal;
      if (typeof kind !== 'string' || !KINDS.has(kind) || typeof id !== 'string') continue;
      const targets = new Set<PolicyRecord>();
      for (const ref of Array.isArray(a.policyRefs) ? a.policyRefs : []) if (typeof ref === 'string') for (const r of m.get(ref) ?? []) targets.add(r);
      if (!targets.size && typeof a.policy === 'string') {
        const name = /:policy\/(?:.*\/)?([^/]+)$/.exec(a.policy)?.[1] ?? a.policy;
        for (const r of m.get(name) ?? []) targets.add(r);
      }
      const ref: PrincipalRef = { kind: kind as PrincipalRef['kind'], id, via: via === 'boundary' ? 'boundary' : 'managed' };
      for (const r of targets) {
        if (!r.attachedTo.some((x) => x.kind === ref.kind && x.id === ref.id && x.via === ref.via)) r.attachedTo.push(ref);
        touched.add(r);
      }
    }
  }
  for (const r of touched) if (r.attachedTo.length > 0 && r.attachedTo.every((x) => x.via === 'boundary')) r.policyType = 'boundary';
}
