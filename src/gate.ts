/**
 * runGate: the whole pipeline, top to bottom.
 *   files -> read -> extract -> PolicyRecord[] -> checks -> Finding[] -> (baseline) -> decide -> Verdict
 */
import path from 'node:path';
import type { Options } from './config/options.js';
import type { AnalysisError, Finding, Verdict } from './findings/types.js';
import { severityRank } from './findings/types.js';
import type { IamEntity, PolicyRecord } from './policy/types.js';
import { expandPaths, readRepoFile, listRepoDir, toPosix, ReadError } from './sources/files.js';
import type { SourceFile } from './sources/files.js';
import { filterChangedPaths } from './sources/changed.js';
import { extractFile } from './extract/index.js';
import { runOfflineChecks } from './checks/index.js';
import { decide } from './findings/verdict.js';
import { dedupeHclAgainstPlan } from './extract/terraform/dedupe.js';
import { linkAttachments } from './extract/terraform/link.js';
import { runAccessAnalyzerStage } from './checks/access-analyzer/index.js';
import { runScpStage } from './checks/scp/index.js';
import type { ScpImpact } from './checks/scp/index.js';
import { catalogUniverse } from './engine/evaluate.js';
import { rawExtractor } from './extract/raw.js';
import { applySuppressions, markSuppressedInChange } from './findings/suppressions.js';
import { compareWithBase, markNew } from './findings/baseline.js';
import type { BaseSource, BaseInfo } from './findings/baseline.js';
import type { AccessDiffEntry } from './findings/access-diff.js';
import { attachmentRecords, groupPrincipals, principalRecords } from './policy/principals.js';
import type { AttachmentRecord, PrincipalRecord } from './policy/principals.js';

export interface GateResult {
  verdict: Verdict;
  policies: PolicyRecord[];
  /** The roles, users, groups and permission sets declared, each with its effective identity policy. */
  principals: PrincipalRecord[];
  /** Attachment resources without a record of their own (Terraform `aws_iam_*_policy_attachment`, ...). */
  attachments: AttachmentRecord[];
  entities: IamEntity[];
  findings: Finding[];
  errors: AnalysisError[];
  stats: { filesScanned: number; filesWithPolicies: number; durationMs: number };
  /** Notes for the reader (e.g. Access Analyzer skipped because no credentials). */
  notes: string[];
  /** Set when a base version was compared (PR base SHA, CLI `--base`). */
  base?: BaseInfo;
  /** Actions each principal/policy gains or loses against the base. */
  accessDiff?: AccessDiffEntry[];
  /** What changed SCPs do to the organisation (base vs head). */
  scpImpacts: ScpImpact[];
}

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
}

/** One file's text handed to the extract+check stages (head from disk, base from git or the API). */
export interface FileText {
  rel: string;
  text: string;
  explicit: boolean;
}

export interface Analysis {
  policies: PolicyRecord[];
  principals: PrincipalRecord[];
  attachments: AttachmentRecord[];
  entities: IamEntity[];
  findings: Finding[];
  errors: AnalysisError[];
  filesWithPolicies: number;
}

/** Repository access for extractors (includes, modules): contained, relative to the repository root. */
export interface RepoAccess {
  read(rel: string): string;
  list(dir: string): string[];
}

