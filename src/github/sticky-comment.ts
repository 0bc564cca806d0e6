/** The sticky summary comment: one per pull request (and comment tag), updated in place on every push. */
import type { GitHubClient } from './client.js';
import { createOnce, isPermissionError } from './client.js';
import type { PrContext, PublishResult } from './publish.js';
import { summaryMarker } from '../report/review.js';
import type { CommentMode } from '../report/select.js';

type IssueCommentLite = { id: number; body?: string | null; html_url: string; user?: { type?: string } | null };

/**
 * Updates our summary comment with `body`, or opens one unless `skip` says why not (nothing to say, or an
 * update-only run); `comment: never` leaves it alone. A comment with our marker we may not edit (someone else's) gets one of ours.
 */
export async function upsertSummaryComment(
  gh: GitHubClient,
  ctx: PrContext,
  s: { body: string; mode: CommentMode; skip?: string; tag: string; log: (message: string) => void },
  out: PublishResult,
): Promise<void> {
  const repo = { owner: ctx.owner, repo: ctx.repo };
  const marker = summaryMarker(s.tag);
  const listComments = async () =>
    (await gh.paginate('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repo, issue_number: ctx.pullNumber, per_page: 100 })) as IssueCommentLite[];
  const comments = await listComments();
  const mine = comments.filter((c) => (c.body ?? '').startsWith(marker));
  const sticky = mine.find((c) => c.user?.type === 'Bot') ?? mine[0];
  if (s.mode === 'never') {
    s.log('comment: never: no summary comment posted or updated.');
    return;
  }
  if (sticky) {
    try {
      const r = await gh.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', { ...repo, comment_id: sticky.id, body: s.body });
      out.summaryCommentId = sticky.id;
      out.summaryUrl = r.data.html_url;
      out.summaryUpdated = true;
      return;
    } catch (e) {
      // a comment with our marker we may not edit (posted by someone else): post our own instead; anything else
      // (a rate limit, a 5xx) is not a reason for a second summary
      if (!isPermissionError(e)) throw e;
    }
  }
  if (s.skip) {
    s.log(s.skip);
    return;
  }
  const created = await createOnce(
    async () => {
      const r = await gh.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', { ...repo, issue_number: ctx.pullNumber, body: s.body });
      return { id: Number(r.data.id), html_url: r.data.html_url };
    },
    // none was there a moment ago: ours now is the one just created (the same body, or our bot's)
    async () => (await listComments()).find((c) => (c.body ?? '').startsWith(marker) && (c.body === s.body || c.user?.type === 'Bot')),
  );
  out.summaryCommentId = Number(created.id);
  out.summaryUrl = created.html_url;
}
