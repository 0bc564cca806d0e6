/**
 * The Markdown summary (job summary and PR summary comment), in the order a reviewer reads it: the verdict and its
 * reason; a table of counts with a Blocking column and a one-line tally per area of responsibility; the blocking
 * findings, grouped by area and by rule (a rule with several findings folded, its files in the fold's title); the
 * rest folded; suppressed findings folded; the access diff and SCP impact folded; notes; how to suppress; the run.
 * Everything from the PR is escaped (report/escape.ts). When the text would pass `maxChars`, it first drops the
 * per-finding fixes of non-blocking findings, then lists fewer findings (saying how many and where the rest are).
 */
import type { GateResult } from '../result.js';
import type { Finding, Severity } from '../findings/types.js';
import { SEVERITIES, severityRank } from '../findings/types.js';
import { isBlocking } from '../findings/verdict.js';
import { htmlText, mdCode, mdText, trustedLink } from './escape.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { catalogStamp } from '../catalog/index.js';
import { baseMarkdown } from './access-diff.js';
import { AREAS, AREA_ICON, AREA_LABEL, areaOf } from './areas.js';
import type { Area } from './areas.js';
import { fixMarkdown } from './fix-block.js';
import { plural } from './plural.js';
import { appendAll, minOf } from '../util/arrays.js';
import { represented } from '../findings/summarise.js';

export interface MarkdownOptions {
  /** Builds a link to a file line (e.g. on github.com at the head SHA). Absent: plain `file:line`. */
  lineUrl?: (file: string, line: number, endLine: number) => string | undefined;
  /** Stop adding findings once the text reaches this many characters. */
  maxChars?: number;
  /** Where the complete report can be found when truncated. */
  fullReportHint?: string;
  /** The workflow run (a trusted URL we built): linked at the end. */
  runUrl?: string;
  /** Notes about the findings listed below (placed just before them, so "below" is true). */
  before?: string[];
  /** Which findings block; default: the verdict's fail-on, fail-on-existing and report-only settings. */
  blocking?: (f: Finding) => boolean;
}

const ICON: Record<Severity, string> = { error: '🛑', 'security-warning': '🔒', warning: '⚠️', suggestion: '💡' };
/** Entries of the "Not analysed" list shown in Markdown (the JSON report lists them all). */
export const MAX_ERRORS_LISTED = 50;
/** "Not analysed" entries shown unfolded; the rest are folded. */
const ERRORS_UNFOLDED = 5;
/** Lines of single-finding rule groups shown unfolded in the blocking section before they are folded too. */
const UNFOLDED_LINES = 50;
/** Files named in a folded rule group's title. */
const FILES_IN_TITLE = 3;

const STATUS: Record<string, string> = { pass: '✅ **Pass**', fail: '❌ **Fail**', incomplete: '⚠️ **Incomplete**' };

export function location(f: { file: string; line: number; endLine: number }, opts: MarkdownOptions): string {
  const label = `${f.file}:${f.line}${f.endLine > f.line ? `-${f.endLine}` : ''}`;
  const url = opts.lineUrl?.(f.file, f.line, f.endLine);
  return url ? `[${mdCode(label)}](${url})` : mdCode(label);
}

function tags(f: Finding): string {
  const inChange = (f.details?.suppressedBy as { inChange?: boolean } | undefined)?.inChange === true;
  const t = [f.new === true ? 'new' : f.new === false ? 'existing' : '', f.suppressed ? (inChange ? 'suppressed in this change' : 'suppressed') : ''].filter(Boolean);
  return t.length ? ` _(${t.join(', ')})_` : '';
}

/** One finding as a list item: where, on what, what is wrong; the fix (with its JSON) when `fix`. */
function findingBody(f: Finding, opts: MarkdownOptions): string {
  const related = f.related?.length ? `<br>See: ${f.related.map((r) => `${location({ file: r.file, line: r.line, endLine: r.line }, opts)} ${mdText(r.message)}`).join('; ')}` : '';
  return `${location(f, opts)}${f.resource ? ` in ${mdCode(f.resource)}` : ''}${tags(f)}: ${mdText(f.message)}${related}`;
}

