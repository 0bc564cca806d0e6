/**
 * The committed bundles run standalone: copied into an empty directory (no node_modules), run with the Node the
 * tests run on (24, the Action's runtime).
 */
import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '..', '..');

describe('dist/ standalone', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ipg-dist-'));
  cpSync(path.join(repo, 'dist'), path.join(dir, 'dist'), { recursive: true });
  cpSync(path.join(repo, 'examples'), path.join(dir, 'work', 'examples'), { recursive: true });
  const work = path.join(dir, 'work');

  it('the CLI bundle scans the examples with no node_modules anywhere', () => {
    const r = spawnSync(process.execPath, [path.join(dir, 'dist', 'cli.js'), 'scan', 'examples', '--format', 'json'], { cwd: work, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.findings.some((f: { ruleId: string; file: string }) => f.ruleId === 'admin-wildcard' && f.file === 'examples/policies/iam/ci-deployer.json')).toBe(true);
  });

  it('the Action bundle runs as a runner would: outputs, job summary, reports, failing status', () => {
    const summary = path.join(dir, 'summary.md');
    const output = path.join(dir, 'output.txt');
    writeFileSync(summary, '');
    writeFileSync(output, '');
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      GITHUB_WORKSPACE: work,
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_OUTPUT: output,
      INPUT_PATHS: 'examples',
      'INPUT_JSON-FILE': 'out/report.json',
    };
    const r = spawnSync(process.execPath, [path.join(dir, 'dist', 'index.js')], { cwd: work, env, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^::error file=examples\/policies\/iam\/ci-deployer.json,line=17/m);
    expect(r.stdout).toMatch(/::error::IAM Policy Gate failed: \d+ blocking findings/);
    const out = readFileSync(output, 'utf8');
    expect(out).toMatch(/verdict<<[^\n]+\nfail\n/);
    expect(readFileSync(summary, 'utf8')).toMatch(/^## IAM Policy Gate: ❌ \*\*Fail\*\*/);
    expect(JSON.parse(readFileSync(path.join(work, 'out', 'report.json'), 'utf8')).verdict).toBe('fail');
    expect(JSON.parse(readFileSync(path.join(work, 'iam-policy-gate.sarif'), 'utf8')).version).toBe('2.1.0');
  });

  it('cleans up', () => rmSync(dir, { recursive: true, force: true }));
});
