/**
 * runGate: the whole pipeline, top to bottom.
 *   files -> read -> extract -> PolicyRecord[] -> checks -> Finding[] -> (baseline) -> decide -> Verdict
 */
import path from 'node:path';
import type { Options } from './config/options.js';
import type { AnalysisError, Analysis, FileText, Finding, GateResult, Verdict } from './result.js';
import type { PolicyRecord } from './policy/types.js';
import { severityRank, withFindingStream } from './result.js';
import { displayPath, repoPathOf, expandPaths, isCandidateFile, underDefaultExcludedDir } from './sources/files.js';
import { containedPath, readRepoFile, listRepoDir, ReadError } from './text/read.js';
import type { SourceFile } from './sources/files.js';
import { WalkList } from './sources/walk-list.js';
import { filterChangedPaths } from './sources/changed.js';
import { decide } from './findings/verdict.js';
import { runAccessAnalyzerStage } from './checks/access-analyzer/index.js';
import { runScpStage } from './checks/scp/index.js';
import { readLiveOrganization } from './checks/scp/org-live/index.js';
import type { ScpImpact } from './result.js';
import { allRuleMeta } from './checks/registry.js';
import { catalogUniverse } from './engine/actions.js';
import { EngineContext, withEngineContext } from './engine/context.js';
import { rawExtractor } from './extract/raw.js';
import { applySuppressions, markSuppressedInChange } from './findings/suppressions.js';
import { coveredByCalls, withCallSites } from './findings/call-sites.js';
import { compareWithBase, markNew } from './findings/baseline.js';
import type { BaseComparison } from './findings/baseline.js';
import type { BaseSource } from './sources/base.js';
import { holderView } from './findings/holders.js';
import { appendAll } from './util/arrays.js';
import { REPEAT_LIMIT, RULE_LIMIT, summariseRepeats } from './findings/summarise.js';
import { dependsOnChange, repoAccess } from './sources/affected.js';
import type { ChangeScope, RepoAccess } from './sources/affected.js';
import { addSkippedReferences, extractTexts, finishAnalysis } from './analysis.js';
import type { WorkflowPlan } from './analysis.js';
import { analyseStreaming } from './stream.js';
import { filePool } from './parallel/pool.js';
import type { StreamedHead } from './stream.js';
import type { ReportSink } from './result.js';
import { FindingRuns } from './findings/runs.js';
import { streamEndStages } from './findings/end-stream.js';
import { ruleSettings } from './findings/suppressions.js';
import { HeldStore } from './stream-held.js';
import type { KeptViews } from './stream-kept.js';
import { boundHeap, heapForFiles } from './util/heap.js';

/** A streamed run's findings go to a temporary file in sorted runs of this many (findings/runs.ts). */
const SPILL_AFTER = 4096;
/** A streamed run keeps this many files held for their neighbours in memory; past it, on disk (stream-held.ts). */
const HOLD_AFTER = 256;
/** A streamed run keeps the texts of this many bare views' rows in memory; past it, on disk (stream-rows.ts). */
const VIEWS_AFTER = 4096;

// the extract+check stages live in analysis.ts; their request types are named here too, beside runGate's
export { analyseTexts, extractTexts, finishAnalysis } from './analysis.js';
export type { Extracted, WorkflowPlan } from './analysis.js';



