/**
 * Base versions through GitHub's contents API, for a checkout without the base commit: the base of a pull request's
 * changed files (resolveBase) and the base commit's files for the gate's own config (baseCommitSource). The client is
 * structural (github/client.ts's Octokit satisfies it), so sources/ does not depend on github/.
 */
import type { ChangedFile } from './changed.js';
import { filterChangedPaths, withinScopes } from './changed.js';
import { isCandidateFile } from './files.js';
import { decodeUtf8, listRepoDir, readRepoFile } from '../text/read.js';
import { gitBaseSource, overlayBaseSource } from './base.js';
import type { BaseSource } from './base.js';
import type { Options } from '../config/options.js';
import type { TrustedSource } from '../config/trusted.js';
import { syncSource } from '../config/trusted.js';

/** The one route read here. */
export interface ContentsApi {
  request: (
    route: 'GET /repos/{owner}/{repo}/contents/{path}',
    params: { owner: string; repo: string; path: string; ref: string; mediaType: { format: 'raw' }; request: { parseSuccessResponseBody: false } },
  ) => Promise<{ data: unknown }>;
}

interface Repo {
  owner: string;
  repo: string;
}

/** One file at `ref` through the contents API: its text, undefined on 404, an error otherwise. */
export async function readContentsAt(gh: ContentsApi, repo: Repo, ref: string, rel: string, maxBytes: number): Promise<string | undefined> {
  try {
    const r = await gh.request('GET /repos/{owner}/{repo}/contents/{path}', {
      ...repo,
      path: rel,
      ref,
      mediaType: { format: 'raw' },
      request: { parseSuccessResponseBody: false },
    });
    const data = r.data as unknown;
    const buf =
      typeof data === 'string'
        ? new TextEncoder().encode(data)
        : data instanceof ArrayBuffer
          ? new Uint8Array(data)
          : data && typeof (data as ReadableStream).getReader === 'function'
            ? new Uint8Array(await new Response(data as ReadableStream).arrayBuffer())
            : undefined;
    if (!buf) throw new Error('unexpected contents response');
    if (buf.length > maxBytes) throw new Error(`file is ${buf.length} bytes, over the ${maxBytes}-byte limit`);
    return decodeUtf8(buf);
  } catch (e) {
    if ((e as { status?: unknown } | undefined)?.status === 404) return undefined;
    throw e;
  }
}

/** At most this many base versions are fetched through the contents API (the others are unreadable: counted new). */
export const MAX_BASE_FETCHES = 300;

/**
 * The base of a pull request: git when the checkout has the base commit, else the head checkout with the change
 * undone (the base versions of the files the change modified, removed or renamed away come from the contents API at
 * the base SHA). A rename is followed only when its previous path was itself analysed at the base (under the `paths`
 * input and the config's globs): `git mv` of an excluded example into `infra/` brings new content there.
 */
export async function resolveBase(
  gh: ContentsApi | undefined,
  repo: Repo,
  pr: { baseSha: string },
  root: string,
  changes: { files: ChangedFile[]; all: ChangedFile[] },
  options: Options,
  log: (m: string) => void,
  scopes: string[] = ['.'],
): Promise<BaseSource | undefined> {
  const renames = new Map<string, string>();
  for (const f of changes.files) {
    if (!f.previousPath || f.status !== 'renamed') continue;
    const wasAnalysed = withinScopes([{ path: f.previousPath, status: 'modified' }], scopes).length > 0 && filterChangedPaths([f.previousPath], options).length > 0;
    if (wasAnalysed) renames.set(f.path, f.previousPath);
  }
  try {
    return gitBaseSource(root, pr.baseSha, options.maxFileBytes, renames);
  } catch (e) {
    log(`${(e as Error).message}; reading the base versions through the contents API.`);
  }
  if (!gh) return undefined;
  const contents = new Map<string, string | undefined | Error>();
  const wanted = new Set<string>();
  for (const f of changes.all) {
    if (f.status !== 'added' && f.status !== 'renamed') wanted.add(f.path);
    if (f.previousPath) wanted.add(f.previousPath);
  }
  // the files a walk reads first, then the rest (templates, JSON read by file(), ...), up to the bound
  const order = [...wanted].sort((a, b) => Number(isCandidateFile(b)) - Number(isCandidateFile(a)));
  for (const baseRel of order.slice(0, MAX_BASE_FETCHES)) contents.set(baseRel, await fetchBaseFile(gh, repo, pr.baseSha, baseRel, options.maxFileBytes));
  if (order.length > MAX_BASE_FETCHES) log(`${order.length - MAX_BASE_FETCHES} base versions were not fetched (bound ${MAX_BASE_FETCHES}): findings depending on them are counted as new.`);
  const head = { read: (rel: string) => readRepoFile(root, rel, options.maxFileBytes), list: (dir: string) => listRepoDir(root, dir) };
  return overlayBaseSource(pr.baseSha.slice(0, 12), head, changes.all, contents, renames);
}

/** One file at the base SHA through the contents API: its text, undefined when absent (404), or the error. */
async function fetchBaseFile(gh: ContentsApi, repo: Repo, sha: string, rel: string, maxBytes: number): Promise<string | undefined | Error> {
  try {
    return await readContentsAt(gh, repo, sha, rel, maxBytes);
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

/** Config files and the files they reference are small; a larger one at the base is refused. */
const MAX_TRUSTED_BYTES = 5 * 1024 * 1024;

/** The base commit's files for the gate's config: git when the checkout has the commit, else the contents API, else an error on every read. */
export function baseCommitSource(gh: ContentsApi | undefined, repo: Repo, pr: { baseSha: string }, root: string, log: (m: string) => void): TrustedSource {
  const label = pr.baseSha.slice(0, 12);
  let gitError: string;
  try {
    const git = gitBaseSource(root, pr.baseSha, MAX_TRUSTED_BYTES);
    return syncSource(label, (rel) => git.read(rel));
  } catch (e) {
    gitError = (e as Error).message;
  }
  if (gh) {
    log(`The base commit is not in the checkout (${gitError}); reading the gate's config at ${label} through the contents API.`);
    return { label, read: (rel) => readContentsAt(gh, repo, pr.baseSha, rel, MAX_TRUSTED_BYTES) };
  }
  return {
    label,
    read: () => Promise.reject(new Error(`the checkout lacks the base commit (${gitError}) and there is no GitHub token to read it through the API`)),
  };
}
