/**
 * Extract and check a set of file texts (head or base version): the stages between reading files and deciding,
 * shared by the whole-run flow (gate.ts), the file-by-file flow (stream.ts) and the base comparison.
 */
import type { Options } from './config/options.js';
import type { Analysis, AnalysisError, FileText } from './result.js';
import { displayPath, underSkippedDir } from './sources/files.js';
import { listRepoDir, readRepoFile, ReadError } from './text/read.js';
import { calledModuleDirs, extractFile, isModuleFile } from './extract/index.js';
import { runOfflineChecks } from './checks/index.js';
import { dedupeHclAgainstPlan, markWorkflowPlan, planCoversCheckout, sameFindingOnce } from './extract/terraform/dedupe.js';
import { extractPlan } from './extract/terraform/plan.js';
import { linkAttachments } from './extract/terraform/link.js';
import { attachmentRecords, groupPrincipals, principalRecords } from './policy/principals.js';
import type { Principal } from './policy/principals.js';
import { externalPolicyGaps } from './checks/external-policies.js';
import { appendAll } from './util/arrays.js';
import type { ExtractResult } from './extract/types.js';
import { newInputs, recordRead, recordingRepo } from './sources/affected.js';
import type { FileInputs, RepoAccess } from './sources/affected.js';
import type { SpotKeys } from './findings/spots.js';

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

/**
 * Analysing a run unit by unit (stream.ts): what the units share, and what `finishAnalysis` tells the caller about
 * one unit. The whole-run flow passes none.
 */
export interface UnitContext {
  /**
   * Errors already reported by an earlier unit (a nested child's errors repeated by its parent): once per run (a
   * file-by-file run keeps keyed digests, findings/spots.ts SpotSet: ~2,000 errors of a 100,000-file scan were 0.5 MB
   * of texts).
   */
  seenErrors: SpotKeys;
  /** Where earlier units' findings are (checks/index.ts sameSpotOnce): a second view of the same text, once. */
  spots: SpotKeys;
  /** Set by finishAnalysis: how many of the unit's errors are extraction errors, and how many per-file budget errors (the rest: external policies). */
  errorParts?: { extract: number; budget: number };
  /** Set by finishAnalysis: the unit's principals (with their declaring entities). */
  principals?: Principal[];
}

function count(out: Analysis, reason: string): void {
  out.skipped ??= {};
  out.skipped[reason] = (out.skipped[reason] ?? 0) + 1;
}

/** The files' skip counts by reason (a file that is not ours, unless its content looked like one) and notes, once each, in file order. */
export function countSkipsAndNotes(out: Analysis, extracted: readonly Extracted[]): void {
  for (const { result, text } of extracted) {
    if (!result) {
      if (!text.sniffed) count(out, 'not-a-policy-or-template');
      continue;
    }
    if (result.skipped) count(out, result.skipped);
    for (const n of result.notes ?? []) if (!(out.notes ??= []).includes(n)) out.notes.push(n);
  }
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
    recordRead(repo, inputs, f.rel, f.real); // a symlinked file depends on its target
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
export function finishAnalysis(extracted: Extracted[], options: Options, plans: WorkflowPlan[] = [], repo?: RepoAccess, unit?: UnitContext): Analysis {
  const out: Analysis = { policies: [], principals: [], attachments: [], entities: [], findings: [], errors: [], filesWithPolicies: 0 };
  countSkipsAndNotes(out, extracted);
  for (const { result } of extracted) {
    if (!result) continue;
    if (result.policies.length) out.filesWithPolicies++;
    for (const p of result.policies) out.policies.push(p);
    for (const e of result.entities) out.entities.push(e);
    for (const e of result.errors) out.errors.push(e);
    for (const f of result.findings) out.findings.push(f);
  }
  // a plan the workflow generated replaces the analysis of the .tf blocks it covers, if it describes the checkout
  if (repo) for (const plan of plans) addWorkflowPlan(plan, out, options, repo);
  const deduped = dedupeHclAgainstPlan(out.policies, out.entities);
  out.policies = deduped.policies;
  out.entities = deduped.entities;
  // customer managed policies learn their principals from attachments in other files of the same module
  linkAttachments(out.policies, out.entities);
  // a file read again as another's nested stack reports its own problems once
  out.errors = errorsOnce(out.errors, unit?.seenErrors ?? new Set<string>());
  // a plan committed in the pull request and its .tf are both analysed: a finding both give, once
  const extractErrors = out.errors.length;
  appendAll(out.findings, sameFindingOnce(runOfflineChecks(out.policies, out.entities, options, out.errors, unit?.spots), out.policies));
  const budgetErrors = out.errors.length - extractErrors;
  // principals and attachments: views over the records, for the report (never checked twice)
  const principals = groupPrincipals(out.policies, out.entities);
  out.principals = principalRecords(principals);
  // managed policies attached but not read (outside the repository): incomplete unless reviewed in the config
  appendAll(out.errors, externalPolicyGaps(principals, options.externalPolicies, out.principals));
  out.attachments = attachmentRecords(out.policies, out.entities, out.principals);
  if (unit) {
    unit.errorParts = { extract: extractErrors, budget: budgetErrors };
    unit.principals = principals;
  }
  return out;
}

/** The errors not reported before (`seen`, which learns them): an error repeated by a later unit, once per run. */
export function errorsOnce(errors: AnalysisError[], seen: SpotKeys): AnalysisError[] {
  return errors.filter((e) => {
    const k = `${e.file}\u0000${e.line ?? ''}\u0000${e.column ?? ''}\u0000${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
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

/** Files added because analysed files use them, at most (a hostile chain of modules is bounded). */
const MAX_REFERENCED_FILES = 1000;

/**
 * The skip list (node_modules, venv, .terraform, ...) is for the walk, not for what the configuration uses: the
 * `.tf` files of a local module under such a directory are analysed when an analysed file calls it (and so on down
 * its own module calls). Reads stay contained in the repository. CloudFormation nested stacks and includes are
 * read by their extractor and need nothing here.
 */
export function addSkippedReferences(texts: FileText[], options: Options, errors: AnalysisError[]): void {
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

