/**
 * A local fake of the GitHub REST API routes IAM Policy Gate uses, for the real Octokit (from `@actions/github`)
 * pointed at it with `GITHUB_API_URL` / `baseUrl`. Stateful (comments, reviews, check runs persist across runs of
 * the action), with GitHub's real behaviours: Link-header pagination, 422 for a review comment outside the diff
 * (the whole review is rejected), 422 for bodies over 65,536 characters, 403 for writes with a read-only token,
 * 404, rate-limit headers, secondary rate limits and 5xx on demand.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeUser {
  login: string;
  type: 'Bot' | 'User';
}

export const BOT: FakeUser = { login: 'github-actions[bot]', type: 'Bot' };

export interface FakePullFile {
  filename: string;
  status: 'added' | 'modified' | 'removed' | 'renamed';
  previous_filename?: string;
  patch?: string;
}

export interface FakeReviewComment {
  id: number;
  node_id: string;
  pull_request_review_id: number;
  path: string;
  line: number | null;
  original_line: number;
  start_line: number | null;
  side: 'RIGHT';
  commit_id: string;
  original_commit_id: string;
  body: string;
  user: FakeUser;
  html_url: string;
}

export interface FakeReview {
  id: number;
  commit_id: string;
  body: string;
  event: string;
  state: string;
  user: FakeUser;
  comments: number[];
}

export interface FakeIssueComment {
  id: number;
  body: string;
  user: FakeUser;
  html_url: string;
  created_at: string;
  updated_at: string;
}

export interface FakeCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion?: string;
  output: { title?: string; summary?: string };
  annotations: unknown[];
  /** Annotation count of each create/update request (GitHub accepts at most 50 per request). */
  annotationBatches: number[];
  started_at: string;
}

export interface InjectedFault {
  method?: string;
  /** Matched against the request path (without query). */
  path: RegExp;
  /** Status of the answer (mode `respond` and `after`). */
  status?: number;
  headers?: Record<string, string>;
  /** JSON body (or, with `raw`, the exact text sent). */
  body?: unknown;
  /** Send `body` as is (an HTML error page, a cut JSON body), with `headers`' content-type. */
  raw?: boolean;
  /**
   * `respond` (default): answer with the fault instead of handling the request.
   * `after`: handle the request (a write goes through), then answer with the fault: GitHub's 502 on a review it did create.
   * `hang`: read the request and never answer (the client must give up on its own).
   * `reset`: drop the connection without an answer.
   */
  mode?: 'respond' | 'after' | 'hang' | 'reset';
  /** How many requests to fail (default 1). */
  times?: number;
}

const DOCS = 'https://docs.github.com/rest';

/** GitHub's own answers for the faults it produces (status, headers and body as the real API sends them). */
export const githubFaults = {
  /** A write with a read-only token (fork PR) or without the permission the endpoint needs. */
  readOnly: (): Omit<InjectedFault, 'path'> => ({
    status: 403,
    body: { message: 'Resource not accessible by integration', documentation_url: DOCS, status: '403' },
  }),
  notFound: (): Omit<InjectedFault, 'path'> => ({ status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } }),
  /** Primary rate limit: the hourly quota is used up until `resetInSeconds` from now. */
  primaryRateLimit: (resetInSeconds: number, status: 403 | 429 = 403): Omit<InjectedFault, 'path'> => ({
    status,
    headers: {
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-used': '5000',
      'x-ratelimit-resource': 'core',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + resetInSeconds),
    },
    body: {
      message: 'API rate limit exceeded for installation ID 4242424. If you reach out to GitHub Support for help, please include the request ID FAKE:1.',
      documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
      status: String(status),
    },
  }),
  /** Secondary rate limit (too many content-creating requests, or too many at once), with or without retry-after. */
  secondaryRateLimit: (retryAfterSeconds: number | undefined, status: 403 | 429 = 403): Omit<InjectedFault, 'path'> => ({
    status,
    headers: retryAfterSeconds === undefined ? {} : { 'retry-after': String(retryAfterSeconds) },
    body: {
      message:
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID FAKE:2.',
      documentation_url: 'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
      status: String(status),
    },
  }),
  /** Review comments GitHub will not anchor (the whole review is refused). */
  reviewLineNotInDiff: (): Omit<InjectedFault, 'path'> => ({
    status: 422,
    body: {
      message: 'Unprocessable Entity',
      errors: ['Pull request review thread line must be part of the diff'],
      documentation_url: 'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request',
      status: '422',
    },
  }),
  serverError: (status: 500 | 502 | 503 | 504 = 500): Omit<InjectedFault, 'path'> =>
    status === 502
      ? { status, raw: true, headers: { 'content-type': 'text/html' }, body: '<html><body><h1>502 Bad Gateway</h1>\nThe server returned an invalid or incomplete response.\n</body></html>\n' }
      : status === 503
        ? { status, body: { message: 'No server is currently available to service your request. Sorry about that. Please try resubmitting your request and contact us if the problem persists.' } }
        : { status, body: { message: 'Server Error' } },
};

