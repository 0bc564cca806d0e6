/**
 * The baseline must not hide escalation: an existing finding stays existing only when what it is about did not
 * widen -- the statement's content, and who holds the policy under which guards. Driven through the real PR path
 * (git base and head commits, analysePullRequest).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { GitFixture } from '../pr/git-fixture.js';
import { analysePullRequest } from '../../src/action/pull-request.js';
import { defaultOptions } from '../../src/config/options.js';

let repo: GitFixture | undefined;
afterEach(() => repo?.remove());

async function pr(base: string, head: string) {
  const options = { ...defaultOptions(repo!.dir), accessAnalyzer: 'off' as const };
  const { result } = await analysePullRequest({
    gh: undefined,
    repo: { owner: 'acme', repo: 'infra' },
    pr: { number: 3, baseSha: base, headSha: head },
    workspace: repo!.dir,
    paths: ['.'],
    options,
    log: () => {},
    warn: () => {},
  });
  const blocking = result.findings.filter((f) => f.new && !f.suppressed && (f.severity === 'error' || f.severity === 'security-warning'));
  return { result, blocking, status: result.verdict.status };
}

const json = (v: unknown) => JSON.stringify(v, null, 2) + '\n';
const bucketPolicy = (actions: string[], resources: string[]) =>
  json({ Version: '2012-10-17', Statement: [{ Sid: 'PublicRead', Effect: 'Allow', Principal: '*', Action: actions, Resource: resources }] });

describe('the statement widened', () => {
  it('public read becomes public write on more buckets under the same Sid: new, blocks', async () => {
    repo = new GitFixture();
    const base = repo.commit({ 'iam/site-bucket.json': bucketPolicy(['s3:GetObject'], ['arn:aws:s3:::site/*']) }, 'base');
    const head = repo.commit({ 'iam/site-bucket.json': bucketPolicy(['s3:GetObject', 's3:PutObject'], ['arn:aws:s3:::site/*', 'arn:aws:s3:::logs/*']) }, 'widen');
    const before = await pr(base, base);
    const r = await pr(base, head);
    expect(r.status).toBe('fail');
    expect(r.blocking.length).toBeGreaterThan(0);
    // the fingerprint of the public-access finding changed with what the statement grants
    const fpBase = new Set(before.result.findings.map((f) => f.fingerprint));
    expect(r.blocking.every((f) => !fpBase.has(f.fingerprint))).toBe(true);
  });

  it('a flagged statement only narrowed (an action removed, a condition added) stays existing', async () => {
    repo = new GitFixture();
    const doc = (actions: string[], condition?: unknown) =>
      json({ Version: '2012-10-17', Statement: [{ Sid: 'Ops', Effect: 'Allow', Action: actions, Resource: '*', ...(condition ? { Condition: condition } : {}) }] });
    const base = repo.commit({ 'iam/ops.json': doc(['s3:*', 'iam:*', 'ec2:*']) }, 'base');
    const head = repo.commit({ 'iam/ops.json': doc(['iam:*', 's3:*'], { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }) }, 'narrow');
    const r = await pr(base, head);
    expect(r.result.findings.length).toBeGreaterThan(0);
    expect(r.blocking).toEqual([]);
    expect(r.status).toBe('pass');
  });

  it('a whitespace-only reformat of a flagged existing policy keeps its findings existing', async () => {
    repo = new GitFixture();
    const doc = { Version: '2012-10-17', Statement: [{ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' }] };
    const base = repo.commit({ 'iam/admin.json': json(doc) }, 'base');
    const head = repo.commit({ 'iam/admin.json': '\n\n' + JSON.stringify(doc, null, 8) + '\n' }, 'reformat');
    const r = await pr(base, head);
    expect(r.result.findings.map((f) => [f.ruleId, f.new])).toEqual([['admin-wildcard', false]]);
    expect(r.status).toBe('pass');
  });
});

const cfn = (resources: Record<string, unknown>) => json({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources });
const trust = (service = 'ec2.amazonaws.com') => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });
const adminDoc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
const role = (extra: Record<string, unknown> = {}) => ({ Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: trust(), ...extra } });

describe('new vs existing per holder', () => {
  it('an existing admin policy attached to a new role: new access, blocks', async () => {
    repo = new GitFixture();
    const stack = (roles: string[]) =>
      cfn({
        OpsRole: role(),
        ...(roles.includes('CiRole') ? { CiRole: role() } : {}),
        AdminPolicy: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: adminDoc, Roles: roles.map((r) => ({ Ref: r })) } },
      });
    const base = repo.commit({ 'stacks/iam.json': stack(['OpsRole']) }, 'base');
    const same = repo.commit({ 'stacks/iam.json': stack(['OpsRole']).replace('"Resources": {', '"Description": "ops",\n  "Resources": {') }, 'unrelated edit');
    expect((await pr(base, same)).status).toBe('pass');
    const head = repo.commit({ 'stacks/iam.json': stack(['OpsRole', 'CiRole']) }, 'attach to CI');
    const r = await pr(same, head);
    expect(r.status).toBe('fail');
    const admin = r.blocking.find((f) => f.ruleId === 'admin-wildcard')!;
    expect(admin.details?.newAccess).toBe('role:CiRole now holds this policy');
  });

  it('a user added to the admin group: new access, blocks', async () => {
    repo = new GitFixture();
    const stack = (groups: string[]) =>
      cfn({
        Admins: { Type: 'AWS::IAM::Group', Properties: { Policies: [{ PolicyName: 'admin', PolicyDocument: adminDoc }] } },
        Alice: { Type: 'AWS::IAM::User', Properties: { Groups: groups.map((g) => ({ Ref: g })) } },
      });
    const base = repo.commit({ 'stacks/users.json': stack([]) }, 'base');
    const head = repo.commit({ 'stacks/users.json': stack(['Admins']) }, 'add alice to admins');
    const r = await pr(base, head);
    expect(r.status).toBe('fail');
    expect(r.blocking.some((f) => f.ruleId === 'admin-wildcard' && /Alice/.test(String(f.details?.newAccess)))).toBe(true);
  });

  it('a permissions boundary removed from a role with an admin policy: new access, blocks', async () => {
    repo = new GitFixture();
    const boundary = { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/*' }] } } };
    const stack = (bounded: boolean) =>
      cfn({
        Boundary: boundary,
        AppRole: role({ ...(bounded ? { PermissionsBoundary: { Ref: 'Boundary' } } : {}), Policies: [{ PolicyName: 'admin', PolicyDocument: adminDoc }] }),
      });
    const base = repo.commit({ 'stacks/app.json': stack(true) }, 'base');
    const head = repo.commit({ 'stacks/app.json': stack(false) }, 'drop the boundary');
    const r = await pr(base, head);
    expect(r.status).toBe('fail');
    expect(r.blocking.some((f) => f.ruleId === 'admin-wildcard')).toBe(true);
  });

  it('an admin policy moved from an MFA-protected role to a CI role: new access, blocks', async () => {
    repo = new GitFixture();
    const mfaTrust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] };
    const stack = (holder: string) =>
      cfn({
        BreakGlass: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: mfaTrust } },
        Ci: role(),
        Admin: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: adminDoc, Roles: [{ Ref: holder }] } },
      });
    const base = repo.commit({ 'stacks/admin.json': stack('BreakGlass') }, 'base');
    const head = repo.commit({ 'stacks/admin.json': stack('Ci') }, 'move');
    const r = await pr(base, head);
    expect(r.status).toBe('fail');
    expect(r.blocking.find((f) => f.ruleId === 'admin-wildcard')?.details?.newAccess).toBe('role:Ci now holds this policy');
  });

  it('guards only made stronger (a Deny widened, a boundary narrowed, a trust condition added): existing, passes', async () => {
    repo = new GitFixture();
    const stack = (strong: boolean) =>
      cfn({
        Boundary: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: strong ? ['s3:GetObject'] : ['s3:GetObject', 'sqs:*'], Resource: '*' }] } } },
        AppRole: {
          Type: 'AWS::IAM::Role',
          Properties: {
            AssumeRolePolicyDocument: strong ? { ...trust(), Statement: [{ ...trust().Statement[0], Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } }] } : trust(),
            PermissionsBoundary: { Ref: 'Boundary' },
            Policies: [
              { PolicyName: 'admin', PolicyDocument: adminDoc },
              { PolicyName: 'no-iam', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: strong ? ['iam:*', 'organizations:*'] : ['iam:*'], Resource: '*' }] } },
            ],
          },
        },
      });
    const base = repo.commit({ 'stacks/app.json': stack(false) }, 'base');
    const head = repo.commit({ 'stacks/app.json': stack(true) }, 'tighten');
    const r = await pr(base, head);
    expect(r.result.findings.some((f) => f.ruleId === 'admin-wildcard' && f.new === false)).toBe(true);
    expect(r.blocking).toEqual([]);
  });

  it('privilege escalation already reported, an admin statement added next to it: only the admin finding is new', async () => {
    repo = new GitFixture();
    const doc = (extra: unknown[]) => json({ Version: '2012-10-17', Statement: [{ Sid: 'Legacy', Effect: 'Allow', Action: 'iam:*', Resource: '*' }, ...extra] });
    const base = repo.commit({ 'iam/ci.json': doc([]) }, 'base');
    const head = repo.commit({ 'iam/ci.json': doc([{ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' }]) }, 'admin');
    const r = await pr(base, head);
    // the principal could already escalate to anything: more escalation methods widen nothing
    expect(r.result.findings.filter((f) => f.new).map((f) => f.ruleId)).toEqual(['admin-wildcard']);
  });

  it('a Deny statement deleted from a policy whose Allow is risky: the Allow finding is new', async () => {
    repo = new GitFixture();
    const doc = (deny: boolean) =>
      json({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'Iam', Effect: 'Allow', Action: 'iam:*', Resource: '*' },
          ...(deny ? [{ Sid: 'NoUsers', Effect: 'Deny', Action: ['iam:CreateUser', 'iam:CreateAccessKey', 'iam:AttachUserPolicy', 'iam:PutUserPolicy'], Resource: '*' }] : []),
        ],
      });
    const base = repo.commit({ 'iam/iam-admin.json': doc(true) }, 'base');
    const head = repo.commit({ 'iam/iam-admin.json': doc(false) }, 'drop the deny');
    const r = await pr(base, head);
    expect(r.status).toBe('fail');
    expect(r.blocking.length).toBeGreaterThan(0);
  });

  it('a Deny policy detached from the role holding an admin policy: new access, blocks', async () => {
    repo = new GitFixture();
    const deny = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'iam:*', Resource: '*' }] };
    const stack = (withDeny: boolean) =>
      cfn({ OpsRole: role({ Policies: [{ PolicyName: 'admin', PolicyDocument: adminDoc }, ...(withDeny ? [{ PolicyName: 'no-iam', PolicyDocument: deny }] : [])] }) });
    const base = repo.commit({ 'stacks/ops.json': stack(true) }, 'base');
    const head = repo.commit({ 'stacks/ops.json': stack(false) }, 'drop the deny');
    const r = await pr(base, head);
    expect(r.status).toBe('fail');
    expect(r.blocking.some((f) => /Deny/.test(String(f.details?.newAccess)))).toBe(true);
  });
});

describe('deleting a guardrail is a change with impact', () => {
  const scp = (denies: string[]) =>
    json({ Version: '2012-10-17', Statement: [{ Sid: 'Guard', Effect: 'Deny', Action: denies, Resource: '*' }] });

  it('an SCP file deleted: the summary shows what its deletion newly allows (scp-change-impact, new)', async () => {
    repo = new GitFixture();
    const base = repo.commit({ 'scps/guard.json': scp(['organizations:LeaveOrganization', 'cloudtrail:StopLogging']), 'README.md': '# org\n' }, 'base');
    const head = repo.commit({ 'scps/guard.json': null }, 'delete the guardrail');
    const r = await pr(base, head);
    const impact = r.result.findings.filter((f) => f.ruleId === 'scp-change-impact');
    expect(impact.map((f) => [f.file, f.new])).toEqual([['scps/guard.json', true]]);
    expect(impact[0]!.message).toMatch(/newly allows 2 actions/);
  });

  it('a Deny statement removed from an SCP: reported the same way', async () => {
    repo = new GitFixture();
    const base = repo.commit({ 'scps/guard.json': scp(['organizations:LeaveOrganization', 'cloudtrail:StopLogging']) }, 'base');
    const head = repo.commit({ 'scps/guard.json': scp(['organizations:LeaveOrganization']) }, 'weaken the guardrail');
    const r = await pr(base, head);
    const impact = r.result.findings.filter((f) => f.ruleId === 'scp-change-impact');
    expect(impact.map((f) => [f.file, f.new])).toEqual([['scps/guard.json', true]]);
    expect(impact[0]!.message).toMatch(/newly allows 1 actions/);
  });

  it('a lifted guardrail blocks: deleting the SCP that denies cloudtrail:StopLogging or iam:PutRolePolicy is a security-warning', async () => {
    for (const denied of [['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail'], ['iam:PutRolePolicy']]) {
      repo = new GitFixture();
      const base = repo.commit({ 'scps/guard.json': scp(denied), 'README.md': '# org\n' }, 'base');
      const head = repo.commit({ 'scps/guard.json': null }, 'delete the guardrail');
      const r = await pr(base, head);
      const impact = r.result.findings.find((f) => f.ruleId === 'scp-change-impact')!;
      expect(impact.severity, denied[0]).toBe('security-warning');
      expect(impact.message).toMatch(new RegExp(`It lifts a guardrail: .*${denied[0]}`));
      expect(r.status, denied[0]).toBe('fail');
    }
  });

  const regionLock = (regions: string[]) =>
    json({
      Version: '2012-10-17',
      Statement: [{ Sid: 'RegionLock', Effect: 'Deny', NotAction: ['iam:*', 'sts:*', 'organizations:*', 'route53:*', 'cloudfront:*', 'support:*', 'budgets:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': regions } } }],
    });

  it('adding a Region to a region lock opens that Region as a whole: a plain warning, not a lifted guardrail (control)', async () => {
    repo = new GitFixture();
    const base = repo.commit({ 'scps/regions.json': regionLock(['eu-west-1', 'us-east-1']), 'README.md': '# org\n' }, 'base');
    const head = repo.commit({ 'scps/regions.json': regionLock(['eu-west-1', 'us-east-1', 'eu-central-1']) }, 'approve eu-central-1');
    const r = await pr(base, head);
    const impact = r.result.findings.find((f) => f.ruleId === 'scp-change-impact')!;
    expect(impact.severity).toBe('warning');
    expect(impact.message).not.toMatch(/lifts a guardrail/);
    expect(r.status).toBe('pass');
  });

  it('a Region added in the same change that deletes the CloudTrail guardrail still blocks on the guardrail', async () => {
    repo = new GitFixture();
    const base = repo.commit({ 'scps/regions.json': regionLock(['eu-west-1', 'us-east-1']), 'scps/guard.json': scp(['cloudtrail:StopLogging']), 'README.md': '# org\n' }, 'base');
    const head = repo.commit({ 'scps/regions.json': regionLock(['eu-west-1', 'us-east-1', 'eu-central-1']), 'scps/guard.json': null }, 'approve a region, drop the trail guard');
    const r = await pr(base, head);
    expect(r.status).toBe('fail');
    expect(r.blocking.some((f) => f.ruleId === 'scp-change-impact' && /lifts a guardrail: .*cloudtrail:StopLogging/.test(f.message))).toBe(true);
  });

  it('removing a guardrail on other actions (ec2:RunInstances) stays a plain warning (control)', async () => {
    repo = new GitFixture();
    const base = repo.commit({ 'scps/guard.json': scp(['ec2:RunInstances']), 'README.md': '# org\n' }, 'base');
    const head = repo.commit({ 'scps/guard.json': null }, 'delete the guardrail');
    const r = await pr(base, head);
    const impact = r.result.findings.find((f) => f.ruleId === 'scp-change-impact')!;
    expect(impact.severity).toBe('warning');
    expect(r.status).toBe('pass');
  });
});

describe('detaching a guardrail in the IaC is a change with impact', () => {
  const orgStack = (targets: string[], withPolicy = true) =>
    json({
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: {
        ...(withPolicy
          ? {
              Guard: {
                Type: 'AWS::Organizations::Policy',
                Properties: {
                  Name: 'guard',
                  Type: 'SERVICE_CONTROL_POLICY',
                  TargetIds: targets,
                  Content: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail'], Resource: '*' }] },
                },
              },
            }
          : {}),
        Topic: { Type: 'AWS::SNS::Topic' },
      },
    });

  it('a CloudFormation SCP detached from one of its targets: scp-change-impact, new', async () => {
    repo = new GitFixture();
    const base = repo.commit({ 'org/guard.json': orgStack(['r-abcd', 'ou-abcd-11111111']) }, 'base');
    const head = repo.commit({ 'org/guard.json': orgStack(['ou-abcd-11111111']) }, 'detach from the root');
    const r = await pr(base, head);
    const impact = r.result.findings.filter((f) => f.ruleId === 'scp-change-impact');
    expect(impact.map((f) => [f.file, f.new])).toEqual([['org/guard.json', true]]);
    expect(impact[0]!.message).toMatch(/newly allows 2 actions/);
  });

  it('an SCP resource removed from a template that stays: scp-change-impact, new', async () => {
    repo = new GitFixture();
    const base = repo.commit({ 'org/guard.json': orgStack(['r-abcd']) }, 'base');
    const head = repo.commit({ 'org/guard.json': orgStack([], false) }, 'remove the SCP');
    const r = await pr(base, head);
    expect(r.result.findings.filter((f) => f.ruleId === 'scp-change-impact').map((f) => f.new)).toEqual([true]);
  });

  it('a Terraform SCP attachment removed: scp-change-impact, new; an unrelated edit of the module: nothing', async () => {
    repo = new GitFixture();
    const scp = `resource "aws_organizations_policy" "guard" {
  name    = "guard"
  type    = "SERVICE_CONTROL_POLICY"
  content = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = ["cloudtrail:StopLogging"], Resource = "*" }] })
}
`;
    const attach = `resource "aws_organizations_policy_attachment" "root" {
  policy_id = aws_organizations_policy.guard.id
  target_id = "r-abcd"
}
`;
    const base = repo.commit({ 'org/scp.tf': scp, 'org/attach.tf': attach }, 'base');
    const tweak = repo.commit({ 'org/scp.tf': '# guardrails\n' + scp }, 'comment');
    expect((await pr(base, tweak)).result.findings.filter((f) => f.ruleId === 'scp-change-impact')).toEqual([]);
    const head = repo.commit({ 'org/attach.tf': null }, 'detach');
    const r = await pr(tweak, head);
    const impact = r.result.findings.filter((f) => f.ruleId === 'scp-change-impact');
    expect(impact.map((f) => [f.file, f.new])).toEqual([['org/scp.tf', true]]);
    expect(impact[0]!.message).toMatch(/newly allows 1 actions/);
  });
});

describe('CLI --base', () => {
  it('an SCP file deleted in the working tree since the ref: reported with what its deletion newly allows', async () => {
    const { runCli } = await import('../../src/cli.js');
    repo = new GitFixture();
    repo.commit({ 'scps/guard.json': json({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'cloudtrail:StopLogging', Resource: '*' }] }), 'iam/read.json': json({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::a/*' }] }) }, 'base');
    repo.git('tag', 'v1');
    repo.commit({ 'scps/guard.json': null }, 'delete the guardrail');
    let stdout = '';
    await runCli(['scan', '--base', 'v1', '--format', 'json', '--access-analyzer', 'off'], { stdout: (s) => (stdout += s), stderr: () => {}, cwd: repo.dir, isTTY: false });
    const report = JSON.parse(stdout);
    expect(report.findings.filter((f: { ruleId: string }) => f.ruleId === 'scp-change-impact').map((f: { file: string; new: boolean }) => [f.file, f.new])).toEqual([['scps/guard.json', true]]);
  });
});
