import { describe, expect, it } from 'vitest';
import { ruleTester } from '../../helpers/rule-tester.js';
import { record } from '../../helpers/records.js';
import { trustAnyPrincipal } from '../../../src/checks/rules/trust-any-principal.js';
import { trustCrossAccount } from '../../../src/checks/rules/trust-cross-account.js';
import { trustMissingExternalId } from '../../../src/checks/rules/trust-missing-external-id.js';
import { trustGithubOidc } from '../../../src/checks/rules/trust-github-oidc.js';
import { trustFederatedAudience } from '../../../src/checks/rules/trust-federated-audience.js';
import { trustPrivilegedWithoutMfa } from '../../../src/checks/rules/trust-privileged-without-mfa.js';
import { runRules } from '../../../src/checks/rules/run.js';
import { defaultOptions } from '../../../src/config/options.js';

const trust = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });
const T = 'trust' as const;
const GH = 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com';

ruleTester(trustAnyPrincipal, {
  valid: [
    { name: 'service principal', policyType: T, code: trust({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }) },
    { name: 'deny any', policyType: T, code: trust({ Effect: 'Deny', Principal: '*', Action: 'sts:AssumeRole' }) },
  ],
  invalid: [
    {
      name: 'AWS * without condition; * with PrincipalOrgID is a suggestion naming the condition',
      policyType: T,
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "AWS": "*" },
      "Action": "sts:AssumeRole",
      "Condition": { "Bool": { "aws:SecureTransport": "true" } }
    },
    {
      "Effect": "Allow",
      "Principal": "*",
      "Action": "sts:AssumeRole",
      "Condition": { "StringEquals": { "aws:PrincipalOrgID": "o-abc123def4" } }
    }
  ]
}`,
      errors: [
        { line: 6, message: /any AWS principal in any account assume the role \(no condition restricts who\)\. Its condition does not narrow/, severity: 'error' },
        { line: 12, message: 'Condition taken into account: StringEquals aws:PrincipalOrgID = o-abc123def4', severity: 'suggestion' },
      ],
    },
  ],
});

ruleTester(trustCrossAccount, {
  valid: [
    { name: 'own account', policyType: T, code: trust({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/ci' }, Action: 'sts:AssumeRole' }) },
  ],
  invalid: [
    {
      policyType: T,
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {
        "AWS": [
          "arn:aws:iam::123456789012:role/ci",
          "444455556666"
        ]
      },
      "Action": "sts:AssumeRole"
    }
  ]
}`,
      errors: [{ line: 9, message: 'trusts every principal of account 444455556666, which is not in trustedAccounts' }],
    },
  ],
});

describe('trust-cross-account allowlist', () => {
  it('accounts in trustedAccounts are not reported', () => {
    const options = defaultOptions('/repo');
    options.trustedAccounts = ['444455556666'];
    const r = record('trust.json', trust({ Effect: 'Allow', Principal: { AWS: '444455556666' }, Action: 'sts:AssumeRole' }), { type: 'trust', options });
    expect(runRules([trustCrossAccount, trustMissingExternalId], { policies: [r], entities: [], options })).toEqual([]);
  });
});

