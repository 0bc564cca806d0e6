/**
 * A streamed run's SARIF is written result by result (report/sarif.ts writeSarif), not built whole: the bytes must
 * be those of `JSON.stringify(toSarif(result), null, 2) + '\n'` for every golden case (findings spilled to disk
 * from the first one), for a run with only errors, and for a run with nothing to report. The Markdown report of a
 * streamed run (the CLI streams --format markdown too) is the whole-run flow's.
 */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runGate } from '../../src/gate.js';
import { loadOptions } from '../../src/config/load.js';
import { toSarif, writeSarif } from '../../src/report/sarif.js';
import { toMarkdown } from '../../src/report/markdown.js';
import { CASES_DIR, FIXED_NOW, caseSpec } from '../golden/golden.js';

async function bothWays(root: string, paths: string[]): Promise<{ whole: string; streamed: string; results: number }> {
  const { options } = loadOptions(root, root, undefined, { cli: { accessAnalyzer: 'off' } });
  options.now = FIXED_NOW;
  const r = await runGate(paths, options, { stream: { spillAfter: 0 } });
  let streamed = '';
  writeSarif(r, (t) => (streamed += t));
  const whole = JSON.stringify(toSarif(r), null, 2) + '\n';
  return { whole, streamed, results: r.findings.length + r.errors.length };
}

describe('SARIF written result by result', () => {
  const cases = readdirSync(CASES_DIR).filter((n) => !existsSync(path.join(CASES_DIR, n, 'base')));
  it.each(cases)('golden case %s: the same bytes as the whole SARIF', async (name) => {
    const spec = caseSpec(name);
    const { whole, streamed } = await bothWays(path.resolve(CASES_DIR, name, spec.input ?? 'input'), spec.paths ?? ['.']);
    expect(streamed).toBe(whole);
  });

  it('a run with only errors, and a run with nothing to report', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'gate-sarif-'));
    writeFileSync(path.join(root, 'broken.json'), '{"Version": "2012-10-17", "Statement": [');
    const errors = await bothWays(root, ['.']);
    expect(errors.results).toBeGreaterThan(0);
    expect(errors.streamed).toBe(errors.whole);
    const empty = mkdtempSync(path.join(os.tmpdir(), 'gate-sarif-'));
    const none = await bothWays(empty, ['.']);
    expect(none.results).toBe(0);
    expect(none.streamed).toBe(none.whole);
  });
});

describe('Markdown of a streamed run', () => {
  const cases = readdirSync(CASES_DIR).filter((n) => !existsSync(path.join(CASES_DIR, n, 'base')));
  it.each(cases)('golden case %s: the whole-run flow\'s Markdown', async (name) => {
    const spec = caseSpec(name);
    const root = path.resolve(CASES_DIR, name, spec.input ?? 'input');
    const load = () => {
      const { options } = loadOptions(root, root, undefined, { cli: { accessAnalyzer: 'off' } });
      options.now = FIXED_NOW;
      return options;
    };
    const blank = (s: string) => s.replace(/\d+ ?ms\b/g, '0 ms');
    const whole = toMarkdown(await runGate(spec.paths ?? ['.'], load()));
    const streamed = await runGate(spec.paths ?? ['.'], load(), { stream: { spillAfter: 0 } });
    expect(blank(toMarkdown(streamed))).toBe(blank(whole));
  });
});
