/** Anchoring comments on diff hunks, and which changed files are analysed. */
import { afterEach, describe, expect, it } from 'vitest';
import { anchorFor, parsePatch } from '../../src/sources/diff.js';
import { changedFilesFromGit, filterChangedPaths, withinScopes } from '../../src/sources/changed.js';
import { defaultOptions } from '../../src/config/options.js';
import { planComments } from '../../src/github/publish.js';
import type { Finding } from '../../src/findings/types.js';
import { GitFixture, policy } from './git-fixture.js';
import { readPullRequestEvent } from '../../src/action/pull-request.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// a real GitHub `patch`: two hunks, lines 1-7 and 40-46 of the head
const PATCH = [
  '@@ -1,6 +1,7 @@',
  ' {',
  '   "Version": "2012-10-17",',
  '   "Statement": [',
  '+    { "Effect": "Allow", "Action": "*", "Resource": "*" },',
  '     {',
  '       "Effect": "Allow",',
  '       "Action": "s3:GetObject",',
  '@@ -39,6 +40,7 @@',
  '       "Effect": "Allow",',
  '-      "Action": "ec2:*",',
  '+      "Action": "ec2:Describe*",',
  '+      "Resource": "*",',
  '       "Condition": {',
  '         "Bool": { "aws:SecureTransport": "true" }',
  '       }',
  '\\ No newline at end of file',
].join('\n');

describe('diff hunks', () => {
  const hunks = parsePatch(PATCH);
  it('reads the head-side lines of each hunk, added and context', () => {
    expect(hunks.map((h) => [h.start, h.end, [...h.added]])).toEqual([
      [1, 7, [4]],
      [40, 45, [41, 42]],
    ]);
  });
  it('anchors a single-line finding on its line when it is in the diff, and refuses lines outside', () => {
    expect(anchorFor(hunks, 4, 4)).toEqual({ line: 4 });
    expect(anchorFor(hunks, 6, 6)).toEqual({ line: 6 }); // context line: GitHub accepts it
    expect(anchorFor(hunks, 20, 20)).toBeUndefined();
    expect(anchorFor(hunks, 46, 46)).toBeUndefined();
    expect(anchorFor(undefined, 4, 4)).toBeUndefined(); // no patch (binary / too large)
  });
  it('keeps a multi-line range inside one hunk (start strictly before line), clipped to the hunk', () => {
    expect(anchorFor(hunks, 41, 44)).toEqual({ line: 44, startLine: 41 });
    expect(anchorFor(hunks, 35, 42)).toEqual({ line: 42, startLine: 40 });
    // a range spanning both hunks goes to the hunk with more added lines
    expect(anchorFor(hunks, 3, 43)).toEqual({ line: 43, startLine: 40 });
  });
});

describe('changed files', () => {
  let repo: GitFixture | undefined;
  afterEach(() => repo?.remove());

  it('git diff base...head: added, modified and renamed kept with hunks, removed reported as removed', () => {
    repo = new GitFixture();
    const base = repo.commit(
      {
        'iam/old-name.json': policy([{ sid: 'A', action: 's3:GetObject' }, { sid: 'B', action: 's3:PutObject' }, { sid: 'C', action: 'sqs:SendMessage' }]),
        'iam/gone.yaml': 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n',
        'iam/edit.json': policy([{ action: 'sns:Publish' }]),
      },
      'base',
    );
    repo.git('mv', 'iam/old-name.json', 'iam/new-name.json');
    const head = repo.commit({ 'iam/gone.yaml': null, 'iam/edit.json': policy([{ action: 'sns:*', resource: 'arn:aws:sns:eu-west-1:111122223333:alerts' }]), 'iam/added.json': policy([{ action: 'kms:Decrypt' }]) }, 'head');
    const files = changedFilesFromGit(repo.dir, base, head);
    const byPath = Object.fromEntries(files.map((f) => [f.path, f]));
    expect(Object.keys(byPath).sort()).toEqual(['iam/added.json', 'iam/edit.json', 'iam/gone.yaml', 'iam/new-name.json']);
    expect(byPath['iam/added.json']!.status).toBe('added');
    expect(byPath['iam/gone.yaml']!.status).toBe('removed');
    expect(byPath['iam/new-name.json']).toMatchObject({ status: 'renamed', previousPath: 'iam/old-name.json' });
    expect(byPath['iam/edit.json']!.status).toBe('modified');
    expect([...byPath['iam/edit.json']!.hunks![0]!.added]).toEqual([6]);
    expect(byPath['iam/added.json']!.hunks![0]).toMatchObject({ start: 1, end: 10 });
  });

  it('filters by file type and config globs, and by the action paths input', () => {
    const options = defaultOptions('/repo');
    options.exclude = ['legacy/**'];
    expect(filterChangedPaths(['iam/a.json', 'README.md', 'legacy/b.json', 'package.json', 'node_modules/x/p.json', 'tf/main.tf', 'iam/a.json'], options)).toEqual([
      'iam/a.json',
      'tf/main.tf',
    ]);
    options.include = ['tf/**'];
    expect(filterChangedPaths(['iam/a.json', 'tf/main.tf'], options)).toEqual(['tf/main.tf']);
    const files = ['infra/a.json', 'infra2/b.json', 'app/c.yaml'].map((path) => ({ path, status: 'added' as const }));
    expect(withinScopes(files, ['.']).map((f) => f.path)).toEqual(['infra/a.json', 'infra2/b.json', 'app/c.yaml']);
    expect(withinScopes(files, ['infra/']).map((f) => f.path)).toEqual(['infra/a.json']);
    expect(withinScopes(files, ['**/*.yaml', './infra2']).map((f) => f.path)).toEqual(['infra2/b.json', 'app/c.yaml']);
  });
});

