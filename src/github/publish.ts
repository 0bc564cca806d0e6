/**
 * What is posted on the pull request: one review per head SHA with inline comments on lines inside the diff
 * (grouped per line, capped), a sticky summary comment edited in place, earlier comments whose findings are fixed
 * marked as fixed, and optionally a check run with annotations (batched 50 per request). A read-only token (fork
 * PRs) is not an error: the caller falls back to annotations, the job summary and SARIF.
 */
import type { GateResult } from '../result.js';
import type { Finding } from '../findings/types.js';
import { severityRank } from '../findings/types.js';
import { isBlocking } from '../findings/verdict.js';
import type { ChangedFile } from '../sources/changed.js';
import { anchorFor } from '../sources/diff.js';
import type { Suggester } from './suggest.js';
import { suggestionBlock } from './suggest.js';
import type { GitHubClient } from './client.js';
import { isPermissionError, httpStatus } from './client.js';
import { postReview, reconcileComments } from './review.js';
import { upsertSummaryComment } from './sticky-comment.js';
import { commentKey, commentMarker, fingerprintsIn, fixedCommentBody, reviewCommentBody, reviewMarker, summaryMarker } from '../report/review.js';
import { selectFindings } from '../report/select.js';
import type { ChannelMode, CommentMode } from '../report/select.js';
import { postCheckRun } from './check-run.js';
import { plural } from '../report/plural.js';
import { toMarkdown } from '../report/markdown.js';
import { mdCode, mdText } from '../report/escape.js';
import { appendAll, minOf } from '../util/arrays.js';

/** GitHub's limit for a comment or review body. */
export const BODY_LIMIT = 65_536;

export interface PrContext {
  owner: string;
  repo: string;
  pullNumber: number;
  headSha: string;
  /** Link to the workflow run (job summary and artifacts), for truncated bodies. */
  runUrl?: string;
  /** Link builder to head lines. */
  lineUrl?: (file: string, line: number, endLine: number) => string | undefined;
  /** The PR comes from a fork (for the log message). */
  fork: boolean;
}

export interface PublishOptions {
  maxInlineComments: number;
  checkRun: boolean;
  failOn: GateResult['verdict']['failOn'];
  failOnExisting: boolean;
  log: (message: string) => void;
  warn: (message: string) => void;
  /** Nothing IAM-related changed: do not open a summary comment, only keep an existing one up to date. */
  updateOnly?: boolean;
  /** `comment`: always | on-findings (default: opened when there is something to say, marked resolved after) | never. */
  comment?: CommentMode;
  /** `inline`: which findings get an inline review comment (default blocking). */
  inline?: ChannelMode;
  /** `annotations`: which findings the check run carries (default new). */
  annotations?: ChannelMode;
  /** `comment-tag`: matrix jobs keep one sticky comment, review and check name each. */
  tag?: string;
  /** `fail-on: none`. */
  reportOnly?: boolean;
  /** One-click fixes: the re-checked replacement of a commented line (github/suggest.ts). */
  suggest?: Suggester;
}

export interface InlineComment {
  path: string;
  line: number;
  start_line?: number;
  side: 'RIGHT';
  start_side?: 'RIGHT';
  body: string;
  findings: Finding[];
}

export interface PlannedComments {
  inline: InlineComment[];
  /** Findings in the diff that did not fit under the cap. */
  overCap: Finding[];
  /** Findings on lines outside the diff (shown in the summary only). */
  outsideDiff: Finding[];
  /** Non-blocking findings that already exist in the base: listed in the summary only (the PR did not cause them). */
  existing: Finding[];
  /** Findings the `inline` setting leaves out of inline comments (summary only). */
  notInline?: Finding[];
}

/**
 * Which findings become inline comments: those whose lines are in the diff, grouped per anchor, blocking and new
 * first, capped at `max`. Pure.
 */
