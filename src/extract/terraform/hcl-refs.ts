/**
 * References of the evaluator (hcl-eval.ts): `var.` / `local.` / `data.` / resources / modules, and traversal of
 * attributes, indexes and splats; what is only known at apply stays an unknown with the reference it came from.
 */
import type { Span } from '../../policy/types.js';
import { combineBranches } from './branches.js';
import type { HclModule } from './hcl-eval.js';
import { selection } from './hcl-exprs.js';
import { renderDocument } from './hcl-render.js';
import type { Expr, Traverser } from './hcl-syntax.js';
import { ARGUMENT_OF, HclEvalError, MAX_COLLECTION, POLICY_DOCUMENT, hash, isIdentifyingAttribute, num, refText, relocate, scalarString, str, unknown } from './hcl-values.js';
import type { Scope, V } from './hcl-values.js';
import { iamPolicyData } from './iam-policy-data.js';

export function root(m: HclModule, name: string, steps: Traverser[], sc: Scope, at: Span, x: Expr): V {
  const local = sc.vars.get(name);
  if (local) return traverse(m, local, steps, sc, at, m.text(sc.file, x));
  const first = steps[0];
  const attr = first?.k === 'attr' ? first.name : undefined;
  const text = m.text(sc.file, x);
  switch (name) {
    case 'var':
      if (!attr) throw new HclEvalError('var must be followed by a variable name', at);
      return relocate(traverse(m, m.variable(attr, at), steps.slice(1), sc, at, text), at);
    case 'local':
      if (!attr) throw new HclEvalError('local must be followed by a name', at);
      return relocate(traverse(m, m.local(attr, at), steps.slice(1), sc, at, text), at);
    case 'path':
      if (attr === 'module' || attr === 'root' || attr === 'cwd') return str('.', at);
      throw new HclEvalError(`unknown path attribute path.${attr ?? ''}`, at);
    case 'terraform':
      // chosen when Terraform runs (`terraform workspace select prod`): a condition on it goes either way
      if (attr === 'workspace') return unknown(text, 'the workspace is chosen when Terraform runs', 'terraform.workspace', at);
      return unknown(text, 'terraform attribute', undefined, at);
    case 'each':
    case 'count':
      return unknown(text, `${name} used outside a resource with ${name === 'each' ? 'for_each' : 'count'} known statically`, undefined, at);
    case 'self':
      return unknown(text, 'self is known only at apply', undefined, at);
    case 'module':
      return unknown(text, 'module output (evaluated in its own module)', refText(name, steps, 2), at);
    case 'data': {
      const type = attr;
      const second = steps[1];
      const dname = second?.k === 'attr' ? second.name : undefined;
      if (!type || !dname) throw new HclEvalError('data must be followed by a type and a name', at);
      const address = `data.${type}.${dname}`;
      if (type === POLICY_DOCUMENT && m.data.has(address)) {
        const doc = renderDocument(m, address, at);
        if (doc) {
          const json = JSON.stringify(doc.document, null, 2);
          const inst: V = {
            t: 'obj',
            entries: new Map<string, V>([
              ['json', { t: 'str', v: json, at, doc }],
              ['minified_json', { t: 'str', v: JSON.stringify(doc.document), at, doc }],
              ['id', { t: 'str', v: String(hash(json)), at }],
            ]),
            at,
          };
          // count: a list of instances (the document is rendered with count.index = 0)
          const ref = m.data.get(address)!;
          const countAttr = ref.block.body.items.find((a) => a.kind === 'attribute' && a.name === 'count');
          let coll: V = inst;
          if (countAttr && countAttr.kind === 'attribute') {
            const n = m.eval(countAttr.expr, { file: ref.file, vars: new Map() });
            // count 0 computed from defaults: rendered as if enabled (a caller may enable it), like resources
            const len = n.t === 'num' && n.v <= MAX_COLLECTION ? (n.v === 0 && m.mayBeEnabled(countAttr.expr, { file: ref.file, vars: new Map() }) ? 1 : n.v) : 1;
            coll = { t: 'list', items: Array.from({ length: len }, () => inst), at };
          }
          return traverse(m, coll, steps.slice(2), sc, at, text);
        }
      }
      if (type === 'aws_iam_policy') {
        const v = iamPolicyData(m, address, at);
        if (v) return traverse(m, v, steps.slice(2), sc, at, text);
      }
      // another state's outputs: what its output's name says (an ARN, an id), like a module output
      const depth = type === 'terraform_remote_state' && steps[2]?.k === 'attr' && steps[2].name === 'outputs' ? 5 : 4;
      return unknown(text, 'data source read at plan/apply time', refText(name, steps, depth), at);
    }
  }
  // resource reference: TYPE.NAME[.attr]
  if (!attr) throw new HclEvalError(`unknown name "${name}"`, at);
  const address = `${name}.${attr}`;
  // declared in a file outside the scan (or nowhere): its stand-in by type, the rest of the document analysed
  if (!m.resources.has(address)) return unknown(text, `${address} is not declared in the scanned files`, refText(name, steps, 3), at);
  // a resource with static count / for_each referenced as a whole: its instances (each unknown)
  const inst = steps[1] === undefined || steps[1].k !== 'attr' ? instancesOf(m, address, at) : undefined;
  if (inst) return traverse(m, inst, steps.slice(1), sc, at, text);
  const passed = resourceArgument(m, address, steps, sc, at, text);
  if (passed) return passed;
  return unknown(text, 'resource attribute known only after apply', refText(name, steps, 3), at);
}

