/**
 * Every branch counts: Fn::If over conditions a deployment can change, AllowedValues, FindInMap keyed by a
 * parameter, Fn::Select with a changeable index; a Deny from a resource that may not be created takes nothing away.
 * Dangerous variants must not pass the gate; controls with the value fixed by the config pass.
 */
import { describe, expect, it } from 'vitest';
import { scan } from './scan-helper.js';
import type { Options } from '../../../src/config/options.js';

const HEADER = `AWSTemplateFormatVersion: "2010-09-09"
Parameters:
  Env:
    Type: String
    Default: dev
  Pick:
    Type: Number
    Default: 0
Conditions:
  IsProd: !Equals [!Ref Env, prod]
  IsDev: !Equals [!Ref Env, dev]
Mappings:
  Access:
    dev: { Action: s3:GetObject }
    prod: { Action: "*" }
Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
`;

const inline = (action: string) => `      Policies:
        - PolicyName: app
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: ${action}
                Resource: "*"
`;

/** The ways of writing "s3:GetObject by default, everything in another branch". */
const BRANCHES: { name: string; props: string; params?: string }[] = [
  { name: 'Fn::If over a parameter default', props: inline("!If [IsProd, '*', s3:GetObject]") },
  { name: 'Fn::If on the negated condition', props: inline("!If [IsDev, s3:GetObject, '*']") },
  { name: 'Fn::FindInMap keyed by the parameter', props: inline('!FindInMap [Access, !Ref Env, Action]') },
  { name: 'Fn::Select with a parameter index', props: inline("!Select [!Ref Pick, [s3:GetObject, '*']]") },
  {
    name: 'Fn::If choosing the whole Policies list',
    props: `      Policies: !If
        - IsProd
        - - PolicyName: admin
            PolicyDocument:
              Version: "2012-10-17"
              Statement:
                - Effect: Allow
                  Action: "*"
                  Resource: "*"
        - !Ref AWS::NoValue
`,
  },
  {
    name: 'Fn::If choosing a managed policy',
    props: "      ManagedPolicyArns:\n        - !If [IsProd, arn:aws:iam::aws:policy/AdministratorAccess, arn:aws:iam::aws:policy/ReadOnlyAccess]\n",
  },
];

const fixed = (values: Record<string, unknown>) => (o: Options) => {
  o.cfnParameters = [{ files: ['**'], values }];
};

describe('every branch counts', () => {
  for (const b of BRANCHES) {
    it(`${b.name}: the wider branch fails the gate, named in the finding`, async () => {
      const r = await scan({ 't.yaml': HEADER + b.props });
      expect(r.verdict.status).not.toBe('pass');
      const admin = r.findings.filter((f) => ['admin-wildcard', 'aws-managed-admin-policy', 'privilege-escalation'].includes(f.ruleId));
      expect(admin.length, JSON.stringify(r.findings.map((f) => [f.ruleId, f.message]))).toBeGreaterThan(0);
      expect(admin.map((f) => f.message).join("\n")).toMatch(/\(when [^)]*(IsProd|not IsDev|is prod|is 1)[^)]*\)/);
    });
  }

  it('a parameter with AllowedValues: every allowed value is analysed', async () => {
    const text = HEADER.replace('  Pick:', '  Verb:\n    Type: String\n    Default: s3:GetObject\n    AllowedValues: [s3:GetObject, "iam:*"]\n  Pick:') + inline('!Ref Verb');
    const r = await scan({ 't.yaml': text });
    expect(r.verdict.status).not.toBe('pass');
    expect(r.findings.some((f) => /iam/.test(f.message) && /when Verb is iam:\*/.test(f.message))).toBe(true);
  });

  it('control: the config fixes Env, only that branch is analysed and the gate passes', async () => {
    for (const b of BRANCHES.slice(0, 3)) {
      const r = await scan({ 't.yaml': HEADER + b.props.replace('Resource: "*"', 'Resource: arn:aws:s3:::reports/*') }, fixed({ Env: 'dev', Pick: 0 }));
      expect(r.verdict.status, `${b.name}: ${JSON.stringify(r.findings.map((f) => f.message))}`).toBe('pass');
    }
  });

  it('a policy identical in every branch is one record, without a branch', async () => {
    const r = await scan({ 't.yaml': HEADER + inline("!If [IsProd, s3:GetObject, s3:GetObject]") });
    const recs = r.policies.filter((p) => p.propertyPath === 'Policies/0/PolicyDocument');
    expect(recs).toHaveLength(1);
    expect(recs[0]!.when).toBeUndefined();
  });

  it('combinations of conditions are bounded: past the limit the verdict is incomplete, never a partial pass', async () => {
    const n = 8;
    const params = Array.from({ length: n }, (_x, i) => `  P${i}:\n    Type: String\n    Default: a\n`).join('');
    const conds = Array.from({ length: n }, (_x, i) => `  C${i}: !Equals [!Ref P${i}, b]\n`).join('');
    const actions = Array.from({ length: n }, (_x, i) => `                  - !If [C${i}, s3:PutObject, s3:GetObject]`).join('\n');
    const text = `Parameters:\n${params}Conditions:\n${conds}Resources:
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Resource: arn:aws:s3:::reports/*
            Action:
${actions}
`;
    const r = await scan({ 't.yaml': text });
    expect(r.verdict.status).toBe('incomplete');
    expect(r.errors.map((e) => e.message).join('\n')).toMatch(/more than 64 combinations/);
  });
});

