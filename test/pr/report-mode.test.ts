/** mode: report reads an untrusted JSON report: a real one round-trips; anything malformed is refused, not posted. */
import { describe, expect, it } from 'vitest';
import { runGate } from '../../src/gate.js';
import { defaultOptions } from '../../src/config/options.js';
import { toJsonReport } from '../../src/report/json.js';
import { ReportError, resultFromReport } from '../../src/action/report-mode.js';
import { tmpRepo } from '../helpers/tmp-repo.js';

const admin = JSON.stringify({ Statement: [{ Sid: 'A', Effect: 'Allow', Action: '*', Resource: '*' }] }, null, 2);
const pullRequest = { number: 77, headSha: 'a'.repeat(40), baseSha: 'b'.repeat(40) };

describe('resultFromReport', () => {
  it('a report the Action wrote gives back the verdict and the findings', async () => {
    const result = await runGate(['.'], defaultOptions(tmpRepo({ 'p/admin.json': admin })));
    const json = JSON.parse(JSON.stringify(toJsonReport(result, { pullRequest })));
    const back = resultFromReport(json);
    expect(back.pullRequest).toEqual({ number: 77, headSha: pullRequest.headSha });
    expect(back.result.verdict).toMatchObject({ status: result.verdict.status, reason: result.verdict.reason, blocking: result.verdict.blocking, counts: result.verdict.counts });
    expect(back.result.findings.map((f) => [f.ruleId, f.file, f.line, f.fingerprint])).toEqual(result.findings.map((f) => [f.ruleId, f.file, f.line, f.fingerprint]));
    expect(back.result.policies.length).toBe(result.policies.length);
  });

  it('refuses what is malformed: no pullRequest, a bad SHA, an unknown severity or verdict, a non-string message', async () => {
    const result = await runGate(['.'], defaultOptions(tmpRepo({ 'p/admin.json': admin })));
    const good = () => JSON.parse(JSON.stringify(toJsonReport(result, { pullRequest })));
    const bad = [
      (j: any) => delete j.pullRequest,
      (j: any) => (j.pullRequest.headSha = 'HEAD'),
      (j: any) => (j.pullRequest.number = -1),
      (j: any) => (j.verdict = 'maybe'),
      (j: any) => (j.findings[0].severity = 'critical'),
      (j: any) => (j.findings[0].message = { toString: 'x' }),
      (j: any) => (j.findings[0].line = 1.5),
      (j: any) => (j.summary.counts = null),
    ];
    for (const mutate of bad) {
      const j = good();
      mutate(j);
      expect(() => resultFromReport(j), mutate.toString()).toThrow(ReportError);
    }
    expect(() => resultFromReport([])).toThrow(ReportError);
  });
});
