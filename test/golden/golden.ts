/**
 * The golden suite (the cfn-lint model): each case under test/golden/cases/<name>/ is a small repository of real
 * inputs; expected.json holds what the gate reports on it, normalised. `golden.test.ts` runs every case and shows a
 * readable diff; `npm run golden:update` (update.ts) rewrites expected.json. Both use runCase() and formatExpected()
 * here, so what the test compares is byte for byte what the update writes.
 *
 * A case folder:
 *   input/                  the repository at head (the scan root; its .github/iam-policy-gate.yml is the config)
 *   base/                   optional: the repository at base (findings marked new/existing, as with --base)
 *   case.json               optional: { "description": "...", "input": "<other folder, relative to the case>",
 *                           "paths": ["<what to scan, relative to input>"], "markdown": true }
 *                           (markdown: expected.json also holds the SCP impact section of the Markdown summary,
 *                           line by line, as a reviewer reads it)
 *   expected.json           written by npm run golden:update
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runGate } from '../../src/gate.js';
import { loadOptions } from '../../src/config/load.js';
import { readRepoFile, ReadError } from '../../src/text/read.js';
import type { BaseSource } from '../../src/sources/base.js';
import type { GateResult } from '../../src/result.js';
import type { Options } from '../../src/config/options.js';
import { toJsonReport } from '../../src/report/json.js';
import { shardRun } from '../../src/shard/index.js';
import { mergeReports } from '../../src/shard/merge.js';
import { scpImpactSection } from '../../src/report/markdown.js';

export const CASES_DIR = path.join(import.meta.dirname, 'cases');
const ROOT = path.resolve(import.meta.dirname, '../..');
/** The clock of every case (suppression expiry dates are judged against it). */
export const FIXED_NOW = new Date('2026-06-01T12:00:00Z');

export interface GoldenFinding {
  ruleId: string;
  file: string;
  line: number;
  endLine: number;
  severity: string;
  message: string;
  fingerprint: string;
  new?: boolean;
  suppressed?: boolean;
}
export interface GoldenError {
  file: string;
  line?: number;
  kind: string;
  message: string;
}
/** With a base: the actions each principal/policy gains or loses (counts and the patterns written). */
export interface GoldenAccessDiff {
  principal: string;
  files: string[];
  addedCount: number;
  removedCount: number;
  addedPatterns: string[];
}
/** A changed SCP: per target, how many actions it newly denies and allows. */
export interface GoldenScpImpact {
  file: string;
  line: number;
  resource: string;
  targets: { target: string; newlyDeniedCount: number; newlyAllowedCount: number; contexts?: string[]; unmodelledKeys?: string[] }[];
}
export interface GoldenOutput {
  verdict: string;
  findings: GoldenFinding[];
  errors: GoldenError[];
  accessDiff?: GoldenAccessDiff[];
  scpImpacts?: GoldenScpImpact[];
  /** The SCP impact section of the Markdown summary (cases with "markdown": true). */
  scpImpactMarkdown?: string[];
}

interface CaseSpec {
  description?: string;
  input?: string;
  paths?: string[];
  markdown?: boolean;
}

