/**
 * Bodies of inline review comments: what is wrong, why it matters, how to fix it. Findings on the same line are
 * grouped into one comment. Everything that comes from the PR is escaped (report/escape.ts). Each body carries a
 * hidden marker with the findings' fingerprints so re-runs recognise their own comments.
 */
import type { Finding, Severity } from '../findings/types.js';
import { mdText, mdCode, trustedLink } from './escape.js';
import { fixMarkdown } from './fix-block.js';
import { COMMENT_TAG } from '../config/noise.js';

export const COMMENT_MARKER = 'iam-policy-gate:fp=';
export const SUMMARY_MARKER = '<!-- iam-policy-gate:summary -->';
export const REVIEW_MARKER = '<!-- iam-policy-gate:review -->';


function tagged(tag: string): string {
  if (tag && !COMMENT_TAG.test(tag)) throw new Error(`comment-tag must be letters, digits, ".", "_" or "-" (got ${JSON.stringify(tag)})`);
  return tag ? `iam-policy-gate[${tag}]` : 'iam-policy-gate';
}

/** Each tag keeps its own sticky comment, review and inline comments: another tag's are never edited or marked fixed. */
export function commentMarker(tag = ''): string {
  return `${tagged(tag)}:fp=`;
}
export function summaryMarker(tag = ''): string {
  return `<!-- ${tagged(tag)}:summary -->`;
}
export function reviewMarker(tag = ''): string {
  return `<!-- ${tagged(tag)}:review -->`;
}

const ICON: Record<Severity, string> = { error: '🛑', 'security-warning': '🔒', warning: '⚠️', suggestion: '💡' };
const LABEL: Record<Severity, string> = { error: 'Error', 'security-warning': 'Security warning', warning: 'Warning', suggestion: 'Suggestion' };

/** The key an inline comment is recognised by across runs: the sorted fingerprints it carries. */
export function commentKey(findings: Pick<Finding, 'fingerprint'>[]): string {
  return [...new Set(findings.map((f) => f.fingerprint))].sort().join(',');
}

/** Fingerprints carried by a comment body we posted earlier (empty when it is not ours). */
export function fingerprintsIn(body: string | null | undefined, tag = ''): string[] {
  const marker = `<!-- ${commentMarker(tag)}`;
  const at = (body ?? '').indexOf(marker);
  const m = at < 0 ? null : /^([0-9a-f,]+) -->/.exec((body ?? '').slice(at + marker.length));
  return m ? m[1]!.split(',').filter(Boolean) : [];
}

export function reviewCommentBody(findings: Finding[], opts: { blocking: (f: Finding) => boolean; tag?: string }): string {
  const parts: string[] = [];
  for (const f of findings) {
    const tag = [f.new === false ? 'existing' : f.new === true ? 'new' : '', opts.blocking(f) ? 'blocking' : ''].filter(Boolean).join(', ');
    parts.push(`${ICON[f.severity]} **${LABEL[f.severity]}: ${mdText(f.title)}** (${trustedLink(f.ruleId, f.learnMore)}${tag ? `, ${tag}` : ''})`);
    parts.push('');
    parts.push(`**What:** ${mdText(f.message)}${f.resource ? ` (in ${mdCode(f.resource)})` : ''}`);
    if (f.related?.length) parts.push(`**Where it comes from:** ${f.related.map((r) => `${mdCode(`${r.file}:${r.line}`)} ${mdText(r.message)}`).join('; ')}`);
    const why = typeof f.details?.why === 'string' ? (f.details.why as string) : undefined;
    if (why) parts.push(`**Why it matters:** ${mdText(why)}`);
    if (f.fix) parts.push(fixMarkdown(f.fix), '');
    parts.push(
      opts.blocking(f)
        ? `**Gate:** blocks the merge (${f.severity}${f.new ? ', introduced by this change' : ''}).`
        : f.new === false
          ? '**Gate:** already in the base branch; does not block.'
          : '**Gate:** below the fail-on threshold; does not block.',
    );
    parts.push('');
  }
  parts.push(`<!-- ${commentMarker(opts.tag)}${commentKey(findings)} -->`);
  return parts.join('\n');
}

/** The body a fixed comment is edited to (GitHub keeps the thread; the reader sees it is resolved). */
export function fixedCommentBody(previous: string, headSha: string): string {
  const firstLine = (previous.split('\n').find((l) => l.trim() !== '' && !l.startsWith('<!--')) ?? '').trim();
  return `✅ **Fixed** in ${mdCode(headSha.slice(0, 12))}: no longer reported by IAM Policy Gate.\n\n<details><summary>Earlier finding</summary>\n\n~~${firstLine.replace(/~/g, '\\~')}~~\n\n</details>\n\n<!-- iam-policy-gate:fixed -->`;
}
