/** What an Action run leaves behind: report files, the job summary, log annotations, step outputs and status. */
import * as core from '@actions/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { GateResult } from '../result.js';
import type { PublishResult } from '../github/publish.js';
import type { LineFix } from '../github/suggest.js';
import { ConfigError } from '../config/load.js';
import { toSarif } from '../report/sarif.js';
import { toJsonReport } from '../report/json.js';
import type { ShardInfo } from '../shard/index.js';
import { toAnnotations } from '../report/annotations.js';
import { commandProperty, commandValue, mdText } from '../report/escape.js';
import { plural } from '../report/plural.js';
import type { ChannelMode } from '../config/noise.js';

export type LineUrl = (file: string, line: number, endLine: number) => string | undefined;

/** Links to a file's lines at the analysed commit, when the environment names a server, repository and SHA. */
export function lineUrlFactory(headSha?: string): LineUrl | undefined {
  const server = process.env.GITHUB_SERVER_URL;
  const repo = process.env.GITHUB_REPOSITORY;
  const sha = headSha ?? process.env.GITHUB_SHA;
  if (!server || !repo || !sha || !/^[\w.-]+\/[\w.-]+$/.test(repo) || !/^[0-9a-f]{7,64}$/.test(sha)) return undefined;
  return (file, line, endLine) =>
    `${server}/${repo}/blob/${sha}/${file.split('/').map(encodeURIComponent).join('/')}#L${line}${endLine > line ? `-L${endLine}` : ''}`;
}

/** The link to this workflow run, when the environment names it. */
export function runUrl(repo: { owner: string; repo: string }): string | undefined {
  const server = process.env.GITHUB_SERVER_URL;
  const runId = process.env.GITHUB_RUN_ID;
  return server && runId && /^\d+$/.test(runId) ? `${server}/${repo.owner}/${repo.repo}/actions/runs/${runId}` : undefined;
}

/** The SARIF and JSON reports (our own files go under RUNNER_TEMP by default: the next scan must not read them). */
export function writeReports(
  result: GateResult,
  o: { sarifFile: string; jsonFile: string; sarifCategory?: string; fixes?: Map<string, LineFix>; pullRequest?: { number: number; headSha: string; baseSha: string }; shard?: ShardInfo },
): void {
  for (const [file, body] of [
    [o.sarifFile, JSON.stringify(toSarif(result, { category: o.sarifCategory, ...(o.fixes?.size ? { fixes: o.fixes } : {}) }), null, 2)],
    // additive: `shard` on a shard job's report (docs/sharding.md)
    [o.jsonFile, JSON.stringify({ ...(toJsonReport(result, o.pullRequest ? { pullRequest: o.pullRequest } : {}) as object), ...(o.shard ? { shard: o.shard } : {}) }, null, 2)],
  ] as const) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, body + '\n');
  }
}

/** Appends to the job summary (when the runner provides one). */
export async function addToJobSummary(markdown: string): Promise<void> {
  if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(markdown).write();
}

/** A failure to post does not change the verdict: it is said in the job summary, and what was posted in the log. */
export async function reportPosting(published: PublishResult | undefined, error: string | undefined): Promise<void> {
  const notPosted = error ?? published?.fallbackReason;
  if (notPosted) await addToJobSummary(`\n\n> ⚠️ ${mdText(notPosted)}\n`);
  if (published?.posted)
    core.info(
      `Posted: ${plural(published.inlineComments, 'inline comment')} (${published.skippedDuplicates} already there), ${plural(published.markedFixed, 'earlier comment')} marked fixed (${plural(published.resolvedThreads, 'thread')} resolved), summary comment ${published.summaryUpdated ? 'updated' : 'created'}.`,
    );
}

/** Annotations on the log (they work without any token, also on fork PRs); a check run that carries them is not repeated. */
export function writeAnnotations(result: GateResult, mode: ChannelMode, withFindings: boolean): void {
  process.stdout.write(toAnnotations(result, { mode, findings: withFindings }));
}

/** The step outputs (action.yml `outputs`) and the step status from the verdict. */
export function finish(result: GateResult, files: { jsonFile: string; sarifFile: string }, published: PublishResult | undefined): void {
  core.setOutput('verdict', result.verdict.status);
  core.setOutput('findings-count', String(result.findings.filter((f) => !f.suppressed).length));
  core.setOutput('blocking-count', String(result.verdict.blocking));
  core.setOutput('json-file', files.jsonFile);
  core.setOutput('sarif-file', files.sarifFile);
  core.setOutput('new-count', String(result.verdict.newCount ?? ''));
  core.setOutput('existing-count', String(result.verdict.existingCount ?? ''));
  core.setOutput('comment-url', published?.summaryUrl ?? '');
  core.setOutput('posted', String(published?.posted ?? false));
  const v = result.verdict;
  if (v.status === 'fail') core.setFailed(`IAM Policy Gate failed: ${v.reason}`);
  else if (v.status === 'incomplete') core.setFailed(`IAM Policy Gate could not complete the analysis: ${v.reason} See "Not analysed" in the job summary.`);
  else core.info(`IAM Policy Gate passed: ${v.reason}`);
}

/** A run that stopped: a configuration error says where; anything else is a crash. Either way the verdict is incomplete. */
export function failed(e: unknown): void {
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
}
