/**
 * Expressions of the evaluator (hcl-eval.ts) with branches: conditionals and selections on an input, operators,
 * `for` expressions, string templates with `%{ if }` / `%{ for }` directives.
 */
import type { Span } from '../../policy/types.js';
import { combineBranches, selectionBranches } from './branches.js';
import type { HclModule } from './hcl-eval.js';
import type { Expr, TemplatePart } from './hcl-syntax.js';
import { HclEvalError, MAX_STRING, equal, iterate, num, scalarString, truthy, unknown } from './hcl-values.js';
import type { Origin, Scope, V } from './hcl-values.js';

/**
 * `c ? a : b`. A condition on an input (a variable, even with a default; the workspace; a value known only after
 * apply) may go either way: both branches are evaluated and the result carries the other one (`alt`), so a
 * position that decides access analyses both ("when var.admin is true"). Lists are their union, each element
 * tagged with the branch it comes from.
 */
export function conditional(m: HclModule, x: Expr & { k: 'cond' }, sc: Scope, at: Span): V {
  const c = m.eval(x.cond, sc);
  if (c.t !== 'unknown' && !m.onInput(x.cond, sc)) return truthy(c, at) ? m.eval(x.then, sc) : m.eval(x.else, sc);
  const cond = m.text(sc.file, x.cond);
  const taken = c.t === 'unknown' ? undefined : truthy(c, at);
  const branch = (which: boolean): V | undefined => {
    if (taken === which) return m.eval(which ? x.then : x.else, sc);
    try {
      return m.eval(which ? x.then : x.else, sc);
    } catch (e) {
      // the branch the known inputs do not take may not evaluate with them (an index into an empty list ...)
      if (!(e instanceof HclEvalError) || /loop|steps/.test(e.message)) throw e;
      return taken === undefined ? unknown(m.text(sc.file, which ? x.then : x.else), `not evaluated: ${e.message}`, undefined, at) : undefined;
    }
  };
  const a = branch(true);
  const b = branch(false);
  if (!a || !b) return (a ?? b)!;
  const branches = [
    { value: a, when: `when ${cond} is true` },
    { value: b, when: `when ${cond} is false` },
  ];
  if (taken === false) branches.reverse();
  const expr = m.text(sc.file, x);
  return combineBranches(expr, branches, taken !== undefined, () => unknown(expr, 'condition known only after apply', c.t === 'unknown' ? c.ref : undefined, at), at);
}

/**
 * `lookup(map, var.env)`, `map[var.env]`, `element(list, var.i)`, `list[var.i]` where the key reads an input (or is
 * known only after apply): every entry may be selected (a caller, a tfvars file, the workspace picks the key), so
 * the value carries all of them as branches (branches.ts). Undefined when the key is a constant (evaluate as usual).
 */
export function selection(m: HclModule, keyExpr: Expr, key: V, collection: V, sc: Scope, at: Span, text: string, fallback?: V): V | undefined {
  if (key.t !== 'unknown' && !m.onInput(keyExpr, sc)) return undefined;
  let chosen: V | undefined;
  if (key.t !== 'unknown') {
    if (collection.t === 'obj' && (key.t === 'str' || key.t === 'num' || key.t === 'bool')) chosen = collection.entries.get(String(key.v)) ?? fallback;
    else if (collection.t === 'list' && key.t === 'num' && collection.items.length) chosen = collection.items[((key.v % collection.items.length) + collection.items.length) % collection.items.length];
  }
  const branches = selectionBranches(m.text(sc.file, keyExpr), collection, chosen, fallback);
  if (!branches) return undefined;
  return combineBranches(text, branches, chosen !== undefined, () => unknown(text, key.t === 'unknown' ? 'key known only after apply' : 'key not in the collection', key.t === 'unknown' ? key.ref : undefined, at), at);
}

