/**
 * Shared, pure analysis for the least-privilege rules: which actions an Allow statement grants (Action expanded
 * through the catalogue, NotAction as its complement), on what resource scope (NotResource counts as "everything
 * except"), which conditions really narrow the grant, and what unconditional Deny statements take away.
 */
import type { PolicyRecord } from '../../policy/types.js';
import type { ConditionView, StatementView, ValueAt } from '../../policy/statements.js';
import { statementsOf, strings } from '../../policy/statements.js';
import { actionInfo, expandActionPattern, expandNotAction } from '../../catalog/index.js';
import { coversAResourceType } from '../../engine/arn-patterns.js';
import { describeValues, judgeCondition, neverTrue, type ConditionSetting } from '../../engine/conditions.js';
import { denySet, type DenySet } from './denies.js';
import { templateToken } from '../grammar/helpers.js';

export type ResourceScope = 'all' | 'all-except' | 'some';

/** Canonical action key (`iam:PassRole`) -> the Action/NotAction element that grants it. */
export interface GrantActions extends Iterable<[string, ValueAt]> {
  get(action: string): ValueAt | undefined;
  readonly size: number;
}

export interface StatementGrant {
  stmt: StatementView;
  actions: GrantActions;
  scope: ResourceScope;
  /** The Resource element to point at (the `*` value, or the NotResource element). */
  scopeAt?: ValueAt;
}

/**
 * Memo per statement object for one checks run: a wildcard or NotAction statement grants ~22,000 actions, a map
 * of about 1 MB. Cleared when the run ends (clearGrantCache), or a 10,000-file scan keeps gigabytes alive for as
 * long as its report is.
 */
let grantCache = new WeakMap<object, StatementGrant | null>();

export function clearGrantCache(): void {
  grantCache = new WeakMap();
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
  const out = new Set<string>();
  for (const a of strings(stmt.action)) {
    if (/[*?]/.test(a.value)) return undefined;
    const info = actionInfo(a.value);
    if (!info) return undefined;
    for (const rt of info.resourceTypes) out.add(`${info.service}/${rt.name}`);
  }
  return out;
}

function placeholderPaths(policy: PolicyRecord | undefined): Set<string> {
  return new Set((policy?.placeholders ?? []).map((p) => p.path));
}

