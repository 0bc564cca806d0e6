/**
 * `mode: report` (fork pull requests): a `workflow_run` job with a write token posts the review, the summary comment
 * and the check run from the JSON report the unprivileged `pull_request` job uploaded, never checking out or
 * running PR code. The report is untrusted data: it is size-bounded, validated field by field (anything malformed is
 * refused, nothing is evaluated), its head SHA must be the workflow run's, and the PR must still be at that head;
 * the PR number comes from the report because `workflow_run.pull_requests` is empty for forks.
 */
import * as core from '@actions/core';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AnalysisError, Finding, GateResult, Severity, Verdict } from '../result.js';
import { SEVERITIES } from '../result.js';
import type { GitHubClient } from '../github/client.js';
import { httpStatus, makeClient } from '../github/client.js';
import { publish } from '../github/publish.js';
import type { PublishResult } from '../github/publish.js';
import { changedFilesFromApi } from '../sources/changed.js';
import { ConfigError, loadOptions } from '../config/load.js';
import { actionInputsLayer } from '../config/inputs.js';
import { githubToken, input, parseBool, repository } from './inputs.js';
import { runUrl } from './outputs.js';

/** Reports larger than this are refused (a real one is far smaller; the JSON of 5,000 statements is under 1 MB). */
export const MAX_REPORT_BYTES = 20 * 1024 * 1024;
const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

export class ReportError extends Error {}

/** The workflow run this job was triggered by: its head SHA and triggering event. */
export function readWorkflowRunEvent(eventPath: string | undefined): { headSha: string; event: string } | undefined {
  if (!eventPath) return undefined;
  try {
    const e = JSON.parse(readFileSync(eventPath, 'utf8')) as { workflow_run?: { head_sha?: unknown; event?: unknown } };
    const headSha = String(e.workflow_run?.head_sha ?? '');
    return SHA.test(headSha) ? { headSha, event: String(e.workflow_run?.event ?? '') } : undefined;
  } catch {
    return undefined;
  }
}

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown, what: string, max = 100_000): string => {
  if (typeof v !== 'string' || v.length > max) throw new ReportError(`${what} is not a string`);
  return v;
};
const int = (v: unknown, what: string): number => {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) throw new ReportError(`${what} is not a whole number`);
  return v;
};
const optStr = (v: unknown, what: string) => (v === undefined ? undefined : str(v, what));

function finding(v: unknown, i: number): Finding {
  if (!isObj(v)) throw new ReportError(`findings[${i}] is not an object`);
  const severity = str(v.severity, `findings[${i}].severity`) as Severity;
  if (!SEVERITIES.includes(severity)) throw new ReportError(`findings[${i}].severity is not a severity`);
  const f: Finding = {
    ruleId: str(v.ruleId, `findings[${i}].ruleId`, 200),
    source: str(v.source, `findings[${i}].source`, 50) as Finding['source'],
    severity,
    title: str(v.title, `findings[${i}].title`),
    message: str(v.message, `findings[${i}].message`),
    file: str(v.file, `findings[${i}].file`, 4096),
    line: int(v.line, `findings[${i}].line`),
    endLine: int(v.endLine, `findings[${i}].endLine`),
    fingerprint: str(v.fingerprint, `findings[${i}].fingerprint`, 200),
    suppressed: v.suppressed === true,
  };
  for (const k of ['fix', 'learnMore', 'resource', 'policyId', 'path', 'suppressionReason'] as const) {
    const x = optStr(v[k], `findings[${i}].${k}`);
    if (x !== undefined) f[k] = x;
  }
  if (typeof v.new === 'boolean') f.new = v.new;
  return f;
}

