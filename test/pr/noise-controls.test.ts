/**
 * The noise controls through the real PR path (fake GitHub API, git base, runGate, publish() with Octokit against
 * the fake server): comment always | on-findings | never, inline, annotations on the check run, fail-on: none, and
 * comment-tag keeping one sticky comment, review and check name per matrix job.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub } from '../fakes/github-server.js';
import { GitFixture, policy } from './git-fixture.js';
import { publish, type PublishOptions } from '../../src/github/publish.js';
import { runPr } from './summary-fixtures.js';

let gh: FakeGitHub;
let repo: GitFixture;
beforeAll(async () => {
  gh = new FakeGitHub();
  await gh.start();
});
afterAll(async () => gh.stop());
beforeEach(() => {
  repo = new GitFixture();
  gh.reviews = [];
  gh.reviewComments = [];
  gh.issueComments = [];
  gh.checkRuns = [];
});
afterEach(() => repo.remove());

const logs: string[] = [];
type Annotation = { path: string; annotation_level: string };
const annotations = (i = 0) => gh.checkRuns[i]!.annotations as Annotation[];
const pubOpts = (o: Partial<PublishOptions> = {}): PublishOptions => ({
  maxInlineComments: 30,
  checkRun: false,
  failOn: 'security-warning',
  failOnExisting: false,
  log: (m) => logs.push(m),
  warn: () => {},
  ...o,
});

/** A PR adding an admin statement (blocking) and a policy without Version (warning, not blocking). */
const risky = () => ({
  base: { 'iam/app.json': policy([{ sid: 'Read', action: 's3:GetObject', resource: 'arn:aws:s3:::reports/*' }]) },
  head: {
    'iam/app.json': policy([{ sid: 'Read', action: 's3:GetObject', resource: 'arn:aws:s3:::reports/*' }, { sid: 'Admin', action: '*' }]),
    'iam/noversion.json': JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:123456789012:q' }] }, null, 2) + '\n',
  },
});
/** A PR that only narrows a policy: no finding, nobody gains access. */
const quiet = () => ({
  base: { 'iam/app.json': policy([{ sid: 'Read', action: ['s3:GetObject', 's3:ListBucket'], resource: 'arn:aws:s3:::reports/*' }]) },
  head: { 'iam/app.json': policy([{ sid: 'Read', action: 's3:GetObject', resource: 'arn:aws:s3:::reports/*' }]) },
});

