/**
 * A rule shape shared by several least-privilege rules: "an Allow statement grants actions of a risky set on every
 * resource". One finding per statement, on the first granting Action/NotAction element, naming the actions.
 * A narrowing condition lowers the finding to a suggestion and says which condition was taken into account;
 * conditions that do not narrow are named as such.
 */
import type { PolicyContext, RuleMeta } from '../rules/types.js';
import type { Severity } from '../../findings/types.js';
import type { ConditionView, StatementView, ValueAt } from '../../policy/statements.js';
import { engineContext } from '../../engine/context.js';
import { policyDenies } from '../../engine/denies.js';
import { expandActionPattern, expandNotAction } from '../../engine/actions.js';
import { grantOf, judgeConditions, settingOf } from '../../engine/grants.js';
import { templateToken } from '../grammar/helpers.js';
import { clip } from '../../engine/conditions.js';
import { strings } from '../../policy/statements.js';
import { canonicalAction, exactActionPosition, getCatalog, wildcardOnlyAt as catalogWildcardOnlyAt } from '../../catalog/index.js';
import { conditionNote, stmtLabel, wildcardOnly } from './analysis.js';

export interface ActionSetSpec {
  /**
   * Is the action in the risky set? (canonical `service:Name`; `at`: its position in the catalogue's `actions`
   * when known, for answers the catalogue's index holds: `accessLevelFor`)
   */
  matches(action: string, at?: number): boolean;
  /** For a fixed list: its canonical keys, looked up instead of scanning every granted action. */
  keys?: readonly string[];
  /** Require the grant to cover every resource (default true). */
  allResourcesOnly?: boolean;
  /** With allResourcesOnly: actions reported even on specific resources. */
  anyResource?(action: string): boolean;
  /** Skip actions that only accept `Resource: "*"` (default false). */
  skipWildcardOnly?: boolean;
  /** Sentence start, e.g. `grants write access`. */
  what: string;
  /** Severity when a narrowing condition applies (default `suggestion`). */
  narrowedSeverity?: Severity;
  /** How many action names to list in the message. */
  listLimit?: number;
  /**
   * On an unconditioned grant: another severity and a sentence for some hits (reading every secret is a
   * security-warning, deleting application log groups only a warning). `literalAll`: the grant is on every resource
   * as written, not a worst case assumed for a value the repository does not decide (a template token, a parameter).
   */
  judge?(hits: readonly string[], literalAll: boolean): { severity: Severity; why: string } | undefined;
}

export function listActions(actions: readonly string[], limit = 6): string {
  const shown = actions.slice(0, limit).join(', ');
  return actions.length > limit ? `${shown} and ${actions.length - limit} more` : shown;
}

/**
 * The spec's verdict on each action, memoised: a wildcard statement grants ~22,000 actions and six rules ask about
 * each of them for every such statement. Pure functions of the canonical key, so the memo never changes a result.
 * Keyed by rule and spec (rules build their spec object on each call).
 */
const MATCH = 1;
const ANY_RESOURCE = 2;
const WILDCARD_ONLY = 4;
/** In `Verdicts.dense`: the verdict is known. */
const KNOWN = 8;
/**
 * One rule's verdicts: by action text in a bounded map, and those asked while walking the catalogue's whole action
 * list (the expansion of `*`) by position in it (a byte per catalogue action: no map entry made per action).
 */
