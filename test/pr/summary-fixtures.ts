/**
 * Fixtures for the summary-comment and noise-control tests: a PR through the real path (fake GitHub API, git base,
 * runGate), a 30-file PR with exactly 135 findings, the unfolded part of a comment body.
 */
import type { FakeGitHub } from '../fakes/github-server.js';
import type { GitFixture } from './git-fixture.js';
import { makeClient } from '../../src/github/client.js';
import { changedFilesFromApi } from '../../src/sources/changed.js';
import { gitBaseSource } from '../../src/sources/base.js';
import { runGate } from '../../src/gate.js';
import { defaultOptions } from '../../src/config/options.js';
import type { Options } from '../../src/config/options.js';

/** Commits base and head, registers the PR on the fake GitHub, lists its files through the API and runs the gate. */
export async function runPr(
  gh: FakeGitHub,
  repo: GitFixture,
  files: { base: Record<string, string>; head: Record<string, string | null> },
  number = 7,
  options: Partial<Options> = {},
) {
  const base = repo.commit(files.base, 'base');
  const head = repo.commit(files.head, 'head');
  gh.addPull({ number, baseSha: base, headSha: head, files: repo.pullFiles(base, head) });
  const client = makeClient('write-token', { baseUrl: gh.url, maxWaitMs: 5000 });
  const { files: changed } = await changedFilesFromApi(client, { owner: 'acme', repo: 'infra' }, number);
  const opts = { ...defaultOptions(repo.dir), ...options };
  const result = await runGate([], opts, { files: changed.filter((f) => f.status !== 'removed').map((f) => f.path), base: gitBaseSource(repo.dir, base, opts.maxFileBytes) });
  const ctx = {
    owner: 'acme',
    repo: 'infra',
    pullNumber: number,
    headSha: head,
    fork: false,
    runUrl: 'https://github.example/acme/infra/actions/runs/4242',
    lineUrl: (file: string, line: number, endLine: number) => `https://github.example/acme/infra/blob/${head}/${file}#L${line}${endLine > line ? `-L${endLine}` : ''}`,
  };
  return { client, changed, result, ctx, head, base };
}

/** 30 policies in 5 folders: per file an unknown action, a redundant one, iam:PassRole on *; some admin, some s3:*. */
export function thirtyFilePr(): { base: Record<string, string>; head: Record<string, string> } {
  const head: Record<string, string> = {};
  for (let i = 0; i < 30; i++) {
    const st: Record<string, unknown>[] = [
      { Sid: 'Queue', Effect: 'Allow', Action: ['sqs:SendMessage', 's3:GetObjectt'], Resource: 'arn:aws:sqs:us-east-1:123456789012:jobs' },
      { Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject', 's3:Get*'], Resource: 'arn:aws:s3:::reports/*' },
      { Sid: 'Pass', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' },
    ];
    if (i % 6 === 0) st.push({ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' });
    if (i % 3 !== 0) st.push({ Sid: 'Bucket', Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::exports' });
    // no Version in odd files and in the admin ones (an admin policy's PassRole is folded into admin-wildcard: 135 in all)
    const doc: Record<string, unknown> = i % 2 === 0 && i % 6 !== 0 ? { Version: '2012-10-17', Statement: st } : { Statement: st };
    head[`team${i % 5}/iam/policy-${String(i).padStart(2, '0')}.json`] = JSON.stringify(doc, null, 2) + '\n';
  }
  return { base: { 'README.md': '# infra\n' }, head };
}

/** The lines a reader sees before unfolding anything: those outside every `<details>` (blank lines left out). */
export function unfoldedLines(body: string): string[] {
  const out: string[] = [];
  let depth = 0;
  for (const line of body.split('\n')) {
    const opens = (line.match(/<details>/g) ?? []).length;
    const closes = (line.match(/<\/details>/g) ?? []).length;
    // a <details><summary>…</summary> line is seen (its title) when it opens at the top level
    if (depth === 0 && line.trim() !== '') out.push(line);
    depth += opens - closes;
  }
  return out.filter((l) => !l.startsWith('</details>'));
}
