import { describe, expect, it } from 'vitest';
import { ruleTester } from '../../helpers/rule-tester.js';
import { resourcePolicyExposure } from '../../../src/checks/rules/resource-policy-exposure.js';
import { s3InsecureTransport } from '../../../src/checks/rules/s3-insecure-transport.js';
import { kmsKeyAdminNonRoot } from '../../../src/checks/rules/kms-key-admin-non-root.js';
import { serviceWildcard } from '../../../src/checks/rules/service-wildcard.js';
import { writeOnAllResources } from '../../../src/checks/rules/write-on-all-resources.js';
import { policyFindings } from '../../helpers/rule-tester.js';

const doc = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });
const R = 'resource' as const;

const keyPolicy = doc(
  { Sid: 'Root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'kms:*', Resource: '*' },
  { Sid: 'Use', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/app' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*' },
);

ruleTester(resourcePolicyExposure, {
  valid: [
    { name: 'own role', policyType: R, code: doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/app' }, Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:123456789012:jobs' }) },
    {
      name: 'service principal with SourceArn',
      policyType: R,
      code: doc({ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:123456789012:jobs', Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:events' } } }),
    },
    { name: 'deny everyone', policyType: R, code: doc({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: 'arn:aws:s3:::b/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }) },
  ],
  invalid: [
    {
      name: 'public, foreign account, confused deputy',
      policyType: R,
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": "*",
      "Action": "sqs:SendMessage",
      "Resource": "arn:aws:sqs:us-east-1:123456789012:jobs"
    },
    {
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::999988887777:role/partner" },
      "Action": "sqs:ReceiveMessage",
      "Resource": "arn:aws:sqs:us-east-1:123456789012:jobs"
    },
    {
      "Effect": "Allow",
      "Principal": { "Service": "events.amazonaws.com" },
      "Action": "sqs:SendMessage",
      "Resource": "arn:aws:sqs:us-east-1:123456789012:jobs",
      "Condition": { "StringEqualsIfExists": { "aws:SourceAccount": "123456789012" } }
    }
  ]
}`,
      errors: [
        { line: 6, message: 'allows any principal: the resource is public', severity: 'error' },
        { line: 12, message: 'grants access to account 999988887777', severity: 'warning' },
        { line: 18, message: /events\.amazonaws\.com without aws:SourceArn or aws:SourceAccount.*IfExists passes/, severity: 'warning' },
      ],
    },
    {
      name: 'public but restricted to a VPC endpoint (suggestion naming it)',
      policyType: R,
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": "*",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::intranet/*",
      "Condition": { "StringEquals": { "aws:SourceVpce": "vpce-1a2b3c4d" } }
    }
  ]
}`,
      errors: [{ line: 6, message: 'Condition taken into account: StringEquals aws:SourceVpce = vpce-1a2b3c4d', severity: 'suggestion' }],
    },
  ],
});

ruleTester(s3InsecureTransport, {
  valid: [
    {
      name: 'denies non-TLS',
      policyType: R,
      code: doc(
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/app' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::data/*' },
        { Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::data', 'arn:aws:s3:::data/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ),
    },
    { name: 'not a bucket policy', policyType: R, code: doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:role/app' }, Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:123456789012:q' }) },
  ],
  invalid: [
    {
      name: 'deny only for GetObject is not enough',
      policyType: R,
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Deny",
      "Principal": "*",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::data/*",
      "Condition": { "Bool": { "aws:SecureTransport": "false" } }
    }
  ]
}`,
      errors: [{ line: 3, message: 'no Deny statement for requests without TLS' }],
    },
  ],
});

ruleTester(kmsKeyAdminNonRoot, {
  valid: [{ name: 'standard key policy', policyType: R, code: keyPolicy }],
  invalid: [
    {
      policyType: R,
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::123456789012:role/app" },
      "Action": "kms:*",
      "Resource": "*"
    }
  ]
}`,
      errors: [{ line: 7, message: 'grants kms:* to arn:aws:iam::123456789012:role/app', severity: 'security-warning' }],
    },
  ],
});

describe('a key policy\'s Resource "*" means this key', () => {
  it('no wildcard findings on the standard key policy', () => {
    expect(policyFindings(serviceWildcard, { code: keyPolicy, policyType: R })).toEqual([]);
    expect(policyFindings(writeOnAllResources, { code: keyPolicy, policyType: R })).toEqual([]);
  });
});
