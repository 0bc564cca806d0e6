/**
 * Content generated or held outside the repository is never harmless: nested Fn::ForEach, AWS::Include and macros,
 * managed policies attached by ARN whose document is elsewhere, and attachment by name (a policy lands on the
 * principal AWS attaches it to, never on a look-alike logical id).
 */
import { describe, expect, it } from 'vitest';
import { scan } from './scan-helper.js';

const TRUST = `      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
`;

describe('Fn::ForEach (language extensions)', () => {
  const loops = (outer: string, inner: string, params = '') => `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::LanguageExtensions
${params}Resources:
  Fn::ForEach::Teams:
    - Team
    - ${outer}
    - Fn::ForEach::Tiers:
        - Tier
        - ${inner}
        - \${Team}\${Tier}Role:
            Type: AWS::IAM::Role
            Properties:
${TRUST.replace(/^/gm, '        ').replace(/\n\s+$/, '\n')}              Policies:
                - PolicyName: !Sub \${Team}-\${Tier}
                  PolicyDocument:
                    Version: "2012-10-17"
                    Statement:
                      - Effect: Allow
                        Action: !If [IsAdminTier, "*", s3:GetObject]
                        Resource: "*"
`;
  const withCond = (t: string) => t.replace('Resources:', 'Conditions:\n  IsAdminTier: !Equals [a, a]\nResources:');

  it('nested loops are expanded at every level (each generated role analysed)', async () => {
    const r = await scan({ 't.yaml': withCond(loops('[Payments, Search]', '[Web, Batch, Ops]')) });
    const roles = new Set(r.policies.filter((p) => p.propertyPath.startsWith('Policies/')).map((p) => p.resource));
    expect([...roles].sort()).toEqual(['PaymentsBatchRole', 'PaymentsOpsRole', 'PaymentsWebRole', 'SearchBatchRole', 'SearchOpsRole', 'SearchWebRole']);
    expect(r.verdict.status).not.toBe('pass');
  });

  it('a loop over a collection the gate cannot know makes the verdict incomplete, never 0 policies and a pass', async () => {
    const params = 'Parameters:\n  Tiers:\n    Type: CommaDelimitedList\n';
    const text = withCond(loops('[Payments]', '!Ref Tiers', params)).replace('!If [IsAdminTier, "*", s3:GetObject]', 's3:GetObject').replace('Resource: "*"', 'Resource: arn:aws:s3:::x/*');
    const r = await scan({ 't.yaml': text });
    expect(r.verdict.status).toBe('incomplete');
    expect(r.errors.map((e) => e.message).join('\n')).toMatch(/Fn::ForEach::Tiers: the collection is not known offline/);
  });

  it('control: a loop over a literal list with narrow policies passes', async () => {
    const text = withCond(loops('[Payments]', '[Web]')).replace('!If [IsAdminTier, "*", s3:GetObject]', 's3:GetObject').replace('Resource: "*"', 'Resource: arn:aws:s3:::x/*');
    const r = await scan({ 't.yaml': text });
    expect(r.verdict.status, JSON.stringify([r.findings.map((f) => f.message), r.errors])).toBe('pass');
  });
});