export function findingLine(f: Finding, opts: MarkdownOptions, fix = true): string {
  let s = `- ${ICON[f.severity]} ${findingBody(f, opts)}`;
  if (f.suppressed) return s + (f.suppressionReason ? `<br>Suppressed: ${mdText(f.suppressionReason)}` : '');
  if (fix && f.fix) s += `\n\n  ${fixMarkdown(f.fix).replace(/\n/g, '\n  ')}\n`;
  return s;
}

interface RuleGroup {
  ruleId: string;
  findings: Finding[];
}

function groupByRule(list: Finding[]): RuleGroup[] {
  const m = new Map<string, Finding[]>();
  for (const f of list) {
    let g = m.get(f.ruleId);
    if (!g) m.set(f.ruleId, (g = []));
    g.push(f);
  }
  const sev = (g: Finding[]) => minOf(g.map((f) => severityRank(f.severity)));
  return [...m.entries()].map(([ruleId, findings]) => ({ ruleId, findings })).sort((a, b) => sev(a.findings) - sev(b.findings) || b.findings.length - a.findings.length || (a.ruleId < b.ruleId ? -1 : 1));
}

/** Detail level, lowered when the text is too long: 0 every fix, 1 fixes of blocking findings only. */
type Detail = 0 | 1;

function groupMarkdown(g: RuleGroup, opts: MarkdownOptions, fold: boolean, withFix: boolean): string {
  const first = g.findings[0]!;
  const worst = g.findings.reduce((a, f) => (severityRank(f.severity) < severityRank(a.severity) ? f : a), first);
  const fixes = new Set(g.findings.map((f) => f.fix ?? ''));
  const shared = withFix && fixes.size === 1 && first.fix ? first.fix : undefined;
  const rule = trustedLink(g.ruleId, first.learnMore);
  if (!fold) {
    return `- ${ICON[worst.severity]} **${mdText(first.title)}** (${rule}): ${findingBody(first, opts)}` + (withFix && first.fix ? `\n\n  ${fixMarkdown(first.fix).replace(/\n/g, '\n  ')}\n` : '');
  }
  const files = [...new Set(g.findings.map((f) => f.file))];
  const named = files.slice(0, FILES_IN_TITLE).map((f) => `<code>${htmlText(f)}</code>`).join(', ') + (files.length > FILES_IN_TITLE ? ` and ${plural(files.length - FILES_IN_TITLE, 'more file')}` : '');
  const out = [
    `<details><summary>${ICON[worst.severity]} <b>${htmlText(first.title)}</b> (${htmlText(g.ruleId)}): ${plural(g.findings.length, 'finding')} in ${named}</summary>`,
    '',
    ...g.findings.map((f) => findingLine(f, opts, withFix && !shared)),
  ];
  out.push('', shared ? fixMarkdown(shared, `**Fix** (${rule}):`) : `Rule: ${rule}`, '', '</details>');
  return out.join('\n');
}

function byArea(list: Finding[]): Map<Area, Finding[]> {
  const m = new Map<Area, Finding[]>();
  for (const f of list) {
    const a = areaOf(f);
    let l = m.get(a);
    if (!l) m.set(a, (l = []));
    l.push(f);
  }
  return new Map(AREAS.filter((a) => m.has(a)).map((a) => [a, m.get(a)!]));
}

