import { describe, expect, it } from 'vitest';
import { ruleTester, policyFindings } from '../helpers/rule-tester.js';
import { policySizeExceedsIdentityPolicyQuota } from '../../src/checks/rules/policy-size-exceeds-identity-policy-quota.js';
import { policySizeExceedsRoleTrustPolicyQuota } from '../../src/checks/rules/policy-size-exceeds-role-trust-policy-quota.js';
import { policySizeExceedsScpQuota } from '../../src/checks/rules/policy-size-exceeds-scp-quota.js';
import { policySizeExceedsRcpQuota } from '../../src/checks/rules/policy-size-exceeds-rcp-quota.js';
import { inlinePoliciesSizeExceedsQuota } from '../../src/checks/rules/inline-policies-size-exceeds-quota.js';
import { runRules } from '../../src/checks/rules/run.js';
import { rawExtractor } from '../../src/extract/raw.js';
import { defaultOptions } from '../../src/config/options.js';
import type { PolicyRecord } from '../../src/policy/types.js';
import { rcpUnsupportedService } from '../../src/checks/rules/rcp-unsupported-service.js';

/** A policy with `n` statements of distinct bucket ARNs, pretty-printed (whitespace does not count for IAM). */
function bigPolicy(n: number, extra: Record<string, unknown> = {}): object {
  return {
    Version: '2012-10-17',
    Statement: Array.from({ length: n }, (_, i) => ({ Sid: `S${i}`, Effect: 'Deny', Action: 's3:*', Resource: `arn:aws:s3:::bucket-number-${i}/*`, ...extra })),
  };
}
const size = (doc: object): number => JSON.stringify(doc).length;

describe('size fixtures', () => {
  it('are on the intended sides of the quotas', () => {
    expect(size(bigPolicy(60))).toBeLessThan(6144);
    expect(size(bigPolicy(90))).toBeGreaterThan(6144);
    expect(size(bigPolicy(50))).toBeLessThan(5120);
    expect(size(bigPolicy(75))).toBeGreaterThan(5120);
  });
});

ruleTester(policySizeExceedsIdentityPolicyQuota, {
  valid: [{ code: bigPolicy(60) }],
  invalid: [{ name: 'raw file: a warning (its home is not known)', code: bigPolicy(90), errors: [{ line: 1, message: /^If used as a customer managed policy: the policy has \d,\d{3} characters without whitespace/, severity: 'warning' }] }],
});
ruleTester(policySizeExceedsScpQuota, {
  valid: [{ code: bigPolicy(50), policyType: 'scp' }, { name: 'identity policies are not SCPs', code: bigPolicy(75) }],
  invalid: [{ code: bigPolicy(75), policyType: 'scp', errors: [{ line: 1, message: 'over the 5,120-character maximum for SCPs', severity: 'error' }] }],
});
ruleTester(policySizeExceedsRcpQuota, {
  valid: [{ code: bigPolicy(50), policyType: 'rcp' }],
  invalid: [{ code: bigPolicy(75), policyType: 'rcp', errors: [{ line: 1, message: 'RCPs' }] }],
});
const trust = (n: number) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: Array.from({ length: n }, (_, i) => `arn:aws:iam::${String(111122223333 + i)}:role/deployer`) }, Action: 'sts:AssumeRole' }],
});
ruleTester(policySizeExceedsRoleTrustPolicyQuota, {
  valid: [{ code: trust(40), policyType: 'trust' }],
  invalid: [{ code: trust(60), policyType: 'trust', errors: [{ line: 1, message: 'default 2,048-character quota', severity: 'warning' }] }],
});

describe('inline-policies-size-exceeds-quota', () => {
  function records(docs: object[], attachedTo: PolicyRecord['attachedTo']): PolicyRecord[] {
    const options = defaultOptions('/repo');
    return docs.map((doc, i) => {
      const res = rawExtractor.extract({
        file: `p${i}.json`, repoPath: `p${i}.json`, displayPath: (p) => p, text: JSON.stringify(doc, null, 2), options, explicit: true,
        readRepoFile: () => { throw new Error('no reads'); },
      }) as { policies: PolicyRecord[] };
      return res.policies.map((p) => ({ ...p, attachedTo }))[0]!;
    });
  }
  const run = (ps: PolicyRecord[]) => runRules([inlinePoliciesSizeExceedsQuota], { policies: ps, entities: [], options: defaultOptions('/repo') });

  it('adds up the inline policies of a user against 2,048 characters and reports on the largest', () => {
    const ps = records([bigPolicy(12), bigPolicy(20)], [{ kind: 'user', id: 'Deployer', via: 'inline' }]);
    const found = run(ps);
    expect(found.map((f) => [f.file, f.line])).toEqual([['p1.json', 1]]);
    expect(found[0]!.message).toMatch(/^The 2 inline policies of user Deployer total 2,\d{3} characters without whitespace, over the 2,048-character maximum/);
  });
  it('allows the same policies on a role (10,240) and ignores managed attachments', () => {
    expect(run(records([bigPolicy(12), bigPolicy(20)], [{ kind: 'role', id: 'App', via: 'inline' }]))).toEqual([]);
    expect(run(records([bigPolicy(12), bigPolicy(20)], [{ kind: 'user', id: 'Deployer', via: 'managed' }]))).toEqual([]);
  });
  it('uses the group quota of 5,120', () => {
    expect(run(records([bigPolicy(40), bigPolicy(40)], [{ kind: 'group', id: 'Devs', via: 'inline' }]))).toHaveLength(1);
    expect(run(records([bigPolicy(20), bigPolicy(20)], [{ kind: 'group', id: 'Devs', via: 'inline' }]))).toEqual([]);
  });
  it('keeps policyFindings usable for single records', () => {
    expect(policyFindings(inlinePoliciesSizeExceedsQuota, { code: bigPolicy(30) })).toEqual([]);
  });
});

ruleTester(rcpUnsupportedService, {
  valid: [
    { code: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: ['s3:*', 'kms:Decrypt', 'sts:AssumeRole', 'sqs:*', 'secretsmanager:GetSecretValue', '*'], Resource: '*' }] }, policyType: 'rcp' },
    { name: 'SCPs may name any service', code: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'ec2:*', Resource: '*' }] }, policyType: 'scp' },
  ],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Deny",
      "Principal": "*",
      "Action": [
        "s3:*",
        "ec2:TerminateInstances",
        "ec2:StopInstances"
      ],
      "Resource": "*"
    }
  ]
}`,
      policyType: 'rcp',
      errors: [{ line: 9, message: '"ec2:TerminateInstances" and 1 more ec2: action belong to ec2, which resource control policies do not cover' }],
    },
  ],
});
