import type { Rule } from './types.js';
import { strings } from '../../policy/statements.js';
import { actionMatches } from '../../engine/actions.js';
import { resourceKind } from '../least-privilege/resource-kind.js';
import { derivedFromAcl } from '../../policy/canned-acl.js';

export const s3InsecureTransport: Rule = {
  meta: {
    id: 's3-insecure-transport',
    title: 'S3 bucket policy does not deny unencrypted (non-TLS) requests',
    severity: 'warning',
    category: 'resource-exposure',
    description:
      'S3 accepts plain HTTP requests unless the bucket policy denies them. A Deny statement on aws:SecureTransport = false (for every principal and all s3 actions, on the bucket and its objects) makes sure data is only read and written over TLS, as required by most compliance frameworks (AWS Foundational Security Best Practices S3.5).',
    fix: 'Add {"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": ["arn:aws:s3:::BUCKET", "arn:aws:s3:::BUCKET/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}} to the bucket policy.',
    policyTypes: ['resource'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/app' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::app-data/*' }] },
      good: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/app' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::app-data/*' },
          { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::app-data', 'arn:aws:s3:::app-data/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        ],
      },
    },
  },
  checkPolicy({ policy, statements, report }) {
    // a public ACL written as a policy: the bucket's own policy (if any) is a separate record
    if (resourceKind(policy) !== 's3-bucket' || derivedFromAcl(policy)) return;
    const denies = statements.some((s) => {
      if (s.effect !== 'Deny') return false;
      if (!strings(s.action).some((a) => actionMatches(a.value, 's3:GetObject') && actionMatches(a.value, 's3:PutObject'))) return false;
      return (s.condition ?? []).some(
        (c) =>
          (/^Bool(IfExists)?$/i.test(c.operator) && c.key.toLowerCase() === 'aws:securetransport' && c.values.some((v) => String(v.value).toLowerCase() === 'false')) ||
          (/^NumericLessThan$/i.test(c.operator) && c.key.toLowerCase() === 's3:tlsversion'),
      );
    });
    if (denies) return;
    report({
      path: statements.length ? '/Statement' : '',
      message: 'The bucket policy has no Deny statement for requests without TLS (Bool aws:SecureTransport "false" on s3:*), so plain-HTTP access is allowed.',
    });
  },
};