describe('AWS::Include and macros', () => {
  const base = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Queue:
    Type: AWS::SQS::Queue
`;
  const cases: [string, string][] = [
    ['Fn::Transform AWS::Include in Resources (s3://)', base + '  Fn::Transform:\n    Name: AWS::Include\n    Parameters:\n      Location: s3://bucket/roles.yaml\n'],
    ['Transform: AWS::Include at the top (https)', base.replace('Resources:', 'Transform:\n  Name: AWS::Include\n  Parameters:\n    Location: https://bucket.s3.amazonaws.com/x.yaml\nResources:')],
    ['a custom macro in Transform', base.replace('Resources:', 'Transform: [AWS::Serverless-2016-10-31, AddAdminRole]\nResources:')],
    ['a custom macro called in place', base + '    Properties:\n      Fn::Transform:\n        Name: AddPolicy\n        Parameters: {}\n'],
  ];
  for (const [name, text] of cases) {
    it(`${name}: the verdict is incomplete, with the location`, async () => {
      const r = await scan({ 't.yaml': text });
      expect(r.verdict.status).toBe('incomplete');
      expect(r.errors.length).toBeGreaterThan(0);
      expect(r.errors[0]!.line).toBeGreaterThan(1);
    });
  }
  it('control: the SAM and language-extension transforms are not macros', async () => {
    const r = await scan({ 't.yaml': base.replace('Resources:', 'Transform: [AWS::LanguageExtensions, AWS::Serverless-2016-10-31]\nResources:') });
    expect(r.verdict.status).toBe('pass');
  });
});

describe('managed policies outside the repository', () => {
  const roleWith = (arns: string, params = '', extra = '') => `AWSTemplateFormatVersion: "2010-09-09"
${params}Resources:
  Deployer:
    Type: AWS::IAM::Role
    Properties:
${TRUST}      ManagedPolicyArns:
${arns}
${extra}`;
  const customer = [
    ['a literal customer ARN', "        - arn:aws:iam::111122223333:policy/platform/deployer"],
    ['a Sub with the account id', "        - !Sub arn:aws:iam::${AWS::AccountId}:policy/deployer"],
    ['an imported account', "        - !Sub ['arn:aws:iam::${A}:policy/deployer', { A: !ImportValue shared-account }]"],
  ] as const;
  for (const [name, arns] of customer) {
    it(`${name}: incomplete, naming the policy and the role`, async () => {
      const r = await scan({ 't.yaml': roleWith(arns) });
      expect(r.verdict.status).toBe('incomplete');
      expect(r.errors.map((e) => e.message).join('\n')).toMatch(/policy arn:aws:iam::[^ ]+:policy\/(platform\/)?deployer is attached to role Deployer but its document is not in the repository/);
    });
  }
  it('SAM Policies with a customer ARN: incomplete', async () => {
    const text = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      CodeUri: src/
      Policies:
        - arn:aws:iam::111122223333:policy/shared-data
`;
    const r = await scan({ 't.yaml': text });
    expect(r.verdict.status).toBe('incomplete');
  });
  it('control: listed in external-policies (a wildcard pattern), the verdict passes and the principal says why', async () => {
    const r = await scan({ 't.yaml': roleWith(customer[0][1]) }, (o) => {
      o.externalPolicies = [{ arn: 'arn:aws:iam::111122223333:policy/platform/*', reason: 'reviewed by the platform team' }];
    });
    expect(r.verdict.status).toBe('pass');
    expect(r.principals.find((p) => p.resource === 'Deployer')!.notes.join('\n')).toMatch(/reviewed by the platform team/);
  });
  it('control: a customer managed policy the template creates is analysed, not a gap', async () => {
    const extra = `  DeployPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: deployer
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: s3:GetObject
            Resource: arn:aws:s3:::artifacts/*
`;
    const r = await scan({ 't.yaml': roleWith("        - !Sub arn:aws:iam::${AWS::AccountId}:policy/deployer", '', extra) });
    expect(r.verdict.status).toBe('pass');
  });
  it('an ARN from a parameter without default is analysed as AdministratorAccess, and said so', async () => {
    const r = await scan({ 't.yaml': roleWith('        - !Ref ExtraPolicy', 'Parameters:\n  ExtraPolicy:\n    Type: String\n') });
    expect(r.verdict.status).not.toBe('pass');
    const rec = r.policies.find((p) => p.awsManaged?.endsWith('/AdministratorAccess'))!;
    expect(rec.notes?.join('\n')).toMatch(/comes from !Ref ExtraPolicy, which the repository does not decide: analysed as arn:aws:iam::aws:policy\/AdministratorAccess/);
  });
  it('an AWS managed policy the snapshot does not know: incomplete', async () => {
    const r = await scan({ 't.yaml': roleWith('        - arn:aws:iam::aws:policy/NotARealPolicyName') });
    expect(r.verdict.status).toBe('incomplete');
  });
  it('control: an AWS managed policy from the snapshot is analysed', async () => {
    const r = await scan({ 't.yaml': roleWith('        - arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess') });
    expect(r.errors).toEqual([]);
  });
});

