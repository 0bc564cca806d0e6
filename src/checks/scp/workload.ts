/**
 * Identity policies under the organisation's SCPs: grants that the SCPs deny anyway (dead permissions), actions a
 * workload names explicitly that an SCP denies (the deployment will fail at run time), and protective actions a
 * guardrail SCP denies elsewhere in the organisation but not where this policy is deployed.
 */
import type { PolicyRecord } from '../../policy/types.js';
import type { Finding } from '../../findings/types.js';
import type { RuleMeta } from '../rules/types.js';
import { statementsOf, strings, statementLabel } from '../../policy/statements.js';
import type { StatementView, ValueAt } from '../../policy/statements.js';
import { type ActionSet, type ActionUniverse, emptySet, expandPattern, members, union } from '../../engine/actions.js';
import { type LevelVerdict, denyingStatements, evaluateHierarchy, onlyPrincipalExemptions } from '../../engine/org.js';
import type { ResolvedOrg } from './model.js';
import { byService, levelsFor, nodeLabel, scpFinding } from './model.js';
import { targetsFor } from './org-model.js';
import { deadInEveryContext } from './dead-contexts.js';
import type { DeadEverywhere, VerdictMemo } from './dead-contexts.js';

export const deadPermissionMeta: RuleMeta = {
  id: 'scp-dead-permission',
  title: 'Permission that the organisation\'s SCPs deny anyway',
  severity: 'suggestion',
  category: 'scp',
  description: 'A service an SCP denies is unavailable whatever IAM allows. Granting it anyway is dead weight that hides the policy\'s real intent and becomes live the day the SCP changes.',
  fix: 'Remove the denied actions from the grant (replace the wildcard by the actions the workload uses), so the policy says what the workload can really do.',
  examples: { bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::app-*' }] }, good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::app-*/*' }] } },
};

export const blocksWorkloadMeta: RuleMeta = {
  id: 'scp-blocks-workload',
  title: 'The workload needs an action an SCP denies',
  severity: 'warning',
  category: 'scp',
  description: 'The policy names this action explicitly, so the workload presumably calls it; an SCP on the path to the account it deploys to denies it, so the call will fail at run time with AccessDenied whatever IAM allows.',
  fix: 'Either change the workload so it does not need the action, deploy it to an account where the SCP does not apply, or ask the organisation administrators for an exception in the SCP (for example a condition on aws:PrincipalArn).',
  examples: { bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'cloudtrail:StopLogging', Resource: '*' }] }, good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'cloudtrail:DescribeTrails', Resource: '*' }] } },
};

export const guardrailGapMeta: RuleMeta = {
  id: 'scp-guardrail-gap',
  title: 'Protective action allowed where its guardrail SCP does not apply',
  severity: 'warning',
  category: 'scp',
  description: 'The organisation has a guardrail SCP that denies this action (for example stopping CloudTrail) elsewhere, but not on the path to the account this policy is deployed to. Here the grant is live.',
  fix: 'Remove the action from the policy, or attach the guardrail SCP to the OU/account this repository deploys to.',
  examples: { bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'guardduty:DeleteDetector', Resource: '*' }] }, good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'guardduty:GetFindings', Resource: '*' }] } },
};

/** Actions a guardrail exists to protect: disabling logging and detection, leaving the organisation. */
export const PROTECTIVE_ACTIONS = [
  'cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail', 'cloudtrail:PutEventSelectors',
  'guardduty:DeleteDetector', 'guardduty:DisassociateFromMasterAccount', 'guardduty:DisassociateFromAdministratorAccount',
  'guardduty:UpdateDetector', 'guardduty:StopMonitoringMembers', 'guardduty:DeleteMembers',
  'config:DeleteConfigurationRecorder', 'config:StopConfigurationRecorder', 'config:DeleteDeliveryChannel',
  'securityhub:DisableSecurityHub', 'securityhub:DeleteMembers', 'securityhub:DisassociateFromAdministratorAccount',
  'access-analyzer:DeleteAnalyzer', 'macie2:DisableMacie', 'organizations:LeaveOrganization',
  'iam:DeleteAccountPasswordPolicy', 'ec2:DisableEbsEncryptionByDefault', 's3:PutAccountPublicAccessBlock',
];

export interface WorkloadInput {
  org: ResolvedOrg;
  policies: PolicyRecord[];
  repoPathOf: (r: PolicyRecord) => string;
}

/** The organisation as the workload checks read it: per-target verdicts and memos (computed on first use), and the guarded and protective actions. */
class OrgView {
  readonly u: ActionUniverse;
  /** Everything any guardrail in the organisation denies unconditionally. */
  readonly guarded: ActionSet;
  readonly protective: ActionSet;
  private readonly verdicts = new Map<string, LevelVerdict>();
  private readonly memos = new Map<string, VerdictMemo>();

  constructor(readonly org: ResolvedOrg) {
    this.u = org.universe;
    this.guarded = emptySet(this.u);
    for (const sts of org.compiled.values()) for (const st of sts) if (st.effect === 'Deny' && onlyPrincipalExemptions(st.conditions)) union(this.guarded, st.actions);
    this.protective = emptySet(this.u);
    for (const a of PROTECTIVE_ACTIONS) union(this.protective, expandPattern(this.u, a));
  }

  verdictFor(t: string): LevelVerdict {
    let v = this.verdicts.get(t);
    if (!v) this.verdicts.set(t, (v = evaluateHierarchy(this.u, levelsFor(this.org, t))));
    return v;
  }

  memoFor(t: string): VerdictMemo {
    let m = this.memos.get(t);
    if (!m) this.memos.set(t, (m = new Map()));
    return m;
  }
}

