/**
 * `merge`: JSON reports -> one report, one verdict. Shard reports (`shard` field, shard/index.ts) of one run are
 * checked for completeness: every shard 1..N exactly once, one partition hash (same tree, same N), one config hash,
 * one commit; anything else makes the merged verdict `incomplete`, like a shard that was incomplete itself. Reports
 * without a `shard` field (an organisation sweep: one report per repository) are parts of their own.
 *
 * What a shard cannot know is settled here: a repeat of one rule past RULE_LIMIT findings in the whole run is
 * summarised over the merged list (shards leave it to the merge); the findings every shard makes alike (about the
 * config: an expired or unused ignore entry, a weakened config) are reported once; an ignore entry one shard found
 * unused but another used is not unused; an expired entry counts the findings it would have matched in every shard.
 * The verdict is decided again (findings/verdict.ts) on every finding, summaries counted for what they stand for.
 *
 * A report is data, never trusted: size-bounded, checked field by field; a malformed one is a usage error.
 */
import type { GateResult } from '../result.js';
import type { AnalysisError, Finding, Severity } from '../result.js';
import { SEVERITIES, withFindingStream } from '../result.js';
import { VerdictCounts } from '../findings/verdict.js';
import { SpotIndex } from '../findings/spots.js';
import { REPEAT_LIMIT, RULE_LIMIT, represented } from '../findings/summarise.js';
import { RepeatCounts, summariseStream } from '../findings/summarise-stream.js';
import { FindingRuns } from '../findings/runs.js';
import { EXPIRED_RULE_ID, UNUSED_RULE_ID, expiredMessage } from '../findings/suppressions.js';
import { canonicalJson } from '../policy/fingerprint.js';
import { toJsonReport } from '../report/json.js';
import { allRuleMeta } from '../checks/registry.js';
import { appendAll, doubled } from '../util/arrays.js';
import { boundHeap } from '../util/heap.js';
import type { ShardInfo } from './index.js';

export class MergeInputError extends Error {}

type Obj = Record<string, unknown>;
/**
 * A report to merge: its parsed JSON, or how to read it (a file: read once per pass, so no more than one report is
 * in memory at a time; the loader must give the same report every time, merge-files.ts checks it).
 */
export type ReportFile = { /** Shown in errors (the file name). */ name: string; json: unknown } | { name: string; load: () => LoadedReport };

/** A report read by a loader: its JSON, and its findings when they are parsed one at a time (`json.findings` empty). */
export interface LoadedReport {
  json: unknown;
  findings?: Iterable<unknown>;
}

const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

interface Part {
  name: string;
  /** The report without its findings and policy records (both read again in the second pass: `file`). */
  json: Obj;
  summary: Obj;
  shard?: ShardInfo;
  file: ReportFile;
  /** Its findings' key numbers, in its order (DROPPED: a finding the merge settles away). */
  ids: Uint32Array;
  /** Its policy records' key numbers (their ids), in its order. */
  recordIds: Uint32Array;
  /** Its findings the facts of every report settle (numbered PENDING until then), with their positions. */
  aside: [number, Finding][];
  /** Its expired entries' matched counts (fingerprint, count), in its order: summed in shard order. */
  expired: [string, number][];
}

/**
 * Reads one report, checks its shape (what merge reads; throws MergeInputError naming the field) and hands `each`
 * its findings in order, each checked, as they are parsed.
 */
