/**
 * The Markdown summary (job summary and PR summary comment): verdict first, a table of counts, then findings grouped
 * by file with line links. Everything from the PR is escaped (report/escape.ts).
 */
import type { GateResult } from '../gate.js';
import type { Finding, Severity } from '../findings/types.js';
import { SEVERITIES } from '../findings/types.js';
import { mdCode, mdText, trustedLink } from './escape.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { catalogStamp } from '../catalog/index.js';
import { baseMarkdown } from './access-diff.js';
import { appendAll } from '../util/arrays.js';
import { represented } from '../findings/summarise.js';

export interface MarkdownOptions {
  /** Builds a link to a file line (e.g. on github.com at the head SHA). Absent: plain `file:line`. */
  lineUrl?: (file: string, line: number, endLine: number) => string | undefined;
  /** Stop adding findings once the text reaches this many characters. */
  maxChars?: number;
  /** Where the complete report can be found when truncated. */
  fullReportHint?: string;
}

const ICON: Record<Severity, string> = { error: '🛑', 'security-warning': '🔒', warning: '⚠️', suggestion: '💡' };
/** Entries of the "Not analysed" list shown in Markdown (the JSON report lists them all). */
export const MAX_ERRORS_LISTED = 50;

const STATUS: Record<string, string> = { pass: '✅ **Pass**', fail: '❌ **Fail**', incomplete: '⚠️ **Incomplete**' };

export function location(f: { file: string; line: number; endLine: number }, opts: MarkdownOptions): string {
  const label = `${f.file}:${f.line}${f.endLine > f.line ? `-${f.endLine}` : ''}`;
  const url = opts.lineUrl?.(f.file, f.line, f.endLine);
  return url ? `[${mdCode(label)}](${url})` : mdCode(label);
}

export function findingLine(f: Finding, opts: MarkdownOptions): string {
  const inChange = (f.details?.suppressedBy as { inChange?: boolean } | undefined)?.inChange === true;
  const tags = [f.new === true ? 'new' : f.new === false ? 'existing' : '', f.suppressed ? (inChange ? 'suppressed in this change' : 'suppressed') : ''].filter(Boolean);
  return (
    `- ${ICON[f.severity]} ${location(f, opts)} **${mdText(f.title)}** (${trustedLink(f.ruleId, f.learnMore)}${tags.length ? `, ${tags.join(', ')}` : ''})` +
    (f.resource ? ` in ${mdCode(f.resource)}` : '') +
    `<br>${mdText(f.message)}` +
    (f.related?.length ? `<br>See: ${f.related.map((r) => `${location({ file: r.file, line: r.line, endLine: r.line }, opts)} ${mdText(r.message)}`).join('; ')}` : '') +
    (f.suppressed && f.suppressionReason ? `<br>Suppressed: ${mdText(f.suppressionReason)}` : f.fix ? `<br>**Fix:** ${mdText(f.fix)}` : '')
  );
}

