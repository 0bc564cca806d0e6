/** Repeated findings summarised for the report, after the verdict: same verdict, stable summary fingerprints. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runGate } from '../../src/gate.js';
import { defaultOptions } from '../../src/config/options.js';
import { represented, summariseRepeats, REPEAT_LIMIT } from '../../src/findings/summarise.js';
import { toMarkdown } from '../../src/report/markdown.js';

const passRoles = (n: number) =>
  JSON.stringify({ Version: '2012-10-17', Statement: Array.from({ length: n }, (_, i) => ({ Sid: `P${i}`, Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' })) }, null, 1);

async function scan(files: Record<string, string>) {
  const root = mkdtempSync(path.join(tmpdir(), 'ipg-summarise-'));
  try {
    for (const [rel, text] of Object.entries(files)) writeFileSync(path.join(root, rel), text);
    return await runGate(Object.keys(files), { ...defaultOptions(root), accessAnalyzer: 'off' });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('summariseRepeats', () => {
  it('lists the first findings of a rule on a policy and counts the rest in one summary; the verdict counts all', async () => {
    const r = await scan({ 'roles.json': passRoles(300), 'other.json': passRoles(3) });
    const pass = r.findings.filter((f) => f.ruleId === 'passrole-unrestricted' && f.file === 'roles.json');
    expect(pass).toHaveLength(REPEAT_LIMIT + 1);
    const summary = pass.find((f) => f.details?.repeated)!;
    expect(summary.message).toContain('and 280 more findings of this rule');
    expect(pass.reduce((n, f) => n + represented(f), 0)).toBe(300);
    // a short group is left alone
    expect(r.findings.filter((f) => f.ruleId === 'passrole-unrestricted' && f.file === 'other.json')).toHaveLength(3);
    // the verdict was decided on every finding: 303 blocking passrole findings (security-warning and above)
    expect(r.verdict.status).toBe('fail');
    expect(r.verdict.blocking).toBeGreaterThanOrEqual(303);
    expect(r.summarised).toHaveLength(280);
    // the summary table adds up what a summary stands for
    const total = Object.values(r.verdict.counts).reduce((a, b) => a + b, 0);
    const rows = [...toMarkdown(r).matchAll(/^\| \S+ [a-z-]+(?: \(fail-on\))? \| (\d+) \|/gm)].map((m) => Number(m[1]));
    expect(rows.reduce((a, b) => a + b, 0)).toBe(total);
  });

  it('gives the summary a fingerprint that does not depend on how many it stands for', async () => {
    const a = await scan({ 'roles.json': passRoles(100) });
    const b = await scan({ 'roles.json': passRoles(250) });
    const fp = (r: typeof a) => r.findings.filter((f) => f.details?.repeated).map((f) => `${f.ruleId} ${f.fingerprint}`).sort();
    expect(fp(a).length).toBeGreaterThan(0);
    expect(fp(a)).toEqual(fp(b));
  });

  it('keeps order, new/existing and suppression apart', () => {
    const f = (i: number, extra: object = {}) => ({ ruleId: 'r', source: 'rules' as const, severity: 'warning' as const, title: 't', message: `m${i}`, file: 'a.json', line: i, endLine: i, policyId: 'p', fingerprint: `f${i}`, ...extra });
    const list = [...Array.from({ length: 30 }, (_, i) => f(i, { new: true })), ...Array.from({ length: 30 }, (_, i) => f(100 + i, { new: false }))];
    const hidden: string[] = [];
    const out = summariseRepeats(list, 5, hidden);
    expect(out).toHaveLength(12);
    expect(out.filter((x) => x.details?.repeated).map((x) => [x.new, represented(x), x.line])).toEqual([[true, 25, 5], [false, 25, 105]]);
    expect(hidden).toHaveLength(50);
    expect(summariseRepeats(list.slice(0, 6), 5)).toHaveLength(6); // one over the limit: nothing to gain
  });

  it('bounds one rule across thousands of files: past the run-wide limit, the rest is summarised per file', () => {
    const f = (file: number, i: number) => ({ ruleId: 'r', source: 'rules' as const, severity: 'warning' as const, title: 't', message: 'm', file: `f${file}.json`, line: i, endLine: i, policyId: `f${file}.json`, fingerprint: `${file}/${i}` });
    const list = Array.from({ length: 50 }, (_, file) => Array.from({ length: 3 }, (_, i) => f(file, i + 1))).flat();
    const out = summariseRepeats(list, 20, undefined, 30);
    expect(out.filter((x) => !x.details?.repeated)).toHaveLength(30);
    expect(out.reduce((n, x) => n + represented(x), 0)).toBe(150);
    const summaries = out.filter((x) => x.details?.repeated);
    expect(summaries.map((x) => x.file)).toEqual(Array.from({ length: 40 }, (_, i) => `f${i + 10}.json`));
    expect(summaries[0]!.message).toContain('more than 30 findings in this run');
  });
});
