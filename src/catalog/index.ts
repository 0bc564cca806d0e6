/**
 * The IAM catalogue API: pure, memoised look-ups over the Service Authorization Reference data. The data is loaded
 * lazily (on the first call that needs it) and synchronously.
 */
import { Memo } from '../util/memo.js';
import { FACT_BASE, LEVEL_BITS, REPEATED_BIT, WILDCARD_ONLY_BIT, type CatalogFile } from './file-format.js';
import { loadCatalogFile, peekCatalogStamp, type CatalogSource } from './load.js';
import type { AccessLevel, ActionInfo, ActionResourceType, CatalogResourceType, ConditionKeyInfo, ServiceInfo, ServiceSlice } from './types.js';
import { levelsFrom, ServiceActions } from './action-details.js';
import { KeyIndex } from './key-index.js';

export { editDistance, suggestAction, suggestService } from './suggest.js';
export type { AccessLevel, ActionInfo, ActionResourceType, CatalogResourceType, ConditionKeyInfo, ServiceInfo } from './types.js';

export const ACCESS_LEVELS: readonly AccessLevel[] = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'];

/** The most specific level of each level bit set of the index's fact codes (as `levelsFrom` of the same letters). */
const LEVEL_OF_BITS: readonly AccessLevel[] = Array.from({ length: WILDCARD_ONLY_BIT }, (_, bits) => {
  const letters = (Object.keys(LEVEL_BITS) as (keyof typeof LEVEL_BITS)[]).filter((l) => bits & LEVEL_BITS[l]).join('');
  return levelsFrom(letters).accessLevel;
});

interface ServiceRuntime {
  entry: ServiceEntry;
  /** Each action's details, built when first asked for. */
  actions: ServiceActions;
  /** Every action by lower-case name (`serviceActions`), made when first asked for. */
  all?: Map<string, ActionInfo>;
}

/** A service as the catalogue file's index gives it (its details are parsed on first use: `detailsOf`). */
interface ServiceEntry {
  prefix: string;
  name: string;
  /** Its actions as `service:Name` (the catalogue's `actions` entries: the same texts), sorted by name. */
  keys: string[];
  /** The action names as AWS spells them (`keys` without the prefix), made on first use: `namesOf`. */
  names?: string[];
  details?: ServiceSlice;
  /** Lower-case action name -> its position in `actions` (a later spelling wins, as in `buildActions`). */
  positions?: Map<string, number>;
  /** Each of its `service:Name` texts (the catalogue's entries) -> its position in `actions` (made on first use). */
  exact?: Map<string, number>;
  /** Position of its first action in the catalogue's `actions` (and `facts`). */
  base: number;
  /** `serviceActionNames`'s answer, made on first use. */
  listed?: { names: string[]; keys: string[]; byName: Map<string, number>; lower: string[] };
}

export interface Catalog {
  version: string;
  /** ISO date the data was refreshed. */
  date: string;
  source: CatalogSource;
  /** Every service prefix, sorted. */
  services: string[];
  /** Every action as `service:Name`, sorted by service then name. */
  actions: string[];
  /** Per action of `actions`: its fact code from the index (level bits, WILDCARD_ONLY_BIT; file-format.ts). */
  facts: Uint8Array;
  /** Per action of `actions`: its service's position in `services`. */
  serviceAt: Uint16Array | Uint32Array;
  /** Length of the longest action name (the part after `service:`). */
  longestName: number;
  globalKeys: KeyIndex;
  allKeys: KeyIndex;
  rcp: Set<string>;
  /** The catalogue file: its index parsed, each service's details parsed when first needed. */
  file: CatalogFile;
  /** Lower-case prefix -> the service's index entry. */
  entries: Map<string, ServiceEntry>;
  runtime: Map<string, ServiceRuntime>;
  /** Indexes derived from the data on demand, kept with it (bounded where the key is input text). */
  derived: Derived;
}

interface Derived {
  /** Exact action text -> its details (the least-privilege rules ask about ~22,000 actions, several times over). */
  info: Memo<string, ActionInfo | undefined>;
  suggestions: Memo<string, string | undefined>;
  /** `suggestService` by the prefix as written (the same unknown prefix recurs in every file that spells it). */
  serviceSuggestions: Memo<string, string | undefined>;
  serviceTypes: Memo<string, CatalogResourceType[]>;
  actionKeys: WeakMap<ActionInfo, KeyIndex>;
  keysListedByActions?: KeyIndex;
  /**
   * The position `actionPosition` last found by its exact spelling: rules walking the catalogue's list ask about
   * each action in turn (its access level, then whether it is wildcard-only), and an action is compared with this
   * entry and the next before it is hashed. A hint only: checked against `actions`, never trusted.
   */
  hint: number;
  /** `catalogActionMask`'s set. */
  mask?: Uint8Array;
  /** `catalogDistinctActions`' count. */
  distinct?: number;
}

