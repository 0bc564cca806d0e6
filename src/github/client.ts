/**
 * The GitHub client: the real Octokit from `@actions/github`, base URL from `GITHUB_API_URL` (GitHub Enterprise
 * Server works), with bounded retries on 5xx and on primary/secondary rate limits (honouring `retry-after` and
 * `x-ratelimit-reset`, never waiting longer than `maxWaitMs` in total).
 */
import { getOctokit } from '@actions/github';

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface ClientOptions {
  baseUrl?: string;
  /** Total time all retries may wait, ms. */
  maxWaitMs?: number;
  retries?: number;
  log?: (message: string) => void;
}

interface HttpError {
  status?: number;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
  message?: string;
}

function header(e: HttpError, name: string): string | undefined {
  const v = e.response?.headers?.[name];
  return v === undefined ? undefined : String(v);
}

/** How long to wait before retrying, or undefined when the error is not worth retrying. */
export function retryDelayMs(e: HttpError, now = Date.now()): number | undefined {
  const status = e.status ?? 0;
  const retryAfter = header(e, 'retry-after');
  const remaining = header(e, 'x-ratelimit-remaining');
  const reset = header(e, 'x-ratelimit-reset');
  const msg = `${e.message ?? ''} ${JSON.stringify(e.response?.data ?? '')}`.toLowerCase();
  const rateLimited = status === 429 || ((status === 403 || status === 429) && (retryAfter !== undefined || remaining === '0' || msg.includes('rate limit')));
  if (rateLimited) {
    if (retryAfter !== undefined && /^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    if (remaining === '0' && reset && /^\d+$/.test(reset)) return Math.max(0, Number(reset) * 1000 - now);
    return 60_000; // GitHub's advice for secondary limits without retry-after
  }
  if (status >= 500 && status <= 599) return 1000;
  return undefined;
}

export function makeClient(token: string, opts: ClientOptions = {}): GitHubClient {
  const baseUrl = opts.baseUrl || process.env.GITHUB_API_URL || 'https://api.github.com';
  const octokit = getOctokit(token, { baseUrl: baseUrl.replace(/\/+$/, '') });
  const maxWait = opts.maxWaitMs ?? 120_000;
  const retries = opts.retries ?? 3;
  let waited = 0;
  octokit.hook.wrap('request', async (request, options) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request(options);
      } catch (e) {
        const delay = retryDelayMs(e as HttpError);
        if (delay === undefined || attempt >= retries || waited + delay > maxWait) throw e;
        opts.log?.(`GitHub API ${options.method} ${options.url}: HTTP ${(e as HttpError).status}; retrying in ${Math.ceil(delay / 1000)} s`);
        waited += delay;
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  });
  return octokit;
}

/** True for errors that mean "this token may not write here" (fork PRs, read-only tokens, missing permissions). */
export function isPermissionError(e: unknown): boolean {
  const err = e as HttpError;
  if (err?.status === 401) return true;
  if (err?.status !== 403 && err?.status !== 404) return false;
  return retryDelayMs(err) === undefined;
}

export function httpStatus(e: unknown): number | undefined {
  return (e as HttpError)?.status;
}