export function binary(m: HclModule, op: string, le: Expr, re: Expr, sc: Scope, at: Span, x: Expr): V {
  const l = m.eval(le, sc);
  if (op === '&&' && l.t === 'bool' && !l.v) return { t: 'bool', v: false, at };
  if (op === '||' && l.t === 'bool' && l.v) return { t: 'bool', v: true, at };
  const r = m.eval(re, sc);
  if (l.t === 'unknown' || r.t === 'unknown') return unknown(m.text(sc.file, x), 'operand known only after apply', l.t === 'unknown' ? l.ref : (r as { ref?: string }).ref, at);
  switch (op) {
    case '==':
      return { t: 'bool', v: equal(l, r), at };
    case '!=':
      return { t: 'bool', v: !equal(l, r), at };
    case '&&':
    case '||':
      return { t: 'bool', v: op === '&&' ? truthy(l, at) && truthy(r, at) : truthy(l, at) || truthy(r, at), at };
  }
  const a = num(l, at);
  const b = num(r, at);
  const n = (v: number): V => ({ t: 'num', v, at });
  switch (op) {
    case '+':
      return n(a + b);
    case '-':
      return n(a - b);
    case '*':
      return n(a * b);
    case '/':
      if (b === 0) throw new HclEvalError('division by zero', at);
      return n(a / b);
    case '%':
      if (b === 0) throw new HclEvalError('division by zero', at);
      return n(a % b);
    case '<':
      return { t: 'bool', v: a < b, at };
    case '<=':
      return { t: 'bool', v: a <= b, at };
    case '>':
      return { t: 'bool', v: a > b, at };
    case '>=':
      return { t: 'bool', v: a >= b, at };
  }
  throw new HclEvalError(`unsupported operator ${op}`, at);
}

export function forExpr(m: HclModule, x: Expr & { k: 'for' }, sc: Scope, at: Span): V {
  const coll = m.eval(x.coll, sc);
  if (coll.t === 'unknown') return unknown(m.text(sc.file, x), 'for expression over a collection known only after apply', coll.ref, at);
  const pairs = iterate(coll, at);
  if (x.object) return forObject(m, x, sc, at, pairs);
  return forList(m, x, sc, at, pairs);
}

export function forObject(m: HclModule, x: Expr & { k: 'for' }, sc: Scope, at: Span, pairs: [V, V][]): V {
  {
    const entries = new Map<string, V>();
    const keyAt = new Map<string, Span>();
    for (const [k, v] of pairs) {
      const vars = new Map(sc.vars);
      if (x.keyVar) vars.set(x.keyVar, k);
      vars.set(x.valVar, v);
      const s2 = { file: sc.file, vars };
      if (x.cond) {
        const c = m.eval(x.cond, s2);
        if (c.t === 'unknown') return unknown(m.text(sc.file, x), 'for condition known only after apply', c.ref, at);
        if (!truthy(c, at)) continue;
      }
      const kv = m.eval(x.keyExpr!, s2);
      if (kv.t === 'unknown') return unknown(m.text(sc.file, x), 'object key known only after apply', kv.ref, at);
      const key = scalarString(kv, at);
      const val = m.eval(x.valExpr, s2);
      if (x.group) {
        const prev = entries.get(key);
        if (prev && prev.t === 'list') prev.items.push(val);
        else entries.set(key, { t: 'list', items: [val], at });
      } else {
        if (entries.has(key)) throw new HclEvalError(`duplicate key "${key}" in the for expression (use ... to group)`, at);
        entries.set(key, val);
      }
      keyAt.set(key, at);
    }
    return { t: 'obj', entries, keyAt, at };
  }
}

export function forList(m: HclModule, x: Expr & { k: 'for' }, sc: Scope, at: Span, pairs: [V, V][]): V {
  const items: V[] = [];
  for (const [k, v] of pairs) {
    const vars = new Map(sc.vars);
    if (x.keyVar) vars.set(x.keyVar, k);
    vars.set(x.valVar, v);
    const s2 = { file: sc.file, vars };
    if (x.cond) {
      const c = m.eval(x.cond, s2);
      if (c.t === 'unknown') return unknown(m.text(sc.file, x), 'for condition known only after apply', c.ref, at);
      if (!truthy(c, at)) continue;
    }
    items.push(m.eval(x.valExpr, s2));
  }
  return { t: 'list', items, at };
}

