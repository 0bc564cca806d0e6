/**
 * One-click fixes: a GitHub suggested change (```suggestion) on an inline comment, only where the fix is mechanical
 * and certain (the builders in suggest-edits.ts), and only after the suggested text has been re-parsed and
 * re-checked: the file with the suggestion applied must lose the findings the suggestion is for and gain none
 * (offline checks, the file on its own in a private temporary folder: what the single file yields before the edit
 * is the reference). The edits keep the file's indentation and quoting in YAML, JSON and HCL alike.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Finding } from '../findings/types.js';
import type { Options } from '../config/options.js';
import type { PolicyRecord } from '../policy/types.js';
import { runGate } from '../gate.js';
import type { GateResult } from '../result.js';
import { editFor, mayHaveEdit } from './suggest-edits.js';
import type { LineEdit } from './suggest-edits.js';
import { maxOf, minOf } from '../util/arrays.js';

export { applyToLine, mechanicalEdit } from './suggest-edits.js';
export type { TokenEdit, LineEdit } from './suggest-edits.js';

/** A re-checked replacement of lines `startLine`..`endLine` (1-based, inclusive) by `lines`. */
export interface Suggestion {
  startLine: number;
  endLine: number;
  lines: string[];
  /** The findings it removes. */
  fixes: Finding[];
  description: string;
}

export interface Suggester {
  /**
   * The re-checked replacement of a range covering `range` (the commented lines) that fixes some of `findings`, or
   * undefined when none is certain. The range may grow to the lines the edit touches.
   */
  (file: string, range: { start: number; end: number }, findings: Finding[]): Promise<Suggestion | undefined>;
}

/** At most this many suggestions are re-checked per run (each is one offline analysis of one file). */
export const MAX_SUGGESTIONS = 20;
/** At most this many files are analysed alone for their reference findings per run. */
export const MAX_SUGGESTION_FILES = 40;

export interface SuggesterExtras {
  /** The distinct service principals the repository's trust policies name (iam:PassedToService). */
  servicePrincipals?: string[];
  log?: (m: string) => void;
}

interface Before {
  text: string;
  lines: string[];
  records: PolicyRecord[];
  findings: Finding[];
}

/** A suggester reading files under `root` (the PR head checkout), re-checking with `options` (Access Analyzer off). */
export function makeSuggester(root: string, options: Options, extras: SuggesterExtras = {}): Suggester {
  let budget = MAX_SUGGESTIONS;
  const log = extras.log ?? (() => {});
  const cache = new Map<string, Promise<Before | undefined>>();
  const before = (file: string): Promise<Before | undefined> => {
    let p = cache.get(file);
    if (!p) {
      // bounded work: thousands of findings with a possible fix must not mean thousands of analyses
      if (cache.size >= MAX_SUGGESTION_FILES) return Promise.resolve(undefined);
      cache.set(file, (p = readBefore(root, file, options)));
    }
    return p;
  };
  return async (file, range, findings) => {
    const candidates = findings.filter((f) => f.file === file && mayHaveEdit(f));
    if (!candidates.length || budget <= 0) return undefined;
    const b = await before(file).catch(() => undefined);
    if (!b) return undefined;
    const ctx = { lines: b.lines, records: b.records, servicePrincipals: extras.servicePrincipals ?? [] };
    const chosen: { edit: LineEdit; fixes: Finding[] }[] = [];
    for (const f of candidates) {
      // the file alone must reproduce the finding (same rule, lines and message)
      if (!b.findings.some((x) => sameFinding(x, f))) continue;
      const edit = editFor(f, ctx);
      if (!edit) continue;
      const same = chosen.find((c) => c.edit.start === edit.start && c.edit.end === edit.end && c.edit.lines.join('\n') === edit.lines.join('\n'));
      if (same) same.fixes.push(f);
      else if (!chosen.some((c) => edit.start <= c.edit.end && c.edit.start <= edit.end)) chosen.push({ edit, fixes: [f] });
    }
    if (!chosen.length) return undefined;
    budget--;
    const s = minOf(chosen.map((c) => c.edit.start), range.start);
    const e = maxOf(chosen.map((c) => c.edit.end), range.end);
    let after: string[] = b.lines;
    let delta = 0;
    for (const { edit } of [...chosen].sort((x, y) => y.edit.start - x.edit.start)) {
      after = after.slice(0, edit.start - 1).concat(edit.lines, after.slice(edit.end));
      delta += edit.lines.length - (edit.end - edit.start + 1);
    }
    const fixes = chosen.flatMap((c) => c.fixes);
    try {
      const afterFindings = (await analyseAlone(file, after.join('\n'), options)).findings;
      const verdict = recheck(b.findings, afterFindings, fixes, { s, e, delta });
      if (verdict) {
        log(`No suggestion for ${file}:${range.end}: the re-check ${verdict}.`);
        return undefined;
      }
    } catch (err) {
      log(`No suggestion for ${file}:${range.end}: the re-check failed (${(err as Error).message}).`);
      return undefined;
    }
    return { startLine: s, endLine: e, lines: after.slice(s - 1, e + delta), fixes, description: chosen.map((c) => c.edit.description).join(' ') };
  };
}

function sameFinding(a: Finding, b: Finding): boolean {
  return a.ruleId === b.ruleId && a.line === b.line && a.endLine === b.endLine && a.message === b.message;
}