export function caseNames(): string[] {
  return readdirSync(CASES_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

export function caseSpec(name: string): CaseSpec {
  const p = path.join(CASES_DIR, name, 'case.json');
  return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as CaseSpec) : {};
}

/**
 * The gate on one case: in-process, Access Analyzer off, the fixed clock; normalised and sorted. `shards`: the case
 * run as that many shards (--shard I/N) and their JSON reports merged (src/shard/), which must give the same output.
 */
export async function runCase(name: string, opts: { shards?: number } = {}): Promise<GoldenOutput> {
  const dir = path.join(CASES_DIR, name);
  const spec = caseSpec(name);
  const input = path.resolve(dir, spec.input ?? 'input');
  if (!existsSync(input)) throw new Error(`golden case ${name}: no input folder (${path.relative(ROOT, input)})`);
  const { options } = loadOptions(input, input, undefined, { cli: { accessAnalyzer: 'off' } });
  options.now = FIXED_NOW;
  const baseDir = path.join(dir, 'base');
  const base = existsSync(baseDir) ? folderBase(baseDir, options.maxFileBytes) : undefined;
  const r = opts.shards ? await shardedRun(spec.paths ?? ['.'], options, base, opts.shards) : await runGate(spec.paths ?? ['.'], options, { base });
  const clean = scrubber([input, dir, ROOT, os.tmpdir()]);
  const findings = r.findings.map(
    (f): GoldenFinding => ({
      ruleId: f.ruleId,
      file: clean(f.file),
      line: f.line,
      endLine: f.endLine,
      severity: f.severity,
      message: clean(f.message),
      fingerprint: f.fingerprint,
      ...(f.new !== undefined ? { new: f.new } : {}),
      ...(f.suppressed ? { suppressed: true } : {}),
    }),
  );
  const errors = r.errors.map(
    (e): GoldenError => ({ file: clean(e.file), ...(e.line !== undefined ? { line: e.line } : {}), kind: e.kind, message: clean(e.message) }),
  );
  findings.sort((a, b) => cmp(a.file, b.file) || a.line - b.line || a.endLine - b.endLine || cmp(a.ruleId, b.ruleId) || cmp(a.message, b.message) || cmp(a.fingerprint, b.fingerprint));
  errors.sort((a, b) => cmp(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || cmp(a.kind, b.kind) || cmp(a.message, b.message));
  const accessDiff = (r.accessDiff ?? [])
    .map((d): GoldenAccessDiff => ({ principal: d.principal, files: d.files.map(clean), addedCount: d.addedCount, removedCount: d.removedCount, addedPatterns: d.addedPatterns }))
    .sort((a, b) => cmp(a.principal, b.principal) || cmp(a.files.join(), b.files.join()));
  const scpImpacts = r.scpImpacts
    .map((i): GoldenScpImpact => ({
      file: clean(i.file),
      line: i.line,
      resource: i.resource,
      targets: i.targets.map((t) => ({
        target: t.target,
        newlyDeniedCount: t.newlyDeniedCount,
        newlyAllowedCount: t.newlyAllowedCount,
        ...(t.contexts.length ? { contexts: t.contexts.map((c) => c.summary) } : {}),
        ...(t.unmodelledKeys ? { unmodelledKeys: t.unmodelledKeys } : {}),
      })),
    }))
    .sort((a, b) => cmp(a.file, b.file) || a.line - b.line || cmp(a.resource, b.resource));
  return {
    verdict: r.verdict.status,
    findings,
    errors,
    ...(accessDiff.length ? { accessDiff } : {}),
    ...(scpImpacts.length ? { scpImpacts } : {}),
    ...(spec.markdown && r.scpImpacts.length ? { scpImpactMarkdown: scpImpactSection(r).map(clean) } : {}),
  };
}

/** runGate as `count` shards, their JSON reports (as written to disk) merged. */
async function shardedRun(paths: string[], options: Options, base: BaseSource | undefined, count: number): Promise<GateResult> {
  const reports = [];
  for (let index = 1; index <= count; index++) {
    const shard = shardRun({ index, count }, options, options.root, {});
    const result = await runGate(paths, options, { base, shard: shard.select });
    reports.push({ name: `shard-${index}.json`, json: JSON.parse(JSON.stringify({ ...(toJsonReport(result, { listPolicies: true }) as object), shard: shard.info() })) as unknown });
  }
  return mergeReports(reports).result;
}

/** expected.json's exact text: two-space JSON, keys in the order above, a final newline. */
export function formatExpected(o: GoldenOutput): string {
  return JSON.stringify(o, null, 2) + '\n';
}

export function readExpected(name: string): GoldenOutput | undefined {
  const p = path.join(CASES_DIR, name, 'expected.json');
  return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as GoldenOutput) : undefined;
}

/** The base version of a case: files under base/, read with the same containment as the head. */
function folderBase(dir: string, maxBytes: number): BaseSource {
  return {
    label: 'base',
    read(rel) {
      try {
        return readRepoFile(dir, rel, maxBytes);
      } catch (e) {
        if (e instanceof ReadError && /file not found/.test(e.message)) return undefined;
        throw e;
      }
    },
  };
}

/** Absolute machine paths (the case, the checkout, the temp folder) out of paths and messages. */
function scrubber(dirs: string[]): (s: string) => string {
  const pairs = dirs.map((d, i) => [d, ['<input>', '<case>', '<repo>', '<tmp>'][i]!] as const).sort((a, b) => b[0].length - a[0].length);
  return (s) => pairs.reduce((t, [d, label]) => t.split(d).join(label), s);
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A reviewer's diff of one case: findings matched by rule, file and fingerprint; '' when equal. */
export function describeDiff(name: string, expected: GoldenOutput, actual: GoldenOutput): string {
  const out: string[] = [];
  if (expected.verdict !== actual.verdict) out.push(`  verdict: ${expected.verdict} -> ${actual.verdict}`);
  const key = (f: GoldenFinding) => `${f.ruleId}|${f.file}|${f.fingerprint}`;
  const left = new Map<string, GoldenFinding[]>();
  for (const f of expected.findings) left.set(key(f), [...(left.get(key(f)) ?? []), f]);
  const show = (f: GoldenFinding) => `${f.ruleId} ${f.file}:${f.line}${f.endLine !== f.line ? `-${f.endLine}` : ''} ${f.severity}${f.new !== undefined ? (f.new ? ' new' : ' existing') : ''}${f.suppressed ? ' suppressed' : ''}: ${f.message}`;
  // pair by rule, file and fingerprint; what is left, by rule, file and line (a changed fingerprint); the rest is +/-
  const added: GoldenFinding[] = [];
  const changed = (was: GoldenFinding, f: GoldenFinding) => {
    const changes = (Object.keys({ ...was, ...f }) as (keyof GoldenFinding)[])
      .filter((k) => JSON.stringify(was[k]) !== JSON.stringify(f[k]))
      .map((k) => `${k}: ${JSON.stringify(was[k])} -> ${JSON.stringify(f[k])}`);
    if (changes.length) out.push(`  ~ ${f.ruleId} ${f.file}:${was.line} ${changes.join('; ')}`);
  };
  for (const f of actual.findings) {
    const was = left.get(key(f))?.shift();
    if (was) changed(was, f);
    else added.push(f);
  }
  const removed = [...left.values()].flat();
  for (const f of added) {
    const i = removed.findIndex((r) => r.ruleId === f.ruleId && r.file === f.file && r.line === f.line);
    if (i >= 0) changed(removed.splice(i, 1)[0]!, f);
    else out.push(`  + ${show(f)}`);
  }
  for (const f of removed) out.push(`  - ${show(f)}`);
  const errKey = (e: GoldenError) => `${e.file}:${e.line ?? ''} [${e.kind}] ${e.message}`;
  const ee = new Set(expected.errors.map(errKey));
  const ae = new Set(actual.errors.map(errKey));
  for (const e of ae) if (!ee.has(e)) out.push(`  + error ${e}`);
  for (const e of ee) if (!ae.has(e)) out.push(`  - error ${e}`);
  for (const [what, key] of [['accessDiff', (d: GoldenAccessDiff) => d.principal], ['scpImpacts', (i: GoldenScpImpact) => `${i.file}:${i.line}`]] as const) {
    const before = new Map<string, string>(((expected[what] ?? []) as never[]).map((x) => [(key as (x: never) => string)(x), JSON.stringify(x)]));
    const now = new Map<string, string>(((actual[what] ?? []) as never[]).map((x) => [(key as (x: never) => string)(x), JSON.stringify(x)]));
    for (const [k, v] of now) if (before.get(k) !== v) out.push(`  ${before.has(k) ? '~' : '+'} ${what} ${k}: ${before.has(k) ? `${before.get(k)} -> ` : ''}${v}`);
    for (const [k, v] of before) if (!now.has(k)) out.push(`  - ${what} ${k}: ${v}`);
  }
  const md = (o: GoldenOutput) => o.scpImpactMarkdown ?? [];
  if (JSON.stringify(md(expected)) !== JSON.stringify(md(actual))) {
    const was = new Set(md(expected));
    const now = new Set(md(actual));
    out.push('  ~ scpImpactMarkdown:', ...md(expected).filter((l) => !now.has(l)).map((l) => `    - ${l}`), ...md(actual).filter((l) => !was.has(l)).map((l) => `    + ${l}`));
  }
  if (!out.length && formatExpected(expected) !== formatExpected(actual)) out.push('  (same findings, different order or formatting)');
  return out.length ? `golden case ${name} (- expected.json, + now):\n${out.join('\n')}` : '';
}