function part(r: ReportFile, each: (f: Finding, i: number) => void): Omit<Part, 'ids' | 'recordIds' | 'aside' | 'expired'> {
  const loaded = 'load' in r ? r.load() : { json: r.json };
  const j = loaded.json;
  const bad = (what: string) => new MergeInputError(`${r.name}: ${what}`);
  if (!isObj(j) || !isStr(j.schemaVersion) || !isObj(j.summary)) throw bad('not an IAM Policy Gate JSON report');
  if (!['pass', 'fail', 'incomplete'].includes(String(j.verdict))) throw bad('verdict is not pass, fail or incomplete');
  for (const k of ['findings', 'errors', 'policies'] as const) if (!Array.isArray(j[k])) throw bad(`${k} is not a list`);
  let i = 0;
  for (const f of loaded.findings ?? (j.findings as unknown[])) {
    each(findingOf(f, `${r.name}: findings[${i}]`), i);
    i++;
  }
  for (const [i, e] of (j.errors as unknown[]).entries()) if (!isObj(e) || !isStr(e.file) || !isStr(e.message)) throw bad(`errors[${i}] is malformed`);
  for (const [i, r] of (j.policies as unknown[]).entries()) if (!isObj(r)) throw bad(`policies[${i}] is malformed`);
  if (!SEVERITIES.includes(j.summary.failOn as Severity)) throw bad('summary.failOn is not a severity');
  // (a copy without the findings: the caller's object is not changed)
  const { findings: _, ...rest } = j;
  return { name: r.name, json: rest, summary: j.summary, file: r, ...(j.shard !== undefined ? { shard: shardOf(j.shard, bad) } : {}) };
}

/**
 * Nesting past which a finding is malformed: a report of ours nests its details no deeper than the documents it was
 * read from (the readers stop at 512 levels), and the merge's canonical texts recurse (a crafted report nested
 * 100,000 levels deep overflowed the stack).
 */
const MAX_NESTING = 1024;

/**
 * Whether a parsed value holds what no report of ours does and the merge could not carry: a number JSON cannot write
 * back (`1e400` parses to Infinity), nesting past MAX_NESTING.
 */
function holdsForeign(v: unknown): boolean {
  const todo: [unknown, number][] = [[v, 0]];
  while (todo.length) {
    const [x, depth] = todo.pop()!;
    if (typeof x === 'number') {
      if (!Number.isFinite(x)) return true;
    } else if (x !== null && typeof x === 'object') {
      if (depth >= MAX_NESTING) return true;
      for (const y of Array.isArray(x) ? x : Object.values(x)) todo.push([y, depth + 1]);
    }
  }
  return false;
}

/** Optional text fields of a finding: absent or a string (the writers read them as texts). */
const OPTIONAL_TEXTS = ['fix', 'learnMore', 'policyId', 'resource', 'path', 'matchKey', 'suppressionReason'] as const;

function findingOf(v: unknown, where: string): Finding {
  const ok =
    isObj(v) &&
    isStr(v.ruleId) && isStr(v.source) && isStr(v.title) && isStr(v.message) && isStr(v.file) && isStr(v.fingerprint) &&
    SEVERITIES.includes(v.severity as Severity) && isInt(v.line) && isInt(v.endLine) && typeof v.suppressed === 'boolean' &&
    (v.details === undefined || isObj(v.details)) && (v.related === undefined || Array.isArray(v.related)) && (v.new === undefined || typeof v.new === 'boolean') &&
    OPTIONAL_TEXTS.every((k) => v[k] === undefined || isStr(v[k])) &&
    // (the merge writes findings to disk as JSON and reads them back: what JSON cannot hold would not come back)
    !holdsForeign(v);
  if (!ok) throw new MergeInputError(`${where} is malformed`);
  // the report's finding fields are the Finding's (report/json.ts writes them one to one)
  return v as unknown as Finding;
}

function shardOf(v: unknown, bad: (what: string) => Error): ShardInfo {
  if (!isObj(v) || !isInt(v.index) || !isInt(v.count) || !isStr(v.unitSetHash) || !isStr(v.configHash) || (v.commit !== undefined && !isStr(v.commit))) throw bad('shard is malformed');
  if (![v.files, v.filesTotal, v.units, v.unitsTotal].every(isInt)) throw bad('shard has no file and unit counts');
  return v as unknown as ShardInfo;
}

