/**
 * Whole-policy evaluation: a Deny of the same policy cancels what it covers or carries its negated condition to the
 * Allow. Every relaxation is paired with its dangerous neighbour, which still blocks.
 */
import { describe, expect, it } from 'vitest';
import { policyFindings } from '../../helpers/rule-tester.js';
import { record } from '../../helpers/records.js';
import { runRules } from '../../../src/checks/rules/run.js';
import { defaultOptions } from '../../../src/config/options.js';
import { resourcePolicyExposure } from '../../../src/checks/rules/resource-policy-exposure.js';
import { privilegeEscalation } from '../../../src/checks/rules/privilege-escalation.js';
import { adminWildcard } from '../../../src/checks/rules/admin-wildcard.js';
import { resourceExposure } from '../../../src/checks/rules/resource-exposure.js';
import { writeOnAllResources } from '../../../src/checks/rules/write-on-all-resources.js';
import type { Rule } from '../../../src/checks/rules/types.js';

const doc = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });
const API = 'execute-api:/*';
const allowAny = { Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: API };
const denyUnless = (cond: object, extra: object = {}) => ({ Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', Resource: API, Condition: cond, ...extra });
const sev = (rule: Rule, code: object, policyType: 'resource' | 'identity' = 'resource') =>
  policyFindings(rule, { code, policyType }).map((f) => f.severity);

describe('resource policies: a Deny of the same policy', () => {
  it('private API pattern (Deny unless aws:SourceVpce) is not public: callable only through the endpoint, said so', () => {
    const f = policyFindings(resourcePolicyExposure, { code: doc(allowAny, denyUnless({ StringNotEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f67890' } })), policyType: 'resource' });
    expect(f.map((x) => x.severity)).toEqual(['suggestion']);
    expect(f[0]!.message).toContain('callable only through VPC endpoint vpce-0a1b2c3d4e5f67890');
    expect(f[0]!.message).toContain('the Deny statement 1 denies every other request');
  });

  it('an unconditional Deny covering the statement cancels it', () => {
    expect(sev(resourcePolicyExposure, doc(allowAny, { Effect: 'Deny', Principal: '*', Action: 'execute-api:*', Resource: '*' }))).toEqual([]);
  });

  it('still public: the Deny condition is a value the caller controls', () => {
    expect(sev(resourcePolicyExposure, doc(allowAny, denyUnless({ StringNotEquals: { 'aws:PrincipalTag/team': 'web' } })))).toEqual(['error']);
  });

  it('still public: the Deny condition matches every endpoint', () => {
    expect(sev(resourcePolicyExposure, doc(allowAny, denyUnless({ StringNotLike: { 'aws:SourceVpce': 'vpce-*' } })))).toEqual(['error']);
  });

  it('still public: two Deny conditions (the Deny applies only when both hold, so either lets a caller in)', () => {
    expect(sev(resourcePolicyExposure, doc(allowAny, denyUnless({ StringNotEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f67890', 'aws:SourceIp': '10.0.0.0/8' } })))).toEqual(['error']);
  });

  it('still public: the Deny is not negated, covers fewer actions, another resource, or one principal', () => {
    expect(sev(resourcePolicyExposure, doc(allowAny, denyUnless({ StringEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f67890' } })))).toEqual(['error']);
    expect(sev(resourcePolicyExposure, doc({ ...allowAny, Action: 'execute-api:*' }, denyUnless({ StringNotEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f67890' } })))).toEqual(['error']);
    expect(sev(resourcePolicyExposure, doc(allowAny, denyUnless({ StringNotEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f67890' } }, { Resource: 'execute-api:/prod/GET/*' })))).toEqual(['error']);
    expect(sev(resourcePolicyExposure, doc(allowAny, denyUnless({ StringNotEquals: { 'aws:SourceVpce': 'vpce-0a1b2c3d4e5f67890' } }, { Principal: { AWS: 'arn:aws:iam::123456789012:role/x' } })))).toEqual(['error']);
    expect(sev(resourcePolicyExposure, doc(allowAny, { Effect: 'Deny', Principal: '*', Action: 'execute-api:Invoke', NotResource: 'execute-api:/prod/*' }))).toEqual(['error']);
  });

  it('aws:SourceIp narrows but is still internet exposure, said so', () => {
    const f = policyFindings(resourcePolicyExposure, { code: doc({ ...allowAny, Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } }), policyType: 'resource' });
    expect(f.map((x) => x.severity)).toEqual(['warning']);
    expect(f[0]!.message).toContain('still internet exposure');
  });
});

describe('identity policies: the effective grant (Allow minus Deny)', () => {
  const denyIam = { Effect: 'Deny', Action: 'iam:*', Resource: '*' };
  it('Allow iam:* + Deny iam:* grants nothing: no escalation, no permissions-management finding', () => {
    const code = doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }, denyIam);
    expect(sev(privilegeEscalation, code, 'identity')).toEqual([]);
    expect(sev(resourceExposure, code, 'identity')).toEqual([]);
  });

  it('service-wildcard and passrole-unrestricted see the Deny; a Deny naming fewer actions does not cancel', async () => {
    const { serviceWildcard } = await import('../../../src/checks/rules/service-wildcard.js');
    const { passroleUnrestricted } = await import('../../../src/checks/rules/passrole-unrestricted.js');
    const allow = { Effect: 'Allow', Action: 'iam:*', Resource: '*' };
    expect(sev(serviceWildcard, doc(allow, denyIam), 'identity')).toEqual([]);
    expect(sev(passroleUnrestricted, doc(allow, denyIam), 'identity')).toEqual([]);
    expect(sev(serviceWildcard, doc(allow, { ...denyIam, Action: 'iam:?' }), 'identity')).toEqual(['warning']);
    expect(sev(serviceWildcard, doc(allow, { ...denyIam, Action: 'iam:Delete*' }), 'identity')).toEqual(['warning']);
    expect(sev(passroleUnrestricted, doc(allow, { ...denyIam, Action: 'iam:Create*' }), 'identity')).toEqual(['security-warning']);
  });

  it('Allow * minus Deny iam:* is still near-administrator', () => {
    expect(sev(adminWildcard, doc({ Effect: 'Allow', Action: '*', Resource: '*' }, denyIam), 'identity')).toEqual(['error']);
  });

  it('a Deny covering part of the statement leaves the rest, and names the Deny', () => {
    const f = policyFindings(writeOnAllResources, { code: doc({ Effect: 'Allow', Action: ['s3:PutObject', 'sqs:SendMessage'], Resource: '*' }, { Sid: 'NoS3', Effect: 'Deny', Action: 's3:*', Resource: '*' }), policyType: 'identity' });
    expect(f.map((x) => x.message)).toEqual([expect.stringContaining('sqs:SendMessage.')]);
    expect(f[0]!.message).not.toContain('s3:PutObject');
    expect(f[0]!.message).toContain('Deny statement "NoS3" of the same policy takes away the rest');
  });

  it('a Deny whose condition is the holder itself (aws:PrincipalTag in an identity policy) cancels nothing', () => {
    const code = doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }, { ...denyIam, Condition: { StringNotEquals: { 'aws:PrincipalTag/admin': 'yes' } } });
    expect(sev(privilegeEscalation, code, 'identity')).toContain('error');
  });

  it('a Deny from a record that may not exist (`when`) cancels nothing', () => {
    const role = { kind: 'role' as const, id: 'AppRole', via: 'inline' as const };
    const allow = record('a.json', doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*' }), { type: 'identity', attachedTo: [role] });
    const deny = { ...record('d.json', doc(denyIam), { type: 'identity', attachedTo: [role] }), when: 'when IsProd' };
    const opts = defaultOptions('/repo');
    expect(runRules([privilegeEscalation], { policies: [allow, deny], entities: [], options: opts }).map((f) => f.severity)).toContain('error');
    const certain = record('d.json', doc(denyIam), { type: 'identity', attachedTo: [role] });
    expect(runRules([privilegeEscalation], { policies: [allow, certain], entities: [], options: opts })).toEqual([]);
  });
});

describe('conditions that restrict who can call', () => {
  const bucket = (cond?: object) => doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: '*', Resource: ['arn:aws:s3:::data-lake', 'arn:aws:s3:::data-lake/*'], ...(cond ? { Condition: cond } : {}) });
  it('S3 access-point delegation (s3:DataAccessPointAccount / s3:DataAccessPointArn of one account) is not public', () => {
    expect(sev(resourcePolicyExposure, bucket({ StringEquals: { 's3:DataAccessPointAccount': '111122223333' } }))).toEqual(['suggestion']);
    expect(sev(resourcePolicyExposure, bucket({ StringLike: { 's3:DataAccessPointArn': 'arn:aws:s3:us-east-1:111122223333:accesspoint/*' } }))).toEqual(['suggestion']);
  });
  it('still public: access points of any account', () => {
    expect(sev(resourcePolicyExposure, bucket({ StringLike: { 's3:DataAccessPointAccount': '*' } }))).toEqual(['error']);
    expect(sev(resourcePolicyExposure, bucket({ StringLike: { 's3:DataAccessPointArn': 'arn:aws:s3:*:*:accesspoint/*' } }))).toEqual(['error']);
    expect(sev(resourcePolicyExposure, bucket())).toEqual(['error']);
  });
  const key = (cond: object) => doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*', Condition: cond });
  it('kms:CallerAccount + kms:ViaService (the AWS default for service-integrated keys) is not public', () => {
    expect(sev(resourcePolicyExposure, key({ StringEquals: { 'kms:CallerAccount': '111122223333', 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } }))).toEqual(['suggestion']);
  });
  it('still public: kms:ViaService alone (any account can call through the service)', () => {
    expect(sev(resourcePolicyExposure, key({ StringEquals: { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } }))).toEqual(['error']);
  });
});

describe('statements that can never apply', () => {
  const expired = { DateLessThan: { 'aws:CurrentTime': '2001-01-01T00:00:00Z' } };
  it('an Allow with a DateLessThan aws:CurrentTime in the past grants nothing: a suggestion, not a grant', async () => {
    const { statementNeverApplies } = await import('../../../src/checks/rules/statement-never-applies.js');
    const code = doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*', Condition: expired });
    expect(sev(privilegeEscalation, code, 'identity')).toEqual([]);
    expect(sev(resourcePolicyExposure, doc({ ...allowAny, Condition: expired }))).toEqual([]);
    const f = policyFindings(statementNeverApplies, { code, policyType: 'identity' });
    expect(f.map((x) => x.severity)).toEqual(['suggestion']);
    expect(f[0]!.message).toContain('2001-01-01T00:00:00Z is in the past');
  });
  it('still a grant: a future date, DateGreaterThan, IfExists, or a date that does not parse', () => {
    for (const cond of [
      { DateLessThan: { 'aws:CurrentTime': '2999-01-01T00:00:00Z' } },
      { DateGreaterThan: { 'aws:CurrentTime': '2001-01-01T00:00:00Z' } },
      { DateLessThanIfExists: { 'aws:TokenIssueTime': '2001-01-01T00:00:00Z' } },
      { DateLessThan: { 'aws:CurrentTime': ['2001-01-01T00:00:00Z', '2999-01-01T00:00:00Z'] } },
      { DateLessThan: { 'aws:CurrentTime': 'yesterday' } },
    ])
      expect(sev(privilegeEscalation, doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*', Condition: cond }), 'identity'), JSON.stringify(cond)).toContain('error');
  });
});

describe('template tokens in raw policy files', () => {
  it('a token in a Resource is no ARN finding about itself, and is analysed as any resource (said so)', async () => {
    const { invalidArnPrefix } = await import('../../../src/checks/rules/invalid-arn-prefix.js');
    const { invalidArnAccount } = await import('../../../src/checks/rules/invalid-arn-account.js');
    for (const r of ['<third-party-resource-arn>', 'arn:aws:s3:::{{resolve:ssm:bucket}}/*', 'arn:aws:lambda:*:<<ACCOUNT>>:function:x', 'arn:aws:sqs:us-east-1:ACCOUNT_ID:jobs']) {
      const code = doc({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: r });
      expect(policyFindings(invalidArnPrefix, { code, policyType: 'identity' }), r).toEqual([]);
      expect(policyFindings(invalidArnAccount, { code, policyType: 'identity' }), r).toEqual([]);
      const w = policyFindings(writeOnAllResources, { code, policyType: 'identity' });
      expect(w.map((f) => f.message), r).toEqual([expect.stringContaining('analysed as any resource')]);
    }
  });
  it('a policy variable is not a token; a malformed value without a token is still reported', async () => {
    const { invalidArnPrefix } = await import('../../../src/checks/rules/invalid-arn-prefix.js');
    expect(sev(invalidArnPrefix, doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'my-bucket/*' }), 'identity')).toEqual(['error']);
    expect(sev(writeOnAllResources, doc({ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::home/${aws:username}/*' }), 'identity')).toEqual([]);
  });
  it('a principal token only in the account field is silent; a token in place of the whole principal still blocks', async () => {
    const { invalidAwsPrincipal } = await import('../../../src/checks/rules/invalid-aws-principal.js');
    const p = (v: string) => doc({ Effect: 'Allow', Principal: { AWS: v }, Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:111122223333:jobs' });
    expect(sev(invalidAwsPrincipal, p('arn:aws:iam::ACCOUNT_ID:root'))).toEqual([]);
    expect(sev(invalidAwsPrincipal, p('arn:aws:iam::<<ACCOUNT>>:role/deployer'))).toEqual([]);
    expect(sev(invalidAwsPrincipal, p('<<PRINCIPAL>>'))).toEqual(['error']);
    expect(sev(resourcePolicyExposure, p('arn:aws:iam::ACCOUNT_ID:root'))).toEqual(['warning']);
  });
  it('an action token still blocks (it decides what is granted)', async () => {
    const { invalidAction } = await import('../../../src/checks/rules/invalid-action.js');
    expect(sev(invalidAction, doc({ Effect: 'Allow', Action: '<action>', Resource: '*' }), 'identity')).toEqual(['error']);
  });
});

describe('a principal that is already administrator', () => {
  const role = { kind: 'role' as const, id: 'OpsRole', via: 'inline' as const };
  const opts = defaultOptions('/repo');
  it('gets the administrator finding, not every escalation path as well', () => {
    const admin = record('admin.json', doc({ Effect: 'Allow', Action: '*', Resource: '*' }), { type: 'identity', attachedTo: [role] });
    const iam = record('iam.json', doc({ Effect: 'Allow', Action: ['iam:CreateAccessKey', 'iam:PassRole', 'lambda:CreateFunction'], Resource: '*' }), { type: 'identity', attachedTo: [role] });
    expect(runRules([privilegeEscalation], { policies: [admin, iam], entities: [], options: opts })).toEqual([]);
    expect(runRules([adminWildcard], { policies: [admin, iam], entities: [], options: opts }).map((f) => f.severity)).toEqual(['error']);
  });
  it('an administrator grant cancelled by a Deny * is no administrator, and its other paths are judged (also cancelled here)', () => {
    const admin = record('admin.json', doc({ Effect: 'Allow', Action: '*', Resource: '*' }, { Effect: 'Deny', Action: '*', Resource: '*' }), { type: 'identity', attachedTo: [role] });
    expect(runRules([adminWildcard], { policies: [admin], entities: [], options: opts })).toEqual([]);
    const conditional = { ...admin, when: 'when IsProd' };
    const iam = record('iam.json', doc({ Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: '*' }), { type: 'identity', attachedTo: [role] });
    // the Deny of a record that may not exist cancels nothing: admin again, reported once by admin-wildcard
    expect(runRules([privilegeEscalation], { policies: [conditional, iam], entities: [], options: opts })).toEqual([]);
    expect(runRules([adminWildcard], { policies: [conditional], entities: [], options: opts }).map((f) => f.severity)).toEqual(['error']);
  });
});
