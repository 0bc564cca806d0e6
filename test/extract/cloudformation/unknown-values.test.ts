/**
 * Values the repository does not decide (parameters without default, SSM parameter types, ImportValue, dynamic
 * references, custom resource attributes) in positions that decide access: analysed at their worst and said so, or
 * the verdict is incomplete. Each dangerous variant must not pass the gate; benign controls pass.
 */
import { describe, expect, it } from 'vitest';
import { scan } from './scan-helper.js';
import type { GateResult } from '../../../src/result.js';

const TRUST = `      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
`;

/** A role with one inline statement; `params` and `extra` resources as YAML. */
function role(statement: string, params = '', extra = ''): string {
  return `AWSTemplateFormatVersion: "2010-09-09"
${params ? `Parameters:\n${params}` : ''}
Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
${TRUST}      Policies:
        - PolicyName: app
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
${statement}
${extra}`;
}

const stmt = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([k, v], i) => `${i === 0 ? '              - ' : '                '}${k}: ${v}`)
    .join('\n');

const notPassed = (r: GateResult) => expect(r.verdict.status, JSON.stringify(r.findings.map((f) => f.message))).not.toBe('pass');

/** Ways of writing a value the repository does not decide, with the parameters they need. */
const UNKNOWN: { name: string; expr: string; params?: string; extra?: string }[] = [
  { name: 'parameter without default', expr: '!Ref Choice', params: '  Choice:\n    Type: String\n' },
  { name: 'Sub of a parameter without default', expr: "!Sub '${Choice}'", params: '  Choice:\n    Type: String\n' },
  { name: 'SSM parameter type (even with a default)', expr: '!Ref Choice', params: "  Choice:\n    Type: AWS::SSM::Parameter::Value<String>\n    Default: /app/choice\n" },
  { name: 'ImportValue', expr: '!ImportValue shared-choice' },
  { name: 'dynamic reference (ssm)', expr: "'{{resolve:ssm:/app/choice}}'" },
  { name: 'dynamic reference (secretsmanager)', expr: "'{{resolve:secretsmanager:app:SecretString:choice}}'" },
  {
    name: 'custom resource attribute',
    expr: '!GetAtt Lookup.Value',
    extra: '  Lookup:\n    Type: Custom::Lookup\n    Properties:\n      ServiceToken: arn:aws:lambda:us-east-1:123456789012:function:lookup\n',
  },
];