export function toMarkdown(result: GateResult, opts: MarkdownOptions = {}): string {
  const v = result.verdict;
  const max = opts.maxChars ?? Infinity;
  const parts: string[] = [];
  parts.push(`## IAM Policy Gate: ${STATUS[v.status] ?? v.status}`);
  parts.push('');
  parts.push(mdText(v.reason));
  parts.push('');
  const hasBaseline = v.newCount !== undefined;
  parts.push(`| Severity | Findings${hasBaseline ? ' | New | Existing' : ''} |`);
  parts.push(`|---|---:${hasBaseline ? '|---:|---:' : ''}|`);
  for (const s of SEVERITIES) {
    const active = result.findings.filter((f) => f.severity === s && !f.suppressed);
    const count = (fs: typeof active) => String(fs.reduce((n, f) => n + represented(f), 0));
    const row = [`${ICON[s]} ${s}${s === v.failOn ? ' (fail-on)' : ''}`, count(active)];
    if (hasBaseline) row.push(count(active.filter((f) => f.new)), count(active.filter((f) => f.new === false)));
    parts.push(`| ${row.join(' | ')} |`);
  }
  parts.push('');
  parts.push(
    `${result.stats.filesScanned} files scanned, ${result.policies.length} policies analysed${v.suppressed ? `, ${v.suppressed} findings suppressed` : ''}.`,
  );
  if (result.errors.length) {
    parts.push('');
    parts.push(`### ⚠️ Not analysed (${result.errors.length})`);
    parts.push('');
    // bounded: a run with thousands of unreadable files must still leave room for the findings
    const shown = result.errors.slice(0, MAX_ERRORS_LISTED);
    for (const e of shown) {
      parts.push(`- ${mdCode(`${e.file}${e.line ? `:${e.line}` : ''}`)}: ${mdText(e.message.length > 500 ? `${e.message.slice(0, 500)}…` : e.message)}`);
    }
    if (result.errors.length > shown.length) parts.push(`- … and ${result.errors.length - shown.length} more (every one is in the JSON report's \`errors\`)`);
  }
  if (result.base) parts.push('', baseMarkdown(result));
  if (result.scpImpacts?.length) appendAll(parts, ['', ...scpImpactSection(result)]);
  let text = parts.join('\n');
  const active = result.findings.filter((f) => !f.suppressed);
  const suppressed = result.findings.filter((f) => f.suppressed);
  let omitted = 0;
  const addSection = (title: string, list: Finding[]) => {
    if (!list.length) return;
    let section = `\n\n### ${title}\n`;
    let lastFile = '';
    for (const f of list) {
      let chunk = '';
      if (f.file !== lastFile) {
        chunk += `\n**${mdCode(f.file)}**\n\n`;
        lastFile = f.file;
      }
      chunk += findingLine(f, opts) + '\n';
      if (text.length + section.length + chunk.length > max) {
        omitted++;
        continue;
      }
      section += chunk;
    }
    text += section;
  };
  addSection(`Findings (${active.length})`, active);
  addSection(`Suppressed (${suppressed.length})`, suppressed);
  if (omitted) text += `\n\n_${omitted} more findings not shown here${opts.fullReportHint ? `: ${mdText(opts.fullReportHint)}` : ''}._`;
  if (result.notes.length) text += '\n\n' + result.notes.map((n) => `> ${mdText(n)}`).join('\n');
  const stamp = catalogStamp();
  // no '@' here: GitHub would take @cloud-copilot for a mention
  const safe = (v: string): string => v.replace(/[^0-9A-Za-z.-]/g, '');
  text += `\n\n<sub>${TOOL_NAME} ${TOOL_VERSION}${stamp ? ` · IAM data ${safe(stamp.date.slice(0, 10))} (iam-data ${safe(stamp.version)})` : ''}</sub>\n`;
  return text;
}

/** The SCP change impact section: per changed SCP and target, newly denied / allowed actions by service. */
export function scpImpactSection(result: GateResult): string[] {
  const out = [`### 🏛️ SCP change impact`, ''];
  for (const imp of result.scpImpacts) {
    out.push(`**${mdCode(`${imp.file}:${imp.line}`)}** ${mdCode(imp.resource)}`, '');
    for (const t of imp.targets) {
      if (!t.newlyDeniedCount && !t.newlyAllowedCount) {
        out.push(`- ${mdText(t.target)}: no change in what is allowed`);
        continue;
      }
      const groups = (g: { service: string; count: number; examples: string[] }[]) =>
        g.slice(0, 8).map((x) => `${mdCode(x.service)} ${x.count} (e.g. ${x.examples.slice(0, 3).map((e) => mdCode(e)).join(', ')})`).join('; ') + (g.length > 8 ? `; and ${g.length - 8} more services` : '');
      if (t.newlyDeniedCount) out.push(`- ${mdText(t.target)}: **newly denied ${t.newlyDeniedCount} actions**: ${groups(t.newlyDenied)}`);
      if (t.newlyAllowedCount) out.push(`- ${mdText(t.target)}: **newly allowed ${t.newlyAllowedCount} actions**: ${groups(t.newlyAllowed)}`);
    }
    out.push('');
  }
  return out;
}
