/** The whole pipeline through the CLI: `--access-analyzer auto|on|off`, `--aa-endpoint`, exit codes, merged findings. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import type { FakeAccessAnalyzer } from '../fakes/access-analyzer-server.js';
import { startFake, tempDir, TEST_CREDENTIALS } from './helpers.js';

let fake: FakeAccessAnalyzer;
beforeAll(async () => {
  fake = await startFake();
});
afterAll(() => fake.close());

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  delete process.env.GITHUB_ACTIONS; // the cache then lives under the temporary repository root
  fake.reset();
  tmp = tempDir();
  mkdirSync(path.join(tmp.dir, 'policies'));
  // no Version (offline MISSING_VERSION on line 1 too), iam:* (PassRole, sensitive actions) on "*" at line 6
  writeFileSync(
    path.join(tmp.dir, 'policies', 'deploy.json'),
    `{
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "iam:*",
      "Resource": "*"
    }
  ]
}
`,
  );
});
afterEach(() => {
  tmp.done();
  delete process.env.AWS_ACCESS_KEY_ID;
  delete process.env.AWS_SECRET_ACCESS_KEY;
});

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['scan', 'policies', '--root', tmp.dir, '--format', 'json', ...args], {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    cwd: tmp.dir,
    isTTY: false,
  });
  return { code, stdout, stderr, report: stdout ? (JSON.parse(stdout) as { verdict: string; summary: { notes: string[]; incomplete: { file: string; reason: string }[] }; findings: { ruleId: string; source: string; line: number; fix?: string }[] }) : undefined };
}

function withCredentials() {
  process.env.AWS_ACCESS_KEY_ID = TEST_CREDENTIALS.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = TEST_CREDENTIALS.secretAccessKey;
}

describe('CLI --access-analyzer', () => {
  it('on without credentials: usage error naming what is missing and the permissions', async () => {
    const r = await cli('--access-analyzer', 'on', '--aa-endpoint', fake.url);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/needs AWS credentials/);
    expect(r.stderr).toContain('access-analyzer:ValidatePolicy');
    expect(fake.calls()).toHaveLength(0);
  });

  it('auto without credentials: skipped with a note, offline checks still run', async () => {
    const r = await cli('--aa-endpoint', fake.url);
    expect(fake.calls()).toHaveLength(0);
    expect(r.report!.summary.notes).toEqual(expect.arrayContaining([expect.stringMatching(/Access Analyzer was skipped: no AWS credentials/)]));
    expect(r.report!.findings.map((f) => `${f.line} ${f.ruleId} ${f.source}`)).toEqual(expect.arrayContaining(['1 MISSING_VERSION rules']));
  });

  it('auto with credentials: Access Analyzer findings on their lines, one finding per code and line (its text, our fix)', async () => {
    withCredentials();
    const r = await cli('--aa-endpoint', fake.url);
    expect(r.code).toBe(1);
    const f = r.report!.findings;
    expect(f.filter((x) => x.ruleId === 'MISSING_VERSION')).toEqual([expect.objectContaining({ line: 1, source: 'access-analyzer', fix: expect.stringContaining('2012-10-17') })]);
    expect(f.map((x) => `${x.line} ${x.ruleId} ${x.source}`)).toEqual(expect.arrayContaining(['6 PASS_ROLE_WITH_STAR_IN_RESOURCE access-analyzer', '3 check-access-not-granted access-analyzer']));
    expect(r.report!.summary.notes).toEqual(expect.arrayContaining([expect.stringMatching(/IAM Access Analyzer \(us-east-1\): 1 policy, 2 calls \(1 billed\)/)]));
    // the second run is answered from the cache under the repository root
    fake.resetLog();
    const again = await cli('--aa-endpoint', fake.url);
    expect(fake.calls()).toHaveLength(0);
    expect(again.report!.findings).toEqual(f);
  });

  it('a denied call: verdict incomplete (exit 3) with the permissions in the reason', async () => {
    withCredentials();
    fake.inject({ status: 403, type: 'AccessDeniedException', message: 'not authorized' }, { times: 10 });
    const r = await cli('--access-analyzer', 'on', '--aa-endpoint', fake.url);
    expect(r.code).toBe(3);
    expect(r.report!.verdict).toBe('incomplete');
    expect(r.report!.summary.incomplete[0]!.reason).toContain('The CI role needs access-analyzer:ValidatePolicy');
  });

  it('off: no call at all', async () => {
    withCredentials();
    const r = await cli('--access-analyzer', 'off', '--aa-endpoint', fake.url);
    expect(fake.calls()).toHaveLength(0);
    expect(r.report!.findings.filter((f) => f.source === 'access-analyzer')).toEqual([]);
    expect(r.report!.summary.notes.join(' ')).not.toMatch(/Access Analyzer/);
  });
});
