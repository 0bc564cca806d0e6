/**
 * The optional check run: a completed check whose annotations are the selected findings (the `annotations`
 * setting, blocking first), sent 50 per request; one check name per `comment-tag`.
 */
import type { GateResult } from '../result.js';
import type { Finding } from '../findings/types.js';
import { isBlocking } from '../findings/verdict.js';
import type { GitHubClient } from './client.js';
import { createOnce, httpStatus } from './client.js';
import type { PrContext } from './publish.js';
import { selectFindings } from '../report/select.js';
import type { ChannelMode } from '../report/select.js';

export function checkName(tag = ''): string {
  return tag ? `IAM Policy Gate (${tag})` : 'IAM Policy Gate';
}

const LEVEL = { error: 'failure', 'security-warning': 'failure', warning: 'warning', suggestion: 'notice' } as const;

/** A completed check run whose annotations are the findings; annotations are sent 50 per request. */
export async function postCheckRun(
  gh: GitHubClient,
  result: GateResult,
  ctx: PrContext,
  warn: (message: string) => void = () => {},
  sel: { mode: ChannelMode; tag: string; reportOnly: boolean; failOnExisting: boolean } = { mode: 'all', tag: '', reportOnly: false, failOnExisting: false },
): Promise<number> {
  const repo = { owner: ctx.owner, repo: ctx.repo };
  const CHECK_NAME = checkName(sel.tag);
  const blocking = (f: Finding) => isBlocking(f, { failOn: result.verdict.failOn, failOnExisting: sel.failOnExisting, reportOnly: sel.reportOnly });
  const annotations = selectFindings(result.findings, sel.mode, blocking)
    .map((f) => ({
      path: f.file,
      start_line: f.line,
      end_line: Math.max(f.line, f.endLine),
      annotation_level: LEVEL[f.severity],
      title: `${f.title} (${f.ruleId})`.slice(0, 255),
      message: (f.message + (f.fix ? `\nFix: ${f.fix}` : '')).slice(0, 64_000),
    }));
  const v = result.verdict;
  const conclusion = v.status === 'pass' ? 'success' : v.status === 'fail' ? 'failure' : 'action_required';
  const output = (batch: typeof annotations) => ({
    title: `IAM Policy Gate: ${v.status}`,
    summary: `${v.reason}${annotations.length > 50 ? ` ${annotations.length} annotations.` : ''}`.slice(0, 65_000),
    annotations: batch,
  });
  const startedAt = new Date(Date.now() - 5000).toISOString(); // a little slack for the clocks
  const id = await createOnce(
    async () =>
      Number(
        (
          await gh.request('POST /repos/{owner}/{repo}/check-runs', {
            ...repo,
            name: CHECK_NAME,
            head_sha: ctx.headSha,
            status: 'completed',
            conclusion,
            ...(ctx.runUrl ? { details_url: ctx.runUrl } : {}),
            output: output(annotations.slice(0, 50)),
          })
        ).data.id,
      ),
    async () => {
      const r = await gh.request('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', { ...repo, ref: ctx.headSha, check_name: CHECK_NAME, filter: 'latest', per_page: 100 });
      const found = r.data.check_runs.find((c) => c.name === CHECK_NAME && (c.started_at ?? '') >= startedAt && c.output?.title === `IAM Policy Gate: ${v.status}`);
      return found ? Number(found.id) : undefined;
    },
  );
  for (let i = 50; i < annotations.length; i += 50) {
    try {
      await gh.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
        ...repo,
        check_run_id: id,
        output: output(annotations.slice(i, i + 50)),
      });
    } catch (e) {
      // GitHub appends annotations: a batch whose outcome is unknown is not sent again (no duplicates); the rest of
      // the findings are in the review, the summary comment, the job summary and the log
      warn(`Check run annotations ${i + 1}-${Math.min(i + 50, annotations.length)} of ${annotations.length} may be missing (HTTP ${httpStatus(e) ?? 'no answer'}); the findings are in the summary and the log.`);
      break;
    }
  }
  return id;
}
