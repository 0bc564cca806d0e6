/**
 * IAM action semantics over the catalogue: what an Action pattern covers (`s3:Get*`, `*`, wildcards in the service
 * part), NotAction as the complement, one pattern against one action, and the universe of concrete actions as
 * bitsets (so `Action: "*"` costs the same as one action). Memoised in the run's engine context.
 */
import { actionPosition, catalogActionMask, exactActionPosition, getCatalog, serviceActionNames, serviceExists, splitAction } from '../catalog/index.js';
import { engineContext } from './context.js';
import { compileGlob, globMatch, hasWildcard, minMatchLength } from './wildcard.js';

const allStars = (p: string): boolean => p.length > 0 && [...p].every((c) => c === '*');

/**
 * The actions an Action pattern covers, as canonical `service:Name` keys. `*` covers everything; a pattern
 * without a colon covers what its wildcards match in the whole `service:Name` text (`?*`: everything), a literal
 * nothing. Wildcards may appear in the service part too.
 */
export function expandActionPattern(pattern: string): readonly string[] {
  // a hot path: no closure per call (an expansion is never undefined). First by the pattern as written (no
  // lower-cased copy to hash per question), then by its lower-case text (one expansion for `s3:getobject` and
  // `s3:GetObject`)
  const ctx = engineContext();
  const hit = ctx.expandedAsWritten.get(pattern);
  if (hit) return hit;
  const key = pattern.toLowerCase();
  const resets = ctx.expanded.resets;
  const list = ctx.expanded.get(key) ?? ctx.expanded.set(key, expandUncached(pattern));
  // the lists looked up as written are the lower-case memo's: it started over, so does this one (no list outlives it)
  if (ctx.expanded.resets !== resets) ctx.expandedAsWritten.clear();
  return ctx.expandedAsWritten.set(pattern, list);
}

function expandUncached(pattern: string): readonly string[] {
  const c = getCatalog();
  if (allStars(pattern)) return c.actions;
  const parts = splitAction(pattern);
  if (!parts) {
    // `?*`, `*?`: IAM matches the pattern against the whole `service:Action` text, so wildcards alone match every
    // action (worst case for a grant); a colon-less literal names nothing
    if (!hasWildcard(pattern) || pattern.length > 256) return [];
    const whole = compileGlob(pattern);
    return c.actions.filter((a) => globMatch(whole, a));
  }
  if (!hasWildcard(pattern)) return expandLiteral(pattern, parts);
  const names = compileGlob(parts.name);
  const svc = compileGlob(parts.service);
  // a pattern needing more characters than the longest name matches nothing (and hostile patterns stop here)
  if (minMatchLength(names) > longestName() || minMatchLength(svc) > 64) return [];
  const services = hasWildcard(parts.service)
    ? c.services.filter((s) => globMatch(svc, s))
    : serviceExists(parts.service)
      ? [parts.service.toLowerCase()]
      : [];
  const out: string[] = [];
  // from the catalogue's index: a service's details are not parsed to list its actions
  const literal = hasWildcard(parts.name) ? undefined : parts.name.toLowerCase();
  for (const p of services) {
    const { keys, byName, lower } = serviceActionNames(p)!;
    if (literal !== undefined) {
      const n = byName.get(literal);
      if (n !== undefined) out.push(keys[n]!);
      continue;
    }
    // the names in lower case (the index's), matched as globMatch(names, name) matches after lower-casing
    for (let n = 0; n < lower.length; n++) if (globMatch(names, lower[n]!, true)) out.push(keys[n]!);
  }
  return out;
}

/**
 * A pattern without wildcards (`logs:CreateLogGroup`, most Action values): the one action of its service with that
 * name, case-insensitively, exactly as the glob path below finds it (the same length bounds, the same action: its
 * lower-case name's last spelling), without compiling two globs per pattern.
 */
function expandLiteral(pattern: string, parts: { service: string; name: string }): readonly string[] {
  const name = parts.name.toLowerCase();
  const service = parts.service.toLowerCase();
  // the glob path's bounds: a literal glob's least match length is its lower-case length
  if (name.length > longestName() || service.length > 64 || !serviceExists(service)) return [];
  // the action's catalogue position (a spelling as the catalogue's is found without lower-casing the service's
  // names): the entry of its lower-case name's last spelling, as serviceActionNames lists it
  const i = actionPosition(pattern);
  return i < 0 ? [] : [getCatalog().actions[i]!];
}

function longestName(): number {
  return getCatalog().longestName;
}

