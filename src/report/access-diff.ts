/**
 * The "what changes" part of the summary: the base compared with, and the access diff per principal, folded (it
 * follows the findings). Wildcards are named as what they are ("all actions (`*`)") rather than an alphabetical
 * sample of 20,000 actions, and resource and trust policies name who is let in ("anyone (`Principal: *`) can now
 * s3:GetObject on ExportsBucket"; "account 999988887777 can now assume DeployRole"), which is the news.
 */
import type { GateResult } from '../result.js';
import type { AccessDiffEntry } from '../findings/access-diff.js';
import { htmlText, mdCode, mdText } from './escape.js';
import { plural } from './plural.js';
import { appendAll } from '../util/arrays.js';

const LIST_MAX = 8;
/** Principals listed; the rest are counted (the JSON report has them all). */
const PRINCIPALS_MAX = 20;
const GRANTEES_MAX = 3;

function actionList(actions: string[], total: number): string {
  const shown = actions.slice(0, LIST_MAX).map((a) => mdCode(a)).join(', ');
  return total > LIST_MAX ? `${shown} and ${total - Math.min(LIST_MAX, actions.length)} more` : shown;
}

/** `*` -> all actions, `s3:*` -> all s3 actions; a NotAction grant says so. Undefined: no wildcard to name. */
function wildcardPhrase(d: AccessDiffEntry): string | undefined {
  if (d.addedPatterns.includes('*')) return `**all actions (${mdCode('*')})**`;
  const notAction = d.addedPatterns.find((p) => p.startsWith('NotAction '));
  if (notAction) return `**every action except ${mdCode(notAction.slice('NotAction '.length))}** (${d.addedCount} actions, through ${mdCode('NotAction')})`;
  const services = d.addedPatterns.filter((p) => /^[a-z0-9-]+:\*$/i.test(p));
  if (services.length && services.length === d.addedPatterns.length)
    return `**all ${services.map((p) => mdCode(p.slice(0, -2))).join(', ')} actions (${services.map((p) => mdCode(p)).join(', ')})**, ${d.addedCount} in all`;
  return undefined;
}

/** A principal as a person says it: anyone, account N, service S, the ARN. */
export function granteePhrase(value: string): string {
  if (value === '*') return `anyone (${mdCode('Principal: *')})`;
  const account = /^(\d{12})$/.exec(value) ?? /^arn:aws[\w-]*:iam::(\d{12}):root$/.exec(value);
  if (account) return `account ${mdCode(account[1]!)}`;
  if (/\.amazonaws\.com(\.cn)?$/.test(value)) return `the service ${mdCode(value)}`;
  return mdCode(value);
}

function granteesPhrase(d: AccessDiffEntry): string {
  const list = d.grantees ?? [];
  if (!list.length) return `the principals named in ${mdCode(d.resource ?? d.principal)}`;
  const shown = list.slice(0, GRANTEES_MAX).map(granteePhrase);
  const more = list.length > GRANTEES_MAX ? ` and ${plural(list.length - GRANTEES_MAX, 'more principal')}` : '';
  return (shown.length > 1 ? `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}` : shown[0]!) + more;
}

function addedLine(d: AccessDiffEntry): string {
  const wild = wildcardPhrase(d);
  const cond = d.conditional ? ' (subject to the statement’s conditions)' : '';
  if (d.policyType === 'trust') {
    const verbs = d.added.filter((a) => /^sts:Assume/i.test(a));
    const what = verbs.length === d.addedCount && verbs.length <= 3 ? (verbs.length === 1 && /^sts:AssumeRole$/i.test(verbs[0]!) ? 'assume' : `${verbs.map((a) => mdCode(a)).join(', ')}`) : wild ?? actionList(d.addedRanked, d.addedCount);
    return `- ➕ ${granteesPhrase(d)} can now ${what} ${mdCode(d.resource ?? d.principal)}${cond}`;
  }
  if (d.policyType === 'resource') {
    return `- ➕ ${granteesPhrase(d)} can now ${wild ?? actionList(d.addedRanked, d.addedCount)} on ${mdCode(d.resource ?? d.principal)}${cond}`;
  }
  const who = mdCode(d.principal);
  if (wild) return `- ➕ ${who} can now do ${wild}`;
  const levels = Object.entries(d.addedByLevel);
  const breakdown = levels.length > 1 || (levels.length === 1 && levels[0]![0] !== 'Unknown') ? ` (${levels.map(([l, n]) => `${n} ${l.toLowerCase()}`).join(', ')})` : '';
  return `- ➕ ${who} can now do ${plural(d.addedCount, 'new action')}${breakdown}: ${actionList(d.addedRanked, d.addedCount)}`;
}

/** The access diff body (no heading): one or two lines per principal. */
export function accessDiffLines(diff: AccessDiffEntry[]): string[] {
  const lines: string[] = [];
  for (const d of diff.slice(0, PRINCIPALS_MAX)) {
    if (d.addedCount) {
      lines.push(addedLine(d));
      const wild = d.addedPatterns.filter((p) => (p.includes('*') && p !== '*') || p.startsWith('NotAction'));
      if (wild.length && !wildcardPhrase(d)) lines.push(`  - via ${wild.slice(0, LIST_MAX).map((p) => mdCode(p)).join(', ')}`);
    }
    if (d.removedCount) lines.push(`- ➖ ${mdCode(d.resource && d.policyType ? `${d.policyType} policy ${d.resource}` : d.principal)} can no longer do ${plural(d.removedCount, 'action')}: ${actionList(d.removed, d.removedCount)}`);
  }
  if (diff.length > PRINCIPALS_MAX) lines.push(`- … and ${plural(diff.length - PRINCIPALS_MAX, 'more principal or policy', 'more principals or policies')} whose access changes (see the JSON report).`);
  return lines;
}

/** The folded "Access changes" section: the count in the summary line, the list inside. */
export function baseMarkdown(result: Pick<GateResult, 'base' | 'accessDiff'>): string {
  const b = result.base;
  if (!b) return '';
  const diff = result.accessDiff ?? [];
  const gain = diff.filter((d) => d.addedCount).length;
  const lose = diff.filter((d) => d.removedCount).length;
  const head = diff.length
    ? `${plural(diff.length, 'principal or policy', 'principals or policies')} (${gain} gaining access, ${lose} losing access)`
    : 'no principal gains or loses an allowed action';
  const lines: string[] = [];
  lines.push(`<details><summary><b>Access changes</b> against <code>${htmlText(b.ref)}</code>: ${head}</summary>`);
  lines.push('');
  appendAll(lines, accessDiffLines(diff));
  if (diff.some((d) => !d.expanded)) lines.push('', mdText('Action patterns were compared as written (the IAM catalogue was not available).'));
  lines.push('', `${plural(b.filesCompared, 'file')} compared with the base, ${b.filesAdded} not in the base.`);
  lines.push('', '</details>');
  return lines.join('\n');
}