/** How runGate is driven beyond paths: an explicit file list (the PR's changed files) and a base to compare with. */
export interface GateRun {
  /** Repository-relative files found by a change list: analysed like a directory walk (not explicit). */
  files?: string[];
  /** The base version of the files, for new-vs-existing findings and the access diff. */
  base?: BaseSource;
  /** What the caller could not analyse before the run (e.g. changed files GitHub did not list): the verdict is incomplete. */
  errors?: AnalysisError[];
  /** Findings made before the run (`config-weakened`: the change's own config edits); rule settings and suppressions apply. */
  findings?: Finding[];
  /** Notes made before the run (what a config change would do once merged). */
  notes?: string[];
  /**
   * Pull-request mode: what the change touches. The given paths are extracted in full, and every file whose
   * extraction read a changed path (or listed a directory that gained or lost a file) is analysed and reported:
   * a change to `variables.tf`, a tfvars file, a `file()` target or an include reaches the policies built from it.
   */
  changes?: ChangeScope;
  /** Files deleted since the base (CLI `--base`; in a pull request `changes.removed`): analysed at the base only. */
  removed?: string[];
  /**
   * Terraform plans the workflow generated (`--terraform-plan`, the Action's `terraform-plan` input), read by the
   * caller from outside the repository content: they replace the configuration analysis of the blocks they cover.
   */
  terraformPlans?: WorkflowPlan[];
  /**
   * Analyse a whole-repository scan file by file (stream.ts): constant memory per file, report entries to `sink`
   * as each file is final. Ignored (the whole-run flow) with a base, a change scope, workflow plans or an
   * organisation model, which compare or combine records across the whole run.
   */
  stream?: {
    sink?: ReportSink;
    /**
     * How many findings are sorted in memory before they go to a temporary file as one run (findings/runs.ts;
     * default SPILL_AFTER; 0: one a run; Infinity: none written). Internal: set by the caller, never by the
     * repository's content.
     */
    spillAfter?: number;
    /** Past how many held files their extractions go to a temporary file (stream-held.ts; default HOLD_AFTER). Internal, as `spillAfter`. */
    holdAfter?: number;
    /** Past how many kept bare views their texts go to a temporary file (stream-rows.ts; default VIEWS_AFTER). Internal, as `spillAfter`. */
    viewsAfter?: number;
  };
  /**
   * Worker threads for the file-by-file flow (`stream`): 0 analyses in this thread; undefined = auto (several
   * hundred files and two or more CPUs). From the CLI (`--workers`) or the workflow (`workers:`), never the PR.
   */
  workers?: number;
  /**
   * Sharding (`--shard I/N`, src/shard/): the part of the scan's files this run analyses. The report of a shard is
   * merged with the others' (`merge`), so repeats of a rule across the run are not summarised here (the merge does).
   */
  shard?: (files: SourceFile[]) => SourceFile[];
}


/** One gate run: the stages below, with an engine context (the IAM engine's caches) of its own, dropped with the run. */
export function runGate(paths: string[], options: Options, run: GateRun = {}): Promise<GateResult> {
  return withEngineContext(new EngineContext(), () => gateStages(paths, options, run));
}

/** Where the stages put what could not be analysed (errors: the verdict is incomplete) and what they note. */
interface RunLog {
  errors: AnalysisError[];
  notes: string[];
}

/** A stage's errors and notes, added to the run's. */
function absorb(log: RunLog, part: { errors: AnalysisError[]; notes?: string[] | undefined }): void {
  appendAll(log.errors, part.errors);
  appendAll(log.notes, part.notes ?? []);
}

/** The stages of one run, in order; each adds to the head's findings and to the run's errors and notes. */
async function gateStages(paths: string[], options: Options, run: GateRun): Promise<GateResult> {
  const started = performance.now();
  const notes: string[] = [...(run.notes ?? [])];
  // a file-by-file run's heap bounded from its walk on, once the run is large (util/heap.ts): the walk of a large
  // tree is the first big allocation, and V8 sizes the next collection's limit at up to 4x what is live then
  // (100,000 files: ~370 MB before the bound applied); and during the walk (once per folder), or its young
  // generation grows unbounded until the first file (100,000 files: 32 MB semi-spaces, RSS 194 MB at the first
  // file, 139 MB bounded)
  if (streams(options, run)) boundHeap();
  const { files, errors, skippedDirs } = sourcesStage(paths, options, run, streams(options, run) ? boundHeap : undefined);
  if (streams(options, run)) heapForFiles(files.length);
  const log: RunLog = { errors, notes };
  const filesScanned = files.length;
  const { head, analysed, counts, views, runs } = await analyseStage(files, options, run, log);
  addFindings(head, runs, run.findings ?? []);
  const cmp = await baselineStage(head, analysed, options, run, log);
  const scpImpacts = await organisationStage(head, cmp?.guardrails ?? [], options, log, views, runs);
  await accessAnalyzerStage(head, options, log);
  if (runs) {
    // a streamed run's findings are on disk: the end stages as a stream over them (findings/end-stream.ts)
    const end = endStreamStage(runs, head, analysed, options, run, log, views);
    return gateResult({ run, started, filesScanned, skippedDirs, head, analysed, counts, cmp, scpImpacts, verdict: end.verdict, log, findingStream: end.findings });
  }
  settingsStage(head, analysed, options, views);
  const verdict = decideStage(head, cmp, options, log);
  return gateResult({ run, started, filesScanned, skippedDirs, head, analysed, counts, cmp, scpImpacts, verdict, log });
}

