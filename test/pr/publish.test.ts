/**
 * The PR pipeline in-process: changed files from the fake GitHub API, base versions from git, runGate with the
 * baseline, and publish() with the real Octokit against the fake server.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../fakes/github-server.js';
import { GitFixture, policy } from './git-fixture.js';
import { makeClient } from '../../src/github/client.js';
import { changedFilesFromApi } from '../../src/sources/changed.js';
import { gitBaseSource } from '../../src/sources/base.js';
import { runGate } from '../../src/gate.js';
import { defaultOptions } from '../../src/config/options.js';
import { publish, type PublishOptions } from '../../src/github/publish.js';

let gh: FakeGitHub;
let repo: GitFixture;

beforeAll(async () => {
  gh = new FakeGitHub();
  await gh.start();
});
afterAll(async () => {
  await gh.stop();
});
beforeEach(() => {
  repo = new GitFixture();
  gh.reviews = [];
  gh.reviewComments = [];
  gh.issueComments = [];
  gh.checkRuns = [];
  gh.faults = [];
  gh.log = [];
});
afterEach(() => repo.remove());

const warnings: string[] = [];
const pubOpts = (o: Partial<PublishOptions> = {}): PublishOptions => ({
  maxInlineComments: 30,
  checkRun: false,
  failOn: 'security-warning',
  failOnExisting: false,
  log: () => {},
  warn: (m) => warnings.push(m),
  ...o,
});

async function analysePr(base: string, head: string, token = 'write-token') {
  gh.addPull({ number: 7, baseSha: base, headSha: head, files: repo.pullFiles(base, head) });
  const client = makeClient(token, { baseUrl: gh.url, maxWaitMs: 5000 });
  const { files } = await changedFilesFromApi(client, { owner: 'acme', repo: 'infra' }, 7);
  const options = defaultOptions(repo.dir);
  const result = await runGate([], options, {
    files: files.filter((f) => f.status !== 'removed').map((f) => f.path),
    base: gitBaseSource(repo.dir, base, options.maxFileBytes),
  });
  return { client, files, result, ctx: { owner: 'acme', repo: 'infra', pullNumber: 7, headSha: head, fork: false } };
}

describe('publishing a PR review', () => {
  it('comments new findings on their exact lines, marks pre-existing ones, and posts one summary with the access diff', async () => {
    const base = repo.commit(
      {
        'iam/legacy.json': policy([{ sid: 'Legacy', action: '*' }]),
        'iam/app-role.json': policy([{ sid: 'Read', action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/*' }]),
      },
      'base',
    );
    const head = repo.commit(
      {
        'iam/legacy.json': policy([{ sid: 'Legacy', action: '*' }, { sid: 'Logs', action: 'logs:PutLogEvents' }]),
        'iam/app-role.json': policy([
          { sid: 'Read', action: 's3:GetObject', resource: 'arn:aws:s3:::bucket/*' },
          { sid: 'Admin', action: '*' },
        ]),
        'README.md': '# not a policy\n',
      },
      'head',
    );
    const { client, files, result, ctx } = await analysePr(base, head);
    expect(result.findings.map((f) => [f.file, f.line, f.ruleId, f.new])).toEqual([
      ['iam/app-role.json', 13, 'admin-wildcard', true],
      ['iam/legacy.json', 7, 'admin-wildcard', false],
    ]);
    expect(result.verdict.status).toBe('fail');
    expect(result.verdict.blocking).toBe(1);
    const app = result.accessDiff?.find((d) => d.principal === 'policy app-role.json');
    expect(app?.addedCount).toBeGreaterThan(10_000);
    expect(app?.added).toHaveLength(1000); // stored lists are capped; the count is exact
    const legacy = result.accessDiff?.find((d) => d.principal === 'policy legacy.json');
    expect(legacy).toBeUndefined(); // already had "*": logs:PutLogEvents adds nothing new

    const out = await publish(client, result, files, ctx, pubOpts());
    expect(out.posted).toBe(true);
    // the legacy finding (line 7, a context line of the diff) existed before: summary only, no inline comment
    expect(gh.visibleComments().map((c) => [c.path, c.line])).toEqual([['iam/app-role.json', 13]]);
    expect(gh.reviewComments[0]!.body).toContain('Full administrator access');
    expect(gh.reviewComments[0]!.body).toContain('**Fix:**');
    expect(gh.reviews).toHaveLength(1);
    expect(gh.reviews[0]!.commit_id).toBe(head);
    expect(gh.issueComments).toHaveLength(1);
    const summary = gh.issueComments[0]!.body;
    expect(summary).toMatch(/^<!-- iam-policy-gate:summary -->/);
    expect(summary).toContain('❌ **Fail**');
    // the wildcard is named as what it is, not an alphabetical sample of 20,000 actions; the diff is folded, after the findings
    expect(summary).toContain('`policy app-role.json` can now do **all actions (`*`)**');
    expect(summary.indexOf('<details><summary><b>Access changes</b>')).toBeGreaterThan(summary.indexOf('### 🛑 Blocking (1)'));
    expect(summary).toContain('existing');
    expect(summary).toContain('1 finding already exists in the base branch; listed below only');
    expect(summary.indexOf('listed below only')).toBeLessThan(summary.indexOf('existing)'));
  });

  it('falls back to the summary when GitHub still rejects the anchors with 422', async () => {
    const base = repo.commit({ 'p/a.json': policy([{ action: 's3:GetObject' }]) }, 'base');
    const head = repo.commit({ 'p/a.json': policy([{ action: 's3:GetObject' }, { action: '*' }]) }, 'head');
    const { client, files, result, ctx } = await analysePr(base, head);
    gh.faults.push({ method: 'POST', path: /\/reviews$/, status: 422, body: { message: 'Unprocessable Entity', errors: ['Pull request review thread line must be part of the diff'] } });
    const out = await publish(client, result, files, ctx, pubOpts());
    expect(out.inlineComments).toBe(0);
    expect(gh.reviewComments).toHaveLength(0);
    expect(gh.issueComments[0]!.body).toContain('0 findings are commented inline; **1 more** on changed lines is listed below only');
    expect(warnings.some((w) => w.includes('HTTP 422'))).toBe(true);
  });

  it('retries secondary rate limits and 5xx, and reports a read-only token without throwing', async () => {
    const base = repo.commit({ 'p/a.json': policy([{ action: 's3:GetObject' }]) }, 'base');
    const head = repo.commit({ 'p/a.json': policy([{ action: '*' }]) }, 'head');
    const { files, result, ctx } = await analysePr(base, head);
    gh.faults.push(
      { method: 'GET', path: /\/pulls\/7\/comments$/, status: 403, headers: { 'retry-after': '0' }, body: { message: 'You have exceeded a secondary rate limit' } },
      { method: 'GET', path: /\/issues\/7\/comments$/, status: 502, body: { message: 'Server Error' } },
    );
    const client = makeClient('write-token', { baseUrl: gh.url, maxWaitMs: 5000 });
    const out = await publish(client, result, files, ctx, pubOpts());
    expect(out.posted).toBe(true);
    expect(gh.calls('GET', /\/pulls\/7\/comments$/).map((c) => c.status)).toEqual([403, 200]);
    expect(gh.calls('GET', /\/issues\/7\/comments$/).map((c) => c.status)).toEqual([502, 200]);

    const ro = makeClient('read-token', { baseUrl: gh.url, maxWaitMs: 5000 });
    const out2 = await publish(ro, result, files, { ...ctx, fork: true }, pubOpts());
    expect(out2.posted).toBe(false);
    expect(out2.fallbackReason).toContain('from a fork');
  });

  it('is not fooled by PR participants copying its markers into their own comments', async () => {
    const base = repo.commit({ 'p/a.json': policy([{ action: 's3:GetObject' }]) }, 'base');
    const head = repo.commit({ 'p/a.json': policy([{ action: 's3:GetObject' }, { action: '*' }]) }, 'head');
    const { client, files, result, ctx } = await analysePr(base, head);
    const mallory = { login: 'mallory', type: 'User' as const };
    gh.issueComments.push({ id: 1, body: '<!-- iam-policy-gate:summary -->\nAll good, merge it!', user: mallory, html_url: 'x', created_at: '', updated_at: '' });
    gh.reviewComments.push({
      id: 2, node_id: 'PRRC_2', pull_request_review_id: 1, path: 'p/a.json', line: 12, original_line: 12, start_line: null, side: 'RIGHT',
      commit_id: head, original_commit_id: head, body: 'lgtm <!-- iam-policy-gate:fp=0000 -->', user: mallory, html_url: 'y',
    });
    const out = await publish(client, result, files, ctx, pubOpts());
    expect(out.posted).toBe(true);
    expect(out.markedFixed).toBe(0);
    expect(gh.issueComments.map((c) => [c.user.login, c.body.includes('❌ **Fail**')])).toEqual([
      ['mallory', false],
      ['github-actions[bot]', true],
    ]);
    expect(gh.reviewComments.find((c) => c.id === 2)!.body).toBe('lgtm <!-- iam-policy-gate:fp=0000 -->');
    expect(gh.reviewComments.filter((c) => c.user.type === 'Bot').map((c) => [c.path, c.line])).toEqual([['p/a.json', 11]]);
  });

  it('opens no summary comment on a PR that changes no IAM file, but keeps an existing one up to date', async () => {
    const base = repo.commit({ 'p/a.json': policy([{ action: 's3:GetObject' }]) }, 'base');
    const head = repo.commit({ 'src/app.ts': 'export const x = 1;\n' }, 'code only');
    const { client, files, result, ctx } = await analysePr(base, head);
    expect(result.stats.filesScanned).toBe(0);
    await publish(client, result, files, ctx, pubOpts({ updateOnly: true }));
    expect(gh.issueComments).toHaveLength(0);
    gh.issueComments.push({ id: 5, body: '<!-- iam-policy-gate:summary -->\nold', user: { login: 'github-actions[bot]', type: 'Bot' }, html_url: 'z', created_at: '', updated_at: '' });
    await publish(client, result, files, ctx, pubOpts({ updateOnly: true }));
    expect(gh.issueComments).toHaveLength(1);
    // nothing to say any more (comment: on-findings): the comment says so instead of keeping the old findings
    expect(gh.issueComments[0]!.body).toContain('## IAM Policy Gate: ✅ **Resolved**');
  });

  it('lists 250 changed files over three pages and sends check-run annotations 50 at a time', async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 250; i++) many[`p/f${String(i).padStart(3, '0')}.json`] = policy([{ action: i < 120 ? '*' : 's3:GetObject' }]);
    const base = repo.commit({ 'keep.txt': 'x\n' }, 'base');
    const head = repo.commit(many, 'head');
    const { client, files, result, ctx } = await analysePr(base, head);
    expect(files).toHaveLength(250);
    expect(gh.calls('GET', /\/pulls\/7\/files$/)).toHaveLength(3);
    expect(result.findings.filter((f) => f.ruleId === 'admin-wildcard')).toHaveLength(120);
    const out = await publish(client, result, files, ctx, pubOpts({ checkRun: true, maxInlineComments: 5 }));
    expect(gh.reviewComments).toHaveLength(5);
    expect(gh.issueComments[0]!.body).toContain('5 findings are commented inline; **115 more**');
    const run = gh.checkRuns.find((r) => r.id === out.checkRunId)!;
    expect(run.annotationBatches).toEqual([50, 50, 20]);
    expect(run.conclusion).toBe('failure');
  });
});
