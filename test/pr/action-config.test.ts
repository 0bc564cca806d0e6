/**
 * src/main.ts (the Action entry, from source through tsx; the dist bundle is rebuilt by the lead) on a pull request
 * whose config change would let its own admin policy through: the base config is used, the run fails with
 * config-weakened on the config's lines; without the base commit and without a token it stops with a config error
 * (verdict incomplete). Event file, INPUT_*, GITHUB_OUTPUT and the step summary as a runner sets them.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeGitHub } from '../fakes/github-server.js';
import { GitFixture, policy } from './git-fixture.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');
const TSX = path.join(ROOT, 'node_modules/tsx/dist/esm/index.mjs');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'iam-gate-action-config-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function runMain(o: { gh: FakeGitHub; workspace: string; base: string; head: string; token?: string }) {
  const dir = mkdtempSync(path.join(tmp, 'run-'));
  const event = path.join(dir, 'event.json');
  writeFileSync(event, JSON.stringify({ pull_request: { number: 3, base: { sha: o.base, repo: { full_name: 'acme/infra' } }, head: { sha: o.head, repo: { full_name: 'acme/infra' } } } }));
  const out = path.join(dir, 'output');
  const summary = path.join(dir, 'summary.md');
  writeFileSync(out, '');
  writeFileSync(summary, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: event,
    GITHUB_REPOSITORY: 'acme/infra',
    GITHUB_API_URL: o.gh.url,
    GITHUB_WORKSPACE: o.workspace,
    GITHUB_OUTPUT: out,
    GITHUB_STEP_SUMMARY: summary,
    RUNNER_TEMP: dir,
    'INPUT_ACCESS-ANALYZER': 'off',
    'INPUT_SARIF-FILE': path.join(dir, 'r.sarif'),
    'INPUT_JSON-FILE': path.join(dir, 'r.json'),
    ...(o.token ? { GITHUB_TOKEN: o.token } : {}),
  };
  const child = spawn(NODE, ['--import', TSX, path.join(ROOT, 'src/main.ts')], { cwd: o.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  clearTimeout(timer);
  const outputs: Record<string, string> = {};
  for (const m of readFileSync(out, 'utf8').matchAll(/^([^<\n]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) outputs[m[1]!] = m[3]!;
  return { code, stdout, outputs, summary: readFileSync(summary, 'utf8'), json: existsSync(path.join(dir, 'r.json')) ? readFileSync(path.join(dir, 'r.json'), 'utf8') : '' };
}

describe('the Action entry on a PR that edits the gate config', () => {
  it('uses the base config and fails with config-weakened; fails closed without the base', async () => {
    const gh = new FakeGitHub();
    await gh.start();
    const repo = new GitFixture();
    try {
      const base = repo.commit({ '.github/iam-policy-gate.yml': 'fail-on: warning\n', 'iam/read.json': policy([{ sid: 'Read', action: 's3:GetObject' }]) }, 'base');
      const head = repo.commit(
        {
          '.github/iam-policy-gate.yml': 'fail-on: error\nexclude: ["iam/admin.json"]\nignore:\n  - rule: admin-wildcard\n    reason: later\n',
          'iam/admin.json': policy([{ sid: 'All', action: '*' }]),
        },
        'admin',
      );
      gh.addPull({ number: 3, baseSha: base, headSha: head, files: repo.pullFiles(base, head) });
      const r = await runMain({ gh, workspace: repo.dir, base, head, token: 'write-token' });
      expect(r.code).toBe(1);
      expect(r.outputs.verdict).toBe('fail');
      const report = JSON.parse(r.json);
      expect(report.findings.filter((f: { suppressed?: boolean }) => !f.suppressed).map((f: { ruleId: string; file: string; line: number }) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual([
        'config-weakened .github/iam-policy-gate.yml:1',
        'config-weakened .github/iam-policy-gate.yml:2',
        'config-weakened .github/iam-policy-gate.yml:4',
        'admin-wildcard iam/admin.json:7',
      ]);
      expect(r.summary).toContain('take effect after merge');

      const missing = 'c'.repeat(40);
      const shallow = await runMain({ gh, workspace: repo.dir, base: missing, head });
      expect(shallow.code).toBe(1);
      expect(shallow.outputs.verdict).toBe('incomplete');
      expect(shallow.stdout).toContain('configuration error');
      expect(shallow.stdout).toContain('at the base commit cccccccccccc');
    } finally {
      repo.remove();
      await gh.stop();
    }
  }, 240_000);
});
