/**
 * The gate's config in a pull request: read from the BASE commit (git when the checkout has it, else the contents
 * API at the base SHA), never from the pull request's files. Without either the run stops with a config error
 * (fail closed). See src/config/trusted.ts for what is read from the base and what the head's change reports.
 */
import type { GitHubClient } from './client.js';
import { httpStatus } from './client.js';
import type { PullRequestEvent } from './pr-run.js';
import { gitBaseSource } from '../findings/baseline.js';
import { decodeUtf8 } from '../sources/files.js';
import type { OptionLayers } from '../config/precedence.js';
import type { TrustedConfig, TrustedSource } from '../config/trusted.js';
import { loadTrustedOptions, syncSource } from '../config/trusted.js';

/** Config files and the files they reference are small; a larger one at the base is refused. */
const MAX_TRUSTED_BYTES = 5 * 1024 * 1024;

/** One file at `ref` through the contents API: its text, undefined on 404, an error otherwise. */
export async function readContentsAt(gh: GitHubClient, repo: { owner: string; repo: string }, ref: string, rel: string, maxBytes: number): Promise<string | undefined> {
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
    if (httpStatus(e) === 404) return undefined;
    throw e;
  }
}

/** The base commit's files: git when the checkout has the commit, else the contents API, else an error on every read. */
export function baseCommitSource(
  gh: GitHubClient | undefined,
  repo: { owner: string; repo: string },
  pr: Pick<PullRequestEvent, 'baseSha'>,
  root: string,
  log: (m: string) => void,
): TrustedSource {
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

/** Options for a pull-request run, from the base commit's config; `config-weakened` findings for the head's changes. */
export function loadPullRequestConfig(o: {
  gh: GitHubClient | undefined;
  repo: { owner: string; repo: string };
  pr: Pick<PullRequestEvent, 'baseSha'>;
  workspace: string;
  configPath: string | undefined;
  layers: Omit<OptionLayers, 'file'>;
  log: (m: string) => void;
}): Promise<TrustedConfig> {
  return loadTrustedOptions(o.workspace, o.workspace, o.configPath, o.layers, baseCommitSource(o.gh, o.repo, o.pr, o.workspace, o.log));
}