/** One action of an Allow statement at one target it is deployed to. */
interface GrantAt {
  rec: PolicyRecord;
  s: StatementView;
  a: ValueAt<string>;
  /** The actions `a` matches. */
  granted: ActionSet;
  target: string;
  /** The target as the messages name it. */
  where: string;
  verdict: LevelVerdict;
}

export function checkWorkloads({ org, policies, repoPathOf }: WorkloadInput): { findings: Finding[]; untargeted: number } {
  const view = new OrgView(org);
  const findings: Finding[] = [];
  let untargeted = 0;
  for (const rec of policies) {
    if (rec.policyType !== 'identity') continue;
    const targets = targetsFor(org.model, repoPathOf(rec)).filter((t) => t !== org.model.managementAccount);
    if (!targets.length) {
      untargeted++;
      continue;
    }
    for (const s of statementsOf(rec.document)) {
      if (s.effect !== 'Allow' || !s.action) continue;
      checkStatement(view, rec, s, targets, findings);
    }
  }
  return { findings, untargeted };
}

/** Each action an Allow statement grants, at each target: what the SCPs block of it, and the guardrail gaps. */
function checkStatement(view: OrgView, rec: PolicyRecord, s: StatementView, targets: string[], findings: Finding[]): void {
  const contextual = new Map<string, DeadEverywhere | undefined>();
  const deadFor = (t: string): DeadEverywhere | undefined => {
    if (!contextual.has(t)) contextual.set(t, deadInEveryContext(view.u, levelsFor(view.org, t), s.condition ?? [], view.memoFor(t)));
    return contextual.get(t);
  };
  for (const a of strings(s.action)) {
    const granted = expandPattern(view.u, a.value);
    for (const target of targets) {
      const g: GrantAt = { rec, s, a, granted, target, where: nodeLabel(view.org.model.nodes.get(target)!), verdict: view.verdictFor(target) };
      const blocked = blockedFinding(view, g, deadFor(target));
      if (blocked) findings.push(blocked);
      const gap = guardrailGapFinding(view, g);
      if (gap) findings.push(gap);
    }
  }
}

/**
 * The granted actions the target's SCPs deny, always or (`dc`) in every context the statement can apply in: for an
 * action named explicitly the workload will fail (blocks-workload), for a wildcard they are dead permissions.
 */
function blockedFinding(view: OrgView, g: GrantAt, dc: DeadEverywhere | undefined): Finding | undefined {
  const { granted, verdict: v, rec, s, a, target: t, where } = g;
  const blocked: ActionSet = new Uint8Array(granted.length);
  let onlyInContext = 0;
  for (let i = 0; i < granted.length; i++) {
    const always = v.denied[i]! | v.notAllowed[i]!;
    const ctx = dc ? dc.dead[i]! & (always ^ 1) : 0;
    blocked[i] = granted[i]! & (always | ctx);
    onlyInContext += granted[i]! & ctx;
  }
  const names = members(view.u, blocked);
  if (!names.length) return undefined;
  const why = onlyInContext && dc ? ` ${onlyInContext === names.length ? 'They are' : `${onlyInContext} of them are`} denied by conditional SCP statements in every request this statement can apply to (${dc.when === 'every request' ? 'any request' : dc.when}).` : '';
  if (!/[*?]/.test(a.value)) {
    const culprits = denyingStatements(levelsFor(view.org, t), view.u, names[0]!).map((d) => {
      const except = d.st.conditions.length ? ` except for ${d.st.conditions.flatMap((c) => c.values.map((v) => String(v.value))).join(', ')}` : '';
      return `${d.st.policyName}${d.st.sid ? ` (${d.st.sid})` : ''} at ${d.level}${except}`;
    });
    return scpFinding(blocksWorkloadMeta, rec, a.path,
      `${statementLabel(s)} allows ${a.value}, but in ${where} the organisation's SCPs ${culprits.length ? `deny it: ${culprits.join('; ')}` : 'do not allow it at every level'}. Calls will fail with AccessDenied.${why}`,
      `${a.value}@${t}`, undefined, { target: t, deniedBy: culprits });
  }
  const groups = byService(names, 3);
  return scpFinding(deadPermissionMeta, rec, a.path,
    `${statementLabel(s)}: ${names.length} of the actions matched by ${a.value} are denied by the SCPs of ${where} (${groups.map((g) => `${g.service} ${g.count}`).join(', ')}), e.g. ${groups.flatMap((g) => g.examples).slice(0, 4).join(', ')}.${why}`,
    `${a.value}@${t}`, undefined, { target: t, denied: groups });
}

/** Protective actions granted at a target the guardrail SCP denying them elsewhere in the organisation does not reach. */
function guardrailGapFinding(view: OrgView, g: GrantAt): Finding | undefined {
  const { granted, verdict: v, rec, s, a, target: t, where } = g;
  const gap = new Uint8Array(granted.length);
  for (let i = 0; i < granted.length; i++) gap[i] = granted[i]! & view.guarded[i]! & view.protective[i]! & (v.denied[i]! ^ 1) & (v.notAllowed[i]! ^ 1);
  const gapNames = members(view.u, gap);
  if (!gapNames.length) return undefined;
  return scpFinding(guardrailGapMeta, rec, a.path,
    `${statementLabel(s)} allows ${gapNames.slice(0, 5).join(', ')}${gapNames.length > 5 ? ` and ${gapNames.length - 5} more` : ''}: the organisation has an SCP denying ${gapNames.length === 1 ? 'it' : 'them'}, but not on the path to ${where}, where this policy is deployed.`,
    `${a.value}@${t}`, undefined, { target: t, actions: gapNames });
}
