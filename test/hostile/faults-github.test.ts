/**
 * Fault matrix, GitHub half: the real pull-request path (src/github/pr-run.ts -> sources/changed.ts, publish.ts,
 * client.ts with the real Octokit from @actions/github) against the local fake GitHub, one row per fault.
 * For each row: the verdict (pass / fail / incomplete: only an analysis that could not be done is incomplete; a
 * failure to *post* leaves the verdict alone and is said in a warning), what was not analysed or not posted and why,
 * the requests the fake saw (retries stop), no duplicate review, comment or summary, and the row's wall time under a
 * bound derived from the client's retry settings.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeGitHub, githubFaults } from '../fakes/github-server.js';
import type { FakePullFile, InjectedFault } from '../fakes/github-server.js';
import { GitFixture, policy } from '../pr/git-fixture.js';
import { makeClient } from '../../src/github/client.js';
import { analysePullRequest, publishPullRequest } from '../../src/action/pull-request.js';
import type { PullRequestAnalysis, PullRequestEvent, PullRequestPublishing } from '../../src/action/pull-request.js';
import { defaultOptions } from '../../src/config/options.js';
import { toMarkdown } from '../../src/report/markdown.js';
import { BODY_LIMIT } from '../../src/github/publish.js';
import { mdText } from '../../src/report/escape.js';
import { recordFigure } from './figures.js';

/** The client's retry settings for the matrix (short, as the Access Analyzer matrix does). */
const RETRIES = 2; // attempts after the first, per request
const SERVER_ERROR_DELAY_MS = 20; // first wait after a 5xx, a timeout, a reset or a cut body (then doubled)
const REQUEST_TIMEOUT_MS = 300; // one attempt
const MAX_WAIT_MS = 2_500; // all waits of a run together (rate limits included)
const GITHUB_BUDGET_MS = 4_000; // all GitHub time of a run: requests and waits
const ATTEMPTS = RETRIES + 1;
/** A row's test timeout (a safety net, not a speed claim): the GitHub budget plus the analysis, generously. */
const ROW_BOUND_MS = GITHUB_BUDGET_MS + 15_000;

const OWNER = 'acme';
const REPO = 'infra';
const PR = 7;

// ---------------------------------------------------------------------------------------------------------------
// fixtures: git repositories with a base and a head commit, the PR file list GitHub would show for them

interface Fixture {
  dir: string;
  base: string;
  head: string;
  files: FakePullFile[];
  changedFiles: number;
  /** Base versions for the contents API (a checkout without the base commit reads them there). */
  contents: Record<string, string>;
}

const read = policy([{ sid: 'Read', action: 's3:GetObject' }]);
/** `iam:PassRole` on `*` (line 13): one blocking security-warning, new in the PR. */
const risky = policy([{ sid: 'Read', action: 's3:GetObject' }, { sid: 'Pass', action: 'iam:PassRole' }]);
const logs = policy([{ sid: 'Logs', action: 'logs:PutLogEvents' }]);

/** The patch GitHub shows for an added file. */
const addedPatch = (text: string) => {
  const lines = text.replace(/\n$/, '').split('\n');
  return `@@ -0,0 +1,${lines.length} @@\n` + lines.map((l) => '+' + l).join('\n');
};

const tmp = mkdtempSync(path.join(os.tmpdir(), 'iam-gate-ghfaults-'));
const repos: GitFixture[] = [];

function fixture(baseFiles: Record<string, string>, headFiles: Record<string, string>, pullFiles?: (f: GitFixture, base: string, head: string) => FakePullFile[]): Fixture {
  const repo = new GitFixture();
  repos.push(repo);
  const base = repo.commit(baseFiles, 'base');
  const head = repo.commit(headFiles, 'head');
  const files = pullFiles ? pullFiles(repo, base, head) : repo.pullFiles(base, head);
  return { dir: repo.dir, base, head, files, changedFiles: files.length, contents: baseFiles };
}

/** A clone with only the head commit (actions/checkout's default depth 1): no git diff, no git base. */
function shallow(f: Fixture, name: string): Fixture {
  const dir = path.join(tmp, name);
  execFileSync('git', ['clone', '-q', '--depth', '1', `file://${f.dir}`, dir], { stdio: 'ignore' });
  return { ...f, dir };
}

/**
 * Two large PRs on one repository (one 3,000-file commit is the expensive part): 3,000 changed files (2,999 added
 * Markdown files and a risky policy), and 3,050 (49 more pages and a second policy), policies listed last.
 */
