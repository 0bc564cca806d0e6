/**
 * The access diff: for each principal (or each policy when no principal is known), the actions its Allow
 * statements grant in the head and not in the base (added) and the reverse (removed). Action patterns are expanded
 * with the IAM catalogue; when the catalogue is unavailable, patterns are compared as written. Deny statements and
 * conditions are not subtracted: this is what the policies *allow*, the reviewer's first question. Pure.
 */
import type { PolicyRecord } from '../policy/types.js';
import type { AccessDiffEntry } from '../result.js';
import { statementsOf, strings } from '../policy/statements.js';
import { accessLevelOf } from '../catalog/index.js';
import { catalogUniverse } from '../engine/actions.js';
import { allowedActionKeys } from '../engine/grants.js';

export type { AccessDiffEntry } from '../result.js';

/** Most consequential first. */
const LEVEL_ORDER = ['Permissions management', 'Write', 'Tagging', 'Read', 'List', 'Unknown'];

/** Index into LEVEL_ORDER of the action's access level (the catalogue's look-up is memoised there). */
function levelOf(action: string): number {
  let name = 'Unknown';
  try {
    name = accessLevelOf(action) ?? 'Unknown';
  } catch {
    /* no catalogue */
  }
  const l = LEVEL_ORDER.indexOf(name);
  return l < 0 ? LEVEL_ORDER.length - 1 : l;
}

/** `added` is sorted by name already; a stable sort by level keeps names in order within a level. */
function rank(added: string[]): { byLevel: Record<string, number>; ranked: string[] } {
  const counts = new Array<number>(LEVEL_ORDER.length).fill(0);
  const withLevel = added.map((a) => {
    const l = levelOf(a);
    counts[l]!++;
    return { a, l };
  });
  withLevel.sort((x, y) => x.l - y.l);
  const byLevel: Record<string, number> = {};
  LEVEL_ORDER.forEach((name, i) => {
    if (counts[i]) byLevel[name] = counts[i]!;
  });
  return { byLevel, ranked: withLevel.slice(0, 50).map((x) => x.a) };
}

function principalsOf(p: PolicyRecord): string[] {
  if (p.attachedTo.length) return p.attachedTo.map((a) => `${a.kind} ${a.id}`);
  if (p.policyType === 'scp' || p.policyType === 'rcp' || p.policyType === 'boundary') return [];
  return [`${p.policyType === 'identity' ? 'policy' : `${p.policyType} policy`} ${p.resource}${p.propertyPath ? '/' + p.propertyPath : ''}`];
}

/** What a principal's Allow statements name: Action patterns and NotAction lists (expanded per principal, on demand). */
interface Grants {
  patterns: Set<string>;
  notActions: string[][];
  files: Set<string>;
  /** Resource and trust policies: one Grants per grantee, so a new principal on the same action is a change. */
  holder?: { policyType: 'resource' | 'trust'; resource: string; grantee: string; conditional: boolean };
}

/** The principals an Allow statement names, as written (`*` for everyone); `(no principal)` when it names none. */
function granteesOf(s: ReturnType<typeof statementsOf>[number]): string[] {
  if (!s.principal) return ['(no principal)'];
  if (s.principal.wildcard) return ['*'];
  const out = s.principal.entries.flatMap((e) => e.values.map((v) => (typeof v.value === 'string' ? v.value : JSON.stringify(v.value))));
  return out.length ? [...new Set(out)] : ['(no principal)'];
}

function grantsOf(document: unknown, into: Grants): void {
  for (const s of statementsOf(document)) {
    if (s.effect !== 'Allow') continue;
    for (const a of strings(s.action)) into.patterns.add(a.value);
    const notActions = strings(s.notAction).map((a) => a.value);
    if (notActions.length) {
      into.patterns.add(`NotAction ${notActions.join(', ')}`);
      into.notActions.push(notActions);
    }
  }
}

/** Sort actions in catalogue order (service, then name) by the universe's index; unknown ones after, by name. */
function sortActions(list: string[], catalogOk: boolean): string[] {
  let idx: ReadonlyMap<string, number> = new Map();
  try {
    if (catalogOk) idx = catalogUniverse().index;
  } catch {
    /* no catalogue: plain string order below */
  }
  const keyed = list.map((a) => ({ a, i: idx.get(a.toLowerCase()) ?? Number.MAX_SAFE_INTEGER }));
  keyed.sort((x, y) => x.i - y.i || (x.a < y.a ? -1 : x.a > y.a ? 1 : 0));
  return keyed.map((k) => k.a);
}

/** Stored lists are capped so a PR touching thousands of `"Action": "*"` policies stays bounded in memory and report size. */
export const ACTION_LIST_CAP = 1000;

