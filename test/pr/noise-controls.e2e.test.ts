/**
 * The noise controls through the bundled Action (test/pr/action-runner.ts) against the fake GitHub, each set the
 * way a workflow sets it (INPUT_*): comment always | on-findings | never (and "resolved" when the findings go away),
 * inline blocking | new | all | none, annotations blocking | new | all | none on the check run, fail-on: none, and
 * comment-tag: a matrix of two jobs keeping two sticky comments and two check names.
 */
import { describe, expect, it } from 'vitest';
import { FakeGitHub } from '../fakes/github-server.js';
import { GitFixture, policy } from './git-fixture.js';
import { runAction, useBundle } from './action-runner.js';

useBundle();

const read = { sid: 'Read', action: 's3:GetObject', resource: 'arn:aws:s3:::reports/*' };
const noVersion = (sid: string) => JSON.stringify({ Statement: [{ Sid: sid, Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:123456789012:q' }] }, null, 2) + '\n';
const noVersion2 = (sid: string) =>
  JSON.stringify({ Statement: [{ Sid: 'More', Effect: 'Allow', Action: 'sqs:ReceiveMessage', Resource: 'arn:aws:sqs:us-east-1:123456789012:q' }, { Sid: sid, Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:123456789012:q' }] }, null, 2) + '\n'; // changed near line 1, where the existing finding is

/**
 * A PR with one blocking finding (an admin statement in iam/app.json), one new warning (iam/new.json without
 * Version) and one warning that already exists in the base (iam/old.json, touched by the PR, still without Version).
 */
async function riskyPr(gh: FakeGitHub, repo: GitFixture, number: number) {
  const base = repo.commit({ 'iam/app.json': policy([read]), 'iam/old.json': noVersion('Old') }, 'base');
  const head = repo.commit({ 'iam/app.json': policy([read, { sid: 'Admin', action: '*' }]), 'iam/new.json': noVersion('New'), 'iam/old.json': noVersion2('Old') }, 'risky');
  gh.addPull({ number, baseSha: base, headSha: head, files: repo.pullFiles(base, head) });
  return { base, head };
}

async function withPr<T>(f: (gh: FakeGitHub, repo: GitFixture) => Promise<T>): Promise<T> {
  const gh = new FakeGitHub();
  await gh.start();
  const repo = new GitFixture();
  try {
    return await f(gh, repo);
  } finally {
    repo.remove();
    await gh.stop();
  }
}

const commentedFiles = (gh: FakeGitHub) => [...new Set(gh.visibleComments().map((c) => c.path))].sort();
type Annotation = { path: string; annotation_level: string };

describe('noise controls (the bundled Action)', () => {
  it('comment: on-findings (default) opens nothing on a quiet PR, always does; never posts no summary but still reviews', () =>
    withPr(async (gh, repo) => {
      const base = repo.commit({ 'iam/app.json': policy([{ ...read, action: ['s3:GetObject', 's3:ListBucket'] }]) }, 'base');
      const head = repo.commit({ 'iam/app.json': policy([read]) }, 'narrow');
      gh.addPull({ number: 1, baseSha: base, headSha: head, files: repo.pullFiles(base, head) });
      const quiet = await runAction({ gh, workspace: repo.dir, pr: { number: 1, base, head }, token: 'write-token' });
      expect(quiet.code).toBe(0);
      expect(gh.issueComments).toHaveLength(0);
      expect(quiet.stdout).toContain('no summary comment opened (comment: on-findings)');
      await runAction({ gh, workspace: repo.dir, pr: { number: 1, base, head }, token: 'write-token', inputs: { comment: 'always' } });
      expect(gh.issueComments.map((c) => c.body.split('\n')[1])).toEqual(['## IAM Policy Gate: ✅ **Pass**']);

      const risky = await riskyPr(gh, repo, 2);
      const never = await runAction({ gh, workspace: repo.dir, pr: { number: 2, ...risky }, token: 'write-token', inputs: { comment: 'never' } });
      expect(never.code).toBe(1);
      expect(gh.issueComments).toHaveLength(1); // PR 1's only
      expect(commentedFiles(gh)).toEqual(['iam/app.json']);
    }), 300_000);

  it('comment: on-findings turns the sticky comment into "resolved" when the next push removes the findings', () =>
    withPr(async (gh, repo) => {
      const { base, head } = await riskyPr(gh, repo, 3);
      await runAction({ gh, workspace: repo.dir, pr: { number: 3, base, head }, token: 'write-token' });
      expect(gh.issueComments).toHaveLength(1);
      expect(gh.issueComments[0]!.body).toContain('❌ **Fail**');
      const head2 = repo.commit({ 'iam/app.json': policy([read]), 'iam/new.json': null, 'iam/old.json': noVersion('Old') }, 'fix');
      gh.addPull({ number: 3, baseSha: base, headSha: head2, files: repo.pullFiles(base, head2) });
      const r = await runAction({ gh, workspace: repo.dir, pr: { number: 3, base, head: head2 }, token: 'write-token' });
      expect(r.code).toBe(0);
      expect(gh.issueComments).toHaveLength(1);
      expect(gh.issueComments[0]!.body).toContain('## IAM Policy Gate: ✅ **Resolved**');
      expect(gh.issueComments[0]!.body).toContain(`No findings remain as of \`${head2.slice(0, 12)}\``);
    }), 300_000);

  it('inline: blocking (default) comments the blocking finding only, new adds the new warning, all the existing one too, none posts no review', () =>
    withPr(async (gh, repo) => {
      const { base, head } = await riskyPr(gh, repo, 4);
      const expected: Record<string, string[]> = {
        '': ['iam/app.json'],
        new: ['iam/app.json', 'iam/new.json'],
        all: ['iam/app.json', 'iam/new.json', 'iam/old.json'],
        none: [],
      };
      for (const [inline, files] of Object.entries(expected)) {
        gh.reviews = [];
        gh.reviewComments = [];
        const r = await runAction({ gh, workspace: repo.dir, pr: { number: 4, base, head }, token: 'write-token', inputs: inline ? { inline } : {} });
        expect(r.code, inline).toBe(1);
        expect(commentedFiles(gh), inline || 'default').toEqual(files);
        if (inline === 'none') expect(gh.reviews).toHaveLength(0);
      }
      expect(gh.issueComments[0]!.body).toContain('not commented inline (setting `inline`)');
    }), 300_000);

  it('annotations on the check run: new (default) blocking first, blocking, all, none; never repeated in the log when a check run carries them', () =>
    withPr(async (gh, repo) => {
      const { base, head } = await riskyPr(gh, repo, 5);
      const expected: Record<string, [string, string][]> = {
        '': [['iam/app.json', 'failure'], ['iam/new.json', 'warning']],
        blocking: [['iam/app.json', 'failure']],
        all: [['iam/app.json', 'failure'], ['iam/new.json', 'warning'], ['iam/old.json', 'warning']],
        none: [],
      };
      for (const [annotations, list] of Object.entries(expected)) {
        gh.checkRuns = [];
        const r = await runAction({ gh, workspace: repo.dir, pr: { number: 5, base, head }, token: 'write-token', inputs: { 'check-run': 'true', ...(annotations ? { annotations } : {}) } });
        expect((gh.checkRuns[0]!.annotations as Annotation[]).map((a) => [a.path, a.annotation_level]), annotations || 'default').toEqual(list);
        expect(r.stdout).not.toMatch(/::(error|warning) file=iam\//);
      }
    }), 300_000);

  it('fail-on: none reports without blocking: the step passes, nothing is commented inline, the summary lists everything', () =>
    withPr(async (gh, repo) => {
      const { base, head } = await riskyPr(gh, repo, 6);
      const r = await runAction({ gh, workspace: repo.dir, pr: { number: 6, base, head }, token: 'write-token', inputs: { 'fail-on': 'none' } });
      expect(r.code).toBe(0);
      expect(r.outputs.verdict).toBe('pass');
      expect(r.outputs['blocking-count']).toBe('0');
      expect(gh.reviewComments).toHaveLength(0);
      const body = gh.issueComments[0]!.body;
      expect(body).toContain('## IAM Policy Gate: ✅ **Pass**');
      expect(body).toContain('Report only \\(fail\\-on: none\\)');
      expect(body).toContain('<b>Findings: 3 findings (1 already in the base)</b>');
    }), 300_000);

  it('comment-tag: a matrix of two jobs (prod and dev paths) keeps two sticky comments and two check names; re-runs mark nothing of the other job fixed', () =>
    withPr(async (gh, repo) => {
      const base = repo.commit({ 'README.md': '# infra\n' }, 'base');
      const head = repo.commit({ 'prod/admin.json': policy([{ sid: 'Admin', action: '*' }]), 'dev/queue.json': noVersion('Dev') }, 'two environments');
      gh.addPull({ number: 7, baseSha: base, headSha: head, files: repo.pullFiles(base, head) });
      const job = (tag: string) => runAction({ gh, workspace: repo.dir, pr: { number: 7, base, head }, token: 'write-token', inputs: { 'comment-tag': tag, paths: tag, inline: 'all', 'check-run': 'true' } });
      expect((await job('prod')).code).toBe(1);
      expect((await job('dev')).code).toBe(0);
      await job('prod');
      await job('dev');
      expect(gh.issueComments.map((c) => c.body.split('\n')[0])).toEqual(['<!-- iam-policy-gate[prod]:summary -->', '<!-- iam-policy-gate[dev]:summary -->']);
      expect(gh.issueComments[0]!.body).toContain('prod/admin.json');
      expect(gh.issueComments[0]!.body).not.toContain('dev/queue.json');
      expect(gh.checkRuns.map((c) => c.name)).toEqual(['IAM Policy Gate (prod)', 'IAM Policy Gate (dev)', 'IAM Policy Gate (prod)', 'IAM Policy Gate (dev)']);
      expect(commentedFiles(gh)).toEqual(['dev/queue.json', 'prod/admin.json']);
      expect(gh.reviewComments.some((c) => c.body.includes('✅ **Fixed**'))).toBe(false);
      expect(gh.reviews).toHaveLength(2);
    }), 300_000);
});
