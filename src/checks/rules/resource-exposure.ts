import type { Rule } from './types.js';
import { accessLevelFor } from '../least-privilege/analysis.js';
import { checkActionSet } from '../least-privilege/action-set.js';
import { ACCESS_ATTRIBUTE_ACTIONS, lowerSet } from '../least-privilege/risk-data.js';

const ACCESS_ATTRIBUTES = lowerSet(ACCESS_ATTRIBUTE_ACTIONS);
/** The first characters of ACCESS_ATTRIBUTES (lower case, character codes). */
const ATTRIBUTE_FIRST = new Set([...ACCESS_ATTRIBUTES].map((a) => a.charCodeAt(0)));
/**
 * False only when `ACCESS_ATTRIBUTES.has(a.toLowerCase())` is false: an ASCII first character lower-cases on its own
 * to one ASCII character, which must be one the set's texts start with; any other text is left to the full test.
 */
function mayBeAttributeAction(a: string): boolean {
  const c = a.charCodeAt(0);
  if (!(c < 128)) return true;
  return ATTRIBUTE_FIRST.has(c >= 65 && c <= 90 ? c + 32 : c);
}
/**
 * Filed under permissions management by the catalogue, but they change no one's access to data: ENI permissions let
 * an AWS service attach to a network interface in the caller's subnets (AWS's own ECS, Lambda-in-VPC and Amazon MQ
 * policies grant them on every resource); a stack policy only protects stack resources from updates.
 */
const NOT_ACCESS = lowerSet(['ec2:CreateNetworkInterfacePermission', 'ec2:DeleteNetworkInterfacePermission', 'cloudformation:SetStackPolicy']);

export const resourceExposure: Rule = {
  meta: {
    id: 'resource-exposure',
    title: 'Permissions-management actions on every resource',
    severity: 'security-warning',
    category: 'least-privilege',
    description:
      'Permissions-management actions (iam:PutRolePolicy, s3:PutBucketPolicy, kms:PutKeyPolicy, lambda:AddPermission, ...) change who may access a resource; so do actions that change an attribute access is decided on (kms:CreateAlias, kms:DeleteAlias, kms:TagResource: KMS key policies allow by alias and tag). On "Resource": "*" the principal can grant itself or anyone outside the account access to every such resource: a route to privilege escalation and to public exposure of data.',
    fix: 'Scope "Resource" to the resources whose policies the workload must manage, or narrow with a condition such as aws:ResourceTag/<key> or iam:PermissionsBoundary; better, manage permissions through infrastructure as code instead of granting these actions to workloads.',
    policyTypes: ['identity'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:PutBucketPolicy', 'iam:PutRolePolicy'], Resource: '*' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutBucketPolicy', Resource: 'arn:aws:s3:::app-logs' }] },
    },
  },
  checkPolicy(ctx) {
    checkActionSet(
      resourceExposure.meta,
      { what: 'can change permissions', skipWildcardOnly: true, // Describe*/Get*/List* actions the catalogue files under permissions management only read them
        // ... and actions that change an attribute access is decided on (KMS aliases and tags: ABAC)
        matches: (a, at) => {
          const managesPermissions = accessLevelFor(a, at) === 'Permissions management';
          // (`Action: "*"` asks this of every catalogue action: no lower-case copy of those that can match neither way)
          if (!managesPermissions && !mayBeAttributeAction(a)) return false;
          const lower = a.toLowerCase();
          return (managesPermissions && !/:(Describe|Get|List)/.test(a) && !NOT_ACCESS.has(lower)) || ACCESS_ATTRIBUTES.has(lower);
        } },
      ctx,
    );
  },
};
