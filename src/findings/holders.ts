/**
 * New vs existing per holder: a finding on a policy is "existing" only when the policy reaches no principal it did not
 * reach in the base, and nothing that guarded it there was taken away. An already-flagged admin policy attached to a
 * new role, moved to another role, a user added to the admin group, a permissions boundary removed, a Deny
 * statement deleted (from the policy itself or from another policy of the same principal), or the role's trust
 * policy widened: each is new access, and the finding is new. Pure.
 */
import type { IamEntity, PolicyRecord } from '../policy/types.js';
import { groupPrincipals, grantingPolicies, viaOf } from '../policy/principals.js';
import { statementsOf } from '../policy/statements.js';
import { statementIdentity } from '../policy/fingerprint.js';

/** What guards one principal's use of a policy: its boundaries, the Deny statements that apply to it, its trust. */
interface Guards {
  boundaries: Set<string>;
  denies: Set<string>;
  trust: Set<string>;
}

/** Per policy id: its own Deny statements, and each principal that holds it with that principal's guards. */
export interface HolderView {
  denies: Map<string, Set<string>>;
  holders: Map<string, Map<string, Guards>>;
}

const denyIds = (doc: unknown): string[] => statementsOf(doc).filter((s) => s.effect === 'Deny').map((s) => statementIdentity(s.raw));
const allIds = (doc: unknown): string[] => statementsOf(doc).map((s) => statementIdentity(s.raw));

export function holderView(policies: PolicyRecord[], entities: IamEntity[]): HolderView {
  const denies = new Map<string, Set<string>>();
  for (const p of policies) denies.set(p.id, new Set(denyIds(p.document)));
  const holders = new Map<string, Map<string, Guards>>();
  for (const pr of groupPrincipals(policies, entities)) {
    const key = `${pr.scope}\u0000${pr.kind}:${pr.id}`;
    const granting = grantingPolicies(pr);
    const guards: Guards = { boundaries: new Set(), denies: new Set(), trust: new Set() };
    for (const p of pr.policies) {
      if (p.policyType === 'trust') for (const s of allIds(p.document)) guards.trust.add(s);
      else if (p.policyType === 'boundary' || viaOf(pr, p) === 'boundary') guards.boundaries.add(p.id);
    }
    for (const g of granting) for (const d of denyIds(g.policy.document)) guards.denies.add(d);
    for (const g of granting) {
      let m = holders.get(g.policy.id);
      if (!m) holders.set(g.policy.id, (m = new Map()));
      m.set(key, guards);
    }
  }
  return { denies, holders };
}

const within = (small: Set<string>, big: Set<string> | undefined) => [...small].every((x) => big?.has(x) === true);

/**
 * Why a finding on `policyId` is new access even when the same finding existed in the base, or undefined when
 * every head holder held it in the base under guards at least as strong (base boundaries and Deny statements still
 * there, trust statements a subset of the base's).
 */
export function newAccessReason(policyId: string, head: HolderView, base: HolderView): string | undefined {
  const ownHead = head.denies.get(policyId);
  const ownBase = base.denies.get(policyId);
  if (ownHead && ownBase && !within(ownBase, ownHead)) return 'a Deny statement of this policy was removed';
  const hb = base.holders.get(policyId);
  for (const [key, g] of head.holders.get(policyId) ?? []) {
    const name = key.slice(key.indexOf('\u0000') + 1);
    const b = hb?.get(key);
    if (!b) return `${name} now holds this policy`;
    if (!within(b.boundaries, g.boundaries)) return `the permissions boundary of ${name} was removed`;
    if (!within(b.denies, g.denies)) return `a Deny statement that applied to ${name} was removed`;
    if (!within(g.trust, b.trust)) return `the trust policy of ${name} changed`;
  }
  return undefined;
}