/**
 * A non-identifying attribute the resource's own block sets (`aws_ssm_parameter.x.value` with `value = "*"`,
 * `terraform_data.x.output` = its `input`): evaluated like a local, so a value routed through a resource is not a
 * harmless after-apply stand-in. Undefined for identifying attributes (they keep their stand-in) and for
 * attributes the block does not set (computed at apply: `worstReason` decides).
 */
export function resourceArgument(m: HclModule, address: string, steps: Traverser[], sc: Scope, at: Span, text: string): V | undefined {
  const s1 = steps[1];
  if (s1?.k !== 'attr' || isIdentifyingAttribute(s1.name)) return undefined;
  const ref = m.resources.get(address);
  const names = ARGUMENT_OF[`${address.split('.')[0]}.${s1.name}`] ?? [s1.name];
  const input = ref?.block.body.items.find((a) => a.kind === 'attribute' && names.includes(a.name));
  if (!ref || !input || input.kind !== 'attribute') return undefined;
  const key = `output:${address}.${s1.name}`;
  if (m.evaluating.has(key)) throw new HclEvalError(`interpolation loop: ${address} refers to itself`, at);
  m.evaluating.add(key);
  try {
    return traverse(m, m.eval(input.expr, { file: ref.file, vars: new Map() }), steps.slice(2), sc, at, text);
  } finally {
    m.evaluating.delete(key);
  }
}

/** `aws_x.y` with a static count (a list) or for_each (an object) of unknown instances; undefined otherwise. */
export function instancesOf(m: HclModule, address: string, at: Span): V | undefined {
  const ref = m.resources.get(address);
  if (!ref) return undefined;
  const key = `instances:${address}`;
  if (m.evaluating.has(key)) throw new HclEvalError(`interpolation loop: ${address} refers to itself`, at);
  const attr = (n: string) => ref.block.body.items.find((a) => a.kind === 'attribute' && a.name === n);
  const count = attr('count');
  const forEach = attr('for_each');
  if (!count && !forEach) return undefined;
  m.evaluating.add(key);
  try {
    const sc: Scope = { file: ref.file, vars: new Map() };
    const inst = (k: string): V => ({ t: 'unknown', expr: `${address}${k}`, ref: `${address}${k}`, reason: 'resource attribute known only after apply', at });
    if (count && count.kind === 'attribute') {
      const n = m.eval(count.expr, sc);
      if (n.t !== 'num' || n.v > MAX_COLLECTION) return undefined;
      // count 0 computed from defaults (`var.attach_x ? 1 : 0`): the instance a caller may enable, as the resource
      // itself is analysed (hcl.ts); never an empty list whose `[0].arn` would be nobody's ARN
      const len = n.v === 0 && m.mayBeEnabled(count.expr, sc) ? 1 : n.v;
      return { t: 'list', items: Array.from({ length: len }, (_x, i) => inst(`[${i}]`)), at };
    }
    if (forEach && forEach.kind === 'attribute') {
      const c = m.eval(forEach.expr, sc);
      if (c.t === 'list') return { t: 'obj', entries: new Map(c.items.map((x) => [scalarString(x, at), inst(`[${JSON.stringify(scalarString(x, at))}]`)])), at };
      if (c.t === 'obj') return { t: 'obj', entries: new Map([...c.entries.keys()].map((k) => [k, inst(`[${JSON.stringify(k)}]`)])), at };
    }
    return undefined;
  } catch (e) {
    if (e instanceof HclEvalError && /loop/.test(e.message)) throw e;
    return undefined;
  } finally {
    m.evaluating.delete(key);
  }
}