ruleTester(trustMissingExternalId, {
  valid: [
    {
      name: 'with ExternalId',
      policyType: T,
      code: trust({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::464622532012:root' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': 'c2f1a9e0' } } }),
    },
    { name: 'a named role of another account is not a vendor root', policyType: T, code: trust({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::464622532012:role/x' }, Action: 'sts:AssumeRole' }) },
  ],
  invalid: [
    {
      name: 'IfExists ExternalId does not count',
      policyType: T,
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::464622532012:root" },
      "Action": "sts:AssumeRole",
      "Condition": { "StringEqualsIfExists": { "sts:ExternalId": "c2f1a9e0" } }
    }
  ]
}`,
      errors: [{ line: 6, message: 'trusts account 464622532012 without an sts:ExternalId condition (StringEqualsIfExists sts:ExternalId does not count' }],
    },
  ],
});

ruleTester(trustGithubOidc, {
  valid: [
    {
      name: 'exact sub and aud',
      policyType: T,
      code: trust({
        Effect: 'Allow', Principal: { Federated: GH }, Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:acme/web:ref:refs/heads/main' } },
      }),
    },
    {
      name: 'StringLike with a wildcard after the repository',
      policyType: T,
      code: trust({
        Effect: 'Allow', Principal: { Federated: GH }, Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/web:*' } },
      }),
    },
  ],
  invalid: [
    {
      name: 'no sub and no aud',
      policyType: T,
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {
        "Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
      },
      "Action": "sts:AssumeRoleWithWebIdentity"
    }
  ]
}`,
      errors: [
        { line: 7, message: 'workflows of any repository assume the role', severity: 'error' },
        { line: 7, message: 'without a "token.actions.githubusercontent.com:aud" condition', severity: 'warning' },
      ],
    },
    {
      name: 'repo:* and org-wide wildcard',
      policyType: T,
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "Federated": "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" },
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": {
        "StringEquals": { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com" },
        "StringLike": {
          "token.actions.githubusercontent.com:sub": [
            "repo:*",
            "repo:acme/*"
          ]
        }
      }
    }
  ]
}`,
      errors: [
        { line: 12, message: '"repo:*" matches repositories of every owner', severity: 'error' },
        { line: 13, message: '"repo:acme/*" matches every repository of acme', severity: 'security-warning' },
      ],
    },
  ],
});

ruleTester(trustFederatedAudience, {
  valid: [
    {
      name: 'SAML with audience',
      policyType: T,
      code: trust({ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::123456789012:saml-provider/Okta' }, Action: 'sts:AssumeRoleWithSAML', Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } } }),
    },
    {
      name: 'EKS IRSA pinned by service account',
      policyType: T,
      code: trust({
        Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC123' }, Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'oidc.eks.us-east-1.amazonaws.com/id/ABC123:sub': 'system:serviceaccount:kube-system:ebs-csi' } },
      }),
    },
  ],
  invalid: [
    {
      policyType: T,
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "Federated": "cognito-identity.amazonaws.com" },
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": { "ForAnyValue:StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" } }
    }
  ]
}`,
      // amr ("authenticated") is true for every user of every identity pool: not an audience, and blocking
      errors: [{ line: 6, message: 'trusts cognito-identity.amazonaws.com without a condition on cognito-identity.amazonaws.com:aud', severity: 'error' }],
    },
    {
      name: 'Google web identity without aud blocks',
      policyType: T,
      code: trust({ Effect: 'Allow', Principal: { Federated: 'accounts.google.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }),
      errors: [{ line: 7, message: 'trusts accounts.google.com without a condition on accounts.google.com:aud or accounts.google.com:oaud', severity: 'error' }],
    },
    {
      name: 'any OIDC provider without aud blocks',
      policyType: T,
      code: trust({ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/login.example.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'login.example.com:amr': 'authenticated' } } }),
      errors: [{ line: 7, message: 'without a condition on login.example.com:aud', severity: 'error' }],
    },
    {
      name: 'SAML provider of the own account without SAML:aud is a warning',
      policyType: T,
      code: trust({ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::123456789012:saml-provider/Okta' }, Action: 'sts:AssumeRoleWithSAML' }),
      errors: [{ line: 7, message: 'without a condition on saml:aud', severity: 'warning' }],
    },
  ],
});

describe('trust-privileged-without-mfa (per role)', () => {
  const role = { kind: 'role' as const, id: 'AdminRole', via: 'inline' as const };
  const trustText = (cond: string) => `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::123456789012:root" },
      "Action": "sts:AssumeRole"${cond}
    }
  ]
}`;
  const admin = () => record('admin.json', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, { type: 'identity', attachedTo: [role] });
  it('reports the trust principal of an administrator role without MFA', () => {
    const t = record('trust.json', trustText(''), { type: 'trust', attachedTo: [role] });
    const f = runRules([trustPrivilegedWithoutMfa], { policies: [admin(), t], entities: [], options: defaultOptions('/repo') });
    expect(f.map((x) => [x.file, x.line])).toEqual([['trust.json', 6]]);
    expect(f[0]!.message).toContain('Role AdminRole is privileged (it allows every action)');
  });
  it('MFA condition satisfies it; a read-only role is not privileged', () => {
    const t = record('trust.json', trustText(',\n      "Condition": { "Bool": { "aws:MultiFactorAuthPresent": "true" } }'), { type: 'trust', attachedTo: [role] });
    expect(runRules([trustPrivilegedWithoutMfa], { policies: [admin(), t], entities: [], options: defaultOptions('/repo') })).toEqual([]);
    const ro = record('ro.json', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 'iam:List*'], Resource: '*' }] }, { type: 'identity', attachedTo: [role] });
    const t2 = record('trust.json', trustText(''), { type: 'trust', attachedTo: [role] });
    expect(runRules([trustPrivilegedWithoutMfa], { policies: [ro, t2], entities: [], options: defaultOptions('/repo') })).toEqual([]);
  });
});

describe('trust policy found through its role when the extractor does not attach it', () => {
  it('an unattached trust record of the same resource is judged with the role\'s policies', () => {
    const role = { kind: 'role' as const, id: 'DeployRole', via: 'inline' as const };
    const identity = record('template.json', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:PassRole', 'ec2:RunInstances'], Resource: '*' }] }, { type: 'identity', attachedTo: [role], resource: 'DeployRole' });
    const t = record('template.json', `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::123456789012:user/ci" },
      "Action": "sts:AssumeRole"
    }
  ]
}`, { type: 'trust', resource: 'DeployRole' });
    const other = record('template.json', `{ "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Principal": { "AWS": "arn:aws:iam::123456789012:root" }, "Action": "sts:AssumeRole" }] }`, { type: 'trust', resource: 'OtherRole' });
    const f = runRules([trustPrivilegedWithoutMfa], { policies: [identity, t, other], entities: [], options: defaultOptions('/repo') });
    expect(f.map((x) => [x.line, x.message])).toEqual([
      [6, 'Role DeployRole is privileged (it can escalate privileges (CreateEC2WithExistingIP)) and statement 0 of its trust policy lets arn:aws:iam::123456789012:user/ci assume it without MFA.'],
    ]);
  });
});
