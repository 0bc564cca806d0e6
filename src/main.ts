/** GitHub Action entry: inputs -> runGate() -> job summary, annotations, outputs, step status. Thin. */
import * as core from '@actions/core';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { runGate } from './gate.js';
import { ConfigError, loadOptions } from './config/load.js';
import { actionInputsLayer } from './config/inputs.js';
import { toMarkdown } from './report/markdown.js';
import { commandProperty, commandValue, mdText } from './report/escape.js';
import { toSarif } from './report/sarif.js';
import { toJsonReport } from './report/json.js';
import { toAnnotations } from './report/annotations.js';
import { credentialsProblem } from './checks/access-analyzer/index.js';
import { makeClient } from './github/client.js';
import type { GitHubClient } from './github/client.js';
import { analysePullRequest, publishPullRequest, readPullRequestEvent } from './github/pr-run.js';
import { loadPullRequestConfig } from './github/pr-config.js';
import { lineFixes, makeSuggester } from './github/suggest.js';
import { ReportError, loadReportForPosting, readWorkflowRunEvent } from './github/report-mode.js';
import type { ChangeSet } from './github/pr-run.js';
import type { PublishResult } from './github/publish.js';
import { publish } from './github/publish.js';
import { actionShard } from './shard/action.js';

/** core.getInput returns '' for an input absent from the environment: fall back to the action.yml default. */
function input(name: string, fallback: string): string {
  const v = core.getInput(name);
  return v === '' ? fallback : v;
}

function lineUrlFactory(headSha?: string): ((file: string, line: number, endLine: number) => string | undefined) | undefined {
  const server = process.env.GITHUB_SERVER_URL;
  const repo = process.env.GITHUB_REPOSITORY;
  const sha = headSha ?? process.env.GITHUB_SHA;
  if (!server || !repo || !sha || !/^[\w.-]+\/[\w.-]+$/.test(repo) || !/^[0-9a-f]{7,64}$/.test(sha)) return undefined;
  return (file, line, endLine) =>
    `${server}/${repo}/blob/${sha}/${file.split('/').map(encodeURIComponent).join('/')}#L${line}${endLine > line ? `-L${endLine}` : ''}`;
}

function parseBool(v: string, name: string): boolean {
  if (/^(true|yes|1|on)$/i.test(v.trim())) return true;
  if (/^(false|no|0|off)$/i.test(v.trim())) return false;
  throw new ConfigError(`input ${name} must be true or false, got "${v}"`);
}

/** Secrets the action handles (its token input, AWS credentials from the environment): masked in every log line. */
export function maskSecrets(env: NodeJS.ProcessEnv = process.env): void {
  const values = [core.getInput('github-token'), core.getInput('token'), env.GITHUB_TOKEN, env.INPUT_GITHUB_TOKEN, env.AWS_SECRET_ACCESS_KEY, env.AWS_SESSION_TOKEN, env.ACTIONS_RUNTIME_TOKEN, env.ACTIONS_ID_TOKEN_REQUEST_TOKEN];
  for (const v of values) if (v && v.trim().length >= 4) core.setSecret(v);
}