/** The findings of one section as chunks (one per area heading or rule group), each with the findings it shows. */
function sectionChunks(list: Finding[], opts: MarkdownOptions, o: { foldSingles: boolean; withFix: boolean; unfoldedLines: number }): { text: string; count: number }[] {
  const out: { text: string; count: number }[] = [];
  let unfolded = 0;
  for (const [area, fs] of byArea(list)) {
    out.push({ text: `#### ${AREA_ICON[area]} ${AREA_LABEL[area]} (${fs.length})`, count: 0 });
    for (const g of groupByRule(fs)) {
      const single = g.findings.length === 1 && !o.foldSingles;
      let text = groupMarkdown(g, opts, !single || unfolded > o.unfoldedLines, o.withFix);
      if (single && unfolded <= o.unfoldedLines) unfolded += text.split('\n').length;
      else text = groupMarkdown(g, opts, true, o.withFix);
      out.push({ text, count: g.findings.length });
    }
  }
  return out;
}

function headerLines(result: GateResult, blocking: (f: Finding) => boolean): string[] {
  const v = result.verdict;
  const parts: string[] = [`## IAM Policy Gate: ${STATUS[v.status] ?? v.status}`, '', `**${mdText(v.reason)}**`, ''];
  const hasBaseline = v.newCount !== undefined;
  parts.push(`| Severity | Findings | Blocking${hasBaseline ? ' | New | Existing' : ''} |`);
  parts.push(`|---|---:|---:${hasBaseline ? '|---:|---:' : ''}|`);
  const active = result.findings.filter((f) => !f.suppressed);
  for (const s of SEVERITIES) {
    const of = active.filter((f) => f.severity === s);
    // a summary finding stands for the repeats it summarises (findings/summarise.ts)
    const count = (fs: Finding[]) => String(fs.reduce((n, f) => n + represented(f), 0));
    const row = [`${ICON[s]} ${s}${s === v.failOn && !v.reportOnly ? ' (fail-on)' : ''}`, count(of), count(of.filter(blocking))];
    if (hasBaseline) row.push(count(of.filter((f) => f.new)), count(of.filter((f) => f.new === false)));
    parts.push(`| ${row.join(' | ')} |`);
  }
  parts.push('');
  const areas = byArea(active);
  if (areas.size) parts.push(`**By area:** ${[...areas].map(([a, fs]) => `${AREA_ICON[a]} ${AREA_LABEL[a]} ${fs.reduce((n, f) => n + represented(f), 0)}`).join(' · ')}`, '');
  parts.push(
    `${plural(result.stats.filesScanned, 'file')} scanned, ${plural(result.streamed?.policies ?? result.policies.length, 'policy', 'policies')} analysed${v.suppressed ? `, ${plural(v.suppressed, 'finding')} suppressed` : ''}.`,
  );
  return parts;
}

function errorLines(result: GateResult): string[] {
  if (!result.errors.length) return [];
  const line = (e: GateResult['errors'][number]) =>
    `- ${mdCode(`${e.file}${e.line ? `:${e.line}` : ''}`)}: ${mdText(e.message.length > 500 ? `${e.message.slice(0, 500)}…` : e.message)}`;
  // bounded: a run with thousands of unreadable files must still leave room for the findings
  const shown = result.errors.slice(0, MAX_ERRORS_LISTED);
  const out = ['', `### ⚠️ Not analysed (${result.errors.length})`, '', ...shown.slice(0, ERRORS_UNFOLDED).map(line)];
  if (shown.length > ERRORS_UNFOLDED) appendAll(out, ['', `<details><summary>${plural(shown.length - ERRORS_UNFOLDED, 'more')}</summary>`, '', ...shown.slice(ERRORS_UNFOLDED).map(line), '', '</details>', '']);
  if (result.errors.length > shown.length) out.push(`- … and ${result.errors.length - shown.length} more (every one is in the JSON report's \`errors\`)`);
  return out;
}

