/**
 * A statement's granted actions (grants.ts grantOf): looked up key by key from its Action/NotAction elements, or
 * expanded into a map of every granted action when someone iterates them.
 */
import type { StatementView, ValueAt } from '../policy/statements.js';
import { strings } from '../policy/statements.js';
import { expandActionPattern, expandNotAction, patternActionSet, type ActionMembership } from './actions.js';
import { engineContext } from './context.js';
import { hasWildcard } from './wildcard.js';

/** Canonical action key (`iam:PassRole`) -> the Action/NotAction element that grants it. */
export interface GrantActions extends Iterable<[string, ValueAt]> {
  get(action: string): ValueAt | undefined;
  /** The granted actions among `keys`, in the order of `keys`, each with its element (as `get` for each key). */
  pick(keys: readonly string[]): [string, ValueAt][];
  readonly size: number;
}

/**
 * A statement's granted actions, expanded only when someone iterates them: looking up a few actions (iam:PassRole,
 * the escalation set) in `Action: "*"` needs no 22,000-entry map.
 */
export class LazyGrantActions implements GrantActions {
  private map: Map<string, ValueAt> | undefined;
  /**
   * Elements without wildcards by the key they name (first one), and the wildcard elements in order with the
   * actions each covers (asked about once per key and rule: kept here rather than looked up each time).
   */
  private index: { exact: Map<string, number>; wild: number[]; wildSets: ActionMembership[]; elements: readonly ValueAt<string>[] } | undefined;
  constructor(private readonly stmt: StatementView) {}
  private elements(list: ValueAt[] | undefined): { exact: Map<string, number>; wild: number[]; wildSets: ActionMembership[]; elements: readonly ValueAt<string>[] } {
    if (this.index) return this.index;
    const elements = strings(list);
    const exact = new Map<string, number>();
    const wild: number[] = [];
    const wildSets: ActionMembership[] = [];
    elements.forEach((e, i) => {
      if (hasWildcard(e.value)) {
        wild.push(i);
        wildSets.push(patternActionSet(e.value));
      } else for (const k of expandActionPattern(e.value)) if (!exact.has(k)) exact.set(k, i);
    });
    return (this.index = { exact, wild, wildSets, elements });
  }
  /** Index of the first element covering the key, or -1. */
  private first(list: ValueAt[] | undefined, action: string): number {
    const { exact, wild, wildSets } = this.index ?? this.elements(list);
    const best = exact.get(action) ?? Infinity;
    for (let w = 0; w < wild.length; w++) {
      const i = wild[w]!;
      if (i > best) break;
      if (wildSets[w]!.has(action)) return i;
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
      if (!patternActionSet('*').has(action) || this.first(s.notAction, action) >= 0) return undefined;
      return { value: s.raw.NotAction, path: `${s.path}/NotAction` };
    }
    return undefined;
  }
  pick(keys: readonly string[]): [string, ValueAt][] {
    const out: [string, ValueAt][] = [];
    if (this.map) {
      // expanded already: a statement granting fewer actions than there are keys is walked
      const order = this.map.size < keys.length ? keyOrder(keys) : undefined;
      if (order) {
        for (const e of this.map) if (order.has(e[0])) out.push(e);
        return out.sort((a, b) => order.get(a[0])! - order.get(b[0])!);
      }
    } else if (this.stmt.action) {
      // from the elements, small statement or large (no map of every granted action made for a few keys)
      const groups = keyGroups(keys);
      if (groups) return this.pickByService(keys, groups);
    }
    for (const k of keys) {
      const at = this.get(k);
      if (at) out.push([k, at]);
    }
    return out;
  }
  /**
   * `pick` over Action elements: each key's first covering element (as `get` finds it: the first exact element
   * naming it, or an earlier wildcard element covering it), with each wildcard element asked only about the keys of
   * its own service when its service part is literal (`s3:Get*` covers only s3 keys): not every key against every
   * wildcard element of a statement listing hundreds of them.
   */
  private pickByService(keys: readonly string[], groups: KeyGroups): [string, ValueAt][] {
    const { exact, wild, wildSets, elements } = this.elements(this.stmt.action);
    // one scratch row per thread, reused (pick is not re-entrant: nothing it calls picks)
    if (scratch.length < keys.length) scratch = new Int32Array(Math.max(keys.length, scratch.length * 2));
    const at = scratch.fill(NONE, 0, keys.length);
    if (exact.size <= keys.length) {
      exact.forEach((i, k) => {
        const j = groups.order.get(k);
        if (j !== undefined) at[j] = i;
      });
    } else for (let j = 0; j < keys.length; j++) at[j] = exact.get(keys[j]!) ?? NONE;
    for (let w = 0; w < wild.length; w++) {
      const i = wild[w]!;
      const set = wildSets[w]!;
      const service = literalService(elements[i]!.value);
      const candidates = service === undefined ? groups.all : groups.byService.get(service);
      if (!candidates) continue;
      for (let c = 0; c < candidates.length; c++) {
        const j = candidates[c]!;
        if (i < at[j]! && set.has(keys[j]!)) at[j] = i;
      }
    }
    const out: [string, ValueAt][] = [];
    for (let j = 0; j < keys.length; j++) if (at[j] !== NONE) out.push([keys[j]!, elements[at[j]!]!]);
    return out;
  }
  get size(): number {
    return this.all().size;
  }
  [Symbol.iterator](): Iterator<[string, ValueAt]> {
    return this.all()[Symbol.iterator]();
  }
}

const NONE = 0x7fffffff;
/** Each key's element index while a pick is made (pickByService). */
let scratch = new Int32Array(256);

/** A list of distinct keys: each key's position, and the positions by the key's service (lower case). */
interface KeyGroups {
  order: ReadonlyMap<string, number>;
  byService: ReadonlyMap<string, readonly number[]>;
  all: readonly number[];
}

/** The key groups of a list of distinct keys (undefined when a key repeats), memoised per list for the run. */
function keyGroups(keys: readonly string[]): KeyGroups | undefined {
  const memo = engineContext().keyGroups as WeakMap<readonly string[], KeyGroups | null>;
  let groups = memo.get(keys);
  if (groups === undefined) {
    const order = keyOrder(keys);
    groups = null;
    if (order) {
      const byService = new Map<string, number[]>();
      keys.forEach((k, j) => {
        const service = k.slice(0, Math.max(0, k.indexOf(':'))).toLowerCase();
        const list = byService.get(service);
        if (list) list.push(j);
        else byService.set(service, [j]);
      });
      groups = { order, byService, all: keys.map((_, j) => j) };
    }
    memo.set(keys, groups);
  }
  return groups ?? undefined;
}

/**
 * The service an Action pattern's matches all belong to (lower case), when its service part is literal; undefined
 * when it could match several services (a wildcard before the colon, or no colon: matched against the whole text).
 */
function literalService(pattern: string): string | undefined {
  const colon = pattern.indexOf(':');
  if (colon < 0) return undefined;
  const service = pattern.slice(0, colon);
  return hasWildcard(service) ? undefined : service.toLowerCase();
}

/** Each key's position in a list of distinct keys (undefined when a key repeats), memoised per list for the run. */
function keyOrder(keys: readonly string[]): ReadonlyMap<string, number> | undefined {
  const memo = engineContext().keyOrders as WeakMap<readonly string[], Map<string, number> | null>;
  let order = memo.get(keys);
  if (order === undefined) {
    order = new Map(keys.map((k, i) => [k, i]));
    if (order.size !== keys.length) order = null;
    memo.set(keys, order);
  }
  return order ?? undefined;
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
