import { readdirSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeAccessAnalyzer } from '../fakes/access-analyzer-server.js';
import { rawRecords, runAa, startFake, tempDir, testOptions } from './helpers.js';
import { decide } from '../../src/findings/verdict.js';
import { cacheFor } from '../../src/checks/access-analyzer/cache.js';

let fake: FakeAccessAnalyzer;
beforeAll(async () => {
  fake = await startFake();
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
});

const policy = (sid: string) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: sid, Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::logs/*' }] }, null, 2);
const validateOnly = () => testOptions({ checkAccessNotGranted: false, checkNoNewAccess: false, checkNoPublicAccess: false });
const verdictOf = (r: { findings: never[] | unknown[]; errors: unknown[] }) =>
  decide(r.findings as never[], r.errors as never[], { failOn: 'security-warning', failOnExisting: false }).status;

describe('errors', () => {
  it('AccessDenied: lists the exact permissions the CI role needs, stops calling, verdict incomplete', async () => {
    fake.inject({ status: 403, type: 'AccessDeniedException', message: 'User: arn:aws:sts::123456789012:assumed-role/ci/gh is not authorized to perform: access-analyzer:ValidatePolicy' }, { times: 100 });
    const options = testOptions({ checkNoNewAccess: false, checkNoPublicAccess: false, concurrency: 1 });
    const recs = rawRecords({ 'a.json': policy('A'), 'b.json': policy('B'), 'c.json': policy('C') }, options);
    const r = await runAa(fake, recs, options);
    expect(r.findings).toEqual([]);
    expect(r.errors.map((e) => e.file)).toEqual(expect.arrayContaining(['a.json', 'b.json', 'c.json']));
    const msg = r.errors[0]!.message;
    expect(msg).toContain('AccessDeniedException');
    expect(msg).toContain('access-analyzer:ValidatePolicy, access-analyzer:CheckAccessNotGranted');
    expect(msg).not.toContain('CheckNoPublicAccess');
    expect(r.errors.every((e) => e.kind === 'access-analyzer' && e.line === 1)).toBe(true);
    // one denied call per operation; the rest are not attempted
    expect(fake.calls('ValidatePolicy')).toHaveLength(1);
    expect(fake.calls('CheckAccessNotGranted')).toHaveLength(1);
    expect(verdictOf(r)).toBe('incomplete');
  });

  it('ValidationException: the reason and message are reported on the record', async () => {
    fake.inject({ status: 400, type: 'ValidationException', reason: 'cannotParse', message: 'Invalid policy document' }, { op: 'ValidatePolicy' });
    const options = validateOnly();
    const r = await runAa(fake, rawRecords({ 'a.json': policy('A') }, options), options);
    expect(r.errors).toEqual([expect.objectContaining({ file: 'a.json', kind: 'access-analyzer', message: expect.stringMatching(/ValidatePolicy failed: ValidationException.*Invalid policy document/) })]);
    expect(fake.calls()).toHaveLength(1); // a client error is not retried
  });

  it('UnprocessableEntity on a custom check: not retried, record not analysed', async () => {
    fake.inject({ status: 422, type: 'UnprocessableEntityException', message: 'policy too complex' }, { op: 'CheckNoPublicAccess' });
    const options = testOptions({ checkAccessNotGranted: false, checkNoNewAccess: false });
    const [rec] = rawRecords({ 'q.json': policy('Q') }, options, 'resource');
    rec!.validateResourceType = 'AWS::SQS::Queue';
    const r = await runAa(fake, [rec!], options);
    expect(r.errors.map((e) => e.message)).toEqual([expect.stringContaining('CheckNoPublicAccess failed: UnprocessableEntityException')]);
  });

  it('a check answer without a result is an error, never a pass', async () => {
    fake.checkNoPublicAccess = () => ({}) as never;
    const options = testOptions({ checkAccessNotGranted: false, checkNoNewAccess: false });
    const [rec] = rawRecords({ 'q.json': policy('Q') }, options, 'resource');
    rec!.validateResourceType = 'AWS::KMS::Key';
    const r = await runAa(fake, [rec!], options);
    expect(r.errors.map((e) => e.message)).toEqual([expect.stringContaining('CheckNoPublicAccess returned no result')]);
    expect(verdictOf(r)).toBe('incomplete');
  });

  it('500s are retried with backoff and recover', async () => {
    fake.inject({ status: 500, type: 'InternalServerException', message: 'oops' }, { times: 2 });
    const options = validateOnly();
    const r = await runAa(fake, rawRecords({ 'a.json': policy('A') }, options), options);
    expect(r.errors).toEqual([]);
    expect(fake.calls().map((c) => c.status)).toEqual([500, 500, 200]);
    expect(r.stats.retried).toBe(2);
  });

  it('persistent 500s: every record is listed as not analysed, and the run stops calling (bounded time)', async () => {
    fake.inject({ status: 500, type: 'InternalServerException', message: 'down' }, { times: 1000 });
    const options = validateOnly();
    options.aa.concurrency = 1;
    const r = await runAa(fake, rawRecords({ 'a.json': policy('A'), 'b.json': policy('B'), 'c.json': policy('C') }, options), options);
    expect(r.errors.map((e) => `${e.file}: ${e.message}`)).toEqual([
      expect.stringMatching(/^a.json: .*InternalServerException/),
      expect.stringMatching(/^b.json: .*InternalServerException/),
      expect.stringMatching(/^c.json: .*InternalServerException/),
    ]);
    expect(fake.calls()).toHaveLength(8); // 8 attempts for the first record; the others fail fast
    expect(verdictOf(r)).toBe('incomplete');
  });

  it('connection refused: not analysed, incomplete', async () => {
    const other = await startFake();
    const url = other.url;
    await other.close();
    const options = validateOnly();
    const { runAccessAnalyzerChecks } = await import('../../src/checks/access-analyzer/analyze.js');
    const { createAaApi } = await import('../../src/checks/access-analyzer/client.js');
    const { noCache } = await import('../../src/checks/access-analyzer/cache.js');
    const r = await runAccessAnalyzerChecks({
      policies: rawRecords({ 'a.json': policy('A') }, options),
      options,
      api: createAaApi({ region: 'us-east-1', endpoint: url, credentials: { accessKeyId: 'x', secretAccessKey: 'y' } }),
      cache: noCache,
      region: 'us-east-1',
      scheduler: { baseDelayMs: 1, maxAttempts: 3 },
    });
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.message).toMatch(/ValidatePolicy failed/);
  });

  it('allowFailures: failed calls become notes and do not make the verdict incomplete', async () => {
    fake.inject({ status: 403, type: 'AccessDeniedException', message: 'denied' }, { times: 100 });
    const options = validateOnly();
    options.aa.allowFailures = true;
    const r = await runAa(fake, rawRecords({ 'a.json': policy('A') }, options), options);
    expect(r.errors).toEqual([]);
    expect(r.notes).toEqual([expect.stringContaining('denied')]);
    expect(verdictOf(r)).toBe('pass');
  });
});

describe('throttling', () => {
  it('429 with Retry-After: waits as told and recovers', async () => {
    fake.inject({ status: 429, type: 'ThrottlingException', message: 'Rate exceeded', retryAfterSeconds: 1 });
    const options = validateOnly();
    const t0 = Date.now();
    const r = await runAa(fake, rawRecords({ 'a.json': policy('A') }, options), options);
    expect(r.errors).toEqual([]);
    expect(fake.calls().map((c) => c.status)).toEqual([429, 200]);
    // honours Retry-After: the retry is not sent before the second the server asked for (a lower bound: never flaky)
    expect(fake.calls()[1]!.at - t0).toBeGreaterThanOrEqual(950);
    expect(r.stats.throttled).toBe(1);
  });

  it('a token-bucket throttle (5 req/s, burst 2): every record is analysed', async () => {
    fake.settings = { rate: 5, burst: 2 };
    const options = validateOnly();
    options.aa.concurrency = 4;
    const files = Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`p${i}.json`, policy(`S${i}`)]));
    const r = await runAa(fake, rawRecords(files, options), options);
    expect(r.errors).toEqual([]);
    expect(fake.calls().filter((c) => c.status === 200)).toHaveLength(8);
    expect(fake.calls().some((c) => c.status === 429)).toBe(true);
    expect(r.stats.throttled).toBeGreaterThan(0);
  });
});

describe('throttling without Retry-After', () => {
  it('exponential backoff with jitter recovers every record', async () => {
    fake.settings = { rate: 10, burst: 2, sendRetryAfter: false };
    const options = validateOnly();
    const files = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`p${i}.json`, policy(`T${i}`)]));
    const r = await runAa(fake, rawRecords(files, options), options);
    expect(r.errors).toEqual([]);
    expect(fake.calls().filter((c) => c.status === 200)).toHaveLength(6);
    expect(fake.calls().filter((c) => c.status === 429).every((c) => c.op === 'ValidatePolicy')).toBe(true);
    expect(r.stats.throttled).toBeGreaterThan(0);
  });
});

describe('cost', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.done());

  it('the cache: a second unchanged run makes 0 calls and gives the same findings', async () => {
    const options = testOptions();
    const text = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] }, null, 2);
    const recs = rawRecords({ 'a.json': text, 'b.json': policy('B') }, options);
    const first = await runAa(fake, recs, options, { cacheDir: tmp.dir });
    const made = fake.calls().length;
    expect(made).toBeGreaterThan(0);
    expect(first.stats.billedCalls).toBe(2);
    fake.resetLog();
    const second = await runAa(fake, rawRecords({ 'a.json': text, 'b.json': policy('B') }, options), options, { cacheDir: tmp.dir });
    expect(fake.calls()).toHaveLength(0);
    expect(second.stats.cacheHits).toBe(made);
    expect(second.stats.billedCalls).toBe(0);
    expect(second.findings).toEqual(first.findings);
    expect(readdirSync(tmp.dir)).toEqual(['access-analyzer']);
    // a changed policy costs a call again
    const third = await runAa(fake, rawRecords({ 'a.json': policy('Changed') }, options), options, { cacheDir: tmp.dir });
    expect(third.stats.cacheHits).toBe(0);
    expect(fake.calls().length).toBeGreaterThan(0);
  });

  it('a corrupt cache entry is a miss, not a pass', async () => {
    const options = validateOnly();
    const cache = cacheFor(tmp.dir, '/repo');
    await runAa(fake, rawRecords({ 'a.json': policy('A') }, options), options, { cacheDir: tmp.dir });
    const { readdirSync: ls, writeFileSync } = await import('node:fs');
    const base = `${tmp.dir}/access-analyzer`;
    for (const d of ls(base)) for (const f of ls(`${base}/${d}`)) writeFileSync(`${base}/${d}/${f}`, '{"v":1,"key":"other","value":[]}');
    fake.resetLog();
    await runAa(fake, rawRecords({ 'a.json': policy('A') }, options), options, { cacheDir: tmp.dir });
    expect(fake.calls()).toHaveLength(1);
    void cache;
  });

  it('the billed-call cap: past it the checks are not made and the verdict is incomplete, saying so', async () => {
    const options = testOptions({ checkNoNewAccess: false, maxBilledCalls: 3 });
    // each resource record needs 2 billed calls (access-not-granted + public access)
    const recs = ['A', 'B', 'C'].map((s) => {
      const [r] = rawRecords({ [`${s}.json`]: policy(s) }, options, 'resource');
      r!.validateResourceType = 'AWS::S3::Bucket';
      return r!;
    });
    const r = await runAa(fake, recs, options);
    expect(r.stats.billedCalls).toBe(3);
    expect(r.stats.skippedForCap).toBe(3);
    expect(fake.calls().filter((c) => c.op !== 'ValidatePolicy')).toHaveLength(3);
    expect(fake.calls('ValidatePolicy')).toHaveLength(3); // ValidatePolicy is free: never capped
    expect(r.errors.length).toBeGreaterThan(0);
    expect(r.errors[0]!.message).toMatch(/per-run cap of 3 billed calls was reached/);
    const v = decide([], r.errors, { failOn: 'security-warning', failOnExisting: false });
    expect(v.status).toBe('incomplete');
  });
});

describe('cache location', () => {
  it('relative: under the repository root locally, under $RUNNER_TEMP in GitHub Actions (outside the checkout)', async () => {
    const { cacheDirFor } = await import('../../src/checks/access-analyzer/cache.js');
    expect(cacheDirFor('.cache/iam-policy-gate', '/repo', {})).toBe('/repo/.cache/iam-policy-gate/access-analyzer');
    expect(cacheDirFor('.cache/iam-policy-gate', '/repo', { GITHUB_ACTIONS: 'true', RUNNER_TEMP: '/runner/_temp' })).toBe('/runner/_temp/.cache/iam-policy-gate/access-analyzer');
    expect(cacheDirFor('/var/cache/gate', '/repo', { GITHUB_ACTIONS: 'true', RUNNER_TEMP: '/t' })).toBe('/var/cache/gate/access-analyzer');
    expect(cacheDirFor('', '/repo', {})).toBeUndefined();
    // in Actions an absolute dir inside the checkout is refused (a PR could plant answers there)
    const gha = { GITHUB_ACTIONS: 'true', RUNNER_TEMP: '/runner/_temp', GITHUB_WORKSPACE: '/work/repo' };
    expect(cacheDirFor('/work/repo/.cache', '/work/repo', gha)).toBe('/runner/_temp/iam-policy-gate/access-analyzer');
    expect(cacheDirFor('../../work/repo/.cache', '/work/repo', gha)).toBe('/runner/_temp/iam-policy-gate/access-analyzer');
  });
});
