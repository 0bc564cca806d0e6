/**
 * The GitHub client: the real Octokit from `@actions/github`, base URL from `GITHUB_API_URL` (GitHub Enterprise
 * Server works), with bounded retries on 5xx, timeouts, dropped connections, cut bodies and on primary/secondary rate
 * limits (honouring `retry-after` and `x-ratelimit-reset`). Everything is bounded: each attempt has a time limit,
 * all waits together at most `maxWaitMs`, all GitHub time of the run (requests and waits) at most `budgetMs`; past
 * a limit a request fails at once instead of waiting. A rate limit that lasts longer than the run may wait is
 * remembered: later requests fail without being sent until it resets.
 *
 * A write that creates something (POST other than GraphQL) is not repeated after an answer that leaves it unknown
 * whether GitHub applied it (5xx, timeout, dropped connection, cut body): repeating it could post the same review or
 * comment twice. The caller looks for it first (see `isUnknownOutcome`, publish.ts). Rate-limit refusals were not
 * applied and are retried.
 */
import { getOctokit } from '@actions/github';

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface ClientOptions {
  baseUrl?: string;
  /** Total time all retries of the run may wait, ms (default 120 s). */
  maxWaitMs?: number;
  /** Attempts after the first, per request (default 3). */
  retries?: number;
  /** First wait after a 5xx, a timeout, a dropped connection or a cut body, ms; doubled on each retry (default 1 s). */
  serverErrorDelayMs?: number;
  /** Time limit of one attempt, ms (default 30 s): a hung API ends the attempt, it is not waited for. */
  requestTimeoutMs?: number;
  /** All time the run may spend on the GitHub API, requests and waits together, ms (default 10 min). */
  budgetMs?: number;
  log?: (message: string) => void;
}

interface HttpError {
  status?: number;
  name?: string;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
  message?: string;
  /** Set by this client: the request was never sent (budget used up, rate limit still in force). */
  notSent?: boolean;
}

