/**
 * Lock-out risks in an SCP: a Deny that covers everything, role assumption or Organizations itself without an
 * exception for a break-glass principal; a Deny that covers what the deployment pipeline needs; an SCP that stops
 * allowing everything it used to (removing FullAWSAccess with nothing in its place).
 */
import type { PolicyRecord } from '../../policy/types.js';
import type { Finding } from '../../findings/types.js';
import type { RuleMeta } from '../rules/types.js';
import { type ActionUniverse, count, patternPositions } from '../../engine/actions.js';
import { type EvalStatement, compileStatements } from '../../engine/grants.js';
import { principalExemptions } from '../../engine/org.js';
import { globMatch } from '../../engine/wildcard.js';
import { scpFinding, stillAbleToAct } from './model.js';

export const lockoutMeta: RuleMeta = {
  id: 'scp-lockout-risk',
  title: 'SCP change can lock the organisation out',
  severity: 'error',
  category: 'scp',
  description: 'An SCP applies to every principal of every account below the point it is attached, including administrators and the deployment pipeline. A Deny on everything, on role assumption or on Organizations itself without an exception for a break-glass role can leave nobody able to fix it from inside those accounts; removing the Allow that FullAWSAccess provided denies every action not allowed elsewhere.',
  fix: 'Add an exception for the break-glass/administrator and pipeline roles, e.g. "Condition": {"ArnNotLike": {"aws:PrincipalArn": ["arn:aws:iam::*:role/BreakGlass", "arn:aws:iam::*:role/OrganizationAdmin"]}}, narrow the Deny to the actions it is meant to stop, and keep an Allow (FullAWSAccess or an explicit allow-list) at every level.',
  examples: { bad: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'sts:AssumeRole', Resource: '*' }] }, good: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'sts:AssumeRole', Resource: '*', Condition: { ArnNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/BreakGlass' } } }] } },
};

const CRITICAL = ['sts:AssumeRole', 'sts:AssumeRoleWithSAML', 'sts:AssumeRoleWithWebIdentity'];
const PIPELINE_NEEDS = ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity', 'cloudformation:CreateStack', 'cloudformation:UpdateStack', 'cloudformation:ExecuteChangeSet', 'iam:PassRole'];

function covers(u: ActionUniverse, st: EvalStatement, action: string): boolean {
  return patternPositions(u, action).some((i) => st.actions[i]);
}

function fraction(u: ActionUniverse, st: EvalStatement, pattern: string): number {
  const at = patternPositions(u, pattern);
  if (!at.length) return 0;
  let hit = 0;
  for (const i of at) if (st.actions[i]) hit++;
  return hit / at.length;
}

function exempted(exemptions: string[], principal: string): boolean {
  return exemptions.some((e) => globMatch(e, principal, true) || globMatch(principal, e, true));
}

export interface LockoutInput {
  universe: ActionUniverse;
  record: PolicyRecord;
  exemptPrincipals: string[];
  pipelinePrincipals: string[];
  /** Named in "still able to act" when the config gives it. */
  managementAccount?: string;
}

/**
 * Is the Deny limited, by a positive aws:PrincipalArn condition, to the root user (`ArnLike aws:PrincipalArn
 * arn:aws:iam::*:root`)? Then every role and user, break-glass ones included, remains able to act. Any other pattern
 * could match an administrator whose name we do not know, so it limits nothing here.
 */
function limitedToOthers(conds: EvalStatement['conditions']): boolean {
  return conds.some((c) => {
    if (!/^(ArnLike|ArnEquals|StringLike|StringEquals)(IfExists)?$/.test(c.operator) || !/^aws:PrincipalArn$/i.test(c.key)) return false;
    return c.values.length > 0 && c.values.every((v) => typeof v.value === 'string' && /^arn:[\w-]+:iam::(\d{12}|\*):root$/.test(v.value));
  });
}

export function checkLockout({ universe: u, record, exemptPrincipals, pipelinePrincipals, managementAccount }: LockoutInput): Finding[] {
  const out: Finding[] = [];
  const statements = compileStatements(u, record.document, record.id, record.resource);
  const all = u.actions.length;
  for (const st of statements) {
    if (st.effect !== 'Deny') continue;
    if (st.resources && !st.resources.includes('*')) continue; // resource-scoped denies do not lock anyone out
    if (st.notResources) continue;
    if (limitedToOthers(st.conditions)) continue; // only the root user: every role and user remains able to act
    const exemptions = principalExemptions(st.conditions);
    const otherConditions = st.conditions.filter((c) => !/^aws:(PrincipalArn|userid|username)$/i.test(c.key));
    if (otherConditions.length) continue; // narrowed by region, tags, network...: not a blanket lock-out
    const what: string[] = [];
    if (count(st.actions) === all) what.push('every action');
    else {
      const crit = CRITICAL.filter((a) => covers(u, st, a));
      if (crit.length) what.push(crit.join(', '));
      if (fraction(u, st, 'organizations:*') > 0.5) what.push('AWS Organizations');
    }
    const where = `${st.path}${st.conditions.length ? '/Condition' : '/Effect'}`;
    const label = st.sid ? `Statement "${st.sid}"` : `Statement at ${st.path}`;
    if (what.length) {
      if (!exemptions.length) {
        out.push(scpFinding(lockoutMeta, record, where, `${label} denies ${what.join(' and ')} with no exception for an administrator or break-glass principal (aws:PrincipalArn): nobody in the affected accounts could undo it. ${stillAbleToAct([], managementAccount)}`, `blanket:${what.join(',')}`));
      } else {
        const missing = exemptPrincipals.filter((p) => !exempted(exemptions, p));
        if (missing.length) out.push(scpFinding(lockoutMeta, record, where, `${label} denies ${what.join(' and ')}; its exception (${exemptions.join(', ')}) does not cover the break-glass principal${missing.length > 1 ? 's' : ''} ${missing.join(', ')}. ${stillAbleToAct(exemptions, managementAccount)}`, `exempt:${missing.join(',')}`));
      }
    }
    const pipelineDenied = PIPELINE_NEEDS.filter((a) => covers(u, st, a));
    const lockedPipelines = pipelinePrincipals.filter((p) => !exempted(exemptions, p));
    if (pipelineDenied.length && lockedPipelines.length) {
      out.push(scpFinding(lockoutMeta, record, where, `${label} denies ${pipelineDenied.join(', ')} to the deployment pipeline (${lockedPipelines.join(', ')}), which this repository deploys with: the next deployment would fail and could not roll this back.`, `pipeline:${lockedPipelines.join(',')}`));
    }
  }
  // an SCP that used to allow everything and no longer does
  if (record.base !== undefined) {
    const allowsAll = (sts: EvalStatement[]) => sts.some((s) => s.effect === 'Allow' && s.conditions.length === 0 && (!s.resources || s.resources.includes('*')) && count(s.actions) === all);
    const before = compileStatements(u, record.base, record.id, record.resource);
    if (allowsAll(before) && !allowsAll(statements)) {
      out.push(scpFinding(lockoutMeta, record, '/Statement', 'This SCP used to allow every action (like FullAWSAccess) and no longer does: at every level where it was the only Allow, each action not allowed by another SCP there is now denied.', 'allow-all-removed'));
    }
  }
  return out;
}
