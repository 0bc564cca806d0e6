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
import { runAccessAnalyzerStage } from './checks/access-analyzer/index.js';
import { decide } from './findings/verdict.js';
import { runScpStage } from './checks/scp/index.js';
import type { ScpImpact } from './checks/scp/index.js';
import { catalogUniverse } from './engine/evaluate.js';
import { rawExtractor } from './extract/raw.js';
import { applySuppressions } from './findings/suppressions.js';

export interface GateResult {
  verdict: Verdict;
  policies: PolicyRecord[];
  entities: IamEntity[];
  findings: Finding[];
  errors: AnalysisError[];
  stats: { filesScanned: number; filesWithPolicies: number; durationMs: number };
  /** Notes for the reader (e.g. Access Analyzer skipped because no credentials). */
  notes: string[];
  /** What changed SCPs do to the organisation (base vs head). */
  scpImpacts: ScpImpact[];
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

  // 3b. IAM Access Analyzer (online; only when enabled): merged with the offline findings
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

  // 4. per-rule settings and suppressions (config `ignore`, inline), then decide
  const applied = applySuppressions(findings, {
    policies,
    entities,
    options,
    scannedFiles: files.map((f) => displayPath(f.rel)),
    accessAnalyzerRan: options.accessAnalyzer === 'on' || findings.some((f) => f.source === 'access-analyzer'),
  });
  findings.length = 0;
  for (const f of applied) findings.push(f);
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
    scpImpacts,
  };
}

/** An SCP named by the organisation model but not part of the scan: read and parse it (contained). */
function readScpDocument(rel: string, options: Options): unknown {
  const text = readRepoFile(options.root, rel, options.maxFileBytes);
  const r = rawExtractor.extract({ file: rel, repoPath: rel, displayPath: (p) => p, text, options, explicit: true, readRepoFile: () => '' });
  if ('then' in r) throw new Error('unexpected async extraction');
  if (r.errors.length) throw new Error(r.errors[0]!.message);
  return r.policies[0]?.document;
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.line - b.line ||
    severityRank(a.severity) - severityRank(b.severity) ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0)
  );
}
