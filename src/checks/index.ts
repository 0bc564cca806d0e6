/** The offline checks stage: extracted records in, findings out. Pure. */
import type { IamEntity, PolicyRecord } from '../policy/types.js';
import type { Finding } from '../findings/types.js';
import type { Options } from '../config/options.js';
import { rules } from './rules/index.js';
import { runRules } from './rules/run.js';
import { clearGrantCache } from './lp/analysis.js';

export function runOfflineChecks(policies: PolicyRecord[], entities: IamEntity[], options: Options): Finding[] {
  try {
    return explainAssumptions(sameSpotOnce(subsumeByAdmin(runRules(rules, { policies, entities, options })), policies), policies);
  } finally {
    clearGrantCache(); // the expanded grants are large; the report does not need them
  }
}

/**
 * A finding on a value the extractor could not know and analysed as its worst case (or on one branch of a
 * conditional, or under a var file) says so: the assumptions of its record on the same statement are appended.
 */
export function explainAssumptions(findings: Finding[], policies: PolicyRecord[]): Finding[] {
  const byId = new Map(policies.filter((p) => p.assumptions?.length).map((p) => [p.id, p.assumptions!]));
  if (!byId.size) return findings;
  const statementOf = (ptr: string) => /^\/Statement(\/\d+)?/.exec(ptr)?.[0] ?? '';
  return findings.map((f) => {
    const list = f.policyId ? byId.get(f.policyId) : undefined;
    if (!list) return f;
    const at = statementOf(f.path ?? '');
    const hits = list.filter((a) => a.path === '' || !at || statementOf(a.path) === at);
    if (!hits.length) return f;
    const texts = [...new Set(hits.map((a) => a.text.replace(/\s+/g, ' ')))];
    return { ...f, message: `${f.message} (Assumed: ${texts.join('; ')}.)` };
  });
}

/**
 * Second views of the same text: a Terraform policy document data source is checked as its own record and inside
 * the resource that consumes it; a child template is checked on its own and as the nested stack of its parent. The
 * reader sees one finding per rule, place and message: the consumer's, the child's own. A second view keeps what
 * only it shows (a wildcard the parent passes in). Pure.
 */
export function sameSpotOnce(findings: Finding[], policies: PolicyRecord[]): Finding[] {
  const views = new Map(policies.filter((p) => p.resourceType === 'aws_iam_policy_document' || p.nestedIn !== undefined).map((p) => [p.id, p]));
  if (!views.size) return findings;
  const spot = (f: Finding) => [f.ruleId, f.file, f.line, f.endLine, f.column ?? '', f.path ?? '', f.message].join('\u0000');
  const what = (policyId: string, f: Finding) => [policyId, f.ruleId, f.path ?? '', f.message].join('\u0000');
  const firsts = findings.filter((f) => !f.policyId || !views.has(f.policyId));
  const spots = new Set(firsts.map(spot));
  const whats = new Set(firsts.filter((f) => f.policyId).map((f) => what(f.policyId!, f)));
  const out: Finding[] = [];
  for (const f of findings) {
    const view = f.policyId ? views.get(f.policyId) : undefined;
    if (!view) {
      out.push(f);
      continue;
    }
    const k = spot(f);
    if (spots.has(k)) continue;
    if ((view.consumers ?? []).some((c) => whats.has(what(c, f)))) continue;
    spots.add(k); // two nestings of one child with the same result: once
    // say where the difference comes from: the parameters the parent stack passes
    out.push(view.nestedIn ? { ...f, message: `${f.message} (with the parameters nested stack ${view.nestedIn} passes)` } : f);
  }
  return out;
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