export async function run(): Promise<void> {
  maskSecrets();
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  const mode = input('mode', 'analyse');
  if (mode === 'report') return reportMode(workspace);
  if (mode !== 'analyse') throw new ConfigError(`input mode must be analyse or report (got ${JSON.stringify(mode)})`);
  const paths = input('paths', '.')
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
  // pull request: the changed files and their base versions
  const pr = readPullRequestEvent(process.env.GITHUB_EVENT_PATH);
  const [owner = '', repoName = ''] = (process.env.GITHUB_REPOSITORY ?? '').split('/');
  const token = input('github-token', '') || process.env.GITHUB_TOKEN || '';
  const gh: GitHubClient | undefined = token ? makeClient(token, { log: (m) => core.info(m) }) : undefined;
  // precedence: defaults < config file < Action inputs (config/precedence.ts); in a pull request the config file is
  // the base commit's (config/trusted.ts), and the PR's own changes to it are findings (config-weakened)
  const configPath = core.getInput('config') || undefined;
  // the old input name max-comments is max-inline-comments (one name, as in the config file)
  const legacyMax = core.getInput('max-comments');
  if (legacyMax) core.warning('Input max-comments is deprecated: use max-inline-comments (the config file key has the same name).');
  const layers = { action: actionInputsLayer((n) => (n === 'max-inline-comments' ? core.getInput(n) || legacyMax : core.getInput(n))) };
  // any pull-request event reads the base's config (without a repository name only git can, else it fails closed)
  const loaded = pr
    ? await loadPullRequestConfig({ gh, repo: { owner, repo: repoName }, pr, workspace, configPath, layers, log: (m) => core.info(m) })
    : { ...loadOptions(workspace, workspace, configPath, layers), findings: [], notes: [] };
  const { options } = loaded;
  if (options.accessAnalyzer === 'on') {
    const problem = await credentialsProblem(options);
    if (problem) {
      core.setFailed(`IAM Policy Gate: ${problem.replace('--access-analyzer on', 'access-analyzer: on')}`);
      core.setOutput('verdict', 'incomplete');
      return;
    }
  }
  const checkRun = parseBool(input('check-run', 'false'), 'check-run');
  // `shard: I/N`: this job analyses one slice; a final job merges the reports and posts (docs/sharding.md)
  const shard = actionShard(core.getInput('shard'), options, workspace);

  let changes: ChangeSet | undefined;
  // plans the workflow generated (terraform show -json) for this checkout: trusted inputs, read where they are
  const terraformPlans = core
    .getInput('terraform-plan')
    .split('\n')
    .map((x) => x.trim())
    .filter(Boolean)
    .map((f) => ({ display: f, text: readFileSync(path.resolve(workspace, f), 'utf8') }));
  let result: Awaited<ReturnType<typeof runGate>>;
  if (pr && owner && repoName) {
    ({ result, changes } = await analysePullRequest({
      gh,
      repo: { owner, repo: repoName },
      pr,
      workspace,
      paths,
      options,
      configFindings: loaded.findings,
      configNotes: loaded.notes,
      log: (m) => core.info(m),
      warn: (m) => core.warning(m),
      ...(terraformPlans.length ? { terraformPlans } : {}),
      ...(shard ? { shard: shard.select } : {}),
    }));
  } else {
    result = await runGate(paths, options, { ...(terraformPlans.length ? { terraformPlans } : {}), ...(shard ? { shard: shard.select } : {}) });
  }

  const atHead = pr ? isPrHead(workspace, pr.headSha) : false;

  // our own report files go under RUNNER_TEMP (outside the workspace: the next scan must not read them)
  // one-click fixes, re-checked against the head checkout (only when it is the PR head): SARIF fixes and suggestions
  const suggest = atHead ? makeSuggester(workspace, options, (m) => core.info(m)) : undefined;
  const fixes = suggest ? await lineFixes(result.findings, makeSuggester(workspace, options, (m) => core.info(m))) : undefined;
  const sarifFile = reportPath(core.getInput('sarif-file'), 'iam-policy-gate.sarif', workspace);
  const jsonFile = reportPath(core.getInput('json-file'), 'iam-policy-gate.json', workspace);
  for (const [file, body] of [
    [sarifFile, JSON.stringify(toSarif(result, { category: core.getInput('sarif-category') || options.commentTag || undefined, ...(fixes?.size ? { fixes } : {}) }), null, 2)],
    [jsonFile, JSON.stringify({ ...(toJsonReport(result, pr ? { pullRequest: { number: pr.number, headSha: pr.headSha, baseSha: pr.baseSha } } : {}) as object), ...(shard?.info() ? { shard: shard.info() } : {}) }, null, 2)],
  ] as const) {
    const abs = file;
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, body + '\n');
  }

  const lineUrl = lineUrlFactory(pr?.headSha);
  const md = toMarkdown(result, { lineUrl, maxChars: 900_000, fullReportHint: `see the JSON report ${jsonFile}` });
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(md).write();

  // the review, the sticky summary comment, the optional check run; a read-only token falls back to the above
  let published: PublishResult | undefined;
  if (shard) core.info(`Shard ${shard.info()?.index}/${shard.info()?.count}: nothing is posted from one shard; the job that merges the shard reports posts (docs/sharding.md).`);
  if (pr && changes && gh && !shard) {
    const server = process.env.GITHUB_SERVER_URL;
    const runId = process.env.GITHUB_RUN_ID;
    let error: string | undefined;
    ({ published, error } = await publishPullRequest(gh, result, changes, pr, { owner, repo: repoName }, {
      maxInlineComments: options.maxInlineComments,
      comment: options.comment,
      inline: options.inline,
      annotations: options.annotations,
      tag: options.commentTag,
      reportOnly: options.reportOnly,
      // one-click fixes, re-checked against the head checkout before they are posted
      ...(suggest ? { suggest } : {}),
      failOn: options.failOn,
      failOnExisting: options.failOnExisting,
      checkRun,
      ...(server && runId && /^\d+$/.test(runId) ? { runUrl: `${server}/${owner}/${repoName}/actions/runs/${runId}` } : {}),
      ...(lineUrl ? { lineUrl } : {}),
      log: (m) => core.info(m),
      warn: (m) => core.warning(m),
    }));
    // a failure to post does not change the verdict; it is said in the log (warning), here, and in the `posted` output
    const notPosted = error ?? published?.fallbackReason;
    if (notPosted && process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(`\n\n> ⚠️ ${mdText(notPosted)}\n`).write();
    if (published?.posted)
      core.info(
        `Posted: ${published.inlineComments} inline comments (${published.skippedDuplicates} already there), ${published.markedFixed} earlier comments marked fixed (${published.resolvedThreads} threads resolved), summary comment ${published.summaryUpdated ? 'updated' : 'created'}.`,
      );
  }

  // annotations on the log (work without any token, also on fork PRs); a check run that carries them is not repeated
  process.stdout.write(toAnnotations(result, { mode: options.annotations, findings: published?.checkRunId === undefined }));

  const blocking = result.verdict.blocking;
  core.setOutput('verdict', result.verdict.status);
  core.setOutput('findings-count', String(result.findings.filter((f) => !f.suppressed).length));
  core.setOutput('blocking-count', String(blocking));
  core.setOutput('json-file', jsonFile);
  core.setOutput('sarif-file', sarifFile);
  core.setOutput('new-count', String(result.verdict.newCount ?? ''));
  core.setOutput('existing-count', String(result.verdict.existingCount ?? ''));
  core.setOutput('comment-url', published?.summaryUrl ?? '');
  core.setOutput('posted', String(published?.posted ?? false));

  const v = result.verdict;
  if (v.status === 'fail') core.setFailed(`IAM Policy Gate failed: ${v.reason}`);
  else if (v.status === 'incomplete') core.setFailed(`IAM Policy Gate could not complete the analysis: ${v.reason} See "Not analysed" in the job summary.`);
  else core.info(`IAM Policy Gate passed: ${v.reason}`);
}

