/**
 * Read the organisation once: the root, the OU tree and its accounts, the SCPs and RCPs attached to every node, and
 * each distinct policy's document. Bounded in calls (every attempt counts, pages and retries included) and in time;
 * throttling is retried through the Access Analyzer scheduler (bounded attempts, exponential backoff). Answers after
 * ListRoots are cached per organisation (keyed by the root ARN) for a short time, so the jobs of one workflow run
 * (matrix shards, re-runs) read the organisation once. Any failure is a LiveOrgError naming what went wrong: the
 * caller makes the verdict incomplete, never a pass on a partial organisation.
 */
import type { ResultCache } from '../../access-analyzer/cache.js';
import { requestKey } from '../../access-analyzer/cache.js';
import { Scheduler } from '../../access-analyzer/scheduler.js';
import type { OrgApi, OrgPolicyType, Page } from './client.js';

export interface LivePolicy {
  id: string;
  name: string;
  type: OrgPolicyType;
  awsManaged: boolean;
  document: unknown;
}
export interface LiveNode {
  kind: 'root' | 'ou' | 'account';
  id: string;
  name?: string;
  parent?: string;
  /** Policy ids attached here, by type. */
  scps: string[];
  rcps: string[];
}
export interface LiveStats {
  calls: number;
  cached: number;
  throttled: number;
}
export interface LiveOrganization {
  rootId: string;
  rootArn: string;
  enabledTypes: OrgPolicyType[];
  nodes: LiveNode[];
  policies: Map<string, LivePolicy>;
  stats: LiveStats;
}

export type LiveOrgErrorCode = 'not-in-use' | 'access-denied' | 'throttled' | 'call-budget' | 'time-budget' | 'failed';
export class LiveOrgError extends Error {
  constructor(
    message: string,
    readonly code: LiveOrgErrorCode,
  ) {
    super(message);
  }
}

export interface ReadLimits {
  /** Most calls (attempts) one read may make. */
  maxCalls: number;
  /** Wall-clock budget of the whole read, ms (checked before every call; each call has its own timeout). */
  timeBudgetMs: number;
  /** How long a cached answer is trusted, ms (0: the cache is not read). */
  cacheTtlMs: number;
  concurrency?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_LIMITS: ReadLimits = { maxCalls: 400, timeBudgetMs: 60_000, cacheTtlMs: 5 * 60_000 };

/** The IAM actions the CI role needs for the live read (documented in docs/scp.md). */
export const REQUIRED_ORG_PERMISSIONS = [
  'organizations:ListRoots',
  'organizations:ListOrganizationalUnitsForParent',
  'organizations:ListAccountsForParent',
  'organizations:ListPoliciesForTarget',
  'organizations:DescribePolicy',
];

const ID = { root: /^r-[0-9a-z]{4,32}$/, ou: /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/, account: /^\d{12}$/, policy: /^p-([0-9a-zA-Z_]{8,128}|FullAWSAccess|RCPFullAWSAccess)$/ };

function explain(e: unknown, op: string): LiveOrgError {
  if (e instanceof LiveOrgError) return e;
  const err = (e ?? {}) as { name?: string; message?: string };
  const msg = (err.message ?? String(e)).split('\n')[0];
  if (err.name === 'AWSOrganizationsNotInUseException')
    return new LiveOrgError(`the credentials' account is not a member of an organization (AWSOrganizationsNotInUseException from ${op})`, 'not-in-use');
  if (err.name === 'AccessDeniedException')
    return new LiveOrgError(
      `access denied to organizations:${op} (${msg}); the role needs ${REQUIRED_ORG_PERMISSIONS.join(', ')} and must be in the management account or a delegated administrator account`,
      'access-denied',
    );
  if (err.name === 'TooManyRequestsException') return new LiveOrgError(`organizations:${op} was still throttled after the retries (TooManyRequestsException)`, 'throttled');
  return new LiveOrgError(`organizations:${op} failed: ${err.name ? `${err.name}: ` : ''}${msg}`, 'failed');
}

class Reader {
  readonly stats: LiveStats = { calls: 0, cached: 0, throttled: 0 };
  private readonly scheduler: Scheduler;
  private readonly deadline: number;
  private readonly now: () => number;
  private rootArn = '';
  /** The first failure: no call starts after it. */
  private failure?: LiveOrgError;