/** A string template; unknown parts become stand-ins inside the string. */
export function template(m: HclModule, parts: TemplatePart[], sc: Scope, at: Span, origin?: Origin): V {
  // a template that is just one interpolation yields the value itself ("${var.list}")
  if (parts.length === 1 && parts[0]!.k === 'interp') return m.eval(parts[0]!.x, sc);
  const primary = renderTemplate(m, parts, sc, at, new Set());
  const withOrigin = (v: string): V => ({ t: 'str', v, at, ...(origin ? { origin } : {}) });
  if (!primary.open.length) return withOrigin(primary.out);
  // `%{ if var.admin }` over an input: the text with each such directive the other way (and all of them) too
  const values: { value: V; when: string }[] = [{ value: withOrigin(primary.out), when: 'with the values known here' }];
  const flips: [Set<number>, string][] = primary.open.slice(0, 8).map((o, i) => [new Set([i]), o] as [Set<number>, string]);
  if (primary.open.length > 1) flips.push([new Set(primary.open.map((_o, i) => i)), 'every %{ if } of the template the other way']);
  for (const [flip, when] of flips) {
    try {
      const r = renderTemplate(m, parts, sc, at, flip);
      if (r.out !== primary.out && !values.some((v) => v.value.t === 'str' && v.value.v === r.out)) values.push({ value: withOrigin(r.out), when });
    } catch (e) {
      if (!(e instanceof HclEvalError) || /loop|steps/.test(e.message)) throw e;
    }
  }
  const out = withOrigin(primary.out);
  return values.length > 1 ? { ...out, alt: { expr: 'a %{ if } directive of the template', values } } : out;
}

/**
 * Render a template. `%{ if }` directives whose condition reads an input (or is unknown) are counted in `open`
 * (as "when COND is true/false", the way not taken); those whose index is in `flip` take the other way.
 */
export function renderTemplate(m: HclModule, parts: TemplatePart[], sc: Scope, at: Span, flip: Set<number>): { out: string; open: string[] } {
  let out = '';
  const open: string[] = [];
  const walk = (ps: TemplatePart[], s: Scope) => {
    for (const p of ps) {
      if (p.k === 'text') out += p.v;
      else if (p.k === 'interp') {
        out += toText(m, m.eval(p.x, s), s);
      } else if (p.k === 'if') {
        const c = m.eval(p.cond, s);
        // a condition only the caller knows: the `then` branch (the directive's content) first, so what it
        // grants is analysed and the text around it keeps its shape (JSON commas ...); the other way is a variant
        let way = c.t === 'unknown' ? true : truthy(c, at);
        if (c.t === 'unknown' || s.inputs || m.onInput(p.cond, s)) {
          const i = open.length;
          open.push(`when ${m.text(s.file, p.cond)} is ${way ? 'false' : 'true'}`);
          if (flip.has(i)) way = !way;
        }
        walk(way ? p.then : p.else, s);
      } else {
        const coll = m.eval(p.coll, s);
        if (coll.t === 'unknown') {
          // a collection only known after apply: the body once, with unknown loop variables
          const vars = new Map(s.vars);
          if (p.keyVar) vars.set(p.keyVar, { t: 'unknown', expr: p.keyVar, reason: 'template for over a value known only after apply', ...(coll.ref ? { ref: coll.ref } : {}) });
          vars.set(p.valVar, { t: 'unknown', expr: p.valVar, reason: 'template for over a value known only after apply', ...(coll.ref ? { ref: coll.ref } : {}) });
          walk(p.body, { file: s.file, vars });
          continue;
        }
        for (const [k, v] of iterate(coll, at)) {
          const vars = new Map(s.vars);
          if (p.keyVar) vars.set(p.keyVar, k);
          vars.set(p.valVar, v);
          walk(p.body, { file: s.file, vars });
        }
      }
      if (out.length > MAX_STRING) throw new HclEvalError('string too large', at);
    }
  };
  walk(parts, sc);
  return { out, open };
}

/** The text of a value inside a template: unknowns become stand-ins. */
export function toText(m: HclModule, v: V, sc: Scope): string {
  switch (v.t) {
    case 'str':
      return v.v;
    case 'num':
      return String(v.v);
    case 'bool':
      return String(v.v);
    case 'unknown':
      return m.standIn(v);
    case 'null':
      // Terraform fails here; in a reusable module the value comes from the caller: a stand-in, not an error
      return m.standIns.opaque('null value in a string template (set by the module caller)', 'null');
    default:
      throw new HclEvalError(`a ${v.t === 'list' ? 'list' : 'object'} cannot be used in a string template`, v.at ?? m.span(sc.file, 0, 0));
  }
}
