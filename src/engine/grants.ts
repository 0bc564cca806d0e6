/**
 * The one grant evaluator: from a policy (all its statements, Allow and Deny) to what it grants. A statement's
 * Action/NotAction covers actions (as a lazy element map, or as a bitset over the universe); an Allow has a resource
 * scope (NotResource counts as "everything except"); its conditions are carried as constraints and judged (which
 * really narrow the grant: engine/conditions.ts); the policy's Deny statements take away what they certainly cover
 * or carry their inverted condition (denies.ts). Used by the least-privilege rules (grantOf, grantIndex), the SCP
 * hierarchy (compileStatements, org.ts) and the access diff. Memoised in the run's engine context (grant scopes).
 */
import type { PolicyRecord } from '../policy/types.js';
import type { ConditionView, StatementView, ValueAt } from '../policy/statements.js';
import { isObject, policyStatements, statementsOf, strings } from '../policy/statements.js';
import { templateToken } from '../policy/template-token.js';
import { actionInfo, type ActionInfo } from '../catalog/index.js';
import { addPattern, catalogUniverse, complement, emptySet, expandActionPattern, expandNotAction, type ActionSet, type ActionUniverse } from './actions.js';
import { LazyGrantActions, type GrantActions } from './grant-actions.js';
import { coversAResourceType } from './arn-patterns.js';
import { engineContext, type Memo } from './context.js';
import { denySet } from './denies.js';
import { deadReason, judgeConditions, placeholderPaths, settingOf, type ConditionJudgement } from './grant-conditions.js';
import { globsIntersect, hasWildcard } from './wildcard.js';

export { expandStatementActions, type GrantActions } from './grant-actions.js';
export {
  deadReason,
  judgeConditions,
  judgePrincipalConditions,
  principalNarrowingKey,
  settingOf,
  type ConditionJudgement,
} from './grant-conditions.js';

export type ResourceScope = 'all' | 'all-except' | 'some';


export interface StatementGrant {
  stmt: StatementView;
  actions: GrantActions;
  scope: ResourceScope;
  /** The Resource element to point at (the `*` value, or the NotResource element). */
  scopeAt?: ValueAt;
}

function isStar(v: string): boolean {
  return /^\*+$/.test(v);
}

/**
 * Does a Resource value name every resource of its kind? `*`, an ARN whose resource part is `*`
 * (`arn:aws:s3:::*`), or a type-level wildcard such as `arn:aws:iam::*:role/*` / `arn:aws:lambda:*:*:function:*`.
 * Stand-in values of placeholders are never wildcards.
 */
export function isWildcardResource(value: string, placeholder = false, types?: ReadonlySet<string>): boolean {
  if (placeholder) return false;
  if (isStar(value)) return true;
  const parts = value.split(':');
  if (parts[0] !== 'arn') return false;
  if (parts.length < 6) return coversAResourceType(value, types);
  const service = parts[2] ?? '';
  const rest = parts.slice(5).join(':');
  if (isStar(rest)) return true;
  // s3: bucket-name/* is one bucket; with the statement's resource types known, the formats decide
  if (service !== 's3' && !types && /^[A-Za-z-]+[/:]\*$/.test(rest)) return true;
  return coversAResourceType(value, types);
}

/**
 * The resource types (`service/type`) a statement's actions act on, when every Action element is a literal action
 * the catalogue knows; undefined (judge against every type) for wildcards, NotAction or unknown actions.
 */
export function statementResourceTypes(stmt: StatementView): ReadonlySet<string> | undefined {
  if (!stmt.action || stmt.notAction) return undefined;
  const only = stmt.action.length === 1 ? stmt.action[0]!.value : undefined;
  if (typeof only === 'string') {
    // one action (the common case): memoised per catalogue action object, no key text to build
    if (hasWildcard(only)) return undefined;
    const info = actionInfo(only);
    if (!info) return undefined;
    const memo = engineContext().actionTypeSets as WeakMap<ActionInfo, ReadonlySet<string>>;
    let set = memo.get(info);
    if (!set) memo.set(info, (set = new Set(typeKeys(info))));
    return set;
  }
  // a long list (an AWS managed policy's hundreds of actions) per statement object for the run: extracted documents
  // are not modified, and the same object is checked per policy and again per principal holding it
  const byStatement = engineContext().statementTypesByObject as WeakMap<object, ReadonlySet<string> | null>;
  const known = byStatement.get(stmt.raw);
  if (known !== undefined) return known ?? undefined;
  // memoised per action list for the run (the same lists recur across statements, policies and files; 20,000 lists)
  let key = '';
  for (const a of stmt.action) {
    if (typeof a.value !== 'string') continue;
    // each value JSON-quoted: no two lists share a key, whatever characters their values hold
    key += `${JSON.stringify(a.value)},`;
    if (key.length > MEMO_KEY_LENGTH) {
      const types = resourceTypesUncached(stmt);
      byStatement.set(stmt.raw, types ?? null);
      return types;
    }
  }
  const memo = engineContext().statementTypes as Memo<string, ReadonlySet<string> | null>;
  const hit = memo.get(key);
  if (hit !== undefined) return hit ?? undefined;
  return memo.set(key, resourceTypesUncached(stmt) ?? null) ?? undefined;
}