function manyFiles(): { files3000: Fixture; files3050: Fixture } {
  const page = (i: number) => [`docs/page-${String(i).padStart(4, '0')}.md`, `# page ${i}\n`] as const;
  const first: Record<string, string> = Object.fromEntries(Array.from({ length: 2_999 }, (_, i) => page(i)));
  const more: Record<string, string> = Object.fromEntries(Array.from({ length: 49 }, (_, i) => page(2_999 + i)));
  const listed = (...parts: Record<string, string>[]) =>
    parts.flatMap((p) => Object.entries(p)).map(([filename, text]) => ({ filename, status: 'added' as const, patch: addedPatch(text) }));
  const repo = new GitFixture();
  repos.push(repo);
  const baseFiles = { 'iam/app.json': read };
  const base = repo.commit(baseFiles, 'base');
  const head3000 = repo.commit({ ...first, 'iam/zz-deploy.json': risky }, 'docs and a deploy policy');
  const head3050 = repo.commit({ ...more, 'iam/zz-logs.json': logs }, 'more docs and a logs policy');
  const f3000 = listed(first, { 'iam/zz-deploy.json': risky });
  const f3050 = listed(first, more, { 'iam/zz-deploy.json': risky, 'iam/zz-logs.json': logs });
  // the workspace of the 3,000-file PR is checked out at its head in a worktree
  const wt = path.join(tmp, 'files3000');
  repo.git('worktree', 'add', '-q', '--detach', wt, head3000);
  return {
    files3000: { dir: wt, base, head: head3000, files: f3000, changedFiles: f3000.length, contents: baseFiles },
    files3050: { dir: repo.dir, base, head: head3050, files: f3050, changedFiles: f3050.length, contents: baseFiles },
  };
}

let fx: {
  risky: Fixture;
  clean: Fixture;
  riskyShallow: Fixture;
  files3000: Fixture;
  files3050: Fixture;
  files3050Shallow: Fixture;
  huge: Fixture;
};

beforeAll(() => {
  const riskyFx = fixture({ 'iam/app.json': read }, { 'iam/app.json': risky });
  const { files3000, files3050 } = manyFiles();
  // a summary over GitHub's 65,536 characters: 150 policies with a blocking finding each
  const hugeHead: Record<string, string> = {};
  for (let i = 0; i < 150; i++) hugeHead[`iam/roles/service-role-with-a-long-descriptive-name-${String(i).padStart(3, '0')}.json`] = risky;
  const huge = fixture({ 'README.md': '# infra\n' }, hugeHead, () => Object.entries(hugeHead).map(([filename, text]) => ({ filename, status: 'added' as const, patch: addedPatch(text) })));
  fx = {
    risky: riskyFx,
    clean: fixture({ 'iam/app.json': read }, { 'iam/logs.json': logs }),
    riskyShallow: shallow(riskyFx, 'risky-shallow'),
    files3000,
    files3050,
    files3050Shallow: shallow(files3050, 'files3050-shallow'),
    huge,
  };
}, 120_000);

