/**
 * Values that depend on an input, with every possible value kept: a conditional on an input (`var.admin ? "*" :
 * ...`) and a selection by an input (`lookup(map, var.env)`, `map[var.env]`, `element(list, var.i)`, `list[var.i]`,
 * like CloudFormation's FindInMap over a parameter). The caller, a tfvars file or the workspace may pick any branch,
 * so a position that decides access analyses all of them ("when var.env is "prod""). Pure.
 */
import type { Span } from '../../policy/types.js';
import type { V } from './hcl-values.js';
import { equal, HclEvalError, plain } from './hcl-values.js';

export interface Branch {
  value: V;
  when: string;
}

/** At most this many branches of one selection are kept; beyond, the value is its worst case (unknown). */
export const MAX_BRANCHES = 64;
const MAX_ITEMS = 10_000;

/**
 * One value standing for `branches` (the first is the one the known inputs take, if `taken`): equal branches are
 * that value; lists are their union, each element not in every branch tagged with its branch; otherwise the taken
 * branch (or an unknown when none is taken) carrying the others as `alt`.
 */
export function combineBranches(expr: string, branches: Branch[], taken: boolean, unknownOf: () => V, at: Span): V {
  const first = branches[0];
  if (!first) return unknownOf();
  if (branches.length === 1) return taken ? first.value : { ...unknownOf(), alt: { expr, values: branches } };
  if (branches.every((b) => b.value.t !== 'unknown') && branches.every((b) => equal(b.value, first.value))) return first.value;
  if (branches.every((b) => b.value.t === 'list')) {
    const key = (i: V) => JSON.stringify(plain(i));
    const sets = branches.map((b) => new Set((b.value as V & { t: 'list' }).items.map(key)));
    const inAll = (k: string) => sets.every((s) => s.has(k));
    const seen = new Set<string>();
    const items: V[] = [];
    for (const b of branches) {
      for (const i of (b.value as V & { t: 'list' }).items) {
        const k = key(i);
        if (seen.has(k)) continue;
        seen.add(k);
        // an element of every branch is there either way; the others only when their branch is taken
        items.push(inAll(k) ? i : ({ ...i, branch: i.branch ?? b.when } as V));
        if (items.length > MAX_ITEMS) throw new HclEvalError('list too large', at);
      }
    }
    return { t: 'list', items, at };
  }
  if (!taken) return { ...unknownOf(), alt: { expr, values: branches } };
  return { ...first.value, alt: { expr, values: branches } } as V;
}

/**
 * Every value a selection by an input may yield: the collection's values (map entries or list elements), each with
 * the key that selects it, and the default (`lookup`'s third argument) for any other key. The value the known
 * inputs select (`chosen`) comes first. Undefined when the collection is not a known map or list, or is too large.
 */
export function selectionBranches(keyText: string, collection: V, chosen: V | undefined, fallback?: V): Branch[] | undefined {
  let out: Branch[];
  if (collection.t === 'obj') out = [...collection.entries].map(([k, value]) => ({ value, when: `when ${keyText} is ${JSON.stringify(k)}` }));
  else if (collection.t === 'list') out = collection.items.map((value, i) => ({ value, when: `when ${keyText} is ${i}` }));
  else return undefined;
  if (fallback) out.push({ value: fallback, when: `when ${keyText} is another key` });
  if (out.length > MAX_BRANCHES) return undefined;
  if (chosen) {
    const i = out.findIndex((b) => b.value === chosen);
    if (i > 0) {
      const [b] = out.splice(i, 1);
      out.unshift(b!);
    }
  }
  return out;
}

/**
 * `data "aws_iam_policy_document"` arguments: remove from each statement the condition blocks present only in one
 * branch (a `dynamic "condition"` whose for_each an input decides). A condition only narrows, so the statement
 * without it is the wider of the two and covers both; returns a note per removed block. Mutates `args`.
 */
export function dropBranchConditions(args: V): string[] {
  const notes: string[] = [];
  const statements = args.t === 'obj' ? args.entries.get('statement') : undefined;
  if (!statements || statements.t !== 'list') return notes;
  statements.items.forEach((st, i) => {
    if (st.t !== 'obj') return;
    const conditions = st.entries.get('condition');
    if (!conditions || conditions.t !== 'list') return;
    const kept = conditions.items.filter((c) => !c.branch);
    if (kept.length === conditions.items.length) return;
    for (const c of conditions.items) {
      if (!c.branch) continue;
      const variable = c.t === 'obj' ? c.entries.get('variable') : undefined;
      const key = variable?.t === 'str' ? ` on ${variable.v}` : '';
      notes.push(`a condition${key} of statement ${i} is present only ${c.branch}: the statement is analysed without it (the wider branch)`);
    }
    st.entries.set('condition', { ...conditions, items: kept });
  });
  return notes;
}