/**
 * Why the edited file fails the re-check (undefined when it passes): every fixed finding gone, no finding that was
 * not there before. Lines before the edited range keep their numbers, lines after it move by `delta`, lines inside
 * it count as the range.
 */
export function recheck(before: Finding[], after: Finding[], fixes: Finding[], r: { s: number; e: number; delta: number }): string | undefined {
  const beforeLine = (l: number) => (l < r.s ? `${l}` : l > r.e ? `${l}` : `in${r.s}`);
  const afterLine = (l: number) => (l < r.s ? `${l}` : l > r.e + r.delta ? `${l - r.delta}` : `in${r.s}`);
  const key = (f: Finding, line: (l: number) => string) => `${f.ruleId}\u0000${line(f.line)}\u0000${line(f.endLine)}\u0000${f.resource ?? ''}\u0000${f.message}`;
  const site = (f: Finding, line: (l: number) => string) => `${f.ruleId}\u0000${line(f.line)}\u0000${f.resource ?? ''}`;
  const afterSites = new Set(after.map((f) => site(f, afterLine)));
  const afterKeys = new Set(after.map((f) => key(f, afterLine)));
  for (const f of fixes) {
    // a redundant entry of a list: another entry of the same line may still be redundant (its own message)
    const still = f.ruleId === 'REDUNDANT_ACTION' ? afterKeys.has(key(f, beforeLine)) : afterSites.has(site(f, beforeLine));
    if (still) return 'still reports the finding';
  }
  const beforeKeys = new Set(before.map((f) => key(f, beforeLine)));
  const added = after.find((f) => !beforeKeys.has(key(f, afterLine)));
  return added ? `found a new finding (${added.ruleId}: ${added.message.slice(0, 120)})` : undefined;
}

async function readBefore(root: string, file: string, options: Options): Promise<Before | undefined> {
  const abs = path.resolve(root, file);
  if (!abs.startsWith(path.resolve(root) + path.sep)) return undefined;
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch {
    return undefined;
  }
  // CRLF files: a suggested line would mix line endings (GitHub shows and applies suggestions with LF)
  if (text.includes('\r')) return undefined;
  const r = await analyseAlone(file, text, options);
  return { text, lines: text.split('\n'), records: r.policies, findings: r.findings };
}

/** The offline analysis of `text` alone as `file` (a private temporary folder). */
async function analyseAlone(file: string, text: string, options: Options): Promise<GateResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'iam-gate-suggest-'));
  try {
    const abs = path.join(dir, file);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    const r = await runGate([file], { ...options, root: dir, cwd: dir, accessAnalyzer: 'off', ignore: [] });
    if (r.errors.length) throw new Error(r.errors[0]!.message);
    return r;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The service principals the whole repository's trust policies name (an offline scan of `root`, Access Analyzer
 * off), for iam:PassedToService: made only when a finding could use it (`findings` has a PassRole finding a
 * condition would fix), since a pull request's run analyses the changed files only. [] when the scan fails.
 */
export async function repositoryServicePrincipals(root: string, options: Options, findings: readonly Finding[]): Promise<string[]> {
  if (!findings.some((f) => f.ruleId === 'passrole-unrestricted' && mayHaveEdit(f))) return [];
  try {
    const r = await runGate(['.'], { ...options, root, cwd: root, accessAnalyzer: 'off' });
    return trustServicePrincipals(r.policies);
  } catch {
    return [];
  }
}

/** The distinct service principals (`lambda.amazonaws.com`) the trust policies of a result name. */
export function trustServicePrincipals(policies: readonly PolicyRecord[]): string[] {
  const out = new Set<string>();
  for (const p of policies) {
    if (p.policyType !== 'trust') continue;
    const doc = p.document as { Statement?: unknown };
    const list = Array.isArray(doc?.Statement) ? doc.Statement : doc?.Statement ? [doc.Statement] : [];
    for (const s of list as { Principal?: { Service?: unknown } }[]) {
      const svc = s?.Principal?.Service;
      for (const v of Array.isArray(svc) ? svc : svc === undefined ? [] : [svc]) if (typeof v === 'string') out.add(v.toLowerCase());
    }
  }
  return [...out].sort();
}

/** A suggestion block GitHub renders as a one-click change of the commented lines (no lines: they are removed). */
export function suggestionBlock(lines: string[]): string {
  const replacement = lines.join('\n');
  let fence = '```';
  while (replacement.includes(fence)) fence += '`';
  return lines.length ? `${fence}suggestion\n${replacement}\n${fence}` : `${fence}suggestion\n${fence}`;
}

/** A re-checked fix of one finding, for SARIF `fixes`: the replacement text of lines startLine..endLine. */
export interface LineFix {
  startLine: number;
  endLine: number;
  text: string;
  description: string;
}

/** Re-checked fixes per finding fingerprint (for SARIF), each finding on its own. */
export async function lineFixes(findings: Finding[], suggest: Suggester): Promise<Map<string, LineFix>> {
  const out = new Map<string, LineFix>();
  for (const f of findings) {
    if (f.suppressed || !mayHaveEdit(f)) continue;
    const s = await suggest(f.file, { start: f.line, end: f.endLine }, [f]);
    if (s) out.set(f.fingerprint, { startLine: s.startLine, endLine: s.endLine, text: s.lines.join('\n'), description: s.description });
  }
  return out;
}
