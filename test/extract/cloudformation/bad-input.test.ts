import { describe, expect, it } from 'vitest';
import { extractCfn, record, detect } from './helpers.js';
import { scan } from './scan-helper.js';

describe('detection by content', () => {
  it('accepts templates whatever the file name', () => {
    const yaml = 'AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n';
    for (const f of ['a.yaml', 'a.yml', 'a.json', 'stack.template', 'cdk.out/App.template.json']) expect(detect(f, yaml)).toBe(true);
    expect(detect('x.json', '{"Resources": {"R": {"Type": "AWS::SNS::Topic"}}}')).toBe(true);
  });
  it('skips YAML/JSON that is not CloudFormation', () => {
    expect(detect('.github/workflows/ci.yml', 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n')).toBe(false);
    expect(detect('docker-compose.yml', 'services:\n  web:\n    image: nginx\n')).toBe(false);
    expect(detect('policy.json', '{"Version":"2012-10-17","Statement":[]}')).toBe(false);
    expect(detect('k8s.yaml', 'kind: Deployment\nmetadata:\n  name: x\nspec: {}\n')).toBe(false);
  });
});

describe('bad input: one clear problem with file and line, the rest goes on', () => {
  it('invalid YAML is an error with its line', () => {
    const r = extractCfn('AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  R:\n    Type: AWS::IAM::Role\n    Properties: [\n');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ file: 'template.yaml', kind: 'input' });
    expect(r.errors[0]!.line).toBeGreaterThanOrEqual(5);
  });
  it('a duplicate key keeps the later value, as CloudFormation does, with a warning on the earlier one', () => {
    const r = extractCfn('Resources:\n  R:\n    Type: AWS::SNS::Topic\n  R:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument: {Statement: [{Effect: Allow, Action: "iam:*", Resource: "*"}]}\n');
    expect(r.errors).toEqual([]);
    expect(r.findings.filter((f) => f.ruleId === 'duplicate-key').map((f) => [f.line, f.message])).toEqual([[2, expect.stringMatching(/later one \(line 4\)/)]]);
    expect(r.policies).toHaveLength(1);
    // the values differ: a reviewer reading the earlier one is misled about what deploys, so it blocks
    expect(r.findings.find((f) => f.ruleId === 'duplicate-key')!.severity).toBe('security-warning');
    const same = extractCfn('Resources:\n  R:\n    Type: AWS::SNS::Topic\n    Type: AWS::SNS::Topic\n');
    expect(same.findings.filter((f) => f.ruleId === 'duplicate-key').map((f) => f.severity)).toEqual(['warning']);
  });
  it('an unknown tag is a finding on its line; the policy is still extracted', () => {
    const r = extractCfn(`Resources:
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Description: !Bogus thing
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: "*"
`);
    expect(r.errors).toEqual([]);
    expect(r.findings.map((f) => [f.line, f.message])).toEqual([[5, 'unknown YAML tag !Bogus: not a CloudFormation intrinsic function; its value is used as written']]);
    expect(record(r, 'P').line).toBe(7);
  });
  it('an alias bomb is refused', () => {
    const lines = ['Resources:', '  a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    let prev = 'a';
    for (let i = 0; i < 8; i++) {
      const n = `b${i}`;
      lines.push(`  ${n}: &${n} [${Array(10).fill(`*${prev}`).join(',')}]`);
      prev = n;
    }
    const r = extractCfn(lines.join('\n') + '\n');
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.message).toMatch(/alias/i);
  });
  it('a DependsOn cycle, a malformed resource and a Ref to nothing are findings with lines', () => {
    const r = extractCfn(`Resources:
  A:
    Type: AWS::SNS::Topic
    DependsOn: B
  B:
    Type: AWS::SNS::Topic
    DependsOn: [A]
  Broken:
    Properties: {}
  TP:
    Type: AWS::SNS::TopicPolicy
    Properties:
      Topics: [!Ref A]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: events.amazonaws.com }
            Action: sns:Publish
            Resource: !Ref NoSuchTopic
`);
    expect(r.errors).toEqual([]);
    expect(r.findings.map((f) => [f.line, f.message.replace(/ .*/, '')]).sort()).toEqual([
      [19, 'Ref'],
      [7, 'DependsOn'], // the DependsOn that closes the cycle
      [9, 'resource'],
    ].sort());
    expect(record(r, 'TP').line).toBe(15);
  });
  it('a malformed Resources section is an error, not a crash', () => {
    const r = extractCfn('AWSTemplateFormatVersion: "2010-09-09"\nResources: [1, 2]\n');
    expect(r.errors).toMatchObject([{ line: 2, kind: 'input' }]);
  });
  it('deep nesting is refused before parsing', () => {
    const r = extractCfn('Resources:\n  R: ' + '['.repeat(1000) + ']'.repeat(1000) + '\n');
    expect(r.errors[0]!.message).toMatch(/nesting/);
  });
  it('in a directory scan, non-templates are skipped quietly and bad templates do not stop the others', async () => {
    const res = await scan({
      'ci.yml': 'on: push\njobs: {}\n',
      'bad.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  R: [\n',
      'good.yaml': 'Resources:\n  T:\n    Type: AWS::SNS::TopicPolicy\n    Properties:\n      Topics: []\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { AWS: "111122223333" }\n            Action: sns:Publish\n            Resource: "*"\n',
    });
    expect(res.errors.map((e) => e.file)).toEqual(['bad.yaml']);
    expect(res.policies.map((p) => [p.file, p.resource, p.line])).toEqual([['good.yaml', 'T', 7]]);
  });
});

describe('detection does not claim other formats that embed a template', () => {
  it('a Terraform plan JSON with a CloudFormation template_body string is not a template', () => {
    const plan = JSON.stringify({
      format_version: '1.2',
      resource_changes: [{ type: 'aws_cloudformation_stack', change: { after: { template_body: JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { T: { Type: 'AWS::SNS::Topic' } } }) } } }],
    });
    expect(detect('plan.json', plan)).toBe(false);
    expect(detect('plan.json', JSON.stringify({ x: 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  T:\n    Type: AWS::SNS::Topic\n' }))).toBe(false);
  });
});

describe('hostile templates stay bounded', () => {
  it('a long parameter default multiplied by nested joins is truncated with a finding', () => {
    const big = 'x'.repeat(60_000);
    const r = extractCfn(`Parameters:
  P:
    Type: String
    Default: ${big}
Resources:
  Pol:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: !Join ['', [!Ref P, !Ref P, !Ref P, !Ref P]]
`);
    const res = (record(r, 'Pol').document as { Statement: { Resource: string }[] }).Statement[0]!.Resource;
    expect(res.length).toBe(65_536);
    expect(r.findings.map((f) => [f.line, f.message])).toEqual([[13, 'computed value longer than 65536 characters; truncated']]);
  });
});

describe('macros', () => {
  it('a custom macro is reported once on its Transform line and makes the verdict incomplete; SAM and language extensions are not', () => {
    const r = extractCfn(`AWSTemplateFormatVersion: "2010-09-09"
Transform: [AWS::Serverless-2016-10-31, ExecutionRoleBuilder]
Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      Type: Lambda
`);
    expect(r.findings.map((f) => [f.ruleId, f.severity, f.line])).toEqual([['cfn-macro-not-expanded', 'warning', 2]]);
    expect(r.errors).toEqual([expect.objectContaining({ line: 2, message: expect.stringContaining('ExecutionRoleBuilder') })]);
  });
});