let catalog: Catalog | undefined;

/** The loaded catalogue (loads it on first use). Throws a clear error when none is available. */
export function getCatalog(): Catalog {
  if (catalog) return catalog;
  const { file, source } = loadCatalogFile();
  const { index } = file;
  const entries = new Map<string, ServiceEntry>();
  const codes = new Map<string, string>();
  // indexed loops, no destructuring: this runs once, before any of it is optimised (an iterator per element)
  let total = 0;
  for (let i = 0; i < index.services.length; i++) {
    const s = index.services[i]!;
    entries.set(s[0], { prefix: s[0], name: s[1], keys: s[2], base: 0 });
    codes.set(s[0], s[5]);
    total += s[2].length;
  }
  const services = [...entries.keys()].sort();
  // the services' lists joined in one native call (no push per action, no growing copies of a ~22,000-entry array;
  // flat, not a spread into concat: a foreign file's service count must not reach the argument limit)
  const lists: string[][] = [];
  for (let si = 0; si < services.length; si++) lists.push(entries.get(services[si]!)!.keys);
  const actions: string[] = lists.flat();
  let longestName = 0;
  const facts = new Uint8Array(total);
  const serviceAt = services.length <= 0xffff ? new Uint16Array(total) : new Uint32Array(total);
  const allKeys = new KeyIndex();
  const globalKeys = new KeyIndex();
  for (let i = 0; i < index.global.length; i++) {
    const g = index.global[i]!;
    globalKeys.add(g[0], g[1]);
    allKeys.add(g[0], g[1]);
  }
  let base = 0;
  for (let si = 0; si < services.length; si++) {
    const p = services[si]!;
    const entry = entries.get(p)!;
    const text = codes.get(p)!;
    const keys = entry.keys;
    entry.base = base;
    serviceAt.fill(si, base, base + keys.length);
    for (let n = 0; n < keys.length; n++) {
      facts[base + n] = text.charCodeAt(n) - FACT_BASE;
      if (keys[n]!.length - p.length - 1 > longestName) longestName = keys[n]!.length - p.length - 1;
    }
    base += keys.length;
  }
  for (let i = 0; i < index.keys.length; i++) allKeys.add(index.keys[i]![0], index.keys[i]![1]);
  catalog = {
    version: file.version,
    date: file.date,
    source,
    services,
    actions,
    facts,
    serviceAt,
    longestName,
    globalKeys,
    allKeys,
    rcp: new Set(index.rcp),
    file,
    entries,
    runtime: new Map(),
    derived: { info: new Memo(60_000), suggestions: new Memo(10_000), serviceSuggestions: new Memo(10_000), serviceTypes: new Memo(10_000), actionKeys: new WeakMap(), hint: 0 },
  };
  return catalog;
}

/** True once the catalogue is loaded (for reports that should not trigger a load). */
export function catalogLoaded(): boolean {
  return catalog !== undefined;
}

/** Data version and date, cheaply (without loading the catalogue unless it already is). */
export function catalogStamp(): { version: string; date: string } | undefined {
  if (catalog) return { version: catalog.version, date: catalog.date };
  return peekCatalogStamp();
}

/** A service's details (parsed from the catalogue file on first use), undefined for an unknown prefix. */
function detailsOf(c: Catalog, prefix: string): { entry: ServiceEntry; details: ServiceSlice } | undefined {
  const entry = c.entries.get(prefix);
  if (!entry) return undefined;
  entry.details ??= c.file.slice(prefix)!;
  return { entry, details: entry.details };
}

function service(prefix: string): ServiceRuntime | undefined {
  const c = getCatalog();
  const p = prefix.toLowerCase();
  let rt = c.runtime.get(p);
  if (rt) return rt;
  const found = detailsOf(c, p);
  if (!found) return undefined;
  rt = { entry: found.entry, actions: new ServiceActions(p, namesOf(found.entry), c.actions, found.entry.base, found.details, c.source.file ?? 'file') };
  c.runtime.set(p, rt);
  return rt;
}

