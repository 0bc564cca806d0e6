/**
 * SCP change impact: base vs head of an SCP, over the whole action catalogue — which actions become denied or
 * allowed, grouped by service, for which targets (from the organisation model; otherwise for the SCP on its own
 * beside FullAWSAccess).
 */
import type { PolicyRecord } from '../../policy/types.js';
import type { Finding } from '../../findings/types.js';
import type { RuleMeta } from '../rules/types.js';
import { type ActionSet, type ActionUniverse, emptySet, members, union } from '../../engine/actions.js';
import { type ScpLevel, principalExemptions } from '../../engine/org.js';
import { type EvalStatement, compileStatements } from '../../engine/grants.js';
import { contextDiff } from './context-impact.js';
import type { ScpImpact, ScpTargetImpact } from '../../result.js';
import { FULL_AWS_ACCESS_DOCUMENT, attachmentsOf } from './org-model.js';
import type { ResolvedOrg } from './model.js';
import { byService, levelsFor, nodeLabel, scpFinding, stillAbleToAct } from './model.js';
import { DEFENSE_EVASION_ACTIONS, lowerSet } from '../least-privilege/risk-data.js';
import { accessLevelOf } from '../least-privilege/analysis.js';

const EVASION = lowerSet(DEFENSE_EVASION_ACTIONS);

/**
 * Of the actions a change newly allows, those an organisation guardrail exists to stop: switching logging and
 * detection off (the defense-evasion rule's data) and changing permissions (permissions management, reads aside).
 * A change that lifts them (an SCP deleted, detached, or its Deny removed) blocks; other impact stays a warning.
 */
export function liftedGuardrails(actions: readonly string[]): string[] {
  const evasion = actions.filter((a) => EVASION.has(a.toLowerCase()));
  return [...evasion, ...actions.filter((a) => !EVASION.has(a.toLowerCase()) && accessLevelOf(a) === 'Permissions management' && !/:(Describe|Get|List)/.test(a))];
}

export const changeImpactMeta: RuleMeta = {
  id: 'scp-change-impact',
  title: 'SCP change alters what the organisation can do',
  severity: 'warning',
  category: 'scp',
  description: 'A change to a service control policy changes the maximum permissions of every principal in every account below the points it is attached to. Actions it newly denies break workloads that use them; actions it newly allows remove a guardrail.',
  fix: 'Check the lists of newly denied and newly allowed actions in the summary against what the affected accounts run, and announce the change to their owners before merging.',
  examples: { bad: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'ec2:*', Resource: '*' }] }, good: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: ['ec2:DeleteVpc', 'ec2:DeleteSubnet'], Resource: '*' }] } },
};

export type { ServiceGroup, ContextImpact } from './context-impact.js';

export type { ScpImpact, ScpTargetImpact } from '../../result.js';


function standaloneLevels(u: ActionUniverse, doc: unknown, id: string): ScpLevel[] {
  const sts = compileStatements(u, doc, id, 'this SCP');
  const hasAllow = sts.some((s) => s.effect === 'Allow');
  // a Deny-only SCP is attached beside FullAWSAccess; an allow-list SCP stands on its own
  return [{ name: 'level', statements: hasAllow ? sts : [...sts, ...compileStatements(u, FULL_AWS_ACCESS_DOCUMENT, 'FullAWSAccess', 'FullAWSAccess')] }];
}

function diff(u: ActionUniverse, before: ScpLevel[], after: ScpLevel[], target: string, lifted: Set<string>, deniedAll: ActionSet): ScpTargetImpact {
  const cd = contextDiff(u, before, after);
  union(deniedAll, cd.denied);
  const d = members(u, cd.denied);
  const al = members(u, cd.allowed);
  // only actions a Deny singled out count as a lifted guardrail (not a Region or principal opening as a whole)
  for (const a of liftedGuardrails(members(u, cd.targeted))) lifted.add(a);
  return {
    target,
    newlyDenied: byService(d),
    newlyDeniedCount: d.length,
    newlyAllowed: byService(al),
    newlyAllowedCount: al.length,
    contexts: cd.contexts,
    ...(cd.unmodelled.length ? { unmodelledKeys: cd.unmodelled } : {}),
  };
}