export function planComments(
  findings: Finding[],
  files: ChangedFile[],
  o: Pick<PublishOptions, 'maxInlineComments' | 'failOn' | 'failOnExisting' | 'inline' | 'tag' | 'reportOnly'>,
): PlannedComments {
  const hunksOf = new Map(files.map((f) => [f.path, f.hunks]));
  const blocking = (f: Finding) => isBlocking(f, { failOn: o.failOn, failOnExisting: o.failOnExisting, reportOnly: o.reportOnly ?? false });
  const mode = o.inline ?? 'blocking';
  const chosen = new Set(selectFindings(findings, mode === 'all' ? 'all' : mode, blocking));
  const notInline: Finding[] = [];
  const groups = new Map<string, { path: string; line: number; startLine?: number; findings: Finding[] }>();
  const outsideDiff: Finding[] = [];
  const existing: Finding[] = [];
  for (const f of findings) {
    if (f.suppressed) continue;
    // pre-existing findings are the base branch's, not this PR's: summary only, unless they block (fail-on-existing)
    if (f.new === false && !blocking(f) && mode !== 'all') {
      existing.push(f);
      continue;
    }
    if (!chosen.has(f)) {
      notInline.push(f);
      continue;
    }
    const a = anchorFor(hunksOf.get(f.file), f.line, f.endLine);
    if (!a) {
      outsideDiff.push(f);
      continue;
    }
    const key = `${f.file}\u0000${a.line}\u0000${a.startLine ?? ''}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { path: f.file, line: a.line, ...(a.startLine !== undefined ? { startLine: a.startLine } : {}), findings: [] }));
    g.findings.push(f);
  }
  const rank = (fs: Finding[]) => [
    fs.some(blocking) ? 0 : 1,
    fs.some((f) => f.new !== false) ? 0 : 1,
    minOf(fs.map((f) => severityRank(f.severity))),
  ];
  const ordered = [...groups.values()].sort((a, b) => {
    const ra = rank(a.findings);
    const rb = rank(b.findings);
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! - rb[i]!;
    return a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line;
  });
  const inline: InlineComment[] = [];
  const overCap: Finding[] = [];
  for (const g of ordered) {
    g.findings.sort((a, b) => severityRank(a.severity) - severityRank(b.severity));
    if (inline.length >= Math.max(0, o.maxInlineComments)) {
      appendAll(overCap, g.findings);
      continue;
    }
    inline.push({
      path: g.path,
      line: g.line,
      ...(g.startLine !== undefined ? { start_line: g.startLine, start_side: 'RIGHT' as const } : {}),
      side: 'RIGHT',
      body: clip(reviewCommentBody(g.findings, { blocking, ...(o.tag ? { tag: o.tag } : {}) }), 'the job summary'),
      findings: g.findings,
    });
  }
  // keep the review in file/line order for the reader
  inline.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  return { inline, overCap, outsideDiff, existing, ...(notInline.length ? { notInline } : {}) };
}

/**
 * A body under GitHub's limit: cut at a line end (never inside a character), with open code fences and
 * `<details>` blocks closed so the rest of the comment renders, a note saying where the rest is, the marker kept.
 */
export function clip(body: string, where: string, limit = BODY_LIMIT): string {
  if (body.length <= limit) return body;
  const marker = /<!-- iam-policy-gate:[^>]*-->\s*$/.exec(body)?.[0] ?? '';
  const note = `\n\n_…truncated at GitHub's ${limit}-character limit; the complete report is in ${where}._\n\n`;
  const room = limit - note.length - marker.length - 64; // 64: closing fences and tags
  let cut = body.slice(0, Math.max(0, room));
  const nl = cut.lastIndexOf('\n');
  if (nl > room * 0.5) cut = cut.slice(0, nl);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  let close = '';
  if ((cut.match(/^\s*(```|~~~)/gm) ?? []).length % 2 === 1) close += '\n```';
  const open = (cut.match(/<details[\s>]/g) ?? []).length - (cut.match(/<\/details>/g) ?? []).length;
  for (let i = 0; i < Math.min(open, 5); i++) close += '\n</details>';
  return cut + close + note + marker;
}

/**
 * Suggested changes on inline comments whose findings have a mechanical, re-checked fix. A suggestion replaces the
 * whole commented range, so the comment is widened to the lines the edit touches when they are all in the diff.
 */
async function addSuggestions(plan: PlannedComments, files: ChangedFile[], suggest: Suggester): Promise<void> {
  const hunksOf = new Map(files.map((f) => [f.path, f.hunks ?? []]));
  for (const c of plan.inline) {
    const s = await suggest(c.path, { start: c.start_line ?? c.line, end: c.line }, c.findings);
    if (!s) continue;
    if (s.startLine !== (c.start_line ?? c.line) || s.endLine !== c.line) {
      if (!inOneHunk(hunksOf.get(c.path) ?? [], s.startLine, s.endLine)) continue;
      c.line = s.endLine;
      if (s.startLine < s.endLine) {
        c.start_line = s.startLine;
        c.start_side = 'RIGHT';
      } else {
        delete c.start_line;
        delete c.start_side;
      }
    }
    const at = c.body.lastIndexOf('<!-- iam-policy-gate');
    const what = s.fixes.length === c.findings.length ? (c.findings.length === 1 ? 'this finding' : 'these findings') : s.fixes.length === 1 ? `the ${mdText(s.fixes[0]!.ruleId)} finding` : `${s.fixes.length} of these findings`;
    const block = `**Suggested change** (re-checked: it removes ${what} and adds none): ${mdText(s.description)}\n\n${suggestionBlock(s.lines)}\n\n`;
    c.body = at < 0 ? `${c.body}\n\n${block}` : `${c.body.slice(0, at)}${block}${c.body.slice(at)}`;
  }
}

/** Every line of `start`..`end` is commentable within one hunk (GitHub refuses a range across hunks). */
function inOneHunk(hunks: ChangedFile['hunks'] & object, start: number, end: number): boolean {
  return hunks.some((h) => {
    for (let l = start; l <= end; l++) if (!h.lines.has(l)) return false;
    return true;
  });
}

/** The sticky summary comment body: the Markdown report, notes on inline placement, under GitHub's limit. */
export function summaryBody(result: GateResult, plan: PlannedComments | undefined, ctx: Pick<PrContext, 'runUrl' | 'lineUrl' | 'headSha'>, tag = ''): string {
  const where = ctx.runUrl ? `the [job summary and the JSON/SARIF artifacts](${ctx.runUrl})` : 'the job summary and the JSON/SARIF artifacts';
  const header = `${summaryMarker(tag)}\n`;
  const before: string[] = [];
  if (plan) {
    const n = (k: number) => plural(k, 'finding');
    if (plan.overCap.length)
      before.push(`> ${n(plan.inline.length)} ${plan.inline.length === 1 ? 'is' : 'are'} commented inline; **${plan.overCap.length} more** on changed lines ${plan.overCap.length === 1 ? 'is' : 'are'} listed below only (limit: max-inline-comments).`);
    if (plan.outsideDiff.length) before.push(`> ${n(plan.outsideDiff.length)} ${plan.outsideDiff.length === 1 ? 'is' : 'are'} on lines this PR does not change; listed below only.`);
    if (plan.existing.length) before.push(`> ${n(plan.existing.length)} already ${plan.existing.length === 1 ? 'exists' : 'exist'} in the base branch; listed below only${existingNote(result)}.`);
    if (plan.notInline?.length) before.push(`> ${n(plan.notInline.length)} ${plan.notInline.length === 1 ? 'is' : 'are'} not commented inline (setting \`inline\`); listed below only.`);
  }
  const footer = `\n\n<sub>Head ${mdCode(ctx.headSha.slice(0, 12))}. Updated in place on every push.</sub>\n`;
  const budget = BODY_LIMIT - header.length - footer.length - before.join('\n').length - 2000;
  const md = toMarkdown(result, {
    ...(ctx.lineUrl ? { lineUrl: ctx.lineUrl } : {}),
    ...(ctx.runUrl ? { runUrl: ctx.runUrl } : {}),
    ...(before.length ? { before } : {}),
    maxChars: budget,
    fullReportHint: ctx.runUrl ? `see the job summary and the JSON/SARIF artifacts of ${ctx.runUrl}` : 'see the job summary and the JSON/SARIF artifacts',
  });
  let body = header + md + footer;
  if (body.length > BODY_LIMIT) body = clip(body, where);
  return body;
}

/** What the sticky comment becomes when the findings are gone (comment: on-findings): short, and it says so. */
export function resolvedBody(result: GateResult, ctx: Pick<PrContext, 'runUrl' | 'headSha'>, tag = ''): string {
  const run = ctx.runUrl ? ` · [workflow run](${ctx.runUrl})` : '';
  return `${summaryMarker(tag)}\n## IAM Policy Gate${tag ? ` (${mdText(tag)})` : ''}: ✅ **Resolved**\n\nNo findings remain as of ${mdCode(ctx.headSha.slice(0, 12))}: ${mdText(result.verdict.reason)}\n\n<sub>${plural(result.stats.filesScanned, 'file')} scanned${run}. Updated in place on every push.</sub>\n`;
}

function existingNote(result: GateResult): string {
  return result.verdict.existingCount !== undefined && result.verdict.blocking === 0 ? ' and do not fail this check' : '';
}

export interface PublishResult {
  /** False when nothing could be posted (read-only token). */
  posted: boolean;
  reviewId?: number;
  inlineComments: number;
  skippedDuplicates: number;
  markedFixed: number;
  /** Review threads of fixed comments resolved through GraphQL. */
  resolvedThreads: number;
  summaryCommentId?: number;
  summaryUrl?: string;
  summaryUpdated: boolean;
  checkRunId?: number;
  /** Why posting stopped (read-only token, ...). */
  fallbackReason?: string;
}

export async function publish(gh: GitHubClient, result: GateResult, files: ChangedFile[], ctx: PrContext, o: PublishOptions): Promise<PublishResult> {
  const out: PublishResult = { posted: false, inlineComments: 0, skippedDuplicates: 0, markedFixed: 0, resolvedThreads: 0, summaryUpdated: false };
  const plan = planComments(result.findings, files, o);
  if (o.suggest) await addSuggestions(plan, files, o.suggest);
  try {
    // 1. earlier comments of ours: duplicates to skip, fixed ones to mark (and their threads resolved)
    const fresh = await reconcileComments(gh, result, plan, ctx, o, out);
    // 2. one review per head SHA
    await postReview(gh, result, plan, fresh, ctx, o, out);
    // 3. the sticky summary comment: something to say is a finding, an incomplete analysis, or a principal gaining
    //    access (news even when no rule fires)
    const mode = o.comment ?? 'on-findings';
    const hasNews = result.verdict.status !== 'pass' || result.findings.some((f) => !f.suppressed) || (result.accessDiff ?? []).some((d) => d.addedCount > 0);
    const body = mode === 'on-findings' && !hasNews ? resolvedBody(result, ctx, o.tag ?? '') : summaryBody(result, plan, ctx, o.tag ?? '');
    const skip = o.updateOnly ? 'No IAM-relevant file changed: no summary comment opened.' : mode === 'on-findings' && !hasNews ? 'No findings: no summary comment opened (comment: on-findings).' : undefined;
    await upsertSummaryComment(gh, ctx, { body, mode, tag: o.tag ?? '', log: o.log, ...(skip ? { skip } : {}) }, out);
    out.posted = true;
  } catch (e) {
    if (!isPermissionError(e)) throw e;
    out.fallbackReason = permissionMessage(e, ctx);
    o.warn(out.fallbackReason);
    return out;
  }

  // 4. optional check run
  if (o.checkRun) {
    try {
      out.checkRunId = await postCheckRun(gh, result, ctx, o.warn, { mode: o.annotations ?? 'new', tag: o.tag ?? '', reportOnly: o.reportOnly ?? false, failOnExisting: o.failOnExisting });
    } catch (e) {
      if (!isPermissionError(e)) throw e;
      o.warn(`The check run could not be created (HTTP ${httpStatus(e)}: give the job "checks: write"); annotations are in the log and the job summary.`);
    }
  }
  return out;
}

function permissionMessage(e: unknown, ctx: PrContext): string {
  const why = ctx.fork
    ? 'this pull request comes from a fork, so the token is read-only'
    : httpStatus(e) === 404
      ? 'the pull request was not found with this token (another repository, or the token may not read it)'
      : httpStatus(e) === 401
        ? 'the token was refused (expired or revoked)'
        : 'the token cannot write to the pull request (the job needs "pull-requests: write")';
  return `Nothing was posted on the pull request (HTTP ${httpStatus(e)}: ${why}). The findings are in the annotations, the job summary and the SARIF/JSON reports. For fork PRs use the two-workflow pattern in docs/github-action.md.`;
}