/** Why a set of reports is not one complete run (empty: complete). Shard reports grouped by partition hash. */
export function completenessProblems(parts: Part[]): AnalysisError[] {
  const problems: AnalysisError[] = [];
  const say = (file: string, message: string) => problems.push({ file, message: `merge: ${message}`, kind: 'input' });
  const groups = new Map<string, Part[]>();
  for (const p of parts) if (p.json.verdict === 'incomplete' && !(p.json.errors as unknown[]).length) say(p.name, 'the report says incomplete but lists no error');
  for (const p of parts) if (p.shard) groups.set(p.shard.unitSetHash, [...(groups.get(p.shard.unitSetHash) ?? []), p]);
  if (groups.size > 1) say(parts[0]!.name, `the shard reports come from ${groups.size} different partitions (another commit, tree or shard count): ${[...groups.values()].map((g) => g.map((p) => `${p.name} (${p.shard!.index}/${p.shard!.count})`).join(', ')).join(' | ')}`);
  for (const group of groups.values()) {
    const count = group[0]!.shard!.count;
    const seen = new Map<number, string>();
    for (const p of group) {
      const s = p.shard!;
      if (s.count !== count) say(p.name, `shard ${s.index}/${s.count} does not belong with ${count} shards`);
      else if (seen.has(s.index)) say(p.name, `shard ${s.index}/${count} is given twice (also ${seen.get(s.index)})`);
      seen.set(s.index, p.name);
      if (s.configHash !== group[0]!.shard!.configHash) say(p.name, `shard ${s.index}/${count} ran with another configuration than ${group[0]!.name}`);
      if ((s.commit ?? '') !== (group[0]!.shard!.commit ?? '')) say(p.name, `shard ${s.index}/${count} analysed commit ${s.commit ?? '(unknown)'}, ${group[0]!.name} ${group[0]!.shard!.commit ?? '(unknown)'}`);
    }
    const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
    if (!missing.length && seen.size === group.length) for (const m of countProblems(group)) say(m.file, m.message);
    if (missing.length) say(group[0]!.name, `shard report${missing.length === 1 ? '' : 's'} missing: ${missing.slice(0, 20).map((i) => `${i}/${count}`).join(', ')}${missing.length > 20 ? ` and ${missing.length - 20} more` : ''}: the files of ${missing.length === 1 ? 'that shard were' : 'those shards were'} not analysed`);
  }
  // one tool, one IAM catalogue, one decision rule, one pull request
  const same = (what: string, get: (p: Part) => unknown) => {
    const first = canonicalJson(get(parts[0]!));
    for (const p of parts.slice(1)) if (canonicalJson(get(p)) !== first) say(p.name, `its ${what} differs from ${parts[0]!.name}'s`);
  };
  same('tool version and report schema', (p) => [p.json.tool, p.json.schemaVersion]);
  same('IAM catalogue', (p) => p.json.catalog);
  same('fail-on, fail-on-existing and report-only settings', (p) => [p.summary.failOn, p.summary.failOnExisting === true, p.summary.reportOnly === true]);
  same('pull request', (p) => p.json.pullRequest);
  same('base', (p) => (isObj(p.json.base) ? p.json.base.ref : undefined));
  return problems;
}

/**
 * The counts of one complete set of shards (each index once): every shard saw the same tree size, the shards' files
 * and units add up to it, and each shard's report analysed the files it was given. A shard report edited, or one
 * whose run dropped files, makes the merge incomplete.
 */