const seconds = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.ceil(ms / 1000)} s`);

function header(e: HttpError, name: string): string | undefined {
  const v = e.response?.headers?.[name];
  return v === undefined ? undefined : String(v);
}

/** GitHub refused the request because of a primary or secondary rate limit (it was not applied). */
export function isRateLimited(e: unknown): boolean {
  const err = e as HttpError;
  const status = err?.status ?? 0;
  if (status === 429) return true;
  if (status !== 403) return false;
  const msg = `${err.message ?? ''} ${JSON.stringify(err.response?.data ?? '')}`.toLowerCase();
  return header(err, 'retry-after') !== undefined || header(err, 'x-ratelimit-remaining') === '0' || msg.includes('rate limit');
}

/**
 * The request may or may not have been applied: a 5xx, a timeout, a dropped connection (Octokit reports those as
 * status 500) or a body cut short. Worth retrying; for a write that creates something, look before repeating it.
 */
export function isUnknownOutcome(e: unknown): boolean {
  const err = e as HttpError;
  if (err?.notSent) return false;
  const status = err?.status ?? 0;
  return (status >= 500 && status <= 599) || err?.name === 'AbortError' || err?.name === 'TimeoutError';
}

/** How long to wait before retrying, or undefined when the error is not worth retrying. */
export function retryDelayMs(e: HttpError, now = Date.now(), serverErrorDelayMs = 1000): number | undefined {
  if (isRateLimited(e)) {
    const retryAfter = header(e, 'retry-after');
    const reset = header(e, 'x-ratelimit-reset');
    if (retryAfter !== undefined && /^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    if (header(e, 'x-ratelimit-remaining') === '0' && reset && /^\d+$/.test(reset)) return Math.max(0, Number(reset) * 1000 - now);
    return 60_000; // GitHub's advice for secondary limits without retry-after
  }
  if (isUnknownOutcome(e)) return serverErrorDelayMs;
  return undefined;
}

/** An error for a request this client did not send (limits): no HTTP status, it got no answer. */
function notSentError(message: string, cause?: HttpError): HttpError & Error {
  const e = new Error(message, cause ? { cause } : undefined) as HttpError & Error;
  e.notSent = true;
  return e;
}

/** A 2xx whose JSON body did not arrive whole (cut, empty, an HTML page): an error, never an empty answer. */
function malformedBodyError(method: string, url: string, status: number): HttpError & Error {
  const e = new Error(`GitHub API ${method} ${url}: HTTP ${status} with a body that is not the JSON expected (cut short or empty)`) as HttpError & Error;
  e.status = 502; // treated like a bad gateway: retried, and for a write, looked for before being repeated
  return e;
}

export function makeClient(token: string, opts: ClientOptions = {}): GitHubClient {
  const baseUrl = opts.baseUrl || process.env.GITHUB_API_URL || 'https://api.github.com';
  const octokit = getOctokit(token, { baseUrl: baseUrl.replace(/\/+$/, '') });
  const maxWait = opts.maxWaitMs ?? 120_000;
  const retries = opts.retries ?? 3;
  const serverDelay = opts.serverErrorDelayMs ?? 1000;
  const timeout = opts.requestTimeoutMs ?? 30_000;
  const budget = opts.budgetMs ?? 600_000;
  let waited = 0;
  let spent = 0;
  /** A rate limit in force beyond what the run may wait: requests before this time are not sent. */
  let blocked: { until: number; error: HttpError } | undefined;
  octokit.hook.wrap('request', async (request, options) => {
    const what = `${options.method} ${options.url}`;
    // writes that create something are not repeated blindly (graphql: our queries and resolveReviewThread are idempotent);
    // nor is a check-run update that carries annotations: GitHub appends them, so a repeat would add them twice
    const output = (options as { output?: { annotations?: unknown } }).output;
    const appends = options.method === 'PATCH' && /\/check-runs\//.test(options.url) && Array.isArray(output?.annotations) && output.annotations.length > 0;
    const creates = (options.method === 'POST' && options.url !== '/graphql') || appends;
    for (let attempt = 0; ; attempt++) {
      if (blocked && Date.now() < blocked.until)
        throw notSentError(`GitHub API ${what} not sent: rate limit in force until ${new Date(blocked.until).toISOString()} (${blocked.error.message ?? ''})`, blocked.error);
      const left = budget - spent;
      if (left <= 0) throw notSentError(`GitHub API ${what} not sent: the run's GitHub time budget (${Math.round(budget / 1000)} s) is used up`);
      const started = Date.now();
      try {
        // set on the options object itself: the inner hooks (auth) were bound to it, a copy would not reach fetch
        options.request = { ...options.request, signal: AbortSignal.timeout(Math.min(timeout, left)) };
        const response = await request(options);
        const data = response.data as unknown;
        const parsed = options.request?.parseSuccessResponseBody !== false && !options.mediaType?.format;
        if (parsed && response.status !== 204 && response.status !== 205 && (data === null || typeof data === 'string' || data instanceof ArrayBuffer))
          throw malformedBodyError(options.method, options.url, response.status);
        return response;
      } catch (e) {
        const err = e as HttpError;
        const delay = retryDelayMs(err, Date.now(), serverDelay * 2 ** attempt);
        const status = err.status ?? 0;
        if (delay === undefined) throw e;
        if (creates && isUnknownOutcome(err)) throw e; // the caller looks for it before repeating it
        const why = `HTTP ${status}${status === 500 && !err.response ? ` (${err.message ?? 'no answer'})` : ''}`;
        const tooLong = waited + delay > maxWait || spent + (Date.now() - started) + delay >= budget;
        if (attempt >= retries || tooLong) {
          if (isRateLimited(err) && tooLong) blocked = { until: Date.now() + delay, error: err };
          if (tooLong) opts.log?.(`GitHub API ${what}: ${why}; not retried (waiting ${seconds(delay)} would exceed the run's limits).`);
          throw e;
        }
        opts.log?.(`GitHub API ${what}: ${why}; retrying in ${seconds(delay)}`);
        waited += delay;
        await new Promise((r) => setTimeout(r, delay));
      } finally {
        spent += Date.now() - started; // the attempt and the wait after it
      }
    }
  });
  return octokit;
}

/** True for errors that mean "this token may not write here" (fork PRs, read-only tokens, missing permissions). */
export function isPermissionError(e: unknown): boolean {
  const err = e as HttpError;
  if (err?.notSent) return false;
  if (err?.status === 401) return true;
  if (err?.status !== 403 && err?.status !== 404) return false;
  return !isRateLimited(err);
}

export function httpStatus(e: unknown): number | undefined {
  return (e as HttpError)?.status;
}

/**
 * A write that creates something (a review, a comment, a check run), done once: when GitHub's answer leaves it
 * unknown whether it was applied (5xx, timeout, dropped connection, cut body), look for it before repeating it.
 * Tried `tries` times at most; the client does not repeat these writes itself.
 */
export async function createOnce<T>(create: () => Promise<T>, find: () => Promise<T | undefined>, tries = 2): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await create();
    } catch (e) {
      if (!isUnknownOutcome(e)) throw e;
      const found = await find();
      if (found !== undefined) return found;
      if (attempt >= tries) throw e;
    }
  }
}
