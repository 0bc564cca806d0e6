/**
 * Resource-constrained self-modification: a principal allowed `iam:CreatePolicyVersion` on a pattern that matches a
 * customer managed policy attached to the principal itself (`policy/team-*` while it holds `policy/team-deploy`) can
 * write a new default version of that policy granting anything. The generic escalation catalogue only sees
 * CreatePolicyVersion on every policy; this finds the scoped grant that still reaches the principal's own policy.
 */
import type { PolicyRecord } from '../../policy/types.js';
import type { PrincipalPolicy } from '../../policy/principals.js';
import { strings } from '../../policy/statements.js';
import { globMatch, globsIntersect } from '../../engine/wildcard.js';
import { grantIndex, type ActionGrant } from '../../engine/grants.js';

/** Actions that replace what a managed policy grants (a new version set as default). */
const VERSION_ACTIONS = ['iam:CreatePolicyVersion'];

export interface SelfModification {
  grant: ActionGrant;
  /** The principal's own managed policy the grant reaches, and the Resource value that reaches it. */
  target: PolicyRecord;
  arn: string;
  resource: string;
}

/**
 * The ARN of a customer managed policy record whose name the IaC gives (`ManagedPolicyName`, `name`); a generated
 * name (stack-LogicalId-random) is not guessed, so such a policy is not matched (a grant on every policy still is).
 */
function policyArn(p: PolicyRecord, account: string, partition: string): string | undefined {
  return p.name && /^[\w+=,.@-]{1,128}$/.test(p.name) ? `arn:${partition}:iam::${account}:policy/${p.name}` : undefined;
}

/**
 * The grants of iam:CreatePolicyVersion, among the principal's policies, whose Resource matches a customer managed
 * policy attached to the principal (unconditioned grants only; a grant on every policy is the generic path's).
 */
export function selfModifications(granting: PrincipalPolicy[], account: string, partition: string): SelfModification[] {
  const own = granting.filter((g) => g.via === 'managed' && !g.policy.awsManaged && g.policy.policyType === 'identity').map((g) => g.policy);
  if (!own.length) return [];
  const policies = [...new Set(granting.map((g) => g.policy))];
  const idx = grantIndex(policies, { keys: VERSION_ACTIONS }, account);
  const out: SelfModification[] = [];
  for (const grants of idx.byAction.values()) {
    for (const g of grants) {
      if (g.scope !== 'some' || g.narrowing.length) continue;
      for (const target of own) {
        const arn = policyArn(target, account, partition);
        if (!arn) continue;
        // `${aws:username}` and other policy variables in the pattern stand for any text (their worst case)
        const hit = strings(g.stmt.resource).find((r) => (r.value.includes('${') ? globsIntersect(r.value, arn) === true : globMatch(r.value, arn)));
        if (hit) {
          out.push({ grant: g, target, arn, resource: hit.value });
          break;
        }
      }
    }
  }
  return out;
}
