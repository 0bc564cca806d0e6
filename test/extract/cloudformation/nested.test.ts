/**
 * Nested stacks on a real checkout: the child template analysed with the parameters its parent passes (findings on
 * the child's lines, naming the parent), once when both files are scanned, and only for repository-local files.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runGate } from '../../../src/gate.js';
import { defaultOptions } from '../../../src/config/options.js';
import { tmpRepo } from '../../helpers/tmp-repo.js';

const ROLES = `AWSTemplateFormatVersion: "2010-09-09"
Description: Reader role for the data lake
Parameters:
  TrustedAccount:
    Type: String
    Default: "111122223333"
  DataBucket:
    Type: String
Resources:
  ReaderRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              AWS: !Sub arn:aws:iam::\${TrustedAccount}:root
            Action: sts:AssumeRole
            Condition:
              StringEquals:
                sts:ExternalId: datalake-reader
      Policies:
        - PolicyName: read
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: s3:GetObject
                Resource: !Sub arn:aws:s3:::\${DataBucket}/*
Outputs:
  RoleArn:
    Value: !GetAtt ReaderRole.Arn
`;

const parent = (location: string, trusted = '"*"') => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
    Default: prod
Resources:
  Roles:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ${location}
      Parameters:
        TrustedAccount: ${trusted}
        DataBucket: !Sub data-\${Env}
`;

async function scan(root: string, paths: string[] = ['.']) {
  const options = defaultOptions(root, root);
  options.accessAnalyzer = 'off';
  return runGate(paths, options);
}

describe('nested stacks', () => {
  it('analyses the child with the parameters the parent passes: a wildcard account on the child line, naming the parent', async () => {
    const root = tmpRepo({ 'parent.yaml': parent('./stacks/roles.yaml'), 'stacks/roles.yaml': ROLES });
    const r = await scan(root);
    const any = r.findings.filter((f) => f.ruleId === 'trust-any-principal');
    expect(any.map((f) => [f.file, f.line])).toEqual([['stacks/roles.yaml', 18]]);
    expect(any[0]!.message).toContain('(with the parameters nested stack parent.yaml#Roles passes)');
    // the child's own analysis (defaults) still reports what it finds, once: not again for the nested context
    const cross = r.findings.filter((f) => f.ruleId === 'trust-cross-account');
    expect(cross.map((f) => [f.file, f.line, f.message.includes('nested stack')])).toEqual([['stacks/roles.yaml', 18, false]]);
    // the parameter without a default gets the parent's value, with no placeholder left
    const nested = r.policies.find((p) => p.nestedIn === 'parent.yaml#Roles' && p.policyType === 'identity')!;
    expect(nested.id).toBe('stacks/roles.yaml@parent.yaml:Roles#ReaderRole/Policies/0/PolicyDocument');
    expect(nested.document).toMatchObject({ Statement: [{ Resource: 'arn:aws:s3:::data-prod/*' }] });
    expect(nested.placeholders).toEqual([]);
    expect(nested.notes).toContain('analysed as the nested stack parent.yaml#Roles with its parameters TrustedAccount, DataBucket');
    expect(nested.sourceMap.locate('/Statement/0/Resource').start.line).toBe(30);
    // two contexts, two principals
    expect(r.principals.map((p) => p.id).sort()).toEqual(['stacks/roles.yaml#ReaderRole', 'stacks/roles.yaml@parent.yaml:Roles#ReaderRole']);
  });

  it('reads the child when only the parent is scanned (a pull request that changes the parent)', async () => {
    const root = tmpRepo({ 'parent.yaml': parent('stacks/roles.yaml'), 'stacks/roles.yaml': ROLES });
    const r = await scan(root, ['parent.yaml']);
    expect(r.findings.filter((f) => f.ruleId === 'trust-any-principal').map((f) => f.file)).toEqual(['stacks/roles.yaml']);
    expect(r.verdict.status).toBe('fail');
  });

  it('passes nothing when the parent passes what the child has by default: no second finding', async () => {
    const root = tmpRepo({ 'parent.yaml': parent('./stacks/roles.yaml', '"111122223333"'), 'stacks/roles.yaml': ROLES });
    const r = await scan(root);
    expect(r.findings.filter((f) => f.message.includes('nested stack'))).toEqual([]);
  });

  it("resolves !GetAtt Stack.Outputs.X from the child's Outputs with the parameters passed, and keeps a placeholder for deploy-time values", async () => {
    const child = `Parameters:
  Team:
    Type: String
Resources:
  Deployer:
    Type: AWS::IAM::Role
    Properties:
      RoleName: !Sub \${Team}-deployer
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: codebuild.amazonaws.com }
            Action: sts:AssumeRole
  Anonymous:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: codebuild.amazonaws.com }
            Action: sts:AssumeRole
Outputs:
  DeployerArn:
    Value: !GetAtt Deployer.Arn
  AnonymousArn:
    Value: !GetAtt Anonymous.Arn
`;
    const root = tmpRepo({
      'pipeline.yaml': `Resources:
  Roles:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./roles.yaml
      Parameters:
        Team: payments
  AssumeDeployer:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: sts:AssumeRole
            Resource:
              - !GetAtt Roles.Outputs.DeployerArn
              - !GetAtt Roles.Outputs.AnonymousArn
`,
      'roles.yaml': child,
    });
    const r = await scan(root, ['pipeline.yaml']);
    const p = r.policies.find((x) => x.resource === 'AssumeDeployer')!;
    const resources = (p.document as { Statement: { Resource: string[] }[] }).Statement[0]!.Resource;
    expect(resources[0]).toBe('arn:aws:iam::123456789012:role/payments-deployer');
    expect(p.placeholders.map((x) => x.path)).toEqual(['/Statement/0/Resource/1']);
  });

  it('reads the nested template CDK names in cdk.out (aws:asset:path)', async () => {
    const root = tmpRepo({
      'cdk.out/AppStack.template.json': JSON.stringify(
        {
          Resources: {
            DataNestedStack: {
              Type: 'AWS::CloudFormation::Stack',
              Properties: {
                TemplateURL: { 'Fn::Join': ['', ['https://s3.', { Ref: 'AWS::Region' }, '.amazonaws.com/cdk-assets/abc.json']] },
                Parameters: { TrustedAccount: '*', DataBucket: 'cdk-data' },
              },
              Metadata: { 'aws:asset:path': 'AppStackDataNestedStack.nested.template.json' },
            },
          },
        },
        null,
        1,
      ),
      'cdk.out/AppStackDataNestedStack.nested.template.json': ROLES,
    });
    const r = await scan(root, ['cdk.out/AppStack.template.json']);
    const f = r.findings.find((x) => x.ruleId === 'trust-any-principal')!;
    expect([f.file, f.line]).toEqual(['cdk.out/AppStackDataNestedStack.nested.template.json', 18]);
  });

  it('does not fetch URLs, refuses paths outside the repository and symlinks out of it, and stops cycles', async () => {
    const outside = mkdtempSync(path.join(tmpdir(), 'nested-outside-'));
    writeFileSync(path.join(outside, 'evil.yaml'), ROLES);
    const root = tmpRepo({
      'remote.yaml': parent('https://s3.amazonaws.com/artifacts/roles.yaml'),
      'escape.yaml': parent('../../etc/roles.yaml'),
      'absolute.yaml': parent('/etc/roles.yaml'),
      'missing.yaml': parent('./stacks/nope.yaml'),
      'linked.yaml': parent('./stacks/link.yaml'),
      'a.yaml': parent('./b.yaml'),
      'b.yaml': parent('./a.yaml'),
    });
    // a symlink inside the tree pointing out of it
    mkdirSync(path.join(root, 'stacks'), { recursive: true });
    symlinkSync(path.join(outside, 'evil.yaml'), path.join(root, 'stacks', 'link.yaml'));
    const r = await scan(root, ['remote.yaml', 'escape.yaml', 'absolute.yaml', 'missing.yaml', 'linked.yaml', 'a.yaml']);
    const nested = r.findings.filter((f) => f.ruleId === 'cfn-nested-stack-not-analysed');
    const byFile = Object.fromEntries(nested.map((f) => [f.file, f.message]));
    expect(Object.keys(byFile).sort()).toEqual(['absolute.yaml', 'b.yaml', 'escape.yaml', 'linked.yaml', 'missing.yaml']);
    expect(byFile['escape.yaml']).toMatch(/\.\.\/\.\.\/etc\/roles\.yaml is outside the repository/);
    expect(byFile['absolute.yaml']).toMatch(/is an absolute path/);
    expect(byFile['missing.yaml']).toMatch(/stacks\/nope\.yaml: file not found/);
    expect(byFile['linked.yaml']).toMatch(/stacks\/link\.yaml/);
    expect(byFile['b.yaml']).toMatch(/a nesting cycle/);
    expect(nested.every((f) => f.line === 10)).toBe(true);
    // nothing of the file outside the repository was analysed
    expect(r.policies.filter((p) => p.resource === 'ReaderRole')).toEqual([]);
  });
});
