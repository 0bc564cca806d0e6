/**
 * One-click fixes: a GitHub suggested change (```suggestion) on an inline comment, only where the fix is mechanical
 * and certain, and only after the suggested text has been re-parsed and re-checked: the file with the suggestion
 * applied must lose exactly the findings the suggestion is for and gain none (offline checks, the file on its own in
 * a private temporary folder: what the single file yields before the edit is the reference). The edits replace one
 * token on one line (an action name, an Effect value, an element name), so the file's indentation and quoting stay
 * as written in YAML, JSON and HCL alike.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Finding } from '../findings/types.js';
import type { Options } from '../config/options.js';
import { runGate } from '../gate.js';

/** A replacement of one token on one line (1-based), what a finding's fix mechanically is. */
export interface TokenEdit {
  line: number;
  from: string;
  to: string;
}

/** The mechanical edit a finding asks for, when there is exactly one certain answer. Pure. */
export function mechanicalEdit(f: Finding): TokenEdit | undefined {
  if (f.line !== f.endLine) return undefined;
  if (f.ruleId === 'INVALID_ACTION') {
    const to = typeof f.details?.suggestion === 'string' ? f.details.suggestion : undefined;
    const from = /^The action "([^"]+)" does not exist/.exec(f.message)?.[1];
    return from && to && from !== to ? { line: f.line, from, to } : undefined;
  }
  if (f.ruleId === 'INVALID_EFFECT') {
    const from = /^Effect "([^"]+)" is not valid/.exec(f.message)?.[1];
    const to = from && ['allow', 'deny'].includes(from.toLowerCase()) ? (from.toLowerCase() === 'allow' ? 'Allow' : 'Deny') : undefined;
    return from && to && from !== to ? { line: f.line, from, to } : undefined;
  }
  if (f.ruleId === 'INVALID_POLICY_ELEMENT') {
    const m = /^"([^"]+)" is not a valid (?:top-level policy|statement) element \(did you mean "([^"]+)"\?\)/.exec(f.message);
    return m && m[1] !== m[2] ? { line: f.line, from: m[1]!, to: m[2]! } : undefined;
  }
  return undefined;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The line with `from` replaced by `to`, when `from` occurs on it exactly once as a whole token. Pure. */
export function applyToLine(text: string, e: TokenEdit): string | undefined {
  const re = new RegExp(`(?<![\\w:*.-])${escapeRe(e.from)}(?![\\w:*.-])`, 'g');
  const matches = text.match(re);
  if (!matches || matches.length !== 1) return undefined;
  return text.replace(re, () => e.to);
}

export interface Suggester {
  /** The replacement text of line `line` of `file` fixing `findings`, or undefined when none is certain. */
  (file: string, line: number, findings: Finding[]): Promise<string | undefined>;
}

/** At most this many suggestions are re-checked per run (each is two offline analyses of one file). */
export const MAX_SUGGESTIONS = 20;

/**
 * A suggester reading files under `root` (the PR head checkout), re-checking with `options` (Access Analyzer off).
 */
export function makeSuggester(root: string, options: Options, log: (m: string) => void = () => {}): Suggester {
  let budget = MAX_SUGGESTIONS;
  return async (file, line, findings) => {
    const edits = findings.map(mechanicalEdit).filter((e): e is TokenEdit => !!e && e.line === line);
    if (!edits.length || budget <= 0) return undefined;
    const abs = path.resolve(root, file);
    if (!abs.startsWith(path.resolve(root) + path.sep)) return undefined;
    let text: string;
    try {
      text = readFileSync(abs, 'utf8');
    } catch {
      return undefined;
    }
    const lines = text.split('\n');
    let edited: string | undefined = lines[line - 1];
    for (const e of edits) edited = edited === undefined ? undefined : applyToLine(edited, e);
    if (edited === undefined) return undefined;
    budget--;
    const after = [...lines.slice(0, line - 1), edited, ...lines.slice(line)].join('\n');
    const target = new Set(findings.filter((f) => edits.some((e) => e.line === f.line && mechanicalEdit(f)?.from === e.from)).map(findingKey));
    try {
      const before = await findingKeysOf(file, text, options);
      if (![...target].every((k) => before.has(k))) return undefined; // the file alone does not reproduce them
      const afterFps = await findingKeysOf(file, after, options);
      const removedAll = [...target].every((fp) => !afterFps.has(fp));
      const addedNone = [...afterFps].every((fp) => before.has(fp));
      if (!removedAll || !addedNone) {
        log(`No suggestion for ${file}:${line}: the re-check ${removedAll ? 'found new findings' : 'still reports the finding'}.`);
        return undefined;
      }
    } catch (e) {
      log(`No suggestion for ${file}:${line}: the re-check failed (${(e as Error).message}).`);
      return undefined;
    }
    return edited;
  };
}

/**
 * What identifies a finding across a one-token edit of one line: rule, lines and place in the document. Not the
 * fingerprint, which also carries the statement's identity (an edited Effect or action changes it) — lines do not
 * move, since the edit replaces one line with one line.
 */
function findingKey(f: Finding): string {
  return `${f.ruleId}\u0000${f.line}\u0000${f.endLine}\u0000${f.path ?? ''}\u0000${f.resource ?? ''}`;
}

/** Keys of the offline findings of `text` analysed alone as `file` (a private temporary folder). */
async function findingKeysOf(file: string, text: string, options: Options): Promise<Set<string>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'iam-gate-suggest-'));
  try {
    const abs = path.join(dir, file);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
    const r = await runGate([file], { ...options, root: dir, cwd: dir, accessAnalyzer: 'off', ignore: [] });
    if (r.errors.length) throw new Error(r.errors[0]!.message);
    return new Set(r.findings.map(findingKey));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A suggestion block GitHub renders as a one-click change of the commented line. */
export function suggestionBlock(replacement: string): string {
  let fence = '```';
  while (replacement.includes(fence)) fence += '`';
  return `${fence}suggestion\n${replacement}\n${fence}`;
}

/** A re-checked fix of one finding, for SARIF `fixes`: the replacement text of its (single) line. */
export interface LineFix {
  line: number;
  text: string;
  description: string;
}

/** Re-checked fixes per finding fingerprint (for SARIF), each finding on its own. */
export async function lineFixes(findings: Finding[], suggest: Suggester): Promise<Map<string, LineFix>> {
  const out = new Map<string, LineFix>();
  for (const f of findings) {
    const e = f.suppressed ? undefined : mechanicalEdit(f);
    if (!e) continue;
    const text = await suggest(f.file, f.line, [f]);
    if (text !== undefined) out.set(f.fingerprint, { line: f.line, text, description: `Replace "${e.from}" with "${e.to}".` });
  }
  return out;
}
