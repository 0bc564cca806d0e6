import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeAccessAnalyzer } from '../fakes/access-analyzer-server.js';
import { FAKE_PUBLIC_RESOURCE_TYPES } from '../fakes/access-analyzer-server.js';
import { lines, rawRecords, runAa, startFake, testOptions } from './helpers.js';
import { PUBLIC_ACCESS_RESOURCE_TYPES } from '../../src/checks/access-analyzer/resource-types.js';
import { DEFAULT_SENSITIVE_ACTIONS } from '../../src/checks/access-analyzer/sensitive-actions.js';
import { accessBatches } from '../../src/checks/access-analyzer/analyze.js';

let fake: FakeAccessAnalyzer;
beforeAll(async () => {
  fake = await startFake();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.resetLog();
  fake.checkAccessNotGranted = undefined;
  fake.checkNoPublicAccess = undefined;
});

const only = (check: 'checkNoNewAccess' | 'checkAccessNotGranted' | 'checkNoPublicAccess') =>
  testOptions({ checkNoNewAccess: check === 'checkNoNewAccess', checkAccessNotGranted: check === 'checkAccessNotGranted', checkNoPublicAccess: check === 'checkNoPublicAccess' });

const changed = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Read",
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::logs/*"
    },
    {
      "Sid": "Write",
      "Effect": "Allow",
      "Action": "s3:PutObject",
      "Resource": "arn:aws:s3:::logs/*"
    }
  ]
}`;
const before = { Version: '2012-10-17', Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::logs/*' }] };

describe('CheckNoNewAccess', () => {
  it('against the base version: points at the statement that grants new access', async () => {
    const options = only('checkNoNewAccess');
    const [rec] = rawRecords({ 'app.json': changed }, options);
    rec!.base = before;
    const r = await runAa(fake, [rec!], options);
    expect(r.errors).toEqual([]);
    const nna = r.findings.filter((f) => f.ruleId === 'check-no-new-access');
    expect(lines(nna)).toEqual(['app.json:10 check-no-new-access (warning)']);
    expect(nna[0]!.message).toMatch(/base version.*Sid "Write"/);
    const call = fake.calls('CheckNoNewAccess')[0]!;
    expect(call.body).toEqual({ newPolicyDocument: JSON.stringify(JSON.parse(changed)), existingPolicyDocument: JSON.stringify(before), policyType: 'IDENTITY_POLICY' });
  });

  it('makes no call when the policy is unchanged from its base', async () => {
    const options = only('checkNoNewAccess');
    const [rec] = rawRecords({ 'app.json': changed }, options);
    rec!.base = JSON.parse(changed);
    const r = await runAa(fake, [rec!], options);
    expect(fake.calls('CheckNoNewAccess')).toHaveLength(0);
    expect(r.findings.filter((f) => f.source === 'access-analyzer' && f.ruleId === 'check-no-new-access')).toEqual([]);
  });

  it('against the reference policies from the config (identity and resource)', async () => {
    const options = only('checkNoNewAccess');
    options.referencePolicies = { identity: 'ref/identity.json', resource: 'ref/resource.json' };
    const refs: Record<string, string> = {
      'ref/identity.json': JSON.stringify(before),
      'ref/resource.json': JSON.stringify({ Version: '2012-10-17', Statement: [] }),
    };
    const bucket = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::logs/*"
    }
  ]
}`;
    const recs = [...rawRecords({ 'app.json': changed }, options), ...rawRecords({ 'bucket.json': bucket }, options, 'resource')];
    const r = await runAa(fake, recs, options, { readRepoFile: (rel) => refs[rel]! });
    expect(r.errors).toEqual([]);
    expect(lines(r.findings.filter((f) => f.ruleId === 'check-no-new-access'))).toEqual([
      'app.json:10 check-no-new-access (security-warning)',
      'bucket.json:4 check-no-new-access (security-warning)',
    ]);
    expect(fake.calls('CheckNoNewAccess').map((c) => c.body.policyType).sort()).toEqual(['IDENTITY_POLICY', 'RESOURCE_POLICY']);
  });

  it('names an unreadable reference policy as a config error', async () => {
    const options = only('checkNoNewAccess');
    options.referencePolicies = { identity: 'ref/missing.json' };
    const r = await runAa(fake, rawRecords({ 'app.json': changed }, options), options, {
      readRepoFile: () => {
        throw new Error('ENOENT: no such file');
      },
    });
    expect(r.errors).toEqual([expect.objectContaining({ file: 'ref/missing.json', kind: 'config', message: expect.stringContaining('ENOENT') })]);
  });
});

describe('CheckAccessNotGranted', () => {
  const admin = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "*"
    },
    {
      "Effect": "Allow",
      "Action": [
        "iam:Put*",
        "kms:ScheduleKeyDeletion"
      ],
      "Resource": "*"
    }
  ]
}`;

  it('uses the default sensitive actions and names those a statement allows', async () => {
    const options = only('checkAccessNotGranted');
    const r = await runAa(fake, rawRecords({ 'admin.json': admin }, options), options);
    expect(fake.calls('CheckAccessNotGranted')).toHaveLength(1);
    const body = fake.calls('CheckAccessNotGranted')[0]!.body as { access: { actions: string[] }[]; policyType: string };
    expect(body.access[0]!.actions).toEqual(expect.arrayContaining(['iam:PutRolePolicy', 'kms:ScheduleKeyDeletion', 'cloudtrail:StopLogging', 'organizations:LeaveOrganization']));
    const f = r.findings.filter((x) => x.ruleId === 'check-access-not-granted');
    expect(lines(f)).toEqual(['admin.json:9 check-access-not-granted (security-warning)']);
    expect(f[0]!.message).toContain('iam:PutUserPolicy');
    expect(f[0]!.message).toContain('kms:ScheduleKeyDeletion');
  });

  it('batches ≤100 actions × ≤100 resources per call', async () => {
    const options = only('checkAccessNotGranted');
    options.sensitiveActions = Array.from({ length: 250 }, (_, i) => `svc:Action${i}`);
    options.sensitiveResources = Array.from({ length: 150 }, (_, i) => `arn:aws:s3:::bucket-${i}`);
    const r = await runAa(fake, rawRecords({ 'admin.json': admin }, options), options);
    expect(r.errors).toEqual([]);
    const calls = fake.calls('CheckAccessNotGranted').map((c) => (c.body.access as { actions: string[]; resources: string[] }[])[0]!);
    expect(calls).toHaveLength(6);
    expect(calls.every((a) => a.actions.length <= 100 && a.resources.length <= 100)).toBe(true);
    // every (action, resource) pair is covered by some call
    const pairs = new Set(calls.flatMap((a) => a.actions.flatMap((x) => a.resources.map((y) => `${x}|${y}`))));
    expect(pairs.size).toBe(250 * 150);
    expect(accessBatches(['a:b'], [])).toEqual([{ actions: ['a:b'] }]);
    expect(accessBatches([], ['arn:aws:s3:::x'])).toEqual([{ resources: ['arn:aws:s3:::x'] }]);
    expect(DEFAULT_SENSITIVE_ACTIONS.length).toBeLessThanOrEqual(100);
  });

  it('is not run on SCPs, RCPs or trust policies', async () => {
    const options = only('checkAccessNotGranted');
    const scp = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:*', Resource: '*' }] }, null, 2);
    const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }] }, null, 2);
    await runAa(
      fake,
      [...rawRecords({ 'scp.json': scp }, options, 'scp'), ...rawRecords({ 'rcp.json': scp }, options, 'rcp'), ...rawRecords({ 'trust.json': trust }, options, 'trust')],
      options,
    );
    expect(fake.calls('CheckAccessNotGranted')).toHaveLength(0);
    // the same document as SCP and as RCP is two different requests
    expect(fake.calls('ValidatePolicy').map((c) => c.body.policyType).sort()).toEqual(['RESOURCE_CONTROL_POLICY', 'RESOURCE_POLICY', 'SERVICE_CONTROL_POLICY']);
  });
});

describe('CheckNoPublicAccess', () => {
  const publicPolicy = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Account",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::111122223333:root" },
      "Action": "*",
      "Resource": "*"
    },
    {
      "Sid": "Everyone",
      "Effect": "Allow",
      "Principal": "*",
      "Action": "*",
      "Resource": "*"
    }
  ]
}`;

  it('supports all 26 resource types, each sent as such', async () => {
    expect([...PUBLIC_ACCESS_RESOURCE_TYPES].sort()).toEqual([...FAKE_PUBLIC_RESOURCE_TYPES].sort());
    expect(PUBLIC_ACCESS_RESOURCE_TYPES).toHaveLength(26);
    const options = only('checkNoPublicAccess');
    const recs = PUBLIC_ACCESS_RESOURCE_TYPES.filter((t) => t !== 'AWS::IAM::AssumeRolePolicyDocument').map((t, i) => {
      const [rec] = rawRecords({ [`res/${i}.json`]: publicPolicy }, options, 'resource');
      rec!.validateResourceType = t;
      return rec!;
    });
    const r = await runAa(fake, recs, options);
    expect(r.errors).toEqual([]);
    expect(fake.calls('CheckNoPublicAccess').map((c) => c.body.resourceType).sort()).toEqual(PUBLIC_ACCESS_RESOURCE_TYPES.filter((t) => t !== 'AWS::IAM::AssumeRolePolicyDocument').sort());
    const pub = r.findings.filter((f) => f.ruleId === 'check-no-public-access');
    expect(pub).toHaveLength(25);
    expect(pub.every((f) => f.line === 11 && f.severity === 'security-warning')).toBe(true);
  });

  it('checks trust policies as AWS::IAM::AssumeRolePolicyDocument and maps IaC holder types', async () => {
    const options = only('checkNoPublicAccess');
    const trust = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "AWS": "*" },
      "Action": "sts:AssumeRole"
    }
  ]
}`;
    const [t] = rawRecords({ 'trust.json': trust }, options, 'trust');
    const [q] = rawRecords({ 'queue.json': publicPolicy }, options, 'resource');
    q!.resourceType = 'AWS::SQS::QueuePolicy';
    const [tf] = rawRecords({ 'topic.json': publicPolicy.replace('"Account"', '"Acct"') }, options, 'resource');
    tf!.resourceType = 'aws_sns_topic_policy';
    const [unknown] = rawRecords({ 'other.json': publicPolicy.replace('"Account"', '"Other"') }, options, 'resource');
    unknown!.resourceType = 'AWS::Logs::ResourcePolicy'; // not a supported type: no call
    const r = await runAa(fake, [t!, q!, tf!, unknown!], options);
    expect(fake.calls('CheckNoPublicAccess').map((c) => c.body.resourceType).sort()).toEqual(['AWS::IAM::AssumeRolePolicyDocument', 'AWS::SNS::Topic', 'AWS::SQS::Queue']);
    expect(lines(r.findings.filter((f) => f.ruleId === 'check-no-public-access'))).toEqual([
      'queue.json:11 check-no-public-access (security-warning)',
      'topic.json:11 check-no-public-access (security-warning)',
      'trust.json:4 check-no-public-access (security-warning)',
    ]);
  });
});

describe('bases and locale', () => {
  it('attachBases matches the base version by record id; a new policy gets no base and no CheckNoNewAccess', async () => {
    const { attachBases } = await import('../../src/checks/access-analyzer/index.js');
    const options = only('checkNoNewAccess');
    const current = rawRecords({ 'app.json': changed, 'new.json': changed.replace('"Read"', '"Fresh"') }, options);
    attachBases(current, rawRecords({ 'app.json': JSON.stringify(before, null, 2) }, options));
    expect(current.map((r) => r.base !== undefined)).toEqual([true, false]);
    const r = await runAa(fake, current, options);
    expect(fake.calls('CheckNoNewAccess')).toHaveLength(1);
    expect(lines(r.findings.filter((f) => f.ruleId === 'check-no-new-access'))).toEqual(['app.json:10 check-no-new-access (warning)']);
  });

  it('normalises the locale (pt-BR -> PT_BR) and notes an unknown one instead of failing every call', async () => {
    const options = testOptions({ locale: 'pt-BR', checkNoNewAccess: false, checkAccessNotGranted: false, checkNoPublicAccess: false });
    await runAa(fake, rawRecords({ 'app.json': changed }, options), options);
    expect(fake.calls('ValidatePolicy')[0]!.body.locale).toBe('PT_BR');
    fake.resetLog();
    options.aa.locale = 'klingon';
    const r = await runAa(fake, rawRecords({ 'app.json': changed }, options), options);
    expect(fake.calls('ValidatePolicy')[0]!.body.locale).toBeUndefined();
    expect(r.errors).toEqual([]);
    expect(r.notes).toEqual([expect.stringContaining('"klingon" is not one of')]);
  });
});