/** Every action not covered by any of `patterns` (the meaning of NotAction). */
export function expandNotAction(patterns: readonly string[]): readonly string[] {
  // memoised per pattern list (a NotAction statement is checked by several rules; the result is ~22,000 keys)
  const key = JSON.stringify(patterns.map((p) => p.toLowerCase()));
  return engineContext().notActions.getOr(key, () => {
    const excluded = new Set<string>();
    for (const p of patterns) for (const a of expandActionPattern(p)) excluded.add(a);
    return getCatalog().actions.filter((a) => !excluded.has(a));
  });
}

/** Membership in a pattern's actions (patternActionSet). */
export interface ActionMembership {
  has(action: string): boolean;
}

/** An action pattern's actions as a set (memoised): membership tests without a 22,000-entry scan. */
export function patternActionSet(pattern: string): ActionMembership {
  // keyed by the expansion it is made of (one set per distinct expansion, whatever the pattern's spelling)
  const list = expandActionPattern(pattern);
  // `*`: the catalogue's whole list, whose members are its entries (no set of ~22,000 texts made per run)
  if (list === getCatalog().actions) return CATALOG_SET;
  const memo = engineContext().patternSets;
  return memo.get(list) ?? memo.set(list, new Set(list));
}

/** The catalogue's whole action list as a set: its entries are what the catalogue's index of them holds. */
const CATALOG_SET: ActionMembership = { has: (action) => exactActionPosition(action) >= 0 };

/** Does an Action pattern (`s3:Get*`, `*`) cover the action? Case-insensitive; no catalogue needed. */
export function actionMatches(pattern: string, action: string): boolean {
  return actionMatcher(pattern)(action);
}

/** `actionMatches(pattern, ·)`, compiled once per run (a Deny's patterns are asked about every action an Allow grants). */
export function actionMatcher(pattern: string): (action: string) => boolean {
  if (pattern.length > MEMO_PATTERN_LENGTH) return compileActionPattern(pattern);
  // keyed by a fresh copy: the pattern may be a slice of its file's text, which a run-long key would keep alive
  const memo = engineContext().actionMatchers;
  const key = JSON.stringify(pattern);
  return memo.get(key) ?? memo.set(key, compileActionPattern(pattern));
}

/** Longer patterns are compiled per question, not kept (a memo entry holds its pattern's tokens). */
const MEMO_PATTERN_LENGTH = 256;

const always = (): boolean => true;
const never = (): boolean => false;

