import type { PolicyRecord } from '../../policy/types.js';
import type { Rule } from './types.js';
import { policyStatements } from '../../policy/statements.js';
import { stmtLabel } from '../least-privilege/analysis.js';
import { grantIndex, judgeConditions, unrestricted } from '../../engine/grants.js';
import { awsPrincipals } from '../least-privilege/principals.js';
import { escalationPaths } from './privilege-escalation.js';
import { fullAccessOf } from './admin-wildcard.js';

/** Why the role's permission policies make it privileged, or undefined. */
export function privilegeReason(policies: PolicyRecord[], account?: string): string | undefined {
  if (!policies.length) return undefined;
  const idx = grantIndex(policies, { keys: ['iam:CreatePolicyVersion', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:CreateUser', 'organizations:LeaveOrganization'] }, account);
  const full = [...idx.byAction.values()].flat().filter(unrestricted);
  for (const p of policies) {
    for (const s of policyStatements(p)) {
      const full = fullAccessOf(s, p);
      if (full) return `it ${full.what}`;
    }
  }
  const { hits } = escalationPaths(policies, account);
  if (hits.length) return `it can escalate privileges (${hits.slice(0, 3).map((h) => h.method.name).join(', ')}${hits.length > 3 ? ', ...' : ''})`;
  if (full.length) return `it allows ${full[0]!.action} on every resource`;
  return undefined;
}

export const trustPrivilegedWithoutMfa: Rule = {
  meta: {
    id: 'trust-privileged-without-mfa',
    title: 'Privileged role assumable by IAM users without MFA',
    severity: 'security-warning',
    category: 'trust',
    description:
      'A role whose permissions are administrator-level or allow privilege escalation, and whose trust policy lets IAM users (a user ARN or an account root, which delegates to every user of the account) assume it, should require multi-factor authentication. Otherwise a leaked access key of any such user becomes administrator access.',
    fix: 'Add "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}} (or "NumericLessThan": {"aws:MultiFactorAuthAge": "3600"}) to the trust statement, or trust a specific role (an SSO permission set) instead of users or the account root.',
    policyTypes: ['trust'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] },
    },
  },
  checkPrincipal({ principal, policies, granting, options, report }) {
    if (principal.kind !== 'role') return;
    // attached by the extractor, or grouped with the role by the runner (same resource)
    const trust = policies.filter((p) => p.policyType === 'trust');
    if (!trust.length) return;
    // what the role may do is judged only when its trust lets users in without MFA (the costly part, last)
    let why: string | undefined | null = null;
    for (const t of trust) {
      for (const s of policyStatements(t)) {
        if (s.effect !== 'Allow') continue;
        const users = awsPrincipals(s).filter((p) => p.kind === 'user' || p.kind === 'root');
        if (!users.length) continue;
        const mfa = judgeConditions(s, undefined, (k) => /^aws:multifactorauth(present|age)$/i.test(k)).narrowing.filter(
          (c) => !/^Bool$/i.test(c.operator) || c.values.every((v) => String(v.value).toLowerCase() === 'true'),
        );
        if (mfa.length) continue;
        if (why === null) why = privilegeReason(granting.map((g) => g.policy), options.account);
        if (!why) return;
        report({
          policy: t,
          path: users[0]!.at.path,
          message: `Role ${principal.id} is privileged (${why}) and ${stmtLabel(s)} of its trust policy lets ${users.map((u) => u.at.value).join(', ')} assume it without MFA.`,
        });
      }
    }
  },
};
