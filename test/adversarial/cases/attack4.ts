/**
 * Fourth red-team round (session 4): template tokens, names that type a raw file, LZA layouts. Every dangerous case
 * here passed before its fix; the controls keep the fixes from blocking what AWS documents.
 */
import type { ScanCase } from './types.js';
import { doc, json } from './docs.js';

type C = ScanCase;
const raw = (id: string, cls: C['cls'], description: string, files: Record<string, string>, expect: C['expect'] = 'not-pass'): C => ({
  id, cls, format: 'raw-json', description, expect, files,
});
const ADMIN_ALL = json(doc({ Effect: 'Allow', Action: '*', Resource: '*' }));
const lzaConfig = (attached: string) => `policySets:
  - policies:
      - name: Admin
        policy: iam-policies/admin.json
roleSets:
  - roles:
      - name: Bounded
        boundaryPolicy: Admin
${attached}`;

export const ATTACK4_CASES: ScanCase[] = [
  raw('a4-token-whole-action', '4-unknown', 'Action is a ${...} token on every resource: it could be "*"', { 'iam/policy.json': json(doc({ Effect: 'Allow', Action: '${ACTION}', Resource: '*' })) }),
  raw('a4-token-in-action', '4-unknown', 'iam:${X} on every resource: any IAM action', { 'iam/policy.json': json(doc({ Effect: 'Allow', Action: ['s3:GetObject', 'iam:${X}'], Resource: '*' })) }),
  raw('a4-token-lza-lookup-action', '4-unknown', 'an LZA lookup as the Action list', { 'iam/policy.json': json(doc({ Effect: 'Allow', Action: '${ACCEL_LOOKUP::ACTIONS}', Resource: '*' })) }),
  raw('a4-token-trust-principal', '4-unknown', 'a trust policy whose AWS principal is a ${...} token: it could be anyone', { 'iam/trust-policy.json': json(doc({ Effect: 'Allow', Principal: { AWS: '${P}' }, Action: 'sts:AssumeRole' })) }),
  raw('a4-token-bucket-principal', '4-unknown', 'a bucket policy granting s3:* to a ${...} principal', { 'iam/bucket-policy.json': json(doc({ Effect: 'Allow', Principal: { AWS: ['${P}'] }, Action: 's3:*', Resource: 'arn:aws:s3:::acme-data/*' })) }),
  {
    id: 'a4-token-cfn-action', cls: '4-unknown', format: 'cfn', description: 'CloudFormation managed policy whose Action is an LZA lookup', expect: 'not-pass',
    files: { 'cfn/stack.yaml': "Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n          - Effect: Allow\n            Action: '${ACCEL_LOOKUP::ACTIONS}'\n            Resource: '*'\n" },
  },
  raw('a4-boundary-by-name', '6-holder', 'Allow * renamed admin-boundary.json: a boundary only by its name (the PR chooses it)', { 'iam/admin-boundary.json': ADMIN_ALL }),
  raw('a4-lza-boundary-also-attached', '6-holder', 'LZA: Allow * named as a boundaryPolicy and also attached as customerManaged to another role', {
    'iam-policies/admin.json': ADMIN_ALL,
    'iam-config.yaml': lzaConfig('  - roles:\n      - name: Admins\n        policies:\n          customerManaged: [Admin]\n'),
  }),
  raw('a4-lza-boundary-attached-to-group', '6-holder', 'LZA: the boundary policy attached to a group in groupSets', {
    'iam-policies/admin.json': ADMIN_ALL,
    'iam-config.yaml': `${lzaConfig('')}groupSets:\n  - groups:\n      - name: Ops\n        policies:\n          customerManaged: [Admin]\n`,
  }),
  // controls
  raw('a4-control-token-in-resource', '4-unknown', 'control: a token naming the bucket in Resource only', { 'iam/policy.json': json(doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::${BUCKET_NAME}/*' })) }, 'pass'),
  raw('a4-control-lza-boundary-by-use', '6-holder', 'control: LZA boundary by use only (a ceiling, judged by what it fails to deny: a warning)', {
    'iam-policies/admin.json': ADMIN_ALL,
    'iam-config.yaml': lzaConfig(''),
  }, 'pass'),
];
