import type { Rule } from './types.js';
import { conditionNote, stmtLabel } from '../least-privilege/analysis.js';
import { judgePrincipalConditions, settingOf } from '../../engine/grants.js';
import { policyDenies } from '../../engine/denies.js';
import { cap } from '../least-privilege/action-set.js';
import { awsPrincipals, isAccountToken, ownAccounts } from '../least-privilege/principals.js';

export const trustCrossAccount: Rule = {
  meta: {
    id: 'trust-cross-account',
    title: 'Role assumable from an account that is not on the allowlist',
    severity: 'warning',
    category: 'trust',
    // security-warning when the config names the user's accounts (then an account outside them is someone else's)
    description:
      'The trust policy lets principals of another AWS account assume the role, and that account is neither the deployment account nor listed in the configuration\'s trustedAccounts. Whoever controls that account can act with this role\'s permissions. Allowlisting known accounts makes any new cross-account trust a reviewed decision.',
    fix: 'If the account is yours or a known partner, add it to "trustedAccounts" in .github/iam-policy-gate.yml. Otherwise remove it, name a specific role instead of the account root, and require a condition such as aws:PrincipalOrgID or sts:ExternalId.',
    policyTypes: ['trust'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'sts:AssumeRole' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/ci-deployer' }, Action: 'sts:AssumeRole' }] },
    },
  },
  checkPolicy({ statements, policy, options, report }) {
    const own = ownAccounts(options);
    for (const s of statements) {
      if (s.effect !== 'Allow') continue;
      const external = awsPrincipals(s).filter((p) => p.account !== '*' && !own.accounts.has(p.account));
      if (!external.length) continue;
      const j = judgePrincipalConditions(s, settingOf(policy, options.account, awsPrincipals(s).some((p) => p.kind === 'any')), policyDenies(policy, statements), policy);
      if (j.cancelledBy || j.neverApplies) continue; // a Deny of the same policy takes the whole statement away, or it can never apply
      for (const p of external) {
        report({
          path: p.at.path,
          subject: p.account,
          message: isAccountToken(p.account)
            ? `${cap(stmtLabel(s))} trusts ${p.kind === 'root' ? 'every principal of' : `${p.at.value} in`} the account the template token ${p.account} stands for: the gate cannot know whether it is yours (it is filled in at deployment).${conditionNote(j)}`
            : `${cap(stmtLabel(s))} trusts ${p.kind === 'root' ? 'every principal of' : `${p.at.value} in`} account ${p.account}, which is ${own.told ? 'not one of your accounts (trustedAccounts, the organisation model)' : 'not in trustedAccounts (the config does not say which accounts are yours)'}.${conditionNote(j)}`,
          severity: j.narrowing.length ? 'suggestion' : own.told && !isAccountToken(p.account) ? 'security-warning' : undefined,
        });
      }
    }
  },
};
