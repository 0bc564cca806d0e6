import { describe, expect, it } from 'vitest';
import { runGate } from '../../src/gate.js';
import { defaultOptions } from '../../src/config/options.js';
import { runScpStage } from '../../src/checks/scp/index.js';
import { catalogUniverse, count, expandPattern } from '../../src/engine/actions.js';
import { evaluateHierarchy } from '../../src/engine/org.js';
import { compileStatements } from '../../src/engine/grants.js';
import { rawExtractor } from '../../src/extract/raw.js';
import type { ExtractResult } from '../../src/extract/types.js';
import { tmpRepo } from '../helpers/tmp-repo.js';

const j = (o: unknown) => JSON.stringify(o, null, 2);
const DENY_LEAVE = j({ Version: '2012-10-17', Statement: [{ Sid: 'DenyLeave', Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }] });
const PROTECT_TRAIL = j({
  Version: '2012-10-17',
  Statement: [{ Sid: 'ProtectCloudTrail', Effect: 'Deny', Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail'], Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/OrganizationAdmin' } } }],
});
const GLOBALS = ['iam:*', 'sts:*', 'organizations:*', 'support:*', 'route53:*', 'cloudfront:*', 'budgets:*', 'aws-portal:*', 'waf:*', 'globalaccelerator:*'];
const REGION_LOCK = j({
  Version: '2012-10-17',
  Statement: [{ Sid: 'DenyOutsideEU', Effect: 'Deny', NotAction: GLOBALS, Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } } }],
});
const SANDBOX_NO_DELETE = j({ Version: '2012-10-17', Statement: [{ Sid: 'NoBucketDeletion', Effect: 'Deny', Action: ['s3:DeleteBucket', 's3:DeleteBucketPolicy'], Resource: '*' }] });
// an allow-list SCP (used instead of FullAWSAccess): only these services
const ALLOW_LIST = j({ Version: '2012-10-17', Statement: [{ Sid: 'OnlyTheseServices', Effect: 'Allow', Action: ['s3:*', 'dynamodb:*', 'lambda:*', 'logs:*', 'sts:*', 'iam:PassRole'], Resource: '*' }] });

const organization = {
  scps: { DenyLeave: 'org/scps/deny-leave.json', ProtectTrail: 'org/scps/protect-trail.json', RegionLock: 'org/scps/region-lock.json', SandboxNoDelete: 'org/scps/sandbox.json', AllowList: 'org/scps/allow-list.json' },
  attachments: {
    root: ['FullAWSAccess', 'DenyLeave'],
    Workloads: ['FullAWSAccess', 'ProtectTrail', 'RegionLock'],
    'ou-ab12-sandbox1': ['FullAWSAccess', 'SandboxNoDelete'],
    Restricted: ['AllowList'],
  },
  ous: {
    Workloads: { ous: { Prod: { accounts: ['111111111111'] } } },
    Sandbox: { id: 'ou-ab12-sandbox1', accounts: ['222222222222'] },
    Restricted: { accounts: ['333333333333'] },
  },
  deployments: { 'apps/orders/**': ['111111111111'], 'apps/sandbox/**': ['222222222222'], 'apps/data/**': ['333333333333'] },
  exemptPrincipals: ['arn:aws:iam::*:role/OrganizationAdmin'],
};
const scpFiles = {
  'org/scps/deny-leave.json': DENY_LEAVE,
  'org/scps/protect-trail.json': PROTECT_TRAIL,
  'org/scps/region-lock.json': REGION_LOCK,
  'org/scps/sandbox.json': SANDBOX_NO_DELETE,
  'org/scps/allow-list.json': ALLOW_LIST,
};

async function scan(files: Record<string, string>, org: unknown = organization) {
  const root = tmpRepo({ ...scpFiles, ...files });
  const o = defaultOptions(root);
  o.organization = org;
  return runGate(['apps', 'org'], o);
}

