/**
 * The organisation read live: the real @aws-sdk/client-organizations client against the local fake (AWS JSON 1.1,
 * NextToken pagination, throttling, AWSOrganizationsNotInUseException, AccessDeniedException). The read is bounded
 * in calls, cached per organisation, and a read that was needed and failed makes the verdict incomplete.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createOrgApi, readLiveOrganization, readOrganization, LiveOrgError } from '../../src/checks/scp/org-live/index.js';
import type { ReadLimits } from '../../src/checks/scp/org-live/index.js';
import { DirCache, noCache } from '../../src/checks/access-analyzer/cache.js';
import { runScpStage } from '../../src/checks/scp/index.js';
import { catalogUniverse } from '../../src/engine/actions.js';
import { defaultOptions } from '../../src/config/options.js';
import { rawExtractor } from '../../src/extract/raw.js';
import type { ExtractResult } from '../../src/extract/types.js';
import { runGate } from '../../src/gate.js';
import { runCli } from '../../src/cli.js';
import { FakeOrganizations, FULL_AWS_ACCESS_SCP, RCP_FULL_AWS_ACCESS } from '../fakes/organizations-server.js';
import type { FakeOrg } from '../fakes/organizations-server.js';
import { tmpRepo } from '../helpers/tmp-repo.js';

const CREDS = { accessKeyId: 'AKIAFAKEFAKEFAKEFAKE', secretAccessKey: 'fake-secret' };
const GLOBALS = ['iam:*', 'sts:*', 'organizations:*', 'support:*', 'route53:*', 'cloudfront:*', 'budgets:*', 'aws-portal:*', 'waf:*', 'globalaccelerator:*'];
const REGION_LOCK = { Version: '2012-10-17', Statement: [{ Sid: 'DenyOutsideEU', Effect: 'Deny', NotAction: GLOBALS, Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] } } }] };
const DENY_LEAVE = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }] };
const ENFORCE_TLS = { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } } }] };

const ORG: FakeOrg = {
  rootId: 'r-ab12',
  orgId: 'o-a1b2c3d4e5',
  enabled: ['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'],
  ous: [
    { id: 'ou-ab12-11111111', name: 'Workloads', parent: 'r-ab12' },
    { id: 'ou-ab12-22222222', name: 'Prod', parent: 'ou-ab12-11111111' },
    { id: 'ou-ab12-33333333', name: 'Sandbox', parent: 'r-ab12' },
  ],
  accounts: [
    { id: '111122223333', name: 'orders-prod', parent: 'ou-ab12-22222222' },
    { id: '444455556666', name: 'sandbox', parent: 'ou-ab12-33333333' },
    { id: '999988887777', name: 'management', parent: 'r-ab12' },
  ],
  policies: [
    FULL_AWS_ACCESS_SCP,
    RCP_FULL_AWS_ACCESS,
    { id: 'p-regionlock1', name: 'RegionLock', type: 'SERVICE_CONTROL_POLICY', content: REGION_LOCK },
    { id: 'p-denyleave01', name: 'DenyLeave', type: 'SERVICE_CONTROL_POLICY', content: DENY_LEAVE },
    { id: 'p-enforcetls1', name: 'EnforceTLS', type: 'RESOURCE_CONTROL_POLICY', content: ENFORCE_TLS },
  ],
  attachments: {
    'r-ab12': ['p-FullAWSAccess', 'p-denyleave01', 'p-RCPFullAWSAccess'],
    'ou-ab12-11111111': ['p-FullAWSAccess', 'p-regionlock1', 'p-RCPFullAWSAccess'],
    'ou-ab12-22222222': ['p-FullAWSAccess', 'p-RCPFullAWSAccess'],
    'ou-ab12-33333333': ['p-FullAWSAccess', 'p-RCPFullAWSAccess', 'p-enforcetls1'],
    '111122223333': ['p-FullAWSAccess', 'p-RCPFullAWSAccess'],
    '444455556666': ['p-FullAWSAccess', 'p-RCPFullAWSAccess'],
    '999988887777': ['p-FullAWSAccess', 'p-RCPFullAWSAccess'],
  },
};

/** Calls a complete read makes at `pageSize` (pages of a list of n items: one when empty). */
function expectedCalls(org: FakeOrg, pageSize: number): number {
  const pages = (n: number) => Math.max(1, Math.ceil(n / pageSize));
  const parents = [org.rootId, ...org.ous.map((o) => o.id)];
  const targets = [...parents, ...org.accounts.map((a) => a.id)];
  let calls = 1; // ListRoots
  for (const p of parents) calls += pages(org.ous.filter((o) => o.parent === p).length) + pages(org.accounts.filter((a) => a.parent === p).length);
  for (const t of targets) for (const type of org.enabled) calls += pages((org.attachments[t] ?? []).filter((id) => org.policies.find((p) => p.id === id)!.type === type).length);
  return calls + new Set(Object.values(org.attachments).flat()).size; // DescribePolicy once per distinct policy
}