interface Verdicts {
  dense: Uint8Array;
  other: Map<string, number>;
}
function memoFor(rule: string, spec: ActionSetSpec): Verdicts {
  // one memo per rule and spec for the run (engine/context.ts): rule id -> spec sentence -> memo (no key text built
  // per call: both are the rules' own constant strings)
  const verdicts = engineContext().slot('least-privilege/action-set verdicts', () => new Map<string, Map<string, Verdicts>>());
  let bySpec = verdicts.get(rule);
  if (!bySpec) verdicts.set(rule, (bySpec = new Map()));
  let memo = bySpec.get(spec.what);
  if (!memo) bySpec.set(spec.what, (memo = { dense: new Uint8Array(getCatalog().actions.length), other: new Map() }));
  return memo;
}
/** The verdict on the `i`th action of the catalogue's action list (`action`: that entry). */
function verdictAt(memo: Verdicts, spec: ActionSetSpec, i: number, action: string): number {
  const known = memo.dense[i]!;
  if (known) return known & ~KNOWN;
  const v = verdictUncached(spec, action, i);
  memo.dense[i] = v | KNOWN;
  return v;
}
function verdictOf(memo: Verdicts, spec: ActionSetSpec, action: string): number {
  // a catalogue entry (every expansion's): by its position, as the walks over the whole list ask
  const i = exactActionPosition(action);
  if (i >= 0) return verdictAt(memo, spec, i, action);
  let v = memo.other.get(action);
  if (v === undefined) {
    v = verdictUncached(spec, action);
    if (memo.other.size >= 60_000) memo.other.clear();
    memo.other.set(action, v);
  }
  return v;
}
/**
 * `at`: the action's position in the catalogue's list when known (its wildcard-only flag read there, no look-up of
 * its text). The other bits are only ever read with MATCH (every filter's mask holds it, or runs over matches): an
 * action out of the set is 0, and `Action: "*"` asks the two further questions of the few in it, not of ~22,000.
 */
function verdictUncached(spec: ActionSetSpec, action: string, at = -1): number {
  if (!spec.matches(action, at >= 0 ? at : undefined)) return 0;
  const only = spec.skipWildcardOnly && (at >= 0 ? catalogWildcardOnlyAt(at) : wildcardOnly(action));
  return MATCH | (spec.anyResource?.(action) ? ANY_RESOURCE : 0) | (only ? WILDCARD_ONLY : 0);
}

/**
 * Per rule: an Action pattern's expansion (the list object engine/actions.ts hands out for it) -> the catalogue
 * actions in it that the rule's set matches (expansion order), and the same restricted to those reported on specific
 * resources. Keyed by object: nothing to hash per question, and an entry goes when its expansion goes (the expansion
 * memos are bounded). NotAction lists are keyed by their JSON text, bounded by entries and by the actions the lists
 * hold (a hostile file of wide patterns).
 */
class PatternLists {
  private all = new WeakMap<readonly string[], readonly string[]>();
  private scoped = new WeakMap<readonly string[], readonly string[]>();
  private map = new Map<string, readonly string[]>();
  /** Actions held by the lists of each kind (past 1,000,000 the kind starts over: bounded whatever the input). */
  private held = 0;
  private heldByExpansion = 0;
  get(key: string): readonly string[] | undefined {
    return this.map.get(key);
  }
  set(key: string, list: readonly string[]): void {
    if (this.map.size >= 20_000 || this.held + list.length > 1_000_000) {
      this.map = new Map();
      this.held = 0;
    }
    this.map.set(key, list);
    this.held += list.length;
  }
  /** An expansion's matching actions (`scoped`: those reported on specific resources). */
  ofExpansion(expansion: readonly string[], scoped: boolean): readonly string[] | undefined {
    return (scoped ? this.scoped : this.all).get(expansion);
  }
  setOfExpansion(expansion: readonly string[], scoped: boolean, list: readonly string[]): void {
    if (this.heldByExpansion + list.length > 1_000_000) {
      this.all = new WeakMap();
      this.scoped = new WeakMap();
      this.heldByExpansion = 0;
    }
    (scoped ? this.scoped : this.all).set(expansion, list);
    this.heldByExpansion += list.length;
  }
}
const byPattern = new WeakMap<Verdicts, PatternLists>();

/** A statement's matching actions (read only: possibly a cached list) and the first element that grants one. */
interface Hits {
  hits: readonly string[];
  first: ValueAt | undefined;
}

/**
 * The Action elements' matching actions (wildcard-only ones excluded when the spec says so) in statement order (only
 * those reported on specific resources when `scopedOnly`), and the first element that grants a hit.
 */