  constructor(
    private readonly api: OrgApi,
    private readonly limits: ReadLimits,
    private readonly cache: ResultCache,
  ) {
    this.now = limits.now ?? Date.now;
    this.deadline = this.now() + limits.timeBudgetMs;
    this.scheduler = new Scheduler({ concurrency: limits.concurrency ?? 4, maxAttempts: limits.maxAttempts ?? 5, baseDelayMs: limits.baseDelayMs ?? 250, maxDelayMs: 5_000, ...(limits.sleep ? { sleep: limits.sleep } : {}), ...(limits.now ? { now: limits.now } : {}) });
  }

  /** One call through the scheduler, counted against the budgets. */
  private async call<T>(op: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await this.scheduler.run(async () => {
        if (this.failure) throw this.failure;
        if (this.stats.calls >= this.limits.maxCalls) throw new LiveOrgError(`the organisation needs more than ${this.limits.maxCalls} Organizations calls to read`, 'call-budget');
        if (this.now() > this.deadline) throw new LiveOrgError(`the organisation could not be read within ${Math.round(this.limits.timeBudgetMs / 1000)} s`, 'time-budget');
        this.stats.calls++;
        return fn();
      });
    } catch (e) {
      const err = explain(e, op);
      this.failure ??= err;
      throw err;
    } finally {
      this.stats.throttled = this.scheduler.stats.throttled;
    }
  }

  private async all<T>(op: string, page: (token?: string) => Promise<Page<T>>): Promise<T[]> {
    const out: T[] = [];
    const seen = new Set<string>();
    let token: string | undefined;
    do {
      const p = await this.call(op, () => page(token));
      for (const x of p.items) out.push(x);
      token = p.nextToken;
      if (token !== undefined && seen.has(token)) throw new LiveOrgError(`organizations:${op} returned the same NextToken twice`, 'failed');
      if (token !== undefined) seen.add(token);
    } while (token);
    return out;
  }

  /** A full (all pages) answer, from the cache when it is fresh. */
  private async cached<T>(op: string, request: Record<string, string>, valid: (v: unknown) => boolean, read: () => Promise<T>): Promise<T> {
    const key = requestKey(`organizations:${op}`, this.rootArn, request);
    const hit = this.limits.cacheTtlMs > 0 ? (this.cache.get(key) as { at?: unknown; value?: unknown } | undefined) : undefined;
    // a stale, broken or foreign entry is a miss, never trusted
    if (hit && typeof hit.at === 'number' && this.now() - hit.at >= 0 && this.now() - hit.at < this.limits.cacheTtlMs && valid(hit.value)) {
      this.stats.cached++;
      return hit.value as T;
    }
    const value = await read();
    this.cache.set(key, { at: this.now(), value });
    return value;
  }

