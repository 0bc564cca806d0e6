/**
 * Principals and attachments: every role, user, group and permission set the IaC declares appears in the report
 * with its effective identity policy (inherited group policies included) and exact lines; attachment resources
 * appear with what they attach; names are scoped per template / plan / module.
 */
import { describe, expect, it } from 'vitest';
import { runGate } from '../../src/gate.js';
import { defaultOptions } from '../../src/config/options.js';
import { toJsonReport } from '../../src/report/json.js';
import { toText } from '../../src/report/text.js';
import { tmpRepo } from '../helpers/tmp-repo.js';

async function scan(files: Record<string, string>) {
  const root = tmpRepo(files);
  const options = defaultOptions(root, root);
  options.accessAnalyzer = 'off';
  return runGate(['.'], options);
}

const IAM_TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Description: Operators and their permissions
Resources:
  Operators:
    Type: AWS::IAM::Group
    Properties:
      Path: /ops/
  OperatorsPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Groups: [!Ref Operators]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: ReadLogs
            Effect: Allow
            Action: logs:GetLogEvents
            Resource: !Sub arn:aws:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:/app/*
  Auditors:
    Type: AWS::IAM::Group
  Alice:
    Type: AWS::IAM::User
    Properties:
      Groups: [!Ref Operators]
      Policies:
        - PolicyName: own
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: s3:ListAllMyBuckets
                Resource: "*"
  AddBob:
    Type: AWS::IAM::UserToGroupAddition
    Properties:
      GroupName: !Ref Auditors
      Users: [!Ref Bob]
  Bob:
    Type: AWS::IAM::User
  BuildRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: codebuild.amazonaws.com }
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/AWSCodeBuildReadOnlyAccess
        - arn:aws:iam::111122223333:policy/shared/deployer
`;

describe('principals in the report', () => {
  it('lists every declared principal with its effective policy, inherited group statements on their own lines', async () => {
    const r = await scan({ 'iam.yaml': IAM_TEMPLATE });
    const byName = new Map(r.principals.map((p) => [p.resource, p]));
    expect([...byName.keys()].sort()).toEqual(['Alice', 'Auditors', 'Bob', 'BuildRole', 'Operators']);

    const alice = byName.get('Alice')!;
    expect(alice.kind).toBe('user');
    expect(alice.line).toBe(22); // the resource body (its Type line), as for every entity finding
    expect(alice.groups).toEqual(['Operators']);
    expect(alice.policies).toEqual([
      { id: 'iam.yaml#Alice/Policies/0/PolicyDocument', via: 'inline' },
      { id: 'iam.yaml#OperatorsPolicy/PolicyDocument', via: 'managed', group: 'Operators' },
    ]);
    // the merged document keeps each statement, and its source map points at the statement's own lines
    expect(alice.document.Statement).toHaveLength(2);
    expect(alice.sourceMap.locate('/Statement/0/Action').start.line).toBe(31);
    expect(alice.sourceMap.locate('/Statement/1/Action').start.line).toBe(17);
    expect(alice.sourceMap.locate('/Statement/1').file).toBe('iam.yaml');

    // membership through UserToGroupAddition; a group with nothing attached says so
    expect(byName.get('Bob')!.groups).toEqual(['Auditors']);
    expect(byName.get('Auditors')!.notes).toEqual(['no identity policy in the scanned files grants this group anything']);

    // the AWS managed policy comes from the bundled snapshot; the customer managed one outside the repo is named
    const role = byName.get('BuildRole')!;
    expect(role.trustPolicies).toEqual(['iam.yaml#BuildRole/AssumeRolePolicyDocument']);
    expect(role.policies.map((p) => p.id)).toEqual(['iam.yaml#BuildRole/ManagedPolicyArns/0']);
    expect(role.document.Statement.length).toBeGreaterThan(0);
    expect(role.unresolved).toEqual([expect.objectContaining({ arn: 'arn:aws:iam::111122223333:policy/shared/deployer', via: 'managed', line: expect.any(Number) })]);
    expect(role.notes[0]).toMatch(/^not analysed: arn:aws:iam::111122223333:policy\/shared\/deployer/);
  });

  it('writes principals into the JSON report as schema 1.1 records and lists them in the text report', async () => {
    const r = await scan({ 'iam.yaml': IAM_TEMPLATE });
    const j = toJsonReport(r) as { schemaVersion: string; summary: { policies: number; principals: number }; policies: Record<string, unknown>[] };
    expect(j.schemaVersion).toBe('1.3');
    expect(j.summary.principals).toBe(5);
    // summary.policies still counts policy documents only
    expect(j.summary.policies).toBe(r.policies.length);
    const bob = j.policies.find((p) => p.resource === 'Bob')!;
    expect(bob).toMatchObject({
      id: 'iam.yaml#Bob',
      file: 'iam.yaml',
      line: 39,
      policyType: 'principal',
      resourceType: 'AWS::IAM::User',
      principal: { kind: 'user', groups: ['Auditors'], policies: [] },
      document: { Version: '2012-10-17', Statement: [] },
    });
    const text = toText(r, { listPolicies: true });
    expect(text).toContain('Principals (5)');
    expect(text).toMatch(/iam\.yaml:22 {2}Alice {2}AWS::IAM::User {2}user {2}2 statements from Alice\/Policies\/0\/PolicyDocument, OperatorsPolicy\/PolicyDocument via group Operators/);
  });

  it('does not mix up two templates that declare the same logical id', async () => {
    const role = (action: string) => `Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: app
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: ${action}
                Resource: "*"
`;
    // alone, neither template lets its role escalate; together (wrongly merged) they would
    const r = await scan({ 'a/template.yaml': role('iam:PassRole'), 'b/template.yaml': role('lambda:CreateFunction') });
    expect(r.principals.map((p) => [p.id, p.document.Statement.length])).toEqual([
      ['a/template.yaml#AppRole', 1],
      ['b/template.yaml#AppRole', 1],
    ]);
    expect(r.findings.filter((f) => f.ruleId === 'privilege-escalation')).toEqual([]);
  });

  it('reasons over a user together with the policies of its groups', async () => {
    const r = await scan({
      'users.yaml': `Resources:
  Deployers:
    Type: AWS::IAM::Group
    Properties:
      Policies:
        - PolicyName: pass
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: iam:PassRole
                Resource: "*"
  Carol:
    Type: AWS::IAM::User
    Properties:
      Groups: [!Ref Deployers]
      Policies:
        - PolicyName: lambda
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: [lambda:CreateFunction, lambda:InvokeFunction]
                Resource: "*"
`,
    });
    const esc = r.findings.filter((f) => f.ruleId === 'privilege-escalation');
    expect(esc).toHaveLength(1);
    expect(esc[0]!.message).toMatch(/^User Carol can escalate its privileges: PassExistingRoleToNewLambdaThenInvoke/);
  });
});

describe('SAM: the execution role SAM creates', () => {
  it('is a principal with the policies SAM attaches, bare managed policy names resolved to their path', async () => {
    const r = await scan({
      'template.yaml': `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  Ingest:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
      CodeUri: src/
      Policies:
        - S3ReadPolicy:
            BucketName: ingest-raw
        - AWSLambdaBasicExecutionRole
`,
    });
    expect(r.principals).toHaveLength(1);
    const role = r.principals[0]!;
    expect(role.id).toBe('template.yaml#IngestRole');
    expect(role.notes).toContain('the execution role SAM creates for Ingest (IngestRole)');
    // AWSLambdaBasicExecutionRole (added by SAM and listed by the user) once, and the expanded policy template
    expect(role.policies.map((p) => p.id)).toEqual([
      'template.yaml#Ingest/IngestRole/ManagedPolicyArns/service-role/AWSLambdaBasicExecutionRole',
      'template.yaml#Ingest/Policies/0/S3ReadPolicy',
    ]);
    expect(role.unresolved).toEqual([]);
    expect(JSON.stringify(role.document)).toContain('arn:aws:s3:::ingest-raw/*');
  });
});

describe('Terraform principals and attachments', () => {
  const MAIN_TF = `resource "aws_iam_group" "ops" {
  name = "ops"
}

resource "aws_iam_group_policy" "ops" {
  name  = "ops-logs"
  group = aws_iam_group.ops.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["logs:GetLogEvents"]
      Resource = "*"
    }]
  })
}

resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_user_group_membership" "alice" {
  user   = aws_iam_user.alice.name
  groups = [aws_iam_group.ops.name]
}

resource "aws_iam_role" "ci" {
  name = "ci"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "codebuild.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy_attachment" "ci_readonly" {
  role       = aws_iam_role.ci.name
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}

resource "aws_iam_role_policy_attachment" "ci_shared" {
  role       = aws_iam_role.ci.name
  policy_arn = "arn:aws:iam::111122223333:policy/shared-deploy"
}
`;
  const POLICIES_TF = `resource "aws_iam_policy" "deploy" {
  name = "deploy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["lambda:UpdateFunctionCode"], Resource = "*" }]
  })
}

resource "aws_iam_role_policy_attachment" "ci_deploy" {
  role       = aws_iam_role.ci.name
  policy_arn = aws_iam_policy.deploy.arn
}
`;

  it('links policies and attachments across the files of a module and resolves AWS managed policies', async () => {
    const r = await scan({ 'infra/main.tf': MAIN_TF, 'infra/policies.tf': POLICIES_TF });
    const deploy = r.policies.find((p) => p.resource === 'aws_iam_policy.deploy')!;
    expect(deploy.attachedTo).toEqual([{ kind: 'role', id: 'aws_iam_role.ci', via: 'managed' }]);

    const ci = r.principals.find((p) => p.resource === 'aws_iam_role.ci')!;
    expect(ci.id).toBe('infra#aws_iam_role.ci');
    expect(ci.policies.map((p) => p.id).sort()).toEqual([
      'infra/main.tf#aws_iam_role_policy_attachment.ci_readonly/policy_arn/ReadOnlyAccess',
      'infra/policies.tf#aws_iam_policy.deploy/policy',
    ]);
    expect(ci.unresolved).toEqual([expect.objectContaining({ arn: 'arn:aws:iam::111122223333:policy/shared-deploy', via: 'managed' })]);

    const alice = r.principals.find((p) => p.resource === 'aws_iam_user.alice')!;
    expect(alice.groups).toEqual(['aws_iam_group.ops']);
    expect(alice.policies).toEqual([{ id: 'infra/main.tf#aws_iam_group_policy.ops/policy', via: 'inline', group: 'aws_iam_group.ops' }]);
    expect(alice.sourceMap.locate('/Statement/0/Action').start.line).toBe(12);

    // the attachment of a policy outside the repository is listed; the others have records of their own or link
    expect(r.attachments.map((a) => [a.resource, a.line, a.notes])).toEqual([
      ['aws_iam_role_policy_attachment.ci_shared', 40, ['not analysed: arn:aws:iam::111122223333:policy/shared-deploy (the attached policy is not in the repository or the bundled AWS managed policy snapshot)']],
      ['aws_iam_role_policy_attachment.ci_deploy', 9, []],
    ]);
  });

  it('does not report the statements of an AWS managed policy, but counts what it grants per principal', async () => {
    const r = await scan({ 'infra/main.tf': MAIN_TF, 'infra/policies.tf': POLICIES_TF });
    // ReadOnlyAccess is AWS's text: no per-statement findings on it (retired service prefixes, reads on *)
    expect(r.findings.filter((f) => f.resource === 'aws_iam_role_policy_attachment.ci_readonly')).toEqual([]);
    // the customer managed policy is still checked on its own line
    expect(r.findings.filter((f) => f.resource === 'aws_iam_policy.deploy').map((f) => [f.file, f.line])).toContainEqual(['infra/policies.tf', 5]);
  });
});
