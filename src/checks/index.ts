/** The offline checks stage: extracted records in, findings out. Pure. */
import type { IamEntity, PolicyRecord } from '../policy/types.js';
import type { Finding } from '../findings/types.js';
import type { Options } from '../config/options.js';
import { rules } from './rules/index.js';
import { runRules } from './rules/run.js';

export function runOfflineChecks(policies: PolicyRecord[], entities: IamEntity[], options: Options): Finding[] {
  return sameSpotOnce(subsumeByAdmin(runRules(rules, { policies, entities, options })), policies);
}

/**
 * A Terraform policy document data source reaches the checks twice: as its own record and inside the resource
 * that consumes it. The reader sees the consumer's finding only; the data source's own findings stay when nothing
 * consumes it (or the consumer's differ). Pure.
 */
export function sameSpotOnce(findings: Finding[], policies: PolicyRecord[]): Finding[] {
  const dataSources = new Map(policies.filter((p) => p.resourceType === 'aws_iam_policy_document').map((p) => [p.id, p]));
  if (!dataSources.size) return findings;
  const spot = (f: Finding) => [f.ruleId, f.file, f.line, f.endLine, f.column ?? '', f.path ?? '', f.message].join('\u0000');
  const what = (policyId: string, f: Finding) => [policyId, f.ruleId, f.path ?? '', f.message].join('\u0000');
  const others = findings.filter((f) => !f.policyId || !dataSources.has(f.policyId));
  const spots = new Set(others.map(spot));
  const whats = new Set(others.filter((f) => f.policyId).map((f) => what(f.policyId!, f)));
  return findings.filter((f) => {
    const ds = f.policyId ? dataSources.get(f.policyId) : undefined;
    if (!ds) return true;
    if (spots.has(spot(f))) return false;
    return !(ds.consumers ?? []).some((c) => whats.has(what(c, f)));
  });
}

/** Findings that say a part of what "full administrator access" already says, about the same statement. */
const SUBSUMED_BY_ADMIN = new Set([
  'service-wildcard', 'write-on-all-resources', 'data-exfiltration', 'credentials-exposure', 'resource-exposure',
  'infrastructure-modification', 'defense-evasion', 'passrole-unrestricted', 'allow-not-action', 'PASS_ROLE_WITH_STAR_IN_RESOURCE',
]);

/**
 * One statement granting everything gets one finding (admin-wildcard), not one per risk category it implies;
 * a privilege-escalation finding whose every contributing statement is such a statement goes too. Pure.
 */
export function subsumeByAdmin(findings: Finding[]): Finding[] {
  const admin = new Set(
    findings.filter((f) => f.ruleId === 'admin-wildcard' && f.path).map((f) => `${f.policyId}${/^\/Statement(\/\d+)?/.exec(f.path!)?.[0] ?? ''}`),
  );
  if (!admin.size) return findings;
  const statementOf = (f: Finding) => `${f.policyId}${/^\/Statement(\/\d+)?/.exec(f.path ?? '')?.[0] ?? ''}`;
  return findings.filter((f) => {
    if (SUBSUMED_BY_ADMIN.has(f.ruleId) && admin.has(statementOf(f))) return false;
    if (f.ruleId === 'privilege-escalation') {
      const contrib = (f.details?.contributingStatements as string[] | undefined) ?? [];
      if (contrib.length && contrib.every((s) => admin.has(s))) return false;
    }
    return true;
  });
}

/** Every rule with documentation: the offline rules and the SCP stage's checks. */
export { scpRules } from './scp/index.js';