function countProblems(group: Part[]): { file: string; message: string }[] {
  const out: { file: string; message: string }[] = [];
  const first = group[0]!;
  const n = first.shard!.count;
  for (const what of ['files', 'units'] as const) {
    const total = (s: ShardInfo) => (what === 'files' ? s.filesTotal : s.unitsTotal);
    const mine = (s: ShardInfo) => (what === 'files' ? s.files : s.units);
    for (const p of group) {
      if (total(p.shard!) !== total(first.shard!)) out.push({ file: p.name, message: `shard ${p.shard!.index}/${n} counted ${total(p.shard!)} ${what} in the scan, ${first.name} ${total(first.shard!)}` });
    }
    const sum = group.reduce((k, p) => k + mine(p.shard!), 0);
    if (sum !== total(first.shard!)) {
      out.push({ file: first.name, message: `the ${n} shards analysed ${sum} ${what} in all, but the scan has ${total(first.shard!)}: ${sum < total(first.shard!) ? 'some were analysed by no shard' : 'some were counted twice'}` });
    }
  }
  for (const p of group) {
    const scanned = p.summary.filesScanned;
    if (isInt(scanned) && scanned !== p.shard!.files) out.push({ file: p.name, message: `shard ${p.shard!.index}/${n} analysed ${scanned} files of the ${p.shard!.files} it was given` });
  }
  return out;
}

/**
 * Items several reports hold alike (findings about the config, errors of a file two shards read) once; items one
 * report holds twice stay twice: per key, the most any one report holds. Keys are numbered by their keyed digest
 * (findings/spots.ts SpotIndex: a finding's canonical JSON is ~1.5 KB, not kept), counts in flat tables.
 */
function acrossOnce<T>(lists: T[][], key: (x: T) => string): T[] {
  const index = new SpotIndex();
  const ids = lists.map((list) => Uint32Array.from(list, (x) => index.id(key(x))));
  const keep = firstCopies(ids, index.size);
  const out: T[] = [];
  lists.forEach((list, i) => list.forEach((x, j) => keep(ids[i]![j]!) && out.push(x)));
  return out;
}

/**
 * acrossOnce's choice over key numbers (`ids`: one list per report, keys numbered below `size`): a function asked
 * for every item in the lists' order, true for the ones kept (per key, the first copies up to the most one list holds).
 */
function firstCopies(ids: Uint32Array[], size: number): (k: number) => boolean {
  const most = new Uint32Array(size);
  const here = new Uint32Array(size);
  for (const list of ids) {
    for (const k of list) if (k !== DROPPED) here[k]!++;
    for (const k of list) {
      if (k === DROPPED) continue;
      most[k] = Math.max(most[k]!, here[k]!);
      here[k] = 0;
    }
  }
  const taken = here;
  return (k) => taken[k]! < most[k]! && !!++taken[k]!;
}

/** What the suppressions' findings of one report depend on in the others (see the header). */
interface SuppressionFacts {
  /** Where a suppression was used (file NUL line). */
  usedAt: Set<string>;
  /** Per expired entry (fingerprint), the findings it would have matched in every report. */
  matched: Map<string, number>;
}

/** Where a suppression was used (any order), and an expired entry's matched count (summed later, in shard order). */
function noteSuppressionFacts(f: Finding, facts: SuppressionFacts, expired: [string, number][]): void {
  const by = f.details?.suppressedBy;
  if (f.suppressed && isObj(by) && isStr(by.file) && isInt(by.line)) facts.usedAt.add(`${by.file}\u0000${by.line}`);
  if (f.ruleId === EXPIRED_RULE_ID && isInt(f.details?.matched)) expired.push([f.fingerprint, f.details.matched as number]);
}

/** Whether the facts of every report can change the finding (settled below): the suppressions' own findings. */
const unsettled = (f: Finding) => f.ruleId === UNUSED_RULE_ID || f.ruleId === EXPIRED_RULE_ID;

/** A finding with what shards cannot know about suppressions settled (see the header): undefined when dropped. */
function settled(f: Finding, facts: SuppressionFacts): Finding | undefined {
  if (f.ruleId === UNUSED_RULE_ID && facts.usedAt.has(`${f.file}\u0000${f.line}`)) return undefined;
  const entry = f.details?.entry;
  if (f.ruleId !== EXPIRED_RULE_ID || !isObj(entry) || !isStr(entry.rule) || !isStr(entry.expires) || !isStr(entry.reason)) return f;
  const n = facts.matched.get(f.fingerprint) ?? 0;
  return { ...f, message: expiredMessage(entry as Parameters<typeof expiredMessage>[0], n), details: { ...f.details, matched: n } };
}