describe('the pull_request event', () => {
  it('keeps changed_files (it tells a listing GitHub cut at 3,000 files), and only a whole non-negative number', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'iam-gate-event-'));
    try {
      const event = (changed: unknown) => {
        const file = path.join(dir, 'event.json');
        writeFileSync(file, JSON.stringify({ pull_request: { number: 7, changed_files: changed, base: { sha: 'a'.repeat(40), repo: { full_name: 'acme/infra' } }, head: { sha: 'b'.repeat(40), repo: { full_name: 'acme/infra' } } } }));
        return readPullRequestEvent(file);
      };
      expect(event(3050)?.changedFiles).toBe(3050);
      expect(event(0)?.changedFiles).toBe(0);
      for (const bad of [-1, 1.5, '3050', null]) expect(event(bad)).not.toHaveProperty('changedFiles');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('which findings become inline comments', () => {
  const f = (over: Partial<Finding>): Finding => ({
    ruleId: 'admin-wildcard', source: 'rules', severity: 'error', title: 'Admin', message: 'm', file: 'iam/a.json', line: 4, endLine: 4, fingerprint: 'x', new: true, ...over,
  });
  const files = [{ path: 'iam/a.json', status: 'modified' as const, hunks: parsePatch(PATCH) }];
  const opts = { maxInlineComments: 30, failOn: 'security-warning' as const, failOnExisting: false, inline: 'new' as const };

  it('groups findings on the same line into one comment, most severe first; existing ones stay in the summary', () => {
    const plan = planComments(
      [
        f({ severity: 'warning', ruleId: 'w', fingerprint: 'a' }),
        f({ ruleId: 'admin-wildcard', fingerprint: 'b' }),
        f({ line: 6, endLine: 6, fingerprint: 'c', new: false }),
        f({ line: 20, endLine: 20, fingerprint: 'd' }),
        f({ line: 41, endLine: 43, fingerprint: 'e', severity: 'suggestion' }),
        f({ line: 42, endLine: 42, fingerprint: 'g', suppressed: true }),
      ],
      files,
      opts,
    );
    expect(plan.inline.map((c) => [c.line, c.start_line, c.findings.map((x) => x.fingerprint)])).toEqual([
      [4, undefined, ['b', 'a']],
      [43, 41, ['e']],
    ]);
    expect(plan.existing.map((x) => x.fingerprint)).toEqual(['c']);
    expect(plan.outsideDiff.map((x) => x.fingerprint)).toEqual(['d']);
    // with fail-on-existing an existing blocking finding is commented too
    expect(planComments([f({ line: 6, endLine: 6, fingerprint: 'c', new: false })], files, { ...opts, failOnExisting: true }).inline).toHaveLength(1);
  });

  it('fills the cap with blocking, new findings first', () => {
    const plan = planComments(
      [f({ line: 1, endLine: 1, severity: 'suggestion', fingerprint: 's' }), f({ line: 2, endLine: 2, severity: 'warning', fingerprint: 'w' }), f({ line: 42, endLine: 42, fingerprint: 'e' })],
      files,
      { ...opts, maxInlineComments: 1 },
    );
    expect(plan.inline.map((c) => c.line)).toEqual([42]);
    expect(plan.overCap.map((x) => x.fingerprint).sort()).toEqual(['s', 'w']);
  });

  it('inline: blocking (the default) comments only what blocks; new, all and none as named; the rest is in the summary', () => {
    const list = [
      f({ fingerprint: 'b' }),
      f({ line: 2, endLine: 2, severity: 'warning', ruleId: 'w', fingerprint: 'w' }),
      f({ line: 6, endLine: 6, severity: 'warning', ruleId: 'w', fingerprint: 'old', new: false }),
    ];
    const { inline: _drop, ...defaults } = opts;
    const fps = (p: ReturnType<typeof planComments>) => p.inline.flatMap((c) => c.findings.map((x) => x.fingerprint)).sort();
    const byDefault = planComments(list, files, defaults);
    expect(fps(byDefault)).toEqual(['b']);
    expect(byDefault.notInline?.map((x) => x.fingerprint)).toEqual(['w']);
    expect(fps(planComments(list, files, { ...defaults, inline: 'new' }))).toEqual(['b', 'w']);
    expect(fps(planComments(list, files, { ...defaults, inline: 'all' }))).toEqual(['b', 'old', 'w']);
    expect(fps(planComments(list, files, { ...defaults, inline: 'none' }))).toEqual([]);
    // fail-on: none: nothing blocks, so the default comments nothing
    expect(fps(planComments(list, files, { ...defaults, reportOnly: true }))).toEqual([]);
  });
});
