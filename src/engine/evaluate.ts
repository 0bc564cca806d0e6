/**
 * Our own IAM evaluation for what the gate needs: which actions a set of statements covers over the whole action
 * catalogue (as bitsets, so `Action: "*"` costs the same as one action), and whether an action is allowed at every
 * level of an SCP hierarchy. Conditions whose context we cannot know are "may apply", never silently true or false;
 * given a request context (contexts.ts), a condition is evaluated in it.
 */
import { statementsOf, strings, isObject } from '../policy/statements.js';
import type { ConditionView } from '../policy/statements.js';
import { expandActionPattern, getCatalog, globsIntersect } from '../catalog/index.js';

/** The universe of concrete actions (`service:Action`) of the IAM catalogue, each with an index into bitsets. */
export interface ActionUniverse {
  readonly actions: readonly string[];
  readonly index: ReadonlyMap<string, number>;
}

let universe: ActionUniverse | undefined;

/** The catalogue's actions as a universe (built once). */
export function catalogUniverse(): ActionUniverse {
  if (!universe) {
    const actions = getCatalog().actions;
    universe = { actions, index: new Map(actions.map((a, i) => [a.toLowerCase(), i])) };
  }
  return universe;
}

/** Could some string match both patterns (ARNs: case-sensitive)? Unknown (too large to judge) counts as yes. */
export function patternsOverlap(a: string, b: string): boolean {
  if (a === '*' || b === '*') return true;
  return globsIntersect(a, b, false) !== false;
}

/** A set of actions of a universe, one byte per action. */
export type ActionSet = Uint8Array;

export function emptySet(u: ActionUniverse): ActionSet {
  return new Uint8Array(u.actions.length);
}

const patternCache = new WeakMap<ActionUniverse, Map<string, ActionSet>>();

/** Every action of the universe matching an IAM action pattern (case-insensitive). Memoised per universe. */
export function expandPattern(u: ActionUniverse, pattern: string): ActionSet {
  let cache = patternCache.get(u);
  if (!cache) patternCache.set(u, (cache = new Map()));
  const key = pattern.toLowerCase();
  const hit = cache.get(key);
  if (hit) return hit;
  const set = emptySet(u);
  for (const a of expandActionPattern(pattern)) {
    const i = u.index.get(a.toLowerCase());
    if (i !== undefined) set[i] = 1;
  }
  // bounded: each set is one byte per catalogue action (~22 KB); 2,000 patterns are ~44 MB, more are recomputed
  if (cache.size < 2_000) cache.set(key, set);
  return set;
}

export function union(into: ActionSet, other: ActionSet): ActionSet {
  for (let i = 0; i < into.length; i++) into[i] |= other[i]!;
  return into;
}

export function count(s: ActionSet): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) n += s[i]!;
  return n;
}

export function members(u: ActionUniverse, s: ActionSet): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) if (s[i]) out.push(u.actions[i]!);
  return out;
}

/** A statement prepared for evaluation. */
export interface EvalStatement {
  policyId: string;
  policyName: string;
  /** JSON pointer of the statement inside its document. */
  path: string;
  sid?: string;
  effect: 'Allow' | 'Deny';
  /** Actions the statement covers (Action, or the complement of NotAction). */
  actions: ActionSet;
  /** Explicitly named actions (no wildcard), lower case: "the workload needs these". */
  explicit: Set<string>;
  /** Resource patterns, or undefined for NotResource / all. */
  resources?: string[];
  notResources?: string[];
  conditions: ConditionView[];
}

export function compileStatements(u: ActionUniverse, document: unknown, policyId: string, policyName: string): EvalStatement[] {
  if (!isObject(document)) return [];
  const out: EvalStatement[] = [];
  for (const s of statementsOf(document)) {
    if (s.effect !== 'Allow' && s.effect !== 'Deny') continue;
    const actions = emptySet(u);
    const explicit = new Set<string>();
    if (s.action) {
      for (const a of strings(s.action)) {
        union(actions, expandPattern(u, a.value));
        if (!/[*?]/.test(a.value)) explicit.add(a.value.toLowerCase());
      }
    } else if (s.notAction) {
      const excluded = emptySet(u);
      for (const a of strings(s.notAction)) union(excluded, expandPattern(u, a.value));
      for (let i = 0; i < actions.length; i++) actions[i] = excluded[i] ? 0 : 1;
    }
    out.push({
      policyId,
      policyName,
      path: s.path,
      sid: s.sid,
      effect: s.effect,
      actions,
      explicit,
      resources: s.resource ? strings(s.resource).map((r) => r.value) : undefined,
      notResources: s.notResource ? strings(s.notResource).map((r) => r.value) : undefined,
      conditions: s.condition ?? [],
    });
  }
  return out;
}

/** Does the statement's resource scope cover all of `resources` ('all'), some ('some') or none? */
export function resourceCoverage(st: EvalStatement, resources: readonly string[] | undefined): 'all' | 'some' | 'none' {
  const targets = resources && resources.length ? resources : ['*'];
  if (st.notResources) {
    // covers everything except the listed resources
    const excludedAny = targets.some((t) => st.notResources!.some((n) => patternsOverlap(n, t)));
    return excludedAny ? 'some' : 'all';
  }
  const pats = st.resources ?? ['*'];
  if (pats.includes('*')) return 'all';
  const hits = targets.filter((t) => pats.some((p) => patternsOverlap(p, t)));
  if (hits.length === 0) return 'none';
  // a specific pattern covers a wildcard target only partly
  const full = targets.every((t) => pats.some((p) => !/[*?]/.test(t) ? patternsOverlap(p, t) : p === t));
  return full ? 'all' : 'some';
}

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
    for (let i = 0; i < n; i++) allowed[i]! &= levelAllow[i]!;
  }
  const notAllowed = emptySet(u);
  for (let i = 0; i < n; i++) {
    notAllowed[i] = allowed[i] ? 0 : 1;
    if (denied[i]) allowed[i] = 0;
    if (denied[i]) mayDeny[i] = 0;
  }
  return { allowed, denied, mayDeny, notAllowed };
}

/** The statements of the hierarchy that deny `action` (for naming the culprit in a finding). */
export function denyingStatements(levels: ScpLevel[], u: ActionUniverse, action: string, resources?: readonly string[]): { level: string; st: EvalStatement }[] {
  const i = u.index.get(action.toLowerCase());
  if (i === undefined) return [];
  const out: { level: string; st: EvalStatement }[] = [];
  for (const level of levels) {
    for (const st of level.statements) {
      if (st.effect === 'Deny' && st.actions[i] && resourceCoverage(st, resources) !== 'none') out.push({ level: level.name, st });
    }
  }
  return out;
}
