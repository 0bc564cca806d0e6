/**
 * The pull-request side of an Action run: read the event, the gate's config from the base commit, the changed files
 * (API, else git) and the base version of each (sources/base-contents.ts), run the gate, publish. I/O at the edge;
 * the decisions are in sources/changed.ts, config/trusted.ts and findings/baseline.ts; posting is github/publish.ts.
 */
import { childProcess } from '../util/builtins.js';
import { readFileSync } from 'node:fs';
import type { GitHubClient } from '../github/client.js';
import { httpStatus } from '../github/client.js';
import type { ApiChangedFiles, ChangedFile } from '../sources/changed.js';
import { MAX_PR_FILES, changedFilesFromApi, changedFilesFromGit, filterChangedPaths, withinScopes } from '../sources/changed.js';
import { baseCommitSource, resolveBase } from '../sources/base-contents.js';
import type { Options } from '../config/options.js';
import type { OptionLayers } from '../config/precedence.js';
import type { TrustedConfig } from '../config/trusted.js';
import { loadTrustedOptions } from '../config/trusted.js';
import { changeScope } from '../sources/affected.js';
import type { ChangeScope } from '../sources/affected.js';
import { runGate } from '../gate.js';
import type { GateRun, WorkflowPlan } from '../gate.js';
import type { GateResult } from '../result.js';
import { publish } from '../github/publish.js';
import type { PublishOptions, PublishResult } from '../github/publish.js';
import type { AnalysisError, Finding, Severity } from '../result.js';
import { appendAll } from '../util/arrays.js';

export interface PullRequestEvent {
  number: number;
  baseSha: string;
  headSha: string;
  /** owner/name of the head repository (differs from the base for fork PRs). */
  headRepo?: string;
  baseRepo?: string;
  /** The PR's changed-file count (`changed_files` of the event): tells a listing GitHub cut at 3,000 files. */
  changedFiles?: number;
}

