/**
 * Abuse, through the built bundles (dist/cli.js, dist/index.js from `npm run build`) run as a user would run them:
 * - planted secrets (environment, files outside the repository) never appear in any output, and the Action masks
 *   the secrets it handles (`::add-mask::`);
 * (SARIF and Markdown are checked through the Action's files; one CLI run keeps the suite short.)
 * - the only connections are to the configured (fake) Access Analyzer endpoint, and no host name is resolved:
 *   recorded by a test-only preload (test/fakes/net-recorder.cjs) wrapping socket connects and DNS look-ups.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isIP } from 'node:net';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { FakeAccessAnalyzer } from '../fakes/access-analyzer-server.js';
import { recordFigure } from './figures.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const ACTION = path.join(ROOT, 'dist', 'index.js');
const RECORDER = path.join(ROOT, 'test', 'fakes', 'net-recorder.cjs');

const planted = (name: string) => `planted-${name}-${randomBytes(9).toString('hex')}`;
const SECRETS = {
  AWS_SECRET_ACCESS_KEY: planted('awssecret'),
  AWS_SESSION_TOKEN: planted('session'),
  GITHUB_TOKEN: `ghs_${randomBytes(18).toString('hex')}`,
  ACTIONS_RUNTIME_TOKEN: planted('runtime'),
  MY_SECRET: planted('custom'),
};
const FILE_SECRET = planted('outside-file');
const ALL = [...Object.values(SECRETS), FILE_SECRET];

let base: string;
let repo: string;
let fake: FakeAccessAnalyzer;

const policy = (sid: string, resource = 'arn:aws:s3:::logs/*') =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: sid, Effect: 'Allow', Action: 's3:GetObject', Resource: resource }] }, null, 2);

beforeAll(async () => {
  base = mkdtempSync(path.join(tmpdir(), 'abuse-'));
  repo = path.join(base, 'repo');
  const outside = path.join(base, 'outside');
  mkdirSync(repo);
  mkdirSync(outside);
  mkdirSync(path.join(base, 'home'));
  writeFileSync(path.join(outside, 'secret.json'), policy(FILE_SECRET, `arn:aws:s3:::${FILE_SECRET}/*`));
  writeFileSync(path.join(outside, 'secret.txt'), FILE_SECRET + '\n');
  const cfn = (resource: string) =>
    `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Leaky:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Sid: Leak\n            Effect: Allow\n            Action: s3:GetObject\n            Resource:\n${resource}\n`;
  writeFileSync(path.join(repo, 'getenv.yaml'), cfn('              Fn::GetEnv: MY_SECRET'));
  writeFileSync(path.join(repo, 'getenv-aws.yaml'), cfn('              Fn::GetEnv: AWS_SECRET_ACCESS_KEY'));
  writeFileSync(path.join(repo, 'sub-env.yaml'), cfn('              Fn::Sub: "arn:aws:s3:::${env:GITHUB_TOKEN}/${env:MY_SECRET}"'));
  writeFileSync(
    path.join(repo, 'include.yaml'),
    `AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Leaky:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Fn::Transform:\n          Name: AWS::Include\n          Parameters:\n            Location: ../outside/secret.json\n  Abs:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Fn::Transform:\n          Name: AWS::Include\n          Parameters:\n            Location: ${path.join(outside, 'secret.json')}\n`,
  );
  writeFileSync(path.join(repo, 'main.tf'), `resource "aws_iam_policy" "p" {\n  policy = file("../outside/secret.json")\n}\nresource "aws_iam_policy" "q" {\n  policy = file("${path.join(outside, 'secret.json')}")\n}\n`);
  writeFileSync(path.join(repo, 'env-in-policy.json'), policy('EnvRef', 'arn:aws:s3:::${env:MY_SECRET}/*'));
  symlinkSync(path.join(outside, 'secret.json'), path.join(repo, 'link.json'));
  writeFileSync(path.join(repo, 'clean.json'), policy('ReadLogs'));
  fake = new FakeAccessAnalyzer();
  await fake.start();
});

afterAll(async () => {
  await fake?.close();
  rmSync(base, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  net: { kind: string; host?: string; port?: number; path?: string; fn?: string }[];
}

function runNode(script: string, args: string[], env: Record<string, string>): Promise<Run> {
  const netLog = path.join(base, `net-${randomBytes(4).toString('hex')}.jsonl`);
  writeFileSync(netLog, '');
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--require', RECORDER, script, ...args],
      {
        cwd: repo,
        timeout: 60_000,
        maxBuffer: 64 * 1024 * 1024,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: path.join(base, 'home'),
          AWS_ACCESS_KEY_ID: 'AKIAFAKEFAKEFAKEFAKE',
          AWS_REGION: 'us-east-1',
          AWS_EC2_METADATA_DISABLED: 'true',
          NET_RECORDER_LOG: netLog,
          ...SECRETS,
          ...env,
        },
      },
      (error, stdout, stderr) => {
        const net = readFileSync(netLog, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Run['net'][number]);
        resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr, net });
      },
    );
  });
}

function expectNoPlanted(label: string, text: string): void {
  for (const s of ALL) expect(text.includes(s), `${label} contains a planted secret`).toBe(false);
}

/** Every connection goes to the fake endpoint; no host name is ever resolved. */
function expectOnlyFake(run: Run): void {
  const port = Number(new URL(fake.url).port);
  const connects = run.net.filter((n) => n.kind === 'connect');
  expect(connects.length).toBeGreaterThan(0); // Access Analyzer was really called
  expect(connects.filter((c) => !(c.host === '127.0.0.1' && Number(c.port) === port))).toEqual([]);
  expect(run.net.filter((n) => n.kind === 'dns' && n.host !== undefined && !isIP(n.host))).toEqual([]);
}

