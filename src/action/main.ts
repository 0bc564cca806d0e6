/**
 * The GitHub Action: inputs -> runGate() (a pull request: its changed files, base and config from the base commit)
 * -> reports, job summary, review, annotations, outputs, step status. `mode: report` posts a fork PR's report.
 * Logic lives in plain modules (pull-request.ts, inputs.ts, outputs.ts); src/main.ts is the bundle's entry.
 */
import * as core from '@actions/core';
import { runGate } from '../gate.js';
import { loadOptions } from '../config/load.js';
import { toMarkdown } from '../report/markdown.js';
import { credentialsProblem } from '../checks/access-analyzer/index.js';
import { makeClient } from '../github/client.js';
import type { GitHubClient } from '../github/client.js';
import { lineFixes, makeSuggester, repositoryServicePrincipals } from '../github/suggest.js';
import type { PublishResult } from '../github/publish.js';
import type { GateResult } from '../result.js';
import type { Options } from '../config/options.js';
import { analysePullRequest, isPrHead, loadPullRequestConfig, publishPullRequest, readPullRequestEvent } from './pull-request.js';
import type { ChangeSet, PullRequestEvent } from './pull-request.js';
import { configInputs, githubToken, input, maskSecrets, modeInput, parseBool, pathsInput, reportPath, repository, terraformPlanInputs } from './inputs.js';
import { addToJobSummary, failed, finish, lineUrlFactory, reportPosting, runUrl, writeAnnotations, writeReports } from './outputs.js';
import type { LineUrl } from './outputs.js';
import { reportMode } from './report-mode.js';
import { actionShard } from '../shard/action.js';

export async function run(): Promise<void> {
  maskSecrets();
  const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
  if (modeInput() === 'report') return reportMode(workspace);
  const paths = pathsInput();
  // pull request: the changed files and their base versions
  const pr = readPullRequestEvent(process.env.GITHUB_EVENT_PATH);
  const repo = repository();
  const token = githubToken();
  const gh: GitHubClient | undefined = token ? makeClient(token, { log: (m) => core.info(m) }) : undefined;
  // precedence: defaults < config file < Action inputs (config/precedence.ts); in a pull request the config file is
  // the base commit's (config/trusted.ts), and the PR's own changes to it are findings (config-weakened)
  const { configPath, layers } = configInputs();
  // any pull-request event reads the base's config (without a repository name only git can, else it fails closed)
  const loaded = pr
    ? await loadPullRequestConfig({ gh, repo, pr, workspace, configPath, layers, log: (m) => core.info(m) })
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
  const terraformPlans = terraformPlanInputs(workspace);
  // `shard: I/N`: this job analyses one slice; a final job merges the reports and posts (docs/sharding.md)
  const shard = actionShard(core.getInput('shard'), options, workspace);
  let result: GateResult;
  let changes: ChangeSet | undefined;
  if (pr && repo.owner && repo.repo) {
    const log = (m: string) => core.info(m);
    const warn = (m: string) => core.warning(m);
    const configured = { configFindings: loaded.findings, configNotes: loaded.notes, ...(terraformPlans.length ? { terraformPlans } : {}), ...(shard ? { shard: shard.select } : {}) };
    ({ result, changes } = await analysePullRequest({ gh, repo, pr, workspace, paths, options, log, warn, ...configured }));
  } else {
    result = await runGate(paths, options, { ...(terraformPlans.length ? { terraformPlans } : {}), ...(shard ? { shard: shard.select } : {}) });
  }
  const files = { sarifFile: reportPath(core.getInput('sarif-file'), 'iam-policy-gate.sarif', workspace), jsonFile: reportPath(core.getInput('json-file'), 'iam-policy-gate.json', workspace) };
  // one-click fixes, re-checked against the head checkout (only when it is the PR head): SARIF fixes and suggestions
  const atHead = pr ? isPrHead(workspace, pr.headSha, (m) => core.warning(m)) : false;
  // iam:PassedToService: the service principals of the whole repository (a PR run analyses the changed files only)
  const extras = { servicePrincipals: atHead ? await repositoryServicePrincipals(workspace, options, result.findings) : [], log: (m: string) => core.info(m) };
  const suggest = atHead ? makeSuggester(workspace, options, extras) : undefined;
  const fixes = suggest ? await lineFixes(result.findings, makeSuggester(workspace, options, extras)) : undefined;
  writeReports(result, {
    ...files,
    sarifCategory: core.getInput('sarif-category') || options.commentTag || undefined,
    ...(fixes ? { fixes } : {}),
    ...(pr ? { pullRequest: { number: pr.number, headSha: pr.headSha, baseSha: pr.baseSha } } : {}),
    ...(shard?.info() ? { shard: shard.info() } : {}),
  });
  const lineUrl = lineUrlFactory(pr?.headSha);
  await addToJobSummary(toMarkdown(result, { lineUrl, maxChars: 900_000, fullReportHint: `see the JSON report ${files.jsonFile}` }));
  // the review, the sticky summary comment, the optional check run; a read-only token falls back to the above
  if (shard) core.info(`Shard ${shard.info()?.index}/${shard.info()?.count}: nothing is posted from one shard; the job that merges the shard reports decides and posts (docs/sharding.md).`);
  const published = pr && changes && gh && !shard ? await publishOnPullRequest(gh, result, changes, pr, repo, options, { checkRun, suggest, lineUrl }) : undefined;
  writeAnnotations(result, options.annotations, published?.checkRunId === undefined);
  finish(result, files, published);
}

/** Posts the review, summary comment and check run; a failure to post is said (summary, log), never a verdict. */
async function publishOnPullRequest(
  gh: GitHubClient,
  result: GateResult,
  changes: ChangeSet,
  pr: PullRequestEvent,
  repo: { owner: string; repo: string },
  options: Options,
  o: { checkRun: boolean; suggest: ReturnType<typeof makeSuggester> | undefined; lineUrl: LineUrl | undefined },
): Promise<PublishResult | undefined> {
  const url = runUrl(repo);
  const { published, error } = await publishPullRequest(gh, result, changes, pr, repo, {
    maxInlineComments: options.maxInlineComments,
    comment: options.comment,
    inline: options.inline,
    annotations: options.annotations,
    tag: options.commentTag,
    reportOnly: options.reportOnly,
    // one-click fixes, re-checked against the head checkout before they are posted
    ...(o.suggest ? { suggest: o.suggest } : {}),
    failOn: options.failOn,
    failOnExisting: options.failOnExisting,
    checkRun: o.checkRun,
    ...(url ? { runUrl: url } : {}),
    ...(o.lineUrl ? { lineUrl: o.lineUrl } : {}),
    log: (m) => core.info(m),
    warn: (m) => core.warning(m),
  });
  await reportPosting(published, error);
  return published;
}

/** Runs the Action; never throws (a stop is a failed step with verdict incomplete). */
export function main(): Promise<void> {
  return run().catch(failed);
}
