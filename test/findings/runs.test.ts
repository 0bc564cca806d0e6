/**
 * Findings on disk in sorted runs (findings/runs.ts) and the summaries as a stream (findings/summarise-stream.ts):
 * the merged sequence is exactly the stable sort of what was put (ties in arrival order) for any run size, and can
 * be read again; a file that cannot be written keeps the findings in memory (an error of the run); a file that is
 * gone is an error of the run when read back. The folding of repeats equals the list-at-once definition it
 * replaced (kept here as the reference), whatever the order of groups, files and states.
 */
import fc from 'fast-check';
import path from 'node:path';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { FindingRuns } from '../../src/findings/runs.js';
import { summariseRepeats } from '../../src/findings/summarise.js';
import { RepeatCounts, summariseStream } from '../../src/findings/summarise-stream.js';
import { compareFindings } from '../../src/gate.js';
import type { Finding, Severity } from '../../src/findings/types.js';
import { referenceSummarise } from './summarise-reference.js';

const SEVERITIES: Severity[] = ['error', 'security-warning', 'warning', 'suggestion'];

function finding(i: number, file: string, line: number, severity: Severity, ruleId: string, extra: Partial<Finding> = {}): Finding {
  return { ruleId, source: 'rules', severity, title: 't', message: `m${i} ✓ \u2028 "quoted"`, file, line, endLine: line + 1, fingerprint: `f${i}`, details: { i }, ...extra };
}

const arbFindings = fc.array(
  fc.record({ file: fc.constantFrom('a.json', 'b.yaml', 'c/d.tf', 'é.json'), line: fc.integer({ min: 1, max: 6 }), sev: fc.constantFrom(...SEVERITIES), rule: fc.constantFrom('r1', 'r2', 'r3'), policy: fc.constantFrom(undefined, 'p1', 'p2', 'p3'), suppressed: fc.boolean() }),
  { maxLength: 400 },
);

describe('FindingRuns: findings on disk in sorted runs', () => {
  it('merged in the order of a stable sort of everything put, whatever the run size; read as often as asked', () => {
    fc.assert(
      fc.property(arbFindings, fc.constantFrom(0, 1, 2, 3, 7, 64, Infinity), (specs, size) => {
        const all = specs.map((s, i) => finding(i, s.file, s.line, s.sev, s.rule, s.policy ? { policyId: s.policy } : {}));
        const runs = new FindingRuns(size, compareFindings);
        for (const f of all) runs.put(f);
        expect(runs.settle()).toBeUndefined();
        const expected = [...all].sort(compareFindings);
        expect([...runs.merged()]).toEqual(expected);
        expect([...runs.merged()].map((f) => f.fingerprint)).toEqual(expected.map((f) => f.fingerprint));
        runs.dispose();
      }),
      { numRuns: 60 },
    );
  });

  it('a file that cannot be written: every finding kept in memory, in order, and the failure is an error of the run', () => {
    const tmp = process.env.TMPDIR;
    process.env.TMPDIR = path.join(os.tmpdir(), `no-such-folder-${process.pid}`);
    let runs: FindingRuns;
    try {
      runs = new FindingRuns(2, compareFindings);
      for (let i = 0; i < 9; i++) runs.put(finding(i, 'a.json', 9 - i, 'warning', 'r'));
    } finally {
      if (tmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmp;
    }
    expect(runs.settle()?.message).toMatch(/findings could not be written to a temporary file .* cannot be complete/);
    expect([...runs.merged()].map((f) => f.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('a file that is gone: verify is an error of the run, and reading it throws', () => {
    const runs = new FindingRuns(2, compareFindings);
    for (let i = 0; i < 5; i++) runs.put(finding(i, 'a.json', i, 'warning', 'r'));
    runs.settle();
    expect(runs.verify()).toBeUndefined();
    runs.dispose();
    expect(runs.verify()?.message).toMatch(/could not be read back \(the temporary file is gone\)/);
    expect(() => [...runs.merged()]).toThrow(/gone/);
  });

  it('per-rule settings applied before the order: a disabled rule dropped, a severity set moves the finding', () => {
    const runs = new FindingRuns<Finding>(1, compareFindings, (f) => (f.ruleId === 'off' ? undefined : f.ruleId === 'up' ? { ...f, severity: 'error' } : f));
    runs.put(finding(1, 'a.json', 1, 'suggestion', 'up'));
    runs.put(finding(2, 'a.json', 1, 'warning', 'r'));
    runs.put(finding(3, 'a.json', 1, 'error', 'off'));
    runs.settle();
    expect([...runs.merged()].map((f) => [f.ruleId, f.severity])).toEqual([['up', 'error'], ['r', 'warning']]);
    expect(runs.count).toBe(2);
    runs.dispose();
  });
});

describe('repeats folded as a stream', () => {
  const view = (fs: Finding[]) => fs.map((f) => JSON.stringify(f));

  it('equals the list-at-once folding (per policy, then per rule in the run per file), hidden fingerprints included', () => {
    fc.assert(
      fc.property(arbFindings, fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 12 }), fc.boolean(), (specs, limit, ruleLimit, sorted) => {
        let all = specs.map((s, i) => finding(i, s.file, s.line, s.sev, s.rule, { ...(s.policy ? { policyId: s.policy } : {}), ...(s.suppressed ? { suppressed: true } : {}) }));
        if (sorted) all = all.sort(compareFindings);
        const hidden: string[] = [];
        const want: string[] = [];
        expect(view(summariseRepeats(all, limit, hidden, ruleLimit))).toEqual(view(referenceSummarise(all, limit, want, ruleLimit)));
        expect(hidden).toEqual(want);
        if (sorted) {
          // as a stream in the report's order (a file's summaries final when the next file starts)
          const counts = new RepeatCounts(limit, ruleLimit);
          for (const f of all) counts.add(f);
          expect(view([...summariseStream(all, counts, undefined, true)])).toEqual(view(referenceSummarise(all, limit, [], ruleLimit)));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('one policy whose findings are in several files, and a summary read back from a report, fold as before', () => {
    const all = [
      ...Array.from({ length: 8 }, (_, i) => finding(i, i < 4 ? 'a.json' : 'b.json', i, 'warning', 'r', { policyId: 'one-policy' })),
      { ...finding(99, 'a.json', 2, 'warning', 'r'), details: { repeated: { count: 5, firstLine: 1, lastLine: 9 } } },
      ...Array.from({ length: 6 }, (_, i) => finding(20 + i, 'c.json', i, 'warning', 'r', { policyId: `p${i}` })),
    ].sort(compareFindings);
    const hidden: string[] = [];
    const want: string[] = [];
    expect(view(summariseRepeats(all, 2, hidden, 3))).toEqual(view(referenceSummarise(all, 2, want, 3)));
    expect(hidden).toEqual(want);
    expect(summariseRepeats(all, 2, [], 3).length).toBeLessThan(all.length);
  });
});
