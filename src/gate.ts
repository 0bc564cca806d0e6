/**
 * runGate: the whole pipeline, top to bottom.
 *   files -> extract -> PolicyRecord[] -> checks -> Finding[] -> decide -> Verdict
 */
import path from 'node:path';
import type { Options } from './config/options.js';
import type { AnalysisError, Finding, Verdict } from './findings/types.js';
import { severityRank } from './findings/types.js';
import type { IamEntity, PolicyRecord } from './policy/types.js';
import { expandPaths, readRepoFile, listRepoDir, toPosix, ReadError } from './sources/files.js';
import { extractFile } from './extract/index.js';
import { dedupeHclAgainstPlan } from './extract/terraform/dedupe.js';
import { runOfflineChecks } from './checks/index.js';
import { decide } from './findings/verdict.js';

export interface GateResult {
  verdict: Verdict;
  policies: PolicyRecord[];
  entities: IamEntity[];
  findings: Finding[];
  errors: AnalysisError[];
  stats: { filesScanned: number; filesWithPolicies: number; durationMs: number };
  /** Notes for the reader (e.g. Access Analyzer skipped because no credentials). */
  notes: string[];
}

export async function runGate(paths: string[], options: Options): Promise<GateResult> {
  const started = performance.now();
  const notes: string[] = [];
  const displayPath = (repoRel: string) => toPosix(path.relative(options.cwd, path.join(options.root, repoRel))) || '.';

  // 1. sources: which files
  const { files, errors } = expandPaths(paths, options);

  // 2. extract
  const policies: PolicyRecord[] = [];
  const entities: IamEntity[] = [];
  const findings: Finding[] = [];
  let filesWithPolicies = 0;
  for (const f of files) {
    const display = displayPath(f.rel);
    let text: string;
    try {
      text = readRepoFile(options.root, f.rel, options.maxFileBytes);
    } catch (e) {
      errors.push({ file: display, message: e instanceof ReadError ? e.message : `cannot read: ${(e as Error).message}`, kind: 'input' });
      continue;
    }
    if (text.trim() === '') {
      if (f.explicit) errors.push({ file: display, message: 'the file is empty', kind: 'input' });
      continue;
    }
    const result = await extractFile({
      file: display,
      repoPath: f.rel,
      displayPath,
      text,
      options,
      explicit: f.explicit,
      readRepoFile: (rel) => readRepoFile(options.root, rel, options.maxFileBytes),
      listRepoFiles: (dir) => listRepoDir(options.root, dir),
    });
    if (!result) continue;
    if (result.policies.length) filesWithPolicies++;
    policies.push(...result.policies);
    entities.push(...result.entities);
    errors.push(...result.errors);
    findings.push(...result.findings);
  }

  // a plan of the same code wins over its .tf files (same policy not reported twice)
  const deduped = dedupeHclAgainstPlan(policies, entities);
  policies.splice(0, policies.length, ...deduped.policies);
  entities.splice(0, entities.length, ...deduped.entities);

  // 3. checks
  findings.push(...runOfflineChecks(policies, entities, options));

  // 4. decide
  findings.sort(compareFindings);
  const verdict = decide(findings, errors, { failOn: options.failOn, failOnExisting: options.failOnExisting });
  return {
    verdict,
    policies,
    entities,
    findings,
    errors,
    stats: { filesScanned: files.length, filesWithPolicies, durationMs: Math.round(performance.now() - started) },
    notes,
  };
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    severityRank(a.severity) - severityRank(b.severity) ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}