/** Findings a stage adds: to the run's sorted runs on disk (a streamed run) or to the head's list. */
function addFindings(head: Analysis, runs: FindingRuns | undefined, add: Finding[]): void {
  if (runs) for (const f of add) runs.put(f);
  else appendAll(head.findings, add);
}

/** 7-8 of a streamed run: module calls, settings, suppressions, the verdict, over the findings on disk. */
function endStreamStage(runs: FindingRuns, head: Analysis, analysed: string[], options: Options, run: GateRun, log: RunLog, views?: KeptViews): { verdict: Verdict; findings: Iterable<Finding> } {
  const failure = runs.settle();
  if (failure) log.errors.push(failure);
  // test hook, honoured only under the test runner (VITEST set): the views' file closed before it is read back
  if (process.env.VITEST && process.env.IAM_POLICY_GATE_TEST_SPILL_FAULT === 'views') views?.dispose();
  try {
    return endStages(runs, head, analysed, options, run, log, views);
  } finally {
    views?.dispose();
  }
}

function endStages(runs: FindingRuns, head: Analysis, analysed: string[], options: Options, run: GateRun, log: RunLog, views?: KeptViews): { verdict: Verdict; findings: Iterable<Finding> } {
  return streamEndStages(
    runs,
    {
      policies: head.policies,
      ...(views?.size ? { lookup: (id: string) => views.lookup(id) } : {}),
      entities: head.entities,
      ...(views ? { foreignNote: (key: string) => views.foreign.get(key) } : {}),
      options,
      scannedFiles: options.ignore.some((e) => e.files) ? analysed.map((rel) => displayPath(options, rel)) : undefined,
      accessAnalyzerRan: options.accessAnalyzer === 'on',
      ruleLimit: run.shard ? Infinity : RULE_LIMIT,
      order: compareFindings,
      runSize: run.stream?.spillAfter ?? SPILL_AFTER,
    },
    log.errors,
  );
}

/** 1. sources: which files (the listed files or a walk of the paths), this shard's part of them. */
function sourcesStage(paths: string[], options: Options, run: GateRun, tick?: () => void): { files: SourceFile[]; errors: AnalysisError[]; skippedDirs: Record<string, number> | undefined } {
  const { files: all, errors, skipped: skippedDirs } = run.files ? { ...listedFiles(run.files, options), skipped: undefined } : expandPaths(paths, options, tick);
  appendAll(errors, (run.errors ?? []));
  // a pull request cannot hide a template in a folder the walk skips by default (vendor/, dist/, ...)
  if (run.changes && options.defaultExcludes) appendAll(all, changedUnderDefaultExcludes(run.changes.paths, all, options));
  return { files: run.shard ? run.shard(all) : all, errors, skippedDirs };
}

/**
 * 2-3. read, extract, check (in a pull request: extract everything, analyse what the change affects); a whole
 * scan file by file, its report entries written as each file is final. A file-by-file run packs `files` and
 * empties it (sources/walk-list.ts: no record per file is kept through the run).
 */