function resourceTypesUncached(stmt: StatementView): ReadonlySet<string> | undefined {
  const out = new Set<string>();
  for (const a of strings(stmt.action)) {
    if (hasWildcard(a.value)) return undefined;
    const info = actionInfo(a.value);
    if (!info) return undefined;
    for (const t of typeKeys(info)) out.add(t);
  }
  return out;
}

/** An action's resource types as `service/type` (made once per run and action, not per statement). */
function typeKeys(info: ActionInfo): readonly string[] {
  const memo = engineContext().actionTypeKeys as WeakMap<ActionInfo, readonly string[]>;
  let keys = memo.get(info);
  if (!keys) memo.set(info, (keys = info.resourceTypes.map((rt) => `${info.service}/${rt.name}`)));
  return keys;
}

/** What an Allow statement grants (null for Deny / malformed statements). Memoised per statement object. */
export function grantOf(stmt: StatementView, policy?: PolicyRecord): StatementGrant | null {
  // memo per statement object in the current grant scope (context.ts): a wildcard or NotAction statement grants
  // ~22,000 actions, a map of about 1 MB, kept only as long as the checks of its policy run
  const grantCache = engineContext().grants;
  const hit = grantCache.get(stmt.raw) as StatementGrant | null | undefined;
  if (hit !== undefined) return hit;
  let result: StatementGrant | null = null;
  if (stmt.effect === 'Allow' && (stmt.action || stmt.notAction) && !deadReason(stmt, policy)) {
    const actions = new LazyGrantActions(stmt);
    const ph = placeholderPaths(policy);
    let scope: ResourceScope = 'some';
    let scopeAt: ValueAt | undefined;
    if (stmt.notResource) {
      scope = 'all-except';
      scopeAt = stmt.notResource[0];
    } else {
      // the statement's resource types judge a value only when it is neither a stand-in nor all stars (`Resource: "*"`
      // answers without them): made on first need (an AWS managed policy lists hundreds of actions)
      let types: ReadonlySet<string> | undefined | null = null;
      const typesFor = (value: string, placeholder: boolean): ReadonlySet<string> | undefined =>
        placeholder || isStar(value) ? undefined : types === null ? (types = statementResourceTypes(stmt)) : types;
      // a template token (`<bucket-arn>`, `arn:aws:s3:::${BUCKET}/*`) could stand for anything: its worst case
      const star = strings(stmt.resource).find((r) => {
        const placeholder = ph.has(r.path);
        return isWildcardResource(r.value, placeholder, typesFor(r.value, placeholder)) || (!!policy && !placeholder && !!templateToken(policy, r.value));
      });
      if (star) {
        scope = 'all';
        scopeAt = star;
      } else if (!stmt.resource && !stmt.notResource) {
        // trust / resource policies without Resource apply to the resource they are attached to
        scope = 'some';
      }
    }
    result = { stmt, actions, scope, scopeAt };
  }
  grantCache.set(stmt.raw, result);
  return result;
}


// ---------------------------------------------------------------------------------------------------------------
// Statements over the universe (the SCP hierarchy, org.ts)

/**
 * The actions a statement's Action (or the complement of its NotAction) covers, as a bitset of the universe.
 * Memoised per pattern list for the run's universe (the SCP checks compile each SCP several times, and the same
 * lists recur across files): the sets are shared, callers only read them.
 */
export function statementBits(u: ActionUniverse, s: StatementView): { actions: ActionSet; explicit: Set<string> } {
  const list = s.action ?? s.notAction;
  if (!list || u !== catalogUniverse()) return statementBitsUncached(u, s);
  let key = s.action ? 'a' : 'n';
  for (const a of list) {
    if (typeof a.value !== 'string') return statementBitsUncached(u, s);
    key += `,${JSON.stringify(a.value)}`;
    if (key.length > MEMO_KEY_LENGTH) return statementBitsUncached(u, s);
  }
  return engineContext().statementBits.getOr(key, () => statementBitsUncached(u, s)) as { actions: ActionSet; explicit: Set<string> };
}

/** Longer pattern lists are expanded per statement, not kept. */
const MEMO_KEY_LENGTH = 4_096;

function statementBitsUncached(u: ActionUniverse, s: StatementView): { actions: ActionSet; explicit: Set<string> } {
  const actions = emptySet(u);
  const explicit = new Set<string>();
  if (s.action) {
    for (const a of strings(s.action)) {
      addPattern(u, actions, a.value);
      if (!hasWildcard(a.value)) explicit.add(a.value.toLowerCase());
    }
  } else if (s.notAction) {
    const excluded = emptySet(u);
    for (const a of strings(s.notAction)) addPattern(u, excluded, a.value);
    return { actions: complement(excluded), explicit };
  }
  return { actions, explicit };
}

