/** The offline checks stage: extracted records in, findings out. Pure. */
import type { IamEntity, PolicyRecord } from '../policy/types.js';
import type { AnalysisError, Finding } from '../findings/types.js';
import type { SpotKeys } from '../findings/spots.js';
import { FileBudget } from './budget.js';
import { appendAll } from '../util/arrays.js';
import type { Options } from '../config/options.js';
import { rules } from './rules/index.js';
import { runRules } from './rules/run.js';

/**
 * `errors` receives one error per file over the per-file work or time budget (checks/budget.ts): not analysed, so
 * the verdict is incomplete. Callers that decide a verdict must pass it.
 */
export function runOfflineChecks(policies: PolicyRecord[], entities: IamEntity[], options: Options, errors?: AnalysisError[], spots?: SpotKeys): Finding[] {
  const budget = new FileBudget(options.fileWorkBudget, options.fileTimeBudgetMs);
  try {
    return whenLabels(sameSpotOnce(subsumeByAdmin(runRules(rules, { policies, entities, options, budget })), policies, spots), policies);
  } finally {
    if (errors) appendAll(errors, budget.errors());
  }
}

/**
 * Second views of the same text: a Terraform policy document data source is checked as its own record and inside
 * the resource that consumes it; a child template is checked on its own and as the nested stack of its parent. The
 * reader sees one finding per rule, place and message: the consumer's, the child's own. A second view keeps what
 * only it shows (a wildcard the parent passes in). `known`: the places of findings checked before (a run analysed
 * unit by unit: the child's own findings came with its own file); this call's places are added to it. Pure apart
 * from `known`.
 */
export function sameSpotOnce(findings: Finding[], policies: PolicyRecord[], known?: SpotKeys): Finding[] {
  const views = new Map(policies.filter((p) => p.resourceType === 'aws_iam_policy_document' || p.nestedIn !== undefined).map((p) => [p.id, p]));
  // the file second (findings/run-spots.ts fileOf reads it there to keep a file-by-file run's places)
  const spot = (f: Finding) => [f.ruleId, f.file, f.line, f.endLine, f.column ?? '', f.path ?? '', f.message].join('\u0000');
  if (!views.size) {
    if (known) for (const f of findings) known.add(spot(f));
    return findings;
  }
  const what = (policyId: string, f: Finding) => [policyId, f.ruleId, f.path ?? '', f.message].join('\u0000');
  const firsts = findings.filter((f) => !f.policyId || !views.has(f.policyId));
  const spots: SpotKeys = known ?? new Set<string>();
  for (const f of firsts) spots.add(spot(f));
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

/**
 * Findings on a record that may not exist or is one branch of a conditional document say so ("... (when
 * IsProd)"). The same finding on every version of one document is shown once, without the branch. Pure.
 */
export function whenLabels(findings: Finding[], policies: PolicyRecord[]): Finding[] {
  return branchLabels(assumed(findings, policies), policies);
}

/** A finding about a place whose value was assumed (unknown, analysed at its worst) says what was assumed. */
function assumed(findings: Finding[], policies: PolicyRecord[]): Finding[] {
  const byId = new Map(policies.filter((p) => p.assumptions?.length).map((p) => [p.id, p]));
  if (!byId.size) return findings;
  return findings.map((f) => {
    const rec = f.policyId ? byId.get(f.policyId) : undefined;
    const at = f.path ?? '';
    // the statement the finding is about: an assumed Resource or Principal changes what its actions reach
    // (risk rules only: a grammar finding such as INVALID_ACTION is about its own value)
    const stmt = /^[A-Z_]+$/.test(f.ruleId) ? undefined : /^\/Statement(\/\d+)?/.exec(at)?.[0];
    const hits = rec?.assumptions!.filter((a) => a.path === at || a.path.startsWith(`${at}/`) || at.startsWith(`${a.path}/`) || (stmt !== undefined && (a.path === stmt || a.path.startsWith(`${stmt}/`)))) ?? [];
    if (!hits.length || at === '') return f;
    return { ...f, message: `${f.message} (${[...new Set(hits.map((h) => h.text))].slice(0, 3).join('; ')})` };
  });
}

function branchLabels(findings: Finding[], policies: PolicyRecord[]): Finding[] {
  const byId = new Map(policies.filter((p) => p.when).map((p) => [p.id, p]));
  if (!byId.size) return findings;
  const baseOf = (id: string) => (id.includes('@when:') ? id.slice(0, id.indexOf('@when:')) : id);
  const versions = new Map<string, number>();
  for (const p of byId.values()) versions.set(baseOf(p.id), (versions.get(baseOf(p.id)) ?? 0) + 1);
  const groups = new Map<string, { first: Finding; at: number; whens: string[] }>();
  const out: Finding[] = [];
  for (const f of findings) {
    const rec = f.policyId ? byId.get(f.policyId) : undefined;
    if (!rec) {
      out.push(f);
      continue;
    }
    const k = [baseOf(rec.id), f.ruleId, f.path ?? '', f.message].join('\u0000');
    const g = groups.get(k);
    if (g) {
      if (!g.whens.includes(rec.when!)) g.whens.push(rec.when!);
      continue;
    }
    const entry = { first: f, at: out.length, whens: [rec.when!] };
    groups.set(k, entry);
    out.push(f);
  }
  for (const [k, g] of groups) {
    const base = k.slice(0, k.indexOf('\u0000'));
    const everyVersion = base !== g.first.policyId && g.whens.length >= (versions.get(base) ?? 0);
    if (everyVersion) continue;
    out[g.at] = { ...g.first, message: `${g.first.message} (${g.whens.slice(0, 3).join('; or ')}${g.whens.length > 3 ? '; ...' : ''})` };
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