export interface AccessDiffLimits {
  /** Distinct grant changes expanded (each up to ~20 ms with "*"); the rest are skipped and reported. */
  maxComputations?: number;
  onSkip?: (principal: string) => void;
}

function holderFields(h: Grants['holder']): Pick<AccessDiffEntry, 'policyType' | 'resource' | 'grantees' | 'conditional'> {
  if (!h) return {};
  return { policyType: h.policyType, resource: h.resource, grantees: [h.grantee], ...(h.conditional ? { conditional: true } : {}) };
}

/** Each principal's (or holder and grantee's) Allow patterns, over the records of one side. */
function collectGrants(records: PolicyRecord[]): Map<string, Grants> {
  const m = new Map<string, Grants>();
  for (const p of records) {
    const holderType = (p.policyType === 'resource' || p.policyType === 'trust') && !p.attachedTo.length ? p.policyType : undefined;
    for (const who of principalsOf(p)) {
      if (holderType) {
        // per grantee: "account 999988887777 can now assume DeployRole" is news even when the action is not
        for (const s of statementsOf(p.document)) {
          if (s.effect !== 'Allow') continue;
          for (const grantee of granteesOf(s)) {
            const key = `${who}\u0000${grantee}`;
            let g = m.get(key);
            if (!g) m.set(key, (g = { patterns: new Set(), notActions: [], files: new Set(), holder: { policyType: holderType, resource: p.resource, grantee, conditional: false } }));
            g.files.add(p.file);
            if (s.condition?.length) g.holder!.conditional = true;
            grantsOf({ Statement: [s.raw] }, g);
          }
        }
        continue;
      }
      let g = m.get(who);
      if (!g) m.set(who, (g = { patterns: new Set(), notActions: [], files: new Set() }));
      g.files.add(p.file);
      grantsOf(p.document, g);
    }
  }
  return m;
}

/** Access diff between head and base records. `base` records are matched by principal, not by policy id. */
export function computeAccessDiff(head: PolicyRecord[], base: PolicyRecord[], limits: AccessDiffLimits = {}): AccessDiffEntry[] {
  const maxComputations = limits.maxComputations ?? 500;
  let computations = 0;
  let catalogOk = true;
  const actionsOf = (g: Grants | undefined): Set<string> => {
    if (!g) return new Set();
    const r = allowedActionKeys([...g.patterns].filter((p) => !p.startsWith('NotAction ')), g.notActions, catalogOk);
    if (!r.expanded) catalogOk = false;
    return r.keys;
  };
  const h = collectGrants(head);
  const b = collectGrants(base);
  const out: AccessDiffEntry[] = [];
  // principals with the same grants before and after share one computation (common: many roles, one template)
  const memo = new Map<string, Omit<AccessDiffEntry, 'principal' | 'files' | 'addedPatterns' | 'expanded'> | null>();
  const keyOf = (g: Grants | undefined) => (g ? JSON.stringify([...g.patterns].sort()) : '-');
  for (const who of [...new Set([...h.keys(), ...b.keys()])].sort()) {
    const hg = h.get(who);
    const bg = b.get(who);
    const hk = keyOf(hg);
    const bk = keyOf(bg);
    // same patterns on both sides: nothing changes, no expansion needed
    if (hk === bk) continue;
    const key = hk + '\u0000' + bk;
    let d = memo.get(key);
    if (d === undefined && computations >= maxComputations) {
      limits.onSkip?.(who);
      continue;
    }
    if (d === undefined) {
      computations++;
      const ha = actionsOf(hg);
      const ba = actionsOf(bg);
      const added = sortActions([...ha].filter((a) => !ba.has(a)), catalogOk);
      const removed = sortActions([...ba].filter((a) => !ha.has(a)), catalogOk);
      if (!added.length && !removed.length) d = null;
      else {
        const r = rank(added);
        d = {
          addedCount: added.length,
          removedCount: removed.length,
          added: added.slice(0, ACTION_LIST_CAP),
          removed: removed.slice(0, ACTION_LIST_CAP),
          addedByLevel: r.byLevel,
          addedRanked: r.ranked,
        };
      }
      memo.set(key, d);
    }
    if (!d) continue;
    out.push({
      principal: who.split('\u0000')[0]!,
      files: [...new Set([...(hg?.files ?? []), ...(bg?.files ?? [])])].sort(),
      ...d,
      addedPatterns: [...(hg?.patterns ?? [])].filter((p) => !bg?.patterns.has(p)),
      expanded: catalogOk,
      ...holderFields(hg?.holder ?? bg?.holder),
    });
  }
  return out;
}
