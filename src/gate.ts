/**
 * runGate: the whole pipeline, top to bottom.
 *   files -> read -> extract -> PolicyRecord[] -> checks -> Finding[] -> (baseline) -> decide -> Verdict
 */
import path from 'node:path';
import type { Options } from './config/options.js';
import type { AnalysisError, Analysis, FileText, Finding, GateResult } from './result.js';
import { severityRank } from './result.js';
import { displayPath, repoPathOf, expandPaths, isCandidateFile, underSkippedDir, underDefaultExcludedDir } from './sources/files.js';
import { containedPath, readRepoFile, listRepoDir, ReadError } from './text/read.js';
import type { SourceFile } from './sources/files.js';
import { filterChangedPaths } from './sources/changed.js';
import { calledModuleDirs, extractFile, isModuleFile } from './extract/index.js';
import { runOfflineChecks } from './checks/index.js';
import { decide } from './findings/verdict.js';
import { dedupeHclAgainstPlan, markWorkflowPlan, planCoversCheckout, sameFindingOnce } from './extract/terraform/dedupe.js';
import { extractPlan } from './extract/terraform/plan.js';
import { linkAttachments } from './extract/terraform/link.js';
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
import type { BaseSource } from './sources/base.js';
import { holderView } from './findings/holders.js';
import { attachmentRecords, groupPrincipals, principalRecords } from './policy/principals.js';
import { externalPolicyGaps } from './checks/external-policies.js';
import { appendAll } from './util/arrays.js';
import { REPEAT_LIMIT, RULE_LIMIT, summariseRepeats } from './findings/summarise.js';
import type { ExtractResult } from './extract/types.js';
import { dependsOnChange, newInputs, recordRead, recordingRepo } from './sources/affected.js';
import type { ChangeScope, FileInputs, RepoAccess } from './sources/affected.js';


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
   * Sharding (`--shard I/N`, src/shard/): the part of the scan's files this run analyses. The report of a shard is
   * merged with the others' (`merge`), so repeats of a rule across the run are not summarised here (the merge does).
   */
  shard?: (files: SourceFile[]) => SourceFile[];
}

export interface WorkflowPlan {
  /** Shown in findings and errors. */
  display: string;
  text: string;
}



/** One file's extraction, with what it read (for the change scope of a pull request). */
export interface Extracted {
  text: FileText;
  result: ExtractResult | undefined;
  inputs: FileInputs;
}

/** One gate run: the stages below, with an engine context (the IAM engine's caches) of its own, dropped with the run. */
export function runGate(paths: string[], options: Options, run: GateRun = {}): Promise<GateResult> {
  return withEngineContext(new EngineContext(), () => gateStages(paths, options, run));
}