describe('noise controls', () => {
  it('comment: on-findings (default) opens nothing on a quiet PR; always does; never posts no summary but still reviews', async () => {
    const q = await runPr(gh, repo, quiet());
    expect(q.result.findings).toEqual([]);
    await publish(q.client, q.result, q.changed, q.ctx, pubOpts());
    expect(gh.issueComments).toHaveLength(0);
    expect(logs.at(-1)).toContain('No findings: no summary comment opened (comment: on-findings).');
    await publish(q.client, q.result, q.changed, q.ctx, pubOpts({ comment: 'always' }));
    expect(gh.issueComments).toHaveLength(1);
    expect(gh.issueComments[0]!.body).toContain('## IAM Policy Gate: ✅ **Pass**');

    gh.issueComments = [];
    const r = await runPr(gh, repo, risky(), 8);
    await publish(r.client, r.result, r.changed, r.ctx, pubOpts({ comment: 'never' }));
    expect(gh.issueComments).toHaveLength(0);
    expect(gh.visibleComments()).toHaveLength(1);
  });

  it('comment: on-findings edits the sticky comment to "resolved" when the findings go away', async () => {
    const r = await runPr(gh, repo, risky());
    await publish(r.client, r.result, r.changed, r.ctx, pubOpts());
    expect(gh.issueComments).toHaveLength(1);
    expect(gh.issueComments[0]!.body).toContain('❌ **Fail**');
    // the next push removes the risky statements: the same comment now says it is resolved
    const head2 = repo.commit({ 'iam/app.json': policy([{ sid: 'Read', action: 's3:GetObject', resource: 'arn:aws:s3:::reports/*' }]), 'iam/noversion.json': null }, 'fix');
    gh.addPull({ number: 7, baseSha: r.base, headSha: head2, files: repo.pullFiles(r.base, head2) });
    const fixed = { ...r.result, findings: [], verdict: { ...r.result.verdict, status: 'pass' as const, reason: 'No findings.', blocking: 0 }, accessDiff: [] };
    await publish(r.client, fixed, r.changed, { ...r.ctx, headSha: head2 }, pubOpts());
    expect(gh.issueComments).toHaveLength(1);
    expect(gh.issueComments[0]!.body).toContain('## IAM Policy Gate: ✅ **Resolved**');
    expect(gh.issueComments[0]!.body).toContain(`No findings remain as of \`${head2.slice(0, 12)}\``);
  });

  it('inline: blocking (default) comments the admin statement only; all adds the warning; none posts no review', async () => {
    const r = await runPr(gh, repo, risky());
    expect(r.result.findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['admin-wildcard', 'error'],
      ['MISSING_VERSION', 'warning'],
    ]);
    await publish(r.client, r.result, r.changed, r.ctx, pubOpts());
    expect(gh.visibleComments().map((c) => c.path)).toEqual(['iam/app.json']);
    expect(gh.issueComments[0]!.body).toContain('1 finding is not commented inline (setting `inline`); listed below only.');

    gh.reviews = [];
    gh.reviewComments = [];
    await publish(r.client, r.result, r.changed, r.ctx, pubOpts({ inline: 'all' }));
    expect(gh.visibleComments().map((c) => c.path).sort()).toEqual(['iam/app.json', 'iam/noversion.json']);

    gh.reviews = [];
    gh.reviewComments = [];
    await publish(r.client, r.result, r.changed, r.ctx, pubOpts({ inline: 'none' }));
    expect(gh.reviews).toHaveLength(0);
    expect(gh.reviewComments).toHaveLength(0);
  });

  it('annotations: the check run carries the selected findings, blocking first', async () => {
    const r = await runPr(gh, repo, risky());
    await publish(r.client, r.result, r.changed, r.ctx, pubOpts({ checkRun: true, annotations: 'blocking' }));
    expect(annotations().map((a) => a.path)).toEqual(['iam/app.json']);
    gh.checkRuns = [];
    await publish(r.client, r.result, r.changed, r.ctx, pubOpts({ checkRun: true }));
    expect(annotations().map((a) => [a.path, a.annotation_level])).toEqual([
      ['iam/app.json', 'failure'],
      ['iam/noversion.json', 'warning'],
    ]);
    gh.checkRuns = [];
    await publish(r.client, r.result, r.changed, r.ctx, pubOpts({ checkRun: true, annotations: 'none' }));
    expect(gh.checkRuns[0]!.annotations).toEqual([]);
  });

  it('fail-on: none reports without blocking: the verdict passes, nothing is commented inline, the summary lists everything', async () => {
    const r = await runPr(gh, repo, risky(), 7, { reportOnly: true });
    expect(r.result.verdict.status).toBe('pass');
    expect(r.result.verdict.blocking).toBe(0);
    expect(r.result.verdict.reason).toBe('Report only (fail-on: none): 2 findings, 1 of them at or above "security-warning"; nothing blocks the merge.');
    await publish(r.client, r.result, r.changed, r.ctx, pubOpts({ reportOnly: true }));
    expect(gh.reviewComments).toHaveLength(0);
    const body = gh.issueComments[0]!.body;
    expect(body).toContain('## IAM Policy Gate: ✅ **Pass**');
    expect(body).toMatch(/\| 🛑 error \| 1 \| 0 \| 1 \| 0 \|/);
    expect(body).toContain('<b>Findings: 2 findings</b>');
  });

  it('comment-tag: two matrix jobs keep two sticky comments and two check names, and never mark the other job\'s comments fixed', async () => {
    const r = await runPr(gh, repo, risky());
    const onlyApp = { ...r.result, findings: r.result.findings.filter((f) => f.file === 'iam/app.json') };
    const onlyNoVersion = { ...r.result, findings: r.result.findings.filter((f) => f.file === 'iam/noversion.json') };
    await publish(r.client, onlyApp, r.changed, r.ctx, pubOpts({ tag: 'prod', checkRun: true }));
    await publish(r.client, onlyNoVersion, r.changed, r.ctx, pubOpts({ tag: 'dev', checkRun: true, inline: 'all' }));
    // a re-run of each job: still one comment each, nothing marked fixed
    await publish(r.client, onlyApp, r.changed, r.ctx, pubOpts({ tag: 'prod', checkRun: true }));
    await publish(r.client, onlyNoVersion, r.changed, r.ctx, pubOpts({ tag: 'dev', checkRun: true, inline: 'all' }));
    expect(gh.issueComments.map((c) => c.body.split('\n')[0])).toEqual(['<!-- iam-policy-gate[prod]:summary -->', '<!-- iam-policy-gate[dev]:summary -->']);
    expect(gh.checkRuns.map((c) => c.name)).toEqual(['IAM Policy Gate (prod)', 'IAM Policy Gate (dev)', 'IAM Policy Gate (prod)', 'IAM Policy Gate (dev)']);
    expect(gh.visibleComments().map((c) => c.path).sort()).toEqual(['iam/app.json', 'iam/noversion.json']);
    expect(gh.reviewComments.some((c) => c.body.includes('✅ **Fixed**'))).toBe(false);
    expect(gh.reviews).toHaveLength(2);
  });
});