describe('attribution by name', () => {
  const escalating = (decoyName: string, guardRoles: string) => `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Decoy:
    Type: AWS::IAM::Role
    Properties:
      RoleName: ${decoyName}
${TRUST}  AdminRole:
    Type: AWS::IAM::Role
    Properties:
${TRUST}      Policies:
        - PolicyName: esc
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: iam:CreatePolicyVersion
                Resource: "*"
  Guard:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: guard
      Roles: ${guardRoles}
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            Action: iam:CreatePolicyVersion
            Resource: "*"
`;
  const escalation = async (text: string) => (await scan({ 't.yaml': text })).findings.filter((f) => f.ruleId === 'privilege-escalation');

  it("a role named like another role's logical id does not take that role's Deny or Allow", async () => {
    // the Deny is on Decoy (physical name "AdminRole"); AdminRole (the logical id) keeps its escalation
    const f = await escalation(escalating('AdminRole', '[!Ref Decoy]'));
    expect(f.map((x) => x.resource)).toEqual(['AdminRole']);
  });
  it('a Deny attached by a name no role of the template has goes to that (external) role, not to the logical id', async () => {
    const f = await escalation(escalating('decoy-role', '[AdminRole]'));
    expect(f.map((x) => x.resource)).toEqual(['AdminRole']);
    const r = await scan({ 't.yaml': escalating('decoy-role', '[AdminRole]') });
    expect(r.policies.find((p) => p.resource === 'Guard')!.notes?.join('\n')).toMatch(/role named AdminRole, which this template does not declare/);
  });
  it('control: the Deny attached with !Ref AdminRole takes the escalation away', async () => {
    expect(await escalation(escalating('AdminRole', '[!Ref AdminRole]'))).toEqual([]);
  });
  it('control: the Deny attached by the physical name of AdminRole takes the escalation away', async () => {
    const text = escalating('decoy-role', '[admin-role]').replace('  AdminRole:\n    Type: AWS::IAM::Role\n    Properties:\n', '  AdminRole:\n    Type: AWS::IAM::Role\n    Properties:\n      RoleName: admin-role\n');
    expect(await escalation(text)).toEqual([]);
  });
});

describe('nested stacks: what the parent passes counts in every branch', () => {
  const child = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Verb:
    Type: String
    Default: s3:GetObject
Resources:
  Worker:
    Type: AWS::IAM::Role
    Properties:
${TRUST}      Policies:
        - PolicyName: work
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: !Ref Verb
                Resource: "*"
`;
  const parent = (verb: string, extra = '') => `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
    Default: dev
  Outside:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Workers:
    Type: AWS::CloudFormation::Stack
    Properties:
      TemplateURL: ./child.yaml
      Parameters:
        Verb: ${verb}
${extra}`;
  const admin = (r: Awaited<ReturnType<typeof scan>>) => r.findings.filter((f) => f.ruleId === 'admin-wildcard');

  it('a parent passing "*" in one branch of an If: the child is analysed with it', async () => {
    const r = await scan({ 'parent.yaml': parent("!If [IsProd, '*', s3:GetObject]"), 'child.yaml': child });
    expect(admin(r).map((f) => f.message).join('\n')).toMatch(/when IsProd/);
  });
  it('a parent passing a value from outside the repository: the child analyses it at its worst, not with its default', async () => {
    const r = await scan({ 'parent.yaml': parent('!Ref Outside'), 'child.yaml': child });
    expect(admin(r).length).toBeGreaterThan(0);
    expect(r.verdict.status).not.toBe('pass');
  });
  it('control: a parent passing a narrow literal passes', async () => {
    const r = await scan({ 'parent.yaml': parent('s3:GetObject'), 'child.yaml': child.replace('Resource: "*"', 'Resource: arn:aws:s3:::x/*') });
    expect(r.verdict.status, JSON.stringify(r.findings.map((f) => f.message))).toBe('pass');
  });
});