/** Impact of one changed SCP record (`record.base` is the version before the change). */
export function scpImpact(u: ActionUniverse, record: PolicyRecord, org?: ResolvedOrg, scpNames: string[] = []): { impact: ScpImpact; findings: Finding[] } {
  const targets: ScpTargetImpact[] = [];
  const liftedSet = new Set<string>();
  const deniedAll = emptySet(u);
  const attached = org ? scpNames.flatMap((n) => attachmentsOf(org.model, n).map((node) => ({ n, node }))) : [];
  if (org && attached.length) {
    for (const { n, node } of attached) {
      const base = compileStatements(u, record.base, `${record.id}@base`, n);
      const head = compileStatements(u, record.document, record.id, n);
      targets.push(diff(u, levelsFor(org, node.id, { name: n, statements: base }), levelsFor(org, node.id, { name: n, statements: head }), node.kind === 'root' ? 'root (every account)' : nodeLabel(node), liftedSet, deniedAll));
    }
  } else {
    targets.push(diff(u, standaloneLevels(u, record.base, `${record.id}@base`), standaloneLevels(u, record.document, record.id), 'wherever it is attached', liftedSet, deniedAll));
  }
  const impact: ScpImpact = { policyId: record.id, policyType: record.policyType === 'rcp' ? 'rcp' : 'scp', file: record.file, line: record.line, resource: record.resource, targets };
  const findings: Finding[] = [];
  const lifted = [...liftedSet];
  const denied = targets.reduce((s, t) => s + t.newlyDeniedCount, 0);
  const allowed = targets.reduce((s, t) => s + t.newlyAllowedCount, 0);
  if (denied || allowed) {
    const t0 = targets.find((t) => t.newlyDeniedCount || t.newlyAllowedCount)!;
    const where = t0.target === 'wherever it is attached' ? `wherever the ${record.policyType === 'rcp' ? 'RCP' : 'SCP'} is attached` : `at ${t0.target}`;
    const totals = [t0.newlyDeniedCount ? `newly denies ${t0.newlyDeniedCount} actions` : '', t0.newlyAllowedCount ? `newly allows ${t0.newlyAllowedCount} actions` : ''].filter(Boolean).join(' and ');
    const shown = t0.contexts.slice(0, 3).map((c) => c.summary.replace(/^When /, 'when ').replace(/^For every request/, 'for every request'));
    const more = t0.contexts.length - shown.length + targets.length - 1;
    const guard = lifted.length ? ` It lifts a guardrail: ${lifted.slice(0, 5).join(', ')}${lifted.length > 5 ? ` and ${lifted.length - 5} more` : ''} (turning logging or detection off, changing permissions) become allowed.` : '';
    const who = denied ? ` ${whoCanStillAct(u, record, deniedAll, org?.model.managementAccount)}` : '';
    findings.push(scpFinding(changeImpactMeta, record, '/Statement', `This change ${totals} ${where}: ${shown.join('; ')}.${more > 0 ? ` (${more} more in the SCP impact section.)` : ''}${guard}${who}`, 'impact', lifted.length ? 'security-warning' : undefined, { targets }));
  }
  return { impact, findings };
}

/**
 * After a change that newly denies actions: the principal exemptions it removed, and who can still perform them (the
 * exemptions of the Denies that cover them, the management account, service-linked roles).
 */
function whoCanStillAct(u: ActionUniverse, record: PolicyRecord, denied: ActionSet, managementAccount?: string): string {
  const covering = (sts: EvalStatement[]) => sts.filter((s) => s.effect === 'Deny' && s.actions.some((x, i) => x === 1 && denied[i] === 1));
  const exemptions = (sts: EvalStatement[]) => [...new Set(covering(sts).flatMap((s) => principalExemptions(s.conditions)))];
  const headSts = compileStatements(u, record.document, record.id, 'head');
  // principals a Deny spares by a tag (StringNotEquals aws:PrincipalTag/admin "true"): named like an ARN exemption
  const tagged = covering(headSts).flatMap((s) =>
    s.conditions
      .filter((c) => /^(StringNotEquals|StringNotLike|StringNotEqualsIgnoreCase)(IfExists)?$/.test(c.operator) && /^aws:PrincipalTag\//i.test(c.key))
      .flatMap((c) => c.values.map((v) => `principals tagged ${c.key.slice('aws:PrincipalTag/'.length)}=${String(v.value)}`)),
  );
  const head = [...new Set([...exemptions(headSts), ...tagged])];
  const removed = exemptions(compileStatements(u, record.base, `${record.id}@base`, 'base')).filter((p) => !head.includes(p));
  const still = record.policyType === 'rcp'
    ? `Still able to act: ${head.length ? `${head.slice(0, 3).join(', ')}${head.length > 3 ? ', ...' : ''} (exempted by its condition), ` : ''}on the resources of the management account (RCPs do not apply to them) and service-linked roles (not restricted by RCPs).`
    : stillAbleToAct(head, managementAccount);
  return `${removed.length ? `No longer exempted: ${removed.join(', ')}. ` : ''}${still}`;
}
