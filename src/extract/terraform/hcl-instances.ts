/**
 * The instances of a Terraform block (`count` / `for_each`, expanded statically where the values are known), and the
 * references an expression writes (which role a policy is attached to ...).
 */
import type { HclFile, Scope, V } from './hcl-eval.js';
import type { HclModule } from './hcl-eval.js';
import { iterate } from './hcl-eval.js';
import type { Attribute, Block, Expr, Traverser } from './hcl-syntax.js';
import { forEachChild } from './hcl-syntax.js';

const MAX_INSTANCES = 1000;

/** References written in an expression (for the resource table: which role a policy is attached to ...). */
export function referencesIn(x: Expr | undefined, indexOf?: (key: Expr) => string | undefined, withLocals = false): string[] {
  const out: string[] = [];
  const visit = (e: Expr | undefined): void => {
    if (!e) return;
    if (e.k !== 'trav') return forEachChild(e, visit);
    if (withLocals && e.obj.k === 'var' && e.obj.name === 'local' && e.steps[0]?.k === 'attr') out.push(`local.${e.steps[0].name}`);
    if (e.obj.k === 'var' && !['var', 'local', 'each', 'count', 'path', 'terraform', 'self'].includes(e.obj.name)) {
      const depth = e.obj.name === 'data' ? 3 : 2;
      let ref = travText(e.obj.name, e.steps, depth);
      // aws_iam_role.team[each.key] -> aws_iam_role.team["data"] when the index is static for this instance
      const idx = e.steps[depth - 1];
      if (indexOf && idx?.k === 'index') {
        const k = indexOf(idx.key);
        if (k !== undefined) ref += k;
      }
      out.push(ref);
      for (const st of e.steps) if (st.k === 'index') visit(st.key);
    } else forEachChild(e, visit);
  };
  visit(x);
  return out;
}

/** `aws_iam_role.app` / `data.x.y` (the resource part of a traversal, without attributes). */
function travText(root: string, steps: Traverser[], n: number): string {
  let out = root;
  let k = 1;
  for (const s of steps) {
    if (s.k !== 'attr' || k >= n) break;
    out += '.' + s.name;
    k++;
  }
  return out;
}

export interface Instance {
  key: string;
  vars: Map<string, V>;
  note?: string;
  /** Analysed although the known values turn the block off (count 0, empty for_each). */
  speculative?: boolean;
  /** count / for_each decided by an input: the instance may not be created (its Deny cancels nothing). */
  mayNotExist?: string;
}

/** The instances of a block; those whose count / for_each reads an input may not be created at all. */
export function instancesOf(module: HclModule, block: Block, file: HclFile): Instance[] {
  const list = staticInstances(module, block, file);
  const meta = block.body.items.find((a) => a.kind === 'attribute' && (a.name === 'count' || a.name === 'for_each'));
  if (!meta || meta.kind !== 'attribute') return list;
  const open = module.onInput(meta.expr, { file, vars: new Map() });
  return list.map((i) =>
    open || i.speculative || i.key === '' ? { ...i, mayNotExist: `${meta.name} = ${module.text(file, meta.expr)} is decided by an input: the resource may not be created` } : i,
  );
}

function staticInstances(module: HclModule, block: Block, file: HclFile): Instance[] {
  const attr = (n: string) => block.body.items.find((a) => a.kind === 'attribute' && a.name === n);
  const count = attr('count');
  const forEach = attr('for_each');
  if (count && count.kind === 'attribute') return countInstances(module, count, file);
  if (forEach && forEach.kind === 'attribute') return forEachInstances(module, forEach, file);
  return [{ key: '', vars: new Map() }];
}

const countVars = (index: V): Map<string, V> => new Map<string, V>([['count', { t: 'obj', entries: new Map<string, V>([['index', index]]) }]]);

/** `count = N`: N instances; 0 that an input may turn on: one, speculative; unknown: one with an unknown index. */
function countInstances(module: HclModule, count: Attribute, file: HclFile): Instance[] {
  const sc: Scope = { file, vars: new Map() };
  const v = module.guard(count.expr, sc);
  if (v.t === 'num' && Number.isInteger(v.v) && v.v >= 0) {
    if (v.v > MAX_INSTANCES) {
      module.error(`count = ${v.v} exceeds ${MAX_INSTANCES} instances; analysed once`, module.span(file, count.s, count.e), file);
    } else if (v.v === 0 && module.mayBeEnabled(count.expr, sc)) {
      // `count = var.create ? 1 : 0` off by default: a caller may switch it on, so the policy is still checked
      return [
        {
          key: '[0]',
          vars: countVars({ t: 'num', v: 0 }),
          note: 'count is 0 with the values known here (defaults, tfvars); analysed as if enabled, since a caller may enable it',
          speculative: true,
        },
      ];
    } else {
      return Array.from({ length: v.v }, (_x, i) => ({ key: `[${i}]`, vars: countVars({ t: 'num', v: i }), note: `count expanded statically (instance ${i} of ${v.v})` }));
    }
  }
  return [
    {
      key: '',
      vars: countVars({ t: 'unknown', expr: 'count.index', reason: 'count known only after apply' }),
      note: 'count is known only after apply: the block is analysed once, with placeholders for count.index',
    },
  ];
}

/** `for_each` over a known collection: one instance per key; otherwise once, with unknown `each.key` / `each.value`. */
function forEachInstances(module: HclModule, forEach: Attribute, file: HclFile): Instance[] {
  const sc: Scope = { file, vars: new Map() };
  const v = module.guard(forEach.expr, sc);
  const emptyKnown = (v.t === 'obj' && v.entries.size === 0) || (v.t === 'list' && v.items.length === 0);
  if (v.t === 'obj' || v.t === 'list') {
    const at = module.span(file, forEach.s, forEach.e);
    let pairs: [V, V][];
    try {
      pairs = v.t === 'list' ? v.items.map((x) => [x, x]) : iterate(v, at);
    } catch {
      pairs = [];
    }
    // empty for sure: written so, or decided by a module call's arguments (no input left to fill it)
    const literalEmpty = pairs.length === 0 && ((forEach.expr.k === 'tuple' || forEach.expr.k === 'object') || !module.mayBeEnabled(forEach.expr, sc));
    if ((pairs.length > 0 || literalEmpty) && pairs.length <= MAX_INSTANCES && pairs.every(([k]) => k.t === 'str' || k.t === 'num')) {
      return pairs.map(([k, val]) => {
        const key = k.t === 'str' || k.t === 'num' ? String(k.v) : '';
        return {
          key: `[${JSON.stringify(key)}]`,
          vars: new Map<string, V>([['each', { t: 'obj', entries: new Map<string, V>([['key', { t: 'str', v: key }], ['value', val]]) }]]),
          note: `for_each expanded statically (key "${key}")`,
        };
      });
    }
  }
  const each: V = {
    t: 'obj',
    entries: new Map<string, V>([
      ['key', { t: 'unknown', expr: 'each.key', reason: 'for_each known only after apply' }],
      ['value', { t: 'unknown', expr: 'each.value', reason: 'for_each known only after apply' }],
    ]),
  };
  return [
    {
      key: '',
      vars: new Map<string, V>([['each', each]]),
      ...(emptyKnown
        ? {
            note: 'for_each is empty with the values known here (defaults, tfvars); analysed once as if a caller filled it, with placeholders for each.key/each.value',
            speculative: true,
          }
        : { note: 'for_each is known only after apply: the block is analysed once, with placeholders for each.key/each.value' }),
    },
  ];
}
