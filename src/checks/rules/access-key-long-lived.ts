import type { Rule } from './types.js';
import { ownerUser, prop } from '../least-privilege/entities.js';

export const accessKeyLongLived: Rule = {
  meta: {
    id: 'access-key-long-lived',
    title: 'Long-lived IAM access key created in code',
    severity: 'warning',
    category: 'account',
    description:
      'An IAM access key (AWS::IAM::AccessKey, aws_iam_access_key) is a permanent credential: it does not expire, its secret ends up in stack outputs or Terraform state, and it is the most common source of leaked AWS credentials. Workloads should use roles (instance profiles, task roles, IRSA, OIDC federation for CI) that hand out temporary credentials.',
    fix: 'Remove the access key and give the workload a role instead: an EC2 instance profile, an ECS task role, an EKS service-account role, or GitHub Actions OIDC (aws-actions/configure-aws-credentials with role-to-assume). If a key is unavoidable, create it outside IaC, store it in Secrets Manager and rotate it.',
    examples: {
      bad: { Resources: { DeployKey: { Type: 'AWS::IAM::AccessKey', Properties: { UserName: 'deployer' } } } },
      good: { Resources: { DeployRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] } } } } },
    },
  },
  checkEntity({ entity, report }) {
    if (entity.kind !== 'access-key') return;
    const status = prop(entity, 'Status', 'status');
    const inactive = typeof status?.value === 'string' && status.value.toLowerCase() === 'inactive';
    const user = ownerUser(entity);
    report({
      path: '',
      message: `${entity.resource} creates a long-lived access key${user ? ` for IAM user ${user}` : ''}${inactive ? ' (inactive for now)' : ''}; use a role with temporary credentials instead.`,
      severity: inactive ? 'suggestion' : undefined,
    });
  },
};
