/**
 * No false alarms: realistic, correct policies of every kind must get no finding from any validation rule.
 */
import { describe, expect, it } from 'vitest';
import { rules } from '../../src/checks/rules/index.js';
import { policyFindings } from '../helpers/rule-tester.js';
import type { PolicyType } from '../../src/policy/types.js';

const validation = rules.filter((r) => r.meta.category === 'validation');

const clean: { name: string; policyType: PolicyType; doc: object }[] = [
  {
    name: 'S3 bucket policy: CloudFront OAC read, TLS-only, org-only writes',
    policyType: 'resource',
    doc: {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'AllowCloudFront', Effect: 'Allow', Principal: { Service: 'cloudfront.amazonaws.com' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::site-assets/*', Condition: { StringEquals: { 'AWS:SourceArn': 'arn:aws:cloudfront::111122223333:distribution/E1ABCDEF2GHIJ' } } },
        { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::site-assets', 'arn:aws:s3:::site-assets/*'], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        { Sid: 'OrgWrites', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['s3:PutObject', 's3:PutObjectAcl'], Resource: 'arn:aws:s3:::site-assets/uploads/*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5', 's3:x-amz-acl': 'bucket-owner-full-control' } } },
        { Sid: 'ListForAccount', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 's3:ListBucket', Resource: 'arn:aws:s3:::site-assets', Condition: { StringLike: { 's3:prefix': ['reports/*', ''] } } },
      ],
    },
  },
  {
    name: 'KMS key policy',
    policyType: 'resource',
    doc: {
      Version: '2012-10-17',
      Id: 'key-default-1',
      Statement: [
        { Sid: 'EnableRoot', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' },
        { Sid: 'AllowCloudTrail', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'kms:GenerateDataKey*', Resource: '*', Condition: { StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:111122223333:trail/*' }, StringEquals: { 'aws:SourceArn': 'arn:aws:cloudtrail:us-east-1:111122223333:trail/main' } } },
        { Sid: 'AllowViaS3', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: '*', Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com', 'kms:CallerAccount': '111122223333' } } },
        { Sid: 'Grants', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/app' }, Action: 'kms:CreateGrant', Resource: '*', Condition: { Bool: { 'kms:GrantIsForAWSResource': true } } },
      ],
    },
  },
  {
    name: 'GitHub Actions OIDC trust policy',
    policyType: 'trust',
    doc: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
            StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:acme/deploy:ref:refs/heads/main' },
          },
        },
        { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:role/ci' }, Action: ['sts:AssumeRole', 'sts:TagSession'], Condition: { StringEquals: { 'sts:ExternalId': 'a1b2c3' } } },
        { Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com', 'states.amazonaws.com'] }, Action: 'sts:AssumeRole' },
      ],
    },
  },
  {
    name: 'Lambda execution role policy',
    policyType: 'identity',
    doc: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/orders:*' },
        { Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query'], Resource: ['arn:aws:dynamodb:us-east-1:111122223333:table/orders', 'arn:aws:dynamodb:us-east-1:111122223333:table/orders/index/*'] },
        { Effect: 'Allow', Action: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'], Resource: 'arn:aws:sqs:us-east-1:111122223333:orders' },
        { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:orders/db-*' },
        { Effect: 'Allow', Action: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterface'], Resource: '*' },
        { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/orders-worker', Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } } },
        { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::orders-exports/${aws:PrincipalTag/team}/*' },
        { Effect: 'Allow', Action: 'ec2:RunInstances', Resource: 'arn:aws:ec2:*:111122223333:instance/*', Condition: { StringEquals: { 'aws:RequestTag/team': 'orders', 'ec2:InstanceType': ['t3.micro', 't3.small'] }, 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'Name'] }, Null: { 'aws:TagKeys': 'false' } } },
      ],
    },
  },
  {
    name: 'SCP guardrails',
    policyType: 'scp',
    doc: {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'DenyLeaveOrg', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' },
        { Sid: 'DenyOutsideRegions', Effect: 'Deny', NotAction: ['iam:*', 'sts:*', 'organizations:*', 'cloudfront:*', 'route53:*', 'support:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] }, ArnNotLike: { 'aws:PrincipalARN': 'arn:aws:iam::*:role/OrgAdmin' } } },
        { Sid: 'ProtectTrail', Effect: 'Deny', Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail'], Resource: 'arn:aws:cloudtrail:*:*:trail/org-trail' },
        { Sid: 'RequireIMDSv2', Effect: 'Deny', Action: 'ec2:RunInstances', Resource: 'arn:aws:ec2:*:*:instance/*', Condition: { StringNotEquals: { 'ec2:MetadataHttpTokens': 'required' } } },
        { Sid: 'MfaForDeletes', Effect: 'Deny', Action: ['s3:DeleteBucket', 'dynamodb:DeleteTable'], Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } },
      ],
    },
  },
  {
    name: 'legacy 2008 policy without variables',
    policyType: 'resource',
    doc: { Version: '2008-10-17', Statement: [{ Sid: 'SNS', Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'SNS:Publish', Resource: 'arn:aws:sns:us-east-1:111122223333:uploads', Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:*:*:uploads-bucket' }, StringEquals: { 'aws:SourceAccount': '111122223333' } } }] },
  },
];

describe('validation rules raise no false alarms on correct policies', () => {
  it(`covers ${validation.length} validation rules`, () => {
    expect(validation.length).toBeGreaterThan(40);
  });
  for (const c of clean) {
    it(c.name, () => {
      const found = validation.flatMap((r) => policyFindings(r, { code: c.doc, policyType: c.policyType }));
      expect(found.map((f) => `${f.ruleId} line ${f.line}: ${f.message}`)).toEqual([]);
    });
  }
});