/** The GateResult a publish needs, from a JSON report (docs/report-schema.md), validated. */
export function resultFromReport(json: unknown): { result: GateResult; pullRequest: { number: number; headSha: string } } {
  if (!isObj(json) || !isObj(json.summary)) throw new ReportError('not an IAM Policy Gate JSON report');
  const pr = json.pullRequest;
  if (!isObj(pr)) throw new ReportError('the report has no pullRequest (it was not written by the Action in a pull_request run)');
  const number = int(pr.number, 'pullRequest.number');
  const headSha = str(pr.headSha, 'pullRequest.headSha', 64);
  if (!number || !SHA.test(headSha)) throw new ReportError('pullRequest.number or pullRequest.headSha is malformed');
  const s = json.summary;
  const status = str(json.verdict, 'verdict') as Verdict['status'];
  if (!['pass', 'fail', 'incomplete'].includes(status)) throw new ReportError('verdict is not pass, fail or incomplete');
  const failOn = str(s.failOn, 'summary.failOn') as Severity;
  if (!SEVERITIES.includes(failOn)) throw new ReportError('summary.failOn is not a severity');
  const counts = Object.fromEntries(SEVERITIES.map((k) => [k, int(isObj(s.counts) ? s.counts[k] : undefined, `summary.counts.${k}`)])) as Record<Severity, number>;
  const findings = Array.isArray(json.findings) ? json.findings.map(finding) : [];
  const errors: AnalysisError[] = (Array.isArray(json.errors) ? json.errors : []).map((e, i) => {
    if (!isObj(e)) throw new ReportError(`errors[${i}] is not an object`);
    return { file: str(e.file, `errors[${i}].file`, 4096), message: str(e.message, `errors[${i}].message`), kind: 'input', ...(typeof e.line === 'number' ? { line: int(e.line, `errors[${i}].line`) } : {}) };
  });
  const verdict: Verdict = {
    status,
    reason: str(s.reason, 'summary.reason', 2000),
    failOn,
    ...(s.failOnExisting === true ? { failOnExisting: true } : {}),
    ...(s.reportOnly === true ? { reportOnly: true } : {}),
    counts,
    blocking: int(s.blocking, 'summary.blocking'),
    suppressed: int(s.suppressed, 'summary.suppressed'),
    ...(typeof s.new === 'number' ? { newCount: int(s.new, 'summary.new'), existingCount: int(s.existing, 'summary.existing') } : {}),
    incomplete: errors.map((e) => ({ file: e.file, ...(e.line !== undefined ? { line: e.line } : {}), reason: e.message })),
  };
  const policyCount = Math.min(int(s.policies ?? 0, 'summary.policies'), 1_000_000);
  const result: GateResult = {
    verdict,
    // only the count is shown; the documents stay in the artifact
    policies: new Array(policyCount) as GateResult['policies'],
    principals: [],
    attachments: [],
    entities: [],
    findings,
    errors,
    stats: { filesScanned: int(s.filesScanned ?? 0, 'summary.filesScanned'), filesWithPolicies: int(s.filesWithPolicies ?? 0, 'summary.filesWithPolicies'), durationMs: 0 },
    notes: (Array.isArray(s.notes) ? s.notes : []).slice(0, 50).map((n, i) => str(n, `summary.notes[${i}]`, 2000)),
    scpImpacts: [],
  };
  return { result, pullRequest: { number, headSha } };
}