/** What an Allow statement grants (null for Deny / malformed statements). Memoised per statement object. */
export function grantOf(stmt: StatementView, policy?: PolicyRecord): StatementGrant | null {
  const hit = grantCache.get(stmt.raw);
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
      const types = statementResourceTypes(stmt);
      // a template token (`<bucket-arn>`, `arn:aws:s3:::${BUCKET}/*`) could stand for anything: its worst case
      const star = strings(stmt.resource).find((r) => isWildcardResource(r.value, ph.has(r.path), types) || (!!policy && !ph.has(r.path) && !!templateToken(policy, r.value)));
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

/**
 * Why an Allow statement can never apply (a condition that can never be true again, e.g. a DateLessThan on the
 * current time in the past), or undefined. Values the repository does not decide (placeholders) are never judged.
 */
export function deadReason(stmt: StatementView, policy?: PolicyRecord, now?: number): string | undefined {
  if (!stmt.condition?.length) return undefined;
  const ph = placeholderPaths(policy);
  for (const c of stmt.condition) {
    if (c.values.some((v) => ph.has(v.path)) || ph.has(c.path)) continue;
    const why = neverTrue(c, now);
    if (why) return why;
  }
  return undefined;
}

const patternSets = new Map<string, ReadonlySet<string>>();
function patternSet(pattern: string): ReadonlySet<string> {
  const key = pattern.toLowerCase();
  let s = patternSets.get(key);
  if (!s) {
    if (patternSets.size >= 1_000) patternSets.clear();
    patternSets.set(key, (s = new Set(expandActionPattern(pattern))));
  }
  return s;
}

/**
 * A statement's granted actions, expanded only when someone iterates them: looking up a few actions (iam:PassRole,
 * the escalation set) in `Action: "*"` needs no 22,000-entry map.
 */
class LazyGrantActions implements GrantActions {
  private map: Map<string, ValueAt> | undefined;
  /** Elements without wildcards by the key they name (first one), and the wildcard elements in order. */
  private index: { exact: Map<string, number>; wild: number[]; elements: ValueAt<string>[] } | undefined;
  constructor(private readonly stmt: StatementView) {}
  private elements(list: ValueAt[] | undefined): { exact: Map<string, number>; wild: number[]; elements: ValueAt<string>[] } {
    if (this.index) return this.index;
    const elements = strings(list);
    const exact = new Map<string, number>();
    const wild: number[] = [];
    elements.forEach((e, i) => {
      if (/[*?]/.test(e.value)) wild.push(i);
      else for (const k of expandActionPattern(e.value)) if (!exact.has(k)) exact.set(k, i);
    });
    return (this.index = { exact, wild, elements });
  }
  /** Index of the first element covering the key, or -1. */
  private first(list: ValueAt[] | undefined, action: string): number {
    const { exact, wild, elements } = this.elements(list);
    const best = exact.get(action) ?? Infinity;
    for (const i of wild) {
      if (i > best) break;
      if (patternSet(elements[i]!.value).has(action)) return i;
    }
    return best === Infinity ? -1 : best;
  }
  private all(): Map<string, ValueAt> {
    return (this.map ??= expandStatementActions(this.stmt));
  }
  get(action: string): ValueAt | undefined {
    if (this.map) return this.map.get(action);
    const s = this.stmt;
    if (s.action) {
      const i = this.first(s.action, action);
      return i < 0 ? undefined : this.index!.elements[i];
    }
    if (s.notAction) {
      if (!patternSet('*').has(action) || this.first(s.notAction, action) >= 0) return undefined;
      return { value: s.raw.NotAction, path: `${s.path}/NotAction` };
    }
    return undefined;
  }
  get size(): number {
    return this.all().size;
  }
  [Symbol.iterator](): Iterator<[string, ValueAt]> {
    return this.all()[Symbol.iterator]();
  }
}

/** Actions an Action / NotAction element covers, each mapped to the element that grants it. */
export function expandStatementActions(stmt: StatementView): Map<string, ValueAt> {
  const out = new Map<string, ValueAt>();
  if (stmt.action) {
    for (const a of strings(stmt.action)) for (const k of expandActionPattern(a.value)) if (!out.has(k)) out.set(k, a);
  } else if (stmt.notAction) {
    const patterns = strings(stmt.notAction).map((v) => v.value);
    const at: ValueAt = { value: stmt.raw.NotAction, path: `${stmt.path}/NotAction` };
    for (const k of expandNotAction(patterns)) out.set(k, at);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Conditions

/** Global keys that narrow a request to particular resources, networks, organisations or callers. */
const NARROWING_GLOBAL = [
  'aws:resourcetag/',
  'aws:resourceaccount',
  'aws:resourceorgid',
  'aws:resourceorgpaths',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceip',
  'aws:vpcsourceip',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:principaltag/',
  'aws:principalservicename',
  'aws:sourcearn',
  'aws:sourceaccount',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:requesttag/',
  'aws:tagkeys',
  'aws:calledvia',
  'aws:calledviafirst',
  'aws:calledvialast',
  'aws:viaawsservice',
  'aws:userid',
  'aws:username',
  'aws:sourceidentity',
  'aws:federatedprovider',
];

export interface ConditionJudgement {
  /** Conditions that narrow the grant for the action. */
  narrowing: ConditionView[];
  /** Conditions present but not narrowing (IfExists, negated, unrelated keys, values that restrict nothing). */
  ignored: { cond: ConditionView; why: string; vacuous?: boolean }[];
}

function narrowingKey(key: string, action: string | undefined): boolean {
  const k = key.toLowerCase();
  if (k.startsWith('aws:')) return NARROWING_GLOBAL.some((g) => (g.endsWith('/') ? k.startsWith(g) : k === g));
  // a service-specific key narrows the actions of its own service (e.g. iam:PassedToService, s3:prefix, kms:ViaService)
  const svc = k.split(':')[0];
  if (!action) return true;
  const a = action.toLowerCase();
  return a.startsWith(`${svc}:`) || (svc === 'kms' && k === 'kms:viaservice') || a === '*';
}

/** The condition setting of a statement of a policy: its type and the deploying account. */
export function settingOf(policy: PolicyRecord | undefined, account?: string, openToAny?: boolean): ConditionSetting {
  return { policyType: policy?.policyType, account, openToAny };
}

/**
 * Which of a statement's conditions narrow the grant of `action` (or of the statement as a whole). Each condition is
 * judged by engine/conditions (its operator, its values for the key's type, who holds the grant); `keyNarrows` says
 * which keys matter to the caller at all.
 */
export function judgeConditions(
  stmt: StatementView,
  action?: string,
  keyNarrows: (key: string) => boolean = (k) => narrowingKey(k, action),
  setting: ConditionSetting = {},
  carried: readonly ConditionView[] = [],
): ConditionJudgement {
  const narrowing: ConditionView[] = [];
  const ignored: ConditionJudgement['ignored'] = [];
  for (const c of carried.length ? (stmt.condition ?? []).concat(carried) : (stmt.condition ?? [])) {
    if (!keyNarrows(c.key)) {
      ignored.push({ cond: c, why: 'the key does not limit which resources or callers' });
      continue;
    }
    const v = judgeCondition(c, setting);
    if (!v.narrows) ignored.push({ cond: c, why: v.why ?? 'it does not narrow the request', vacuous: v.vacuous });
    else narrowing.push(c);
  }
  return { narrowing, ignored };
}

export function describeCondition(c: ConditionView): string {
  const vals = c.values.map((v) => (typeof v.value === 'string' ? v.value : JSON.stringify(v.value)));
  const via = c.via ? ` (the ${c.via} denies every other request)` : '';
  return `${c.operator} ${c.key}${vals.length ? ` = ${vals.slice(0, 3).join(', ')}${vals.length > 3 ? ', ...' : ''}` : ''}${via}`;
}

/** A sentence about the conditions considered, for messages. Empty when the statement has none. */
export function conditionNote(j: ConditionJudgement): string {
  // at most a few conditions per kind: a hostile statement with thousands of conditions must not make every
  // finding's message as large as the statement
  const few = <T,>(list: T[], show: (x: T) => string, sep: string): string =>
    list.slice(0, 4).map(show).join(sep) + (list.length > 4 ? `${sep}and ${list.length - 4} more` : '');
  const vacuous = j.ignored.filter((i) => i.vacuous);
  const other = j.ignored.filter((i) => !i.vacuous);
  const parts: string[] = [];
  if (j.narrowing.length) parts.push(` Condition taken into account: ${few(j.narrowing, describeCondition, '; ')}.`);
  if (vacuous.length)
    parts.push(` ${few(vacuous, (i) => `The condition ${i.cond.key} ${describeValues(i.cond)}${i.cond.via ? ` of the ${i.cond.via}` : ''} restricts nothing (${i.why})`, '. ')}.`);
  if (other.length && !j.narrowing.length)
    parts.push(` Its condition does not narrow the grant (${few(other, (i) => `${i.cond.operator} ${i.cond.key}: ${i.why}`, '; ')}).`);
  return parts.join('');
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
  const views = policies.map((policy) => ({ policy, statements: statementsOf(policy.document) }));
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
      const entries: Iterable<[string, ValueAt]> =
        interesting && typeof interesting !== 'function'
          ? interesting.keys.flatMap((k) => {
              const at = g.actions.get(k);
              return at ? [[k, at] as [string, ValueAt]] : [];
            })
          : g.actions;
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

const levelCache = new Map<string, string | undefined>();

/** The action's most specific access level (memoised). */
export function accessLevelOf(action: string): string | undefined {
  if (levelCache.has(action)) return levelCache.get(action);
  const l = actionInfo(action)?.accessLevel;
  if (levelCache.size > 50_000) levelCache.clear();
  levelCache.set(action, l);
  return l;
}

/** Is the action one that only accepts `Resource: "*"`? */
export function wildcardOnly(action: string): boolean {
  return actionInfo(action)?.isWildcardOnly ?? false;
}

/** `Statement "Sid"` or `Statement 2` (1-based for humans? no: index as in the document). */
export function stmtLabel(s: StatementView): string {
  return s.sid ? `statement "${s.sid}"` : `statement ${s.index}`;
}

/** Canonical key spelling of a lower-case action name, via the catalogue (falls back to the input). */
export function canonical(action: string): string {
  return actionInfo(action)?.key ?? action;
}

/** Keys that narrow *who* may use a grant (trust and resource policies). */
const PRINCIPAL_NARROWING = [
  'aws:principalorgid', 'aws:principalorgpaths', 'aws:principalaccount', 'aws:principalarn', 'aws:sourceaccount',
  'aws:sourcearn', 'aws:sourceorgid', 'aws:sourceorgpaths', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:sourceip',
  'aws:vpcsourceip', 'aws:userid', 'aws:username', 'aws:principaltag/', 'aws:sourceidentity',
  'aws:principalservicename', 'aws:sourceowner', 'sts:externalid', 'aws:calledvia', 'aws:viaawsservice', 'kms:viaservice',
  'kms:calleraccount', 'aws:sourcevpcarn',
  // S3 access-point delegation: a bucket policy open to `*` that only access points of one account can use
  's3:dataaccesspointaccount', 's3:dataaccesspointarn',
];

export function principalNarrowingKey(key: string): boolean {
  const k = key.toLowerCase();
  if (PRINCIPAL_NARROWING.some((g) => (g.endsWith('/') ? k.startsWith(g) : k === g))) return true;
  // web identity / SAML claims: `token.actions.githubusercontent.com:sub`, `SAML:aud`, `accounts.google.com:aud`
  return /^(saml:(aud|sub|iss|namequalifier|edupersonorgdn)|[a-z0-9.-]+\.[a-z]+(\/[^:]*)?:(aud|sub|amr|app_id|oaud|azp))$/i.test(key);
}

/**
 * Conditions that narrow who may use the statement. With the policy's Deny set (whole-policy evaluation), a Deny
 * covering the whole statement cancels it (`cancelledBy`) or carries its inverted condition, judged like the rest.
 */
export function judgePrincipalConditions(
  stmt: StatementView,
  setting: ConditionSetting = {},
  denies?: DenySet,
  policy?: PolicyRecord,
): ConditionJudgement & { cancelledBy?: StatementView; neverApplies?: string } {
  const dead = policy ? deadReason(stmt, policy) : undefined;
  if (dead) return { narrowing: [], ignored: [], neverApplies: dead };
  const d = denies && !denies.empty ? denies.onStatement(stmt) : undefined;
  if (d?.cancelledBy) return { narrowing: [], ignored: [], cancelledBy: d.cancelledBy };
  return judgeConditions(stmt, undefined, principalNarrowingKey, setting, d?.carried);
}