function hitsByElement(memo: Verdicts, spec: ActionSetSpec, s: StatementView, scopedOnly: boolean): Hits {
  const cache = patternCache(memo);
  const elements = strings(s.action);
  if (elements.length === 1) {
    // one element: its cached list as it is (no repeats to drop, nothing copied)
    const list = patternHits(cache, memo, spec, elements[0]!.value, scopedOnly);
    return { hits: list, first: list.length ? elements[0] : undefined };
  }
  const hits: string[] = [];
  // repeats found in the list itself while it is short (most statements: a few hits), in a set past that
  let seen: Set<string> | undefined;
  let first: ValueAt | undefined;
  for (let e = 0; e < elements.length; e++) {
    const a = elements[e]!;
    // an action left out on specific resources is left out wherever it appears: its later elements need not see it
    const list = patternHits(cache, memo, spec, a.value, scopedOnly);
    for (let i = 0; i < list.length; i++) {
      const k = list[i]!;
      if (seen ? seen.has(k) : hits.includes(k)) continue;
      hits.push(k);
      if (seen) seen.add(k);
      else if (hits.length > SHORT_HITS) seen = new Set(hits);
      first ??= a;
    }
  }
  return { hits, first };
}

/** Past this many hits, a statement's repeats are found through a set rather than in the list. */
const SHORT_HITS = 32;

/** One pattern's matching actions (`scopedOnly`: only those reported on specific resources), cached per expansion. */
function patternHits(cache: PatternLists, memo: Verdicts, spec: ActionSetSpec, pattern: string, scopedOnly: boolean): readonly string[] {
  const expansion = expandActionPattern(pattern);
  // `*`: the catalogue's own list, its verdicts by position (each action asked once per rule, no map entry each)
  const whole = expansion === getCatalog().actions;
  let list = cache.ofExpansion(expansion, false);
  if (!list) {
    list = whole ? filterWhole(memo, spec, expansion, MATCH | WILDCARD_ONLY, MATCH) : expansion.filter((k) => (verdictOf(memo, spec, k) & (MATCH | WILDCARD_ONLY)) === MATCH);
    cache.setOfExpansion(expansion, false, list);
  }
  if (!scopedOnly) return list;
  let scoped = cache.ofExpansion(expansion, true);
  if (!scoped) {
    scoped = whole
      ? filterWhole(memo, spec, expansion, MATCH | WILDCARD_ONLY | ANY_RESOURCE, MATCH | ANY_RESOURCE)
      : list.filter((k) => (verdictOf(memo, spec, k) & ANY_RESOURCE) !== 0);
    cache.setOfExpansion(expansion, true, scoped);
  }
  return scoped;
}

/** The catalogue's actions whose verdict bits under `mask` are `want` (in catalogue order). */
function filterWhole(memo: Verdicts, spec: ActionSetSpec, actions: readonly string[], mask: number, want: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < actions.length; i++) if ((verdictAt(memo, spec, i, actions[i]!) & mask) === want) out.push(actions[i]!);
  return out;
}

/**
 * The actions of `list` whose verdict bits under `mask` are `want`, in list order. `list` is a sub-list of the
 * catalogue's action list in catalogue order (a NotAction complement: the catalogue's own strings, expandNotAction),
 * so its verdicts are read by position like the expansion of `*` (a byte per catalogue action, no text look-up):
 * one pass over both lists. An entry not found in catalogue order (not expected) is asked by its text.
 */
function filterComplement(memo: Verdicts, spec: ActionSetSpec, list: readonly string[], mask: number, want: number): string[] {
  const actions = getCatalog().actions;
  const out: string[] = [];
  let i = 0;
  for (const a of list) {
    while (i < actions.length && actions[i] !== a) i++;
    const v = i < actions.length ? verdictAt(memo, spec, i, a) : verdictOf(memo, spec, a);
    if ((v & mask) === want) out.push(a);
    if (i < actions.length) i++;
  }
  return out;
}

function patternCache(memo: Verdicts): PatternLists {
  let cache = byPattern.get(memo);
  if (!cache) byPattern.set(memo, (cache = new PatternLists()));
  return cache;
}

