/**
 * Identity policies under the organisation's SCPs: grants that the SCPs deny anyway (dead permissions), actions a
 * workload names explicitly that an SCP denies (the deployment will fail at run time), and protective actions a
 * guardrail SCP denies elsewhere in the organisation but not where this policy is deployed.
 */
import type { PolicyRecord } from '../../policy/types.js';
import type { Finding } from '../../findings/types.js';
import type { RuleMeta } from '../rules/types.js';
import { statementsOf, strings, statementLabel } from '../../policy/statements.js';
import { type ActionSet, emptySet, expandPattern, members, union } from '../../engine/actions.js';
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

export function checkWorkloads({ org, policies, repoPathOf }: WorkloadInput): { findings: Finding[]; untargeted: number } {
  const u = org.universe;
  const findings: Finding[] = [];
  const verdicts = new Map<string, LevelVerdict>();
  const verdictFor = (t: string) => {
    let v = verdicts.get(t);
    if (!v) verdicts.set(t, (v = evaluateHierarchy(u, levelsFor(org, t))));
    return v;
  };
  // everything any guardrail in the organisation denies unconditionally
  const guarded = emptySet(u);
  for (const sts of org.compiled.values()) for (const st of sts) if (st.effect === 'Deny' && onlyPrincipalExemptions(st.conditions)) union(guarded, st.actions);
  const protective = emptySet(u);
  for (const a of PROTECTIVE_ACTIONS) union(protective, expandPattern(u, a));

  const memos = new Map<string, VerdictMemo>();
  const memoFor = (t: string): VerdictMemo => {
    let m = memos.get(t);
    if (!m) memos.set(t, (m = new Map()));
    return m;
  };
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
      const contextual = new Map<string, DeadEverywhere | undefined>();
      const deadFor = (t: string): DeadEverywhere | undefined => {
        if (!contextual.has(t)) contextual.set(t, deadInEveryContext(u, levelsFor(org, t), s.condition ?? [], memoFor(t)));
        return contextual.get(t);
      };
      for (const a of strings(s.action)) {
        const granted = expandPattern(u, a.value);
        const explicit = !/[*?]/.test(a.value);
        for (const t of targets) {
          const v = verdictFor(t);
          const where = nodeLabel(org.model.nodes.get(t)!);
          const blocked: ActionSet = new Uint8Array(granted.length);
          const dc = deadFor(t);
          let onlyInContext = 0;
          for (let i = 0; i < granted.length; i++) {
            const always = v.denied[i]! | v.notAllowed[i]!;
            const ctx = dc ? dc.dead[i]! & (always ^ 1) : 0;
            blocked[i] = granted[i]! & (always | ctx);
            onlyInContext += granted[i]! & ctx;
          }
          const names = members(u, blocked);
          const why = onlyInContext && dc ? ` ${onlyInContext === names.length ? 'They are' : `${onlyInContext} of them are`} denied by conditional SCP statements in every request this statement can apply to (${dc.when === 'every request' ? 'any request' : dc.when}).` : '';
          if (names.length) {
            if (explicit) {
              const culprits = denyingStatements(levelsFor(org, t), u, names[0]!).map((d) => {
                const except = d.st.conditions.length ? ` except for ${d.st.conditions.flatMap((c) => c.values.map((v) => String(v.value))).join(', ')}` : '';
                return `${d.st.policyName}${d.st.sid ? ` (${d.st.sid})` : ''} at ${d.level}${except}`;
              });
              findings.push(scpFinding(blocksWorkloadMeta, rec, a.path,
                `${statementLabel(s)} allows ${a.value}, but in ${where} the organisation's SCPs ${culprits.length ? `deny it: ${culprits.join('; ')}` : 'do not allow it at every level'}. Calls will fail with AccessDenied.${why}`,
                `${a.value}@${t}`, undefined, { target: t, deniedBy: culprits }));
            } else {
              const groups = byService(names, 3);
              findings.push(scpFinding(deadPermissionMeta, rec, a.path,
                `${statementLabel(s)}: ${names.length} of the actions matched by ${a.value} are denied by the SCPs of ${where} (${groups.map((g) => `${g.service} ${g.count}`).join(', ')}), e.g. ${groups.flatMap((g) => g.examples).slice(0, 4).join(', ')}.${why}`,
                `${a.value}@${t}`, undefined, { target: t, denied: groups }));
            }
          }
          const gap = new Uint8Array(granted.length);
          for (let i = 0; i < granted.length; i++) gap[i] = granted[i]! & guarded[i]! & protective[i]! & (v.denied[i]! ^ 1) & (v.notAllowed[i]! ^ 1);
          const gapNames = members(u, gap);
          if (gapNames.length) {
            findings.push(scpFinding(guardrailGapMeta, rec, a.path,
              `${statementLabel(s)} allows ${gapNames.slice(0, 5).join(', ')}${gapNames.length > 5 ? ` and ${gapNames.length - 5} more` : ''}: the organisation has an SCP denying ${gapNames.length === 1 ? 'it' : 'them'}, but not on the path to ${where}, where this policy is deployed.`,
              `${a.value}@${t}`, undefined, { target: t, actions: gapNames }));
          }
        }
      }
    }
  }
  return { findings, untargeted };
}