export async function runGate(paths: string[], options: Options, run: GateRun = {}): Promise<GateResult> {
  const started = performance.now();
  const notes: string[] = [...(run.notes ?? [])];
  const displayPath = (repoRel: string) => toPosix(path.relative(options.cwd, path.join(options.root, repoRel))) || '.';

  // 1. sources: which files
  const { files, errors } = run.files ? listedFiles(run.files, options) : expandPaths(paths, options);
  errors.push(...(run.errors ?? []));

  // 2. read
  const texts: FileText[] = [];
  for (const f of files) {
    try {
      texts.push({ rel: f.rel, text: readRepoFile(options.root, f.rel, options.maxFileBytes), explicit: f.explicit });
    } catch (e) {
      errors.push({ file: displayPath(f.rel), message: e instanceof ReadError ? e.message : `cannot read: ${(e as Error).message}`, kind: 'input' });
    }
  }

  // 3. extract + checks
  const repo: RepoAccess = {
    read: (rel) => readRepoFile(options.root, rel, options.maxFileBytes),
    list: (dir) => listRepoDir(options.root, dir),
  };
  const head = await analyzeTexts(texts, options, repo);
  errors.push(...head.errors);
  const { policies, entities, findings } = head;
  findings.push(...(run.findings ?? []));

  // 4. baseline: the same stages on the base version; record.base on each policy, the access diff
  const cmp = run.base ? await compareWithBase(head, texts.map((t) => t.rel), run.base, options, analyzeTexts) : undefined;
  if (cmp) {
    errors.push(...cmp.errors);
    notes.push(...cmp.notes);
  }

  // 5. organisation policies: SCP/RCP lock-out, change impact (needs record.base), identity policies under SCPs
  const scpImpacts: ScpImpact[] = [];
  if (options.organization !== undefined || policies.some((p) => p.policyType === 'scp')) {
    const scp = runScpStage({
      policies,
      options,
      universe: catalogUniverse(),
      repoPathOf: (r) => toPosix(path.relative(options.root, path.resolve(options.cwd, r.file))),
      readScp: (rel) => readScpDocument(rel, options),
    });
    findings.push(...scp.findings);
    errors.push(...scp.errors);
    notes.push(...scp.notes);
    scpImpacts.push(...scp.impacts);
  }

  // 6. IAM Access Analyzer (online; only when enabled): merged with the offline findings; uses record.base
  if (options.accessAnalyzer !== 'off') {
    const aa = await runAccessAnalyzerStage({
      policies,
      offline: findings.splice(0),
      options,
      readRepoFile: (rel) => readRepoFile(options.root, rel, options.maxFileBytes),
    });
    findings.push(...aa.findings);
    errors.push(...aa.errors);
    notes.push(...aa.notes);
  }

  // 7. per-rule settings and suppressions (config `ignore`, inline)
  const applied = applySuppressions(findings, {
    policies,
    entities,
    options,
    scannedFiles: files.map((f) => displayPath(f.rel)),
    accessAnalyzerRan: options.accessAnalyzer === 'on' || findings.some((f) => f.source === 'access-analyzer'),
  });
  findings.splice(0, findings.length, ...applied);

  // 8. new vs existing (after every stage that adds findings), decide
  if (cmp) {
    markNew(findings, cmp.baseFindings, policies);
    const added = markSuppressedInChange(findings);
    if (added) notes.push(`${added} finding${added === 1 ? ' new in this change is' : 's new in this change are'} suppressed by inline suppressions that come with the change itself: the suppression is part of what is reviewed here.`);
  }
  findings.sort(compareFindings);
  const verdict = decide(findings, errors, { failOn: options.failOn, failOnExisting: options.failOnExisting, reportOnly: options.reportOnly });
  return {
    verdict,
    policies,
    principals: head.principals,
    attachments: head.attachments,
    entities,
    findings,
    errors,
    stats: { filesScanned: files.length, filesWithPolicies: head.filesWithPolicies, durationMs: Math.round(performance.now() - started) },
    notes,
    scpImpacts,
    ...(cmp ? { base: cmp.info, accessDiff: cmp.accessDiff } : {}),
  };
}

/** Extract and check file texts (head or base version): pure apart from `repo` reads for includes. */
export async function analyzeTexts(texts: FileText[], options: Options, repo: RepoAccess): Promise<Analysis> {
  const displayPath = (repoRel: string) => toPosix(path.relative(options.cwd, path.join(options.root, repoRel))) || '.';
  const out: Analysis = { policies: [], principals: [], attachments: [], entities: [], findings: [], errors: [], filesWithPolicies: 0 };
  for (const f of texts) {
    const display = displayPath(f.rel);
    if (f.text.trim() === '') {
      if (f.explicit) out.errors.push({ file: display, message: 'the file is empty', kind: 'input' });
      continue;
    }
    const result = await extractFile({
      file: display,
      repoPath: f.rel,
      displayPath,
      text: f.text,
      options,
      explicit: f.explicit,
      readRepoFile: repo.read,
      listRepoFiles: repo.list,
    });
    if (!result) continue;
    if (result.policies.length) out.filesWithPolicies++;
    out.policies.push(...result.policies);
    out.entities.push(...result.entities);
    out.errors.push(...result.errors);
    out.findings.push(...result.findings);
  }
  // a plan of the same code wins over its .tf files (same policy not reported twice)
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
  out.findings.push(...runOfflineChecks(out.policies, out.entities, options));
  // principals and attachments: views over the records, for the report (never checked twice)
  out.principals = principalRecords(groupPrincipals(out.policies, out.entities));
  out.attachments = attachmentRecords(out.policies, out.entities, out.principals);
  return out;
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

function listedFiles(rels: string[], options: Options): { files: SourceFile[]; errors: AnalysisError[] } {
  const files: SourceFile[] = [];
  for (const rel of filterChangedPaths(rels, options)) files.push({ rel, abs: path.join(options.root, rel), explicit: false });
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
