/** A RepoCase committed into a throwaway git repository: base commit, then head (changes, deletions, renames). */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { GitFixture } from '../pr/git-fixture.js';
import type { RepoCase } from './cases/types.js';
import { substituteDates } from './cases/types.js';

export function commitCase(c: RepoCase, now: Date): { repo: GitFixture; base: string; head: string } {
  const repo = new GitFixture();
  const sub = (files: Record<string, string | null>) =>
    Object.fromEntries(Object.entries(files).map(([k, v]) => [k, v === null ? null : substituteDates(v, now)]));
  const base = repo.commit(sub({ '.gitkeep': '', ...c.base }), 'base');
  for (const [from, to] of c.renames ?? []) {
    mkdirSync(path.dirname(path.join(repo.dir, to)), { recursive: true });
    repo.git('mv', from, to);
  }
  const head = repo.commit(sub(c.head), 'head');
  return { repo, base, head };
}
