import type { PolicyRecord } from '../../policy/types.js';
import type { Rule } from './types.js';
import { engineContext } from '../../engine/context.js';
import { MapSourceMap, lineSpan } from '../../policy/source-map.js';
import { listProp } from '../least-privilege/entities.js';
import { AWS_MANAGED_POLICY_DOCUMENTS, awsManagedPolicyName } from '../least-privilege/aws-managed-policies.js';
import { privilegeReason } from './trust-privileged-without-mfa.js';

/** Why an AWS managed policy is admin-equivalent, judged on its document; undefined when it is not (or unknown). */
export function managedPolicyVerdict(name: string): string | undefined {
  const verdicts = engineContext().slot('rules/aws-managed-admin-policy verdicts', () => new Map<string, string | undefined>());
  if (verdicts.has(name)) return verdicts.get(name);
  const document = AWS_MANAGED_POLICY_DOCUMENTS[name];
  let why: string | undefined;
  if (document) {
    const file = `aws-managed:${name}`;
    const rec: PolicyRecord = {
      id: file, file, line: 1, endLine: 1, format: 'raw', resource: name, resourceType: 'AWS::IAM::ManagedPolicy', propertyPath: '',
      policyType: 'identity', document, sourceMap: new MapSourceMap(lineSpan(file, 1)), placeholders: [], attachedTo: [],
    };
    why = privilegeReason([rec]);
  }
  verdicts.set(name, why);
  return why;
}

export const awsManagedAdminPolicy: Rule = {
  meta: {
    id: 'aws-managed-admin-policy',
    title: 'AWS managed policy with administrator-equivalent access attached',
    severity: 'security-warning',
    category: 'account',
    description:
      'Some AWS managed policies amount to full administrator access: AdministratorAccess allows everything, IAMFullAccess can grant itself anything, PowerUserAccess allows every non-IAM action including code execution under existing roles. The gate judges the policies by their documents (every action, or a privilege-escalation path), not by their names, and reports where they are attached to users, groups, roles or permission sets.',
    fix: 'Attach a customer managed policy with the actions the principal needs instead, or for human administrators use a dedicated role or IAM Identity Center permission set that requires MFA and is not used by workloads.',
    examples: {
      bad: { Resources: { AppRole: { Type: 'AWS::IAM::Role', Properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] } } } },
      good: { Resources: { AppRole: { Type: 'AWS::IAM::Role', Properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'] } } } },
    },
  },
  checkEntity({ entity, report }) {
    const arns = listProp(entity, 'ManagedPolicyArns', 'managed_policy_arns', 'policy_arn', 'policy_arns', 'PolicyArn', 'managed_policy_arn', 'ManagedPolicyArn', 'ManagedPolicies');
    for (const a of arns) {
      if (typeof a.value !== 'string') continue;
      const name = awsManagedPolicyName(a.value);
      if (!name) continue;
      const why = managedPolicyVerdict(name);
      if (!why) continue;
      report({
        path: a.path,
        subject: name,
        message: `${entity.resource} attaches the AWS managed policy ${name}, which is administrator-equivalent: ${why}.`,
      });
    }
  },
};
