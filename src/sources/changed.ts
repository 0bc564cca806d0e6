/**
 * The files a pull request changes: from the API (paginated up to GitHub's 3,000-file limit) or from
 * `git diff --name-status base...head` (also for a PR larger than that). Removed files are skipped; the rest are
 * filtered by the config's globs.
 * Each file keeps its diff hunks so review comments can be anchored on lines GitHub accepts.
 */
import { childProcess } from '../util/builtins.js';
import { pathGlobList } from '../util/path-glob.js';
import type { Options } from '../config/options.js';
import { analysableFile } from './files.js';
import { parsePatch } from './diff.js';
import type { Hunk } from './diff.js';

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
  request: (route: 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files', params: { owner: string; repo: string; pull_number: number; per_page: number; page: number }) => Promise<{ data: unknown; headers: { link?: string } }>;
}

export interface ApiChangedFiles {
  files: ChangedFile[];
  /** GitHub listed only part of the files (it stops at 3,000). */
  truncated: boolean;
  /** The PR's changed-file count when known (the event's `changed_files`). */
  total?: number;
}

/**
 * The PR's files through the API, page by page. Every page must be a list of files: an answer that is not (an empty
 * or cut body, an error page) is an error, never "no files changed". With the PR's changed-file count (`expected`,
 * from the event) the listing is checked: more than 3,000 is truncated; fewer listed than GitHub can list is an error.
 */
export async function changedFilesFromApi(octokit: PullFilesApi, repo: { owner: string; repo: string }, pullNumber: number, expected?: number): Promise<ApiChangedFiles> {
  const files: ChangedFile[] = [];
  for (let page = 1; page <= MAX_PR_FILES / 100; page++) {
    const r = await octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}/files', { ...repo, pull_number: pullNumber, per_page: 100, page });
    if (!Array.isArray(r.data)) throw new Error(`the answer for page ${page} of the changed files is not a list`);
    for (const f of r.data as { filename?: unknown; status?: unknown; previous_filename?: unknown; patch?: unknown }[]) {
      if (!f || typeof f.filename !== 'string' || f.filename === '' || typeof f.status !== 'string')
        throw new Error(`page ${page} of the changed files has an entry without a file name or status`);
      files.push({
        path: f.filename,
        status: f.status as ChangeStatus,
        ...(typeof f.previous_filename === 'string' && f.previous_filename ? { previousPath: f.previous_filename } : {}),
        ...(typeof f.patch === 'string' ? { hunks: parsePatch(f.patch) } : {}),
      });
    }
    if (!/<[^<>]+>;\s*rel="next"/.test(String(r.headers.link ?? ''))) break;
  }
  if (expected === undefined) return { files, truncated: files.length >= MAX_PR_FILES };
  if (files.length < Math.min(expected, MAX_PR_FILES)) throw new Error(`GitHub listed ${files.length} of the ${expected} changed files`);
  return { files, truncated: expected > MAX_PR_FILES, total: expected };
}

const STATUS: Record<string, ChangeStatus> = { A: 'added', M: 'modified', R: 'renamed', C: 'copied', D: 'removed', T: 'changed' };

/** `git diff --name-status -z base...head` plus the per-file hunks (`-U3`, the same context GitHub shows). */
export function changedFilesFromGit(root: string, base: string, head: string): ChangedFile[] {
  const range = `${base}...${head}`;
  const git = (args: string[]) =>
    childProcess().execFileSync('git', ['-c', 'core.quotepath=off', ...args], { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
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
  const excluded = options.exclude.length ? pathGlobList(options.exclude) : () => false;
  const included = options.include.length ? pathGlobList(options.include) : () => true;
  const seen = new Set<string>();
  return paths.filter((p) => {
    if (seen.has(p) || excluded(p) || !included(p) || !analysableFile(options.root, p, options.maxFileBytes)) return false;
    seen.add(p);
    return true;
  });
}

/** Keep the changed files under the action's `paths` input (directories, files or globs; `.` = everything). */
export function withinScopes(files: ChangedFile[], scopes: string[]): ChangedFile[] {
  const norm = scopes.map((s) => s.replace(/^\.\/+/, '').replace(/\/+$/, '')).filter((s) => s !== '' && s !== '.');
  if (norm.length === 0) return files;
  const globs = norm.filter((s) => /[*?[\]{}!]/.test(s));
  const isGlob = globs.length ? pathGlobList(globs) : () => false;
  const prefixes = norm.filter((s) => !/[*?[\]{}!]/.test(s));
  return files.filter((f) => isGlob(f.path) || prefixes.some((p) => f.path === p || f.path.startsWith(p + '/')));
}
