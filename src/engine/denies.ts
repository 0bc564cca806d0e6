/**
 * Whole-policy evaluation: what the Deny statements of a policy (or of every policy a principal holds) take away
 * from an Allow statement.
 *
 * A Deny counts only when it certainly applies to whoever the Allow grants to and to every resource it names:
 * - its record certainly exists (`when` unset: a Deny that may not be deployed takes nothing away for sure);
 * - no NotPrincipal / NotResource; its Principal, when present, is anyone (`*`);
 * - its Resource covers every Resource of the Allow (`*`, or a pattern matching each of them);
 * - it has no condition (it cancels what it covers), or exactly one condition entry with a negated operator
 *   (`StringNotEquals aws:SourceVpce vpce-1`): then what it covers stays allowed only when the inverted condition
 *   holds (`StringEquals aws:SourceVpce vpce-1`), which is carried to the Allow as one of its conditions and judged
 *   like the Allow's own (a value the caller controls, or one matching everyone, narrows nothing).
 * Any other Deny is ignored: ignoring a Deny can only leave a finding in place, never remove one.
 */
import type { PolicyRecord } from '../policy/types.js';
import type { ConditionView, StatementView } from '../policy/statements.js';
import { strings } from '../policy/statements.js';
import { actionMatcher, actionMatches } from './actions.js';
import { parseOperator } from './conditions.js';
import { engineContext } from './context.js';
import { globMatch, hasWildcard } from './wildcard.js';

/** A Deny that certainly applies, reduced to what the evaluation needs. */
interface UsableDeny {
  stmt: StatementView;
  actions?: string[];
  notActions?: string[];
  /** The Action (or NotAction) patterns compiled (actionMatcher), in order: asked about every granted action. */
  tests: ((action: string) => boolean)[];
  /** undefined: no Resource (the resource the policy is attached to) */
  resources?: string[];
  /** The inverted condition (empty: unconditional). */
  carried: ConditionView[];
}

export interface DenyEffect {
  /** The Deny takes the action away whatever the request. */
  cancelledBy?: StatementView;
  /** Conditions under which the action stays allowed, each naming its Deny in `via`. */
  carried: ConditionView[];
}

export interface DenySet {
  /** What the Deny statements do to one action granted by an Allow statement. */
  onAction(allow: StatementView, action: string): DenyEffect;
  /** What they do to every action an Action pattern of an Allow statement names (`iam:*`). */
  onPattern(allow: StatementView, pattern: string): DenyEffect;
  /** What they do to every action of an Allow statement together (pattern by pattern). */
  onStatement(allow: StatementView): DenyEffect;
  readonly empty: boolean;
}

/** Past this many Deny statements the rest are ignored (more findings, never fewer): bounded work on hostile input. */
const MAX_DENIES = 64;

const INVERSE: Record<string, string> = {
  stringnotequals: 'StringEquals',
  stringnotequalsignorecase: 'StringEqualsIgnoreCase',
  stringnotlike: 'StringLike',
  arnnotequals: 'ArnEquals',
  arnnotlike: 'ArnLike',
  notipaddress: 'IpAddress',
};

function label(s: StatementView): string {
  return s.sid ? `Deny statement "${s.sid}"` : `Deny statement ${s.index}`;
}

/** The Deny's single negated condition, inverted; null when the Deny has a condition we cannot carry. */
function invert(s: StatementView): ConditionView[] | null {
  const conds = s.condition ?? [];
  if (!conds.length) return s.raw.Condition === undefined ? [] : null;
  if (conds.length !== 1) return null;
  const c = conds[0]!;
  const { op, set } = parseOperator(c.operator);
  const inverse = INVERSE[op.toLowerCase()];
  // StringNotEquals(IfExists) is true when the key is absent, so the Deny applies then too: the inverse requires
  // the key present with one of the values, exactly as StringEquals does
  if (!inverse || set) return null;
  return [{ operator: inverse, key: c.key, values: c.values, path: c.path, via: label(s) }];
}

function principalIsAnyone(s: StatementView): boolean {
  const p = s.principal;
  if (!p) return s.raw.Principal === undefined;
  if (p.wildcard) return true;
  return p.entries.length > 0 && p.entries.every((e) => e.type === 'AWS' && e.values.some((v) => v.value === '*'));
}

