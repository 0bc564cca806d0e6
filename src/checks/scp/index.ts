/**
 * The SCP stage: validate the organisation model, then lock-out risks and change impact for SCPs in the change, and
 * identity policies under the SCPs of the accounts they deploy to. Pure apart from `readScp`.
 */
import type { PolicyRecord } from '../../policy/types.js';
import type { AnalysisError, Finding } from '../../findings/types.js';
import type { Options } from '../../config/options.js';
import { type ActionUniverse } from '../../engine/actions.js';
import { OrgModelError, parseOrgModel, scpNamesForFile } from './org-model.js';
import type { OrgModel } from './org-model.js';
import { resolveOrg } from './model.js';
import type { ResolvedOrg, ScpDocument } from './model.js';
import { checkLockout } from './lockout.js';
import { scpImpact } from './impact.js';
import type { ScpImpact } from './impact.js';
import { checkWorkloads } from './workload.js';
import { tooManyAttached } from './attachments.js';

export type { ScpImpact } from './impact.js';
import { changeImpactMeta } from './impact.js';
import { lockoutMeta } from './lockout.js';
import { blocksWorkloadMeta, deadPermissionMeta, guardrailGapMeta } from './workload.js';
import { tooManyAttachedMeta } from './attachments.js';
import { checkRegionLock, regionLockMeta } from './region-lock.js';
import type { Rule } from '../rules/types.js';
import { appendAll } from '../../util/arrays.js';
import type { LiveOrganization } from './org-live/read.js';
import { liveNamesFor, liveOrgModel, unknownDeploymentTargets } from './org-live/model.js';
import type { OrgExtras } from './org-live/model.js';

/** The SCP stage's findings, as rule entries for documentation and SARIF metadata. */
export const scpRules: Rule[] = [lockoutMeta, regionLockMeta, changeImpactMeta, blocksWorkloadMeta, deadPermissionMeta, guardrailGapMeta, tooManyAttachedMeta].map((meta) => ({ meta }));

export interface ScpStageInput {
  policies: PolicyRecord[];
  options: Options;
  universe: ActionUniverse;
  /** Repository-relative path of a record's file (deployment globs and SCP paths are repo-relative). */
  repoPathOf: (r: PolicyRecord) => string;
  /** Reads and parses an SCP document at a repository path (not part of the scan). */
  readScp: (repoPath: string) => unknown;
  /** The organisation read live from AWS Organizations (used when the config's organization: has no tree). */
  live?: LiveOrganization;
}

export interface ScpStageResult {
  findings: Finding[];
  errors: AnalysisError[];
  notes: string[];
  impacts: ScpImpact[];
}

export function runScpStage(input: ScpStageInput): ScpStageResult {
  const { policies, options, universe, repoPathOf } = input;
  const result: ScpStageResult = { findings: [], errors: [], notes: [], impacts: [] };
  const { model, org, rcpOrg } = input.live ? liveOrgs(input, result) : configOrg(input, result);
  if (org) appendAll(result.findings, tooManyAttached(org));

  // RCPs: change impact only (as attached beside RCPFullAWSAccess); lock-out and region locks are SCP checks
  const namesOf = (m: OrgModel | undefined, rec: PolicyRecord): string[] =>
    !m ? [] : input.live ? liveNamesFor(m, input.live, rec, repoPathOf(rec)) : scpNamesForFile(m, repoPathOf(rec));
  for (const rec of policies.filter((p) => p.policyType === 'rcp' && p.base !== undefined)) {
    const { impact, findings } = scpImpact(universe, rec, rcpOrg, namesOf(rcpOrg?.model, rec));
    result.impacts.push(impact);
    appendAll(result.findings, findings);
  }
  const scpRecords = policies.filter((p) => p.policyType === 'scp');
  for (const rec of scpRecords) {
    appendAll(result.findings, scpRecordFindings(universe, rec, model));
    if (rec.base !== undefined) {
      const { impact, findings } = scpImpact(universe, rec, org, namesOf(org?.model, rec));
      result.impacts.push(impact);
      appendAll(result.findings, findings);
    }
  }
  if (org) {
    const w = checkWorkloads({ org, policies, repoPathOf });
    appendAll(result.findings, w.findings);
    if (w.untargeted) result.notes.push(`SCP checks: ${w.untargeted} identity ${w.untargeted === 1 ? 'policy has' : 'policies have'} no deployment target in organization.deployments and ${w.untargeted === 1 ? 'was' : 'were'} not simulated under the SCPs.`);
  } else if (options.organization === undefined && policies.some((p) => p.policyType === 'identity')) {
    result.notes.push('SCP simulation skipped: no organisation model in the config (organization:), so it is unknown which SCPs apply.');
  }
  return result;
}