async function gateStages(paths: string[], options: Options, run: GateRun): Promise<GateResult> {
  const started = performance.now();
  const notes: string[] = [...(run.notes ?? [])];

  // 1. sources: which files
  const { files: all, errors, skipped: skippedDirs } = run.files ? { ...listedFiles(run.files, options), skipped: undefined } : expandPaths(paths, options);
  appendAll(errors, (run.errors ?? []));
  // a pull request cannot hide a template in a folder the walk skips by default (vendor/, dist/, ...)
  if (run.changes && options.defaultExcludes) appendAll(all, changedUnderDefaultExcludes(run.changes.paths, all, options));
  const files = run.shard ? run.shard(all) : all;

  // 2-3. read, extract, check (in a pull request: extract everything, analyse what the change affects)
  const { head, analysed } = await analyseHead(files, options, run, errors, notes);
  const { policies, entities, findings } = head;
  appendAll(findings, (run.findings ?? []));

  // 4. baseline: the same stages on the base version; record.base on each policy, the access diff
  const removed = filterChangedPaths(run.changes?.removed ? [...run.changes.removed] : (run.removed ?? []), options);
  const cmp = run.base ? await compareWithBase(head, analysed.map((t) => t.rel), run.base, options, { extract: extractTexts, finish: finishAnalysis }, removed) : undefined;
  if (cmp) {
    appendAll(errors, cmp.errors);
    appendAll(notes, cmp.notes);
  }

  // 5. organisation policies: SCP/RCP lock-out, change impact (needs record.base), identity policies under SCPs;
  //    an SCP the change deletes or detaches is a change too (what it denied is now allowed)
  const scpImpacts: ScpImpact[] = [];
  const deleted = cmp?.guardrails ?? [];
  if (options.organization !== undefined || options.organizationLive || policies.some((p) => p.policyType === 'scp' || p.policyType === 'rcp') || deleted.length) {
    // the organisation read live (organization-live), once per run, where the config has no tree
    const liveOrg = await readLiveOrganization({ options, policies: deleted.length ? [...policies, ...deleted] : policies });
    appendAll(errors, liveOrg.errors);
    appendAll(notes, liveOrg.notes);
    const scp = runScpStage({
      ...(liveOrg.live ? { live: liveOrg.live } : {}),
      policies: deleted.length ? [...policies, ...deleted] : policies,
      options,
      universe: catalogUniverse(),
      repoPathOf: (r) => repoPathOf(options, r.file),
      readScp: (rel) => readScpDocument(rel, options),
    });
    appendAll(findings, scp.findings);
    appendAll(errors, scp.errors);
    appendAll(notes, scp.notes);
    appendAll(scpImpacts, scp.impacts);
  }

  // 6. IAM Access Analyzer (online; only when enabled): merged with the offline findings; uses record.base
  if (options.accessAnalyzer !== 'off') {
    const aa = await runAccessAnalyzerStage({
      policies,
      offline: findings.splice(0),
      options,
      readRepoFile: (rel) => readRepoFile(options.root, rel, options.maxFileBytes),
    });
    appendAll(findings, aa.findings);
    appendAll(errors, aa.errors);
    appendAll(notes, aa.notes);
  }

  // 7. per-rule settings and suppressions (config `ignore`, inline); findings of a module call name it
  const applied = applySuppressions(withCallSites(findings, policies), {
    policies,
    entities,
    options,
    scannedFiles: analysed.map((f) => displayPath(options, f.rel)),
    accessAnalyzerRan: options.accessAnalyzer === 'on' || findings.some((f) => f.source === 'access-analyzer'),
  });
  findings.length = 0;
  appendAll(findings, coveredByCalls(applied, policies));

  // 8. new vs existing (after every stage that adds findings), decide
  if (cmp) {
    markNew(findings, cmp.baseFindings, policies, { head: holderView(policies, entities), base: cmp.holders, baseDocs: cmp.baseDocs });
    const added = markSuppressedInChange(findings);
    if (added) notes.push(`${added} finding${added === 1 ? ' new in this change is' : 's new in this change are'} suppressed by inline suppressions that come with the change itself: the suppression is part of what is reviewed here.`);
  }
  findings.sort(compareFindings);
  const verdict = decide(findings, errors, { failOn: options.failOn, failOnExisting: options.failOnExisting, reportOnly: options.reportOnly });
  const summarised: string[] = [];
  return {
    verdict,
    policies,
    principals: head.principals,
    attachments: head.attachments,
    entities,
    // decided on every finding; reported with long repeats of one rule on one policy summarised
    findings: summariseRepeats(findings, REPEAT_LIMIT, summarised, run.shard ? Infinity : RULE_LIMIT),
    errors,
    stats: {
      filesScanned: files.length,
      filesWithPolicies: head.filesWithPolicies,
      durationMs: Math.round(performance.now() - started),
      ...skippedStats(head.skipped, skippedDirs),
    },
    notes,
    scpImpacts,
    rules: allRuleMeta(),
    summarised,
    ...(run.changes ? { affected: analysed.map((t) => t.rel) } : {}),
    ...(cmp ? { base: cmp.info, accessDiff: cmp.accessDiff } : {}),
  };
}

/** Steps 2-3 of runGate: read the files, extract them (recording inputs), check what is in scope. */
async function analyseHead(files: SourceFile[], options: Options, run: GateRun, errors: AnalysisError[], notes: string[]): Promise<{ head: Analysis; analysed: FileText[] }> {
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
  const repo: RepoAccess = {
    read: (rel) => readRepoFile(options.root, rel, options.maxFileBytes),
    list: (dir) => listRepoDir(options.root, dir),
    resolve: (rel) => {
      const c = containedPath(options.root, path.resolve(options.root, rel));
      return 'error' in c ? undefined : c.rel;
    },
  };
  const inScope = await extractTexts(texts, options, repo, changes ? (inputs) => dependsOnChange(inputs, changes) : undefined);
  const head = finishAnalysis(inScope, options, run.terraformPlans, repo);
  appendAll(errors, head.errors);
  appendAll(notes, head.notes ?? []);
  if (changes) {
    const outside = unread + (texts.length - inScope.length);
    if (outside) notes.push(`${outside} files this change does not affect (neither they nor anything they read changed) were not analysed${unread ? `, ${unread} of them unreadable before this change too` : ''}.`);
  }
  return { head, analysed: inScope.map((x) => x.text) };
}

