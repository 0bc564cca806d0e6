import { describe, expect, it } from 'vitest';
import { extractCfn, record, line } from './helpers.js';

/** A bucket policy whose Statement[0].Resource is `expr` (YAML), after `prelude` (Parameters/Mappings/Conditions). */
function resourceOf(expr: string, prelude = '', options = {}) {
  const text = `${prelude}Resources:
  Data:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: data-bucket
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Data
      PolicyDocument:
        Statement:
          - Effect: Deny
            Principal: "*"
            Action: s3:*
            Resource: ${expr}
`;
  const r = extractCfn(text, { options });
  const rec = record(r, 'Policy');
  const resourceLine = text.split('\n').findIndex((l) => l.includes('Resource:')) + 1;
  return { r, rec, value: (rec.document as { Statement: { Resource: unknown }[] }).Statement[0]!.Resource, resourceLine };
}

describe('intrinsic functions, resolved offline', () => {
  it('Ref to a parameter uses its Default; config values win', () => {
    const prelude = 'Parameters:\n  Env:\n    Type: String\n    Default: dev\n';
    expect(resourceOf("!Sub 'arn:aws:s3:::${Env}-logs/*'", prelude).value).toBe('arn:aws:s3:::dev-logs/*');
    expect(resourceOf("!Sub 'arn:aws:s3:::${Env}-logs/*'", prelude, { cfnParameters: [{ files: ['*.yaml'], values: { Env: 'prod' } }] }).value).toBe('arn:aws:s3:::prod-logs/*');
  });
  it('a parameter without a default is a placeholder, not a wildcard', () => {
    const { rec, value } = resourceOf("!Sub 'arn:aws:s3:::${Name}/*'", 'Parameters:\n  Name:\n    Type: String\n');
    expect(value).toBe('arn:aws:s3:::param-Name/*');
    expect(rec.placeholders).toEqual([{ path: '/Statement/0/Resource', expression: "!Sub 'arn:aws:s3:::${Name}/*'", standIn: 'arn:aws:s3:::param-Name/*', reason: 'parameter Name has no default value' }]);
  });
  it('pseudo parameters use the configured account, region and partition', () => {
    const { value } = resourceOf("!Sub 'arn:${AWS::Partition}:s3:::${AWS::AccountId}-${AWS::Region}/*'", '', { account: '999988887777', region: 'eu-west-1', partition: 'aws' });
    expect(value).toBe('arn:aws:s3:::999988887777-eu-west-1/*');
  });
  it('Fn::Sub with a variable map and ${!Literal}', () => {
    expect(resourceOf("!Sub ['arn:aws:s3:::${B}/${!Literal}', { B: !Ref Data }]").value).toBe('arn:aws:s3:::data-bucket/${Literal}');
  });
  it('Fn::GetAtt in both forms uses the name property (known, no placeholder)', () => {
    const a = resourceOf('!GetAtt Data.Arn');
    expect(a.value).toBe('arn:aws:s3:::data-bucket');
    expect(a.rec.placeholders).toEqual([]);
    expect(resourceOf('{ "Fn::GetAtt": [Data, Arn] }').value).toBe('arn:aws:s3:::data-bucket');
  });
  it('Fn::Join, Fn::Split, Fn::Select', () => {
    expect(resourceOf("!Join [':', [arn, aws, s3, '', '', data/*]]").value).toBe('arn:aws:s3:::data/*');
    expect(resourceOf("!Select [2, !Split [',', 'a,b,arn:aws:s3:::c/*']]").value).toBe('arn:aws:s3:::c/*');
  });
  it('Fn::FindInMap, with DefaultValue', () => {
    const prelude = 'Mappings:\n  Buckets:\n    us-east-1:\n      Name: east-data\n';
    expect(resourceOf("!Sub ['arn:aws:s3:::${N}/*', { N: !FindInMap [Buckets, !Ref AWS::Region, Name] }]", prelude).value).toBe('arn:aws:s3:::east-data/*');
    expect(resourceOf("!FindInMap [Buckets, eu-west-1, Name, { DefaultValue: 'arn:aws:s3:::fallback' }]", prelude).value).toBe('arn:aws:s3:::fallback');
  });
  it('Fn::If with Conditions evaluated (Equals, And, Or, Not, Condition)', () => {
    const prelude = `Parameters:
  Env: { Type: String, Default: prod }
  Region2: { Type: String, Default: '' }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  HasRegion2: !Not [!Equals [!Ref Region2, '']]
  ProdOnly: !And [!Condition IsProd, !Not [!Condition HasRegion2]]
  Either: !Or [!Condition HasRegion2, !Condition ProdOnly]
`;
    const given = { cfnParameters: [{ files: ['**'], values: { Env: 'prod', Region2: '' } }] };
    expect(resourceOf("!If [Either, 'arn:aws:s3:::prod/*', 'arn:aws:s3:::dev/*']", prelude, given).value).toBe('arn:aws:s3:::prod/*');
    const other = { cfnParameters: [{ files: ['**'], values: { Env: 'dev', Region2: '' } }] };
    expect(resourceOf("!If [Either, 'arn:aws:s3:::prod/*', 'arn:aws:s3:::dev/*']", prelude, other).value).toBe('arn:aws:s3:::dev/*');
  });
  it('Fn::If over parameter defaults: both branches are analysed, each version naming its branch', () => {
    const prelude = `Parameters:
  Env: { Type: String, Default: prod }
Conditions:
  IsProd: !Equals [!Ref Env, prod]
`;
    const text = `${prelude}Resources:
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: !If [IsProd, 'arn:aws:s3:::prod/*', 'arn:aws:s3:::dev/*']
`;
    const recs = extractCfn(text).policies;
    expect(recs.map((p) => [p.when, (p.document as { Statement: { Resource: unknown }[] }).Statement[0]!.Resource]).sort()).toEqual([
      ['when IsProd', 'arn:aws:s3:::prod/*'],
      ['when not IsProd', 'arn:aws:s3:::dev/*'],
    ]);
    expect(new Set(recs.map((p) => p.id)).size).toBe(2);
  });
  it('Fn::ImportValue, Fn::GetAZs and dynamic references become placeholders', () => {
    const imp = resourceOf('!ImportValue shared-BucketArn');
    expect(imp.value).toMatch(/^arn:aws:/);
    expect(imp.rec.placeholders[0]).toMatchObject({ expression: '!ImportValue shared-BucketArn', reason: expect.stringContaining('ImportValue') });
    const dyn = resourceOf("'{{resolve:ssm:/buckets/data}}'");
    expect(dyn.value).toBe('resolved-ssm-value');
    expect(dyn.rec.placeholders).toHaveLength(1);
  });
  it('Fn::ToJsonString, Fn::Length and Fn::Base64 evaluate', () => {
    expect(resourceOf("!Sub ['arn:aws:s3:::n${L}/*', { L: !Length [a, b, c] }]").value).toBe('arn:aws:s3:::n3/*');
    expect(resourceOf("!Sub ['arn:aws:s3:::${J}', { J: !ToJsonString { a: 1 } }]").value).toBe('arn:aws:s3:::{"a":1}');
    expect(resourceOf('!Base64 abc').value).toBe('YWJj');
  });
  it('a Ref to nothing is a finding with its line; the policy is still extracted', () => {
    const { r, value, resourceLine } = resourceOf('!GetAtt Missing.Arn');
    expect(value).toBe('unresolved-Missing-Arn');
    expect(r.findings.map((f) => [f.ruleId, f.line])).toEqual([['cfn-invalid-template', resourceLine]]);
  });
  it('condition cycles are a finding, not a hang', () => {
    const prelude = 'Conditions:\n  A: !Condition B\n  B: !Condition A\n';
    const { r } = resourceOf("!If [A, 'arn:aws:s3:::a', 'arn:aws:s3:::b']", prelude);
    expect(r.findings.some((f) => /cycle/.test(f.message))).toBe(true);
  });
  it('custom resource attributes decide nothing: an Allow on one is analysed as every resource, and says so', () => {
    const text = `Resources:
  Lookup:
    Type: Custom::Lookup
    Properties: { ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:lookup }
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: !GetAtt Lookup.BucketArn
`;
    const rec = record(extractCfn(text), 'P');
    expect((rec.document as { Statement: { Resource: unknown }[] }).Statement[0]!.Resource).toBe('*');
    expect(rec.placeholders).toEqual([]);
    expect(rec.notes).toContainEqual(expect.stringMatching(/Resource comes from !GetAtt Lookup.BucketArn \(custom resource attribute Lookup.BucketArn\): analysed as "\*"/));
    expect(line(rec, '/Statement/0/Resource')).toBe(12);
  });
  it('Fn::ForEach (language extensions) expands resources', () => {
    const text = `Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Queues:
    - Name
    - [Orders, Refunds]
    - \${Name}Queue:
        Type: AWS::SQS::Queue
      \${Name}Policy:
        Type: AWS::SQS::QueuePolicy
        Properties:
          Queues:
            - !Ref \${Name}Queue
          PolicyDocument:
            Statement:
              - Effect: Allow
                Principal: { Service: sns.amazonaws.com }
                Action: sqs:SendMessage
                Resource: !GetAtt [!Sub '\${Name}Queue', Arn]
`;
    const r = extractCfn(text);
    expect(r.policies.map((p) => p.resource)).toEqual(['OrdersPolicy', 'RefundsPolicy']);
    expect((record(r, 'RefundsPolicy').document as { Statement: { Resource: string }[] }).Statement[0]!.Resource).toBe('arn:aws:sqs:us-east-1:123456789012:RefundsQueue');
    expect(record(r, 'OrdersPolicy').line).toBe(14);
    expect(r.findings).toEqual([]);
  });
});

