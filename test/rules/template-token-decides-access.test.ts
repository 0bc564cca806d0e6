/** A template token deciding an Allow's actions or a whole principal blocks (attack round of session 4: these passed). */
import { describe, expect, it } from 'vitest';
import { templateTokenDecidesAccess } from '../../src/checks/rules/template-token-decides-access.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { defaultOptions } from '../../src/config/options.js';
import { runGate } from '../../src/gate.js';
import { tmpRepo } from '../helpers/tmp-repo.js';

const doc = (stmt: object) => JSON.stringify({ Version: '2012-10-17', Statement: [stmt] }, null, 2);

ruleTester(templateTokenDecidesAccess, {
  valid: [
    { name: 'tokens only in Resource', code: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::${BUCKET_NAME}/*' }) },
    { name: 'a token inside an account ARN names one account', policyType: 'trust', code: doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::${ACCOUNT_ID}:root' }, Action: 'sts:AssumeRole' }) },
    { name: 'a policy variable is not a token', code: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::home/${aws:username}/*' }) },
    { name: 'a token in a Deny decides nothing it grants', code: doc({ Effect: 'Deny', Action: '${DENIED}', Resource: '*' }) },
  ],
  invalid: [
    { name: 'the whole Action', code: doc({ Effect: 'Allow', Action: '${ACTION}', Resource: '*' }), errors: [{ line: 6, message: /the Action "\$\{ACTION\}" holds the template token/ }] },
    { name: 'inside an action', code: doc({ Effect: 'Allow', Action: ['s3:GetObject', 'iam:${X}'], Resource: '*' }), errors: [{ line: 8, message: /iam:\$\{X\}/ }] },
    { name: 'an LZA lookup in NotAction', code: doc({ Effect: 'Allow', NotAction: '${ACCEL_LOOKUP::X}', Resource: '*' }), errors: [{ line: 6, message: /NotAction/ }] },
    { name: 'a whole AWS principal', policyType: 'resource', code: doc({ Effect: 'Allow', Principal: { AWS: '${P}' }, Action: 's3:*', Resource: 'arn:aws:s3:::b/*' }), errors: [{ line: 7, message: /AWS principal "\$\{P\}" is a template token/ }] },
  ],
});

describe('through the gate: dangerous tokens no longer pass', () => {
  const gate = async (files: Record<string, string>) => {
    const root = tmpRepo(files);
    return runGate(['.'], { ...defaultOptions(root), cwd: root, accessAnalyzer: 'off' });
  };
  for (const [name, file, text] of [
    ['raw Action token', 'policy.json', doc({ Effect: 'Allow', Action: '${ACTION}', Resource: '*' })],
    ['trust principal token', 'trust-policy.json', doc({ Effect: 'Allow', Principal: { AWS: '${P}' }, Action: 'sts:AssumeRole' })],
    ['bucket principal token', 'bucket-policy.json', doc({ Effect: 'Allow', Principal: { AWS: '${P}' }, Action: 's3:*', Resource: 'arn:aws:s3:::b/*' })],
    ['CloudFormation managed policy', 'template.yaml', 'Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Action: "${ACCEL_LOOKUP::ACTIONS}"\n            Resource: "*"\n'],
  ] as const) {
    it(`${name}: fails`, async () => {
      const g = await gate({ [file]: text });
      expect(g.verdict.status).toBe('fail');
      expect(g.findings.some((f) => f.ruleId === 'template-token-decides-access')).toBe(true);
    });
  }
});