describe('identity policies under the organisation SCPs', () => {
  it('an explicit action denied by an inherited SCP is a runtime failure, naming the SCP and level', async () => {
    const policy = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ManageTrail",
      "Effect": "Allow",
      "Action": ["cloudtrail:StopLogging", "cloudtrail:DescribeTrails"],
      "Resource": "*"
    }
  ]
}`;
    const r = await scan({ 'apps/orders/ops.json': policy });
    const f = r.findings.filter((x) => x.ruleId === 'scp-blocks-workload');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ file: 'apps/orders/ops.json', line: 7, severity: 'warning', source: 'scp' });
    // the Deny has an exception for OrganizationAdmin: still a deny for this workload's role
    expect(f[0]!.message).toMatch(/allows cloudtrail:StopLogging, but in account 111111111111/);
    expect(f[0]!.message).toMatch(/ProtectTrail \(ProtectCloudTrail\) at OU Workloads/);
  });

  it('a wildcard grant partly denied by SCPs is a dead permission (suggestion), not a runtime failure', async () => {
    const policy = j({ Version: '2012-10-17', Statement: [{ Sid: 'Buckets', Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::sandbox-*' }] });
    const r = await scan({ 'apps/sandbox/s3.json': policy });
    const f = r.findings.filter((x) => x.source === 'scp');
    expect(f.map((x) => x.ruleId)).toEqual(['scp-dead-permission']);
    expect(f[0]).toMatchObject({ severity: 'suggestion', line: 7 });
    expect(f[0]!.message).toMatch(/2 of the actions matched by s3:\* are denied by the SCPs of account 222222222222 \(s3 2\)/);
  });

  it('a protective action allowed where its guardrail does not apply is a guardrail gap', async () => {
    const policy = j({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'cloudtrail:StopLogging', Resource: '*' }] });
    const r = await scan({ 'apps/sandbox/ops.json': policy });
    const f = r.findings.filter((x) => x.source === 'scp');
    expect(f.map((x) => x.ruleId)).toEqual(['scp-guardrail-gap']);
    expect(f[0]!.message).toMatch(/not on the path to account 222222222222/);
  });

  it('an allow-list SCP without FullAWSAccess makes everything else unavailable (NotAction-free allow-list)', async () => {
    const policy = j({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['dynamodb:GetItem', 'sqs:SendMessage'], Resource: '*' }] });
    const r = await scan({ 'apps/data/app.json': policy });
    const f = r.findings.filter((x) => x.ruleId === 'scp-blocks-workload');
    expect(f.map((x) => x.message.match(/allows (\S+),/)![1])).toEqual(['sqs:SendMessage']);
    expect(f[0]!.message).toMatch(/do not allow it at every level/);
  });

  it('conditional denies (region lock) do not make findings: the condition may not apply', async () => {
    const policy = j({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['ec2:RunInstances', 'lambda:InvokeFunction'], Resource: '*' }] });
    const r = await scan({ 'apps/orders/compute.json': policy });
    expect(r.findings.filter((x) => x.source === 'scp')).toEqual([]);
  });

  it('a grant that only applies where a conditional SCP Deny applies is dead, and says in which requests', async () => {
    const us = { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } };
    const policy = j({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'UsCompute', Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*', Condition: us },
        { Sid: 'UsLambda', Effect: 'Allow', Action: 'lambda:*', Resource: '*', Condition: us },
        { Sid: 'EuCompute', Effect: 'Allow', Action: 'ec2:RunInstances', Resource: '*', Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } } },
      ],
    });
    const r = await scan({ 'apps/orders/compute.json': policy });
    const f = r.findings.filter((x) => x.source === 'scp');
    expect(f.map((x) => x.ruleId).sort()).toEqual(['scp-blocks-workload', 'scp-dead-permission']);
    const blocks = f.find((x) => x.ruleId === 'scp-blocks-workload')!;
    expect(blocks.message).toMatch(/RegionLock .*They are denied by conditional SCP statements in every request this statement can apply to \(aws:RequestedRegion is "us-east-1"\)/);
    expect(f.find((x) => x.ruleId === 'scp-dead-permission')!.message).toMatch(/lambda .*aws:RequestedRegion is "us-east-1"/);
  });

  it('notes identity policies with no deployment target; an invalid model is a config error (incomplete)', async () => {
    const r = await scan({ 'apps/other/app.json': j({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }) });
    expect(r.notes.join('\n')).toMatch(/1 identity policy has no deployment target/);
    const bad = await scan({}, { ...organization, deployments: { 'x/**': ['Nowhere'] } });
    expect(bad.errors.some((e) => /organisation model: organization.deployments.x\/\*\*: "Nowhere" is not root/.test(e.message))).toBe(true);
    expect(bad.verdict.status).toBe('incomplete');
    const missing = await scan({}, { ...organization, scps: { ...organization.scps, Gone: 'org/scps/gone.json' } });
    expect(missing.errors.some((e) => /SCP Gone from the organisation model could not be read/.test(e.message))).toBe(true);
  });

  it('more than 5 SCPs on one target is an error', async () => {
    const r = await scan({}, { ...organization, attachments: { ...organization.attachments, root: ['FullAWSAccess', 'DenyLeave', 'ProtectTrail', 'RegionLock', 'SandboxNoDelete', 'AllowList'] } });
    expect(r.findings.find((f) => f.ruleId === 'scp-too-many-attached')!.message).toMatch(/The root has 6 SCPs attached/);
  });
});

function records(file: string, text: string, base?: string) {
  const options = defaultOptions('/repo');
  const r = rawExtractor.extract({ file, repoPath: file, displayPath: (p) => p, text, options, explicit: true, readRepoFile: () => '' }) as ExtractResult;
  if (base !== undefined) r.policies[0]!.base = JSON.parse(base);
  return { policies: r.policies, options };
}

describe('SCP lock-out risks', () => {
  const lockout = (text: string, org?: unknown) => {
    const { policies, options } = records('scps/x.json', text);
    options.organization = org;
    return runScpStage({ policies, options, universe: catalogUniverse(), repoPathOf: (p) => p.file, readScp: () => { throw new Error('no'); } }).findings.filter((f) => f.ruleId === 'scp-lockout-risk');
  };

  it('a Deny on everything without an exception', () => {
    const f = lockout(`{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Sid": "FreezeAll",\n      "Effect": "Deny",\n      "Action": "*",\n      "Resource": "*"\n    }\n  ]\n}`);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: 'error', line: 6 });
    expect(f[0]!.message).toMatch(/denies every action with no exception/);
  });

  it('a Deny on role assumption; an exception that misses the configured break-glass role', () => {
    expect(lockout(j({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'sts:AssumeRole', Resource: '*' }] }))[0]!.message).toMatch(/denies sts:AssumeRole with no exception/);
    const withException = j({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'sts:*', Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Admin' } } }] });
    expect(lockout(withException)).toEqual([]);
    const f = lockout(withException, { exemptPrincipals: ['arn:aws:iam::*:role/BreakGlass'] });
    expect(f[0]!.message).toMatch(/does not cover the break-glass principal arn:aws:iam::\*:role\/BreakGlass/);
  });

  it('a Deny limited to the root user is no lock-out; one limited to any role pattern still is', () => {
    const root = (arn: string) => j({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotAction: ['s3:PutBucketPolicy'], Resource: '*', Condition: { ArnLike: { 'aws:PrincipalArn': arn } } }] });
    expect(lockout(root('arn:aws:iam::*:root'))).toEqual([]);
    expect(lockout(root('arn:aws:iam::*:role/*'))[0]!.message).toMatch(/with no exception/);
    expect(lockout(root('*'))[0]!.message).toMatch(/with no exception/);
  });

  it('who can still act names the management account when the config gives it', () => {
    const freeze = j({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'sts:AssumeRole', Resource: '*' }] });
    expect(lockout(freeze, { managementAccount: '999988887777' })[0]!.message).toMatch(/Still able to act: the management account 999988887777 \(SCPs never apply to it\) and service-linked roles/);
    expect(lockout(freeze)[0]!.message).toMatch(/Still able to act: the management account \(SCPs never apply to it\)/);
  });

  it('Organizations itself, and the pipeline role', () => {
    expect(lockout(j({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'organizations:*', Resource: '*' }] }))[0]!.message).toMatch(/AWS Organizations/);
    const f = lockout(j({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'cloudformation:*', Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/Admin' } } }] }), { pipelinePrincipals: ['arn:aws:iam::*:role/github-deploy'] });
    expect(f[0]!.message).toMatch(/denies cloudformation:CreateStack, cloudformation:UpdateStack, cloudformation:ExecuteChangeSet to the deployment pipeline/);
  });

  it('no finding for narrowed denies: region conditions, specific resources, the corpus guardrails', () => {
    expect(lockout(REGION_LOCK)).toEqual([]);
    expect(lockout(DENY_LEAVE)).toEqual([]);
    expect(lockout(j({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: 'arn:aws:s3:::audit-logs/*' }] }))).toEqual([]);
  });

  it('removing the allow-everything statement', () => {
    const { policies, options } = records('scps/full.json', ALLOW_LIST, j({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }));
    const f = runScpStage({ policies, options, universe: catalogUniverse(), repoPathOf: (p) => p.file, readScp: () => ({}) }).findings;
    expect(f.find((x) => x.ruleId === 'scp-lockout-risk')!.message).toMatch(/used to allow every action/);
  });
});