/** `actionMatches(pattern, ·)` with the pattern's globs compiled. */
function compileActionPattern(pattern: string): (action: string) => boolean {
  if (allStars(pattern)) return always;
  const p = splitAction(pattern);
  if (!p) {
    if (!hasWildcard(pattern) || pattern.length > 256) return never;
    const whole = compileGlob(pattern);
    return (action) => action.includes(':') && globMatch(whole, action);
  }
  const svc = compileGlob(p.service);
  const name = compileGlob(p.name);
  return (action) => {
    const i = action.indexOf(':');
    // each part lower-cased on its own, as the uncompiled match did
    return i >= 0 && globMatch(svc, action.slice(0, i)) && globMatch(name, action.slice(i + 1));
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The universe and bitsets

/** The universe of concrete actions (`service:Action`) of the IAM catalogue, each with an index into bitsets. */
export interface ActionUniverse {
  readonly actions: readonly string[];
  readonly index: ReadonlyMap<string, number>;
}

/** The catalogue's actions as a universe (built once per run). */
export function catalogUniverse(): ActionUniverse {
  const ctx = engineContext();
  if (!ctx.universe) {
    const actions = getCatalog().actions;
    let index: Map<string, number> | undefined;
    ctx.universe = {
      actions,
      // made when first asked: this module finds the catalogue's actions by their catalogue position (positionIn)
      get index(): ReadonlyMap<string, number> {
        if (!index) {
          // filled in a loop: no [key, index] pair made per action (~22,000)
          index = new Map<string, number>();
          for (let i = 0; i < actions.length; i++) index.set(actions[i]!.toLowerCase(), i);
        }
        return index;
      },
    } satisfies ActionUniverse;
  }
  return ctx.universe as ActionUniverse;
}

/**
 * An action's position in a universe (undefined when not in it), case-insensitive. In the catalogue's universe its
 * catalogue position (the same answer as the lower-case index: the catalogue's spelling of a name that repeats is its
 * last one's, as the index keeps the last), found without lower-casing a catalogue spelling.
 */
export function positionIn(u: ActionUniverse, action: string): number | undefined {
  if (u.actions === getCatalog().actions) {
    const i = actionPosition(action);
    return i < 0 ? undefined : i;
  }
  return u.index.get(action.toLowerCase());
}

/** A set of actions of a universe, one byte per action. */
export type ActionSet = Uint8Array;

export function emptySet(u: ActionUniverse): ActionSet {
  return new Uint8Array(u.actions.length);
}

/** Every action of the universe matching an IAM action pattern (case-insensitive). Memoised for the run's universe. */
export function expandPattern(u: ActionUniverse, pattern: string): ActionSet {
  const compute = (): ActionSet => {
    const list = expandActionPattern(pattern);
    // `*` in the catalogue's universe: every distinct catalogue action (no look-up per action)
    if (list === u.actions && list === getCatalog().actions) return catalogActionMask().slice();
    const set = emptySet(u);
    for (const a of list) {
      const i = positionIn(u, a);
      if (i !== undefined) set[i] = 1;
    }
    return set;
  };
  // bounded: each set is one byte per catalogue action (~22 KB); 2,000 patterns are ~44 MB
  return u === catalogUniverse() ? engineContext().patternBits.getOr(pattern.toLowerCase(), compute) : compute();
}

/** Expansions up to this size are added action by action; larger ones as their (memoised) universe-wide set. */
const DIRECT_ADD = 512;

/**
 * `union(into, expandPattern(u, pattern))`: a short expansion (an SCP's list of single actions) sets its actions'
 * positions directly instead of making and OR-ing a universe-wide set (~22 KB) per pattern.
 */
export function addPattern(u: ActionUniverse, into: ActionSet, pattern: string): void {
  const list = expandActionPattern(pattern);
  if (list.length > DIRECT_ADD || list === getCatalog().actions) {
    union(into, expandPattern(u, pattern));
    return;
  }
  for (const a of list) {
    const i = positionIn(u, a);
    if (i !== undefined) into[i] = 1;
  }
}

/**
 * The distinct universe positions of a pattern's actions: the members of `expandPattern`'s set, for questions about a
 * few actions (a service's) that need not scan two universe-wide sets (~22,000 entries each).
 */
export function patternPositions(u: ActionUniverse, pattern: string): number[] {
  const seen = new Set<number>();
  for (const a of expandActionPattern(pattern)) {
    const i = positionIn(u, a);
    if (i !== undefined) seen.add(i);
  }
  return Array.from(seen);
}

/** The whole 4-byte words of a set (a view of the same memory; undefined when it does not start on a word). */
function words(s: ActionSet): Uint32Array | undefined {
  return s.byteOffset % 4 === 0 ? new Uint32Array(s.buffer, s.byteOffset, s.length >>> 2) : undefined;
}

export function union(into: ActionSet, other: ActionSet): ActionSet {
  // four members per operation (each byte is 0 or 1: a word's OR is its bytes' ORs)
  const a = words(into);
  const b = words(other);
  let i = 0;
  if (a && b && into.length === other.length) {
    for (let w = 0; w < a.length; w++) a[w] |= b[w]!;
    i = a.length * 4;
  }
  for (; i < into.length; i++) into[i] |= other[i]!;
  return into;
}

/** Removes `other`'s members from `into`. */
export function subtract(into: ActionSet, other: ActionSet): ActionSet {
  const a = words(into);
  const b = words(other);
  let i = 0;
  if (a && b && into.length === other.length) {
    for (let w = 0; w < a.length; w++) a[w] &= ~b[w]!;
    i = a.length * 4;
  }
  for (; i < into.length; i++) if (other[i]) into[i] = 0;
  return into;
}

/** Keeps only the members of `into` that are in `other`. */
export function intersect(into: ActionSet, other: ActionSet): ActionSet {
  const a = words(into);
  const b = words(other);
  let i = 0;
  if (a && b && into.length === other.length) {
    for (let w = 0; w < a.length; w++) a[w] &= b[w]!;
    i = a.length * 4;
  }
  for (; i < into.length; i++) into[i] &= other[i]!;
  return into;
}

/** The complement of `s` in its universe (a new set). */
export function complement(s: ActionSet): ActionSet {
  const out = new Uint8Array(s.length);
  const a = words(out);
  const b = words(s);
  let i = 0;
  if (a && b) {
    for (let w = 0; w < a.length; w++) a[w] = ~b[w]! & 0x01010101;
    i = a.length * 4;
  }
  for (; i < s.length; i++) out[i] = s[i] ? 0 : 1;
  return out;
}

export function count(s: ActionSet): number {
  let n = 0;
  const a = words(s);
  let i = 0;
  if (a) {
    // a word's four 0/1 bytes summed in its top byte
    for (let w = 0; w < a.length; w++) n += Math.imul(a[w]!, 0x01010101) >>> 24;
    i = a.length * 4;
  }
  for (; i < s.length; i++) n += s[i]!;
  return n;
}

export function members(u: ActionUniverse, s: ActionSet): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) if (s[i]) out.push(u.actions[i]!);
  return out;
}
