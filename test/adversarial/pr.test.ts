/**
 * Adversarial suite, PR mode: each case is a pull request (base and head commits in a temporary git repository,
 * the PR's file list and contents on the fake GitHub) run through the bundled Action (built once per source
 * version into a temporary folder by test/helpers/bundle.ts) exactly as a runner would with a pull_request event,
 * Access Analyzer off. One fake server serves every case; at most four Action processes run at a time (a run
 * waits on git, the fake server and module loading more than on the CPU).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FakeGitHub } from '../fakes/github-server.js';
import { bundleDir } from '../helpers/bundle.js';
import { PR_CASES } from './cases/index.js';
import type { RepoCase } from './cases/types.js';
import { commitCase } from './repo-case.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NODE24 = path.join(ROOT, 'node_modules/.bin/node');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'ipg-adv-pr-'));
const gh = new FakeGitHub();
let bundle = '';

beforeAll(async () => {
  bundle = path.join(await bundleDir(), 'index.js');
  await gh.start();
}, 600_000);
afterAll(async () => {
  await gh.stop();
  rmSync(tmp, { recursive: true, force: true });
});

/** At most four Action processes at once. */
let running = 0;
const waiting: (() => void)[] = [];
async function slot<T>(f: () => Promise<T>): Promise<T> {
  if (running >= 4) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await f();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

async function runCase(c: RepoCase, number: number): Promise<{ verdict: string; code: number; log: string }> {
  const { repo, base, head } = commitCase(c, new Date());
  try {
    const files = repo.pullFiles(base, head);
    gh.addPull({ number, baseSha: base, headSha: head, files });
    for (const sha of [base, head]) {
      for (const rel of repo.git('ls-tree', '-r', '--name-only', sha).split('\n').filter(Boolean)) gh.contents.set(`${sha}:${rel}`, repo.git('show', `${sha}:${rel}`));
    }
    const dir = path.join(tmp, c.id);
    mkdirSync(dir, { recursive: true });
    const event = path.join(dir, 'event.json');
    writeFileSync(event, JSON.stringify({
      action: 'synchronize',
      number,
      pull_request: { number, base: { sha: base, ref: 'main', repo: { full_name: 'acme/infra' } }, head: { sha: head, ref: 'feature', repo: { full_name: 'acme/infra' } } },
      repository: { full_name: 'acme/infra' },
    }));
    const output = path.join(dir, 'output');
    writeFileSync(output, '');
    writeFileSync(path.join(dir, 'summary.md'), '');
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? dir,
      GITHUB_ACTIONS: 'true',
      GITHUB_EVENT_NAME: 'pull_request',
      GITHUB_EVENT_PATH: event,
      GITHUB_REPOSITORY: 'acme/infra',
      GITHUB_API_URL: gh.url,
      GITHUB_SERVER_URL: 'https://github.example',
      GITHUB_RUN_ID: String(4000 + number),
      GITHUB_SHA: head,
      GITHUB_WORKSPACE: repo.dir,
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: path.join(dir, 'summary.md'),
      GITHUB_TOKEN: 'write-token',
      RUNNER_TEMP: dir,
      'INPUT_ACCESS-ANALYZER': 'off',
      'INPUT_SARIF-FILE': path.join(dir, 'report.sarif'),
      'INPUT_JSON-FILE': path.join(dir, 'report.json'),
      ...Object.fromEntries(Object.entries(c.inputs ?? {}).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    };
    const child = spawn(NODE24, [bundle], { cwd: repo.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr.on('data', (d: Buffer) => (log += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    const code = await new Promise<number>((resolve) => child.on('close', (x) => resolve(x ?? -1)));
    clearTimeout(timer);
    const verdict = /^verdict<<(\S+)\n([\s\S]*?)\n\1$/m.exec(readFileSync(output, 'utf8'))?.[2] ?? '(none)';
    return { verdict, code, log };
  } finally {
    repo.remove();
  }
}

describe('adversarial: PR mode (bundled Action, fake GitHub)', () => {
  PR_CASES.forEach((c, i) => {
    it.concurrent(`${c.cls} ${c.format} ${c.id}: ${c.description} -> ${c.expect}`, { timeout: 120_000 }, async () => {
      const r = await slot(() => runCase(c, 100 + i));
      const detail = `verdict ${r.verdict}, exit ${r.code}\n${r.log.split('\n').filter((l) => /::(error|warning)|IAM Policy Gate|crash/i.test(l)).slice(0, 8).join('\n')}`;
      if (c.expect === 'pass') {
        expect(r.verdict, detail).toBe('pass');
        expect(r.code, detail).toBe(0);
      } else {
        // not a pass: a failing or incomplete verdict, and the step fails
        expect(r.verdict, detail).not.toBe('pass');
        expect(r.code, detail).not.toBe(0);
      }
    });
  });
});