/** A finding's key number while it waits for the facts (unsettled), and once settled away. */
const PENDING = 0xfffffffe;
const DROPPED = 0xffffffff;

/** The order one run gives findings: by file (a file is in one shard), each shard's own order kept (a stable sort). */
const byFile = (a: Finding, b: Finding) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);

/** Findings per sorted run on disk (findings/runs.ts), as the scan's. */
const RUN_SIZE = 4096;

export interface Merged {
  /**
   * The merged JSON report (docs/report-schema.md; `merge` added), its `policies` and `findings` empty: they are read
   * back from disk (`policies`; `result.findingStream`) by the writer (merge-files.ts).
   */
  json: Obj;
  /** The merged report's policy records, in order. */
  policies: Iterable<Obj>;
  /** The same as a GateResult, for the Markdown and SARIF formatters. */
  result: GateResult;
}

/** What the first pass learns across the reports: the suppression facts, and the numbering of findings and records. */
interface Keys {
  facts: SuppressionFacts;
  findings: SpotIndex;
  records: SpotIndex;
}

/**
 * First pass, a report at a time: its shape; the facts the suppressions' own findings depend on across shards; each
 * finding's key (acrossOnce's: its canonical JSON as a keyed digest), those the facts settle numbered once all are
 * read; each policy record's key (its id). Parts in the order given.
 */
function firstPass(files: ReportFile[]): { parts: Part[]; keys: Keys } {
  const keys: Keys = { facts: { usedAt: new Set(), matched: new Map() }, findings: new SpotIndex(), records: new SpotIndex() };
  const parts: Part[] = files.map((r) => {
    boundHeap();
    let ids = new Uint32Array(1024);
    let count = 0;
    const aside: [number, Finding][] = [];
    const expired: [string, number][] = [];
    const p = part(r, (f, i) => {
      noteSuppressionFacts(f, keys.facts, expired);
      if (i === ids.length) ids = doubled(ids);
      count = i + 1;
      if (unsettled(f)) aside.push([i, f]);
      ids[i] = unsettled(f) ? PENDING : keys.findings.id(canonicalJson(f));
    });
    // the policy records are read again in the second pass (the merged report lists them): only their keys kept
    const recordIds = Uint32Array.from(p.json.policies as Obj[], (x) => keys.records.id(String(x.id)));
    delete p.json.policies;
    return { ...p, ids: ids.slice(0, count), recordIds, aside, expired };
  });
  return { parts, keys };
}

/**
 * Once the parts are in shard order: the expired entries' counts summed in that order (as one list of every report's
 * findings sums them: the same total to the last bit), then the findings set aside settled and numbered.
 */
function settleAside(parts: Part[], keys: Keys): void {
  for (const p of parts) for (const [fingerprint, n] of p.expired) keys.facts.matched.set(fingerprint, (keys.facts.matched.get(fingerprint) ?? 0) + n);
  for (const p of parts) {
    for (const [i, f] of p.aside) {
      const s = settled(f, keys.facts);
      p.ids[i] = s ? keys.findings.id(canonicalJson(s)) : DROPPED;
    }
    p.aside = [];
  }
}

/** The second pass's output: the findings and records kept, on disk in order, and the records' counts. */
interface Kept {
  findings: FindingRuns;
  records: FindingRuns<Obj>;
  counts: { policies: number; principals: number };
  /** A spill that failed (an error of the merge: incomplete). */
  spill?: AnalysisError | undefined;
}

/**
 * Second pass, in shard order: the findings kept (per key, the first copies up to the most one report holds) in run
 * order (by file; a file is in one shard, each shard's own order kept) to sorted runs on disk, each handed to `take`
 * too; the records kept (by id), in order, likewise.
 */
