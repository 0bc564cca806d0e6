import type { Rule } from './types.js';
import { listProp } from '../least-privilege/entities.js';

export const userDirectPolicy: Rule = {
  meta: {
    id: 'user-direct-policy',
    title: 'Policy attached directly to an IAM user',
    severity: 'suggestion',
    category: 'account',
    description:
      'Permissions given to individual users (inline policies, managed policy attachments) are hard to review and tend to linger after people change roles. Granting through groups (or, better, roles assumed through SSO) keeps one place per job function (CIS AWS Foundations 1.15, checkov CKV_AWS_40).',
    fix: 'Create an IAM group for the job function, attach the policy to the group and add the user to it (AWS::IAM::Group + Groups on the user, or aws_iam_group_policy_attachment + aws_iam_user_group_membership). Prefer IAM Identity Center permission sets for people.',
    examples: {
      bad: { Resources: { Alice: { Type: 'AWS::IAM::User', Properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'] } } } },
      good: { Resources: { Readers: { Type: 'AWS::IAM::Group', Properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess'] } }, Alice: { Type: 'AWS::IAM::User', Properties: { Groups: [{ Ref: 'Readers' }] } } } },
    },
  },
  // inline policies of a user (and policies that name the user themselves, such as AWS::IAM::ManagedPolicy Users)
  checkPrincipal({ principal, granting, report }) {
    if (principal.kind !== 'user') return;
    for (const { policy: p, via, group } of granting) {
      if (group !== undefined) continue;
      const a = { via };
      // managed attachments made by attachment resources are reported on the attachment (checkEntity)
      if (a.via === 'managed' && !/ManagedPolicy$/.test(p.resourceType)) continue;
      report({
        policy: p,
        path: '',
        subject: principal.id,
        message: `${a.via === 'inline' ? 'Inline policy' : 'Policy'} ${p.name ?? p.resource} is attached directly to IAM user ${principal.id}; attach it to a group instead.`,
      });
    }
  },
  // managed policy ARNs on the user, and attachment resources naming users
  checkEntity({ entity, report }) {
    if (entity.kind === 'user') {
      for (const arn of listProp(entity, 'ManagedPolicyArns', 'managed_policy_arns')) {
        report({
          path: arn.path,
          subject: String(arn.value),
          message: `Managed policy ${typeof arn.value === 'string' ? arn.value : JSON.stringify(arn.value)} is attached directly to IAM user ${entity.resource}; attach it to a group instead.`,
        });
      }
    } else if (entity.kind === 'managed-policy-attachment') {
      for (const u of listProp(entity, 'user', 'users', 'Users')) {
        const name = typeof u.value === 'string' ? u.value : JSON.stringify(u.value);
        report({ path: u.path, subject: name, message: `${entity.resource} attaches a policy directly to IAM user ${name}; attach it to a group instead.` });
      }
    }
  },
};
