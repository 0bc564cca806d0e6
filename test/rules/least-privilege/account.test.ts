import { describe, expect, it } from 'vitest';
import { entity, record } from '../../helpers/records.js';
import { runRules } from '../../../src/checks/rules/run.js';
import { defaultOptions } from '../../../src/config/options.js';
import type { IamEntity, PolicyRecord } from '../../../src/policy/types.js';
import type { Rule } from '../../../src/checks/rules/types.js';
import { accessKeyLongLived } from '../../../src/checks/rules/access-key-long-lived.js';
import { userDirectPolicy } from '../../../src/checks/rules/user-direct-policy.js';
import { loginProfileNoReset } from '../../../src/checks/rules/login-profile-no-reset.js';
import { userTooManyGroups } from '../../../src/checks/rules/user-too-many-groups.js';
import { weakPasswordPolicy } from '../../../src/checks/rules/weak-password-policy.js';
import { awsManagedAdminPolicy } from '../../../src/checks/rules/aws-managed-admin-policy.js';

function run(rule: Rule, entities: IamEntity[], policies: PolicyRecord[] = []) {
  return runRules([rule], { policies, entities, options: defaultOptions('/repo') }).map((f) => ({ line: f.line, message: f.message, severity: f.severity }));
}

describe('access-key-long-lived', () => {
  it('reports an active key on its resource, an inactive one as a suggestion; users alone are fine', () => {
    const key = entity('access-key', 'DeployKey', 'AWS::IAM::AccessKey', `{
  "UserName": "deployer"
}`);
    const tfKey = entity('access-key', 'aws_iam_access_key.old', 'aws_iam_access_key', `{
  "user": "legacy",
  "status": "Inactive"
}`, 'main.tf.json');
    const user = entity('user', 'Deployer', 'AWS::IAM::User', '{ "UserName": "deployer" }');
    expect(run(accessKeyLongLived, [key, tfKey, user])).toEqual([
      { line: 1, message: 'DeployKey creates a long-lived access key for IAM user deployer; use a role with temporary credentials instead.', severity: 'warning' },
      { line: 1, message: expect.stringContaining('(inactive for now)'), severity: 'suggestion' },
    ]);
  });
});

describe('user-direct-policy', () => {
  it('reports inline policies on users, ManagedPolicyArns on users and attachment resources', () => {
    const user = entity('user', 'Alice', 'AWS::IAM::User', `{
  "UserName": "alice",
  "ManagedPolicyArns": [
    "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
  ]
}`);
    const attach = entity('managed-policy-attachment', 'aws_iam_user_policy_attachment.bob', 'aws_iam_user_policy_attachment', `{
  "policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess",
  "user": "bob"
}`);
    const roleAttach = entity('managed-policy-attachment', 'aws_iam_role_policy_attachment.app', 'aws_iam_role_policy_attachment', '{ "role": "app", "policy_arn": "arn:aws:iam::aws:policy/ReadOnlyAccess" }');
    const inline = record('policy.json', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }, {
      type: 'identity', attachedTo: [{ kind: 'user', id: 'Carol', via: 'inline' }], name: 'carol-s3',
    });
    expect(run(userDirectPolicy, [user, attach, roleAttach], [inline])).toEqual([
      { line: 1, message: 'Inline policy carol-s3 is attached directly to IAM user Carol; attach it to a group instead.', severity: 'suggestion' },
      { line: 4, message: expect.stringContaining('AmazonS3ReadOnlyAccess is attached directly to IAM user Alice'), severity: 'suggestion' },
      { line: 3, message: 'aws_iam_user_policy_attachment.bob attaches a policy directly to IAM user bob; attach it to a group instead.', severity: 'suggestion' },
    ]);
  });
});

describe('login-profile-no-reset', () => {
  it('CloudFormation LoginProfile and Terraform aws_iam_user_login_profile', () => {
    const cfn = entity('user', 'Alice', 'AWS::IAM::User', `{
  "UserName": "alice",
  "LoginProfile": {
    "Password": "{{resolve:secretsmanager:alice}}",
    "PasswordResetRequired": false
  }
}`);
    const ok = entity('user', 'Bob', 'AWS::IAM::User', '{ "LoginProfile": { "Password": "x", "PasswordResetRequired": true } }');
    const tf = entity('login-profile', 'aws_iam_user_login_profile.carol', 'aws_iam_user_login_profile', `{
  "user": "carol",
  "pgp_key": "keybase:carol"
}`);
    const tfOk = entity('login-profile', 'aws_iam_user_login_profile.dan', 'aws_iam_user_login_profile', '{ "user": "dan", "password_reset_required": true }');
    expect(run(loginProfileNoReset, [cfn, ok, tf, tfOk])).toEqual([
      { line: 5, message: 'IAM user Alice gets a console password with PasswordResetRequired false: the password written in code stays valid.', severity: 'warning' },
      { line: 1, message: expect.stringContaining('IAM user carol a console password without password_reset_required = true'), severity: 'warning' },
    ]);
  });
});