/** Reads and validates the report file (bounded), and checks it against the workflow run and the PR's current head. */
export async function loadReportForPosting(o: {
  gh: GitHubClient;
  repo: { owner: string; repo: string };
  reportFile: string;
  run: { headSha: string; event: string } | undefined;
}): Promise<{ result: GateResult; number: number; headSha: string; files: Awaited<ReturnType<typeof changedFilesFromApi>>['files'] } | { skip: string }> {
  if (!o.run) throw new ReportError('mode: report runs on a workflow_run event (the analysis workflow completing)');
  if (o.run.event !== 'pull_request') return { skip: `the workflow run was triggered by "${o.run.event}", not a pull request` };
  const size = statSync(o.reportFile).size;
  if (size > MAX_REPORT_BYTES) throw new ReportError(`the report is ${size} bytes, over the ${MAX_REPORT_BYTES}-byte limit`);
  const { result, pullRequest } = resultFromReport(JSON.parse(readFileSync(o.reportFile, 'utf8')) as unknown);
  if (pullRequest.headSha !== o.run.headSha) throw new ReportError(`the report is for ${pullRequest.headSha.slice(0, 12)}, the workflow run for ${o.run.headSha.slice(0, 12)}`);
  let pull: { head?: { sha?: string } };
  try {
    pull = (await o.gh.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', { ...o.repo, pull_number: pullRequest.number })).data as { head?: { sha?: string } };
  } catch (e) {
    if (httpStatus(e) === 404) throw new ReportError(`pull request #${pullRequest.number} of the report is not in this repository`);
    throw e;
  }
  if (pull.head?.sha !== pullRequest.headSha) return { skip: `pull request #${pullRequest.number} has moved on to ${String(pull.head?.sha ?? '').slice(0, 12)}; its own run will report` };
  const { files } = await changedFilesFromApi(o.gh, o.repo, pullRequest.number);
  return { result, number: pullRequest.number, headSha: pullRequest.headSha, files };
}

/** `mode: report`: post the review, summary and check run of a fork PR from the analysis run's JSON report. */
export async function reportMode(workspace: string): Promise<void> {
  const repo = repository();
  const token = githubToken();
  if (!token || !repo.owner || !repo.repo) throw new ConfigError('mode: report needs github-token and GITHUB_REPOSITORY');
  const gh = makeClient(token, { log: (m) => core.info(m) });
  // the noise controls from the inputs only: the config file would be the workspace's, which this job does not check out
  const { options } = loadOptions(workspace, workspace, undefined, { action: actionInputsLayer((n) => core.getInput(n)) });
  const reportFile = path.resolve(workspace, input('report-file', 'iam-policy-gate.json'));
  let loaded;
  try {
    loaded = await loadReportForPosting({ gh, repo, reportFile, run: readWorkflowRunEvent(process.env.GITHUB_EVENT_PATH) });
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
  const url = runUrl(repo);
  const server = process.env.GITHUB_SERVER_URL ?? 'https://github.com';
  const { result, headSha, number } = loaded;
  let published: PublishResult | undefined;
  let error: string | undefined;
  try {
    published = await publish(
      gh,
      result,
      loaded.files,
      {
        ...repo,
        pullNumber: number,
        headSha,
        fork: true,
        ...(url ? { runUrl: url } : {}),
        lineUrl: (file, line, endLine) => `${server}/${repo.owner}/${repo.repo}/blob/${headSha}/${file.split('/').map(encodeURIComponent).join('/')}#L${line}${endLine > line ? `-L${endLine}` : ''}`,
      },
      {
        maxInlineComments: options.maxInlineComments,
        comment: options.comment,
        inline: options.inline,
        annotations: options.annotations,
        tag: options.commentTag,
        reportOnly: result.verdict.reportOnly ?? false,
        failOn: result.verdict.failOn,
        failOnExisting: result.verdict.failOnExisting ?? false,
        checkRun: parseBool(input('check-run', 'false'), 'check-run'),
        log: (m) => core.info(m),
        warn: (m) => core.warning(m),
      },
    );
  } catch (e) {
    error = `posting failed (${(e as Error).message})`;
  }
  core.setOutput('verdict', result.verdict.status);
  core.setOutput('posted', String(published?.posted ?? false));
  core.setOutput('comment-url', published?.summaryUrl ?? '');
  if (error || !published?.posted) core.setFailed(`IAM Policy Gate (report): ${error ?? published?.fallbackReason ?? 'nothing was posted'}`);
  else core.info(`IAM Policy Gate (report): posted on pull request #${number} (${headSha.slice(0, 12)}), verdict ${result.verdict.status}.`);
}
