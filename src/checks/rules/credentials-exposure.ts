import type { Rule } from './types.js';
import { canonicalKeys, checkActionSet } from '../least-privilege/action-set.js';
import { CREDENTIAL_ACTIONS, lowerSet } from '../least-privilege/risk-data.js';

const SET = lowerSet(CREDENTIAL_ACTIONS);

export const credentialsExposure: Rule = {
  meta: {
    id: 'credentials-exposure',
    title: 'Actions that return credentials allowed on every resource',
    severity: 'warning',
    category: 'least-privilege',
    description:
      'Some actions return credentials, tokens or passwords (iam:CreateAccessKey, sts:AssumeRole, redshift:GetClusterCredentials, ec2:GetPasswordData, ...). Allowed on every resource, they let the principal mint credentials for other users, roles and databases. The list is cloudsplaining\'s 45 credential-returning actions, with its "gamelist" typo fixed.',
    fix: 'Scope "Resource" to the specific users, roles, clusters or instances (for example "arn:aws:iam::111122223333:role/deploy"), or remove the action if the workload does not need to obtain credentials. Actions that only accept "*" (ecr:GetAuthorizationToken, sts:GetSessionToken) are not reported: they return credentials for the caller itself.',
    policyTypes: ['identity'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:CreateAccessKey', 'sts:AssumeRole'], Resource: '*' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::111122223333:role/deploy' }] },
    },
  },
  checkPolicy(ctx) {
    checkActionSet(
      credentialsExposure.meta,
      { keys: canonicalKeys(CREDENTIAL_ACTIONS), what: 'can obtain credentials', matches: (a) => SET.has(a.toLowerCase()), skipWildcardOnly: true },
      ctx,
    );
  },
};
