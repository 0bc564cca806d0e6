/**
 * Concurrency cap with adaptive backoff: at most `limit` calls in flight; a throttle halves the window and pauses
 * every caller until the server's Retry-After (or an exponential backoff with full jitter) has passed; successes
 * reopen the window one slot at a time. Retryable failures (throttling, 5xx, network) are retried a bounded number
 * of times; everything else fails at once.
 */

export type ErrorClass = 'throttle' | 'retryable' | 'fatal';

export interface CallError {
  name?: string;
  message?: string;
  code?: string;
  retryAfterSeconds?: number;
  $metadata?: { httpStatusCode?: number };
  $retryable?: { throttling?: boolean };
}

export function classifyError(e: unknown): ErrorClass {
  const err = (e ?? {}) as CallError;
  const status = err.$metadata?.httpStatusCode;
  if (err.name === 'CircuitOpen') return 'fatal';
  if (err.name === 'ThrottlingException' || err.name === 'TooManyRequestsException' || status === 429 || err.$retryable?.throttling) return 'throttle';
  if (err.name === 'InternalServerException' || (status !== undefined && status >= 500)) return 'retryable';
  if (status === undefined) {
    // no HTTP response: connection refused/reset, timeout
    const code = err.code ?? '';
    if (/ECONNRESET|ECONNREFUSED|ETIMEDOUT|EPIPE|EAI_AGAIN|socket hang up/i.test(code + ' ' + (err.message ?? '')) || err.name === 'TimeoutError') return 'retryable';
  }
  return 'fatal';
}

export interface SchedulerSettings {
  concurrency: number;
  /** Attempts per call, including the first. */
  maxAttempts?: number;
  /** First backoff step, ms. */
  baseDelayMs?: number;
  /** Upper bound of one wait, ms. */
  maxDelayMs?: number;
  /** Injected for tests/benchmarks. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface SchedulerStats {
  attempts: number;
  throttled: number;
  retried: number;
}

const realSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class Scheduler {
  readonly stats: SchedulerStats = { attempts: 0, throttled: 0, retried: 0 };
  private readonly cap: number;
  private limit: number;
  private inFlight = 0;
  private successesSinceGrow = 0;
  private resumeAt = 0;
  /** Bumped by every throttle: successes of calls started before it do not reopen the window. */
  private epoch = 0;
  private readonly waiters: (() => void)[] = [];
  /** Throttled calls waiting to retry: they go before calls that have not started (a throttle storm costs the
   * calls already made, not new ones, and the order does not depend on timer races). */
  private retrying = 0;
  private readonly s: Required<SchedulerSettings>;

  constructor(settings: SchedulerSettings) {
    this.cap = Math.max(1, Math.floor(settings.concurrency));
    this.limit = this.cap;
    this.s = {
      concurrency: this.cap,
      maxAttempts: settings.maxAttempts ?? 8,
      baseDelayMs: settings.baseDelayMs ?? 200,
      maxDelayMs: settings.maxDelayMs ?? 20_000,
      random: settings.random ?? Math.random,
      sleep: settings.sleep ?? realSleep,
      now: settings.now ?? Date.now,
    };
  }

  private async acquire(retry: boolean): Promise<void> {
    while (this.inFlight >= this.limit || (!retry && this.retrying > 0)) await new Promise<void>((r) => this.waiters.push(r));
    this.inFlight++;
  }

  private release(): void {
    this.inFlight--;
    // wake everyone waiting; each re-checks the (possibly changed) window
    for (const w of this.waiters.splice(0)) w();
  }

  /** Wait until the shared pause is over and a slot in the window is free (retries first). */
  private async admit(retry: boolean): Promise<void> {
    for (;;) {
      const pause = this.resumeAt - this.s.now();
      if (pause > 0) await this.s.sleep(pause);
      await this.acquire(retry);
      if (this.resumeAt <= this.s.now()) return;
      this.release(); // a throttle happened while we waited for the slot
    }
  }

  /** Run `fn` under the cap, retrying throttles and transient failures. Rejects with the last error. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    let holding = false;
    let retry = false;
    for (let attempt = 1; ; attempt++) {
      if (!holding) await this.admit(retry);
      if (retry) {
        this.retrying--;
        retry = false;
      }
      holding = false;
      this.stats.attempts++;
      const epoch = this.epoch;
      try {
        const out = await fn();
        if (epoch === this.epoch) this.onSuccess();
        this.release();
        return out;
      } catch (e) {
        const cls = classifyError(e);
        if (cls === 'fatal' || attempt >= this.s.maxAttempts) {
          this.release();
          throw e;
        }
        this.stats.retried++;
        const backoff = Math.min(this.s.maxDelayMs, this.s.baseDelayMs * 2 ** (attempt - 1));
        const retryAfter = (e as CallError).retryAfterSeconds;
        const wait =
          typeof retryAfter === 'number' && retryAfter >= 0
            ? Math.min(this.s.maxDelayMs, retryAfter * 1000 + this.s.random() * 50)
            : backoff / 2 + this.s.random() * (backoff / 2);
        if (cls === 'throttle') {
          this.retrying++;
          retry = true;
          this.release();
          this.stats.throttled++;
          if (epoch === this.epoch) this.limit = Math.max(1, Math.floor(this.limit / 2)); // once per burst of 429s
          this.epoch++;
          this.successesSinceGrow = 0;
          // everyone waits: the server told us the rate is exhausted
          this.resumeAt = Math.max(this.resumeAt, this.s.now() + wait);
        } else {
          // a transient failure keeps its slot while it backs off: retries finish before new work starts, so a
          // service that is down costs at most `concurrency` calls' worth of retries
          holding = true;
          await this.s.sleep(wait);
        }
      }
    }
  }

  private onSuccess(): void {
    if (this.limit >= this.cap) return;
    if (++this.successesSinceGrow >= this.limit) {
      this.limit++;
      this.successesSinceGrow = 0;
    }
  }
}

/** Raised instead of calling once an operation was denied or the service failed after every retry. */
export class CircuitOpen extends Error {
  override readonly name = 'CircuitOpen';
  constructor(readonly original: unknown) {
    super((original as Error)?.message ?? String(original));
  }
}