/**
 * `mode: report`: post the review, summary and check run of a fork PR from the analysis run's JSON report (a
 * workflow_run job with a write token; no PR code is checked out or run). See github/report-mode.ts.
 */
async function reportMode(workspace: string): Promise<void> {
  const [owner = '', repoName = ''] = (process.env.GITHUB_REPOSITORY ?? '').split('/');
  const token = input('github-token', '') || process.env.GITHUB_TOKEN || '';
  if (!token || !owner || !repoName) throw new ConfigError('mode: report needs github-token and GITHUB_REPOSITORY');
  const gh = makeClient(token, { log: (m) => core.info(m) });
  // the noise controls from the inputs only: the config file would be the workspace's, which this job does not check out
  const { options } = loadOptions(workspace, workspace, undefined, { action: actionInputsLayer((n) => core.getInput(n)) });
  const reportFile = path.resolve(workspace, input('report-file', 'iam-policy-gate.json'));
  let loaded;
  try {
    loaded = await loadReportForPosting({ gh, repo: { owner, repo: repoName }, reportFile, run: readWorkflowRunEvent(process.env.GITHUB_EVENT_PATH) });
  } catch (e) {
    if (!(e instanceof ReportError) && !(e instanceof SyntaxError)) throw e;
    core.setFailed(`IAM Policy Gate (report): the report was refused: ${e.message}. Nothing was posted.`);
    core.setOutput('posted', 'false');
    return;
  }
  if ('skip' in loaded) {
    core.notice(`IAM Policy Gate (report): nothing posted: ${loaded.skip}.`);
    core.setOutput('posted', 'false');
    return;
  }
  const server = process.env.GITHUB_SERVER_URL;
  const runId = process.env.GITHUB_RUN_ID;
  let published: PublishResult | undefined;
  let error: string | undefined;
  try {
    published = await publish(
      gh,
      loaded.result,
      loaded.files,
      {
        owner,
        repo: repoName,
        pullNumber: loaded.number,
        headSha: loaded.headSha,
        fork: true,
        ...(server && runId && /^\d+$/.test(runId) ? { runUrl: `${server}/${owner}/${repoName}/actions/runs/${runId}` } : {}),
        lineUrl: (file, line, endLine) => `${server ?? 'https://github.com'}/${owner}/${repoName}/blob/${loaded.headSha}/${file.split('/').map(encodeURIComponent).join('/')}#L${line}${endLine > line ? `-L${endLine}` : ''}`,
      },
      {
        maxInlineComments: options.maxInlineComments,
        comment: options.comment,
        inline: options.inline,
        annotations: options.annotations,
        tag: options.commentTag,
        reportOnly: loaded.result.verdict.reportOnly ?? false,
        failOn: loaded.result.verdict.failOn,
        failOnExisting: loaded.result.verdict.failOnExisting ?? false,
        checkRun: parseBool(input('check-run', 'false'), 'check-run'),
        log: (m) => core.info(m),
        warn: (m) => core.warning(m),
      },
    );
  } catch (e) {
    error = `posting failed (${(e as Error).message})`;
  }
  core.setOutput('verdict', loaded.result.verdict.status);
  core.setOutput('posted', String(published?.posted ?? false));
  core.setOutput('comment-url', published?.summaryUrl ?? '');
  if (error || !published?.posted) core.setFailed(`IAM Policy Gate (report): ${error ?? published?.fallbackReason ?? 'nothing was posted'}`);
  else core.info(`IAM Policy Gate (report): posted on pull request #${loaded.number} (${loaded.headSha.slice(0, 12)}), verdict ${loaded.result.verdict.status}.`);
}