describe('SCP change impact', () => {
  it('base vs head over the whole catalogue, grouped by service', () => {
    const base = j({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: ['cloudtrail:StopLogging'], Resource: '*' }] });
    const head = `{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Deny", "Action": ["cloudtrail:*", "guardduty:Delete*"], "Resource": "*" }\n  ]\n}`;
    const { policies, options } = records('scps/protect.json', head, base);
    const r = runScpStage({ policies, options, universe: catalogUniverse(), repoPathOf: (p) => p.file, readScp: () => ({}) });
    const u = catalogUniverse();
    const trail = count(expandPattern(u, 'cloudtrail:*'));
    const gd = count(expandPattern(u, 'guardduty:Delete*'));
    expect(r.impacts).toHaveLength(1);
    const t = r.impacts[0]!.targets[0]!;
    expect(t.newlyDeniedCount).toBe(trail - 1 + gd);
    expect(t.newlyDenied.map((g) => g.service).sort()).toEqual(['cloudtrail', 'guardduty']);
    expect(t.newlyAllowedCount).toBe(0);
    const f = r.findings.find((x) => x.ruleId === 'scp-change-impact')!;
    expect(f.message).toMatch(new RegExp(`for every request: .*cloudtrail actions .* now denied \\(${trail - 1 + gd} actions, allowed before\\)`));
  });

  it('per attached target with the organisation model, including OU inheritance', () => {
    const base = ALLOW_LIST;
    const head = j({ Version: '2012-10-17', Statement: [{ Sid: 'OnlyTheseServices', Effect: 'Allow', Action: ['s3:*', 'dynamodb:*', 'sts:*', 'iam:PassRole', 'sqs:*'], Resource: '*' }] });
    const { policies, options } = records('org/scps/allow-list.json', head, base);
    options.organization = organization;
    const files: Record<string, string> = scpFiles;
    const r = runScpStage({ policies, options, universe: catalogUniverse(), repoPathOf: (p) => p.file, readScp: (p) => JSON.parse(files[p]!) });
    expect(r.errors).toEqual([]);
    const t = r.impacts[0]!.targets;
    expect(t.map((x) => x.target)).toEqual(['OU Restricted']);
    const u = catalogUniverse();
    expect(t[0]!.newlyDeniedCount).toBe(count(expandPattern(u, 'lambda:*')) + count(expandPattern(u, 'logs:*')));
    // leaving the organisation stays denied by the root SCP whatever the allow-list says
    expect(t[0]!.newlyAllowed.find((g) => g.service === 'sqs')!.count).toBe(count(expandPattern(u, 'sqs:*')));
  });
});

