/**
 * Access Analyzer requests of one run: each logical request deduplicated within the run, answered from the cache
 * across runs, counted against the billed-call cap, and sent through the scheduler (concurrency, backoff). A call
 * the CI role is denied, or one that failed after every retry, makes the rest of that kind fail fast.
 */
import type { AaApi, AaValidateFinding, CheckResponse } from './client.js';
import { CircuitOpen, Scheduler, classifyError } from './scheduler.js';
import type { SchedulerSettings } from './scheduler.js';
import type { ResultCache } from './cache.js';
import { requestKey } from './cache.js';
import { appendAll } from '../../util/arrays.js';

const MAX_PAGES = 200;

export type Operation = 'ValidatePolicy' | 'CheckNoNewAccess' | 'CheckAccessNotGranted' | 'CheckNoPublicAccess';
export const BILLED: readonly Operation[] = ['CheckNoNewAccess', 'CheckAccessNotGranted', 'CheckNoPublicAccess'];

export interface AaStats {
  records: number;
  /** HTTP requests made (every page and every retry). */
  requests: number;
  /** HTTP requests per operation, retries included (a paginated ValidatePolicy counts once per page). */
  calls: Record<Operation, number>;
  billedCalls: number;
  cacheHits: number;
  /** Identical requests within the run answered by one call. */
  deduped: number;
  throttled: number;
  retried: number;
  /** Custom checks not made because the billed-call cap was reached. */
  skippedForCap: number;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; kind: 'cap' } | { ok: false; kind: 'error'; error: unknown };

/** A custom check's answer as cached. */
export interface CheckOutcome {
  result: 'PASS' | 'FAIL';
  message?: string;
  reasons: NonNullable<CheckResponse['reasons']>;
}

export interface ValidateRequest {
  policyDocument: string;
  policyType: string;
  validatePolicyResourceType?: string;
  locale?: string;
}

export function isDenied(e: unknown): boolean {
  const err = (e ?? {}) as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err.name === 'AccessDeniedException' || err.$metadata?.httpStatusCode === 403;
}

export class AaRequester {
  readonly stats: AaStats;
  private readonly scheduler: Scheduler;
  private readonly inFlight = new Map<string, Promise<Outcome<unknown>>>();
  private readonly denied = new Map<Operation, unknown>();
  /** Set when a call failed after every retry (throttled/5xx/network): the rest fail fast, bounding the run's time. */
  private unavailable: unknown;

  constructor(
    readonly api: AaApi,
    private readonly cache: ResultCache,
    private readonly region: string,
    private readonly maxBilledCalls: number,
    records: number,
    scheduler: Partial<SchedulerSettings> & { concurrency: number },
  ) {
    this.stats = {
      records,
      requests: 0,
      calls: { ValidatePolicy: 0, CheckNoNewAccess: 0, CheckAccessNotGranted: 0, CheckNoPublicAccess: 0 },
      billedCalls: 0,
      cacheHits: 0,
      deduped: 0,
      throttled: 0,
      retried: 0,
      skippedForCap: 0,
    };
    this.scheduler = new Scheduler(scheduler);
  }

  /** One logical request: deduplicated, cached, capped, scheduled. */
  call<T>(op: Operation, request: unknown, perform: () => Promise<T>): Promise<Outcome<T>> {
    const key = requestKey(op, this.region, request);
    const running = this.inFlight.get(key);
    if (running) {
      this.stats.deduped++;
      return running as Promise<Outcome<T>>;
    }
    const p = this.answer(op, key, perform);
    this.inFlight.set(key, p);
    return p;
  }

  private async answer<T>(op: Operation, key: string, perform: () => Promise<T>): Promise<Outcome<T>> {
    const cached = this.cache.get(key);
    if (cached !== undefined) {
      this.stats.cacheHits++;
      return { ok: true, value: cached as T };
    }
    if (BILLED.includes(op)) {
      if (this.stats.billedCalls >= this.maxBilledCalls) {
        this.stats.skippedForCap++;
        return { ok: false, kind: 'cap' };
      }
      this.stats.billedCalls++;
    }
    const before = this.denied.get(op) ?? this.unavailable;
    if (before) return { ok: false, kind: 'error', error: before };
    try {
      const value = await perform();
      this.cache.set(key, value);
      return { ok: true, value };
    } catch (e) {
      const error = e instanceof CircuitOpen ? e.original : e;
      if (isDenied(error)) this.denied.set(op, error);
      else if (classifyError(error) !== 'fatal') this.unavailable ??= error;
      return { ok: false, kind: 'error', error };
    }
  }

  /** One HTTP request through the scheduler. */
  private request<T>(op: Operation, fn: () => Promise<T>): Promise<T> {
    return this.scheduler.run(() => {
      const d = this.denied.get(op) ?? this.unavailable;
      if (d) return Promise.reject(new CircuitOpen(d));
      this.stats.requests++;
      this.stats.calls[op]++;
      return fn();
    });
  }

  /** ValidatePolicy, every page (bounded; a repeated token is an error). */
  validate(req: ValidateRequest): Promise<Outcome<AaValidateFinding[]>> {
    return this.call('ValidatePolicy', req, async () => {
      const all: AaValidateFinding[] = [];
      const seen = new Set<string>();
      let nextToken: string | undefined;
      for (let page = 0; ; page++) {
        if (page >= MAX_PAGES) throw new Error(`ValidatePolicy returned more than ${MAX_PAGES} pages`);
        const out = await this.request('ValidatePolicy', () => this.api.validatePolicy({ ...req, ...(nextToken ? { nextToken } : {}) }));
        appendAll(all, out.findings);
        if (!out.nextToken) break;
        if (seen.has(out.nextToken)) throw new Error('ValidatePolicy repeated a pagination token');
        seen.add(out.nextToken);
        nextToken = out.nextToken;
      }
      return all;
    });
  }

  /** One custom check (billed). */
  check<R>(op: Operation, req: R, fn: (r: R) => Promise<CheckResponse>): Promise<Outcome<CheckOutcome>> {
    return this.call(op, req, async () => {
      const out = await this.request(op, () => fn(req));
      if (out.result !== 'PASS' && out.result !== 'FAIL') throw new Error(`${op} returned no result`);
      return { result: out.result, ...(out.message ? { message: out.message } : {}), reasons: out.reasons ?? [] };
    });
  }

  /** The scheduler's figures, copied into the stats at the end of the run. */
  finish(): AaStats {
    this.stats.throttled = this.scheduler.stats.throttled;
    this.stats.retried = this.scheduler.stats.retried;
    return this.stats;
  }
}
