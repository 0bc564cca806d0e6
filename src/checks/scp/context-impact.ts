/**
 * Condition-aware SCP change impact: base and head hierarchies are evaluated in every representative request
 * context (engine/contexts.ts); contexts with the same difference are grouped and described by the condition values
 * that single them out ("aws:RequestedRegion is "us-east-1": every action except iam:*, sts:* now denied").
 */
import { type ActionSet, type ActionUniverse, count, members } from '../../engine/actions.js';
import { type EvalStatement } from '../../engine/grants.js';
import { type ScpLevel, evaluateHierarchy } from '../../engine/org.js';
import type { ContextSpace } from '../../engine/contexts.js';
import { conditionTable, contextSpace } from '../../engine/contexts.js';
import { byService } from './model.js';
import type { ContextImpact, ServiceGroup } from '../../result.js';

export type { ContextImpact, ServiceGroup } from '../../result.js';


export interface ContextDiff {
  contexts: ContextImpact[];
  /** Condition keys not modelled (too many contexts): Denies on them stay "may apply". */
  unmodelled: string[];
  /** Union over contexts. */
  denied: ActionSet;
  allowed: ActionSet;
  /**
   * Actions newly allowed in a context where the base already allowed most actions: a Deny that singled them out was
   * lifted (a guardrail such as "never stop CloudTrail"), as opposed to a context opening as a whole (a Region added
   * to a region lock, where every action becomes allowed at once).
   */
  targeted: ActionSet;
}

const serviceTotals = new WeakMap<ActionUniverse, Map<string, number>>();

function totals(u: ActionUniverse): Map<string, number> {
  let t = serviceTotals.get(u);
  if (!t) {
    t = new Map();
    for (const a of u.actions) {
      const s = a.slice(0, a.indexOf(':'));
      t.set(s, (t.get(s) ?? 0) + 1);
    }
    serviceTotals.set(u, t);
  }
  return t;
}

/** `every action`, `every action except iam:*, sts:*, ...`, or `sts:*, 3 s3 actions (s3:PutObject, ...)`. */
export function describeActions(u: ActionUniverse, set: ActionSet, n = count(set)): string {
  const t = totals(u);
  const name = (g: ServiceGroup, withExamples: boolean): string =>
    g.count === t.get(g.service) ? `${g.service}:*` : `${g.count} ${g.service} action${g.count === 1 ? '' : 's'}${withExamples ? ` (${g.examples.slice(0, 2).join(', ')}${g.count > 2 ? ', ...' : ''})` : ''}`;
  if (n === u.actions.length) return 'every action';
  if (n > u.actions.length / 2) {
    const rest = new Uint8Array(set.length);
    for (let i = 0; i < set.length; i++) rest[i] = set[i] ? 0 : 1;
    const g = byService(members(u, rest)).sort((a, b) => a.service.localeCompare(b.service));
    return `every action except ${g.slice(0, 10).map((x) => name(x, false)).join(', ')}${g.length > 10 ? ` and ${g.length - 10} more services` : ''}`;
  }
  const g = byService(members(u, set));
  return `${g.slice(0, 6).map((x) => name(x, true)).join(', ')}${g.length > 6 ? ` and ${g.length - 6} more services (${n} actions)` : ''}`;
}

function conditionEntries(levels: ScpLevel[][]): EvalStatement['conditions'] {
  return levels.flatMap((ls) => ls.flatMap((l) => l.statements.flatMap((s) => s.conditions)));
}

function describeTuple(space: ContextSpace, t: readonly number[]): string {
  return space.domains.map((d, i) => `${d.key} ${d.samples[t[i]!]!.label === 'absent' ? 'absent' : `is ${d.samples[t[i]!]!.label}`}`).join(' and ');
}

/** Names the requests a group of contexts stands for. */
export function describeGroup(space: ContextSpace, tuples: number[][]): string {
  if (tuples.length === space.tuples.length) return 'every request';
  const seen = space.domains.map((_, i) => new Set(tuples.map((t) => t[i]!)));
  const product = seen.reduce((p, s) => p * s.size, 1);
  if (product !== tuples.length) {
    return `${tuples.slice(0, 3).map((t) => describeTuple(space, t)).join('; or ')}${tuples.length > 3 ? ` (and ${tuples.length - 3} more combinations)` : ''}`;
  }
  const parts: string[] = [];
  space.domains.forEach((d, i) => {
    const s = seen[i]!;
    if (s.size === d.samples.length) return;
    const inside = d.samples.filter((_, j) => s.has(j));
    const outside = d.samples.filter((_, j) => !s.has(j));
    if (inside.some((x) => x.other) && outside.length <= inside.length) parts.push(`${d.key} is anything but ${outside.map((x) => x.label).join(', ')}`);
    else parts.push(`${d.key} is ${inside.map((x) => x.label).join(' or ')}`);
  });
  return parts.join(' and ');
}