export interface RequestLogEntry {
  method: string;
  path: string;
  /** Status the client got (0: no answer, the connection hung or was reset). */
  status: number;
  /** For a fault injected `after` handling: the status of the handling (the write went through). */
  applied?: number;
  /** Parsed JSON body of writes. */
  body?: unknown;
}

export interface FakePull {
  number: number;
  headSha: string;
  baseSha: string;
  files: FakePullFile[];
}

interface HunkInfo {
  start: number;
  end: number;
  lines: Set<number>;
}

/** GitHub's own view of which RIGHT-side lines a patch covers (independent of the code under test). */
function hunksOfPatch(patch: string | undefined): HunkInfo[] {
  const out: HunkInfo[] = [];
  if (!patch) return out;
  let cur: HunkInfo | undefined;
  let n = 0;
  for (const l of patch.split('\n')) {
    const m = /^@@ -[0-9,]+ \+(\d+)(?:,(\d+))? @@/.exec(l);
    if (m) {
      n = Number(m[1]);
      cur = { start: n, end: n - 1, lines: new Set() };
      out.push(cur);
    } else if (cur && (l.startsWith('+') || l.startsWith(' '))) {
      cur.lines.add(n);
      cur.end = n;
      n++;
    }
  }
  return out;
}

export class FakeGitHub {
  readonly owner: string;
  readonly repo: string;
  pulls = new Map<number, FakePull>();
  /** `${ref}:${path}` -> file text. */
  contents = new Map<string, string>();
  reviews: FakeReview[] = [];
  reviewComments: FakeReviewComment[] = [];
  issueComments: FakeIssueComment[] = [];
  checkRuns: FakeCheckRun[] = [];
  faults: InjectedFault[] = [];
  /** Review threads resolved through GraphQL, by the id of their first comment. */
  resolvedThreads = new Set<number>();
  log: RequestLogEntry[] = [];
  /** token -> permission. Unknown tokens get 401. */
  tokens = new Map<string, 'write' | 'read'>([
    ['write-token', 'write'],
    ['read-token', 'read'],
  ]);
  private nextId = 1000;
  private server?: http.Server;
  /** Requests answered with the fault of an `after` injection once handled. */
  private overrides = new WeakMap<http.IncomingMessage, InjectedFault>();
  url = '';