export function serviceExists(prefix: string): boolean {
  return getCatalog().entries.has(prefix.toLowerCase());
}

export function serviceInfo(prefix: string): ServiceInfo | undefined {
  const c = getCatalog();
  const s = c.entries.get(prefix.toLowerCase());
  if (!s) return undefined;
  return { prefix: prefix.toLowerCase(), name: s.name, actionCount: s.keys.length, rcpSupported: c.rcp.has(prefix.toLowerCase()) };
}

/** Services whose resources RCPs can restrict. */
export function rcpSupportedServices(): string[] {
  return [...getCatalog().rcp].sort();
}

/** Splits `service:Action` at the first colon; undefined when there is none. */
export function splitAction(action: string): { service: string; name: string } | undefined {
  const i = action.indexOf(':');
  if (i < 0) return undefined;
  return { service: action.slice(0, i), name: action.slice(i + 1) };
}

/** Details of one action (case-insensitive), or undefined when it does not exist. Wildcards are not expanded. */
export function actionInfo(action: string): ActionInfo | undefined {
  // a hot path (every granted action of every rule): no closure per call
  const memo = getCatalog().derived.info;
  const hit = memo.get(action);
  return hit !== undefined || memo.has(action) ? hit : memo.set(action, actionInfoUncached(action));
}

function actionInfoUncached(action: string): ActionInfo | undefined {
  // by its catalogue position (its service's action by lower-case name, as actionPosition finds it)
  const i = actionPosition(action);
  if (i < 0) return undefined;
  const c = getCatalog();
  const rt = service(c.services[c.serviceAt[i]!]!)!;
  return rt.actions.info(i - rt.entry.base);
}

/** A service's actions by lower-case name (undefined for an unknown service). */
export function serviceActions(prefix: string): ReadonlyMap<string, ActionInfo> | undefined {
  const rt = service(prefix);
  if (!rt) return undefined;
  if (!rt.all) {
    // one per lower-case name, in first-occurrence order, a later spelling winning
    rt.all = new Map();
    for (const [lower, n] of namePositions(rt.entry)) rt.all.set(lower, rt.actions.info(n));
  }
  return rt.all;
}

/** Resource types the action accepts ([] for unknown or wildcard-only actions). */
export function resourceTypesFor(action: string): ActionResourceType[] {
  return actionInfo(action)?.resourceTypes ?? [];
}

/**
 * A condition key's type and kind. With `action`, answers only when the key applies to that action (a global key
 * or one the action or its resource types list).
 */
export function conditionKeyInfo(key: string, action?: string): ConditionKeyInfo | undefined {
  const c = getCatalog();
  const g = c.globalKeys.get(key);
  const info = (e: { key: string; type: string }, global: boolean): ConditionKeyInfo => ({
    key: e.key,
    type: e.type,
    global,
    multivalued: e.type.startsWith('ArrayOf'),
  });
  if (g) return info(g, true);
  const e = c.allKeys.get(key);
  if (!e) return undefined;
  if (action === undefined) return info(e, false);
  const a = actionInfo(action);
  if (!a) return undefined;
  return actionSupportsKey(a, key) ? info(e, false) : undefined;
}

/** Is the key listed for this action (or one of its resource types)? Global keys are not counted here. */
export function actionSupportsKey(a: ActionInfo, key: string): boolean {
  const index = getCatalog().derived.actionKeys;
  let idx = index.get(a);
  if (!idx) {
    idx = new KeyIndex();
    for (const k of a.conditionKeys) idx.add(k, '');
    index.set(a, idx);
  }
  return idx.get(key) !== undefined;
}

/** Is the key a known global (`aws:`) key? */
export function isGlobalConditionKey(key: string): boolean {
  return getCatalog().globalKeys.get(key) !== undefined;
}

/** Is the key known at all (global, or listed by any service)? */
export function conditionKeyExists(key: string): boolean {
  return getCatalog().allKeys.get(key) !== undefined;
}

/** Every known action with the given access level (most specific level, as `actionInfo(...).accessLevel`). */
export function actionsWithAccessLevel(level: AccessLevel): string[] {
  const c = getCatalog();
  const out: string[] = [];
  for (const p of c.services) for (const key of serviceActionNames(p)!.keys) if (accessLevelOf(key) === level) out.push(key);
  return out;
}