describe('unknown values in positions that decide access are their worst case', () => {
  for (const u of UNKNOWN) {
    it(`Action from a ${u.name} on every resource: analysed as "*" and said so`, async () => {
      const r = await scan({ 't.yaml': role(stmt({ Effect: 'Allow', Action: u.expr, Resource: "'*'" }), u.params, u.extra) });
      notPassed(r);
      const admin = r.findings.find((f) => f.ruleId === 'admin-wildcard');
      expect(admin?.message).toMatch(/analysed as "\*"/);
    });
    it(`Principal from a ${u.name} in a trust policy: anyone`, async () => {
      const text = `AWSTemplateFormatVersion: "2010-09-09"
${u.params ? `Parameters:\n${u.params}` : ''}
Resources:
  Assumable:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: ${u.expr} }
            Action: sts:AssumeRole
${u.extra ?? ''}`;
      const r = await scan({ 't.yaml': text });
      notPassed(r);
      expect(r.findings.some((f) => f.ruleId === 'trust-any-principal')).toBe(true);
    });
  }

  it('an unknown Effect on a full-access statement is Allow', async () => {
    const r = await scan({ 't.yaml': role(stmt({ Effect: '!Ref Eff', Action: "'*'", Resource: "'*'" }), '  Eff:\n    Type: String\n') });
    notPassed(r);
    expect(r.findings.some((f) => f.ruleId === 'admin-wildcard')).toBe(true);
  });

  it('a condition whose value is unknown narrows nothing', async () => {
    const statement = `${stmt({ Effect: 'Allow', Action: "'*'", Resource: "'*'" })}
                Condition:
                  IpAddress:
                    aws:SourceIp: !Ref Office`;
    const r = await scan({ 't.yaml': role(statement, '  Office:\n    Type: String\n') });
    notPassed(r);
    const p = r.policies.find((x) => x.propertyPath === 'Policies/0/PolicyDocument')!;
    expect((p.document as { Statement: Record<string, unknown>[] }).Statement[0]!.Condition).toBeUndefined();
    expect(p.notes?.join('\n')).toMatch(/condition narrows nothing/);
  });

  it('a partly unknown Action keeps its known part (s3:${P} is s3:*)', async () => {
    const r = await scan({ 't.yaml': role(stmt({ Effect: 'Allow', Action: "!Sub 's3:${Verb}'", Resource: "'*'" }), '  Verb:\n    Type: String\n') });
    const p = r.policies.find((x) => x.propertyPath === 'Policies/0/PolicyDocument')!;
    expect((p.document as { Statement: { Action: unknown }[] }).Statement[0]!.Action).toBe('s3:*');
    notPassed(r);
  });

  it('a Deny whose Action is unknown takes nothing away (the escalation stays)', async () => {
    const statement = `${stmt({ Effect: 'Allow', Action: 'iam:CreatePolicyVersion', Resource: "'*'" })}
${stmt({ Effect: 'Deny', Action: '!Ref Blocked', Resource: "'*'" })}`;
    const r = await scan({ 't.yaml': role(statement, '  Blocked:\n    Type: String\n') });
    expect(r.findings.some((f) => f.ruleId === 'privilege-escalation')).toBe(true);
  });

  it('control: the same Deny with its Action written takes the escalation away', async () => {
    const statement = `${stmt({ Effect: 'Allow', Action: 'iam:CreatePolicyVersion', Resource: "'*'" })}
${stmt({ Effect: 'Deny', Action: 'iam:CreatePolicyVersion', Resource: "'*'" })}`;
    const r = await scan({ 't.yaml': role(statement) });
    expect(r.findings.some((f) => f.ruleId === 'privilege-escalation')).toBe(false);
  });

  it('a Deny whose NotAction is unknown denies nothing', async () => {
    const statement = `${stmt({ Effect: 'Allow', Action: 'iam:CreatePolicyVersion', Resource: "'*'" })}
${stmt({ Effect: 'Deny', NotAction: '!Ref Allowed', Resource: "'*'" })}`;
    const r = await scan({ 't.yaml': role(statement, '  Allowed:\n    Type: String\n') });
    expect(r.findings.some((f) => f.ruleId === 'privilege-escalation')).toBe(true);
  });

  it('a whole policy document from a parameter makes the verdict incomplete', async () => {
    const text = `Parameters:
  Doc:
    Type: String
Resources:
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: !Ref Doc
`;
    const r = await scan({ 't.yaml': text });
    expect(r.verdict.status).toBe('incomplete');
    expect(r.errors.map((e) => e.message).join('\n')).toMatch(/P\.PolicyDocument: the policy document is text built from !Ref Doc/);
  });

  it('a whole statement from an imported value makes the verdict incomplete', async () => {
    const text = role('              - !ImportValue shared-statement');
    const r = await scan({ 't.yaml': text });
    expect(r.verdict.status).toBe('incomplete');
  });

  it('control: a parameter with a default, or one the config sets, is analysed with that value', async () => {
    const withDefault = role(stmt({ Effect: 'Allow', Action: 's3:GetObject', Resource: "!Sub 'arn:aws:s3:::${Bucket}/*'" }), '  Bucket:\n    Type: String\n    Default: reports\n');
    const r1 = await scan({ 't.yaml': withDefault });
    expect(r1.verdict.status).toBe('pass');
    const configured = role(stmt({ Effect: 'Allow', Action: '!Ref Verb', Resource: "'arn:aws:s3:::reports/*'" }), '  Verb:\n    Type: String\n');
    const r2 = await scan({ 't.yaml': configured }, (o) => {
      o.cfnParameters = [{ files: ['**'], values: { Verb: 's3:GetObject' } }];
    });
    expect(r2.verdict.status).toBe('pass');
  });
});
