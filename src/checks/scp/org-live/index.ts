/**
 * The live organisation as the gate runs it: decide whether it is read (on, no tree in the config, something in the
 * scan needs it), read it once with the real client, and say which source the SCP checks used. A read that was
 * needed and failed is an error (verdict incomplete), never a silent fall-back to "no organisation".
 */
import type { AnalysisError } from '../../../findings/types.js';
import type { Options } from '../../../config/options.js';
import type { PolicyRecord } from '../../../policy/types.js';
import { cacheFor } from '../../access-analyzer/cache.js';
import type { ResultCache } from '../../access-analyzer/cache.js';
import { detectCredentials } from '../../access-analyzer/client.js';
import { createOrgApi } from './client.js';
import type { OrgApi } from './client.js';
import { DEFAULT_LIMITS, LiveOrgError, readOrganization } from './read.js';
import type { LiveOrganization, ReadLimits } from './read.js';
import { configHasTree } from './model.js';

export { REQUIRED_ORG_PERMISSIONS, readOrganization, LiveOrgError, DEFAULT_LIMITS } from './read.js';
export type { LiveOrganization, ReadLimits } from './read.js';
export { createOrgApi } from './client.js';
export type { OrgApi } from './client.js';
export { liveOrgModel, liveNamesFor, configHasTree, unknownDeploymentTargets } from './model.js';

/** Organizations is global: its endpoint is in the partition's first region. */
export function organizationsRegion(partition: string): string {
  return partition === 'aws-us-gov' ? 'us-gov-west-1' : partition === 'aws-cn' ? 'cn-northwest-1' : 'us-east-1';
}

/** Does anything in the scan depend on the organisation? SCP/RCP records, or identity policies with deployments. */
export function organisationNeeded(policies: readonly PolicyRecord[], options: Options): boolean {
  if (policies.some((p) => p.policyType === 'scp' || p.policyType === 'rcp')) return true;
  const deployments = (options.organization as { deployments?: Record<string, unknown> } | undefined)?.deployments;
  return !!deployments && Object.keys(deployments).length > 0 && policies.some((p) => p.policyType === 'identity');
}

export interface LiveStageInput {
  options: Options;
  policies: readonly PolicyRecord[];
  /** Injected client / cache / limits (tests, benchmarks); built from the options otherwise. */
  api?: OrgApi;
  cache?: ResultCache;
  limits?: Partial<ReadLimits>;
  env?: NodeJS.ProcessEnv;
}

export interface LiveStageResult {
  live?: LiveOrganization;
  errors: AnalysisError[];
  notes: string[];
}

export async function readLiveOrganization(input: LiveStageInput): Promise<LiveStageResult> {
  const { options } = input;
  if (!options.organizationLive) return { errors: [], notes: [] };
  if (configHasTree(options.organization))
    return { errors: [], notes: ['Organisation: from the config (organization:); organization-live was on but the config describes the tree, so AWS Organizations was not read.'] };
  if (!organisationNeeded(input.policies, options)) return { errors: [], notes: ['Organisation: not read from AWS Organizations (nothing in this scan depends on it).'] };
  const settings = { region: organizationsRegion(options.partition), ...(options.organizationEndpoint ? { endpoint: options.organizationEndpoint } : {}) };
  const fail = (why: string): LiveStageResult => ({
    errors: [{ file: '.', message: `The organisation could not be read from AWS Organizations: ${why}. The SCP/RCP checks that need it are incomplete.`, kind: 'organizations' }],
    notes: [],
  });
  if (!input.api) {
    const creds = await detectCredentials(settings);
    if (!creds.ok) return fail(`organization-live is on but no AWS credentials resolved (${creds.reason})`);
  }
  const api = input.api ?? createOrgApi(settings);
  try {
    const live = await readOrganization(api, { ...DEFAULT_LIMITS, ...input.limits }, input.cache ?? cacheFor(options.aa.cacheDir, options.root, input.env ?? process.env, 'organizations'));
    const count = (k: string) => live.nodes.filter((n) => n.kind === k).length;
    const policies = [...live.policies.values()];
    const s = live.stats;
    return {
      live,
      errors: [],
      notes: [
        `Organisation: read live from AWS Organizations (root ${live.rootId}: ${count('ou')} OUs, ${count('account')} accounts, ${policies.filter((p) => p.type === 'SERVICE_CONTROL_POLICY').length} SCPs, ${policies.filter((p) => p.type === 'RESOURCE_CONTROL_POLICY').length} RCPs; ${s.calls} call${s.calls === 1 ? '' : 's'}, ${s.cached} cached${s.throttled ? `, ${s.throttled} throttled and retried` : ''}).`,
      ],
    };
  } catch (e) {
    if (!(e instanceof LiveOrgError)) throw e;
    return fail(e.message);
  } finally {
    if (!input.api && 'destroy' in api) (api as { destroy(): void }).destroy();
  }
}
