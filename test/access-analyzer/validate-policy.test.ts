import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeAccessAnalyzer } from '../fakes/access-analyzer-server.js';
import { fakeFinding } from '../fakes/access-analyzer-server.js';
import { embeddedRecord, lines, rawRecords, runAa, startFake, testOptions } from './helpers.js';
import { MAX_POLICY_CHARS } from '../../src/checks/access-analyzer/analyze.js';

let fake: FakeAccessAnalyzer;
beforeAll(async () => {
  fake = await startFake();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.resetLog();
  fake.validate = undefined;
  fake.settings.pageSize = undefined;
});

const identity = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Read",
      "Effect": "Allow",
      "Action": [
        "s3:GetObject",
        "s3GetBucket"
      ],
      "Resource": "arn:aws:s3:::logs/*"
    },
    {
      "Sid": "Pass",
      "Effect": "Allow",
      "Action": "iam:PassRole",
      "Resource": [
        "arn:aws:iam::123456789012:role/app",
        "*"
      ]
    }
  ]
}
`;


describe('ValidatePolicy', () => {
  it('maps each finding through its path to the exact line of the raw JSON file', async () => {
    const options = testOptions({ checkAccessNotGranted: false, checkNoNewAccess: false, checkNoPublicAccess: false });
    const r = await runAa(fake, rawRecords({ 'policies/app.json': identity }, options), options);
    expect(r.errors).toEqual([]);
    expect(lines(r.findings)).toEqual(['policies/app.json:19 PASS_ROLE_WITH_STAR_IN_RESOURCE (security-warning)', 'policies/app.json:9 INVALID_ACTION (error)']);
    const pass = r.findings.find((f) => f.ruleId === 'PASS_ROLE_WITH_STAR_IN_RESOURCE')!;
    expect(pass).toMatchObject({
      source: 'access-analyzer',
      path: '/Statement/1/Resource/1',
      learnMore: expect.stringContaining('#access-analyzer-reference-policy-checks-security-warning-pass-role-with-star-in-resource'),
      details: { issueCode: 'PASS_ROLE_WITH_STAR_IN_RESOURCE', findingType: 'SECURITY_WARNING', findingDetails: expect.stringContaining('iam:PassRole') },
    });
    expect(pass.message).toContain('iam:PassRole');
    expect(fake.calls('ValidatePolicy')).toHaveLength(1);
    expect(fake.calls('ValidatePolicy')[0]!.body).toEqual({ policyDocument: JSON.stringify(JSON.parse(identity)), policyType: 'IDENTITY_POLICY' });
  });

  it('sends the policyType and validatePolicyResourceType for each kind of record', async () => {
    const options = testOptions({ checkAccessNotGranted: false, checkNoNewAccess: false, checkNoPublicAccess: false });
    const doc = (extra: object) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', ...extra }] }, null, 2);
    const trust = rawRecords({ 'trust.json': doc({ Principal: { Service: 'ec2.amazonaws.com' } }) }, options, 'trust');
    const scp = rawRecords({ 'scp.json': doc({ Resource: '*', Sid: 'a' }) }, options, 'scp');
    const rcp = rawRecords({ 'rcp.json': doc({ Resource: '*', Sid: 'b', Principal: '*' }) }, options, 'rcp');
    const bucket = rawRecords({ 'bucket.json': doc({ Resource: 'arn:aws:s3:::b/*', Principal: { AWS: 'arn:aws:iam::123456789012:root' } }) }, options, 'resource');
    bucket[0]!.validateResourceType = 'AWS::S3::Bucket';
    const queue = rawRecords({ 'queue.json': doc({ Resource: 'arn:aws:sqs:us-east-1:123456789012:q', Sid: 'q', Principal: { AWS: 'arn:aws:iam::123456789012:root' } }) }, options, 'resource');
    queue[0]!.validateResourceType = 'AWS::SQS::Queue'; // not a ValidatePolicy resource type: generic checks
    const boundary = rawRecords({ 'boundary.json': doc({ Resource: '*', Sid: 'c' }) }, options, 'boundary');
    const r = await runAa(fake, [...trust, ...scp, ...rcp, ...bucket, ...queue, ...boundary], options);
    expect(r.errors).toEqual([]);
    const sent = fake.calls('ValidatePolicy').map((c) => `${c.body.policyType} ${c.body.validatePolicyResourceType ?? '-'}`).sort();
    expect(sent).toEqual([
      'IDENTITY_POLICY -',
      'RESOURCE_CONTROL_POLICY -',
      'RESOURCE_POLICY -',
      'RESOURCE_POLICY AWS::IAM::AssumeRolePolicyDocument',
      'RESOURCE_POLICY AWS::S3::Bucket',
      'SERVICE_CONTROL_POLICY -',
    ]);
  });

  it('follows pagination through nextToken/maxResults in the query string', async () => {
    fake.settings.pageSize = 2;
    fake.validate = () => [1, 2, 3, 4, 5].map((i) => fakeFinding(`CODE_${i}`, 'SUGGESTION', `finding ${i}`, [{ value: 'Statement' }, { index: 0 }]));
    const options = testOptions({ checkAccessNotGranted: false, checkNoNewAccess: false, checkNoPublicAccess: false });
    const r = await runAa(fake, rawRecords({ 'p.json': identity }, options), options);
    expect(r.findings.map((f) => f.ruleId)).toEqual(['CODE_1', 'CODE_2', 'CODE_3', 'CODE_4', 'CODE_5']);
    expect(r.findings.every((f) => f.line === 4)).toBe(true);
    expect(fake.calls('ValidatePolicy').map((c) => c.query.nextToken ?? '')).toEqual(['', expect.stringMatching(/^p2-/), expect.stringMatching(/^p4-/)]);
    expect(r.stats.calls.ValidatePolicy).toBe(3);
  });

  it('accepts key, value, index and substring path elements, and a single statement written without brackets', async () => {
    fake.validate = () => [
      fakeFinding('K', 'WARNING', 'key element', [{ key: 'Statement' }, { index: 0 }, { key: 'Condition' }, { key: 'StringLike' }]),
      fakeFinding('V', 'WARNING', 'value inside a list', [{ value: 'Statement' }, { index: 0 }, { value: 'Action' }, { value: 'ec2:RunInstances' }]),
      fakeFinding('S', 'SUGGESTION', 'substring', [{ value: 'Statement' }, { index: 0 }, { value: 'Resource' }, { substring: { start: 4, length: 3 } }]),
      fakeFinding('NONE', 'WARNING', 'no path'),
    ];
    const text = `{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Allow",
    "Action": [
      "ec2:DescribeInstances",
      "ec2:RunInstances"
    ],
    "Resource": "arn:aws:ec2:*:*:instance/*",
    "Condition": {
      "StringLike": { "aws:RequestTag/team": "*" }
    }
  }
}`;
    const options = testOptions({ checkAccessNotGranted: false, checkNoNewAccess: false, checkNoPublicAccess: false });
    const r = await runAa(fake, rawRecords({ 'one.json': text }, options), options);
    expect(r.findings.map((f) => `${f.ruleId}:${f.line}:${f.path}`)).toEqual([
      'NONE:1:',
      'V:7:/Statement/Action/1',
      'S:9:/Statement/Resource',
      'K:11:/Statement/Condition/StringLike',
    ]);
  });

  it('sends the configured locale', async () => {
    const options = testOptions({ locale: 'JA', checkAccessNotGranted: false, checkNoNewAccess: false, checkNoPublicAccess: false });
    await runAa(fake, rawRecords({ 'p.json': identity }, options), options);
    expect(fake.calls('ValidatePolicy')[0]!.body.locale).toBe('JA');
  });

  it('maps findings to the lines of a CloudFormation YAML template and a Terraform JSON file', async () => {
    const yaml = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: app
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action:
                  - iam:PassRole
                Resource: '*'
`;
    const tf = `{
  "resource": {
    "aws_iam_policy": {
      "app": {
        "name": "app",
        "policy": {
          "Version": "2012-10-17",
          "Statement": [
            {
              "Effect": "Allow",
              "Action": "iam:PassRole",
              "Resource": "*"
            }
          ]
        }
      }
    }
  }
}
`;
    const cfn = embeddedRecord('template.yaml', yaml, '/Resources/AppRole/Properties/Policies/0/PolicyDocument');
    const tfr = embeddedRecord('main.tf.json', tf, '/resource/aws_iam_policy/app/policy', { format: 'terraform-json', resourceType: 'aws_iam_policy' });
    const options = testOptions({ checkAccessNotGranted: false, checkNoNewAccess: false, checkNoPublicAccess: false });
    const r = await runAa(fake, [cfn, tfr], options);
    expect(lines(r.findings)).toEqual([
      'main.tf.json:12 PASS_ROLE_WITH_STAR_IN_RESOURCE (security-warning)',
      'template.yaml:15 MISSING_VERSION (warning)',
      'template.yaml:19 PASS_ROLE_WITH_STAR_IN_RESOURCE (security-warning)',
    ]);
  });

  it('marks a finding caused only by a placeholder stand-in, and does not let it block', async () => {
    const text = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "BUCKET_ARN_PLACEHOLDER"
    }
  ]
}`;
    const options = testOptions({ checkAccessNotGranted: false, checkNoNewAccess: false, checkNoPublicAccess: false });
    const [rec] = rawRecords({ 'p.json': text }, options);
    rec!.placeholders = [{ path: '/Statement/0/Resource', expression: '!GetAtt Logs.Arn', standIn: 'BUCKET_ARN_PLACEHOLDER', reason: 'created at deploy time' }];
    const r = await runAa(fake, [rec!], options);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ ruleId: 'MISSING_ARN_FIELD', line: 7, severity: 'suggestion', details: { placeholder: { expression: '!GetAtt Logs.Arn' } } });
    expect(r.findings[0]!.message).toContain('!GetAtt Logs.Arn');
  });

  it('reports a policy over the size limit without calling', async () => {
    const big = { Version: '2012-10-17', Statement: Array.from({ length: 700 }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket-${i}/*` })) };
    expect(JSON.stringify(big).length).toBeGreaterThan(MAX_POLICY_CHARS);
    const options = testOptions();
    const r = await runAa(fake, rawRecords({ 'big.json': JSON.stringify(big, null, 2) }, options), options);
    expect(fake.log).toHaveLength(0);
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ ruleId: 'POLICY_SIZE_EXCEEDS_VALIDATE_POLICY_MAXIMUM', severity: 'error', line: 1 });
  });

  it('deduplicates identical documents across files: one call, findings on each file', async () => {
    const options = testOptions({ checkAccessNotGranted: false, checkNoNewAccess: false, checkNoPublicAccess: false });
    const r = await runAa(fake, rawRecords({ 'a.json': identity, 'b/a-copy.json': identity }, options), options);
    expect(fake.calls('ValidatePolicy')).toHaveLength(1);
    expect(r.stats.deduped).toBe(1);
    expect(lines(r.findings).filter((l) => l.includes('INVALID_ACTION'))).toEqual(['a.json:9 INVALID_ACTION (error)', 'b/a-copy.json:9 INVALID_ACTION (error)']);
  });

  it('applies rule overrides from the config to Access Analyzer issue codes', async () => {
    const options = testOptions({ checkAccessNotGranted: false, checkNoNewAccess: false, checkNoPublicAccess: false });
    options.rules = { INVALID_ACTION: { enabled: false }, PASS_ROLE_WITH_STAR_IN_RESOURCE: { severity: 'error' } };
    const r = await runAa(fake, rawRecords({ 'a.json': identity }, options), options);
    expect(lines(r.findings)).toEqual(['a.json:19 PASS_ROLE_WITH_STAR_IN_RESOURCE (error)']);
  });
});