const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/** The pull request of a `pull_request`/`pull_request_target` event, or undefined for other events. */
export function readPullRequestEvent(eventPath: string | undefined): PullRequestEvent | undefined {
  if (!eventPath) return undefined;
  let event: Record<string, unknown>;
  try {
    event = JSON.parse(readFileSync(eventPath, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const pr = event.pull_request as
    | { number?: unknown; changed_files?: unknown; base?: { sha?: unknown; repo?: { full_name?: unknown } }; head?: { sha?: unknown; repo?: { full_name?: unknown } | null } }
    | undefined;
  if (!pr || typeof pr.number !== 'number') return undefined;
  const baseSha = String(pr.base?.sha ?? '');
  const headSha = String(pr.head?.sha ?? '');
  if (!SHA.test(baseSha) || !SHA.test(headSha)) return undefined;
  return {
    number: pr.number,
    baseSha,
    headSha,
    ...(typeof pr.head?.repo?.full_name === 'string' ? { headRepo: pr.head.repo.full_name } : {}),
    ...(typeof pr.base?.repo?.full_name === 'string' ? { baseRepo: pr.base.repo.full_name } : {}),
    ...(typeof pr.changed_files === 'number' && Number.isInteger(pr.changed_files) && pr.changed_files >= 0 ? { changedFiles: pr.changed_files } : {}),
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

/**
 * Inline comments are placed on the PR head's lines: a merge-commit checkout (actions/checkout's default) is warned
 * about. True when the checkout is the PR head (suggested changes are made from its files only then).
 */
export function isPrHead(workspace: string, headSha: string, warn: (m: string) => void): boolean {
  let head = '';
  try {
    head = childProcess().execFileSync('git', ['rev-parse', 'HEAD'], { cwd: workspace, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();
  } catch {
    return false; // not a git checkout: the changed files come from the API
  }
  if (head === headSha) return true;
  if (head)
    warn(
      `The checkout (HEAD ${head.slice(0, 12)}) is not the pull request head ${headSha.slice(0, 12)}: findings may point at the wrong lines, and no suggested changes are made. Check out the head: actions/checkout with ref: \${{ github.event.pull_request.head.sha }}.`,
    );
  return false;
}

export interface ChangeSet {
  /** Changed files (removed ones excluded), with hunks where known. */
  files: ChangedFile[];
  /** Every changed file, removed ones included. */
  all: ChangedFile[];
  /** The changed files under the `paths` input of a type the gate reads and inside the config's globs. */
  analyse: string[];
  /** What the change touches: the files whose analysis reads any of it are analysed (gate.ts, sources/affected.ts). */
  scope: ChangeScope;
  source: 'api' | 'git';
  notes: string[];
  /** What could not be analysed because the change list is incomplete (makes the verdict incomplete). */
  errors: AnalysisError[];
}

const count = (n: number) => n.toLocaleString('en-US');

export async function resolveChanges(
  gh: GitHubClient | undefined,
  repo: { owner: string; repo: string },
  pr: PullRequestEvent,
  root: string,
  scopes: string[],
  options: Options,
  log: (m: string) => void,
): Promise<ChangeSet | undefined> {
  const notes: string[] = [];
  const errors: AnalysisError[] = [];
  let files: ChangedFile[] | undefined;
  let source: ChangeSet['source'] = 'api';
  /** GitHub's listing when it stops at 3,000 files: git lists them all, else what is missing is reported. */
  let cut: ApiChangedFiles | undefined;
  if (gh) {
    try {
      const r = await changedFilesFromApi(gh, repo, pr.number, pr.changedFiles);
      if (r.truncated) cut = r;
      else files = r.files;
    } catch (e) {
      log(`Listing the PR's files through the API failed (${httpStatus(e) ? `HTTP ${httpStatus(e)}: ` : ''}${(e as Error).message}); trying git.`);
    }
  }
  const of = cut?.total !== undefined ? `${count(MAX_PR_FILES)} of the ${count(cut.total)} files` : `the first ${count(MAX_PR_FILES)} files`;
  if (!files) {
    try {
      files = changedFilesFromGit(root, pr.baseSha, pr.headSha);
      source = 'git';
      if (cut) notes.push(`GitHub lists only ${of} this pull request changes; the full list came from git.`);
    } catch (e) {
      const why = (e as Error).message.split('\n')[0];
      log(`git diff ${pr.baseSha.slice(0, 12)}...${pr.headSha.slice(0, 12)} failed: ${why}`);
      if (!cut) return undefined;
      files = cut.files;
      const missing = cut.total !== undefined ? `${count(cut.total - cut.files.length)} changed files were not analysed` : 'the changed files past those were not analysed';
      errors.push({
        file: `pull request #${pr.number}`,
        kind: 'github',
        message: `GitHub lists only the first ${count(MAX_PR_FILES)} of the ${cut.total !== undefined ? count(cut.total) : `more than ${count(MAX_PR_FILES)}`} files this pull request changes, and git could not list them (the checkout lacks the base commit: use fetch-depth: 0): ${missing}.`,
      });
    }
  }
  const kept = files.filter((f) => f.status !== 'removed' && f.status !== 'unchanged');
  const scoped = withinScopes(kept, scopes);
  return { files: kept, all: files, analyse: filterChangedPaths(scoped.map((f) => f.path), options), scope: changeScope(files), source, notes, errors };
}

export interface PullRequestAnalysis {
  result: GateResult;
  /** Undefined when the changed files could not be determined (the given paths were analysed in full). */
  changes?: ChangeSet;
}

/**
 * The analysis of a pull request: its changed files (API, else git), their base versions, runGate on them. What
 * could not be done is in the result (errors make it incomplete; notes say what was used instead).
 */
export async function analysePullRequest(o: {
  gh: GitHubClient | undefined;
  repo: { owner: string; repo: string };
  pr: PullRequestEvent;
  workspace: string;
  paths: string[];
  options: Options;
  /** From the config loader (config/trusted.ts): what the PR's change to the gate's config would do once merged. */
  configFindings?: Finding[];
  /** `shard: I/N` (src/shard/): the slice of the files this job analyses. */
  shard?: GateRun['shard'];
  configNotes?: string[];
  log: (m: string) => void;
  warn: (m: string) => void;
  /** Plans the workflow generated for the checkout (Action input `terraform-plan`). */
  terraformPlans?: WorkflowPlan[];
}): Promise<PullRequestAnalysis> {
  const run: GateRun = { findings: o.configFindings ?? [], notes: o.configNotes ?? [], ...(o.terraformPlans?.length ? { terraformPlans: o.terraformPlans } : {}), ...(o.shard ? { shard: o.shard } : {}) };
  const prNotes: string[] = [];
  if (!o.gh) o.warn('No GitHub token (input github-token or GITHUB_TOKEN): the changed files come from git and nothing is posted on the PR.');
  const changes = await resolveChanges(o.gh, o.repo, o.pr, o.workspace, o.paths, o.options, o.log);
  if (changes) {
    run.changes = changes.scope;
    run.errors = changes.errors;
    appendAll(prNotes, changes.notes);
    o.log(`Pull request #${o.pr.number}: ${changes.all.length} changed files (${changes.source}).`);
    run.base = await resolveBase(o.gh, o.repo, o.pr, o.workspace, changes, o.options, o.log, o.paths);
    if (!run.base) prNotes.push('The base version of the changed files could not be read: every finding is counted as new.');
  } else {
    prNotes.push('The changed files could not be determined (API and git both failed): the given paths were analysed in full.');
    if (o.gh) o.warn('The changed files could not be determined (API and git both failed): the given paths were analysed in full, and nothing is posted on the pull request (no diff to place comments on).');
  }
  const result = await runGate(o.paths, o.options, run);
  appendAll(result.notes, prNotes);
  if (changes) {
    // the files to publish on are the analysed ones, not only those the PR touched
    changes.analyse = result.affected ?? changes.analyse;
    o.log(`${changes.analyse.length} files analysed: changed, or reading a changed file.`);
  }
  return { result, ...(changes ? { changes } : {}) };
}

export interface PullRequestPublishing {
  published?: PublishResult;
  /** Why posting failed, when it did for another reason than a read-only token (that is published.fallbackReason). */
  error?: string;
}

/**
 * The review, the sticky summary comment and the optional check run. Posting is a report channel: its failure does
 * not change the verdict (the analysis is complete or not whatever GitHub answers), and it is said out loud.
 */
export async function publishPullRequest(
  gh: GitHubClient,
  result: GateResult,
  changes: ChangeSet,
  pr: PullRequestEvent,
  repo: { owner: string; repo: string },
  o: {
    maxInlineComments: number;
    /** Noise controls and matrix tag (PublishOptions). */
    comment?: PublishOptions['comment'];
    inline?: PublishOptions['inline'];
    annotations?: PublishOptions['annotations'];
    tag?: string;
    reportOnly?: boolean;
    suggest?: PublishOptions['suggest'];
    failOn: Severity;
    failOnExisting: boolean;
    checkRun: boolean;
    runUrl?: string;
    lineUrl?: (file: string, line: number, endLine: number) => string | undefined;
    log: (m: string) => void;
    warn: (m: string) => void;
  },
): Promise<PullRequestPublishing> {
  try {
    const published = await publish(
      gh,
      result,
      changes.files,
      {
        owner: repo.owner,
        repo: repo.repo,
        pullNumber: pr.number,
        headSha: pr.headSha,
        fork: !!pr.headRepo && !!pr.baseRepo && pr.headRepo !== pr.baseRepo,
        ...(o.runUrl ? { runUrl: o.runUrl } : {}),
        ...(o.lineUrl ? { lineUrl: o.lineUrl } : {}),
      },
      {
        maxInlineComments: o.maxInlineComments,
        checkRun: o.checkRun,
        failOn: o.failOn,
        failOnExisting: o.failOnExisting,
        ...(o.comment ? { comment: o.comment } : {}),
        ...(o.inline ? { inline: o.inline } : {}),
        ...(o.annotations ? { annotations: o.annotations } : {}),
        ...(o.tag ? { tag: o.tag } : {}),
        ...(o.reportOnly ? { reportOnly: true } : {}),
        ...(o.suggest ? { suggest: o.suggest } : {}),
        log: o.log,
        warn: o.warn,
        // nothing IAM-related changed (and the change list is complete): only keep an existing summary up to date
        updateOnly: changes.analyse.length === 0 && result.errors.length === 0,
      },
    );
    return { published };
  } catch (e) {
    const error = `Posting on the pull request failed (${(e as Error).message}); the findings are in the annotations, the job summary and the reports.`;
    o.warn(error);
    return { error };
  }
}
