/**
 * End to end: the Action bundle (index.js, built from this checkout into a temporary folder by
 * test/helpers/bundle.ts) run by the Node 24 binary exactly as a runner would (event file,
 * INPUT_* variables, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, GITHUB_WORKSPACE = a git checkout with base and head
 * commits) against the local fake GitHub. Asserts what a reviewer sees.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { FakeGitHub } from '../fakes/github-server.js';
import { GitFixture, policy } from './git-fixture.js';
import { runAction, scratch, useBundle } from './action-runner.js';
import { runCli } from '../../src/cli.js';

useBundle();

describe('the Action on a pull request (the built index.js against a fake GitHub)', () => {
  it('a clean PR: passes, no inline comments, one summary comment with the access diff', async () => {
    const gh = new FakeGitHub();
    await gh.start();
    const repo = new GitFixture();
    try {
      const base = repo.commit({ 'policies/read.json': policy([{ sid: 'Read', action: 's3:GetObject', resource: 'arn:aws:s3:::reports/*' }]) }, 'base');
      const head = repo.commit(
        { 'policies/logs.json': policy([{ sid: 'Logs', action: 'logs:PutLogEvents', resource: 'arn:aws:logs:us-east-1:123456789012:log-group:/app/*' }]) },
        'add a log writer policy',
      );
      gh.addPull({ number: 1, baseSha: base, headSha: head, files: repo.pullFiles(base, head) });
      const r = await runAction({ gh, workspace: repo.dir, pr: { number: 1, base, head }, token: 'write-token' });
      expect(r.code).toBe(0);
      expect(r.outputs.verdict).toBe('pass');
      expect(r.outputs['blocking-count']).toBe('0');
      expect(r.outputs.posted).toBe('true');
      expect(gh.reviews).toHaveLength(0);
      expect(gh.reviewComments).toHaveLength(0);
      expect(gh.issueComments).toHaveLength(1);
      const body = gh.issueComments[0]!.body;
      expect(body).toContain('## IAM Policy Gate: ✅ **Pass**');
      // no finding, but new access is news: the comment is opened (comment: on-findings), the diff folded in it
      expect(body).toContain('- ➕ `policy logs.json` can now do 1 new action (1 write): `logs:PutLogEvents`');
      expect(body).toContain('<details><summary><b>Access changes</b>');
      expect(r.outputs['comment-url']).toBe(gh.issueComments[0]!.html_url);
      expect(r.stepSummary).toContain('✅ **Pass**');
      expect(r.stdout).toContain('IAM Policy Gate passed');
    } finally {
      repo.remove();
      await gh.stop();
    }
  });

  it('a PR adding a risky policy, a re-run of the same commit, then a fix: one comment, then marked fixed; one summary, edited', async () => {
    const gh = new FakeGitHub();
    await gh.start();
    const repo = new GitFixture();
    try {
      const base = repo.commit({ 'iam/legacy.json': policy([{ sid: 'Legacy', action: '*' }]) }, 'base');
      const head1 = repo.commit(
        {
          'iam/legacy.json': policy([{ sid: 'Legacy', action: '*' }, { sid: 'Logs', action: 'logs:PutLogEvents' }]),
          'iam/deploy.json': policy([
            { sid: 'ReadArtifacts', action: 's3:GetObject', resource: 'arn:aws:s3:::artifacts/*' },
            { sid: 'Deploy', action: '*' },
          ]),
        },
        'deploy role',
      );
      gh.addPull({ number: 12, baseSha: base, headSha: head1, files: repo.pullFiles(base, head1) });
      const r1 = await runAction({ gh, workspace: repo.dir, pr: { number: 12, base, head: head1 }, token: 'write-token' });
      expect(r1.code).toBe(1);
      expect(r1.outputs.verdict).toBe('fail');
      expect(r1.outputs['blocking-count']).toBe('1');
      expect(r1.outputs['new-count']).toBe('1');
      expect(r1.outputs['existing-count']).toBe('1');
      expect(r1.stdout).toContain('IAM Policy Gate failed: 1 blocking finding at or above "security-warning" introduced by this change.');
      expect(r1.stdout).toMatch(/::error file=iam\/deploy\.json,line=13/);
      // the reviewer sees one review with one comment, on the "Action": "*" line of the new statement
      expect(gh.reviews).toHaveLength(1);
      expect(gh.reviews[0]!.commit_id).toBe(head1);
      expect(gh.visibleComments().map((c) => [c.path, c.line])).toEqual([['iam/deploy.json', 13]]);
      const comment = gh.reviewComments[0]!.body;
      expect(comment).toContain('Full administrator access');
      expect(comment).toContain('Statement "Deploy" allows every action on every resource');
      expect(comment).toContain('**Fix:**');
      expect(comment).toContain('new, blocking');
      expect(comment).toContain('**Gate:** blocks the merge (error, introduced by this change).');
      const summary1 = gh.issueComments[0]!.body;
      expect(summary1).toContain('## IAM Policy Gate: ❌ **Fail**');
      expect(summary1).toContain('| Severity | Findings | Blocking | New | Existing |');
      expect(summary1).toContain('`policy deploy.json` can now do **all actions (`*`)**');
      expect(summary1).toContain('1 finding already exists in the base branch');
      expect(summary1).toContain('[`iam/deploy.json:13`](https://github.example/acme/infra/blob/' + head1 + '/iam/deploy.json#L13)');
      expect(JSON.parse(r1.sarif).runs[0].results).toHaveLength(2);

      // re-run of the same commit: nothing new is posted, the summary is edited in place
      const r2 = await runAction({ gh, workspace: repo.dir, pr: { number: 12, base, head: head1 }, token: 'write-token' });
      expect(r2.code).toBe(1);
      expect(gh.reviews).toHaveLength(1);
      expect(gh.reviewComments).toHaveLength(1);
      expect(gh.issueComments).toHaveLength(1);
      expect(gh.calls('POST', /\/issues\/12\/comments$/)).toHaveLength(1);
      expect(gh.calls('PATCH', /\/issues\/comments\/\d+$/)).toHaveLength(1);

      // the fix: the earlier comment is marked fixed, the summary flips to pass, still one summary comment
      const head2 = repo.commit(
        { 'iam/deploy.json': policy([{ sid: 'ReadArtifacts', action: 's3:GetObject', resource: 'arn:aws:s3:::artifacts/*' }, { sid: 'Deploy', action: 'cloudformation:UpdateStack', resource: 'arn:aws:cloudformation:us-east-1:123456789012:stack/app/*' }]) },
        'scope the deploy statement',
      );
      gh.addPull({ number: 12, baseSha: base, headSha: head2, files: repo.pullFiles(base, head2) });
      const r3 = await runAction({ gh, workspace: repo.dir, pr: { number: 12, base, head: head2 }, token: 'write-token' });
      expect(r3.code).toBe(0);
      expect(r3.outputs.verdict).toBe('pass');
      expect(gh.reviewComments).toHaveLength(1);
      expect(gh.reviewComments[0]!.body).toContain('✅ **Fixed** in `' + head2.slice(0, 12) + '`');
      expect(gh.resolvedThreads).toEqual(new Set([gh.reviewComments[0]!.id]));
      expect(gh.reviews).toHaveLength(1);
      expect(gh.issueComments).toHaveLength(1);
      const summary3 = gh.issueComments[0]!.body;
      expect(summary3).toContain('## IAM Policy Gate: ✅ **Pass**');
      expect(summary3).toContain('Head `' + head2.slice(0, 12) + '`');
      expect(summary3).toContain('`policy deploy.json` can now do 2 new actions (1 write, 1 read): `cloudformation:UpdateStack`, `s3:GetObject`');
      expect(r3.stdout).toContain('1 earlier comment marked fixed (1 thread resolved), summary comment updated');
    } finally {
      repo.remove();
      await gh.stop();
    }
  });

  it('a fork PR with a read-only token: no crash, nothing posted, annotations + job summary + SARIF, base from the contents API', async () => {
    const gh = new FakeGitHub();
    await gh.start();
    const origin = new GitFixture();
    const ws = path.join(scratch('fork-'), 'shallow-fork');
    try {
      const basePolicy = policy([{ sid: 'Legacy', action: 'iam:*' }]);
      const base = origin.commit({ 'iam/ci.json': basePolicy }, 'base');
      const head = origin.commit({ 'iam/ci.json': policy([{ sid: 'Legacy', action: 'iam:*' }, { sid: 'All', action: '*' }]) }, 'fork change');
      // a shallow checkout (actions/checkout default): the base commit is not there, git diff cannot run
      execFileSync('git', ['clone', '-q', '--depth', '1', `file://${origin.dir}`, ws]);
      gh.addPull({ number: 3, baseSha: base, headSha: head, files: origin.pullFiles(base, head) });
      gh.contents.set(`${base}:iam/ci.json`, basePolicy);
      const r = await runAction({ gh, workspace: ws, pr: { number: 3, base, head, headRepo: 'forker/infra' }, token: 'read-token' });
      expect(r.code).toBe(1);
      expect(r.outputs.verdict).toBe('fail');
      expect(r.outputs.posted).toBe('false');
      expect(r.stdout).toContain('Nothing was posted on the pull request (HTTP 403: this pull request comes from a fork, so the token is read-only)');
      expect(r.stdout).toMatch(/::error file=iam\/ci\.json,line=13/);
      expect(gh.calls('GET', /\/contents\/iam(%2F|\/)ci\.json$/).map((c) => c.status)).toEqual([200]);
      expect(r.outputs['new-count']).toBe('1');
      expect(gh.reviewComments).toHaveLength(0);
      expect(gh.issueComments).toHaveLength(0);
      expect(r.stepSummary).toContain('❌ **Fail**');
      expect(JSON.parse(r.sarif).runs[0].results.length).toBeGreaterThan(0);
    } finally {
      origin.remove();
      rmSync(ws, { recursive: true, force: true });
      await gh.stop();
    }
  });

  it('a PR whose findings exceed max-comments: the cap is honoured, the rest are in the summary, check run batched', async () => {
    const gh = new FakeGitHub();
    await gh.start();
    const repo = new GitFixture();
    try {
      const base = repo.commit({ 'README.md': '# infra\n' }, 'base');
      const files: Record<string, string> = {};
      for (const n of ['a', 'b', 'c', 'd', 'e']) files[`roles/${n}-role.json`] = policy([{ sid: `Admin${n.toUpperCase()}`, action: '*' }]);
      const head = repo.commit(files, 'five admin roles');
      gh.addPull({ number: 30, baseSha: base, headSha: head, files: repo.pullFiles(base, head) });
      const r = await runAction({
        gh,
        workspace: repo.dir,
        pr: { number: 30, base, head },
        token: 'write-token',
        inputs: { 'max-inline-comments': '2', 'check-run': 'true' },
      });
      expect(r.code).toBe(1);
      expect(r.outputs['blocking-count']).toBe('5');
      expect(gh.visibleComments().map((c) => [c.path, c.line])).toEqual([
        ['roles/a-role.json', 7],
        ['roles/b-role.json', 7],
      ]);
      expect(gh.reviews[0]!.body).toContain('2 comments on changed lines, 5 blocking findings; 3 more in the summary comment (max-inline-comments).');
      const summary = gh.issueComments[0]!.body;
      expect(summary).toContain('2 findings are commented inline; **3 more** on changed lines are listed below only (limit: max-inline-comments).');
      for (const n of ['a', 'b', 'c', 'd', 'e']) expect(summary).toContain(`roles/${n}-role.json:7`);
      expect(gh.checkRuns).toHaveLength(1);
      expect(gh.checkRuns[0]!.annotations).toHaveLength(5);
      expect(gh.checkRuns[0]!.conclusion).toBe('failure');
    } finally {
      repo.remove();
      await gh.stop();
    }
  });

  it('adoption: reports under RUNNER_TEMP, fail-on none passes, a check run carries the annotations once, a bad input is a configuration error, a merge-commit checkout is warned about', async () => {
    const gh = new FakeGitHub();
    await gh.start();
    const repo = new GitFixture();
    try {
      const base = repo.commit({ 'README.md': '# infra\n' }, 'base');
      const head = repo.commit({ 'iam/admin.json': policy([{ sid: 'Admin', action: '*' }]) }, 'admin');
      gh.addPull({ number: 40, baseSha: base, headSha: head, files: repo.pullFiles(base, head) });
      const r = await runAction({ gh, workspace: repo.dir, pr: { number: 40, base, head }, token: 'write-token', defaultReportPaths: true, inputs: { 'fail-on': 'none', 'check-run': 'true' } });
      // report only: the findings are posted, the step passes
      expect(r.code).toBe(0);
      expect(r.outputs.verdict).toBe('pass');
      expect(gh.issueComments[0]!.body).toContain('Report only \\(fail\\-on: none\\)');
      // the reports are outside the workspace, where the next scan cannot read them
      expect(r.outputs['json-file']).toBe(path.join(r.runnerTemp, 'iam-policy-gate', 'iam-policy-gate.json'));
      expect(JSON.parse(readFileSync(r.outputs['json-file']!, 'utf8')).verdict).toBe('pass');
      expect(existsSync(r.outputs['sarif-file']!)).toBe(true);
      expect(existsSync(path.join(repo.dir, 'iam-policy-gate.json'))).toBe(false);
      // the check run carries the annotation; the log does not repeat it
      expect(gh.checkRuns[0]!.annotations).toHaveLength(1);
      expect(r.stdout).not.toMatch(/::error file=iam\/admin\.json/);

      // actions/checkout's default merge commit: HEAD is not the PR head
      const other = repo.commit({ 'docs.md': 'x\n' }, 'a merge commit stand-in');
      const w = await runAction({ gh, workspace: repo.dir, pr: { number: 40, base, head }, token: 'write-token', defaultReportPaths: true });
      expect(w.stdout).toContain(`The checkout (HEAD ${other.slice(0, 12)}) is not the pull request head ${head.slice(0, 12)}`);

      const bad = await runAction({ gh, workspace: repo.dir, pr: { number: 40, base, head }, token: 'write-token', inputs: { inline: 'loud' } });
      expect(bad.code).toBe(1);
      expect(bad.outputs.verdict).toBe('incomplete');
      expect(bad.stdout).toContain('::error title=IAM Policy Gate%3A configuration error::input inline must be one of blocking, new, all, none (got \"loud\")');
      expect(bad.stdout).not.toContain('crashed');
    } finally {
      repo.remove();
      await gh.stop();
    }
  });

  it('a fork PR posted from the artifact: the read-only analysis uploads the report, mode: report posts it (the PR number from the report)', async () => {
    const gh = new FakeGitHub();
    await gh.start();
    const repo = new GitFixture();
    try {
      const base = repo.commit({ 'README.md': '# infra\n' }, 'base');
      const head = repo.commit({ 'iam/ci.json': policy([{ sid: 'All', action: '*' }]) }, 'fork change');
      gh.addPull({ number: 77, baseSha: base, headSha: head, files: repo.pullFiles(base, head) });
      // 1. pull_request from the fork: read-only token, nothing posted, the report carries the PR
      const analyse = await runAction({ gh, workspace: repo.dir, pr: { number: 77, base, head, headRepo: 'forker/infra' }, token: 'read-token', defaultReportPaths: true });
      expect(analyse.outputs.posted).toBe('false');
      const reportFile = analyse.outputs['json-file']!;
      expect(JSON.parse(readFileSync(reportFile, 'utf8')).pullRequest).toEqual({ number: 77, headSha: head, baseSha: base });
      // 2. workflow_run (pull_requests is empty for forks), write token, an empty workspace: nothing of the PR is checked out
      const empty = scratch('report-ws-');
      const runEvent = (sha: string) => ({ action: 'completed', workflow_run: { head_sha: sha, event: 'pull_request', pull_requests: [] } });
      const report = await runAction({ gh, workspace: empty, pr: { number: 77, base, head }, token: 'write-token', event: runEvent(head), eventName: 'workflow_run', inputs: { mode: 'report', 'report-file': reportFile, 'check-run': 'true' } });
      expect(report.code, report.stdout).toBe(0);
      expect(report.outputs.posted).toBe('true');
      expect(gh.visibleComments().map((c) => [c.path, c.line])).toEqual([['iam/ci.json', 7]]);
      expect(gh.issueComments).toHaveLength(1);
      expect(gh.issueComments[0]!.body).toContain('❌ **Fail**');
      expect(gh.checkRuns[0]!.conclusion).toBe('failure');
      // an artifact for another head than the run's is refused, nothing more is posted
      const other = 'f'.repeat(40);
      const refused = await runAction({ gh, workspace: empty, pr: { number: 77, base, head }, token: 'write-token', event: runEvent(other), eventName: 'workflow_run', inputs: { mode: 'report', 'report-file': reportFile } });
      expect(refused.code).toBe(1);
      expect(refused.stdout).toContain(`the report is for ${head.slice(0, 12)}, the workflow run for ${other.slice(0, 12)}`);
      expect(gh.issueComments).toHaveLength(1);
      expect(gh.reviews).toHaveLength(1);
    } finally {
      repo.remove();
      await gh.stop();
    }
  });

  it('sharded (docs/sharding.md): two shard jobs post nothing, merge gives one verdict, mode: report posts the merged report once', async () => {
    const gh = new FakeGitHub();
    await gh.start();
    const repo = new GitFixture();
    try {
      const base = repo.commit({ 'README.md': '# infra\n' }, 'base');
      const head = repo.commit({ 'iam/ci.json': policy([{ sid: 'All', action: '*' }]), 'iam/read.json': policy([{ sid: 'Read', action: 's3:GetObject', resource: 'arn:aws:s3:::r/*' }]) }, 'two policies');
      gh.addPull({ number: 88, baseSha: base, headSha: head, files: repo.pullFiles(base, head) });
      const reports: string[] = [];
      for (const shard of ['1/2', '2/2']) {
        const r = await runAction({ gh, workspace: repo.dir, pr: { number: 88, base, head }, token: 'write-token', inputs: { shard } });
        expect(r.stdout).toContain(`Shard ${shard}: nothing is posted`);
        const file = path.join(r.runnerTemp, 'report.json');
        expect(JSON.parse(readFileSync(file, 'utf8')).shard).toMatchObject({ index: Number(shard[0]), count: 2, files: 1 });
        reports.push(file);
      }
      expect(gh.reviews).toHaveLength(0);
      expect(gh.issueComments).toHaveLength(0);
      // the merge job (the CLI): one report, one verdict, the pull request kept for mode: report
      const mergeDir = scratch('merge-');
      const merged = path.join(mergeDir, 'merged-88.json');
      let out = '';
      const code = await runCli(['merge', ...reports, '--json', merged, '-q'], { cwd: mergeDir, isTTY: false, stdout: (x) => (out += x), stderr: (x) => (out += x) });
      expect(code, out).toBe(1);
      expect(JSON.parse(readFileSync(merged, 'utf8')).pullRequest).toEqual({ number: 88, headSha: head, baseSha: base });
      const empty = scratch('report-ws-');
      const event = { action: 'completed', workflow_run: { head_sha: head, event: 'pull_request', pull_requests: [] } };
      const post = await runAction({ gh, workspace: empty, pr: { number: 88, base, head }, token: 'write-token', event, eventName: 'workflow_run', inputs: { mode: 'report', 'report-file': merged } });
      expect(post.outputs.posted, post.stdout).toBe('true');
      expect(gh.visibleComments().map((c) => c.path)).toEqual(['iam/ci.json']);
      expect(gh.issueComments).toHaveLength(1);
      expect(gh.issueComments[0]!.body).toContain('❌ **Fail**');
    } finally {
      repo.remove();
      await gh.stop();
    }
  });
});
