import type { Rule } from './types.js';
import { canonicalKeys, checkActionSet } from '../least-privilege/action-set.js';
import { INFRASTRUCTURE_ACTIONS, lowerSet } from '../least-privilege/risk-data.js';

const SET = lowerSet(INFRASTRUCTURE_ACTIONS);

export const infrastructureModification: Rule = {
  meta: {
    id: 'infrastructure-modification',
    title: 'Network perimeter or data-copy changes on every resource',
    severity: 'warning',
    category: 'least-privilege',
    description:
      'Opening security groups, changing routes, peering VPCs, sharing or copying EBS/RDS snapshots, changing DNS records or function URLs on "Resource": "*" lets the principal move the network perimeter or copy data out of reach of the account\'s controls, for every resource in the account.',
    fix: 'Scope "Resource" to the security groups, route tables, snapshots or zones the workload manages (for example "arn:aws:ec2:us-east-1:111122223333:security-group/sg-0abc"), or narrow with aws:ResourceTag/<key> or ec2:Vpc conditions.',
    policyTypes: ['identity'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['ec2:AuthorizeSecurityGroupIngress', 'rds:ModifyDBSnapshotAttribute'], Resource: '*' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:AuthorizeSecurityGroupIngress', Resource: 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-0123456789abcdef0' }] },
    },
  },
  checkPolicy(ctx) {
    checkActionSet(
      infrastructureModification.meta,
      { keys: canonicalKeys(INFRASTRUCTURE_ACTIONS), what: 'can change the network perimeter or copy data', matches: (a) => SET.has(a.toLowerCase()) },
      ctx,
    );
  },
};