function usable(s: StatementView, policy: PolicyRecord): UsableDeny | undefined {
  if (s.effect !== 'Deny' || policy.when || s.notResource || s.notPrincipal || !principalIsAnyone(s)) return undefined;
  if (s.raw.Resource !== undefined && !s.resource) return undefined;
  const carried = invert(s);
  if (!carried) return undefined;
  const values = (list: StatementView['action']): string[] | undefined => {
    const out = strings(list).map((v) => v.value);
    // a non-string element (an unresolved fragment) makes the Deny unknown: ignored
    return out.length === (list?.length ?? 0) ? out : undefined;
  };
  const actions = s.action ? values(s.action) : undefined;
  const notActions = s.notAction ? values(s.notAction) : undefined;
  if (!actions && !notActions) return undefined;
  const resources = s.resource ? values(s.resource) : undefined;
  if (s.resource && !resources) return undefined;
  return { stmt: s, actions, notActions, resources, carried, tests: (actions ?? notActions!).map(actionMatcher) };
}

const isStar = (v: string): boolean => /^\*+$/.test(v);

/** Does a Deny pattern cover every value a (possibly wildcard) Allow value stands for? */
function patternCovers(deny: string, allow: string, match: (p: string, v: string) => boolean): boolean {
  if (isStar(deny)) return true;
  // `?` in the Deny would match a `*` of the Allow as one character: only whole-text comparisons are sound then
  if (hasWildcard(allow) && deny.includes('?')) return deny === allow;
  return match(deny, allow);
}

function resourcesCovered(d: UsableDeny, allow: StatementView): boolean {
  if (!d.resources) return allow.raw.Resource === undefined && allow.raw.NotResource === undefined;
  if (d.resources.some(isStar)) return true;
  if (allow.notResource || !allow.resource) return false;
  const mine = strings(allow.resource);
  if (mine.length !== allow.resource.length) return false;
  return mine.every((r) => d.resources!.some((p) => patternCovers(p, r.value, (x, y) => globMatch(x, y, true))));
}

function actionCovered(d: UsableDeny, action: string): boolean {
  const some = d.tests.some((t) => t(action));
  return d.actions ? some : !some;
}

function statementCovered(d: UsableDeny, allow: StatementView): boolean {
  if (allow.notAction) return !!d.actions?.some(isStar);
  const mine = strings(allow.action);
  if (!mine.length || mine.length !== allow.action?.length) return false;
  if (d.notActions) return d.notActions.length === 0;
  return mine.every((a) => d.actions!.some((p) => patternCovers(p, a.value, actionMatches)));
}

function combine(list: UsableDeny[]): DenyEffect {
  const carried: ConditionView[] = [];
  for (const d of list) {
    if (!d.carried.length) return { cancelledBy: d.stmt, carried: [] };
    for (const c of d.carried) carried.push(c);
  }
  return { carried };
}

/** The set without any Deny (most policies): one object, nothing made per policy. */
const NO_DENIES: DenySet = {
  empty: true,
  onAction: () => ({ carried: [] }),
  onPattern: () => ({ carried: [] }),
  onStatement: () => ({ carried: [] }),
};

/** The Deny statements of the given policies that certainly apply. */
export function denySet(policies: { policy: PolicyRecord; statements: StatementView[] }[]): DenySet {
  const denies: UsableDeny[] = [];
  for (const { policy, statements } of policies) {
    for (const s of statements) {
      if (denies.length >= MAX_DENIES) break;
      const d = usable(s, policy);
      if (d) denies.push(d);
    }
  }
  if (!denies.length) return NO_DENIES;
  const byAllow = new WeakMap<object, UsableDeny[]>();
  const relevant = (allow: StatementView): UsableDeny[] => {
    let list = byAllow.get(allow.raw);
    if (!list) byAllow.set(allow.raw, (list = denies.filter((d) => resourcesCovered(d, allow))));
    return list;
  };
  return {
    empty: denies.length === 0,
    onAction: (allow, action) => (denies.length ? combine(relevant(allow).filter((d) => actionCovered(d, action))) : { carried: [] }),
    onPattern: (allow, pattern) =>
      denies.length
        ? combine(relevant(allow).filter((d) => (d.actions ? d.actions.some((p) => patternCovers(p, pattern, actionMatches)) : d.notActions!.length === 0)))
        : { carried: [] },
    onStatement: (allow) => (denies.length ? combine(relevant(allow).filter((d) => statementCovered(d, allow))) : { carried: [] }),
  };
}

/** The Deny set of one policy, memoised per statement list (several rules ask about the same policy). */
export function policyDenies(policy: PolicyRecord, statements: StatementView[]): DenySet {
  const perStatements = engineContext().policyDenies as WeakMap<StatementView[], DenySet>;
  let d = perStatements.get(statements);
  if (!d) perStatements.set(statements, (d = denySet([{ policy, statements }])));
  return d;
}