let cases = 0;
let passed = 0;
afterAll(() => recordFigure({ suite: 'abuse', inputs: cases, crashes: 0, hangs: 0, missingErrors: cases - passed }));

describe('abuse through the built bundles', () => {
  it('the bundles exist (run `npm run build` first)', () => {
    expect(existsSync(CLI) && existsSync(ACTION), 'dist/cli.js and dist/index.js must be built by `npm run build`').toBe(true);
  });

  it.each(['json'])('CLI --format %s: no planted secret in any output, connections only to the fake', async (format) => {
    cases++;
    fake.resetLog();
    const r = await runNode(CLI, ['scan', '.', '--format', format, '--access-analyzer', 'on', '--aa-endpoint', fake.url], {});
    expect(r.code, r.stderr).not.toBe(0); // the hostile files are errors: never a pass
    expect(r.stderr).not.toMatch(/Unhandled|TypeError|at .*\.js:\d+/);
    expectNoPlanted('stdout', r.stdout);
    expectNoPlanted('stderr', r.stderr);
    expect(fake.calls().length).toBeGreaterThan(0);
    expectOnlyFake(r);
    // the signed requests carried no planted value either (the secret key signs, it is never sent)
    expectNoPlanted('requests to Access Analyzer', JSON.stringify(fake.log));
    if (format === 'json') {
      const report = JSON.parse(r.stdout) as { verdict: string; errors: { file: string; message: string }[] };
      expect(report.verdict).toBe('incomplete');
      expect(report.errors).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'link.json', message: expect.stringMatching(/outside the repository/) })]));
      // Access Analyzer answered every call (the recorder itself once broke requests on Node 24: no AA error allowed)
      expect(report.errors.filter((e) => /Access Analyzer/.test(e.message))).toEqual([]);
    }
    passed++;
  }, 90_000);

  it('the Action: masks the secrets it handles, leaks none to the log, outputs, summary, JSON or SARIF', async () => {
    cases++;
    fake.resetLog();
    const ghOutput = path.join(base, 'gh-output');
    const summary = path.join(base, 'summary.md');
    writeFileSync(ghOutput, '');
    writeFileSync(summary, '');
    // the CLI run above cached its Access Analyzer answers in the repository: this run must make its own calls
    rmSync(path.join(repo, '.cache'), { recursive: true, force: true });
    const r = await runNode(ACTION, [], {
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: repo,
      GITHUB_OUTPUT: ghOutput,
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_REPOSITORY: 'octo/infra',
      GITHUB_SHA: 'a'.repeat(40),
      GITHUB_SERVER_URL: 'https://github.com',
      INPUT_PATHS: '.',
      'INPUT_ACCESS-ANALYZER': 'on',
      'INPUT_JSON-FILE': 'out/gate.json',
      'INPUT_SARIF-FILE': 'out/gate.sarif',
      AWS_ENDPOINT_URL_ACCESSANALYZER: fake.url,
      AWS_ENDPOINT_URL: fake.url,
    });
    const lines = r.stdout.split('\n');
    const masked = lines.filter((l) => l.startsWith('::add-mask::')).map((l) => l.slice('::add-mask::'.length));
    for (const k of ['GITHUB_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'ACTIONS_RUNTIME_TOKEN'] as const) expect(masked, `${k} masked`).toContain(SECRETS[k]);
    expect(masked).not.toContain(SECRETS.MY_SECRET); // not the action's to handle, and never read
    expectNoPlanted('log (outside ::add-mask::)', lines.filter((l) => !l.startsWith('::add-mask::')).join('\n'));
    expectNoPlanted('stderr', r.stderr);
    const out = readFileSync(ghOutput, 'utf8');
    expect(out).toContain('incomplete');
    expectNoPlanted('GITHUB_OUTPUT', out);
    const md = readFileSync(summary, 'utf8');
    expect(md).toMatch(/`link\.json`: refused: symlink points outside the repository/);
    expectNoPlanted('job summary', md);
    expectNoPlanted('JSON report', readFileSync(path.join(repo, 'out', 'gate.json'), 'utf8'));
    expectNoPlanted('SARIF', readFileSync(path.join(repo, 'out', 'gate.sarif'), 'utf8'));
    expect(fake.calls().length).toBeGreaterThan(0);
    expect((JSON.parse(readFileSync(path.join(repo, 'out', 'gate.json'), 'utf8')) as { errors: { message: string }[] }).errors.filter((e) => /Access Analyzer/.test(e.message))).toEqual([]);
    expectOnlyFake(r);
    expect(r.code).not.toBe(0);
    passed++;
  }, 90_000);
});
