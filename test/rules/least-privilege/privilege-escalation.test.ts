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

describe('escalation paths added from the public catalogues (iam-vulnerable, pathfinding.cloud)', () => {
  const esc = (statement: object) => runRules([privilegeEscalation], { policies: [record('p.json', doc(statement), { type: 'identity' })], entities: [], options: defaultOptions('/repo') });
  const arn = 'arn:aws:iam::111122223333';

  it('updating an existing stack acts with its service role; scoped to the team stacks it is not on every stack', () => {
    expect(esc({ Effect: 'Allow', Action: 'cloudformation:UpdateStack', Resource: '*' })[0]?.message).toContain('UpdateExistingCloudFormationStackWithItsServiceRole via cloudformation:UpdateStack');
    expect(esc({ Effect: 'Allow', Action: 'cloudformation:UpdateStack', Resource: 'arn:aws:cloudformation:us-east-1:111122223333:stack/team-app/*' })).toEqual([]);
  });

  it('glue CreateJob + StartJobRun + PassRole; the role pinned to a glue-only role with PassedToService for another service is not', () => {
    expect(esc({ Effect: 'Allow', Action: ['iam:PassRole', 'glue:CreateJob', 'glue:StartJobRun'], Resource: '*' })[0]?.message).toContain('PassExistingRoleToNewGlueJobThenRun');
    expect(esc({ Effect: 'Allow', Action: ['glue:CreateJob', 'glue:StartJobRun'], Resource: '*' })).toEqual([]);
  });

  it('CodeBuild, SageMaker, ECS and Bedrock agents with PassRole; without PassRole they are not paths', () => {
    const cases: [string[], string][] = [
      [['codebuild:CreateProject', 'codebuild:StartBuild'], 'PassExistingRoleToNewCodeBuildProjectThenBuild'],
      [['sagemaker:CreateTrainingJob'], 'PassExistingRoleToNewSageMakerTrainingJob'],
      [['ecs:RegisterTaskDefinition', 'ecs:RunTask'], 'PassExistingRoleToNewECSTaskViaRunTask'],
      [['bedrock:CreateAgent', 'bedrock:PrepareAgent', 'bedrock:InvokeAgent'], 'PassExistingRoleToNewBedrockAgentThenInvoke'],
    ];
    for (const [actions, method] of cases) {
      expect(esc({ Effect: 'Allow', Action: ['iam:PassRole', ...actions], Resource: '*' })[0]?.message).toContain(method);
      expect(esc({ Effect: 'Allow', Action: actions, Resource: '*' }).filter((f) => f.message.includes(method))).toEqual([]);
      // PassRole only for one named role passed to an unrelated service closes the path
      expect(
        esc({ Effect: 'Allow', Action: ['iam:PassRole', ...actions], Resource: `${arn}:role/app`, Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } }).filter((f) => f.message.includes(method)),
      ).toEqual([]);
    }
  });

  it('CreatePolicyVersion on a pattern matching a policy attached to the principal itself; not when the pattern misses it', () => {
    const role = { kind: 'role' as const, id: 'Deployer', via: 'managed' as const };
    const own = (resource: string) =>
      record('team-deploy.json', doc({ Effect: 'Allow', Action: 'iam:CreatePolicyVersion', Resource: resource }), { type: 'identity', attachedTo: [role], name: 'team-deploy' });
    const run = (resource: string) => runRules([privilegeEscalation], { policies: [own(resource)], entities: [], options: { ...defaultOptions('/repo'), account: '111122223333' } });
    const found = run(`${arn}:policy/team-*`);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain(`Role Deployer can rewrite its own permissions: iam:CreatePolicyVersion (statement 0 of team-deploy) on "${arn}:policy/team-*" covers ${arn}:policy/team-deploy`);
    expect(found[0]!.severity).toBe('error');
    expect(run(`${arn}:policy/other-*`)).toEqual([]);
    expect(run(`${arn}:policy/team-deploy-v2`)).toEqual([]);
  });
});

describe('one statement shared by several principals', () => {
  it('is one finding naming them; an administrator among them gets admin-wildcard, not the paths', () => {
    const at = (id: string) => ({ kind: 'role' as const, id, via: 'managed' as const });
    const shared = record('shared.json', doc({ Effect: 'Allow', Action: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' }), {
      type: 'identity', attachedTo: [at('BuildA'), at('BuildB'), at('Admin')], name: 'build-shared',
    });
    const admin = record('admin.json', doc({ Effect: 'Allow', Action: '*', Resource: '*' }), { type: 'identity', attachedTo: [{ kind: 'role', id: 'Admin', via: 'inline' }] });
    const findings = runRules([privilegeEscalation], { policies: [shared, admin], entities: [], options: defaultOptions('/repo') });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toMatch(/^Roles BuildA, BuildB can escalate their privileges: PassExistingRoleToNewLambdaThenInvoke .* \(one statement shared by 2 principals\)$/);
    expect(findings[0]!.details?.principals).toEqual(['Role BuildA', 'Role BuildB']);
  });
});
