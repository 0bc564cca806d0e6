import type { Rule } from './types.js';
import { statementLabel, strings } from '../../policy/statements.js';

export const adminWildcard: Rule = {
  meta: {
    id: 'admin-wildcard',
    title: 'Full administrator access (Action "*" on Resource "*")',
    severity: 'error',
    category: 'least-privilege',
    description:
      'Allowing every action on every resource makes the principal an administrator of the account: it can read all data, change any policy (including its own), disable logging and delete anything. Least privilege means granting only the actions the workload calls, on the resources it uses. If an administrator role is truly needed, give it a narrow trust policy with MFA and keep it out of workload templates.',
    fix: 'Replace "Action": "*" with the specific actions the workload needs (IAM Access Analyzer policy generation or CloudTrail history shows them) and scope "Resource" to the ARNs it uses. For human administrators use the AWS managed AdministratorAccess policy on a dedicated role that requires MFA.',
    policyTypes: ['identity'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/orders' }] },
    },
  },
  checkPolicy({ statements, report }) {
    for (const s of statements) {
      if (s.effect !== 'Allow' || !s.action) continue;
      const star = strings(s.action).find((a) => a.value === '*' || a.value === '*:*');
      if (!star) continue;
      const allResources = strings(s.resource).some((r) => r.value === '*') || s.notResource !== undefined;
      if (!allResources) continue;
      const conds = (s.condition ?? []).map((c) => `${c.operator} ${c.key}`);
      const scope = s.notResource ? 'every resource except those in NotResource' : 'every resource';
      report({
        path: star.path,
        message: `${statementLabel(s)} allows every action on ${scope}: full administrator access.${conds.length ? ` Its condition (${conds.join(', ')}) limits when, not what.` : ''}`,
        details: conds.length ? { conditions: conds } : undefined,
      });
    }
  },
};
