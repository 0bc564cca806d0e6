/** The "what changes" part of the summary: the base compared with, and the access diff per principal. */
import type { GateResult } from '../gate.js';
import { mdCode, mdText } from './escape.js';
import { appendAll } from '../util/arrays.js';

const LIST_MAX = 12;
/** Principals listed; the rest are counted (the JSON report has them all). */
const PRINCIPALS_MAX = 20;

function actionList(actions: string[], total: number): string {
  const shown = actions.slice(0, LIST_MAX).map((a) => mdCode(a)).join(', ');
  return total > LIST_MAX ? `${shown} and ${total - Math.min(LIST_MAX, actions.length)} more` : shown;
}

export function baseMarkdown(result: Pick<GateResult, 'base' | 'accessDiff'>): string {
  const b = result.base;
  if (!b) return '';
  const lines: string[] = [];
  lines.push(`### Access changes against ${mdCode(b.ref)}`);
  lines.push('');
  const diff = result.accessDiff ?? [];
  if (!diff.length) {
    lines.push('No principal gains or loses an allowed action.');
  }
  for (const d of diff.slice(0, PRINCIPALS_MAX)) {
    const who = mdCode(d.principal);
    const parts: string[] = [];
    if (d.addedCount) {
      const levels = Object.entries(d.addedByLevel);
      const breakdown = levels.length > 1 || (levels.length === 1 && levels[0]![0] !== 'Unknown') ? ` (${levels.map(([l, n]) => `${n} ${l.toLowerCase()}`).join(', ')})` : '';
      parts.push(`- ➕ This change lets ${who} do **${d.addedCount}** new thing${d.addedCount === 1 ? '' : 's'}${breakdown}: ${actionList(d.addedRanked, d.addedCount)}`);
      const wild = d.addedPatterns.filter((p) => p.includes('*') || p.startsWith('NotAction'));
      if (wild.length) parts.push(`  - via ${wild.slice(0, LIST_MAX).map((p) => mdCode(p)).join(', ')}`);
    }
    if (d.removedCount) parts.push(`- ➖ ${who} can no longer do **${d.removedCount}** thing${d.removedCount === 1 ? '' : 's'}: ${actionList(d.removed, d.removedCount)}`);
    appendAll(lines, parts);
  }
  if (diff.length > PRINCIPALS_MAX) lines.push(`- … and ${diff.length - PRINCIPALS_MAX} more principals/policies whose access changes (see the JSON report).`);
  if (diff.some((d) => !d.expanded)) lines.push('', mdText('Action patterns were compared as written (the IAM catalogue was not available).'));
  lines.push('', `${b.filesCompared} file${b.filesCompared === 1 ? '' : 's'} compared with the base, ${b.filesAdded} not in the base.`);
  return lines.join('\n');
}