function secondPass(parts: Part[], keys: Keys, take: (f: Finding) => void, runSize: number): Kept {
  const keep = firstCopies(parts.map((p) => p.ids), keys.findings.size);
  const keepRecord = firstCopies(parts.map((p) => p.recordIds), keys.records.size);
  const out: Kept = { findings: new FindingRuns(runSize, byFile), records: new FindingRuns<Obj>(runSize, () => 0), counts: { policies: 0, principals: 0 } };
  for (const p of parts) {
    boundHeap();
    const again = part(p.file, (f, i) => {
      const k = p.ids[i];
      if (k === undefined) throw new MergeInputError(`${p.name}: changed while it was being merged`);
      if (k === DROPPED || !keep(k)) return;
      const g = unsettled(f) ? settled(f, keys.facts)! : f;
      take(g);
      out.findings.put(g);
    });
    (again.json.policies as Obj[]).forEach((r, i) => {
      if (!keepRecord(p.recordIds[i]!)) return;
      out.records.put(r);
      if (r.policyType === 'principal') out.counts.principals++;
      else if (r.policyType !== 'attachment') out.counts.policies++;
    });
  }
  // both settled (the last run of each kept) before either is relied on; the first failure is the merge's error
  const failures = [out.findings.settle(), out.records.settle()];
  out.spill = failures[0] ?? failures[1] ?? out.findings.verify() ?? out.records.verify();
  return out;
}

export function mergeReports(files: ReportFile[], opts: { expect?: number; runSize?: number } = {}): Merged {
  if (!files.length) throw new MergeInputError('no reports to merge');
  const { parts, keys } = firstPass(files);
  // shard reports in shard order (a stable order whatever order the files were given in)
  parts.sort((a, b) => (a.shard?.index ?? 0) - (b.shard?.index ?? 0));
  settleAside(parts, keys);
  const problems = completenessProblems(parts);
  // an organisation sweep's unsharded reports have no count to miss: the caller says how many there must be
  if (opts.expect !== undefined && parts.length !== opts.expect) problems.push({ file: parts[0]!.name, message: `merge: ${parts.length} reports given, ${opts.expect} expected (--expect): ${parts.length < opts.expect ? 'some were not analysed' : 'some are extra'}`, kind: 'input' });
  const first = parts[0]!;
  const failOn = first.summary.failOn as Severity;
  const failOnExisting = first.summary.failOnExisting === true;
  const reportOnly = first.summary.reportOnly === true;
  // counted as they are kept (in any order): the verdict on every finding (a summary counts for the findings it
  // stands for), the repeats for the folds
  const counts = new VerdictCounts({ failOn, failOnExisting, reportOnly });
  const repeats = new RepeatCounts(REPEAT_LIMIT, RULE_LIMIT);
  const kept = secondPass(parts, keys, (f) => {
    // (as often as `for (let i = count; i > 0; i--)` would: a report's count is data, 1e15 is not a loop of 1e15)
    const r = represented(f);
    counts.add(f, r > 0 ? Math.ceil(r) : 0);
    repeats.add(f);
  }, opts.runSize ?? RUN_SIZE);
  const { findings: runs, records, counts: recordCounts, spill } = kept;
  const errors = acrossOnce(parts.map((p) => p.json.errors as AnalysisError[]), (e) => canonicalJson(e));
  appendAll(errors, problems);
  if (spill) errors.push(spill);
  const verdict = counts.decide(errors);
  // the findings as reported (repeats folded), read back from disk each time they are read
  const listed = { [Symbol.iterator]: () => summariseStream(runs.merged(), repeats, undefined, true) };
  const hidden: [string[], string[]] = [[], []];
  for (const _ of summariseStream(runs.merged(), repeats, hidden, true));
  const summarised = [...hidden[0], ...hidden[1]];
  const notes = [...new Set(parts.flatMap((p) => (Array.isArray(p.summary.notes) ? p.summary.notes.filter(isStr) : [])))];
  const sum = (k: string) => parts.reduce((n, p) => n + (isInt(p.summary[k]) ? (p.summary[k] as number) : 0), 0);
  const result: GateResult = {
    verdict,
    policies: new Array(recordCounts.policies) as GateResult['policies'],
    principals: [],
    attachments: [],
    entities: [],
    findings: [],
    errors,
    stats: { filesScanned: sum('filesScanned'), filesWithPolicies: sum('filesWithPolicies'), durationMs: parts.reduce((n, p) => Math.max(n, isInt(p.summary.durationMs) ? (p.summary.durationMs as number) : 0), 0), ...skipped(parts) },
    notes,
    // (a deleted SCP is analysed at its base by every shard: its impact once)
    scpImpacts: acrossOnce(parts.map((p) => (Array.isArray(p.json.scpImpact) ? (p.json.scpImpact as GateResult['scpImpacts']) : [])), canonicalJson),
    rules: allRuleMeta(),
    summarised,
    ...(isObj(first.json.base) ? { base: mergedBase(parts), accessDiff: acrossOnce(parts.map((p) => (Array.isArray(p.json.accessDiff) ? (p.json.accessDiff as NonNullable<GateResult['accessDiff']>) : [])), canonicalJson) } : {}),
  };
  const json = toJsonReport(result, { listPolicies: true, ...(isObj(first.json.pullRequest) ? { pullRequest: first.json.pullRequest as never } : {}) }) as Obj;
  json.tool = first.json.tool;
  if (first.json.catalog !== undefined) json.catalog = first.json.catalog;
  else delete json.catalog;
  json.policies = [];
  (json.summary as Obj).principals = recordCounts.principals;
  // the findings: read back from disk by each writer (result.findingStream; `result.findings` made on first read)
  withFindingStream(result, listed);
  json.merge = { reports: parts.length, shards: parts.filter((p) => p.shard).map((p) => ({ report: p.name, index: p.shard!.index, count: p.shard!.count, unitSetHash: p.shard!.unitSetHash })) };
  return { json, result, policies: { [Symbol.iterator]: () => records.merged() } };
}