function footer(opts: MarkdownOptions, hasFindings: boolean): string {
  const stamp = catalogStamp();
  // no '@' here: GitHub would take @cloud-copilot for a mention
  const safe = (v: string): string => v.replace(/[^0-9A-Za-z.-]/g, '');
  const how = hasFindings
    ? `\n\n<sub>To accept a finding: an ${mdCode('ignore:')} entry with ${mdCode('rule')}, ${mdCode('reason')} and ${mdCode('expires')} in ${mdCode('.github/iam-policy-gate.yml')} (read from the base branch), or ${mdCode('# iam-policy-gate:ignore RULE reason')} next to the policy (CloudFormation: ${mdCode('Metadata: iam-policy-gate: ignore')}).</sub>`
    : '';
  const run = opts.runUrl && /^https:\/\/[\w.-]+\/[\w./-]+$/.test(opts.runUrl) ? ` · [workflow run](${opts.runUrl})` : '';
  return `${how}\n\n<sub>${TOOL_NAME} ${TOOL_VERSION}${stamp ? ` · IAM data ${safe(stamp.date.slice(0, 10))} (iam-data ${safe(stamp.version)})` : ''}${run}</sub>\n`;
}

const LOCKOUT_RULES: ReadonlySet<string> = new Set(['scp-lockout-risk', 'scp-region-lock-global-services']);

function render(result: GateResult, opts: MarkdownOptions, detail: Detail, max: number): { text: string; omitted: number } {
  const v = result.verdict;
  const blocking = opts.blocking ?? ((f: Finding) => isBlocking(f, { failOn: v.failOn, failOnExisting: v.failOnExisting ?? false, reportOnly: v.reportOnly ?? false }));
  const active = result.findings.filter((f) => !f.suppressed);
  const suppressed = result.findings.filter((f) => f.suppressed);
  const blockers = active.filter(blocking);
  const rest = active.filter((f) => !blocking(f));
  const top = [...headerLines(result, blocking), ...errorLines(result)];
  // one quote block, one paragraph per note (consecutive `>` lines would run together)
  if (opts.before?.length) top.push('', opts.before.join('\n>\n'));
  const tail: string[] = [];
  if (result.base) tail.push('', baseMarkdown(result));
  if (result.scpImpacts?.length) appendAll(tail, ['', ...scpImpactSection(result)]);
  if (result.notes.length) tail.push('', result.notes.map((n) => `> ${mdText(n)}`).join('\n'));
  const end = footer(opts, active.length > 0 || suppressed.length > 0);
  let text = top.join('\n');
  const fixed = text.length + tail.join('\n').length + end.length + 400;
  let omitted = 0;
  const add = (chunks: { text: string; count: number }[], open: string, close: string) => {
    if (!chunks.length) return;
    let section = open;
    for (const c of chunks) {
      if (fixed + text.length - top.join('\n').length + section.length + c.text.length + close.length > max) {
        omitted += c.count;
        continue;
      }
      section += `\n\n${c.text}`;
    }
    text += section + close;
  };
  add(sectionChunks(blockers, opts, { foldSingles: false, withFix: true, unfoldedLines: UNFOLDED_LINES }), `\n\n### 🛑 Blocking (${blockers.length})`, '');
  const restTitle = `${blockers.length ? 'Not blocking' : 'Findings'}: ${plural(rest.length, 'finding')}${rest.some((f) => f.new === false) ? ` (${rest.filter((f) => f.new === false).length} already in the base)` : ''}`;
  add(sectionChunks(rest, opts, { foldSingles: true, withFix: detail === 0, unfoldedLines: 0 }), `\n\n<details><summary><b>${restTitle}</b></summary>`, '\n\n</details>');
  add(
    suppressed.map((f) => ({ text: findingLine(f, opts), count: 1 })),
    `\n\n<details><summary><b>Suppressed: ${plural(suppressed.length, 'finding')}</b></summary>`,
    '\n\n</details>',
  );
  if (omitted) text += `\n\n_${plural(omitted, 'more finding')} not shown here${opts.fullReportHint ? `: ${mdText(opts.fullReportHint)}` : ''}._`;
  text += (tail.length ? '\n' : '') + tail.join('\n') + end;
  return { text, omitted };
}

export function toMarkdown(result: GateResult, opts: MarkdownOptions = {}): string {
  const max = opts.maxChars ?? Infinity;
  const full = render(result, opts, 0, max);
  if (full.text.length <= max && !full.omitted) return full.text;
  return render(result, opts, 1, max).text;
}