/** Could some string match both patterns (ARNs: case-sensitive)? Unknown (too large to judge) counts as yes. */
export function patternsOverlap(a: string, b: string): boolean {
  if (a === '*' || b === '*') return true;
  return globsIntersect(a, b, false) !== false;
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
    const { actions, explicit } = statementBits(u, s);
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
  const full = targets.every((t) => pats.some((p) => !hasWildcard(t) ? patternsOverlap(p, t) : p === t));
  return full ? 'all' : 'some';
}

// ---------------------------------------------------------------------------------------------------------------
// Effective grants over one or more policies

export interface ActionGrant {
  action: string;
  policy: PolicyRecord;
  stmt: StatementView;
  at: ValueAt;
  scope: ResourceScope;
  /** Conditions that narrow this grant (empty = unconditional). */
  narrowing: ConditionView[];
  ignored: ConditionJudgement['ignored'];
}

export interface GrantIndex {
  /** action key -> every grant of it (first = most permissive). */
  byAction: Map<string, ActionGrant[]>;
}

function rank(g: ActionGrant): number {
  return (g.narrowing.length ? 2 : 0) + (g.scope === 'some' ? 1 : 0);
}

/**
 * Every action the policies allow, with where and how. `interesting` limits the expansion to actions the caller
 * cares about (a predicate on the canonical key), which keeps `Action: "*"` cheap.
 */
export function grantIndex(
  policies: PolicyRecord[],
  interesting?: ((action: string) => boolean) | { keys: readonly string[] },
  account?: string,
): GrantIndex {
  const views = policies.map((policy) => ({ policy, statements: policyStatements(policy) }));
  // whole-policy evaluation: a Deny that certainly applies cancels what it covers or carries its condition
  const denies = denySet(views);
  const byAction = new Map<string, ActionGrant[]>();
  for (const { policy, statements } of views) {
    for (const s of statements) {
      const g = grantOf(s, policy);
      if (!g) continue;
      const none: ConditionJudgement = { narrowing: [], ignored: [] };
      const perService = new Map<string, ConditionJudgement>();
      // a short list of wanted actions is looked up rather than scanning every granted action (Action "*")
      const entries: Iterable<[string, ValueAt]> = interesting && typeof interesting !== 'function' ? g.actions.pick(interesting.keys) : g.actions;
      const keep = typeof interesting === 'function' ? interesting : undefined;
      for (const [action, at] of entries) {
        if (keep && !keep(action)) continue;
        const deny = denies.empty ? undefined : denies.onAction(s, action);
        if (deny?.cancelledBy) continue;
        // the judgement depends on the action only through its service prefix (and the Denies it carries)
        const carried = deny?.carried ?? [];
        const svc = action.slice(0, action.indexOf(':')) + (carried.length ? `\u0000${carried.map((c) => `${c.via}${c.path}`).join('\u0000')}` : '');
        let j = s.condition?.length || carried.length ? perService.get(svc) : none;
        if (!j) {
          j = judgeConditions(s, action, undefined, settingOf(policy, account), carried);
          perService.set(svc, j);
        }
        const ag: ActionGrant = { action, policy, stmt: s, at, scope: g.scope, narrowing: j.narrowing, ignored: j.ignored };
        const list = byAction.get(action) ?? [];
        list.push(ag);
        byAction.set(action, list);
      }
    }
  }
  for (const list of byAction.values()) list.sort((a, b) => rank(a) - rank(b));
  return { byAction };
}

/** Is the grant unrestricted: every resource (or all except some), and no narrowing condition? */
export function unrestricted(g: ActionGrant): boolean {
  return g.scope !== 'some' && g.narrowing.length === 0;
}

/**
 * What Allow patterns and NotAction lists grant, as action keys (the access diff: what is allowed, before Deny and
 * conditions). A pattern the catalogue does not expand stays as written (lower case); without the catalogue
 * (`useCatalog` false, or loading it fails: `expanded` false) every pattern does.
 */
export function allowedActionKeys(patterns: Iterable<string>, notActions: readonly (readonly string[])[], useCatalog = true): { keys: Set<string>; expanded: boolean } {
  let expanded = useCatalog;
  const keys = new Set<string>();
  for (const p of patterns) {
    let x: readonly string[] | undefined;
    if (expanded) {
      try {
        x = expandActionPattern(p);
      } catch {
        expanded = false;
      }
    }
    if (x && x.length) for (const k of x) keys.add(k);
    else keys.add(p.toLowerCase());
  }
  for (const list of notActions) {
    let all: readonly string[] | undefined;
    try {
      all = expanded ? expandNotAction(list) : undefined;
    } catch {
      all = undefined;
    }
    if (all) for (const k of all) keys.add(k);
    else keys.add(`NotAction ${list.join(', ')}`.toLowerCase());
  }
  return { keys, expanded };
}