/**
 * The checks of one SCP record on its own (region lock, lock-out), as the stage runs them for each SCP record. A
 * run with no organisation model (config or live) and no base version needs nothing else of an SCP record: a
 * file-by-file run checks each as it is analysed (stream-kept.ts) instead of keeping every record whole to the end.
 */
export function scpRecordFindings(universe: ActionUniverse, rec: PolicyRecord, model?: OrgModel): Finding[] {
  const out = checkRegionLock(universe, rec, model?.managementAccount);
  appendAll(out, checkLockout({ universe, record: rec, exemptPrincipals: model?.exemptPrincipals ?? [], pipelinePrincipals: model?.pipelinePrincipals ?? [], managementAccount: model?.managementAccount }));
  return out;
}

interface StageOrgs {
  model?: OrgModel;
  org?: ResolvedOrg;
  /** The RCPs of the live organisation, in the same shape (RCPFullAWSAccess in place of FullAWSAccess). */
  rcpOrg?: ResolvedOrg;
}

/** The organisation from the config's `organization:` (SCP documents read from the repository). */
function configOrg(input: ScpStageInput, result: ScpStageResult): StageOrgs {
  const { policies, options, universe, repoPathOf } = input;
  let model: OrgModel | undefined;
  try {
    model = parseOrgModel(options.organization);
  } catch (e) {
    if (!(e instanceof OrgModelError)) throw e;
    result.errors.push({ file: 'config', message: `organisation model: ${e.message}`, kind: 'config' });
  }
  if (!model) return {};
  const byPath = new Map(policies.filter((p) => p.policyType === 'scp').map((p) => [repoPathOf(p), p]));
  const failed: string[] = [];
  const org = resolveOrg(model, universe, (name, file): ScpDocument => {
    const record = byPath.get(file);
    if (record) return { name, file, document: record.document, record };
    try {
      return { name, file, document: input.readScp(file) };
    } catch (e) {
      failed.push(name);
      result.errors.push({ file, message: `SCP ${name} from the organisation model could not be read: ${(e as Error).message}`, kind: 'config' });
      return { name, file, document: { Version: '2012-10-17', Statement: [] } };
    }
  });
  // never evaluate a hierarchy with a missing guardrail
  return { model, ...(failed.length ? {} : { org }) };
}

/** The organisation read live; deployments and principals still come from the config's `organization:`, if any. */
function liveOrgs(input: ScpStageInput, result: ScpStageResult): StageOrgs {
  const live = input.live!;
  const cfg = (input.options.organization ?? {}) as OrgExtras;
  const extras: OrgExtras = { deployments: cfg.deployments, exemptPrincipals: cfg.exemptPrincipals, pipelinePrincipals: cfg.pipelinePrincipals, managementAccount: cfg.managementAccount };
  const unknown = unknownDeploymentTargets(live, extras);
  if (unknown.length) result.errors.push({ file: 'config', message: `organization.deployments names ${unknown.slice(0, 5).join(', ')}, not in the organisation read from AWS Organizations (root ${live.rootId})`, kind: 'config' });
  const resolve = (type: 'scp' | 'rcp'): { model: OrgModel; org: ResolvedOrg } => {
    const model = liveOrgModel(live, type, extras);
    const wanted = type === 'scp' ? 'SERVICE_CONTROL_POLICY' : 'RESOURCE_CONTROL_POLICY';
    const docs = new Map([...live.policies.values()].filter((p) => p.type === wanted).map((p) => [p.name, p.document]));
    // a live policy this change edits is evaluated as the change leaves it (as the config model reads the head file)
    const edited = new Map<string, PolicyRecord>();
    for (const rec of input.policies.filter((p) => p.policyType === type)) for (const n of liveNamesFor(model, live, rec, input.repoPathOf(rec))) edited.set(n, rec);
    const org = resolveOrg(model, input.universe, (name, file): ScpDocument => {
      const record = edited.get(name);
      return record ? { name, file, document: record.document, record } : { name, file, document: docs.get(name) ?? { Version: '2012-10-17', Statement: [] } };
    });
    return { model, org };
  };
  const scp = resolve('scp');
  const rcp = live.enabledTypes.includes('RESOURCE_CONTROL_POLICY') ? resolve('rcp') : undefined;
  // an SCP named in both types would be ambiguous by name: the live model keys policies by name within a type
  return { model: scp.model, ...(live.enabledTypes.includes('SERVICE_CONTROL_POLICY') ? { org: scp.org } : {}), ...(rcp ? { rcpOrg: rcp.org } : {}) };
}