/** An explicit path is the user's (relative to the workspace); the default goes under RUNNER_TEMP. */
function reportPath(given: string, name: string, workspace: string): string {
  if (given) return path.resolve(workspace, given);
  const temp = process.env.RUNNER_TEMP;
  return temp ? path.join(temp, 'iam-policy-gate', name) : path.resolve(workspace, name);
}

/**
 * Inline comments are placed on the PR head's lines: a merge-commit checkout (actions/checkout's default) is warned
 * about. True when the checkout is the PR head (suggested changes are made from its files only then).
 */
function isPrHead(workspace: string, headSha: string): boolean {
  let head = '';
  try {
    head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: workspace, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();
  } catch {
    return false; // not a git checkout: the changed files come from the API
  }
  if (head === headSha) return true;
  if (head)
    core.warning(
      `The checkout (HEAD ${head.slice(0, 12)}) is not the pull request head ${headSha.slice(0, 12)}: findings may point at the wrong lines, and no suggested changes are made. Check out the head: actions/checkout with ref: \${{ github.event.pull_request.head.sha }}.`,
    );
  return false;
}

run().catch((e: unknown) => {
  if (e instanceof ConfigError) {
    // the user's input or config file, not a crash: say where
    const where = e.file ? `file=${commandProperty(e.file)}${e.line ? `,line=${e.line}` : ''},` : '';
    process.stdout.write(`::error ${where}title=${commandProperty('IAM Policy Gate: configuration error')}::${commandValue(e.message)}\n`);
    core.setFailed(`IAM Policy Gate: configuration error (verdict: incomplete): ${e.message}`);
    core.setOutput('verdict', 'incomplete');
    return;
  }
  core.setFailed(`IAM Policy Gate crashed (verdict: incomplete): ${(e as Error)?.message ?? String(e)}`);
  core.setOutput('verdict', 'incomplete');
});
