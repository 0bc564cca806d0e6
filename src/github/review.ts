/**
 * The inline review: our earlier review comments reconciled with this run's findings (duplicates skipped, fixed
 * ones edited to say so and their threads resolved), then one review per head SHA with the fresh comments.
 */
import type { GateResult } from '../result.js';
import type { GitHubClient } from './client.js';
import { createOnce, httpStatus, isPermissionError } from './client.js';
import type { InlineComment, PlannedComments, PrContext, PublishOptions, PublishResult } from './publish.js';
import { resolveThreads } from './threads.js';
import { commentKey, commentMarker, fingerprintsIn, fixedCommentBody, reviewMarker } from '../report/review.js';
import { mdCode, mdText } from '../report/escape.js';
import { appendAll } from '../util/arrays.js';

interface ReviewCommentLite {
  id: number;
  path: string;
  line?: number | null;
  original_line?: number | null;
  body: string;
  user?: { login?: string; type?: string } | null;
  node_id?: string;
}

type ReviewLite = { id: number; commit_id?: string | null; body?: string | null };

/** Marks our earlier comments whose findings are gone as fixed; returns the planned comments not posted before. */
export async function reconcileComments(gh: GitHubClient, result: GateResult, plan: PlannedComments, ctx: PrContext, o: PublishOptions, out: PublishResult): Promise<InlineComment[]> {
  const repo = { owner: ctx.owner, repo: ctx.repo };
  const existing = (await gh.paginate('GET /repos/{owner}/{repo}/pulls/{pull_number}/comments', {
    ...repo,
    pull_number: ctx.pullNumber,
    per_page: 100,
  })) as ReviewCommentLite[];
  const ours = existing.filter((c) => c.body.includes(`<!-- ${commentMarker(o.tag ?? '')}`));
  const current = new Set(result.findings.filter((f) => !f.suppressed).map((f) => f.fingerprint));
  for (const fp of result.summarised ?? []) current.add(fp); // still there, reported inside a summary
  const posted = new Set(ours.filter((c) => !c.body.includes('iam-policy-gate:fixed')).map((c) => `${c.path}\u0000${fingerprintsIn(c.body, o.tag ?? '').join(',')}`));
  const fixedIds: number[] = [];
  for (const c of ours) {
    if (c.body.includes('iam-policy-gate:fixed')) continue;
    const fps = fingerprintsIn(c.body, o.tag ?? '');
    if (fps.length && fps.every((fp) => !current.has(fp))) {
      try {
        await gh.request('PATCH /repos/{owner}/{repo}/pulls/comments/{comment_id}', { ...repo, comment_id: c.id, body: fixedCommentBody(c.body, ctx.headSha) });
      } catch (e) {
        // someone else's comment carrying our marker (or deleted meanwhile): not ours to edit (a rate limit is not that)
        if (isPermissionError(e)) continue;
        throw e;
      }
      out.markedFixed++;
      fixedIds.push(c.id);
    }
  }
  if (fixedIds.length) out.resolvedThreads = await resolveThreads(gh, ctx, fixedIds, o);
  return plan.inline.filter((c) => {
    const dup = posted.has(`${c.path}\u0000${commentKey(c.findings)}`);
    if (dup) out.skippedDuplicates++;
    return !dup;
  });
}

/**
 * One review per head SHA with the fresh comments. When GitHub refuses them (422: the diff moved under us), or a
 * secondary rate limit or 5xx outlasts the run, the findings move to the summary comment (plan.overCap): none is lost.
 */
export async function postReview(gh: GitHubClient, result: GateResult, plan: PlannedComments, fresh: InlineComment[], ctx: PrContext, o: PublishOptions, out: PublishResult): Promise<void> {
  const repo = { owner: ctx.owner, repo: ctx.repo };
  const marker = reviewMarker(o.tag ?? '');
  const listReviews = async () =>
    (await gh.paginate('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews', { ...repo, pull_number: ctx.pullNumber, per_page: 100 })) as ReviewLite[];
  const reviews = await listReviews();
  const already = reviews.find((r) => r.commit_id === ctx.headSha && (r.body ?? '').includes(marker));
  if (already) out.reviewId = already.id;
  if (already || !fresh.length) return;
  const blocking = result.verdict.blocking;
  const body =
    `${marker}\n**IAM Policy Gate${o.tag ? ` (${o.tag})` : ''}** reviewed ${mdCode(ctx.headSha.slice(0, 12))}: ${fresh.length} comment${fresh.length === 1 ? '' : 's'} on changed lines` +
    (blocking ? `, ${blocking} blocking finding${blocking === 1 ? '' : 's'}` : '') +
    (plan.overCap.length ? `; ${plan.overCap.length} more in the summary comment (max-inline-comments).` : '.') +
    '\n\n' + mdText(result.verdict.reason);
  const comments = fresh.map(({ findings: _f, ...c }) => c);
  try {
    out.reviewId = await createOnce(
      async () =>
        Number(
          (await gh.request('POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews', { ...repo, pull_number: ctx.pullNumber, commit_id: ctx.headSha, event: 'COMMENT', body, comments })).data.id,
        ),
      // none was there a moment ago: one with our marker on this head now is the one just created
      async () => (await listReviews()).find((r) => r.commit_id === ctx.headSha && (r.body ?? '').includes(marker))?.id,
    );
    out.inlineComments = fresh.length;
  } catch (e) {
    if (isPermissionError(e)) throw e;
    o.warn(
      httpStatus(e) === 422
        ? `GitHub rejected the inline comments (HTTP 422: ${(e as Error).message}); the findings are listed in the summary comment.`
        : `The inline comments could not be posted (${httpStatus(e) ? `HTTP ${httpStatus(e)}: ` : ''}${(e as Error).message}); the findings are listed in the summary comment.`,
    );
    appendAll(plan.overCap, plan.inline.flatMap((c) => c.findings));
    plan.inline = [];
  }
}