/** The remaining steps of a traversal applied to every branch of a selection (`map[var.env].arn`). */
export function traverseBranches(m: HclModule, sel: V, rest: Traverser[], sc: Scope, at: Span, text: string): V {
  if (sel.t === 'list' && !sel.alt) return traverse(m, sel, rest, sc, at, text);
  const values = (sel.alt?.values ?? [{ value: sel, when: '' }]).map((b) => ({ value: traverse(m, b.value, rest, sc, at, text), when: b.when }));
  const taken = sel.t !== 'unknown';
  return combineBranches(text, values, taken, () => unknown(text, 'key known only after apply', undefined, at), at);
}

export function traverse(m: HclModule, v: V, steps: Traverser[], sc: Scope, at: Span, text: string): V {
  let cur = v;
  for (let i = 0; i < steps.length; i++) {
    const st = steps[i]!;
    if (cur.t === 'unknown') {
      // aws_x.y["k"] -> aws_x.y["k"].arn: the reference gains the attribute (one level: the stand-in's shape)
      if (cur.ref && st.k === 'attr' && !/\.[A-Za-z_][A-Za-z0-9_-]*\.[A-Za-z_][A-Za-z0-9_-]*(\[[^\]]*\])?\.[A-Za-z_]/.test('.' + cur.ref.replace(/^data\./, ''))) {
        cur = { ...cur, ref: `${cur.ref}.${st.name}`, expr: `${cur.expr}.${st.name}` };
        continue;
      }
      return cur;
    }
    if (st.k === 'splat') {
      const list = cur.t === 'list' ? cur.items : cur.t === 'null' ? [] : [cur];
      const rest = steps.slice(i + 1);
      return { t: 'list', items: list.map((x) => traverse(m, x, rest, sc, at, text)), at };
    }
    let key: V;
    if (st.k === 'attr') key = str(st.name);
    else {
      key = m.eval(st.key, sc);
      // map[var.env], list[var.i]: every entry may be selected; the rest of the traversal applies to each
      const rest = steps.slice(i + 1);
      const sel = selection(m, st.key, key, cur, sc, at, text);
      if (sel) return rest.length ? traverseBranches(m, sel, rest, sc, at, text) : sel;
      if (key.t === 'unknown') return unknown(text, 'index known only after apply', key.ref, at);
    }
    if (cur.t === 'list') {
      const n = num(key, at);
      const item = cur.items[n];
      // a list shorter than indexed: its length comes from the caller / apply (no false error, a stand-in)
      if (item === undefined) return unknown(text, `index ${n} of a list with ${cur.items.length} elements (value set by the module caller)`, undefined, at);
      cur = item;
    } else if (cur.t === 'obj') {
      const k = scalarString(key, at);
      const item = cur.entries.get(k);
      // optional object attributes and map keys the caller sets: null-like, never a false error
      if (item === undefined) return unknown(text, `attribute or key "${k}" is not set here (optional, or set by the module caller)`, undefined, at);
      cur = item;
    } else throw new HclEvalError(`cannot read "${st.k === 'attr' ? st.name : 'index'}" of a ${cur.t === 'str' ? 'string' : cur.t}`, at);
  }
  return cur;
}
