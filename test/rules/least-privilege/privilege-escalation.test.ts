import { describe, expect, it } from 'vitest';
import { ruleTester } from '../../helpers/rule-tester.js';
import { record } from '../../helpers/records.js';
import { privilegeEscalation } from '../../../src/checks/rules/privilege-escalation.js';
import { runRules } from '../../../src/checks/rules/run.js';
import { defaultOptions } from '../../../src/config/options.js';
import { ESCALATION_METHODS } from '../../../src/checks/least-privilege/risk-data.js';
import { expandActionPattern } from '../../../src/engine/actions.js';

const doc = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });

ruleTester(privilegeEscalation, {
  valid: [
    { name: 'read-only IAM', code: doc({ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' }) },
    { name: 'PassRole without any service to pass to', code: doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }) },
    {
      name: 'CreateAccessKey only for the caller itself (policy variable)',
      code: doc({ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: 'arn:aws:iam::111122223333:user/${aws:username}' }),
    },
    {
      name: 'attach policies only to tagged roles (narrowing condition)',
      code: doc({ Effect: 'Allow', Action: 'iam:AttachRolePolicy', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/sandbox': 'true' } } }),
    },
    { name: 'denied unconditionally', code: doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }, { Effect: 'Deny', Action: 'iam:*', Resource: '*' }) },
  ],
  invalid: [
    {
      name: 'PassRole + Lambda, statements named',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Pass",
      "Effect": "Allow",
      "Action": "iam:PassRole",
      "Resource": "*"
    },
    {
      "Sid": "Functions",
      "Effect": "Allow",
      "Action": ["lambda:CreateFunction", "lambda:InvokeFunction"],
      "Resource": "*"
    }
  ]
}`,
      errors: [
        {
          line: 7,
          message: 'PassExistingRoleToNewLambdaThenInvoke via iam:PassRole (statement "Pass") + lambda:CreateFunction (statement "Functions") + lambda:InvokeFunction (statement "Functions")',
          severity: 'error',
        },
      ],
    },
    {
      name: 'NotResource is every resource (cloudsplaining misses this); unrelated condition does not help',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "iam:*",
      "NotResource": "arn:aws:iam::111122223333:role/admin",
      "Condition": { "Bool": { "aws:SecureTransport": "true" } }
    }
  ]
}`,
      errors: [{ line: 6, message: /CreateAccessKey via iam:CreateAccessKey/ }],
    },
    {
      name: 'a path only the gate knows is a security warning',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "ssm:StartSession",
      "Resource": "*"
    }
  ]
}`,
      errors: [{ line: 6, message: 'StartSessionOnInstances via ssm:StartSession (statement 0)', severity: 'security-warning' }],
    },
    {
      name: 'NotAction grants iam:CreatePolicyVersion',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "NotAction": ["s3:*", "ec2:*"],
      "Resource": "*"
    }
  ]
}`,
      errors: [{ line: 6, message: /CreateNewPolicyVersion via iam:CreatePolicyVersion/ }],
    },
  ],
});

describe('privilege escalation per principal', () => {
  const role = { kind: 'role' as const, id: 'BuildRole', via: 'inline' as const };
  it('combines the inline and managed policies of a role and names both', () => {
    const inline = record('template.json', `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "iam:PassRole",
      "Resource": "*"
    }
  ]
}`, { type: 'identity', attachedTo: [role], name: 'inline-pass' });
    const managed = record('managed.json', `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["cloudformation:CreateStack", "cloudformation:DescribeStacks"],
      "Resource": "*"
    }
  ]
}`, { type: 'identity', attachedTo: [{ ...role, via: 'managed' }], name: 'deployer' });
    const other = record('other.json', doc({ Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*' }), { type: 'identity', attachedTo: [{ kind: 'role', id: 'OtherRole', via: 'inline' }] });
    const findings = runRules([privilegeEscalation], { policies: [inline, managed, other], entities: [], options: defaultOptions('/repo') });
    expect(findings.map((f) => [f.file, f.line])).toEqual([['template.json', 6]]);
    expect(findings[0]!.message).toContain('Role BuildRole can escalate its privileges: PassExistingRoleToCloudFormation via iam:PassRole (statement 0 of inline-pass) + cloudformation:CreateStack (statement 0 of deployer)');
    const d = findings[0]!.details as { contributingStatements: string[] };
    expect(d.contributingStatements).toEqual([`${inline.id}/Statement/0`, `${managed.id}/Statement/0`]);
  });

  it('a permissions boundary grants nothing', () => {
    const boundary = record('b.json', doc({ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: '*' }), { type: 'identity', attachedTo: [{ ...role, via: 'boundary' }] });
    expect(runRules([privilegeEscalation], { policies: [boundary], entities: [], options: defaultOptions('/repo') })).toEqual([]);
  });

  it('knows all 59 cloudsplaining methods, each required action exists in the catalogue', () => {
    expect(ESCALATION_METHODS.filter((m) => m.source !== 'gate')).toHaveLength(59);
    const missing = ESCALATION_METHODS.flatMap((m) => m.actions).filter((a) => expandActionPattern(a).length !== 1);
    expect(missing).toEqual([]);
  });
});
