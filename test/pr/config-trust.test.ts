/**
 * A pull request must not configure its own gate: in PR mode the config comes from the base commit (git, else the
 * contents API of the fake GitHub), the PR's change to it is a blocking `config-weakened` finding, and a base that
 * cannot be read stops the run with a config error (never the PR's copy). Driven through the real PR path
 * (loadPullRequestConfig + analysePullRequest, as src/main.ts runs them) against a git fixture and the fake GitHub.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../fakes/github-server.js';
import { GitFixture, policy } from './git-fixture.js';
import { makeClient } from '../../src/github/client.js';
import { analysePullRequest } from '../../src/action/pull-request.js';
import type { PullRequestEvent } from '../../src/action/pull-request.js';
import { loadPullRequestConfig } from '../../src/action/pull-request.js';
import { toMarkdown } from '../../src/report/markdown.js';
import { runCli } from '../../src/cli.js';

const fake = new FakeGitHub();
beforeAll(async () => void (await fake.start()));
afterAll(async () => fake.stop());
let repo: GitFixture | undefined;
afterEach(() => {
  repo?.remove();
  repo = undefined;
});

const CONFIG = '.github/iam-policy-gate.yml';
const BASE_CONFIG = 'fail-on: security-warning\naccess-analyzer: off\n';
const ADMIN = policy([{ sid: 'Everything', action: '*' }]);

async function runPr(r: GitFixture, base: string, head: string, o: { token?: string | null; realBase?: string } = {}) {
  fake.addPull({ number: 7, baseSha: base, headSha: head, files: r.pullFiles(o.realBase ?? base, head) });
  const gh = o.token === null ? undefined : makeClient(o.token ?? 'write-token', { baseUrl: fake.url, maxWaitMs: 1000, retries: 0 });
  const pr: PullRequestEvent = { number: 7, baseSha: base, headSha: head };
  const log = () => {};
  const loaded = await loadPullRequestConfig({ gh, repo: { owner: 'acme', repo: 'infra' }, pr, workspace: r.dir, configPath: undefined, layers: {}, log });
  const { result } = await analysePullRequest({
    gh,
    repo: { owner: 'acme', repo: 'infra' },
    pr,
    workspace: r.dir,
    paths: ['.'],
    options: loaded.options,
    configFindings: loaded.findings,
    configNotes: loaded.notes,
    log,
    warn: log,
  });
  return { result, options: loaded.options };
}

describe('PR mode: the config is the base commit\'s', () => {
  it('a PR that adds an ignore entry, lowers fail-on and excludes its file still fails, with config-weakened on the lines', async () => {
    repo = new GitFixture();
    const base = repo.commit({ [CONFIG]: BASE_CONFIG, 'iam/app.json': policy([{ sid: 'Read', action: 's3:GetObject' }]) }, 'base');
    const head = repo.commit(
      {
        [CONFIG]: [
          'fail-on: error',
          'access-analyzer: off',
          'exclude: ["iam/admin.json"]',
          'ignore:',
          '  - rule: admin-wildcard',
          '    reason: needed for the migration',
          '    expires: 2026-12-31',
          '',
        ].join('\n'),
        'iam/admin.json': ADMIN,
      },
      'admin policy, and a config that lets it through',
    );
    const { result, options } = await runPr(repo, base, head);
    expect(options.failOn).toBe('security-warning');
    expect(options.ignore).toEqual([]);
    expect(result.verdict.status).toBe('fail');
    const byRule = (id: string) => result.findings.filter((f) => f.ruleId === id && !f.suppressed);
    expect(byRule('admin-wildcard').map((f) => f.file)).toEqual(['iam/admin.json']);
    expect(byRule('config-weakened').map((f) => [f.file, f.line, f.severity, f.new])).toEqual([
      [CONFIG, 1, 'error', true],
      [CONFIG, 3, 'error', true],
      [CONFIG, 5, 'error', true],
    ]);
    expect(result.notes).toContain(
      `This pull request changes ${CONFIG}: it adds 1 suppression, excludes files and lowers fail-on to error. These take effect after merge; this run used the config of the base commit ${base.slice(0, 12)}.`,
    );
    expect(toMarkdown(result)).toContain('take effect after merge');
  });

  it('a PR that only strengthens the config gets no config-weakened finding', async () => {
    repo = new GitFixture();
    const base = repo.commit({ [CONFIG]: 'fail-on: error\naccess-analyzer: off\nexclude: ["legacy/**"]\n', 'iam/app.json': policy([{ sid: 'Read', action: 's3:GetObject' }]) }, 'base');
    const head = repo.commit({ [CONFIG]: 'fail-on: warning\naccess-analyzer: off\n', 'iam/app.json': policy([{ sid: 'Read', action: ['s3:GetObject', 's3:ListBucket'] }]) }, 'stricter');
    const { result } = await runPr(repo, base, head);
    expect(result.findings.filter((f) => f.ruleId === 'config-weakened')).toEqual([]);
  });

  it('a PR that turns a rule off and re-types its file is analysed under the base config', async () => {
    repo = new GitFixture();
    const base = repo.commit({ [CONFIG]: BASE_CONFIG, 'README.md': 'infra\n' }, 'base');
    const head = repo.commit(
      {
        [CONFIG]: 'access-analyzer: off\nrules:\n  admin-wildcard: off\npolicy-types:\n  - files: "iam/**"\n    type: resource\n',
        'iam/admin.json': ADMIN,
      },
      'admin',
    );
    const { result } = await runPr(repo, base, head);
    expect(result.verdict.status).toBe('fail');
    expect(result.findings.some((f) => f.ruleId === 'admin-wildcard' && !f.suppressed)).toBe(true);
    expect(result.findings.filter((f) => f.ruleId === 'config-weakened').map((f) => f.line)).toEqual([3, 4]);
  });

  it('a shallow checkout reads the base config through the contents API', async () => {
    repo = new GitFixture();
    const base = repo.commit({ [CONFIG]: BASE_CONFIG, 'README.md': 'infra\n' }, 'base');
    const head = repo.commit({ [CONFIG]: 'exclude: "**"\naccess-analyzer: off\n', 'iam/admin.json': ADMIN }, 'admin');
    const baseSha = 'a'.repeat(40); // not in the checkout: git cannot read it
    fake.contents.set(`${baseSha}:${CONFIG}`, BASE_CONFIG);
    const { result } = await runPr(repo, baseSha, head, { realBase: base });
    expect(result.verdict.status).not.toBe('pass');
    expect(result.findings.some((f) => f.ruleId === 'admin-wildcard')).toBe(true);
    expect(result.findings.some((f) => f.ruleId === 'config-weakened' && f.line === 1)).toBe(true);
  });

  it('fails closed when the base config cannot be read (shallow checkout, API failing or no token)', async () => {
    repo = new GitFixture();
    const base = repo.commit({ [CONFIG]: BASE_CONFIG }, 'base');
    const head = repo.commit({ [CONFIG]: 'exclude: "**"\n', 'iam/admin.json': ADMIN }, 'admin');
    const baseSha = 'b'.repeat(40);
    fake.inject(/\/contents\//, { status: 500, body: { message: 'boom' } }, { times: 10 });
    await expect(runPr(repo, baseSha, head, { realBase: base })).rejects.toThrow(/cannot read the config file \.github\/iam-policy-gate\.yml at the base commit bbbbbbbbbbbb/);
    fake.reset();
    await expect(runPr(repo, baseSha, head, { token: null, realBase: base })).rejects.toThrow(/no GitHub token/);
  });

  it('the reference policy of CheckNoNewAccess comes from the base too', async () => {
    repo = new GitFixture();
    const ref = policy([{ sid: 'Ref', action: 's3:GetObject' }]);
    const base = repo.commit({ [CONFIG]: `${BASE_CONFIG}reference-policies:\n  identity: ref/identity.json\n`, 'ref/identity.json': ref }, 'base');
    const head = repo.commit({ 'ref/identity.json': ADMIN }, 'widen the reference');
    const { options } = await runPr(repo, base, head);
    expect(options.trustedConfigFiles).toEqual({ 'ref/identity.json': ref });
  });
});

describe('PR mode: config attacks, each still failing', () => {
  const TRUST_ANYONE = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999988887777:root' }, Action: 'sts:AssumeRole' }] }, null, 2);
  const cases: [string, string, Record<string, string>][] = [
    ['paths narrowed to another folder', 'paths: ["docs/**"]\n', { 'iam/admin.json': ADMIN }],
    ['include with a negation', 'include: ["**", "!iam/**"]\n', { 'iam/admin.json': ADMIN }],
    ['rule severity lowered', 'rules:\n  admin-wildcard: suggestion\n', { 'iam/admin.json': ADMIN }],
    ['rule disabled in object form', 'rules:\n  admin-wildcard: { enabled: false }\n', { 'iam/admin.json': ADMIN }],
    ['the file re-typed as an SCP', 'policy-types:\n  - files: "iam/*.json"\n    type: scp\n', { 'iam/admin.json': ADMIN }],
    ['an ignore entry with a far expiry and a wildcard resource', 'ignore:\n  - rule: admin-wildcard\n    resource: "*"\n    reason: temporary\n    expires: 2099-12-31\n', { 'iam/admin.json': ADMIN }],
    ['the config file deleted (base had fail-on: warning)', '', { 'iam/admin.json': ADMIN }],
    ['fail-on-existing turned off and fail-on lowered', 'fail-on-existing: false\nfail-on: error\n', { 'iam/admin.json': ADMIN }],
    ['an external account trusted', 'trusted-accounts: ["999988887777"]\n', { 'iam/trust.json': TRUST_ANYONE }],
  ];
  for (const [what, headConfig, files] of cases) {
    it(what, async () => {
      repo = new GitFixture();
      const base = repo.commit({ [CONFIG]: 'fail-on: warning\nfail-on-existing: true\naccess-analyzer: off\n', 'README.md': 'x\n' }, 'base');
      const head = repo.commit({ [CONFIG]: headConfig === '' ? null : `access-analyzer: off\n${headConfig}`, ...files }, what);
      const { result } = await runPr(repo, base, head);
      expect(result.verdict.status).toBe('fail');
      expect(result.findings.filter((f) => f.ruleId === 'config-weakened').length).toBeGreaterThan(0);
      expect(result.findings.filter((f) => f.ruleId !== 'config-weakened' && !f.suppressed && f.severity !== 'suggestion').length).toBeGreaterThan(0); // base fail-on: warning
    });
  }
});

describe('CLI --config-from / --base', () => {
  async function cli(args: string[], cwd: string) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), cwd, isTTY: false });
    return { code, stdout, stderr };
  }

  it('uses the config committed at the ref, and reports the working tree\'s weakening', async () => {
    repo = new GitFixture();
    repo.commit({ [CONFIG]: BASE_CONFIG, 'README.md': 'x\n' }, 'base');
    repo.git('tag', 'v1');
    repo.commit({ [CONFIG]: 'access-analyzer: off\nignore:\n  - rule: admin-wildcard\n    reason: fine\n', 'iam/admin.json': ADMIN }, 'head');
    const plain = await cli(['scan', '--format', 'json'], repo.dir);
    expect(plain.code).toBe(0); // the working tree's config suppresses it
    const trusted = await cli(['scan', '--config-from', 'v1', '--format', 'json'], repo.dir);
    expect(trusted.code).toBe(1);
    const report = JSON.parse(trusted.stdout);
    expect(report.findings.filter((f: { suppressed?: boolean }) => !f.suppressed).map((f: { ruleId: string; line: number }) => [f.ruleId, f.line])).toEqual([
      ['config-weakened', 3],
      ['admin-wildcard', 7],
    ]);
    expect((await cli(['scan', '--base', 'v1'], repo.dir)).code).toBe(1);
    const bad = await cli(['scan', '--config-from', 'no-such-ref'], repo.dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('config error');
  });
});