/** Changed files under default-excluded folders (the walk did not see them), analysed like walked files. */
function changedUnderDefaultExcludes(changed: Set<string>, files: SourceFile[], options: Options): SourceFile[] {
  const have = new Set(files.map((f) => f.rel));
  const hidden = [...changed].filter((rel) => !have.has(rel) && underDefaultExcludedDir(options.root, rel));
  return listedFiles(hidden, options).files;
}

function count(out: Analysis, reason: string): void {
  out.skipped ??= {};
  out.skipped[reason] = (out.skipped[reason] ?? 0) + 1;
}

/** The report's skipped counts (absent when nothing was skipped). */
function skippedStats(files: Record<string, number> | undefined, dirs: Record<string, number> | undefined): { skipped?: Record<string, number> } {
  const all = { ...files, ...dirs };
  return Object.keys(all).length ? { skipped: all } : {};
}

/** Extract and check file texts (head or base version): pure apart from `repo` reads for includes. */
export async function analyseTexts(texts: FileText[], options: Options, repo: RepoAccess): Promise<Analysis> {
  return finishAnalysis(await extractTexts(texts, options, repo), options);
}

/** Extract each file, recording what its extraction reads; its records and entities carry those `inputs`. */
export async function extractTexts(texts: FileText[], options: Options, repo: RepoAccess, keep: (inputs: FileInputs) => boolean = () => true): Promise<Extracted[]> {
  const out: Extracted[] = [];
  for (const f of texts) {
    const display = displayPath(options, f.rel);
    const inputs = newInputs(f.rel);
    recordRead(repo, inputs, f.rel); // a symlinked file depends on its target
    if (f.text.trim() === '') {
      if (!keep(inputs)) continue;
      const result = f.explicit ? { policies: [], entities: [], findings: [], errors: [{ file: display, message: 'the file is empty', kind: 'input' as const }] } : undefined;
      out.push({ text: f, result, inputs });
      continue;
    }
    const rec = recordingRepo(repo, inputs);
    let result = await extractFile({
      file: display,
      repoPath: f.rel,
      displayPath: (rel) => displayPath(options, rel),
      text: f.text,
      options,
      explicit: f.explicit,
      readRepoFile: rec.read,
      listRepoFiles: rec.list,
    });
    // its content looks like a policy or template, its name says nothing: never skipped in silence
    if (!result && f.sniffed) result = { policies: [], entities: [], findings: [], errors: [{ file: display, message: 'looks like an IAM policy or CloudFormation template by its content, but could not be read as one (comments in JSON?)', kind: 'input' }] };
    if (!keep(inputs)) continue; // not needed further: its records are not held while the rest is extracted
    if (result) {
      const read = [...inputs.reads].sort();
      for (const p of result.policies) p.inputs = read;
      for (const e of result.entities) e.inputs = read;
    }
    out.push({ text: f, result, inputs });
  }
  return out;
}

/** The stages after extraction over a set of files: plan/HCL dedupe, attachment links, offline checks, principals. */
export function finishAnalysis(extracted: Extracted[], options: Options, plans: WorkflowPlan[] = [], repo?: RepoAccess): Analysis {
  const out: Analysis = { policies: [], principals: [], attachments: [], entities: [], findings: [], errors: [], filesWithPolicies: 0 };
  for (const { result, text } of extracted) {
    if (!result) {
      if (!text.sniffed) count(out, 'not-a-policy-or-template');
      continue;
    }
    if (result.skipped) count(out, result.skipped);
    if (result.policies.length) out.filesWithPolicies++;
    for (const p of result.policies) out.policies.push(p);
    for (const e of result.entities) out.entities.push(e);
    for (const e of result.errors) out.errors.push(e);
    for (const f of result.findings) out.findings.push(f);
    for (const n of result.notes ?? []) if (!(out.notes ??= []).includes(n)) out.notes.push(n);
  }
  // a plan the workflow generated replaces the analysis of the .tf blocks it covers, if it describes the checkout
  if (repo) for (const plan of plans) addWorkflowPlan(plan, out, options, repo);
  const deduped = dedupeHclAgainstPlan(out.policies, out.entities);
  out.policies = deduped.policies;
  out.entities = deduped.entities;
  // customer managed policies learn their principals from attachments in other files of the same module
  linkAttachments(out.policies, out.entities);
  // a file read again as another's nested stack reports its own problems once
  const seenErrors = new Set<string>();
  out.errors = out.errors.filter((e) => {
    const k = `${e.file}\u0000${e.line ?? ''}\u0000${e.column ?? ''}\u0000${e.message}`;
    if (seenErrors.has(k)) return false;
    seenErrors.add(k);
    return true;
  });
  // a plan committed in the pull request and its .tf are both analysed: a finding both give, once
  appendAll(out.findings, sameFindingOnce(runOfflineChecks(out.policies, out.entities, options, out.errors), out.policies));
  // principals and attachments: views over the records, for the report (never checked twice)
  const principals = groupPrincipals(out.policies, out.entities);
  out.principals = principalRecords(principals);
  // managed policies attached but not read (outside the repository): incomplete unless reviewed in the config
  appendAll(out.errors, externalPolicyGaps(principals, options.externalPolicies, out.principals));
  out.attachments = attachmentRecords(out.policies, out.entities, out.principals);
  return out;
}

