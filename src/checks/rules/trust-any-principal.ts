import type { Rule } from './types.js';
import { conditionNote, stmtLabel } from '../least-privilege/analysis.js';
import { judgePrincipalConditions, settingOf } from '../../engine/grants.js';
import { policyDenies } from '../../engine/denies.js';
import { cap } from '../least-privilege/action-set.js';
import { awsPrincipals } from '../least-privilege/principals.js';

export const trustAnyPrincipal: Rule = {
  meta: {
    id: 'trust-any-principal',
    title: 'Role assumable by any AWS principal',
    severity: 'error',
    category: 'trust',
    description:
      'A trust policy with "Principal": "*" or {"AWS": "*"} lets any IAM user or role in any AWS account assume the role, unless a condition restricts who (aws:PrincipalOrgID, aws:PrincipalArn, aws:SourceAccount, sts:ExternalId, ...). Conditions such as aws:SecureTransport or an IfExists operator do not restrict who.',
    fix: 'Name the trusted principals ("Principal": {"AWS": "arn:aws:iam::111122223333:role/ci"}) or, for an organisation-wide role, add "Condition": {"StringEquals": {"aws:PrincipalOrgID": "o-abc123def4"}}.',
    policyTypes: ['trust'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123def4' } } }] },
    },
  },
  checkPolicy({ statements, policy, options, report }) {
    for (const s of statements) {
      if (s.effect !== 'Allow') continue;
      const any = awsPrincipals(s).find((p) => p.kind === 'any');
      if (!any) continue;
      const j = judgePrincipalConditions(s, settingOf(policy, options.account, awsPrincipals(s).some((p) => p.kind === 'any')), policyDenies(policy, statements), policy);
      if (j.cancelledBy || j.neverApplies) continue; // a Deny of the same policy takes the whole statement away, or it can never apply
      report({
        path: any.at.path,
        message: `${cap(stmtLabel(s))} lets any AWS principal in any account assume the role${j.narrowing.length ? '' : ' (no condition restricts who)'}.${conditionNote(j)}`,
        severity: j.narrowing.length ? 'suggestion' : undefined,
      });
    }
  },
};