  constructor(owner = 'acme', repo = 'infra') {
    this.owner = owner;
    this.repo = repo;
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        try {
          this.handle(req, res, Buffer.concat(chunks).toString('utf8'));
        } catch (e) {
          this.send(req, res, 500, { message: `fake server bug: ${(e as Error).message}` });
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections(); // hung requests included
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Forget everything a run left (comments, reviews, check runs, faults, the request log); pulls and contents stay. */
  reset(): void {
    this.reviews = [];
    this.reviewComments = [];
    this.issueComments = [];
    this.checkRuns = [];
    this.faults = [];
    this.resolvedThreads = new Set();
    this.log = [];
  }

  /** Fail the requests matching `path` (and `method`) with a fault, `times` times (default 1). */
  inject(path: RegExp, fault: Omit<InjectedFault, 'path'>, o: { method?: string; times?: number; mode?: InjectedFault['mode'] } = {}): void {
    this.faults.push({ ...fault, path, ...(o.method ? { method: o.method } : {}), ...(o.times !== undefined ? { times: o.times } : {}), ...(o.mode ? { mode: o.mode } : {}) });
  }

  addPull(p: FakePull): void {
    this.pulls.set(p.number, p);
  }

  /** Requests made, as `METHOD /path -> status`. */
  calls(method?: string, path?: RegExp): RequestLogEntry[] {
    return this.log.filter((l) => (!method || l.method === method) && (!path || path.test(l.path)));
  }

  private id(): number {
    return this.nextId++;
  }

  private send(req: http.IncomingMessage, res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}, raw = false, reqBody?: unknown): void {
    const path = (req.url ?? '').split('?')[0]!;
    const override = this.overrides.get(req);
    if (override) {
      // the request was handled (a write went through); the client sees the fault
      this.overrides.delete(req);
      this.log.push({ method: req.method ?? 'GET', path, status: override.status ?? 502, applied: status, ...(reqBody !== undefined ? { body: reqBody } : {}) });
      return this.respond(res, override.status ?? 502, override.body ?? { message: 'Server Error' }, override.headers ?? {}, !!override.raw);
    }
    this.log.push({ method: req.method ?? 'GET', path, status, ...(reqBody !== undefined ? { body: reqBody } : {}) });
    this.respond(res, status, body, headers, raw);
  }

  private respond(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string>, raw: boolean): void {
    const payload = raw ? String(body) : body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, {
      'content-type': raw ? 'application/vnd.github.raw; charset=utf-8' : 'application/json; charset=utf-8',
      'x-ratelimit-limit': '5000',
      'x-ratelimit-remaining': '4999',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
      'x-ratelimit-resource': 'core',
      'x-github-request-id': `FAKE:${this.log.length}`,
      ...headers,
    });
    res.end(payload);
  }

