/**
 * The SCP/RCP hierarchy: whether an action is allowed at every level (root, OUs, the account) and where it is
 * denied, over the whole action universe as bitsets. Conditions whose context we cannot know are "may apply", never
 * silently true or false; given a request context (contexts.ts), a condition is evaluated in it. The statements are
 * the grant evaluator's (grants.ts: compileStatements).
 */
import type { ConditionView } from '../policy/statements.js';
import { complement, emptySet, intersect, positionIn, subtract, union, type ActionSet, type ActionUniverse } from './actions.js';
import { resourceCoverage, type EvalStatement } from './grants.js';

/** A condition exempting principals (`ArnNotLike aws:PrincipalArn [...]`) or any other narrowing. */
export function principalExemptions(conds: ConditionView[]): string[] {
  const out: string[] = [];
  for (const c of conds) {
    const op = c.operator.replace(/IfExists$/, '');
    if (/^(ArnNotLike|ArnNotEquals|StringNotLike|StringNotEquals|StringNotEqualsIgnoreCase)$/.test(op) && /^aws:(PrincipalArn|userid|username)$/i.test(c.key)) {
      for (const v of c.values) if (typeof v.value === 'string') out.push(v.value);
    }
  }
  return out;
}

/** Conditions that only exempt named principals (break-glass roles): for every other principal the statement applies. */
export function onlyPrincipalExemptions(conds: ConditionView[]): boolean {
  return conds.every((c) => /^(ArnNotLike|ArnNotEquals|StringNotLike|StringNotEquals|StringNotEqualsIgnoreCase)(IfExists)?$/.test(c.operator) && /^aws:(PrincipalArn|userid|username)$/i.test(c.key));
}

/** One level of the SCP hierarchy (root, an OU, the account) with the SCPs attached there. */
export interface ScpLevel {
  name: string;
  statements: EvalStatement[];
}

export interface LevelVerdict {
  /** Actions allowed (by some Allow without conditions) at every level. */
  allowed: ActionSet;
  /** Actions denied somewhere for the resources asked about, unconditionally or with only named-principal exceptions. */
  denied: ActionSet;
  /** Actions denied somewhere under a condition or for part of the resources: may apply. */
  mayDeny: ActionSet;
  /** Actions not allowed at some level (no Allow there). */
  notAllowed: ActionSet;
}

/**
 * Evaluate an SCP hierarchy over the whole universe: for each action, is it allowed at every level, denied
 * anywhere, or denied only under conditions?
 */
export function evaluateHierarchy(u: ActionUniverse, levels: ScpLevel[], resources?: readonly string[], condition?: (st: EvalStatement) => boolean | undefined): LevelVerdict {
  const n = u.actions.length;
  const allowed = new Uint8Array(n).fill(1);
  const denied = emptySet(u);
  const mayDeny = emptySet(u);
  for (const level of levels) {
    const levelAllow = emptySet(u);
    for (const st of level.statements) {
      const cov = resourceCoverage(st, resources);
      if (cov === 'none') continue;
      if (condition) {
        // in a known request context: a condition holds, fails, or cannot be evaluated (may apply)
        const holds = condition(st);
        if (holds === false) continue;
        if (st.effect === 'Allow') {
          if (holds && cov === 'all') union(levelAllow, st.actions);
        } else union(holds && cov === 'all' ? denied : mayDeny, st.actions);
      } else if (st.effect === 'Allow') {
        // a conditional or partial Allow does not reliably allow
        if (st.conditions.length === 0 && cov === 'all') union(levelAllow, st.actions);
      } else if (onlyPrincipalExemptions(st.conditions) && cov === 'all') union(denied, st.actions);
      else union(mayDeny, st.actions);
    }
    intersect(allowed, levelAllow);
  }
  const notAllowed = complement(allowed);
  subtract(allowed, denied);
  subtract(mayDeny, denied);
  return { allowed, denied, mayDeny, notAllowed };
}

/** The statements of the hierarchy that deny `action` (for naming the culprit in a finding). */
export function denyingStatements(levels: ScpLevel[], u: ActionUniverse, action: string, resources?: readonly string[]): { level: string; st: EvalStatement }[] {
  const i = positionIn(u, action);
  if (i === undefined) return [];
  const out: { level: string; st: EvalStatement }[] = [];
  for (const level of levels) {
    for (const st of level.statements) {
      if (st.effect === 'Deny' && st.actions[i] && resourceCoverage(st, resources) !== 'none') out.push({ level: level.name, st });
    }
  }
  return out;
}