async function analyseStage(files: SourceFile[], options: Options, run: GateRun, log: RunLog): Promise<{ head: Analysis; analysed: string[]; counts?: StreamedHead['counts'] | undefined; views?: KeptViews | undefined; runs?: FindingRuns | undefined }> {
  if (!streams(options, run)) return analyseHead(files, options, run, log.errors, log.notes);
  // the findings wholly on disk, in sorted runs (not when Access Analyzer may run: it reads the findings it merges
  // with); the per-rule settings applied first, as the order reads the severity they set
  const runs = options.accessAnalyzer === 'off' ? new FindingRuns(run.stream!.spillAfter ?? SPILL_AFTER, compareFindings, ruleSettings(options)) : undefined;
  const store = new HeldStore(run.stream!.holdAfter ?? HOLD_AFTER);
  const list = WalkList.from(files);
  files.length = 0;
  const streamed = await analyseStreaming(list, options, repoAccess(options), log.errors, run.stream!.sink, filePool(list, options, run.workers), runs, store, run.stream!.viewsAfter ?? VIEWS_AFTER);
  // the kept views' texts written (a write failure is an error of the run: the verdict is incomplete)
  const failure = streamed.views.settle();
  if (failure) log.errors.push(failure);
  absorb(log, streamed.head);
  return { ...streamed, runs };
}

/** Whether the run is analysed file by file (see GateRun.stream). */
function streams(options: Options, run: GateRun): boolean {
  return run.stream !== undefined && !run.base && !run.changes && !run.removed?.length && !run.terraformPlans?.length && options.organization === undefined;
}

/** 4. baseline: the same stages on the base version; record.base on each policy, the access diff. */
async function baselineStage(head: Analysis, analysed: string[], options: Options, run: GateRun, log: RunLog): Promise<BaseComparison | undefined> {
  const removed = filterChangedPaths(run.changes?.removed ? [...run.changes.removed] : (run.removed ?? []), options);
  if (!run.base) return undefined;
  const cmp = await compareWithBase(head, analysed, run.base, options, { extract: extractTexts, finish: finishAnalysis }, removed);
  absorb(log, cmp);
  return cmp;
}

/**
 * 5. organisation policies: SCP/RCP lock-out, change impact (needs record.base), identity policies under SCPs;
 * an SCP the change deletes or detaches (`deleted`) is a change too (what it denied is now allowed).
 */
async function organisationStage(head: Analysis, deleted: PolicyRecord[], options: Options, log: RunLog, views?: KeptViews, runs?: FindingRuns): Promise<ScpImpact[]> {
  // the bare views kept as rows: the stage reads only their types (one of each is enough)
  let policies = views?.size ? [...head.policies, ...views.typeSamples(head.policies)] : head.policies;
  // SCP/RCP records a file-by-file run checked as they were analysed (stream-kept.ts checkOrg): their views are not
  // the records, the stage reads the others (for its notes) and their findings come in the records' order
  const checked = views?.compact ? views.orgFindings() : [];
  // (a record with a base version, a plan's change, is kept whole and judged here: stream-kept.ts keepPolicy)
  if (views?.compact) policies = policies.filter((p) => (p.policyType !== 'scp' && p.policyType !== 'rcp') || p.base !== undefined);
  const scpImpacts: ScpImpact[] = [];
  if (!(options.organization !== undefined || options.organizationLive || policies.some((p) => p.policyType === 'scp' || p.policyType === 'rcp') || views?.orgTypes.size || deleted.length)) return scpImpacts;
  // the organisation read live (organization-live), once per run, where the config has no tree
  const liveOrg = await readLiveOrganization({ options, policies: deleted.length ? [...policies, ...deleted] : policies });
  absorb(log, liveOrg);
  const scp = runScpStage({
    ...(liveOrg.live ? { live: liveOrg.live } : {}),
    policies: deleted.length ? [...policies, ...deleted] : policies,
    options,
    universe: catalogUniverse(),
    repoPathOf: (r) => repoPathOf(options, r.file),
    readScp: (rel) => readScpDocument(rel, options),
  });
  addFindings(head, runs, checked);
  addFindings(head, runs, scp.findings);
  absorb(log, scp);
  appendAll(scpImpacts, scp.impacts);
  return scpImpacts;
}

