/**
 * The Access Analyzer stage as the gate runs it: decide whether it runs (`on` / `auto` with credentials / `off`),
 * build the client, run the checks, merge with the offline findings.
 */
import type { PolicyRecord } from '../../policy/types.js';
import type { AnalysisError, Finding } from '../../findings/types.js';
import type { Options } from '../../config/options.js';
import { createAaApi, detectCredentials, resolveRegion } from './client.js';
import type { AaApi, ClientSettings } from './client.js';
import { cacheFor, DirCache } from './cache.js';
import type { ResultCache } from './cache.js';
import { runAccessAnalyzerChecks, requiredPermissions } from './analyze.js';
import type { AaStats } from './analyze.js';
import { mergeWithOffline } from './findings.js';

export { runAccessAnalyzerChecks, requiredPermissions, accessBatches, MAX_POLICY_CHARS, ACCESS_BATCH } from './analyze.js';
export type { AaStats, AaRunInput, AaRunResult } from './analyze.js';
export { createAaApi, detectCredentials, resolveRegion } from './client.js';
export type { AaApi } from './client.js';
export { cacheFor, cacheDirFor, DirCache, noCache, requestKey } from './cache.js';
export { mergeWithOffline } from './findings.js';
export { DEFAULT_SENSITIVE_ACTIONS } from './sensitive-actions.js';

/**
 * Give each current record the document of the base record with the same id (base branch, or the plan's `before`),
 * for CheckNoNewAccess. A record that already has a base keeps it; a record new in this change gets none.
 */
export function attachBases(current: PolicyRecord[], base: PolicyRecord[]): void {
  const byId = new Map(base.map((r) => [r.id, r.document]));
  for (const r of current) if (r.base === undefined && byId.has(r.id)) r.base = byId.get(r.id);
}

export function clientSettings(options: Options): ClientSettings {
  return { region: resolveRegion(options.aa.region, options.region), ...(options.aa.endpoint ? { endpoint: options.aa.endpoint } : {}) };
}

/** For `--access-analyzer on`: a usage error naming what is missing, or undefined when credentials resolve. */
export async function credentialsProblem(options: Options): Promise<string | undefined> {
  const r = await detectCredentials(clientSettings(options));
  if (r.ok) return undefined;
  return (
    `--access-analyzer on needs AWS credentials, and none resolved (${r.reason}). Set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, ` +
    `AWS_PROFILE, or use aws-actions/configure-aws-credentials with OIDC; the role needs ${requiredPermissions(options).join(', ')}. ` +
    'Use --access-analyzer auto to run the offline checks only when there are none.'
  );
}

export interface AaStageInput {
  policies: PolicyRecord[];
  /** The offline findings, merged with Access Analyzer's (one finding per code and location). */
  offline: Finding[];
  options: Options;
  readRepoFile?: (repoRelative: string) => string;
  /** Injected client/cache (benchmarks); built from the options otherwise. */
  api?: AaApi;
  cache?: ResultCache;
}

export interface AaStageResult {
  ran: boolean;
  findings: Finding[];
  errors: AnalysisError[];
  notes: string[];
  stats?: AaStats;
}

export async function runAccessAnalyzerStage(input: AaStageInput): Promise<AaStageResult> {
  const { options, offline, policies } = input;
  const mode = options.accessAnalyzer;
  if (mode === 'off') return { ran: false, findings: offline, errors: [], notes: [] };
  if (!policies.length) return { ran: false, findings: offline, errors: [], notes: [] };
  const settings = clientSettings(options);
  if (!input.api) {
    const creds = await detectCredentials(settings);
    if (!creds.ok) {
      if (mode === 'auto')
        return { ran: false, findings: offline, errors: [], notes: [`IAM Access Analyzer was skipped: no AWS credentials (${creds.reason}); the offline checks ran.`] };
      return {
        ran: false,
        findings: offline,
        errors: [{ file: '.', message: `IAM Access Analyzer is on but no AWS credentials resolved (${creds.reason}).`, kind: 'access-analyzer' }],
        notes: [],
      };
    }
  }
  const cache = input.cache ?? cacheFor(options.aa.cacheDir, options.root);
  const r = await runAccessAnalyzerChecks({
    policies,
    options,
    api: input.api ?? createAaApi(settings),
    cache,
    region: settings.region,
    readRepoFile: input.readRepoFile,
  });
  const s = r.stats;
  const calls = Object.values(s.calls).reduce((a, b) => a + b, 0);
  const notes = [
    ...r.notes,
    `IAM Access Analyzer (${settings.region}): ${s.records} polic${s.records === 1 ? 'y' : 'ies'}, ${calls} call${calls === 1 ? '' : 's'} (${s.billedCalls} billed), ${s.cacheHits} cached, ${s.deduped} deduplicated${s.throttled ? `, ${s.throttled} throttled and retried` : ''}.`,
  ];
  if (cache instanceof DirCache && cache.writeError) notes.push(`The Access Analyzer result cache could not be written (${cache.writeError}).`);
  return { ran: true, findings: mergeWithOffline(offline, r.findings), errors: r.errors, notes, stats: s };
}