function sameSets(a: ActionSet, b: ActionSet): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function fingerprint(a: ActionSet, b: ActionSet): string {
  let h = 2166136261;
  for (let i = 0; i < a.length; i++) h = Math.imul(h ^ (a[i]! | (b[i]! << 1)), 16777619);
  return String(h >>> 0);
}

/** Condition entries whose exact (operator, key, values) appear in only one of the two versions: the change. */
function changedKeys(before: ScpLevel[], after: ScpLevel[]): Set<string> {
  const sig = (ls: ScpLevel[]) => new Set(conditionEntries([ls]).map((c) => JSON.stringify([c.operator, c.key.toLowerCase(), c.values.map((v) => v.value)])));
  const b = sig(before);
  const a = sig(after);
  const out = new Set<string>();
  for (const x of a) if (!b.has(x)) out.add((JSON.parse(x) as string[])[1]!);
  for (const x of b) if (!a.has(x)) out.add((JSON.parse(x) as string[])[1]!);
  return out;
}

interface Group {
  d: ActionSet;
  a: ActionSet;
  tuples: number[][];
}

/** Base vs head of a hierarchy in every representative context, grouped by identical difference. */
export function contextDiff(u: ActionUniverse, before: ScpLevel[], after: ScpLevel[]): ContextDiff {
  const space = contextSpace(conditionEntries([after, before]), changedKeys(before, after));
  const n = u.actions.length;
  const denied = new Uint8Array(n);
  const allowed = new Uint8Array(n);
  const targeted = new Uint8Array(n);
  const conditional = [...before, ...after].flatMap((l) => l.statements).filter((st) => st.conditions.length);
  const tables = new Map(conditional.map((st) => [st, conditionTable(space, st.conditions)]));
  const byVector = new Map<string, Group | null>();
  const groups = new Map<string, Group[]>();
  for (const tuple of space.tuples) {
    const truth = new Map<EvalStatement, boolean | undefined>();
    let vector = '';
    for (const [st, table] of tables) {
      const r = table(tuple);
      truth.set(st, r);
      vector += r === undefined ? '?' : r ? '1' : '0';
    }
    let g = byVector.get(vector);
    if (g === undefined) {
      g = diffIn(u, before, after, (st) => (st.conditions.length ? truth.get(st) : true), groups, { denied, allowed, targeted });
      byVector.set(vector, g);
    }
    if (g) g.tuples.push(tuple);
  }
  const contexts: ContextImpact[] = [];
  for (const g of [...groups.values()].flat()) {
    if (!g.tuples.length) continue;
    const when = describeGroup(space, g.tuples);
    const dn = count(g.d);
    const an = count(g.a);
    const plural = (k: number): string => `${k} action${k === 1 ? '' : 's'}`;
    const said = [dn ? `${describeActions(u, g.d, dn)} now denied (${plural(dn)}, allowed before)` : '', an ? `${describeActions(u, g.a, an)} now allowed (${plural(an)}, denied before)` : ''].filter(Boolean).join('; ');
    contexts.push({
      when,
      contexts: g.tuples.length,
      newlyDenied: byService(members(u, g.d)),
      newlyDeniedCount: dn,
      newlyAllowed: byService(members(u, g.a)),
      newlyAllowedCount: an,
      summary: `${when === 'every request' ? 'For every request' : `When ${when}`}: ${said}`,
    });
  }
  contexts.sort((x, y) => y.newlyDeniedCount + y.newlyAllowedCount - (x.newlyDeniedCount + x.newlyAllowedCount) || x.when.localeCompare(y.when));
  return { contexts, unmodelled: space.unmodelled, denied, allowed, targeted };
}

/** The difference for one truth vector: its group (shared with other vectors of the same difference), or null. */
function diffIn(u: ActionUniverse, before: ScpLevel[], after: ScpLevel[], cond: (st: EvalStatement) => boolean | undefined, groups: Map<string, Group[]>, acc: { denied: ActionSet; allowed: ActionSet; targeted: ActionSet }): Group | null {
  const n = u.actions.length;
  const b = evaluateHierarchy(u, before, undefined, cond).allowed;
  const h = evaluateHierarchy(u, after, undefined, cond).allowed;
  const d = new Uint8Array(n);
  const a = new Uint8Array(n);
  let any = 0;
  let baseAllowed = 0;
  for (let i = 0; i < n; i++) {
    d[i] = b[i]! & (h[i]! ^ 1);
    a[i] = h[i]! & (b[i]! ^ 1);
    any |= d[i]! | a[i]!;
    baseAllowed += b[i]!;
    acc.denied[i]! |= d[i]!;
    acc.allowed[i]! |= a[i]!;
  }
  if (!any) return null;
  if (baseAllowed * 2 >= n) for (let i = 0; i < n; i++) acc.targeted[i]! |= a[i]!;
  const key = fingerprint(d, a);
  let list = groups.get(key);
  if (!list) groups.set(key, (list = []));
  let g = list.find((x) => sameSets(x.d, d) && sameSets(x.a, a));
  if (!g) list.push((g = { d, a, tuples: [] }));
  return g;
}
