/**
 * The Access Analyzer stage: for every record, ValidatePolicy plus the three custom checks (record-checks.ts),
 * deduplicated within the run, cached across runs, under a concurrency cap with adaptive backoff, and a cap on
 * billed calls (requester.ts). Every call that finally fails leaves the record listed as not analysed.
 */
import type { PolicyRecord } from '../../policy/types.js';
import type { AnalysisError, Finding } from '../../findings/types.js';
import type { Options } from '../../config/options.js';
import type { AaApi } from './client.js';
import type { SchedulerSettings } from './scheduler.js';
import type { ResultCache } from './cache.js';
import { DEFAULT_SENSITIVE_ACTIONS } from './sensitive-actions.js';
import { AaRequester, type AaStats } from './requester.js';
import { checkRecord, type RecordOutcome, type RunSetting } from './record-checks.js';
import { appendAll } from '../../util/arrays.js';

export { MAX_POLICY_CHARS } from './record-checks.js';
export { BILLED, type AaStats, type Operation } from './requester.js';

/** CheckAccessNotGranted: at most 100 actions and 100 resources per access entry. */
export const ACCESS_BATCH = 100;

export interface AaRunInput {
  policies: PolicyRecord[];
  options: Options;
  api: AaApi;
  cache: ResultCache;
  region: string;
  /** Reads a repository file (reference policies); contained to the repository root. */
  readRepoFile?: (repoRelative: string) => string;
  scheduler?: Partial<SchedulerSettings>;
}

export interface AaRunResult {
  findings: Finding[];
  /** Records (and config) that could not be analysed. */
  errors: AnalysisError[];
  notes: string[];
  stats: AaStats;
}

/** The exact permissions the CI role needs for the enabled checks. */
export function requiredPermissions(options: Options): string[] {
  return [
    'access-analyzer:ValidatePolicy',
    ...(options.aa.checkNoNewAccess ? ['access-analyzer:CheckNoNewAccess'] : []),
    ...(options.aa.checkAccessNotGranted ? ['access-analyzer:CheckAccessNotGranted'] : []),
    ...(options.aa.checkNoPublicAccess ? ['access-analyzer:CheckNoPublicAccess'] : []),
  ];
}

export const LOCALES = ['DE', 'EN', 'ES', 'FR', 'IT', 'JA', 'KO', 'PT_BR', 'ZH_CN', 'ZH_TW'] as const;

/** `pt-BR`, `ja`, `ZH_TW` -> Access Analyzer's Locale enum value, or undefined when it has none. */
export function normaliseLocale(locale: string): string | undefined {
  const l = locale.trim().toUpperCase().replace(/-/g, '_');
  return (LOCALES as readonly string[]).includes(l) ? l : undefined;
}

function chunk<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

/** Access entries for CheckAccessNotGranted: ≤100 actions × ≤100 resources each (the cross product of chunks). */
export function accessBatches(actions: readonly string[], resources: readonly string[]): { actions?: string[]; resources?: string[] }[] {
  const a = chunk([...new Set(actions)], ACCESS_BATCH);
  const r = chunk([...new Set(resources)], ACCESS_BATCH);
  if (!a.length) return r.map((resources) => ({ resources }));
  if (!r.length) return a.map((actions) => ({ actions }));
  return a.flatMap((actions) => r.map((resources) => ({ actions, resources })));
}

export async function runAccessAnalyzerChecks(input: AaRunInput): Promise<AaRunResult> {
  const { policies, options } = input;
  const findings: Finding[] = [];
  const errors: AnalysisError[] = [];
  const notes: string[] = [];
  const aa = new AaRequester(input.api, input.cache, input.region, options.aa.maxBilledCalls, policies.length, { concurrency: options.aa.concurrency, ...input.scheduler });
  const references = readReferences(input, errors);
  let locale: string | undefined;
  if (options.aa.locale) {
    locale = normaliseLocale(options.aa.locale);
    if (!locale) notes.push(`Access Analyzer locale "${options.aa.locale}" is not one of ${LOCALES.join(', ')}; findings are in English.`);
  }
  const sensitiveActions = options.sensitiveActions.length ? options.sensitiveActions : DEFAULT_SENSITIVE_ACTIONS;
  const run: RunSetting = { options, aa, references, locale, batches: accessBatches(sensitiveActions, options.sensitiveResources), permissions: requiredPermissions(options) };
  const results = await Promise.all(policies.map((record) => checkRecord(record, run)));
  results.forEach((r, i) => {
    appendAll(findings, r.findings);
    recordProblems(policies[i]!, r, options, errors, notes);
  });
  return { findings, errors, notes, stats: aa.finish() };
}

/** Reference policies from the config for CheckNoNewAccess, read once (in a pull request: from the base commit). */
function readReferences(input: AaRunInput, errors: AnalysisError[]): RunSetting['references'] {
  const { options } = input;
  const references: RunSetting['references'] = {};
  if (!options.aa.checkNoNewAccess) return references;
  for (const [kind, rel] of [
    ['IDENTITY_POLICY', options.referencePolicies.identity],
    ['RESOURCE_POLICY', options.referencePolicies.resource],
  ] as const) {
    if (!rel) continue;
    try {
      // in a pull request the reference comes from the base commit (config/trusted.ts), never from the PR
      const trusted = options.trustedConfigFiles;
      let text: string;
      if (trusted) {
        const t = trusted[rel];
        if (t === undefined || t === null) throw new Error('the file does not exist at the base commit');
        text = t;
      } else if (input.readRepoFile) text = input.readRepoFile(rel);
      else throw new Error('no repository reader');
      references[kind] = JSON.stringify(JSON.parse(text));
    } catch (e) {
      errors.push({ file: rel, message: `reference policy for CheckNoNewAccess cannot be used: ${(e as Error).message}`, kind: 'config' });
    }
  }
  return references;
}

/** A record's failed and capped checks: analysis errors (the verdict is incomplete), or notes with allow-failures. */
function recordProblems(record: PolicyRecord, r: RecordOutcome, options: Options, errors: AnalysisError[], notes: string[]): void {
  const problems = [...r.problems];
  if (r.capped.length)
    problems.push(
      `not checked by IAM Access Analyzer (${r.capped.join(', ')}): the per-run cap of ${options.aa.maxBilledCalls} billed calls was reached; raise access-analyzer.max-billed-calls or narrow the scan.`,
    );
  for (const message of problems) {
    const e: AnalysisError = { file: record.file, line: record.line, message: `${record.resource}: ${message}`, kind: 'access-analyzer', policyId: record.id };
    if (options.aa.allowFailures && !message.startsWith('not checked')) notes.push(`${e.file}:${e.line}: ${e.message} (ignored: allow failures is set)`);
    else errors.push(e);
  }
}
