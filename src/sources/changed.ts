/**
 * The files a pull request changes: from the API (paginated up to GitHub's 3,000-file limit) or from
 * `git diff --name-status base...head`. Removed files are skipped; the rest are filtered by the config's globs.
 * Each file keeps its diff hunks so review comments can be anchored on lines GitHub accepts.
 */
import { execFileSync } from 'node:child_process';
import picomatch from 'picomatch';
import type { Options } from '../config/options.js';
import { isCandidateFile } from './files.js';
import { parsePatch } from '../github/diff.js';
import type { Hunk } from '../github/diff.js';

export type ChangeStatus = 'added' | 'modified' | 'renamed' | 'copied' | 'changed' | 'removed' | 'unchanged';

export interface ChangedFile {
  /** Repository-relative path in the head. */
  path: string;
  status: ChangeStatus;
  /** Path in the base, for renames. */
  previousPath?: string;
  /** Hunks of the unified diff (absent when GitHub omits the patch: binary or too large). */
  hunks?: Hunk[];
}

/** GitHub's listing stops at 3,000 files (30 pages of 100). */
export const MAX_PR_FILES = 3000;

/** Minimal shape of the Octokit client this module needs (the real one from `@actions/github`). */
export interface PullFilesApi {
  paginate: {
    iterator: (
      route: string,
      params: Record<string, unknown>,
    ) => AsyncIterable<{ data: { filename: string; status: string; previous_filename?: string; patch?: string }[] }>;
  };
}

export async function changedFilesFromApi(
  octokit: PullFilesApi,
  repo: { owner: string; repo: string },
  pullNumber: number,
): Promise<{ files: ChangedFile[]; truncated: boolean }> {
  const files: ChangedFile[] = [];
  for await (const page of octokit.paginate.iterator('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', {
    ...repo,
    pull_number: pullNumber,
    per_page: 100,
  })) {
    for (const f of page.data) {
      if (files.length >= MAX_PR_FILES) return { files, truncated: true };
      files.push({
        path: f.filename,
        status: f.status as ChangeStatus,
        ...(f.previous_filename ? { previousPath: f.previous_filename } : {}),
        ...(f.patch !== undefined ? { hunks: parsePatch(f.patch) } : {}),
      });
    }
  }
  return { files, truncated: files.length >= MAX_PR_FILES };
}

const STATUS: Record<string, ChangeStatus> = { A: 'added', M: 'modified', R: 'renamed', C: 'copied', D: 'removed', T: 'changed' };

/** `git diff --name-status -z base...head` plus the per-file hunks (`-U3`, the same context GitHub shows). */
export function changedFilesFromGit(root: string, base: string, head: string): ChangedFile[] {
  const range = `${base}...${head}`;
  const git = (args: string[]) =>
    execFileSync('git', ['-c', 'core.quotepath=off', ...args], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  const fields = git(['diff', '--name-status', '-z', '-M', range, '--']).split('\0');
  const files: ChangedFile[] = [];
  for (let i = 0; i < fields.length; ) {
    const code = fields[i++] ?? '';
    if (!code) continue;
    const status = STATUS[code[0]!] ?? 'modified';
    if (status === 'renamed' || status === 'copied') {
      const from = fields[i++]!;
      const to = fields[i++]!;
      files.push({ path: to, status, previousPath: from });
    } else files.push({ path: fields[i++]!, status });
  }
  const patch = git(['diff', '-U3', '--no-color', '-M', range, '--']);
  const byFile = splitGitPatch(patch);
  for (const f of files) {
    const p = byFile.get(f.path);
    if (p !== undefined) f.hunks = parsePatch(p);
  }
  return files;
}

/** Split a multi-file `git diff` into per-file patch text, keyed by the head path. */
export function splitGitPatch(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let current: string | undefined;
  let buf: string[] = [];
  const flush = () => {
    if (current !== undefined) out.set(current, buf.join('\n'));
    buf = [];
  };
  for (const line of text.split('\n')) {
    if (line.startsWith('diff --git ')) {
      flush();
      current = undefined;
      continue;
    }
    if (line.startsWith('+++ ')) {
      const p = line.slice(4);
      current = p === '/dev/null' ? undefined : p.replace(/^b\//, '');
      continue;
    }
    if (current !== undefined && (line.startsWith('@@') || buf.length)) buf.push(line);
  }
  flush();
  return out;
}

/** The changed paths worth analysing: not removed, a candidate file type, inside the config's include/exclude globs. */
export function filterChangedPaths(paths: string[], options: Options): string[] {
  const excluded = options.exclude.length ? picomatch(options.exclude, { dot: true }) : () => false;
  const included = options.include.length ? picomatch(options.include, { dot: true }) : () => true;
  const seen = new Set<string>();
  return paths.filter((p) => {
    if (seen.has(p) || !isCandidateFile(p) || excluded(p) || !included(p)) return false;
    seen.add(p);
    return true;
  });
}

/** Keep the changed files under the action's `paths` input (directories, files or globs; `.` = everything). */
export function withinScopes(files: ChangedFile[], scopes: string[]): ChangedFile[] {
  const norm = scopes.map((s) => s.replace(/^\.\/+/, '').replace(/\/+$/, '')).filter((s) => s !== '' && s !== '.');
  if (norm.length === 0) return files;
  const globs = norm.filter((s) => /[*?[\]{}!]/.test(s));
  const isGlob = globs.length ? picomatch(globs, { dot: true }) : () => false;
  const prefixes = norm.filter((s) => !/[*?[\]{}!]/.test(s));
  return files.filter((f) => isGlob(f.path) || prefixes.some((p) => f.path === p || f.path.startsWith(p + '/')));
}