/** The same for NotAction: the matching actions of its complement, cached per pattern list. */
function hitsOfNotAction(memo: Verdicts, spec: ActionSetSpec, s: StatementView, scopedOnly: boolean): Hits {
  const cache = patternCache(memo);
  const patterns = strings(s.notAction).map((v) => v.value);
  const key = `N${JSON.stringify(patterns.map((p) => p.toLowerCase()))}`;
  let list = cache.get(key);
  if (!list) cache.set(key, (list = filterComplement(memo, spec, expandNotAction(patterns), MATCH | WILDCARD_ONLY, MATCH)));
  if (scopedOnly) {
    const scopedKey = `s${key}`;
    let scoped = cache.get(scopedKey);
    if (!scoped) cache.set(scopedKey, (scoped = filterComplement(memo, spec, list, ANY_RESOURCE, ANY_RESOURCE)));
    list = scoped;
  }
  return { hits: list, first: list.length ? { value: s.raw.NotAction, path: `${s.path}/NotAction` } : undefined };
}

/**
 * Statement order of two hits: their elements' paths compared as `localeCompare(b, 'en', { numeric: true })` does.
 * The hits of one statement are its Action elements, `<statement>/Action/<i>` (or its NotAction, one path): equal
 * paths compare equal, and two paths alike up to their last `/` followed by plain numbers (no leading zero) compare
 * as those numbers, as numeric collation compares them (equal prefixes weigh alike; a digit run weighs as its
 * value). Any other pair goes to one collator, made on first use (building one costs ~5 ms of a process's start;
 * localeCompare with options would build one per call).
 */
let pathOrder: Intl.Collator | undefined;
export function byPath(a: [string, ValueAt], b: [string, ValueAt]): number {
  if (a[1] === b[1]) return 0;
  const x = a[1].path;
  const y = b[1].path;
  // (a NotAction grant's keys each have an element of their own, all with the one path)
  if (x === y) return 0;
  const cut = x.lastIndexOf('/') + 1;
  if (cut > 0 && cut === y.lastIndexOf('/') + 1 && x.startsWith(y.slice(0, cut))) {
    const i = indexAt(x, cut);
    const j = indexAt(y, cut);
    if (i >= 0 && j >= 0) return i - j;
  }
  return (pathOrder ??= new Intl.Collator('en', { numeric: true })).compare(x, y);
}