describe('user-too-many-groups', () => {
  it('counts the user\'s Groups and membership resources together', () => {
    const user = entity('user', 'aws_iam_user.alice', 'aws_iam_user', `{
  "name": "alice"
}`);
    const m1 = entity('group-membership', 'aws_iam_user_group_membership.a', 'aws_iam_user_group_membership', JSON.stringify({ user: 'alice', groups: ['g1', 'g2', 'g3', 'g4', 'g5', 'g6'] }));
    const m2 = entity('group-membership', 'aws_iam_group_membership.ops', 'aws_iam_group_membership', JSON.stringify({ group: 'ops', users: ['alice', 'bob'] }));
    const m3 = entity('group-membership', 'aws_iam_user_group_membership.b', 'aws_iam_user_group_membership', JSON.stringify({ user: 'alice', groups: ['g7', 'g8', 'g9', 'g10'] }));
    const bob = entity('user', 'aws_iam_user.bob', 'aws_iam_user', '{ "name": "bob" }');
    expect(run(userTooManyGroups, [user, m1, m2, bob])).toEqual([]);
    expect(run(userTooManyGroups, [user, m1, m2, m3, bob])).toEqual([
      { line: 1, message: expect.stringContaining('IAM user aws_iam_user.alice is in 11 groups'), severity: 'warning' },
    ]);
  });
});

describe('weak-password-policy', () => {
  it('reports weak settings on their lines and missing ones together', () => {
    const pp = entity('password-policy', 'aws_iam_account_password_policy.strict', 'aws_iam_account_password_policy', `{
  "minimum_password_length": 8,
  "require_lowercase_characters": true,
  "require_uppercase_characters": true,
  "require_numbers": true,
  "require_symbols": false,
  "password_reuse_prevention": 24,
  "max_password_age": 90
}`, 'main.tf.json');
    expect(run(weakPasswordPolicy, [pp])).toEqual([
      { line: 2, message: expect.stringContaining('minimum_password_length = 8; expected at least 14 characters'), severity: 'warning' },
      { line: 6, message: expect.stringContaining('require_symbols = false'), severity: 'warning' },
    ]);
    const empty = entity('password-policy', 'aws_iam_account_password_policy.p', 'aws_iam_account_password_policy', '{ "minimum_password_length": 14 }');
    expect(run(weakPasswordPolicy, [empty])[0]!.message).toContain('leaves out require_lowercase_characters');
  });
});

describe('aws-managed-admin-policy', () => {
  it('judges attached AWS managed policies by their documents', () => {
    const role = entity('role', 'AppRole', 'AWS::IAM::Role', `{
  "ManagedPolicyArns": [
    "arn:aws:iam::aws:policy/ReadOnlyAccess",
    "arn:aws:iam::aws:policy/PowerUserAccess",
    "arn:aws:iam::aws:policy/AdministratorAccess"
  ]
}`);
    const attach = entity('managed-policy-attachment', 'aws_iam_group_policy_attachment.iam', 'aws_iam_group_policy_attachment', `{
  "group": "admins",
  "policy_arn": "arn:aws:iam::aws:policy/IAMFullAccess"
}`);
    expect(run(awsManagedAdminPolicy, [role, attach])).toEqual([
      { line: 4, message: expect.stringMatching(/PowerUserAccess, which is administrator-equivalent: it allows every action except iam:\*, organizations:\*, account:\*/), severity: 'security-warning' },
      { line: 5, message: 'AppRole attaches the AWS managed policy AdministratorAccess, which is administrator-equivalent: it allows every action.', severity: 'security-warning' },
      { line: 3, message: expect.stringMatching(/IAMFullAccess, which is administrator-equivalent: it can escalate privileges \(CreateAccessKey/), severity: 'security-warning' },
    ]);
  });
});

describe('entities as the CloudFormation extractor emits them', () => {
  it('a LoginProfile emitted as its own entity is reported once, there', () => {
    const user = entity('user', 'Alice', 'AWS::IAM::User', '{ "LoginProfile": { "Password": "x" } }');
    const lp = entity('login-profile', 'Alice', 'AWS::IAM::User', `{
  "Password": "x",
  "UserLogicalId": "Alice"
}`);
    expect(run(loginProfileNoReset, [user, lp])).toEqual([
      { line: 1, message: 'Alice gives IAM user Alice a console password without password_reset_required = true.', severity: 'warning' },
    ]);
  });
  it('group memberships by logical id are counted once per group', () => {
    const groups = Array.from({ length: 11 }, (_, i) => `Group${i}`);
    const user = entity('user', 'Alice', 'AWS::IAM::User', JSON.stringify({ UserName: 'alice', Groups: groups.map((g) => `name-${g}`) }, null, 2));
    const fromUser = entity('group-membership', 'Alice', 'AWS::IAM::User', JSON.stringify({ Users: ['Alice'], GroupIds: groups.slice(0, 9) }));
    const addition = entity('group-membership', 'MoreGroups', 'AWS::IAM::UserToGroupAddition', JSON.stringify({ GroupName: 'x', GroupIds: ['Group9', 'Group10', 'Group0'], UserIds: ['Alice'] }));
    expect(run(userTooManyGroups, [user, fromUser])).toEqual([]);
    expect(run(userTooManyGroups, [user, fromUser, addition])).toEqual([
      { line: 3, message: expect.stringContaining('IAM user Alice is in 11 groups'), severity: 'warning' },
    ]);
  });
  it('a managed policy that names users itself is reported on the policy; attachment-made ones on the attachment', () => {
    const users = [{ kind: 'user' as const, id: 'Alice', via: 'managed' as const }];
    const managed = { ...record('template.json', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }, { type: 'identity', attachedTo: users, name: 'readers' }), resourceType: 'AWS::IAM::ManagedPolicy' };
    const tfPolicy = { ...record('main.tf.json', { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }, { type: 'identity', attachedTo: users }), resourceType: 'aws_iam_policy' };
    expect(run(userDirectPolicy, [], [managed, tfPolicy]).map((f) => f.message)).toEqual(['Policy readers is attached directly to IAM user Alice; attach it to a group instead.']);
  });
});