describe('evaluation engine', () => {
  it('Action "*" against a 5-level hierarchy: allow needed at every level, deny anywhere wins', () => {
    const u = catalogUniverse();
    const full = compileStatements(u, { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }, 'f', 'FullAWSAccess');
    const deny = compileStatements(u, JSON.parse(DENY_LEAVE), 'd', 'DenyLeave');
    const onlyS3 = compileStatements(u, { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] }, 's', 'OnlyS3');
    const levels = [
      { name: 'root', statements: [...full, ...deny] },
      { name: 'ou1', statements: full },
      { name: 'ou2', statements: onlyS3 },
      { name: 'ou3', statements: full },
      { name: 'acct', statements: full },
    ];
    const v = evaluateHierarchy(u, levels);
    expect(count(v.allowed)).toBe(count(expandPattern(u, 's3:*')));
    const v2 = evaluateHierarchy(u, levels.filter((l) => l.name !== 'ou2'));
    expect(count(v2.allowed)).toBe(u.actions.length - 1);
    expect(count(v2.denied)).toBe(1);
  });
});

describe('the organisation model from the config file', () => {
  it('is validated with lines, normalised, and drives the SCP simulation', async () => {
    const { loadOptions } = await import('../../src/config/load.js');
    const config = `organization:
  scps:
    ProtectTrail: org/scps/protect-trail.json
  attachments:
    Workloads: [FullAWSAccess, ProtectTrail]
  ous:
    Workloads:
      id: ou-ab12-cdef3456
      accounts: [111111111111]
  deployments:
    "apps/**": [ou-ab12-cdef3456]
  exempt-principals: ["arn:aws:iam::*:role/OrganizationAdmin"]
`;
    const root = tmpRepo({ ...scpFiles, '.github/iam-policy-gate.yml': config, 'apps/ops.json': j({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'cloudtrail:StopLogging', Resource: '*' }] }) });
    const { options } = loadOptions(root, root);
    const r = await runGate(['apps'], options);
    expect(r.findings.map((f) => f.ruleId)).toContain('scp-blocks-workload');
    expect(r.findings.find((f) => f.ruleId === 'scp-blocks-workload')!.message).toMatch(/in OU Workloads \(ou-ab12-cdef3456\) the organisation's SCPs deny it: ProtectTrail \(ProtectCloudTrail\) at OU Workloads \(ou-ab12-cdef3456\) except for arn:aws:iam::\*:role\/OrganizationAdmin/);
    const bad = tmpRepo({ '.github/iam-policy-gate.yml': config.replace('[FullAWSAccess, ProtectTrail]', '[FullAWSAccess, Missing]') });
    expect(() => loadOptions(bad, bad)).toThrow(/iam-policy-gate\.yml:5: organization\.attachments\.Workloads\[1\]: SCP "Missing" is not defined/);
  });
});