/** 6. IAM Access Analyzer (online; only when enabled): merged with the offline findings; uses record.base. */
async function accessAnalyzerStage(head: Analysis, options: Options, log: RunLog): Promise<void> {
  if (options.accessAnalyzer === 'off') return;
  const { policies, findings } = head;
  const aa = await runAccessAnalyzerStage({
    policies,
    offline: findings.splice(0),
    options,
    readRepoFile: (rel) => readRepoFile(options.root, rel, options.maxFileBytes),
  });
  appendAll(findings, aa.findings);
  absorb(log, aa);
}

/** 7. per-rule settings and suppressions (config `ignore`, inline); findings of a module call name it. */
function settingsStage(head: Analysis, analysed: string[], options: Options, views?: KeptViews): void {
  const { policies, entities, findings } = head;
  const applied = applySuppressions(withCallSites(findings, policies), {
    policies,
    ...(views?.size ? { lookup: (id: string) => views.lookup(id) } : {}),
    entities,
    ...(views ? { foreignNote: (key: string) => views.foreign.get(key) } : {}),
    options,
    // read only for ignore entries that name files (a whole-repository scan's list is long)
    scannedFiles: options.ignore.some((e) => e.files) ? analysed.map((rel) => displayPath(options, rel)) : undefined,
    accessAnalyzerRan: options.accessAnalyzer === 'on' || findings.some((f) => f.source === 'access-analyzer'),
  });
  findings.length = 0;
  appendAll(findings, coveredByCalls(applied, policies));
}

/** 8. new vs existing (after every stage that adds findings), decide. */
function decideStage(head: Analysis, cmp: BaseComparison | undefined, options: Options, log: RunLog): Verdict {
  const { policies, entities, findings } = head;
  if (cmp) {
    markNew(findings, cmp.baseFindings, policies, { head: holderView(policies, entities), base: cmp.holders, baseDocs: cmp.baseDocs });
    const added = markSuppressedInChange(findings);
    if (added) log.notes.push(`${added} finding${added === 1 ? ' new in this change is' : 's new in this change are'} suppressed by inline suppressions that come with the change itself: the suppression is part of what is reviewed here.`);
  }
  findings.sort(compareFindings);
  return decide(findings, log.errors, { failOn: options.failOn, failOnExisting: options.failOnExisting, reportOnly: options.reportOnly });
}

/** What the stages produced, for the result. */
interface StagesDone {
  run: GateRun;
  started: number;
  filesScanned: number;
  skippedDirs: Record<string, number> | undefined;
  head: Analysis;
  /** The paths of the files analysed (repository-relative). */
  analysed: string[];
  counts: StreamedHead['counts'] | undefined;
  cmp: BaseComparison | undefined;
  scpImpacts: ScpImpact[];
  verdict: Verdict;
  log: RunLog;
  /** A streamed run's findings, read back from disk when iterated (findings/end-stream.ts). */
  findingStream?: Iterable<Finding>;
}

/** The run's result: a streamed run's policies and entities are counts (already reported file by file). */
function gateResult(s: StagesDone): GateResult {
  const { run, head, analysed, counts, cmp } = s;
  const summarised: string[] = [];
  const result: GateResult = {
    verdict: s.verdict,
    policies: counts ? [] : head.policies,
    principals: head.principals,
    attachments: head.attachments,
    entities: counts ? [] : head.entities,
    // decided on every finding; reported with long repeats of one rule on one policy summarised
    // (the fingerprints of summarised findings are for review threads: a streamed run has none, and its fingerprints are on disk)
    findings: s.findingStream ? [] : summariseRepeats(head.findings, REPEAT_LIMIT, counts ? undefined : summarised, run.shard ? Infinity : RULE_LIMIT),
    errors: s.log.errors,
    stats: {
      filesScanned: s.filesScanned,
      filesWithPolicies: head.filesWithPolicies,
      durationMs: Math.round(performance.now() - s.started),
      ...skippedStats(head.skipped, s.skippedDirs),
    },
    notes: s.log.notes,
    scpImpacts: s.scpImpacts,
    rules: allRuleMeta(),
    summarised,
    ...(run.changes ? { affected: analysed } : {}),
    ...(cmp ? { base: cmp.info, accessDiff: cmp.accessDiff } : {}),
    ...(counts ? { streamed: counts } : {}),
  };
  if (s.findingStream) withFindingStream(result, s.findingStream);
  return result;
}


