import type { Rule } from './types.js';
import { accessLevelFor } from '../least-privilege/analysis.js';
import { checkActionSet } from '../least-privilege/action-set.js';

export const writeOnAllResources: Rule = {
  meta: {
    id: 'write-on-all-resources',
    title: 'Write access on every resource (Resource "*")',
    severity: 'warning',
    category: 'least-privilege',
    description:
      'Write and tagging actions on "Resource": "*" let the principal change or delete every resource of that kind in the account, not only the ones the workload owns. Actions that only accept "*" (for example xray:PutTraceSegments, kms:CreateKey) are not reported: there is nothing narrower to write. Permissions-management actions are reported by resource-exposure and iam:PassRole by passrole-unrestricted.',
    fix: 'Scope "Resource" to the ARNs the workload writes to (for example "arn:aws:dynamodb:us-east-1:111122223333:table/orders"), or add a condition that really narrows the request such as aws:ResourceTag/<key>, aws:ResourceAccount or a service condition key.',
    policyTypes: ['identity'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['dynamodb:PutItem', 'dynamodb:DeleteItem'], Resource: '*' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['dynamodb:PutItem', 'dynamodb:DeleteItem'], Resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/orders' }] },
    },
  },
  checkPolicy(ctx) {
    checkActionSet(
      writeOnAllResources.meta,
      {
        what: 'grants write access',
        skipWildcardOnly: true,
        matches: (a, at) => {
          if (a === 'iam:PassRole') return false; // passrole-unrestricted
          const lvl = accessLevelFor(a, at);
          return lvl === 'Write' || lvl === 'Tagging';
        },
      },
      ctx,
    );
  },
};