/** Every resource type a service defines ([] for an unknown service). */
export function serviceResourceTypes(prefix: string): CatalogResourceType[] {
  const p = prefix.toLowerCase();
  return getCatalog().derived.serviceTypes.getOr(p, () => {
    const s = detailsOf(getCatalog(), p)?.details;
    return s ? s.r.map(([name, arns, keys]) => ({ name, arnFormats: arns ? arns.split('|') : [], conditionKeys: keys.map((i) => s.k[i]![0]) })) : [];
  });
}

/**
 * Does any action in the catalogue list this condition key? Some keys are defined by a service but listed by none
 * of its actions (gaps in the reference data): checks cannot tell which actions take those.
 */
export function conditionKeyListedByActions(key: string): boolean {
  const c = getCatalog();
  if (!c.derived.keysListedByActions) {
    const idx = new KeyIndex();
    const listed = c.file.index.listed;
    for (let i = 0; i < listed.length; i++) idx.add(listed[i]![0], listed[i]![1]);
    c.derived.keysListedByActions = idx;
  }
  return c.derived.keysListedByActions.get(key) !== undefined;
}

/**
 * An action's position in the catalogue's `actions` (-1 for an unknown action), case-insensitive as `actionInfo`:
 * an action as the catalogue spells it (every expansion's) is found by one look-up, any other spelling by its
 * service and lower-case name. From the index alone: no service's details are parsed. Rules ask about every
 * catalogue action when a policy grants `Action: "*"`.
 */
export function actionPosition(action: string): number {
  const c = getCatalog();
  const exact = exactPosition(c, action);
  // a spelling whose lower-case name repeats later in its service answers as that later one (as actionInfo does)
  if (exact !== undefined && (c.facts[exact]! & REPEATED_BIT) === 0) return exact;
  const i = action.indexOf(':');
  if (i < 0) return -1;
  const entry = c.entries.get(action.slice(0, i).toLowerCase());
  if (!entry) return -1;
  const n = namePositions(entry).get(action.slice(i + 1).toLowerCase());
  return n === undefined ? -1 : entry.base + n;
}

/** The position of an action spelt exactly as the catalogue spells it (`getCatalog().actions[i] === action`), or -1. */
export function exactActionPosition(action: string): number {
  return exactPosition(getCatalog(), action) ?? -1;
}

/**
 * The catalogue's distinct actions as a set over positions of `actions`: 1 for each, but for an earlier spelling of
 * a name its service repeats (its look-ups answer with the later one). Shared: read only.
 */
export function catalogActionMask(): Uint8Array {
  const c = getCatalog();
  if (!c.derived.mask) {
    const mask = new Uint8Array(c.facts.length);
    for (let i = 0; i < mask.length; i++) mask[i] = c.facts[i]! & REPEATED_BIT ? 0 : 1;
    c.derived.mask = mask;
  }
  return c.derived.mask;
}

/**
 * How many distinct texts the catalogue's `actions` holds (`new Set(actions).size`), counted once. Two entries can
 * share a text only within a service whose lower-case names repeat (an earlier spelling carries REPEATED_BIT) or
 * across services when a prefix holds a colon (a text's service is found by its first colon): with neither (every
 * catalogue of today's data) it is the list's length, and admin-wildcard's `Action: "*"` walks no ~22,000 entries.
 */
export function catalogDistinctActions(): number {
  const c = getCatalog();
  if (c.derived.distinct === undefined) {
    let plain = !c.services.some((p) => p.includes(':'));
    for (let i = 0; plain && i < c.facts.length; i++) if (c.facts[i]! & REPEATED_BIT) plain = false;
    c.derived.distinct = plain ? c.actions.length : new Set(c.actions).size;
  }
  return c.derived.distinct;
}

/**
 * The position of the catalogue entry spelt exactly `action` (the last one, were a text there twice), found through
 * its service (the text before its first colon, as the catalogue spells its prefixes) and a map of that service's
 * entries made on first use: a run builds the maps of the services it names, not one of ~22,000 entries.
 */
