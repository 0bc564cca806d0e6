/**
 * Runs the Action bundle (index.js, built from this checkout into a temporary folder by test/helpers/bundle.ts;
 * dist/ is never touched) with the Node 24 binary exactly as a runner would: event file, INPUT_* variables,
 * GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, RUNNER_TEMP, GITHUB_WORKSPACE = a git checkout, against the local fake GitHub.
 * Call `useBundle()` at the top of a test file (a beforeAll that builds or reuses the bundle).
 */
import { afterAll, beforeAll } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FakeGitHub } from '../fakes/github-server.js';
import { bundleDir } from '../helpers/bundle.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const NODE24 = path.join(ROOT, 'node_modules/.bin/node');
let BUNDLE = '';

/** Builds (or reuses) the bundle before the file's tests, and removes the runs' folders after them. */
export function useBundle(): void {
  beforeAll(async () => {
    BUNDLE = path.join(await bundleDir(), 'index.js');
  }, 600_000);
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
}

/** A scratch folder removed after the file's tests. */
export function scratch(prefix: string): string {
  return mkdtempSync(path.join(tmp, prefix));
}

export interface ActionRun {
  code: number;
  stdout: string;
  outputs: Record<string, string>;
  stepSummary: string;
  sarif: string;
}

const tmp = mkdtempSync(path.join(os.tmpdir(), 'iam-gate-e2e-'));
let runCounter = 0;

export async function runAction(o: {
  gh: FakeGitHub;
  workspace: string;
  pr: { number: number; base: string; head: string; headRepo?: string };
  token: string;
  inputs?: Record<string, string>;
  /** Leave sarif-file/json-file unset: the action's defaults (under RUNNER_TEMP) apply. */
  defaultReportPaths?: boolean;
  /** Another event than pull_request (workflow_run for mode: report). */
  event?: unknown;
  eventName?: string;
}): Promise<ActionRun & { runnerTemp: string }> {
  const dir = path.join(tmp, `run-${++runCounter}`);
  execFileSync('mkdir', ['-p', dir]);
  const eventPath = path.join(dir, 'event.json');
  writeFileSync(
    eventPath,
    o.event ? JSON.stringify(o.event) : JSON.stringify({
      action: 'synchronize',
      number: o.pr.number,
      pull_request: {
        number: o.pr.number,
        base: { sha: o.pr.base, ref: 'main', repo: { full_name: 'acme/infra' } },
        head: { sha: o.pr.head, ref: 'feature', repo: { full_name: o.pr.headRepo ?? 'acme/infra' } },
      },
      repository: { full_name: 'acme/infra' },
    }),
  );
  const outputFile = path.join(dir, 'output');
  const summaryFile = path.join(dir, 'summary.md');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: o.eventName ?? 'pull_request',
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'acme/infra',
    GITHUB_API_URL: o.gh.url,
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_RUN_ID: '4242',
    GITHUB_SHA: o.pr.head,
    GITHUB_WORKSPACE: o.workspace,
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_TOKEN: o.token,
    RUNNER_TEMP: dir,
    ...(o.defaultReportPaths ? {} : { 'INPUT_SARIF-FILE': path.join(dir, 'report.sarif'), 'INPUT_JSON-FILE': path.join(dir, 'report.json') }),
  };
  for (const [k, v] of Object.entries(o.inputs ?? {})) env[`INPUT_${k.toUpperCase()}`] = v;
  const child = spawn(NODE24, [BUNDLE], { cwd: o.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stdout += d.toString()));
  // a hung action fails the test instead of hanging the suite
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  clearTimeout(timer);
  return {
    code,
    stdout,
    outputs: parseOutputs(readFileSync(outputFile, 'utf8')),
    stepSummary: readFileSync(summaryFile, 'utf8'),
    sarif: existsSync(path.join(dir, 'report.sarif')) ? readFileSync(path.join(dir, 'report.sarif'), 'utf8') : '',
    runnerTemp: dir,
  };
}

function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /^([^<\n]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (const m of text.matchAll(re)) out[m[1]!] = m[3]!;
  return out;
}

