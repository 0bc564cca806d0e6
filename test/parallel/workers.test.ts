/**
 * Worker threads for the file-by-file scan (src/parallel/): the bundled CLI over a tree of a few hundred files
 * (every golden case's input and copies of the fixture corpus: templates with findings, broken files, nested
 * stacks, Terraform modules, raw policies and SCPs) gives the same JSON (but for durationMs) and SARIF with
 * `--workers 2` as with `--workers 0`; a worker that dies makes the file it was on "not analysed" (incomplete)
 * and nothing else is lost; a file that runs a worker out of its heap is analysed by the main thread. From the
 * TypeScript sources no worker can start: `--workers 2` analyses in-process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { bundleDir } from '../helpers/bundle.js';
import { runCli } from '../../src/cli.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NODE24 = path.join(ROOT, 'node_modules/.bin/node');
const CASES = path.join(ROOT, 'test/golden/cases');
const tree = mkdtempSync(path.join(os.tmpdir(), 'ipg-workers-'));
let cli = '';

beforeAll(async () => {
  for (const name of readdirSync(CASES)) {
    const input = path.join(CASES, name, 'input');
    try {
      cpSync(input, path.join(tree, 'cases', name), { recursive: true });
    } catch {
      // a case without an input folder
    }
  }
  for (let k = 0; k < 4; k++) cpSync(path.join(ROOT, 'test/fixtures/corpus'), path.join(tree, `corpus${k}`), { recursive: true });
  cli = path.join(await bundleDir(), 'cli.js');
}, 600_000);
afterAll(() => rmSync(tree, { recursive: true, force: true }));

async function scan(format: 'json' | 'sarif', workers: number, env: Record<string, string> = {}): Promise<string> {
  const out = path.join(tree, `../${path.basename(tree)}-${format}-${workers}-${Object.keys(env).length}.out`);
  try {
    await promisify(execFile)(NODE24, [cli, 'scan', '.', '--root', tree, '--access-analyzer', 'off', '--format', format, '--output', out, '--workers', String(workers)], {
      cwd: tree,
      env: { ...process.env, ...env },
      timeout: 120_000,
    });
  } catch (e) {
    if ((e as { code?: unknown }).code !== 1 && (e as { code?: unknown }).code !== 3) throw e;
  }
  const text = readFileSync(out, 'utf8');
  rmSync(out);
  return text;
}

/** The JSON report with its one timing field blanked. */
const untimed = (json: string) => json.replace(/"durationMs": \d+/, '"durationMs": 0');

describe('worker threads', () => {
  it('scan a tree of a few hundred files', () => {
    const count = (dir: string): number => readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? count(path.join(dir, e.name)) : 1), 0);
    expect(count(tree)).toBeGreaterThan(250);
  });

  it('give the same JSON and SARIF reports as the in-process run', async () => {
    const [json0, json2, sarif0, sarif2] = await Promise.all([scan('json', 0), scan('json', 2), scan('sarif', 0), scan('sarif', 2)]);
    const report = JSON.parse(json0) as { findings: unknown[]; errors: unknown[]; policies: unknown[] };
    expect(report.findings.length).toBeGreaterThan(100);
    expect(report.errors.length).toBeGreaterThan(0);
    expect(untimed(json2)).toBe(untimed(json0));
    expect(sarif2).toBe(sarif0);
  }, 240_000);

  it('a worker that dies: the file it was on is not analysed (incomplete), every other file is', async () => {
    const victim = 'iam_role_with_iamfullaccess_policy.json';
    const [clean, crashed] = await Promise.all([scan('json', 0), scan('json', 2, { VITEST: 'true', IAM_POLICY_GATE_TEST_WORKER_FAULT: `exit:${victim}` })]);
    type Report = { verdict: string; errors: { file: string; message: string }[]; findings: { file: string }[] };
    const a = JSON.parse(clean) as Report;
    const b = JSON.parse(crashed) as Report;
    expect(b.verdict).toBe('incomplete');
    const lost = b.errors.filter((e) => e.message.startsWith('not analysed: the worker thread analysing it'));
    expect(lost.length).toBe(4); // one per copy of the fixture corpus
    for (const e of lost) expect(path.basename(e.file)).toBe(victim);
    // nothing else is lost: every finding of every other file is there
    expect(b.findings).toEqual(a.findings.filter((f) => path.basename(f.file) !== victim));
  }, 240_000);

  it('a file that runs a worker out of memory is analysed by the main thread: the same report', async () => {
    const [clean, oom] = await Promise.all([scan('json', 0), scan('json', 1, { VITEST: 'true', IAM_POLICY_GATE_TEST_WORKER_FAULT: 'oom:iam_role_with_iamfullaccess_policy.json' })]);
    expect(untimed(oom)).toBe(untimed(clean));
  }, 240_000);
});

describe('worker threads from the TypeScript sources', () => {
  it('cannot start: --workers 2 analyses in this thread, with the same report', async () => {
    const run = async (workers: string) => {
      let out = '';
      await runCli(['scan', '.', '--root', tree, '--access-analyzer', 'off', '--format', 'json', '--workers', workers], { stdout: (s) => (out += s), stderr: () => {}, cwd: tree, isTTY: false, stderrIsTTY: false });
      return untimed(out);
    };
    expect(await run('2')).toBe(await run('0'));
  }, 120_000);

  it('--workers takes auto or a count', async () => {
    let err = '';
    const code = await runCli(['scan', '.', '--workers', 'many'], { stdout: () => {}, stderr: (s) => (err += s), cwd: tree, isTTY: false, stderrIsTTY: false });
    expect(code).toBe(2);
    expect(err).toContain('--workers must be auto or a number');
  });
});