function addWorkflowPlan(plan: WorkflowPlan, out: Analysis, options: Options, repo: RepoAccess): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(plan.text);
  } catch (e) {
    out.errors.push({ file: plan.display, message: `terraform plan: not valid JSON (${(e as Error).message})`, kind: 'input' });
    return;
  }
  const r = extractPlan({ file: plan.display, repoPath: plan.display, displayPath: (rel) => displayPath(options, rel), text: plan.text, options, explicit: true, readRepoFile: repo.read, listRepoFiles: repo.list });
  for (const p of r.policies) markWorkflowPlan(p);
  for (const e of r.entities) markWorkflowPlan(e);
  const missing = planCoversCheckout(parsed, out.policies);
  if (missing.length) {
    out.errors.push({
      file: plan.display,
      message: `terraform plan: its configuration does not match the checkout (no ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}); generate the plan from the commit under review`,
      kind: 'input',
    });
  }
  appendAll(out.policies, r.policies);
  appendAll(out.entities, r.entities);
  appendAll(out.errors, r.errors);
  appendAll(out.findings, r.findings);
  if (r.policies.length) out.filesWithPolicies++;
}

/** A change list (repo-relative paths) -> files to analyse, filtered by the config globs, never explicit. */
/** An SCP named by the organisation model but not part of the scan: read and parse it (contained). */
function readScpDocument(rel: string, options: Options): unknown {
  const text = readRepoFile(options.root, rel, options.maxFileBytes);
  const r = rawExtractor.extract({ file: rel, repoPath: rel, displayPath: (p) => p, text, options, explicit: true, readRepoFile: () => '' });
  if ('then' in r) throw new Error('unexpected async extraction');
  if (r.errors.length) throw new Error(r.errors[0]!.message);
  return r.policies[0]?.document;
}

/** Files added because analysed files use them, at most (a hostile chain of modules is bounded). */
const MAX_REFERENCED_FILES = 1000;

/**
 * The skip list (node_modules, venv, .terraform, ...) is for the walk, not for what the configuration uses: the
 * `.tf` files of a local module under such a directory are analysed when an analysed file calls it (and so on down
 * its own module calls). Reads stay contained in the repository. CloudFormation nested stacks and includes are
 * read by their extractor and need nothing here.
 */
function addSkippedReferences(texts: FileText[], options: Options, errors: AnalysisError[]): void {
  const have = new Set(texts.map((t) => t.rel));
  let added = 0;
  for (let i = 0; i < texts.length; i++) {
    for (const dir of calledModuleDirs(texts[i]!.rel, texts[i]!.text)) {
      if (!underSkippedDir(dir)) continue; // elsewhere the walk finds the module itself
      for (const rel of listRepoDir(options.root, dir)) {
        if (!isModuleFile(rel) || have.has(rel)) continue;
        have.add(rel);
        if (++added > MAX_REFERENCED_FILES) {
          errors.push({ file: displayPath(options, texts[i]!.rel), message: `not analysed: more than ${MAX_REFERENCED_FILES} module files under skipped directories are called`, kind: 'input' });
          return;
        }
        try {
          texts.push({ rel, text: readRepoFile(options.root, rel, options.maxFileBytes), explicit: false });
        } catch (e) {
          errors.push({ file: displayPath(options, rel), message: e instanceof ReadError ? e.message : `cannot read: ${(e as Error).message}`, kind: 'input' });
        }
      }
    }
  }
}

function listedFiles(rels: string[], options: Options): { files: SourceFile[]; errors: AnalysisError[] } {
  const files: SourceFile[] = [];
  for (const rel of filterChangedPaths(rels, options)) files.push({ rel, abs: path.join(options.root, rel), explicit: false, ...(isCandidateFile(rel) ? {} : { sniffed: true }) });
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