/** Steps 2-3 of runGate: read the files, extract them (recording inputs), check what is in scope. */
async function analyseHead(files: SourceFile[], options: Options, run: GateRun, errors: AnalysisError[], notes: string[]): Promise<{ head: Analysis; analysed: string[]; counts?: undefined }> {
  const changes = run.changes;
  const texts: FileText[] = [];
  let unread = 0;
  for (const f of files) {
    try {
      texts.push({ rel: f.rel, text: readRepoFile(options.root, f.rel, options.maxFileBytes), explicit: f.explicit, ...(f.sniffed ? { sniffed: true } : {}) });
    } catch (e) {
      // in a pull request, an unreadable file the change does not touch was unreadable before it too
      if (changes && !changes.paths.has(f.rel)) unread++;
      else errors.push({ file: displayPath(options, f.rel), message: e instanceof ReadError ? e.message : `cannot read: ${(e as Error).message}`, kind: 'input' });
    }
  }
  // what those files use where a walk does not go (a local module under node_modules/, venv/, .terraform/)
  addSkippedReferences(texts, options, errors);
  const repo = repoAccess(options);
  const inScope = await extractTexts(texts, options, repo, changes ? (inputs) => dependsOnChange(inputs, changes) : undefined);
  const head = finishAnalysis(inScope, options, run.terraformPlans, repo);
  appendAll(errors, head.errors);
  appendAll(notes, head.notes ?? []);
  if (changes) {
    const outside = unread + (texts.length - inScope.length);
    if (outside) notes.push(`${outside} files this change does not affect (neither they nor anything they read changed) were not analysed${unread ? `, ${unread} of them unreadable before this change too` : ''}.`);
  }
  return { head, analysed: inScope.map((x) => x.text.rel) };
}

/** Changed files under default-excluded folders (the walk did not see them), analysed like walked files. */
function changedUnderDefaultExcludes(changed: Set<string>, files: SourceFile[], options: Options): SourceFile[] {
  const have = new Set(files.map((f) => f.rel));
  const hidden = [...changed].filter((rel) => !have.has(rel) && underDefaultExcludedDir(options.root, rel));
  return listedFiles(hidden, options).files;
}

/** The report's skipped counts (absent when nothing was skipped). */
function skippedStats(files: Record<string, number> | undefined, dirs: Record<string, number> | undefined): { skipped?: Record<string, number> } {
  const all = { ...files, ...dirs };
  return Object.keys(all).length ? { skipped: all } : {};
}

/** An SCP named by the organisation model but not part of the scan: read and parse it (contained). */
function readScpDocument(rel: string, options: Options): unknown {
  const text = readRepoFile(options.root, rel, options.maxFileBytes);
  const r = rawExtractor.extract({ file: rel, repoPath: rel, displayPath: (p) => p, text, options, explicit: true, readRepoFile: () => '' });
  if ('then' in r) throw new Error('unexpected async extraction');
  if (r.errors.length) throw new Error(r.errors[0]!.message);
  return r.policies[0]?.document;
}


function listedFiles(rels: string[], options: Options): { files: SourceFile[]; errors: AnalysisError[] } {
  const files: SourceFile[] = [];
  for (const rel of filterChangedPaths(rels, options)) files.push({ rel, explicit: false, ...(isCandidateFile(rel) ? {} : { sniffed: true }) });
  return { files, errors: [] };
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    severityRank(a.severity) - severityRank(b.severity) ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}
