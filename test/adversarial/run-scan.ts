/** Running one scan-mode case: in-process (runGate, Access Analyzer off, fixed clock) or the CLI from source in a child process. */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runGate } from '../../src/gate.js';
import { loadOptions } from '../../src/config/load.js';
import type { Files, ScanCase } from './cases/types.js';
import { substituteDates } from './cases/types.js';

export const FIXED_NOW = new Date('2026-06-15T08:00:00Z');
const ROOT = path.resolve(import.meta.dirname, '../..');
const NODE24 = path.join(ROOT, 'node_modules/.bin/node');

export interface Outcome {
  status: string;
  /** rule ids of unsuppressed findings and the reasons of errors: shown when a case fails */
  detail: string;
}

export function writeTree(dir: string, files: Files, now: Date): void {
  for (const [rel, body] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    const value = typeof body === 'function' ? body() : body;
    writeFileSync(abs, typeof value === 'string' ? substituteDates(value, now) : value);
  }
}

export async function runScanCase(c: ScanCase): Promise<Outcome> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `ipg-adv-${c.id}-`));
  try {
    writeTree(dir, c.files, FIXED_NOW);
    if (c.isolate) return await runIsolated(dir, c.paths ?? ['.']);
    const { options } = loadOptions(dir, dir);
    options.now = FIXED_NOW;
    options.accessAnalyzer = 'off';
    const r = await runGate(c.paths ?? ['.'], options);
    const rules = r.findings.filter((f) => !f.suppressed).map((f) => `${f.ruleId}@${f.file}:${f.line}`);
    const errors = r.errors.map((e) => `${e.file ?? ''}: ${e.message}`.slice(0, 160));
    return { status: r.verdict.status, detail: JSON.stringify({ findings: rules.slice(0, 12), errors: errors.slice(0, 6), policies: r.policies.length }) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The CLI from source in a child process, killed after 30 s: a crash or a hang writes no report and is not a pass. */
async function runIsolated(dir: string, paths: string[]): Promise<Outcome> {
  const out = path.join(dir, '..', `${path.basename(dir)}-report.json`);
  const tsx = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
  const args = ['--import', tsx, path.join(ROOT, 'src/cli-main.ts'), 'scan', ...paths, '--access-analyzer', 'off', '--format', 'json', '--output', out];
  const res = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    execFile(NODE24, args, { cwd: dir, timeout: 30_000, killSignal: 'SIGKILL', maxBuffer: 16 << 20, env: { ...process.env, NODE_OPTIONS: '' } }, (err, _so, se) =>
      resolve({ code: err ? ((err as { code?: number }).code ?? null) : 0, stderr: String(se).slice(-400) }),
    );
  });
  try {
    if (!existsSync(out)) return { status: `no report (exit ${res.code})`, detail: res.stderr };
    const report = JSON.parse(readFileSync(out, 'utf8')) as { verdict: string; findings?: unknown[] };
    return { status: report.verdict, detail: `exit ${res.code}, ${report.findings?.length ?? 0} findings` };
  } finally {
    rmSync(out, { force: true });
  }
}