  private paginate<T>(req: http.IncomingMessage, res: http.ServerResponse, items: T[]): void {
    const u = new URL(req.url ?? '/', this.url);
    const perPage = Math.min(100, Math.max(1, Number(u.searchParams.get('per_page') ?? 30)));
    const page = Math.max(1, Number(u.searchParams.get('page') ?? 1));
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const links: string[] = [];
    const link = (p: number, rel: string) => {
      const v = new URL(u);
      v.searchParams.set('page', String(p));
      v.searchParams.set('per_page', String(perPage));
      links.push(`<${v.toString()}>; rel="${rel}"`);
    };
    if (page < last) {
      link(page + 1, 'next');
      link(last, 'last');
    }
    if (page > 1) {
      link(1, 'first');
      link(page - 1, 'prev');
    }
    this.send(req, res, 200, items.slice((page - 1) * perPage, page * perPage), links.length ? { link: links.join(', ') } : {});
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse, rawBody: string): void {
    const method = req.method ?? 'GET';
    const u = new URL(req.url ?? '/', this.url);
    const path = u.pathname;
    let body: Record<string, unknown> = {};
    if (rawBody) {
      try {
        body = JSON.parse(rawBody) as Record<string, unknown>;
      } catch {
        return this.send(req, res, 400, { message: 'Problems parsing JSON' });
      }
    }
    const reqBody = method === 'GET' ? undefined : body;

    const fault = this.faults.find((f) => (!f.method || f.method === method) && f.path.test(path));
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      if (fault.times <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
      const mode = fault.mode ?? 'respond';
      if (mode === 'hang' || mode === 'reset') {
        this.log.push({ method, path, status: 0, ...(reqBody !== undefined ? { body: reqBody } : {}) });
        if (mode === 'reset') req.socket.destroy();
        return; // hang: no answer until the client gives up or the server stops
      }
      if (mode === 'after') this.overrides.set(req, fault);
      else return this.send(req, res, fault.status ?? 500, fault.body ?? { message: `injected ${fault.status}` }, fault.headers ?? {}, !!fault.raw, reqBody);
    }

    const auth = /^(?:token|Bearer) (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const perm = auth ? this.tokens.get(auth) : undefined;
    if (!perm) return this.send(req, res, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' });
    if (path === '/graphql' && method === 'POST') return this.graphql(req, res, body, perm, reqBody);
    if (method !== 'GET' && perm !== 'write')
      return this.send(req, res, 403, { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest', status: '403' }, {}, false, reqBody);

    const base = `/repos/${this.owner}/${this.repo}`;
    if (!path.startsWith(base + '/')) return this.send(req, res, 404, { message: 'Not Found' });
    const rest = path.slice(base.length);
    const tooLong = typeof body.body === 'string' && body.body.length > 65_536;
    if (tooLong) return this.send(req, res, 422, { message: 'Validation Failed', errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }] }, {}, false, reqBody);
    let m: RegExpExecArray | null;

    if ((m = /^\/pulls\/(\d+)$/.exec(rest)) && method === 'GET') {
      const pr = this.pulls.get(Number(m[1]));
      if (!pr) return this.send(req, res, 404, { message: 'Not Found' });
      return this.send(req, res, 200, { number: pr.number, state: 'open', head: { sha: pr.headSha }, base: { sha: pr.baseSha } });
    }
    if ((m = /^\/pulls\/(\d+)\/files$/.exec(rest)) && method === 'GET') {
      const pr = this.pulls.get(Number(m[1]));
      if (!pr) return this.send(req, res, 404, { message: 'Not Found' });
      return this.paginate(req, res, pr.files.slice(0, 3000).map((f) => ({ sha: 'f'.repeat(40), additions: 1, deletions: 0, changes: 1, ...f })));
    }
    if ((m = /^\/contents\/(.+)$/.exec(rest)) && method === 'GET') {
      const ref = u.searchParams.get('ref') ?? 'HEAD';
      const p = decodeURIComponent(m[1]!);
      const text = this.contents.get(`${ref}:${p}`);
      if (text === undefined) return this.send(req, res, 404, { message: 'Not Found' });
      if ((req.headers.accept ?? '').includes('raw')) return this.send(req, res, 200, text, {}, true);
      return this.send(req, res, 200, { type: 'file', encoding: 'base64', path: p, content: Buffer.from(text).toString('base64') });
    }
    if ((m = /^\/pulls\/(\d+)\/comments$/.exec(rest)) && method === 'GET') {
      return this.paginate(req, res, this.reviewComments);
    }
    if ((m = /^\/pulls\/comments\/(\d+)$/.exec(rest)) && method === 'PATCH') {
      const c = this.reviewComments.find((x) => x.id === Number(m![1]));
      if (!c) return this.send(req, res, 404, { message: 'Not Found' }, {}, false, reqBody);
      if (c.user.login !== BOT.login) return this.send(req, res, 403, { message: 'Resource not accessible by integration' }, {}, false, reqBody);
      c.body = String(body.body ?? c.body);
      return this.send(req, res, 200, c, {}, false, reqBody);
    }
    if ((m = /^\/pulls\/(\d+)\/reviews$/.exec(rest))) {
      const pr = this.pulls.get(Number(m[1]));
      if (!pr) return this.send(req, res, 404, { message: 'Not Found' }, {}, false, reqBody);
      if (method === 'GET') return this.paginate(req, res, this.reviews.map(({ comments: _c, ...r }) => r));
      if (method === 'POST') return this.createReview(req, res, pr, body, reqBody);
    }
    if ((m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      if (!this.pulls.has(Number(m[1]))) return this.send(req, res, 404, { message: 'Not Found' }, {}, false, reqBody);
      if (method === 'GET') return this.paginate(req, res, this.issueComments);
      if (method === 'POST') {
        const id = this.id();
        const now = new Date().toISOString();
        const c: FakeIssueComment = { id, body: String(body.body ?? ''), user: BOT, html_url: `https://github.example/${this.owner}/${this.repo}/pull/${m[1]}#issuecomment-${id}`, created_at: now, updated_at: now };
        this.issueComments.push(c);
        return this.send(req, res, 201, c, {}, false, reqBody);
      }
    }
    if ((m = /^\/issues\/comments\/(\d+)$/.exec(rest)) && method === 'PATCH') {
      const c = this.issueComments.find((x) => x.id === Number(m![1]));
      if (!c) return this.send(req, res, 404, { message: 'Not Found' }, {}, false, reqBody);
      if (c.user.login !== BOT.login) return this.send(req, res, 403, { message: 'Resource not accessible by integration' }, {}, false, reqBody);
      c.body = String(body.body ?? c.body);
      c.updated_at = new Date().toISOString();
      return this.send(req, res, 200, c, {}, false, reqBody);
    }
    if (rest === '/check-runs' && method === 'POST') {
      const out = (body.output ?? {}) as { title?: string; summary?: string; annotations?: unknown[] };
      const ann = out.annotations ?? [];
      if (ann.length > 50) return this.send(req, res, 422, { message: 'Validation Failed', errors: ['Only 50 annotations allowed per request'] }, {}, false, reqBody);
      const run: FakeCheckRun = {
        id: this.id(),
        name: String(body.name),
        head_sha: String(body.head_sha),
        status: String(body.status ?? 'queued'),
        ...(body.conclusion ? { conclusion: String(body.conclusion) } : {}),
        output: { title: out.title, summary: out.summary },
        annotations: [...ann],
        annotationBatches: [ann.length],
        started_at: new Date().toISOString(),
      };
      this.checkRuns.push(run);
      return this.send(req, res, 201, { id: run.id, name: run.name, head_sha: run.head_sha, status: run.status, conclusion: run.conclusion ?? null }, {}, false, reqBody);
    }
    if ((m = /^\/commits\/([^/]+)\/check-runs$/.exec(rest)) && method === 'GET') {
      const name = u.searchParams.get('check_name');
      const runs = this.checkRuns.filter((r) => r.head_sha === m![1] && (!name || r.name === name));
      return this.send(req, res, 200, {
        total_count: runs.length,
        check_runs: runs.map((r) => ({ id: r.id, name: r.name, head_sha: r.head_sha, status: r.status, conclusion: r.conclusion ?? null, started_at: r.started_at, output: { title: r.output.title ?? null, summary: r.output.summary ?? null } })),
      });
    }
    if ((m = /^\/check-runs\/(\d+)$/.exec(rest)) && method === 'PATCH') {
      const run = this.checkRuns.find((r) => r.id === Number(m![1]));
      if (!run) return this.send(req, res, 404, { message: 'Not Found' }, {}, false, reqBody);
      const out = (body.output ?? {}) as { annotations?: unknown[] };
      const ann = out.annotations ?? [];
      if (ann.length > 50) return this.send(req, res, 422, { message: 'Validation Failed', errors: ['Only 50 annotations allowed per request'] }, {}, false, reqBody);
      run.annotations.push(...ann);
      run.annotationBatches.push(ann.length);
      return this.send(req, res, 200, { id: run.id }, {}, false, reqBody);
    }
    return this.send(req, res, 404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' }, {}, false, reqBody);
  }

  /** The two GraphQL operations used: list review threads, resolve one. Errors come back in the body, as on GitHub. */
  private graphql(req: http.IncomingMessage, res: http.ServerResponse, body: Record<string, unknown>, perm: 'write' | 'read', reqBody: unknown): void {
    const query = String(body.query ?? '');
    const vars = (body.variables ?? {}) as Record<string, unknown>;
    if (query.includes('reviewThreads')) {
      const pr = this.pulls.get(Number(vars.number));
      if (!pr) return this.send(req, res, 200, { data: { repository: { pullRequest: null } }, errors: [{ type: 'NOT_FOUND', message: 'Could not resolve to a PullRequest' }] }, {}, false, reqBody);
      const nodes = this.reviewComments.map((c) => ({ id: `PRRT_${c.id}`, isResolved: this.resolvedThreads.has(c.id), comments: { nodes: [{ databaseId: c.id }] } }));
      return this.send(req, res, 200, { data: { repository: { pullRequest: { reviewThreads: { pageInfo: { hasNextPage: false, endCursor: null }, nodes } } } } }, {}, false, reqBody);
    }
    if (query.includes('resolveReviewThread')) {
      if (perm !== 'write')
        return this.send(req, res, 200, { data: { resolveReviewThread: null }, errors: [{ type: 'FORBIDDEN', path: ['resolveReviewThread'], message: 'Resource not accessible by integration' }] }, {}, false, reqBody);
      const id = Number(String(vars.id ?? '').replace(/^PRRT_/, ''));
      if (!this.reviewComments.some((c) => c.id === id))
        return this.send(req, res, 200, { data: { resolveReviewThread: null }, errors: [{ type: 'NOT_FOUND', message: `Could not resolve to a node with the global id of '${String(vars.id)}'` }] }, {}, false, reqBody);
      this.resolvedThreads.add(id);
      return this.send(req, res, 200, { data: { resolveReviewThread: { thread: { id: vars.id, isResolved: true } } } }, {}, false, reqBody);
    }
    return this.send(req, res, 200, { errors: [{ message: 'fake: unsupported GraphQL operation' }] }, {}, false, reqBody);
  }

  private createReview(req: http.IncomingMessage, res: http.ServerResponse, pr: FakePull, body: Record<string, unknown>, reqBody: unknown): void {
    const comments = (body.comments ?? []) as { path: string; line?: number; start_line?: number; side?: string; body: string }[];
    const unprocessable = (message: string) =>
      this.send(req, res, 422, { message: 'Unprocessable Entity', errors: [message], documentation_url: 'https://docs.github.com/rest/pulls/reviews#create-a-review-for-a-pull-request', status: '422' }, {}, false, reqBody);
    const commitId = String(body.commit_id ?? pr.headSha);
    // all or nothing, like GitHub
    for (const c of comments) {
      const file = pr.files.find((f) => f.filename === c.path);
      if (!file) return unprocessable('Path could not be resolved');
      if (typeof c.line !== 'number') return unprocessable('Line could not be resolved');
      const hunks = hunksOfPatch(file.patch);
      const h = hunks.find((x) => x.lines.has(c.line!));
      if (!h) return unprocessable('Pull request review thread line must be part of the diff');
      if (c.start_line !== undefined) {
        if (c.start_line >= c.line) return unprocessable('Pull request review thread start line must precede the end line');
        if (!(c.start_line >= h.start && c.start_line <= h.end)) return unprocessable('Pull request review thread start line must be part of the same hunk as the line');
      }
      if (!c.body) return unprocessable('Body cannot be blank');
      if (c.body.length > 65_536) return unprocessable('Body is too long (maximum is 65536 characters)');
    }
    const review: FakeReview = {
      id: this.id(),
      commit_id: commitId,
      body: String(body.body ?? ''),
      event: String(body.event ?? 'PENDING'),
      state: body.event === 'COMMENT' ? 'COMMENTED' : body.event === 'REQUEST_CHANGES' ? 'CHANGES_REQUESTED' : body.event === 'APPROVE' ? 'APPROVED' : 'PENDING',
      user: BOT,
      comments: [],
    };
    for (const c of comments) {
      const id = this.id();
      this.reviewComments.push({
        id,
        node_id: `PRRC_${id}`,
        pull_request_review_id: review.id,
        path: c.path,
        line: c.line!,
        original_line: c.line!,
        start_line: c.start_line ?? null,
        side: 'RIGHT',
        commit_id: commitId,
        original_commit_id: commitId,
        body: c.body,
        user: BOT,
        html_url: `https://github.example/${this.owner}/${this.repo}/pull/${pr.number}#discussion_r${id}`,
      });
      review.comments.push(id);
    }
    this.reviews.push(review);
    const { comments: _c, ...r } = review;
    return this.send(req, res, 200, r, {}, false, reqBody);
  }

  /** Review comments as a reviewer sees them: path, line and body, in order. */
  visibleComments(): { path: string; line: number | null; startLine: number | null; body: string }[] {
    return this.reviewComments.map((c) => ({ path: c.path, line: c.line, startLine: c.start_line, body: c.body }));
  }
}
