/**
 * The decisive statements of AWS managed policies that grant administrator-equivalent access, copied from their
 * published documents (default versions, 2026; only policies whose documents are known exactly are listed). The account-practice rule judges these documents with the same
 * analysis as any other policy (admin wildcard, privilege-escalation paths), so a policy is listed here because of
 * what it allows, never because of its name. Policies whose documents are fine (ReadOnlyAccess, SecurityAudit,
 * ViewOnlyAccess, ...) are simply absent: an unknown AWS managed policy is not judged.
 */
export const AWS_MANAGED_POLICY_DOCUMENTS: Record<string, unknown> = {
  AdministratorAccess: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
  IAMFullAccess: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['iam:*', 'organizations:DescribeAccount', 'organizations:DescribeOrganization', 'organizations:DescribeOrganizationalUnit', 'organizations:DescribePolicy', 'organizations:ListChildren', 'organizations:ListParents', 'organizations:ListPoliciesForTarget', 'organizations:ListRoots', 'organizations:ListPolicies', 'organizations:ListTargetsForPolicy'], Resource: '*' }],
  },
  PowerUserAccess: {
    Version: '2012-10-17',
    Statement: [
      { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
      { Effect: 'Allow', Action: ['iam:CreateServiceLinkedRole', 'iam:DeleteServiceLinkedRole', 'iam:ListRoles', 'organizations:DescribeOrganization', 'account:ListRegions', 'account:GetAccountInformation'], Resource: '*' },
    ],
  },
};

/** The AWS managed policy name of an ARN (`arn:aws:iam::aws:policy/job-function/ViewOnlyAccess` -> `job-function/ViewOnlyAccess`). */
export function awsManagedPolicyName(arn: string): string | undefined {
  const m = /^arn:[^:]+:iam::aws:policy\/(?:service-role\/)?(.+)$/.exec(arn);
  return m ? m[1] : undefined;
}
