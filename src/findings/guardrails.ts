/**
 * Guardrails a change takes away: an SCP/RCP deleted (its file removed, or its resource removed from a template or
 * module), or detached from a target it was attached to in the IaC (CloudFormation `TargetIds`, Terraform
 * `aws_organizations_policy_attachment`). Each becomes a record whose head document allows everything (a level
 * without the policy is as if it had FullAWSAccess there) and whose base is the removed policy: the SCP stage then
 * reports what the removal newly allows (scp-change-impact), so removing a guardrail is never invisible. Pure.
 */
import type { IamEntity, PolicyRecord } from '../policy/types.js';
import { entityScope, recordScope } from '../policy/principals.js';

const DETACHED = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isOrgPolicy = (p: PolicyRecord) => p.policyType === 'scp' || p.policyType === 'rcp';

/** Per SCP/RCP record id: the targets (root, OU, account ids) the IaC attaches it to. */
export function orgTargets(policies: PolicyRecord[], entities: IamEntity[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const byScope = new Map<string, PolicyRecord[]>();
  for (const p of policies) {
    if (!isOrgPolicy(p)) continue;
    out.set(p.id, new Set(p.targets ?? []));
    const s = recordScope(p);
    byScope.set(s, [...(byScope.get(s) ?? []), p]);
  }
  for (const e of entities) {
    if (e.kind !== 'managed-policy-attachment' || e.notCreated) continue;
    const candidates = byScope.get(entityScope(e)) ?? [];
    for (const a of Array.isArray(e.properties.attachments) ? e.properties.attachments : []) {
      if (!isObj(a) || !isObj(a.principal) || a.principal.kind !== 'target' || typeof a.principal.id !== 'string') continue;
      const refs = Array.isArray(a.policyRefs) ? a.policyRefs : [];
      const policy = typeof a.policy === 'string' ? a.policy : undefined;
      for (const p of candidates) {
        const named = policy !== undefined && (policy === p.resource || (p.name !== undefined && (policy === p.name || policy.endsWith(`/${p.name}`))));
        if (named || refs.includes(p.resource)) out.get(p.id)!.add(a.principal.id);
      }
    }
  }
  return out;
}

/** The SCP/RCP records of the base that the head deleted or detached from some target, as "detached" records. */
export function removedGuardrails(
  head: { policies: PolicyRecord[]; entities: IamEntity[] },
  base: { policies: PolicyRecord[]; entities: IamEntity[] },
  label: string,
): PolicyRecord[] {
  const headIds = new Set(head.policies.filter(isOrgPolicy).map((p) => p.id));
  const headTargets = orgTargets(head.policies, head.entities);
  const baseTargets = orgTargets(base.policies, base.entities);
  const out: PolicyRecord[] = [];
  for (const b of base.policies) {
    if (!isOrgPolicy(b)) continue;
    if (!headIds.has(b.id)) {
      out.push({ ...b, document: DETACHED, base: b.document, notes: [...(b.notes ?? []), `deleted by this change (it was in ${b.file} at ${label})`] });
      continue;
    }
    const gone = [...(baseTargets.get(b.id) ?? [])].filter((t) => !headTargets.get(b.id)?.has(t));
    if (gone.length) out.push({ ...b, id: `${b.id}@detached`, document: DETACHED, base: b.document, targets: gone, notes: [...(b.notes ?? []), `detached by this change from ${gone.join(', ')}`] });
  }
  return out;
}
