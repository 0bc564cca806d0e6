import type { Rule } from './types.js';
import { conditionNote, judgePrincipalConditions, settingOf, stmtLabel } from '../lp/analysis.js';
import { cap } from '../lp/action-set.js';
import { awsPrincipals, isExternalAccount, principalValues } from '../lp/principals.js';

export const resourcePolicyExposure: Rule = {
  meta: {
    id: 'resource-policy-exposure',
    title: 'Resource policy open to the public, other accounts or confused deputies',
    severity: 'error',
    category: 'resource-exposure',
    description:
      'A resource policy (bucket, queue, topic, key, function, repository, secret ...) that allows "Principal": "*" makes the resource public unless a condition restricts the caller (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, aws:SourceVpce, aws:SourceIp, ...). Principals of accounts outside the allowlist get access too, and a service principal without aws:SourceArn/aws:SourceAccount can be used by the service on behalf of any other account (confused deputy).',
    fix: 'Name the principals that need access, or keep "Principal": "*" and add a restricting condition: "StringEquals": {"aws:PrincipalOrgID": "o-abc123def4"} for your organisation, "aws:SourceVpce" for private access, or "aws:SourceArn"/"aws:SourceAccount" for a service principal.',
    policyTypes: ['resource'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs' }] },
      good: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs', Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:events' } } }],
      },
    },
  },
  checkPolicy({ statements, policy, options, report }) {
    for (const s of statements) {
      if (s.effect !== 'Allow') continue;
      const j = judgePrincipalConditions(s, settingOf(policy, options.account, awsPrincipals(s).some((p) => p.kind === 'any')));
      const narrowed = j.narrowing.length > 0;
      for (const p of awsPrincipals(s)) {
        if (p.kind === 'any') {
          report({
            path: p.at.path,
            subject: '*',
            message: `${cap(stmtLabel(s))} allows any principal${narrowed ? '' : ': the resource is public'}.${conditionNote(j)}`,
            severity: narrowed ? 'suggestion' : undefined,
          });
        } else if (isExternalAccount(p.account, options.account, options.trustedAccounts) && !narrowed) {
          report({
            path: p.at.path,
            subject: p.account,
            message: `${cap(stmtLabel(s))} grants access to account ${p.account}, which is not in trustedAccounts.${conditionNote(j)}`,
            severity: 'warning',
          });
        }
      }
      if (!narrowed) {
        for (const svc of principalValues(s, 'Service')) {
          report({
            path: svc.path,
            subject: svc.value,
            message: `${cap(stmtLabel(s))} allows the service principal ${svc.value} without aws:SourceArn or aws:SourceAccount: any account's ${svc.value.split('.')[0]} resources could use this grant (confused deputy).${conditionNote(j)}`,
            severity: 'warning',
          });
        }
      }
    }
  },
};