describe('a Deny that may not exist takes nothing away', () => {
  const escalation = (guard: string) => `${HEADER}${inline('iam:CreatePolicyVersion')}  Guard:
    Type: AWS::IAM::Policy
${guard}    Properties:
      PolicyName: guard
      Roles: [!Ref AppRole]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            Action: iam:CreatePolicyVersion
            Resource: "*"
`;
  const escalates = async (text: string, configure?: (o: Options) => void) =>
    (await scan({ 't.yaml': text }, configure)).findings.some((f) => f.ruleId === 'privilege-escalation');

  it('Condition false by default', async () => {
    expect(await escalates(escalation('    Condition: IsProd\n'))).toBe(true);
  });
  it('Condition true by default but a parameter can turn it off', async () => {
    expect(await escalates(escalation('    Condition: IsDev\n'))).toBe(true);
  });
  it('Condition certainly true (the config sets the parameter): the Deny counts', async () => {
    expect(await escalates(escalation('    Condition: IsDev\n'), fixed({ Env: 'dev' }))).toBe(false);
  });
  it('control: an unconditional Deny counts', async () => {
    expect(await escalates(escalation(''))).toBe(false);
  });
  it('a Deny in one branch of an If only: the other branch keeps the escalation', async () => {
    const text = escalation('').replace("            Action: iam:CreatePolicyVersion\n            Resource: \"*\"\n", "            Action: !If [IsDev, iam:CreatePolicyVersion, s3:DeleteBucket]\n            Resource: \"*\"\n");
    expect(await escalates(text)).toBe(true);
  });

  const linked = (arns: string) => `${HEADER}${inline('iam:CreatePolicyVersion')}${arns}  Guard:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Deny
            Action: iam:CreatePolicyVersion
            Resource: "*"
`;
  it('a Deny managed policy attached only in one branch (ManagedPolicyArns: !If) takes nothing away', async () => {
    const arns = '      ManagedPolicyArns: !If [IsDev, [!Ref Guard], !Ref AWS::NoValue]\n';
    expect(await escalates(linked(arns))).toBe(true);
  });
  it('control: the Deny managed policy attached unconditionally counts', async () => {
    expect(await escalates(linked('      ManagedPolicyArns: [!Ref Guard]\n'))).toBe(false);
  });
});

describe('Fn::FindInMap with a DefaultValue keyed by an input', () => {
  it('a key not in the map is a branch: the DefaultValue "*" is analysed (named), the present keys too', async () => {
    const tpl = `Transform: AWS::LanguageExtensions
Mappings:
  Acts:
    us-west-2: {a: s3:GetObject}
Resources:
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: !FindInMap [Acts, !Ref "AWS::Region", a, {DefaultValue: "*"}]
            Resource: "*"
`;
    const r = await scan({ 'stack.yaml': tpl });
    expect(r.findings.map((f) => f.ruleId)).toContain('admin-wildcard');
  });
});