describe('parameter values from the config', () => {
  const prelude = 'Parameters:\n  Env:\n    Type: String\n    Default: dev\n  Allowed:\n    Type: CommaDelimitedList\n';
  it('reads a CloudFormation CLI parameters file for matching templates', () => {
    const text = `${prelude}Resources:
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: !Sub 'arn:aws:s3:::\${Env}-data/*'
            Condition:
              StringEquals:
                aws:SourceVpce: !Ref Allowed
`;
    const r = extractCfn(text, {
      file: 'infra/app.yaml',
      files: { 'params/prod.json': '[{"ParameterKey": "Env", "ParameterValue": "prod"}, {"ParameterKey": "Allowed", "ParameterValue": "vpce-1,vpce-2"}]' },
      options: { cfnParameters: [{ files: ['infra/*.yaml'], values: {}, file: 'params/prod.json' }] },
    });
    expect(r.errors).toEqual([]);
    const st = (record(r, 'P').document as { Statement: { Resource: string; Condition: unknown }[] }).Statement[0]!;
    expect(st.Resource).toBe('arn:aws:s3:::prod-data/*');
    expect(st.Condition).toEqual({ StringEquals: { 'aws:SourceVpce': ['vpce-1', 'vpce-2'] } });
  });
  it('a missing parameters file is an error naming it; the template is still analysed with defaults', () => {
    const r = extractCfn(`${prelude}Resources:\n  T:\n    Type: AWS::SNS::TopicPolicy\n    Properties:\n      Topics: []\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { AWS: !Sub 'arn:aws:iam::\${AWS::AccountId}:root' }\n            Action: sns:Publish\n            Resource: !Sub 'arn:aws:sns:us-east-1:123456789012:\${Env}'\n`, {
      options: { cfnParameters: [{ files: ['**'], values: {}, file: 'params/missing.json' }] },
    });
    expect(r.errors.map((e) => e.message)).toEqual([expect.stringContaining('params/missing.json')]);
    expect(JSON.stringify(record(r, 'T').document)).toContain(':dev"');
  });
});