let fake: FakeOrganizations;
beforeAll(async () => {
  fake = new FakeOrganizations(ORG);
  await fake.start();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  fake.pageSize = 20;
});

const noWait: Partial<ReadLimits> = { sleep: async () => undefined, baseDelayMs: 1 };
const limits = (over: Partial<ReadLimits> = {}): ReadLimits => ({ maxCalls: 400, timeBudgetMs: 60_000, cacheTtlMs: 0, ...noWait, ...over });
const api = () => createOrgApi({ region: 'us-east-1', endpoint: fake.url, credentials: CREDS });
const readError = async (p: Promise<unknown>): Promise<LiveOrgError> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof LiveOrgError) return e;
    throw e;
  }
  throw new Error('the read succeeded');
};

describe('reading the organisation through the real client', () => {
  it('walks the tree with NextToken pagination, signed requests, each policy described once', async () => {
    fake.pageSize = 1;
    const live = await readOrganization(api(), limits(), noCache);
    expect(live.rootId).toBe('r-ab12');
    expect(live.nodes.map((n) => `${n.kind}:${n.id}`).sort()).toEqual(
      ['root:r-ab12', 'ou:ou-ab12-11111111', 'ou:ou-ab12-22222222', 'ou:ou-ab12-33333333', 'account:111122223333', 'account:444455556666', 'account:999988887777'].sort(),
    );
    const workloads = live.nodes.find((n) => n.id === 'ou-ab12-11111111')!;
    expect(workloads.scps).toEqual(['p-FullAWSAccess', 'p-regionlock1']);
    expect(live.nodes.find((n) => n.id === 'ou-ab12-33333333')!.rcps).toEqual(['p-RCPFullAWSAccess', 'p-enforcetls1']);
    expect(live.policies.get('p-regionlock1')!.document).toEqual(REGION_LOCK);
    expect(fake.calls('DescribePolicy')).toHaveLength(5);
    expect(fake.log.every((r) => r.signed && r.status === 200)).toBe(true);
    // more than one page was read for some list, and the call count is exactly what the tree needs
    expect(fake.log.some((r) => r.body.NextToken !== undefined)).toBe(true);
    expect(fake.log).toHaveLength(expectedCalls(ORG, 1));
    expect(live.stats.calls).toBe(fake.log.length);
  });

  it('stops at the call budget: an error, never a partial organisation', async () => {
    const e = await readError(readOrganization(api(), limits({ maxCalls: 6 }), noCache));
    expect(e.code).toBe('call-budget');
    expect(e.message).toMatch(/more than 6 Organizations calls/);
    expect(fake.log.length).toBeLessThanOrEqual(6);
  });

  it('stops at the time budget (the clock is injected: each call takes 10 s)', async () => {
    let now = 0;
    const real = api() as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
    const slow = new Proxy(real, { get: (o, k: string) => (...a: unknown[]) => ((now += 10_000), o[k]!.apply(o, a)) }) as unknown as ReturnType<typeof api>;
    const e = await readError(readOrganization(slow, limits({ timeBudgetMs: 15_000, now: () => now }), noCache));
    expect(e.code).toBe('time-budget');
    expect(e.message).toMatch(/within 15 s/);
    expect(fake.log).toHaveLength(2);
  });

  it('TooManyRequestsException: retried with backoff, then the read completes', async () => {
    fake.inject({ type: 'TooManyRequestsException', message: 'AWS Organizations can\'t complete your request because another request is already in progress.' }, { op: 'ListPoliciesForTarget', times: 2 });
    const live = await readOrganization(api(), limits(), noCache);
    expect(live.stats.throttled).toBe(2);
    expect(fake.log.filter((r) => r.status === 400)).toHaveLength(2);
    expect(live.policies.size).toBe(5);
  });

  it('throttled on every attempt: an error after a bounded number of calls', async () => {
    fake.inject({ type: 'TooManyRequestsException' }, { times: 1000 });
    const e = await readError(readOrganization(api(), limits({ maxAttempts: 3 }), noCache));
    expect(e.code).toBe('throttled');
    expect(e.message).toMatch(/organizations:ListRoots was still throttled/);
    expect(fake.log).toHaveLength(3);
  });

  it('AWSOrganizationsNotInUseException: says the account is not in an organisation', async () => {
    fake.notInUse = true;
    const e = await readError(readOrganization(api(), limits(), noCache));
    expect(e.code).toBe('not-in-use');
    expect(e.message).toMatch(/not a member of an organization/);
    expect(fake.log).toHaveLength(1);
  });

  it('AccessDeniedException: names the operation and every permission the CI role needs', async () => {
    fake.denied.add('DescribePolicy');
    const e = await readError(readOrganization(api(), limits(), noCache));
    expect(e.code).toBe('access-denied');
    expect(e.message).toMatch(/access denied to organizations:DescribePolicy/);
    expect(e.message).toMatch(/organizations:ListRoots, organizations:ListOrganizationalUnitsForParent, organizations:ListAccountsForParent, organizations:ListPoliciesForTarget, organizations:DescribePolicy/);
  });

  it('a broken or foreign cache entry is a miss, never trusted', async () => {
    const now = 5_000;
    const garbage = { get: () => ({ at: now, value: { ous: 'x', accounts: [{ id: 1 }], content: 7 } }), set: () => undefined };
    const live = await readOrganization(api(), limits({ cacheTtlMs: 600_000, now: () => now }), garbage);
    expect(live.stats.cached).toBe(0);
    expect(live.nodes).toHaveLength(7);
    expect(fake.log).toHaveLength(expectedCalls(ORG, 20));
  });

  it('cached per organisation: a second read within the TTL costs one call; past it, a full read', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'org-cache-'));
    try {
      let now = 1_000_000;
      const l = limits({ cacheTtlMs: 600_000, now: () => now });
      const first = await readOrganization(api(), l, new DirCache(dir));
      const fullLog = fake.log.map((r) => `${r.op} ${JSON.stringify(r.body)}`).sort();
      expect(first.stats.cached).toBe(0);
      fake.reset();
      const second = await readOrganization(api(), l, new DirCache(dir));
      expect(fake.log.map((r) => r.op)).toEqual(['ListRoots']);
      expect(second.policies.get('p-regionlock1')!.document).toEqual(REGION_LOCK);
      fake.reset();
      now += 600_001;
      await readOrganization(api(), l, new DirCache(dir));
      expect(fake.log.map((r) => `${r.op} ${JSON.stringify(r.body)}`).sort()).toEqual(fullLog);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function scpRecord(file: string, head: unknown, base: unknown) {
  const options = defaultOptions('/repo');
  const r = rawExtractor.extract({ file, repoPath: file, displayPath: (p) => p, text: JSON.stringify(head, null, 2), options, explicit: true, readRepoFile: () => '' }) as ExtractResult;
  r.policies[0]!.base = base;
  return r.policies;
}

describe('the live organisation in the SCP checks', () => {
  it('a changed SCP whose base is a live policy: impact per live target, named by OU', async () => {
    const live = await readOrganization(api(), limits(), noCache);
    const head = { ...REGION_LOCK, Statement: [{ ...REGION_LOCK.Statement[0], Condition: { StringNotEquals: { 'aws:RequestedRegion': ['eu-west-1'] } } }] };
    const policies = scpRecord('org/scps/region.json', head, REGION_LOCK);
    const options = defaultOptions('/repo');
    const r = runScpStage({ policies, options, universe: catalogUniverse(), repoPathOf: (p) => p.file, readScp: () => ({}), live });
    expect(r.errors).toEqual([]);
    expect(r.impacts[0]!.targets.map((t) => t.target)).toEqual(['OU ou-ab12-11111111 (Workloads)']);
    expect(r.impacts[0]!.targets[0]!.contexts.map((c) => c.summary).join('\n')).toMatch(/eu-central-1/);
  });

  it('an RCP change is evaluated where the live RCP is attached', async () => {
    const live = await readOrganization(api(), limits(), noCache);
    const head = { ...ENFORCE_TLS, Statement: [{ ...ENFORCE_TLS.Statement[0], Action: ['s3:*', 'sqs:*'] }] };
    const options = defaultOptions('/repo');
    options.policyTypes = [{ files: ['**'], type: 'rcp' }];
    const r0 = rawExtractor.extract({ file: 'org/rcps/enforce-tls.json', repoPath: 'org/rcps/enforce-tls.json', displayPath: (p) => p, text: JSON.stringify(head), options, explicit: true, readRepoFile: () => '' }) as ExtractResult;
    r0.policies[0]!.base = ENFORCE_TLS;
    const r = runScpStage({ policies: r0.policies, options, universe: catalogUniverse(), repoPathOf: (p) => p.file, readScp: () => ({}), live });
    expect(r.impacts[0]!.targets.map((t) => t.target)).toEqual(['OU ou-ab12-33333333 (Sandbox)']);
    expect(r.impacts[0]!.targets[0]!.newlyDenied.map((g) => g.service)).toEqual(['sqs']);
  });
});

describe('organization-live through the gate', () => {
  const files = { 'org/scps/region-lock.json': JSON.stringify(REGION_LOCK, null, 2) };
  let saved: NodeJS.ProcessEnv;
  beforeEach(() => {
    saved = { ...process.env };
    process.env.AWS_ACCESS_KEY_ID = CREDS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = CREDS.secretAccessKey;
    delete process.env.GITHUB_ACTIONS;
  });
  afterEach(() => {
    process.env = saved;
  });
  const scan = (over: (o: ReturnType<typeof defaultOptions>) => void = () => undefined) => {
    const root = tmpRepo(files);
    const o = defaultOptions(root);
    o.accessAnalyzer = 'off';
    o.organizationLive = true;
    o.organizationEndpoint = fake.url;
    o.aa.cacheDir = '';
    over(o);
    return runGate(['org'], o);
  };

  it('says which source it used', async () => {
    const r = await scan();
    expect(r.verdict.status).not.toBe('incomplete');
    expect(r.notes.join('\n')).toMatch(/Organisation: read live from AWS Organizations \(root r-ab12: 3 OUs, 3 accounts, 3 SCPs, 2 RCPs; \d+ calls, 0 cached\)/);
  });

  it('the config tree wins: no call is made', async () => {
    const r = await scan((o) => {
      o.organization = { scps: { RegionLock: 'org/scps/region-lock.json' }, attachments: { root: ['FullAWSAccess', 'RegionLock'] }, ous: {}, deployments: {}, exemptPrincipals: [], pipelinePrincipals: [] };
    });
    expect(fake.log).toHaveLength(0);
    expect(r.notes.join('\n')).toMatch(/Organisation: from the config/);
  });

  for (const [name, arrange, pattern] of [
    ['not in an organisation', () => (fake.notInUse = true), /not a member of an organization/],
    ['access denied', () => fake.denied.add('ListPoliciesForTarget'), /access denied to organizations:ListPoliciesForTarget/],
    ['throttled throughout', () => fake.inject({ type: 'TooManyRequestsException' }, { times: 1000 }), /still throttled/],
  ] as const) {
    it(`${name}: the verdict is incomplete, never pass`, async () => {
      arrange();
      const r = await scan();
      expect(r.verdict.status).toBe('incomplete');
      expect(r.errors.find((e) => e.kind === 'organizations')!.message).toMatch(pattern);
    }, 30_000);
  }

  it('the CLI flag: --organization-live reads the organisation; a failed read exits 3 (incomplete), never 0', async () => {
    const root = tmpRepo(files);
    const cli = async () => {
      let stdout = '';
      const code = await runCli(['scan', 'org', '--root', root, '--format', 'json', '--access-analyzer', 'off', '--organization-live', '--organizations-endpoint', fake.url], { stdout: (x) => (stdout += x), stderr: () => undefined, cwd: root, isTTY: false });
      return { code, report: JSON.parse(stdout) as { verdict: string; summary: { notes: string[] } } };
    };
    const ok = await cli();
    expect(ok.code).toBe(0);
    expect(ok.report.summary.notes.join('\n')).toMatch(/read live from AWS Organizations/);
    fake.notInUse = true;
    const failed = await cli();
    expect(failed.code).toBe(3);
    expect(failed.report.verdict).toBe('incomplete');
  });
});
