import { describe, expect, it } from 'vitest';
import { extractCfn, record, line, lines } from './helpers.js';

const template = lines(
  'AWSTemplateFormatVersion: "2010-09-09"', // 1
  'Parameters:', // 2
  '  Env:', // 3
  '    Type: String', // 4
  '    Default: prod', // 5
  'Conditions:', // 6
  '  IsProd: !Equals [!Ref Env, prod]', // 7
  'Resources:', // 8
  '  Bucket:', // 9
  '    Type: AWS::S3::Bucket', // 10
  '  AppRole:', // 11
  '    Type: AWS::IAM::Role', // 12
  '    Properties:', // 13
  '      AssumeRolePolicyDocument:', // 14
  '        Version: "2012-10-17"', // 15
  '        Statement:', // 16
  '          - Effect: Allow', // 17
  '            Principal: { Service: lambda.amazonaws.com }', // 18
  '            Action: sts:AssumeRole', // 19
  '      Policies:', // 20
  '        - PolicyName: app', // 21
  '          PolicyDocument:', // 22
  '            Version: 2012-10-17', // 23
  '            Statement:', // 24
  '              - Effect: Allow', // 25
  '                Action: !If', // 26
  '                  - IsProd', // 27
  '                  - s3:GetObject', // 28
  '                  - s3:*', // 29
  '                Resource:', // 30
  '                  - !GetAtt Bucket.Arn', // 31
  "                  - !Sub '${Bucket.Arn}/*'", // 32
  "                  - !Join ['', [!GetAtt Bucket.Arn, '/logs/*']]", // 33
  '                  - !Ref AWS::NoValue', // 34
  '                  - !Select [1, [a, "arn:aws:s3:::literal/*"]]', // 35
);

describe('line mapping', () => {
  // Env set by the config: IsProd is certain, one version of the policy
  const r = extractCfn(template, { options: { cfnParameters: [{ files: ['**'], values: { Env: 'prod' } }] } });
  it('parses without errors and finds the trust and inline policies', () => {
    expect(r.errors).toEqual([]);
    expect(r.policies.map((p) => [p.resource, p.propertyPath, p.policyType])).toEqual([
      ['AppRole', 'AssumeRolePolicyDocument', 'trust'],
      ['AppRole', 'Policies/0/PolicyDocument', 'identity'],
    ]);
  });
  it('gives each record the lines of its document', () => {
    expect(record(r, 'AppRole', 'AssumeRolePolicyDocument')).toMatchObject({ line: 15, endLine: 20 });
    const p = record(r, 'AppRole', 'Policies/0/PolicyDocument');
    expect(p.line).toBe(23);
    expect(p.name).toBe('app');
  });
  it('keeps "2012-10-17" a string', () => {
    expect((record(r, 'AppRole', 'Policies/0/PolicyDocument').document as { Version: unknown }).Version).toBe('2012-10-17');
  });
  it('maps values through !If to the chosen branch', () => {
    const p = record(r, 'AppRole', 'Policies/0/PolicyDocument');
    expect((p.document as { Statement: { Action: unknown }[] }).Statement[0]!.Action).toBe('s3:GetObject');
    expect(line(p, '/Statement/0/Action')).toBe(28);
  });
  it('maps values through !GetAtt, !Sub, !Join and !Select to their own line, dropping AWS::NoValue', () => {
    const p = record(r, 'AppRole', 'Policies/0/PolicyDocument');
    expect((p.document as { Statement: { Resource: unknown }[] }).Statement[0]!.Resource).toEqual([
      'arn:aws:s3:::bucket',
      'arn:aws:s3:::bucket/*',
      'arn:aws:s3:::bucket/logs/*',
      'arn:aws:s3:::literal/*',
    ]);
    expect(line(p, '/Statement/0/Resource/0')).toBe(31);
    expect(line(p, '/Statement/0/Resource/1')).toBe(32);
    expect(line(p, '/Statement/0/Resource/2')).toBe(33);
    expect(line(p, '/Statement/0/Resource/3')).toBe(35);
    expect(line(p, '/Statement/0/Effect')).toBe(25);
  });
  it('records placeholders for deploy-time values with the expression as written, never a wildcard', () => {
    const p = record(r, 'AppRole', 'Policies/0/PolicyDocument');
    expect(p.placeholders.map((x) => [x.path, x.expression, x.standIn])).toEqual([
      ['/Statement/0/Resource/0', '!GetAtt Bucket.Arn', 'arn:aws:s3:::bucket'],
      ['/Statement/0/Resource/1', "!Sub '${Bucket.Arn}/*'", 'arn:aws:s3:::bucket/*'],
      ['/Statement/0/Resource/2', "!Join ['', [!GetAtt Bucket.Arn, '/logs/*']]", 'arn:aws:s3:::bucket/logs/*'],
    ]);
    for (const x of p.placeholders) expect(x.standIn).not.toBe('*');
  });
  it('attaches inline policies to their role', () => {
    expect(record(r, 'AppRole', 'Policies/0/PolicyDocument').attachedTo).toEqual([{ kind: 'role', id: 'AppRole', via: 'inline' }]);
  });
  it('maps JSON templates through the same path', () => {
    const json = JSON.stringify(
      {
        Resources: {
          Q: { Type: 'AWS::SQS::Queue' },
          QP: {
            Type: 'AWS::SQS::QueuePolicy',
            Properties: {
              Queues: [{ Ref: 'Q' }],
              PolicyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': ['Q', 'Arn'] } }] },
            },
          },
        },
      },
      null,
      2,
    );
    const j = extractCfn(json, { file: 'queue.json' });
    const p = record(j, 'QP');
    const resourceLine = json.split('\n').findIndex((l) => l.includes('"Resource"')) + 1;
    expect(line(p, '/Statement/0/Resource')).toBe(resourceLine);
    expect((p.document as { Statement: { Resource: string }[] }).Statement[0]!.Resource).toBe('arn:aws:sqs:us-east-1:123456789012:Q');
  });
});