afterAll(() => {
  for (const r of repos) r.remove();
  rmSync(tmp, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------------------------
// one run of the Action's pull-request path, as src/main.ts drives it

let fake: FakeGitHub;
beforeAll(async () => {
  fake = new FakeGitHub(OWNER, REPO);
  await fake.start();
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

interface RunOptions {
  token?: string;
  fork?: boolean;
  checkRun?: boolean;
  maxComments?: number;
  /** changed_files of the event payload (default: the fixture's count). */
  changedFiles?: number;
  /** The client's GitHub budget for the run (default GITHUB_BUDGET_MS). */
  budgetMs?: number;
}

interface Run {
  analysis: PullRequestAnalysis;
  publishing?: PullRequestPublishing;
  warnings: string[];
  logs: string[];
  elapsedMs: number;
  /** The job summary (what main.ts writes to GITHUB_STEP_SUMMARY). */
  jobSummary: string;
}

async function runPr(f: Fixture, o: RunOptions = {}): Promise<Run> {
  fake.addPull({ number: PR, baseSha: f.base, headSha: f.head, files: f.files });
  fake.contents.clear();
  for (const [p, text] of Object.entries(f.contents)) fake.contents.set(`${f.base}:${p}`, text);
  const warnings: string[] = [];
  const logs: string[] = [];
  const log = (m: string) => void logs.push(m);
  const warn = (m: string) => void warnings.push(m);
  const t0 = Date.now();
  const gh = makeClient(o.token ?? 'write-token', {
    baseUrl: fake.url,
    retries: RETRIES,
    serverErrorDelayMs: SERVER_ERROR_DELAY_MS,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    maxWaitMs: MAX_WAIT_MS,
    budgetMs: o.budgetMs ?? GITHUB_BUDGET_MS,
    log,
  });
  const pr: PullRequestEvent = {
    number: PR,
    baseSha: f.base,
    headSha: f.head,
    headRepo: o.fork ? 'forker/infra' : `${OWNER}/${REPO}`,
    baseRepo: `${OWNER}/${REPO}`,
    changedFiles: o.changedFiles ?? f.changedFiles,
  };
  const options = defaultOptions(f.dir);
  options.accessAnalyzer = 'off';
  if (o.maxComments !== undefined) options.maxInlineComments = o.maxComments;
  const analysis = await analysePullRequest({ gh, repo: { owner: OWNER, repo: REPO }, pr, workspace: f.dir, paths: ['.'], options, log, warn });
  const jobSummary = toMarkdown(analysis.result, { maxChars: 900_000, fullReportHint: 'see the JSON report' });
  const publishing = analysis.changes
    ? await publishPullRequest(gh, analysis.result, analysis.changes, pr, { owner: OWNER, repo: REPO }, {
        maxInlineComments: options.maxInlineComments,
        failOn: options.failOn,
        failOnExisting: options.failOnExisting,
        checkRun: !!o.checkRun,
        runUrl: 'https://github.example/acme/infra/actions/runs/4242',
        log,
        warn,
      })
    : undefined;
  return { analysis, ...(publishing ? { publishing } : {}), warnings, logs, elapsedMs: Date.now() - t0, jobSummary };
}

// ---------------------------------------------------------------------------------------------------------------
// the rows

type Verdict = 'pass' | 'fail' | 'incomplete';

interface Row {
  name: string;
  fixture: keyof typeof fx;
  run?: RunOptions;
  /** Faults in place before the run. */
  arrange?: (f: FakeGitHub) => void;
  /** Runs before the one under test (same PR), each with its own faults. */
  before?: { run?: RunOptions; arrange?: (f: FakeGitHub) => void }[];
  verdict: Verdict;
  /** Requests the fake sees in the run under test: exact, or [min, max]. */
  requests: number | [number, number];
  /** What the PR shows after the run: reviews, review comments, summary comments (no duplicates). */
  shown: { reviews: number; comments: number; summaries: number };
  /** Whether the review/summary were posted (PublishResult.posted). */
  posted: boolean;
  /** Why analysis was incomplete: every error matches one of these (and each of these matches an error). */
  errors?: RegExp[];
  /** Notes the report must carry (what was used instead, what was not analysed). */
  notes?: RegExp[];
  /** Warnings the run must give (what was not posted, and why). */
  warnings?: RegExp[];
  /** Extra checks on the run. */
  check?: (r: Run, f: FakeGitHub) => void;
}

const files = /\/pulls\/7\/files$/;
const reviews = /\/pulls\/7\/reviews$/;
const reviewComments = /\/pulls\/7\/comments$/;
const issueComments = /\/issues\/7\/comments$/;
const checkRuns = /\/check-runs$/;
const everything = /./;
const on = (p: RegExp, fault: Omit<InjectedFault, 'path'>, o: { method?: string; times?: number; mode?: InjectedFault['mode'] } = {}) => (f: FakeGitHub) =>
  f.inject(p, fault, o);
const all = (...steps: ((f: FakeGitHub) => void)[]) => (f: FakeGitHub) => steps.forEach((s) => s(f));
const PERSISTENT = 1_000;

/** The baseline of the risky PR with a write token: list files, list review comments, list reviews, create the review, list issue comments, create the summary. */
const RISKY_REQUESTS = 6;
const POSTED = { reviews: 1, comments: 1, summaries: 1 };
const NOTHING = { reviews: 0, comments: 0, summaries: 0 };

const rows: Row[] = [
  // --- no fault
  { name: 'no fault (risky PR)', fixture: 'risky', verdict: 'fail', requests: RISKY_REQUESTS, shown: POSTED, posted: true },
  { name: 'no fault (clean PR)', fixture: 'clean', verdict: 'pass', requests: 5, shown: { reviews: 0, comments: 0, summaries: 1 }, posted: true },
  {
    name: 'rerun on the same head: no duplicates, summary edited in place',
    fixture: 'risky',
    before: [{}],
    verdict: 'fail',
    requests: 5, // files, review comments, reviews, issue comments, PATCH summary
    shown: POSTED,
    posted: true,
    check: (r, f) => {
      expect(r.publishing?.published?.skippedDuplicates).toBe(1);
      expect(f.calls('PATCH', /\/issues\/comments\/\d+$/)).toHaveLength(1);
    },
  },

  // --- 403 / 401: the token may not write (fork PR), may not create check runs, or has expired
  {
    name: '403 read-only token (fork PR): nothing posted, findings in annotations/job summary',
    fixture: 'risky',
    run: { token: 'read-token', fork: true },
    verdict: 'fail',
    requests: 4, // files, review comments, reviews, POST review -> 403 (not retried)
    shown: NOTHING,
    posted: false,
    warnings: [/Nothing was posted on the pull request \(HTTP 403: this pull request comes from a fork, so the token is read-only\)/],
  },
  {
    name: '403 read-only token, clean PR (the summary comment is refused)',
    fixture: 'clean',
    run: { token: 'read-token', fork: true },
    verdict: 'pass',
    requests: 5,
    shown: NOTHING,
    posted: false,
    warnings: [/Nothing was posted .*HTTP 403/],
  },
  {
    name: '403 on creating the check run (no "checks: write")',
    fixture: 'risky',
    run: { checkRun: true },
    arrange: on(checkRuns, githubFaults.readOnly(), { method: 'POST', times: PERSISTENT }),
    verdict: 'fail',
    requests: RISKY_REQUESTS + 1,
    shown: POSTED,
    posted: true,
    warnings: [/check run could not be created \(HTTP 403/],
  },
  {
    name: '401 Bad credentials (expired token) on every request',
    fixture: 'risky',
    arrange: on(everything, { status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' } }, { times: PERSISTENT }),
    verdict: 'fail',
    requests: 2, // files (-> git), review comments (-> nothing posted)
    shown: NOTHING,
    posted: false,
    warnings: [/Nothing was posted .*HTTP 401/],
  },

  // --- 404
  {
    name: '404 on listing the PR files: the list comes from git',
    fixture: 'risky',
    arrange: on(files, githubFaults.notFound(), { times: PERSISTENT }),
    verdict: 'fail',
    requests: RISKY_REQUESTS,
    shown: POSTED,
    posted: true,
    check: (r) => {
      expect(r.analysis.changes?.source).toBe('git');
      expect(r.logs.join('\n')).toMatch(/Listing the PR's files through the API failed \(HTTP 404/);
    },
  },
  {
    name: '404 on listing the PR files and no git history: the given paths are analysed in full',
    fixture: 'riskyShallow',
    arrange: on(files, githubFaults.notFound(), { times: PERSISTENT }),
    verdict: 'fail',
    requests: 1,
    shown: NOTHING,
    posted: false,
    notes: [/The changed files could not be determined \(API and git both failed\): the given paths were analysed in full/],
    warnings: [/[Nn]othing (is|was) posted/],
  },
  {
    name: '404 on the PR itself (every PR route)',
    fixture: 'risky',
    arrange: all(on(/\/pulls\/7\b/, githubFaults.notFound(), { times: PERSISTENT }), on(/\/issues\/7\b/, githubFaults.notFound(), { times: PERSISTENT })),
    verdict: 'fail',
    requests: 2,
    shown: NOTHING,
    posted: false,
    warnings: [/Nothing was posted on the pull request \(HTTP 404/],
  },

  // --- 422
  {
    name: '422 on creating the review (a line not in the diff): findings go to the summary',
    fixture: 'risky',
    arrange: on(reviews, githubFaults.reviewLineNotInDiff(), { method: 'POST', times: PERSISTENT }),
    verdict: 'fail',
    requests: RISKY_REQUESTS,
    shown: { reviews: 0, comments: 0, summaries: 1 },
    posted: true,
    warnings: [/GitHub rejected the inline comments \(HTTP 422: Unprocessable Entity: "Pull request review thread line must be part of the diff"/],
    check: (_r, f) => {
      expect(f.issueComments[0]!.body).toContain('iam/app.json:13');
      expect(f.issueComments[0]!.body).toContain('**1 more** on changed lines is listed below only');
    },
  },

  // --- 5xx
  {
    name: '502 (HTML page) once on listing the files: retried',
    fixture: 'risky',
    arrange: on(files, githubFaults.serverError(502)),
    verdict: 'fail',
    requests: RISKY_REQUESTS + 1,
    shown: POSTED,
    posted: true,
    check: (r) => expect(r.analysis.changes?.source).toBe('api'),
  },
  {
    name: '500 once on creating the review (not created): created once',
    fixture: 'risky',
    arrange: on(reviews, githubFaults.serverError(500), { method: 'POST' }),
    verdict: 'fail',
    requests: RISKY_REQUESTS + 2, // POST -> 500, GET reviews (not there), POST again
    shown: POSTED,
    posted: true,
  },
  {
    name: '502 on creating the review after GitHub created it: no second review',
    fixture: 'risky',
    arrange: on(reviews, githubFaults.serverError(502), { method: 'POST', mode: 'after' }),
    verdict: 'fail',
    requests: RISKY_REQUESTS + 1, // POST -> 502 (created), GET reviews: found, not posted again
    shown: POSTED,
    posted: true,
    check: (r) => expect(r.publishing?.published?.inlineComments).toBe(1),
  },
  {
    name: '502 on creating the summary comment after GitHub created it: no second summary',
    fixture: 'risky',
    arrange: on(issueComments, githubFaults.serverError(502), { method: 'POST', mode: 'after' }),
    verdict: 'fail',
    requests: RISKY_REQUESTS + 1, // POST -> 502 (created), GET comments: found
    shown: POSTED,
    posted: true,
  },
  {
    name: '502 on creating the check run after GitHub created it: one check run',
    fixture: 'risky',
    run: { checkRun: true },
    arrange: on(checkRuns, githubFaults.serverError(502), { method: 'POST', mode: 'after' }),
    verdict: 'fail',
    requests: RISKY_REQUESTS + 2, // POST check run -> 502 (created), GET the head's check runs: found
    shown: POSTED,
    posted: true,
    check: (r, f) => {
      expect(f.checkRuns).toHaveLength(1);
      expect(r.publishing?.published?.checkRunId).toBe(f.checkRuns[0]!.id);
    },
  },
  {
    name: '503 persistent on listing the files: retries stop, the list comes from git',
    fixture: 'risky',
    arrange: on(files, githubFaults.serverError(503), { times: PERSISTENT }),
    verdict: 'fail',
    requests: ATTEMPTS + RISKY_REQUESTS - 1,
    shown: POSTED,
    posted: true,
    check: (r, f) => {
      expect(r.analysis.changes?.source).toBe('git');
      expect(f.calls('GET', files)).toHaveLength(ATTEMPTS);
    },
  },
  {
    name: '503 persistent on listing the files and no git history: the given paths are analysed in full',
    fixture: 'riskyShallow',
    arrange: on(files, githubFaults.serverError(503), { times: PERSISTENT }),
    verdict: 'fail', // the given paths are analysed in full: the finding is there
    requests: ATTEMPTS,
    shown: NOTHING,
    posted: false,
    notes: [/could not be determined/],
    warnings: [/nothing is posted on the pull request/],
  },
  {
    name: '500 persistent on creating the review: retries stop, the findings go to the summary',
    fixture: 'risky',
    arrange: on(reviews, githubFaults.serverError(500), { method: 'POST', times: PERSISTENT }),
    verdict: 'fail',
    requests: RISKY_REQUESTS + 3, // POST, GET reviews, POST, GET reviews: two tries, each looked for; then the summary
    shown: { reviews: 0, comments: 0, summaries: 1 },
    posted: true,
    warnings: [/inline comments .*(HTTP 500|Server Error)/],
    check: (_r, f) => expect(f.issueComments[0]!.body).toContain('iam/app.json:13'),
  },
  {
    name: '500 persistent on creating the summary comment: retries stop, said in a warning',
    fixture: 'risky',
    arrange: on(issueComments, githubFaults.serverError(500), { method: 'POST', times: PERSISTENT }),
    verdict: 'fail',
    requests: RISKY_REQUESTS + 3, // POST, GET comments, POST, GET comments
    shown: { reviews: 1, comments: 1, summaries: 0 },
    posted: false,
    warnings: [/Posting on the pull request failed \(.*Server Error/],
  },
  {
    name: 'rerun after a run whose summary failed (500): inline comment not reposted, one summary',
    fixture: 'risky',
    before: [{ arrange: on(issueComments, githubFaults.serverError(500), { method: 'POST', times: PERSISTENT }) }],
    verdict: 'fail',
    requests: 5, // files, review comments, reviews (already there for this head), issue comments, POST summary
    shown: POSTED,
    posted: true,
  },
  {
    name: 'GitHub down (503 on every request): retries stop, verdict from the analysis',
    fixture: 'risky',
    arrange: on(everything, githubFaults.serverError(503), { times: PERSISTENT }),
    verdict: 'fail',
    requests: 2 * ATTEMPTS, // listing the files (-> git), listing the review comments (-> nothing posted)
    shown: NOTHING,
    posted: false,
    warnings: [/Posting on the pull request failed/],
  },

  // --- timeouts, resets, malformed bodies
  {
    name: 'timeout once on listing the files (hung API): retried',
    fixture: 'risky',
    arrange: on(files, {}, { mode: 'hang' }),
    verdict: 'fail',
    requests: RISKY_REQUESTS + 1,
    shown: POSTED,
    posted: true,
  },
  {
    name: 'timeout on every request (hung API): each attempt ends at the time limit, retries stop',
    fixture: 'risky',
    arrange: on(everything, {}, { mode: 'hang', times: PERSISTENT }),
    verdict: 'fail',
    requests: 2 * ATTEMPTS, // each attempt ends at the request time limit
    shown: NOTHING,
    posted: false,
    warnings: [/Posting on the pull request failed/],
  },
  {
    name: "timeout on every request with a 1 s GitHub budget: the run's budget stops it",
    fixture: 'risky',
    run: { budgetMs: 1_000 },
    arrange: on(everything, {}, { mode: 'hang', times: PERSISTENT }),
    verdict: 'fail',
    // at most 3 attempts of 300 ms on the files and one of the 100 ms left on the review comments, then nothing is
    // sent; on a loaded machine the waits between attempts use the budget sooner, so fewer may fit (never more)
    requests: [1, ATTEMPTS + 1],
    shown: NOTHING,
    posted: false,
    // bounded by the run's own budget: it ends with the budget's error, not by a clock in the test
    warnings: [/Posting on the pull request failed \(.*(time budget .* is used up|aborted due to timeout)/],
  },
  {
    name: 'contents API 503 persistent (shallow checkout: base versions through the API): findings counted as new, said',
    fixture: 'riskyShallow',
    arrange: on(/\/contents\//, githubFaults.serverError(503), { times: PERSISTENT }),
    verdict: 'fail',
    requests: ATTEMPTS + RISKY_REQUESTS,
    shown: POSTED,
    posted: true,
    notes: [/The base version of iam\/app\.json could not be read \(.*\); its findings are all counted as new/],
    check: (r, f) => expect(f.calls('GET', /\/contents\//)).toHaveLength(ATTEMPTS),
  },
  {
    name: 'connection reset once on listing the review comments: retried',
    fixture: 'risky',
    arrange: on(reviewComments, {}, { mode: 'reset' }),
    verdict: 'fail',
    requests: RISKY_REQUESTS + 1,
    shown: POSTED,
    posted: true,
  },
  {
    name: '200 with an empty body on listing the files: never "no files changed"',
    fixture: 'risky',
    arrange: on(files, { status: 200, raw: true, body: '', headers: { 'content-type': 'application/json; charset=utf-8' } }, { times: PERSISTENT }),
    verdict: 'fail',
    requests: ATTEMPTS + RISKY_REQUESTS - 1,
    shown: POSTED,
    posted: true,
    check: (r) => expect(r.analysis.changes?.source).toBe('git'),
  },
  {
    name: '200 with a cut JSON body on listing the files: retried, then git',
    fixture: 'risky',
    arrange: on(files, { status: 200, raw: true, body: '[{"filename": "iam/app.js', headers: { 'content-type': 'application/json; charset=utf-8' } }, { times: PERSISTENT }),
    verdict: 'fail',
    requests: ATTEMPTS + RISKY_REQUESTS - 1,
    shown: POSTED,
    posted: true,
    check: (r) => expect(r.analysis.changes?.source).toBe('git'),
  },
  {
    name: '200 with an empty body on listing the issue comments (rerun): no second summary',
    fixture: 'risky',
    before: [{}],
    arrange: on(issueComments, { status: 200, raw: true, body: '', headers: { 'content-type': 'application/json; charset=utf-8' } }, { method: 'GET', times: PERSISTENT }),
    verdict: 'fail',
    requests: 3 + ATTEMPTS, // files, review comments, reviews, issue comments x3; no POST
    shown: POSTED,
    posted: false,
    warnings: [/Posting on the pull request failed/],
  },

  // --- rate limits
  {
    name: 'primary rate limit, reset in 1 s (listing the files): waits, then continues',
    fixture: 'risky',
    arrange: on(files, githubFaults.primaryRateLimit(1)),
    verdict: 'fail',
    requests: RISKY_REQUESTS + 1,
    shown: POSTED,
    posted: true,
    check: (r) => expect(r.analysis.changes?.source).toBe('api'),
  },
  {
    name: 'primary rate limit, reset in 1 h (every request): no sleep past the budget, no hammering',
    fixture: 'risky',
    arrange: on(everything, githubFaults.primaryRateLimit(3600), { times: PERSISTENT }),
    verdict: 'fail',
    requests: 1, // the files (-> git); publishing is not even sent while the limit is in force
    shown: NOTHING,
    posted: false,
    // no sleep past the budget: the client refuses to wait an hour and says so (nothing later is sent)
    warnings: [/not sent: rate limit in force until/],
  },
  {
    name: 'secondary rate limit, 403 + retry-after 1 (creating the review): waits, one review',
    fixture: 'risky',
    arrange: on(reviews, githubFaults.secondaryRateLimit(1), { method: 'POST' }),
    verdict: 'fail',
    requests: RISKY_REQUESTS + 1,
    shown: POSTED,
    posted: true,
  },
  {
    name: 'secondary rate limit, 429 + retry-after 1 (listing the review comments): waits',
    fixture: 'risky',
    arrange: on(reviewComments, githubFaults.secondaryRateLimit(1, 429)),
    verdict: 'fail',
    requests: RISKY_REQUESTS + 1,
    shown: POSTED,
    posted: true,
  },
  {
    // GitHub: after a secondary rate limit, make no request before retry-after; the run may not wait 60 s, so it stops
    name: 'secondary rate limit, retry-after 60 (creating the review): not waited, no request until it ends',
    fixture: 'risky',
    arrange: on(reviews, githubFaults.secondaryRateLimit(60), { method: 'POST', times: PERSISTENT }),
    verdict: 'fail',
    requests: 4, // files, review comments, reviews, POST review -> 403; the summary is not sent
    shown: NOTHING,
    posted: false,
    warnings: [/The inline comments could not be posted \(HTTP 403: You have exceeded a secondary rate limit/, /Posting on the pull request failed \(.*not sent: rate limit in force/],
  },
  {
    name: 'secondary rate limit without retry-after (every write): not waited a minute',
    fixture: 'clean',
    arrange: on(issueComments, githubFaults.secondaryRateLimit(undefined), { method: 'POST', times: PERSISTENT }),
    verdict: 'pass',
    requests: 5,
    shown: NOTHING,
    posted: false,
    warnings: [/Posting on the pull request failed \(.*secondary rate limit/],
  },

  // --- size limits
  {
    name: 'a PR with 3,000 changed files: 30 pages, all listed, nothing truncated',
    fixture: 'files3000',
    verdict: 'fail',
    requests: 30 + 5,
    shown: POSTED,
    posted: true,
    check: (r) => {
      expect(r.analysis.changes?.files).toHaveLength(3_000);
      expect(r.analysis.changes?.source).toBe('api');
      expect(r.analysis.result.notes.join('\n')).not.toMatch(/3,000/);
    },
  },
  {
    name: 'a PR with 3,050 changed files (GitHub lists 3,000): the full list comes from git',
    fixture: 'files3050',
    verdict: 'fail', // the risky policy is past the 3,000th file
    requests: 30 + 5,
    shown: POSTED,
    posted: true,
    notes: [/GitHub lists only 3,000 of the 3,050 files this pull request changes; the full list came from git/],
    check: (r) => {
      expect(r.analysis.changes?.files).toHaveLength(3_050);
      expect(r.analysis.result.findings.map((x) => `${x.file}:${x.line}`)).toEqual(['iam/zz-deploy.json:13']);
    },
  },
  {
    name: 'a PR with 3,050 changed files and no git history: incomplete, the 50 not listed are named as not analysed',
    fixture: 'files3050Shallow',
    verdict: 'incomplete',
    requests: 30 + 4, // 30 pages, review comments, reviews, issue comments, POST summary (no inline comment: nothing listed to anchor on)
    shown: { reviews: 0, comments: 0, summaries: 1 },
    posted: true,
    errors: [/GitHub lists only the first 3,000 of the 3,050 files .*50 changed files were not analysed/],
  },
  {
    name: 'GitHub lists fewer files than the PR changes (changed_files 2, 1 listed): the list comes from git',
    fixture: 'risky',
    run: { changedFiles: 2 },
    verdict: 'fail',
    requests: RISKY_REQUESTS,
    shown: POSTED,
    posted: true,
    check: (r) => {
      expect(r.analysis.changes?.source).toBe('git');
      expect(r.logs.join('\n')).toMatch(/Listing the PR.s files through the API failed \(GitHub listed 1 of the 2 changed files\); trying git/);
    },
  },
  {
    name: '150 blocking findings in 150 files: the summary fits whole (grouped by rule), posted, inline comments capped',
    fixture: 'huge',
    run: { maxComments: 10 },
    verdict: 'fail',
    requests: 2 + 5, // 2 pages of files
    shown: { reviews: 1, comments: 10, summaries: 1 },
    posted: true,
    check: (_r, f) => {
      const body = f.issueComments[0]!.body;
      expect(body.length).toBeLessThanOrEqual(BODY_LIMIT);
      // grouped by rule, the 150 findings fit: nothing is cut (report/markdown.ts still cuts, with a note, past the limit)
      expect(body).not.toMatch(/more findings not shown here|truncated at GitHub's 65536-character limit/);
      for (let i = 0; i < 150; i++) expect(body).toContain(`service-role-with-a-long-descriptive-name-${String(i).padStart(3, '0')}.json`);
      expect(body).toContain('10 findings are commented inline; **140 more**');
      expect(f.calls().filter((c) => c.status === 422)).toEqual([]);
    },
  },
  {
    name: '502 on adding a batch of check-run annotations after GitHub added it: not sent again, no duplicates',
    fixture: 'huge',
    run: { maxComments: 10, checkRun: true },
    arrange: on(/\/check-runs\/\d+$/, githubFaults.serverError(502), { method: 'PATCH', mode: 'after' }),
    verdict: 'fail',
    requests: 2 + 5 + 2, // files, review, summary; POST the check run, one PATCH (502 after it was applied), no more
    shown: { reviews: 1, comments: 10, summaries: 1 },
    posted: true,
    warnings: [/Check run annotations 51-100 of \d+ may be missing \(HTTP 502\)/],
    check: (_r, f) => {
      expect(f.checkRuns).toHaveLength(1);
      const keys = f.checkRuns[0]!.annotations.map((a) => JSON.stringify(a));
      expect(new Set(keys).size).toBe(keys.length); // GitHub appends: a repeated batch would show twice
      expect(f.checkRuns[0]!.annotationBatches).toEqual([50, 50]);
    },
  },
];

// ---------------------------------------------------------------------------------------------------------------

let passed = 0;
let crashes = 0;
// a row that does not end fails by its test timeout and is not counted as passed
const hangs = 0;
const times: Record<string, number> = {};

describe('fault matrix: GitHub', () => {
  afterAll(() => {
    recordFigure({ suite: 'faults-github', inputs: rows.length, crashes, hangs, missingErrors: 0, faultCases: rows.length, faultCasesPassed: passed });
    const slowest = Object.entries(times).sort((a, b) => b[1] - a[1]).slice(0, 3);
    console.log(`faults-github: ${passed}/${rows.length} rows passed; slowest rows: ${slowest.map(([n, t]) => `${t} ms (${n})`).join('; ')}`);
  });

  it.each(rows)('$name → $verdict', async (row) => {
    const f = fx[row.fixture];
    for (const b of row.before ?? []) {
      b.arrange?.(fake);
      await runPr(f, b.run);
      fake.faults = [];
    }
    fake.log = [];
    row.arrange?.(fake);
    let r: Run;
    try {
      r = await runPr(f, row.run);
    } catch (e) {
      crashes++;
      throw e;
    }
    times[row.name] = r.elapsedMs;
    const result = r.analysis.result;
    const seen = fake.log.map((l) => `${l.method} ${l.path} -> ${l.status}`);

    // verdict: what was analysed decides it; a failure to post does not
    expect(result.verdict.status, seen.join('\n')).toBe(row.verdict);
    // what was not analysed, and why (in the result, so in the job summary, the JSON/SARIF reports and the comment)
    if (row.verdict === 'incomplete' || row.errors) {
      expect(result.errors.length).toBeGreaterThan(0);
      for (const e of result.errors) expect(row.errors!.some((re) => re.test(e.message)), e.message).toBe(true);
      for (const re of row.errors ?? []) expect(result.errors.some((e) => re.test(e.message))).toBe(true);
      for (const e of result.errors) expect(r.jobSummary).toContain(mdText(e.message));
    } else {
      expect(result.errors).toEqual([]);
    }
    for (const re of row.notes ?? []) expect(result.notes.some((n) => re.test(n)), result.notes.join('\n')).toBe(true);
    for (const re of row.warnings ?? []) expect(r.warnings.some((w) => re.test(w)), r.warnings.join('\n')).toBe(true);
    if (!row.warnings) expect(r.warnings).toEqual([]);

    // retries stop: the requests GitHub saw
    const [min, max] = typeof row.requests === 'number' ? [row.requests, row.requests] : row.requests;
    expect(fake.log.length, seen.join('\n')).toBeGreaterThanOrEqual(min);
    expect(fake.log.length, seen.join('\n')).toBeLessThanOrEqual(max);

    // no duplicates: what the PR shows
    expect({ reviews: fake.reviews.length, comments: fake.reviewComments.length, summaries: fake.issueComments.length }).toEqual(row.shown);
    expect(r.publishing?.published?.posted ?? false).toBe(row.posted);

    // bounded: by the client's limits (attempts, request timeout, the run's budget), asserted above as the requests
    // sent and the errors/warnings it ends with; a row that does not end fails by its test timeout (ROW_BOUND_MS)
    row.check?.(r, fake);
    passed++;
  }, ROW_BOUND_MS);
});