/**
 * Per target, what changes in which requests: a table (requests, the change there), folded when long. A
 * single "every request" row stays one line.
 */
function contextTable(ctx: readonly { when: string; summary: string }[]): string[] {
  if (!ctx.length) return [];
  const what = (c: { when: string; summary: string }) => c.summary.replace(/^(When .*?|For every request): /, (m) => (m === `When ${c.when}: ` || m === 'For every request: ' ? '' : m));
  if (ctx.length === 1 && ctx[0]!.when === 'every request') return [`  - ${mdText(ctx[0]!.summary)}`];
  const rows = ctx.slice(0, 20).map((c) => `| ${mdText(c.when === 'every request' ? 'every request' : c.when)} | ${mdText(what(c))} |`);
  if (ctx.length > 20) rows.push(`| … and ${ctx.length - 20} more groups of requests | |`);
  const table = ['', '| Requests (condition values) | What changes there |', '|---|---|'].concat(rows, ['']);
  return ctx.length > 5 ? ['', '<details><summary>By request context: ' + ctx.length + ' groups</summary>'].concat(table, ['</details>', '']) : table;
}

/** The SCP change impact section (folded): per changed SCP and target, newly denied / allowed actions by service. */
export function scpImpactSection(result: GateResult): string[] {
  const n = result.scpImpacts.length;
  const rcps = result.scpImpacts.filter((i) => i.policyType === 'rcp').length;
  const counted = [n - rcps ? plural(n - rcps, 'changed SCP') : '', rcps ? plural(rcps, 'changed RCP') : ''].filter(Boolean).join(', ');
  const out = [`<details><summary><b>🏛️ ${rcps ? (rcps === n ? 'RCP' : 'SCP/RCP') : 'SCP'} change impact</b>: ${counted}</summary>`, ''];
  // lock-out risks lead: they are what a reviewer of an SCP change must not miss
  const risks = (result.findings ?? []).filter((f) => LOCKOUT_RULES.has(f.ruleId) && !f.suppressed);
  if (risks.length) {
    out.push('**Lock-out risks**', '');
    for (const f of risks.slice(0, 10)) out.push(`- ⛔ ${mdCode(`${f.file}:${f.line}`)} ${mdText(f.message)}`);
    if (risks.length > 10) out.push(`- … and ${risks.length - 10} more (see the findings)`);
    out.push('');
  }
  for (const imp of result.scpImpacts) {
    out.push(`**${mdCode(`${imp.file}:${imp.line}`)}** ${mdCode(imp.resource)}`, '');
    for (const t of imp.targets) {
      if (!t.newlyDeniedCount && !t.newlyAllowedCount) {
        out.push(`- ${mdText(t.target)}: no change in what is allowed`);
        continue;
      }
      const groups = (g: { service: string; count: number; examples: string[] }[]) =>
        g.slice(0, 8).map((x) => `${mdCode(x.service)} ${x.count} (e.g. ${x.examples.slice(0, 3).map((e) => mdCode(e)).join(', ')})`).join('; ') + (g.length > 8 ? `; and ${g.length - 8} more services` : '');
      if (t.newlyDeniedCount) out.push(`- ${mdText(t.target)}: **newly denied ${plural(t.newlyDeniedCount, 'action')}**: ${groups(t.newlyDenied)}`);
      if (t.newlyAllowedCount) out.push(`- ${mdText(t.target)}: **newly allowed ${plural(t.newlyAllowedCount, 'action')}**: ${groups(t.newlyAllowed)}`);
      appendAll(out, contextTable(t.contexts ?? []));
      if (t.unmodelledKeys?.length) out.push(`  - Conditions on ${t.unmodelledKeys.map((k) => mdCode(k)).join(', ')} were not evaluated (too many combinations): Denies on them count as "may apply".`);
    }
    out.push('');
  }
  out.push('</details>');
  return out;
}
