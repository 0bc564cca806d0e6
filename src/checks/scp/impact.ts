/**
 * SCP change impact: base vs head of an SCP, over the whole action catalogue — which actions become denied or
 * allowed, grouped by service, for which targets (from the organisation model; otherwise for the SCP on its own
 * beside FullAWSAccess).
 */
import type { PolicyRecord } from '../../policy/types.js';
import type { Finding } from '../../findings/types.js';
import type { RuleMeta } from '../rules/types.js';
import type { ActionUniverse, ScpLevel } from '../../engine/evaluate.js';
import { compileStatements, evaluateHierarchy, members } from '../../engine/evaluate.js';
import { FULL_AWS_ACCESS_DOCUMENT, attachmentsOf } from './org-model.js';
import type { ResolvedOrg } from './model.js';
import { byService, levelsFor, nodeLabel, scpFinding } from './model.js';
import { DEFENSE_EVASION_ACTIONS, lowerSet } from '../lp/risk-data.js';
import { accessLevelOf } from '../lp/analysis.js';

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

export interface ServiceGroup {
  service: string;
  count: number;
  examples: string[];
}

export interface ScpTargetImpact {
  /** Account id / OU / 'as attached beside FullAWSAccess' when no organisation model names it. */
  target: string;
  newlyDenied: ServiceGroup[];
  newlyDeniedCount: number;
  newlyAllowed: ServiceGroup[];
  newlyAllowedCount: number;
}

export interface ScpImpact {
  policyId: string;
  file: string;
  line: number;
  resource: string;
  targets: ScpTargetImpact[];
}

function standaloneLevels(u: ActionUniverse, doc: unknown, id: string): ScpLevel[] {
  const sts = compileStatements(u, doc, id, 'this SCP');
  const hasAllow = sts.some((s) => s.effect === 'Allow');
  // a Deny-only SCP is attached beside FullAWSAccess; an allow-list SCP stands on its own
  return [{ name: 'level', statements: hasAllow ? sts : [...sts, ...compileStatements(u, FULL_AWS_ACCESS_DOCUMENT, 'FullAWSAccess', 'FullAWSAccess')] }];
}

function diff(u: ActionUniverse, before: ScpLevel[], after: ScpLevel[], target: string, lifted: Set<string>): ScpTargetImpact {
  const b = evaluateHierarchy(u, before);
  const a = evaluateHierarchy(u, after);
  const denied = new Uint8Array(u.actions.length);
  const allowed = new Uint8Array(u.actions.length);
  for (let i = 0; i < denied.length; i++) {
    denied[i] = b.allowed[i]! & (a.allowed[i]! ^ 1);
    allowed[i] = a.allowed[i]! & (b.allowed[i]! ^ 1);
  }
  const d = members(u, denied);
  const al = members(u, allowed);
  for (const a of liftedGuardrails(al)) lifted.add(a);
  return { target, newlyDenied: byService(d), newlyDeniedCount: d.length, newlyAllowed: byService(al), newlyAllowedCount: al.length };
}

/** Impact of one changed SCP record (`record.base` is the version before the change). */
export function scpImpact(u: ActionUniverse, record: PolicyRecord, org?: ResolvedOrg, scpNames: string[] = []): { impact: ScpImpact; findings: Finding[] } {
  const targets: ScpTargetImpact[] = [];
  const liftedSet = new Set<string>();
  const attached = org ? scpNames.flatMap((n) => attachmentsOf(org.model, n).map((node) => ({ n, node }))) : [];
  if (org && attached.length) {
    for (const { n, node } of attached) {
      const base = compileStatements(u, record.base, `${record.id}@base`, n);
      const head = compileStatements(u, record.document, record.id, n);
      targets.push(diff(u, levelsFor(org, node.id, { name: n, statements: base }), levelsFor(org, node.id, { name: n, statements: head }), node.kind === 'root' ? 'root (every account)' : nodeLabel(node), liftedSet));
    }
  } else {
    targets.push(diff(u, standaloneLevels(u, record.base, `${record.id}@base`), standaloneLevels(u, record.document, record.id), 'wherever it is attached', liftedSet));
  }
  const impact: ScpImpact = { policyId: record.id, file: record.file, line: record.line, resource: record.resource, targets };
  const findings: Finding[] = [];
  const lifted = [...liftedSet];
  const denied = targets.reduce((s, t) => s + t.newlyDeniedCount, 0);
  const allowed = targets.reduce((s, t) => s + t.newlyAllowedCount, 0);
  if (denied || allowed) {
    const t0 = targets.find((t) => t.newlyDeniedCount || t.newlyAllowedCount)!;
    const parts = [
      t0.newlyDeniedCount ? `newly denies ${t0.newlyDeniedCount} actions (${t0.newlyDenied.slice(0, 4).map((g) => `${g.service} ${g.count}`).join(', ')})` : '',
      t0.newlyAllowedCount ? `newly allows ${t0.newlyAllowedCount} actions (${t0.newlyAllowed.slice(0, 4).map((g) => `${g.service} ${g.count}`).join(', ')})` : '',
    ].filter(Boolean);
    const guard = lifted.length ? ` It lifts a guardrail: ${lifted.slice(0, 5).join(', ')}${lifted.length > 5 ? ` and ${lifted.length - 5} more` : ''} (turning logging or detection off, changing permissions) become allowed.` : '';
    findings.push(scpFinding(changeImpactMeta, record, '/Statement', `This change ${parts.join(' and ')} ${t0.target === 'wherever it is attached' ? 'wherever the SCP is attached' : `at ${t0.target}`}${targets.length > 1 ? ` (and ${targets.length - 1} more targets; see the SCP impact section)` : ''}.${guard}`, 'impact', lifted.length ? 'security-warning' : undefined, { targets }));
  }
  return { impact, findings };
}