function exactPosition(c: Catalog, action: string): number | undefined {
  // first the entry found last, or the next one (a walk over the catalogue's list asks each action in turn): an
  // entry of the same text that is not an earlier spelling of a repeated name is that text's last entry
  const d = c.derived;
  const h = d.hint;
  if (c.actions[h] === action && (c.facts[h]! & REPEATED_BIT) === 0) return h;
  if (c.actions[h + 1] === action && (c.facts[h + 1]! & REPEATED_BIT) === 0) return (d.hint = h + 1);
  const colon = action.indexOf(':');
  const entry = colon < 0 ? undefined : c.entries.get(action.slice(0, colon));
  if (!entry) return undefined;
  if (!entry.exact) {
    const exact = new Map<string, number>();
    for (let n = 0; n < entry.keys.length; n++) exact.set(entry.keys[n]!, entry.base + n);
    entry.exact = exact;
  }
  const i = entry.exact.get(action);
  if (i !== undefined) d.hint = i;
  return i;
}

/** A service's action names (its keys without `prefix:`), made on first use. */
function namesOf(entry: ServiceEntry): string[] {
  return (entry.names ??= entry.keys.map((k) => k.slice(entry.prefix.length + 1)));
}

/** A service's lower-case action names -> position in its `actions` (first-occurrence order, a later spelling wins). */
function namePositions(entry: ServiceEntry): Map<string, number> {
  if (!entry.positions) {
    entry.positions = new Map();
    namesOf(entry).forEach((name, n) => entry.positions!.set(name.toLowerCase(), n));
  }
  return entry.positions;
}

/**
 * An action as the catalogue spells it (`s3:GetObject` for `S3:getobject`: `actionInfo(action)?.key`), undefined for
 * an unknown action. From the index alone (no service's details parsed).
 */
export function canonicalAction(action: string): string | undefined {
  const i = actionPosition(action);
  return i < 0 ? undefined : getCatalog().actions[i];
}

/**
 * A service's actions from the index alone (no details parsed), as `serviceActions` lists them (one per lower-case
 * name, a later spelling winning, in first-occurrence order): each one's name and its `service:Name` key (the
 * catalogue's `actions` entry, the same text as its `ActionInfo.key`) and its name in lower case. Undefined for an
 * unknown service.
 */
export function serviceActionNames(prefix: string): { names: readonly string[]; keys: readonly string[]; byName: ReadonlyMap<string, number>; lower: readonly string[] } | undefined {
  const c = getCatalog();
  const entry = c.entries.get(prefix.toLowerCase());
  if (!entry) return undefined;
  if (!entry.listed) {
    const byName = namePositions(entry);
    // no lower-case name repeats (every service of today's data): the lists are the service's own, in its order
    if (byName.size === entry.keys.length) {
      const lower = Array.from(byName.keys());
      entry.listed = { names: namesOf(entry), keys: entry.keys, byName, lower };
      return entry.listed;
    }
    const names: string[] = [];
    const keys: string[] = [];
    const lower: string[] = [];
    const at = new Map<string, number>();
    // forEach: no [key, value] pair made per entry
    byName.forEach((n, name) => {
      at.set(name, names.length);
      names.push(namesOf(entry)[n]!);
      keys.push(c.actions[entry.base + n]!);
      lower.push(name);
    });
    entry.listed = { names, keys, byName: at, lower };
  }
  return entry.listed;
}

function factCode(action: string): number {
  const i = actionPosition(action);
  return i < 0 ? -1 : getCatalog().facts[i]!;
}

/** `accessLevelOf` of the `i`th entry of the catalogue's `actions` (as `wildcardOnlyAt`: no look-up of its text). */
export function accessLevelAt(i: number): AccessLevel {
  return LEVEL_OF_BITS[getCatalog().facts[i]! & (WILDCARD_ONLY_BIT - 1)]!;
}

/** The most specific access level of an action (undefined for unknown actions). */
export function accessLevelOf(action: string): AccessLevel | undefined {
  const code = factCode(action);
  return code < 0 ? undefined : LEVEL_OF_BITS[code & (WILDCARD_ONLY_BIT - 1)];
}

/**
 * `isWildcardOnly` of the `i`th entry of the catalogue's `actions` (an earlier spelling of a repeated name carries
 * the later one's facts, as its look-ups answer with that one).
 */
export function wildcardOnlyAt(i: number): boolean {
  return (getCatalog().facts[i]! & WILDCARD_ONLY_BIT) !== 0;
}

/** True when the action supports no resource-level permissions (only `Resource: "*"` makes sense for it). */
export function isWildcardOnly(action: string): boolean {
  const code = factCode(action);
  return code >= 0 && (code & WILDCARD_ONLY_BIT) !== 0;
}