/** The base compared: one ref; the files compared and added, summed over the parts. */
function mergedBase(parts: Part[]): NonNullable<GateResult['base']> {
  const count = (k: 'filesCompared' | 'filesAdded') => parts.reduce((n, p) => n + (isObj(p.json.base) && isInt(p.json.base[k]) ? (p.json.base[k] as number) : 0), 0);
  return { ref: String((parts[0]!.json.base as Obj).ref), filesCompared: count('filesCompared'), filesAdded: count('filesAdded') };
}

/** Counted by the directory walk, which every shard of one run makes whole: the same count in each shard. */
const WALK_COUNTS = new Set(['vendor-or-build-folders']);

/** Files skipped, by reason: summed over the parts; a walk's count once per shard set. */
function skipped(parts: Part[]): { skipped?: Record<string, number> } {
  const out: Record<string, number> = {};
  const walk = new Map<string, Record<string, number>>(); // per partition: the walk's counts
  for (const p of parts) {
    if (!isObj(p.summary.skipped)) continue;
    for (const [k, v] of Object.entries(p.summary.skipped)) {
      if (!isInt(v)) continue;
      if (p.shard && WALK_COUNTS.has(k)) {
        const w = walk.get(p.shard.unitSetHash) ?? {};
        w[k] = Math.max(w[k] ?? 0, v);
        walk.set(p.shard.unitSetHash, w);
      } else out[k] = (out[k] ?? 0) + v;
    }
  }
  for (const w of walk.values()) for (const [k, v] of Object.entries(w)) out[k] = (out[k] ?? 0) + v;
  return Object.keys(out).length ? { skipped: out } : {};
}
