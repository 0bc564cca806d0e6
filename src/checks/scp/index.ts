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
  let model: OrgModel | undefined;
  try {
    model = parseOrgModel(options.organization);
  } catch (e) {
    if (!(e instanceof OrgModelError)) throw e;
    result.errors.push({ file: 'config', message: `organisation model: ${e.message}`, kind: 'config' });
  }
  let org: ResolvedOrg | undefined;
  if (model) {
    const byPath = new Map(policies.filter((p) => p.policyType === 'scp').map((p) => [repoPathOf(p), p]));
    const failed: string[] = [];
    org = resolveOrg(model, universe, (name, file): ScpDocument => {
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
    if (failed.length) org = undefined; // never evaluate a hierarchy with a missing guardrail
  }
  if (org) appendAll(result.findings, tooManyAttached(org));

  // RCPs: change impact only (as attached beside RCPFullAWSAccess); lock-out and region locks are SCP checks
  for (const rec of policies.filter((p) => p.policyType === 'rcp' && p.base !== undefined)) {
    const { impact, findings } = scpImpact(universe, rec);
    result.impacts.push(impact);
    appendAll(result.findings, findings);
  }
  const scpRecords = policies.filter((p) => p.policyType === 'scp');
  for (const rec of scpRecords) {
    appendAll(result.findings, checkRegionLock(universe, rec));
    appendAll(result.findings, checkLockout({ universe, record: rec, exemptPrincipals: model?.exemptPrincipals ?? [], pipelinePrincipals: model?.pipelinePrincipals ?? [] }));
    if (rec.base !== undefined) {
      const { impact, findings } = scpImpact(universe, rec, org, model ? scpNamesForFile(model, repoPathOf(rec)) : []);
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