  async read(): Promise<LiveOrganization> {
    const roots = await this.all('ListRoots', (t) => this.api.listRoots(t));
    const root = roots[0];
    if (roots.length !== 1 || !root || !ID.root.test(root.id)) throw new LiveOrgError(`ListRoots returned ${roots.length} roots (expected one root r-...)`, 'failed');
    this.rootArn = root.arn || root.id;
    const enabledTypes = (['SERVICE_CONTROL_POLICY', 'RESOURCE_CONTROL_POLICY'] as const).filter((t) => root.enabledTypes.includes(t));
    const nodes: LiveNode[] = [{ kind: 'root', id: root.id, scps: [], rcps: [] }];
    // the tree, level by level (OUs nest at most 5 deep under the root)
    let parents = [root.id];
    for (let depth = 0; parents.length && depth <= 6; depth++) {
      const children = await settle(
        parents.map((parent) =>
          this.cached('children', { parent }, (v) => isObj(v) && isList(v.ous) && isList(v.accounts), async () => ({
            ous: await this.all('ListOrganizationalUnitsForParent', (t) => this.api.listOrganizationalUnitsForParent(parent, t)),
            accounts: await this.all('ListAccountsForParent', (t) => this.api.listAccountsForParent(parent, t)),
          })).then((c) => ({ parent, ...c })),
        ),
      );
      parents = [];
      for (const c of children) {
        for (const ou of c.ous) {
          if (!ID.ou.test(ou.id)) throw new LiveOrgError(`ListOrganizationalUnitsForParent returned an OU id that is not one ("${ou.id.slice(0, 40)}")`, 'failed');
          nodes.push({ kind: 'ou', id: ou.id, ...(ou.name ? { name: ou.name } : {}), parent: c.parent, scps: [], rcps: [] });
          parents.push(ou.id);
        }
        for (const a of c.accounts) {
          if (!ID.account.test(a.id)) throw new LiveOrgError(`ListAccountsForParent returned an account id that is not one ("${a.id.slice(0, 40)}")`, 'failed');
          nodes.push({ kind: 'account', id: a.id, ...(a.name ? { name: a.name } : {}), parent: c.parent, scps: [], rcps: [] });
        }
      }
    }
    if (parents.length) throw new LiveOrgError('the OU tree is deeper than AWS allows (5 levels)', 'failed');
    const summaries = new Map<string, { name: string; type: OrgPolicyType; awsManaged: boolean }>();
    await settle(
      nodes.flatMap((node) =>
        enabledTypes.map(async (type) => {
          const list = await this.cached('attached', { target: node.id, type }, (v) => isList(v) && v.every((p) => isObj(p) && typeof p.name === 'string' && typeof p.awsManaged === 'boolean'), () => this.all('ListPoliciesForTarget', (t) => this.api.listPoliciesForTarget(node.id, type, t)));
          for (const p of list) {
            if (!ID.policy.test(p.id)) throw new LiveOrgError(`ListPoliciesForTarget returned a policy id that is not one ("${p.id.slice(0, 40)}")`, 'failed');
            (type === 'SERVICE_CONTROL_POLICY' ? node.scps : node.rcps).push(p.id);
            summaries.set(p.id, { name: p.name, type, awsManaged: p.awsManaged });
          }
        }),
      ),
    );
    const policies = new Map<string, LivePolicy>();
    await settle(
      [...summaries].map(async ([id, s]) => {
        const d = await this.cached('policy', { id }, (v) => isObj(v) && typeof v.content === 'string', () => this.call('DescribePolicy', () => this.api.describePolicy(id)));
        let document: unknown;
        try {
          document = JSON.parse(d.content);
        } catch {
          throw new LiveOrgError(`the content of policy ${id} (${s.name}) is not JSON`, 'failed');
        }
        policies.set(id, { id, name: s.name, type: s.type, awsManaged: s.awsManaged, document });
      }),
    );
    return { rootId: root.id, rootArn: this.rootArn, enabledTypes, nodes, policies, stats: this.stats };
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** A list of summaries with string ids (what every list answer is). */
const isList = (v: unknown): v is Record<string, unknown>[] => Array.isArray(v) && v.every((x) => isObj(x) && typeof x.id === 'string');

/** Promise.all that waits for every call it started before it rejects (no request outlives the read). */
async function settle<T>(ps: Promise<T>[]): Promise<T[]> {
  const r = await Promise.allSettled(ps);
  const failed = r.find((x): x is PromiseRejectedResult => x.status === 'rejected');
  if (failed) throw failed.reason;
  return r.map((x) => (x as PromiseFulfilledResult<T>).value);
}

/** Read the organisation (see the file comment). Rejects with a LiveOrgError. */
export function readOrganization(api: OrgApi, limits: ReadLimits, cache: ResultCache): Promise<LiveOrganization> {
  return new Reader(api, limits, cache).read();
}