/** The plain number (digits to the end, no leading zero, at most 9) from `at`, or -1. */
function indexAt(path: string, at: number): number {
  const n = path.length - at;
  if (n < 1 || n > 9 || (n > 1 && path.charCodeAt(at) === 48)) return -1;
  let v = 0;
  for (let k = at; k < path.length; k++) {
    const d = path.charCodeAt(k) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

export function checkActionSet(meta: RuleMeta, spec: ActionSetSpec, ctx: PolicyContext): void {
  const memo = memoFor(meta.id, spec);
  for (const s of ctx.statements) {
    const g = grantOf(s, ctx.policy);
    if (!g) continue;
    const scopedOnly = (spec.allResourcesOnly ?? true) && g.scope === 'some';
    if (scopedOnly && !spec.anyResource) continue;
    let hits: readonly string[];
    let first: ValueAt | undefined;
    if ((s.action || s.notAction) && !spec.keys) {
      // Action "*" and friends: each pattern's matching actions, cached per pattern (wildcard-only ones left out);
      // NotAction: the matching actions of its complement, cached per pattern list
      ({ hits, first } = s.action ? hitsByElement(memo, spec, s, scopedOnly) : hitsOfNotAction(memo, spec, s, scopedOnly));
    } else {
      const found: string[] = [];
      const entries: Iterable<[string, ValueAt]> = spec.keys
        ? g.actions.pick(spec.keys).sort(byPath) // statement order
        : g.actions;
      for (const [action, at] of entries) {
        const v = verdictOf(memo, spec, action);
        if (!(v & MATCH)) continue;
        if (scopedOnly && !(v & ANY_RESOURCE)) continue;
        if (v & WILDCARD_ONLY) continue;
        found.push(action);
        first ??= at;
      }
      hits = found;
    }
    if (!hits.length || !first) continue;
    const deny = afterDenies(ctx, s, hits);
    if (!deny) continue;
    const j = judgeConditions(s, deny.hits[0], undefined, settingOf(ctx.policy, ctx.options.account), deny.carried);
    const scope =
      g.scope === 'all' ? ' on every resource' : g.scope === 'all-except' ? ' on every resource except those in NotResource' : '';
    const token = g.scope === 'all' && typeof g.scopeAt?.value === 'string' ? templateToken(ctx.policy, g.scopeAt.value) : undefined;
    const via = (s.notAction ? ' (through NotAction)' : '') + (token ? ` (Resource "${clip(g.scopeAt!.value as string)}" holds the template token ${clip(token)}, analysed as any resource)` : '');
    // only a literal "every resource": not a worst case assumed for a value the repository does not decide
    const assumed = !!g.scopeAt && (ctx.policy.assumptions ?? []).some((a) => g.scopeAt!.path === a.path || g.scopeAt!.path.startsWith(`${a.path}/`) || a.path.startsWith(`${g.scopeAt!.path}/`));
    const raised = !j.narrowing.length ? spec.judge?.(deny.hits, g.scope !== 'some' && !token && !assumed) : undefined;
    ctx.report({
      path: first.path,
      message: `${cap(stmtLabel(s))} ${spec.what}${scope}${via}: ${listActions(deny.hits, spec.listLimit)}.${raised ? ` ${raised.why}` : ''}${deny.note}${conditionNote(j)}`,
      severity: j.narrowing.length ? (spec.narrowedSeverity ?? 'suggestion') : raised?.severity,
      details: {
        // a copy (the hits may be a cached list)
        actions: deny.hits.slice(0, 200),
        actionCount: deny.hits.length,
        ...(j.narrowing.length ? { conditionTakenIntoAccount: j.narrowing.map((c) => `${c.operator} ${c.key}`) } : {}),
      },
    });
  }
}

/** Past this many granted actions, only Denies covering the whole statement are applied (bounded work). */
const PER_ACTION_DENY_LIMIT = 2_000;

/**
 * Whole-policy evaluation for one statement's hits: the actions a Deny of the same policy takes away are dropped
 * (undefined when none is left); the conditions Denies carry are returned for judging with the statement's own. The
 * hit with the fewest carried conditions decides which are carried (never more narrowing than the least-narrowed hit).
 */
function afterDenies(ctx: PolicyContext, s: StatementView, hits: readonly string[]): { hits: readonly string[]; carried: ConditionView[]; note: string } | undefined {
  const denies = policyDenies(ctx.policy, ctx.statements);
  if (denies.empty) return { hits, carried: [], note: '' };
  const whole = denies.onStatement(s);
  if (whole.cancelledBy) return undefined;
  if (hits.length > PER_ACTION_DENY_LIMIT) return { hits, carried: whole.carried, note: '' };
  const kept: string[] = [];
  const by = new Set<string>();
  let carried: ConditionView[] | undefined;
  for (const a of hits) {
    const e = denies.onAction(s, a);
    if (e.cancelledBy) {
      by.add(stmtLabel(e.cancelledBy).replace(/^statement/, 'Deny statement'));
      continue;
    }
    kept.push(a);
    if (!carried || e.carried.length < carried.length) carried = e.carried;
  }
  if (!kept.length) return undefined;
  const note = by.size ? ` ${cap([...by].join(', '))} of the same policy takes away the rest.` : '';
  return { hits: kept, carried: carried ?? [], note };
}

export function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Canonical catalogue keys of a lower-case action list (unknown actions dropped), memoised per list. */
export function canonicalKeys(list: readonly string[]): string[] {
  const keyCache = engineContext().slot('least-privilege/action-set canonical keys', () => new Map<readonly string[], string[]>());
  let k = keyCache.get(list);
  if (!k) {
    k = [...new Set(list.flatMap((a) => canonicalAction(a) ?? []))];
    keyCache.set(list, k);
  }
  return k;
}
