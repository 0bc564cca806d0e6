/**
 * Terraform's built-in functions for the evaluator (hcl-eval.ts): the table of what is evaluated statically and the call
 * itself (unknown arguments, expansion, selection by an input). Pure ones live in fn-pure.ts.
 */
import path from 'node:path';
import type { Span } from '../../policy/types.js';
import { maxOf, minOf } from '../../util/arrays.js';
import { PURE_FUNCTIONS, RegexUnknown, regexReplace } from './fn-pure.js';
import type { HclModule } from './hcl-eval.js';
import { selection } from './hcl-exprs.js';
import type { Expr } from './hcl-syntax.js';
import { HclEvalError, MAX_COLLECTION, MAX_STRING, NULL, containsUnknown, dedupe, equal, fromJson, iterate, list, num, scalarString, str, truthy, unknown } from './hcl-values.js';
import type { Scope, V } from './hcl-values.js';

/** Terraform's built-in functions (names only): unknown names are errors, known-but-unevaluated give unknowns. */
export const TERRAFORM_FUNCTIONS = new Set(
  `abs abspath alltrue anytrue base64decode base64encode base64gzip base64sha256 base64sha512 basename bcrypt can ceil chomp chunklist cidrhost cidrnetmask cidrsubnet cidrsubnets coalesce coalescelist compact concat contains csvdecode dirname distinct element endswith ephemeralasnull file filebase64 filebase64sha256 filebase64sha512 fileexists filemd5 fileset filesha1 filesha256 filesha512 flatten floor format formatdate formatlist indent index issensitive join jsondecode jsonencode keys length list log lookup lower map matchkeys max md5 merge min nonsensitive one parseint pathexpand plantimestamp pow range regex regexall replace reverse rsadecrypt sensitive setintersection setproduct setsubtract setunion sha1 sha256 sha512 signum slice sort split startswith strcontains strrev substr sum templatefile templatestring textdecodebase64 textencodebase64 timeadd timecmp timestamp title tobool tolist tomap tonumber toset tostring transpose trim trimprefix trimspace trimsuffix try type upper urlencode uuid uuidv5 values yamldecode yamlencode zipmap`.split(
    ' ',
  ),
);


// ---------------------------------------------------------------------------------------------------------------
// Functions

export interface FnCtx {
  at: Span;
  module: HclModule;
  scope: Scope;
}
type Fn = (args: V[], c: FnCtx) => V;

/** Functions that keep unknown elements as they are (the result is known around them). */
export const CARRIES_UNKNOWN = new Set(['jsonencode', 'templatefile', 'concat', 'merge', 'flatten', 'tolist', 'toset', 'tomap', 'compact', 'distinct', 'coalesce', 'element', 'lookup', 'values', 'keys', 'length', 'one', 'slice', 'reverse', 'format', 'join', 'formatlist']);

function arity(name: string, args: V[], min: number, max: number, at: Span): void {
  if (args.length < min || args.length > max) {
    throw new HclEvalError(`${name}() takes ${min === max ? min : `${min} to ${max === Infinity ? 'any number of' : max}`} argument${max === 1 ? '' : 's'}, got ${args.length}`, at);
  }
}

function s(v: V, at: Span, c?: FnCtx): string {
  if (v.t === 'unknown' && c) return c.module.standIn(v);
  return scalarString(v, at);
}


/** Terraform's jsonencode: object keys in lexicographic order (cty objects are sorted), no spaces. */
function jsonEncode(v: V, c: FnCtx): string {
  const sorted = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sorted);
    if (x !== null && typeof x === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(x).sort()) Object.defineProperty(out, k, { value: sorted((x as Record<string, unknown>)[k]), enumerable: true });
      return out;
    }
    return x;
  };
  return JSON.stringify(sorted(c.module.toJson(v, '', new Map())));
}

function formatString(fmt: string, args: V[], c: FnCtx): string {
  let i = 0;
  return fmt.replace(/%(%|[-+# 0]*[0-9]*(?:\.[0-9]+)?[vsdqftxXbeEgGo])/g, (m, spec: string) => {
    if (spec === '%') return '%';
    const a = args[i++];
    if (!a) throw new HclEvalError(`format(): not enough arguments for "${fmt}"`, c.at);
    const verb = spec[spec.length - 1];
    if (a.t === 'unknown') return c.module.standIn(a);
    if (a.t === 'null') return c.module.standIns.opaque('null value in format() (set by the module caller)', 'null');
    if (verb === 'q') return JSON.stringify(s(a, c.at));
    if (verb === 'd') return String(Math.trunc(num(a, c.at)));
    if (verb === 'v' && (a.t === 'list' || a.t === 'obj')) return jsonEncode(a, c);
    if (verb === 'f') {
      const p = /\.([0-9]+)/.exec(spec);
      return num(a, c.at).toFixed(p ? Number(p[1]) : 6);
    }
    if (verb === 'x' || verb === 'X') {
      const h = Math.trunc(num(a, c.at)).toString(16);
      return verb === 'X' ? h.toUpperCase() : h;
    }
    void m;
    return s(a, c.at, c);
  });
}

export const FUNCTIONS: Record<string, Fn> = {
  jsonencode: (a, c) => {
    arity('jsonencode', a, 1, 1, c.at);
    return { t: 'str', v: jsonEncode(a[0]!, c), at: c.at, json: a[0]! };
  },
  jsondecode: (a, c) => {
    arity('jsondecode', a, 1, 1, c.at);
    try {
      return fromJson(JSON.parse(s(a[0]!, c.at)), a[0]!.at ?? c.at);
    } catch (e) {
      throw new HclEvalError(`jsondecode(): ${(e as Error).message}`, c.at);
    }
  },
  file: (a, c) => {
    arity('file', a, 1, 1, c.at);
    const f = c.module.readFile(s(a[0]!, c.at), c.at, c.scope);
    return { t: 'str', v: f.text, at: c.at, origin: { file: c.module.input.displayPath(f.repoPath), line: 1, column: 1 } };
  },
  fileexists: (a, c) => {
    arity('fileexists', a, 1, 1, c.at);
    try {
      c.module.readFile(s(a[0]!, c.at), c.at, c.scope);
      return { t: 'bool', v: true, at: c.at };
    } catch {
      return { t: 'bool', v: false, at: c.at };
    }
  },
  templatefile: (a, c) => {
    arity('templatefile', a, 2, 2, c.at);
    return c.module.template_file(s(a[0]!, c.at), a[1]!, c.at, c.scope);
  },
  format: (a, c) => {
    arity('format', a, 1, Infinity, c.at);
    if (a[0]!.t === 'unknown') return a[0]!;
    return str(formatString(s(a[0]!, c.at), a.slice(1), c), c.at);
  },
  formatlist: (a, c) => {
    arity('formatlist', a, 1, Infinity, c.at);
    const lists = a.slice(1);
    const n = maxOf(lists.map((x) => (x.t === 'list' ? x.items.length : 1)), 1);
    const items: V[] = [];
    for (let i = 0; i < n; i++) items.push(str(formatString(s(a[0]!, c.at), lists.map((x) => (x.t === 'list' ? x.items[i] ?? NULL : x)), c), c.at));
    return { t: 'list', items, at: c.at };
  },
  join: (a, c) => {
    arity('join', a, 2, Infinity, c.at);
    const sep = s(a[0]!, c.at);
    const parts = a.slice(1).flatMap((l) => list(l, c.at)).map((x) => s(x, c.at, c));
    if (parts.reduce((n, x) => n + x.length + sep.length, 0) > MAX_STRING) throw new HclEvalError('join(): result too large', c.at);
    return str(parts.join(sep), c.at);
  },
  split: (a, c) => {
    arity('split', a, 2, 2, c.at);
    return { t: 'list', items: s(a[1]!, c.at).split(s(a[0]!, c.at)).map((x) => str(x, c.at)), at: c.at };
  },
  concat: (a, c) => ({ t: 'list', items: a.flatMap((l) => list(l, c.at)), at: c.at }),
  flatten: (a, c) => {
    arity('flatten', a, 1, 1, c.at);
    const flat = (v: V): V[] => (v.t === 'list' ? v.items.flatMap(flat) : [v]);
    return { t: 'list', items: flat(a[0]!), at: c.at };
  },
  distinct: (a, c) => ({ t: 'list', items: dedupe(list(a[0]!, c.at)), at: c.at }),
  toset: (a, c) => ({ t: 'list', items: dedupe(list(a[0]!, c.at)), at: a[0]!.at ?? c.at }),
  tolist: (a, c) => ({ t: 'list', items: list(a[0]!, c.at), at: a[0]!.at ?? c.at }),
  tomap: (a, c) => {
    if (a[0]!.t !== 'obj') throw new HclEvalError('tomap(): an object is required', c.at);
    return a[0]!;
  },
  tostring: (a, c) => (a[0]!.t === 'null' ? a[0]! : str(s(a[0]!, c.at), a[0]!.at ?? c.at)),
  tonumber: (a, c) => ({ t: 'num', v: num(a[0]!, c.at), at: c.at }),
  tobool: (a, c) => ({ t: 'bool', v: truthy(a[0]!, c.at), at: c.at }),
  merge: (a, c) => {
    const entries = new Map<string, V>();
    const keyAt = new Map<string, Span>();
    for (const o of a) {
      if (o.t === 'null') continue;
      if (o.t === 'unknown') return o;
      if (o.t !== 'obj') throw new HclEvalError('merge(): arguments must be objects or maps', c.at);
      for (const [k, v] of o.entries) {
        entries.set(k, v);
        const ka = o.keyAt?.get(k);
        if (ka) keyAt.set(k, ka);
      }
    }
    return { t: 'obj', entries, keyAt, at: c.at };
  },
  compact: (a, c) => ({ t: 'list', items: list(a[0]!, c.at).filter((x) => x.t !== 'null' && !(x.t === 'str' && x.v === '')), at: c.at }),
  coalesce: (a, c) => {
    const v = a.find((x) => x.t !== 'null' && !(x.t === 'str' && x.v === ''));
    if (!v) throw new HclEvalError('coalesce(): no non-null, non-empty argument', c.at);
    return v;
  },
  coalescelist: (a, c) => a.find((x) => x.t === 'list' && x.items.length > 0) ?? { t: 'list', items: [], at: c.at },
  length: (a, c) => {
    arity('length', a, 1, 1, c.at);
    const v = a[0]!;
    if (v.t === 'unknown') return v;
    if (v.t === 'str') return { t: 'num', v: [...v.v].length, at: c.at };
    return { t: 'num', v: list(v, c.at).length, at: c.at };
  },
  element: (a, c) => {
    arity('element', a, 2, 2, c.at);
    const l = list(a[0]!, c.at);
    if (a[1]!.t === 'unknown') return a[1]!;
    if (l.length === 0) throw new HclEvalError('element(): empty list', c.at);
    return l[num(a[1]!, c.at) % l.length]!;
  },
  lookup: (a, c) => {
    arity('lookup', a, 2, 3, c.at);
    if (a[0]!.t === 'unknown') return a[0]!;
    if (a[0]!.t !== 'obj') throw new HclEvalError('lookup(): the first argument must be a map', c.at);
    const v = a[0]!.entries.get(s(a[1]!, c.at));
    if (v) return v;
    if (a[2]) return a[2];
    throw new HclEvalError(`lookup(): no key "${s(a[1]!, c.at)}" and no default`, c.at);
  },
  keys: (a, c) => {
    if (a[0]!.t !== 'obj') throw new HclEvalError('keys(): a map is required', c.at);
    return { t: 'list', items: [...a[0]!.entries.keys()].sort().map((k) => str(k, c.at)), at: c.at };
  },
  values: (a, c) => {
    if (a[0]!.t !== 'obj') throw new HclEvalError('values(): a map is required', c.at);
    const o = a[0]!;
    return { t: 'list', items: [...o.entries.keys()].sort().map((k) => o.entries.get(k)!), at: c.at };
  },
  one: (a, c) => {
    const l = list(a[0]!, c.at);
    if (l.length > 1) throw new HclEvalError('one(): the list has more than one element', c.at);
    return l[0] ?? { t: 'null', at: c.at };
  },
  slice: (a, c) => ({ t: 'list', items: list(a[0]!, c.at).slice(num(a[1]!, c.at), num(a[2]!, c.at)), at: c.at }),
  reverse: (a, c) => ({ t: 'list', items: [...list(a[0]!, c.at)].reverse(), at: c.at }),
  sort: (a, c) => ({ t: 'list', items: [...list(a[0]!, c.at)].sort((x, y) => (s(x, c.at) < s(y, c.at) ? -1 : 1)), at: c.at }),
  contains: (a, c) => ({ t: 'bool', v: list(a[0]!, c.at).some((x) => equal(x, a[1]!)), at: c.at }),
  index: (a, c) => ({ t: 'num', v: list(a[0]!, c.at).findIndex((x) => equal(x, a[1]!)), at: c.at }),
  zipmap: (a, c) => {
    const ks = list(a[0]!, c.at);
    const vs = list(a[1]!, c.at);
    return { t: 'obj', entries: new Map(ks.map((k, i) => [s(k, c.at), vs[i] ?? NULL])), at: c.at };
  },
  range: (a, c) => {
    const n = a.map((x) => num(x, c.at));
    const [start, end, step] = n.length === 1 ? [0, n[0]!, 1] : [n[0]!, n[1]!, n[2] ?? (n[0]! <= n[1]! ? 1 : -1)];
    if (step === 0) throw new HclEvalError('range(): step must not be zero', c.at);
    const items: V[] = [];
    for (let i = start; step > 0 ? i < end : i > end; i += step) {
      if (items.length >= MAX_COLLECTION) throw new HclEvalError('range(): too many elements', c.at);
      items.push({ t: 'num', v: i, at: c.at });
    }
    return { t: 'list', items, at: c.at };
  },
  setunion: (a, c) => ({ t: 'list', items: dedupe(a.flatMap((l) => list(l, c.at))), at: c.at }),
  lower: (a, c) => str(s(a[0]!, c.at).toLowerCase(), c.at),
  upper: (a, c) => str(s(a[0]!, c.at).toUpperCase(), c.at),
  title: (a, c) => str(s(a[0]!, c.at).replace(/\b\w/g, (m) => m.toUpperCase()), c.at),
  trimspace: (a, c) => str(s(a[0]!, c.at).trim(), c.at),
  chomp: (a, c) => str(s(a[0]!, c.at).replace(/[\r\n]+$/, ''), c.at),
  trimprefix: (a, c) => {
    const v = s(a[0]!, c.at);
    const p = s(a[1]!, c.at);
    return str(v.startsWith(p) ? v.slice(p.length) : v, c.at);
  },
  trimsuffix: (a, c) => {
    const v = s(a[0]!, c.at);
    const p = s(a[1]!, c.at);
    return str(p && v.endsWith(p) ? v.slice(0, -p.length) : v, c.at);
  },
  trim: (a, c) => {
    const chars = new Set(s(a[1]!, c.at));
    let v = s(a[0]!, c.at);
    while (v && chars.has(v[0]!)) v = v.slice(1);
    while (v && chars.has(v[v.length - 1]!)) v = v.slice(0, -1);
    return str(v, c.at);
  },
  replace: (a, c) => {
    arity('replace', a, 3, 3, c.at);
    const v = s(a[0]!, c.at);
    const from = s(a[1]!, c.at);
    const to = s(a[2]!, c.at);
    // a regular expression: RE2 semantics in linear time (re2.ts), never a JavaScript RegExp on PR content
    if (from.length > 1 && from.startsWith('/') && from.endsWith('/')) return str(regexReplace(v, from.slice(1, -1), to, c.at), c.at);
    return str(v.split(from).join(to), c.at);
  },
  substr: (a, c) => {
    const v = [...s(a[0]!, c.at)];
    const off = num(a[1]!, c.at);
    const len = num(a[2]!, c.at);
    const start = off < 0 ? v.length + off : off;
    return str(v.slice(start, len < 0 ? undefined : start + len).join(''), c.at);
  },
  startswith: (a, c) => ({ t: 'bool', v: s(a[0]!, c.at).startsWith(s(a[1]!, c.at)), at: c.at }),
  endswith: (a, c) => ({ t: 'bool', v: s(a[0]!, c.at).endsWith(s(a[1]!, c.at)), at: c.at }),
  strcontains: (a, c) => ({ t: 'bool', v: s(a[0]!, c.at).includes(s(a[1]!, c.at)), at: c.at }),
  basename: (a, c) => str(path.posix.basename(s(a[0]!, c.at)), c.at),
  dirname: (a, c) => str(path.posix.dirname(s(a[0]!, c.at)), c.at),
  abs: (a, c) => ({ t: 'num', v: Math.abs(num(a[0]!, c.at)), at: c.at }),
  max: (a, c) => ({ t: 'num', v: maxOf(a.map((x) => num(x, c.at))), at: c.at }),
  min: (a, c) => ({ t: 'num', v: minOf(a.map((x) => num(x, c.at))), at: c.at }),
  floor: (a, c) => ({ t: 'num', v: Math.floor(num(a[0]!, c.at)), at: c.at }),
  ceil: (a, c) => ({ t: 'num', v: Math.ceil(num(a[0]!, c.at)), at: c.at }),
  alltrue: (a, c) => ({ t: 'bool', v: list(a[0]!, c.at).every((x) => truthy(x, c.at)), at: c.at }),
  anytrue: (a, c) => ({ t: 'bool', v: list(a[0]!, c.at).some((x) => truthy(x, c.at)), at: c.at }),
  sensitive: (a) => a[0]!,
  nonsensitive: (a) => a[0]!,
  ...Object.fromEntries(Object.entries(PURE_FUNCTIONS).map(([k, f]) => [k, (a: V[], c: FnCtx) => f(a, c.at)])),
};

export function call(m: HclModule, x: Expr & { k: 'call' }, sc: Scope, at: Span): V {
  const name = x.name;
  if (name.startsWith('provider::')) return unknown(m.text(sc.file, x), `provider function ${name} is not evaluated`, undefined, at);
  if (!TERRAFORM_FUNCTIONS.has(name)) throw new HclEvalError(`call to unknown function ${name}()`, at);
  if (name === 'try' || name === 'can') {
    for (const a of x.args) {
      try {
        const v = m.eval(a, sc);
        if (name === 'can') return { t: 'bool', v: true, at };
        return v;
      } catch (e) {
        if (!(e instanceof HclEvalError) || /loop|steps/.test(e.message)) throw e;
      }
    }
    if (name === 'can') return { t: 'bool', v: false, at };
    return unknown(m.text(sc.file, x), 'try(): no argument could be evaluated statically', undefined, at);
  }
  let args = x.args.map((a) => m.eval(a, sc));
  if ((name === 'lookup' || name === 'element') && !x.expand && args.length >= 2 && args.length <= (name === 'lookup' ? 3 : 2)) {
    const sel = selection(m, x.args[1]!, args[1]!, args[0]!, sc, at, m.text(sc.file, x), name === 'lookup' ? args[2] : undefined);
    if (sel) return sel;
  }
  if (x.expand && args.length) {
    const last = args[args.length - 1]!;
    if (last.t === 'unknown') return unknown(m.text(sc.file, x), 'expanded argument known only after apply', last.ref, at);
    args = [...args.slice(0, -1), ...(last.t === 'list' ? last.items : iterate(last, at).map(([, v]) => v))];
  }
  const fn = FUNCTIONS[name];
  if (!fn) return unknown(m.text(sc.file, x), `function ${name}() is not evaluated statically`, undefined, at);
  // unknown arguments make the result unknown; functions that only carry values around keep unknown elements
  const whole = args.find((a) => a.t === 'unknown');
  if (whole && name === 'jsonencode' && args.length === 1) {
    // JSON of a value known only after apply: a JSON string holding the stand-in, so the surrounding
    // document ("Resource": ${jsonencode(var.arns)}) stays valid JSON
    return { t: 'str', v: JSON.stringify(m.standIn(whole)), at, json: whole };
  }
  if (whole && name !== 'format' && name !== 'formatlist') {
    return unknown(m.text(sc.file, x), `argument of ${name}() known only after apply`, whole.t === 'unknown' ? whole.ref : undefined, at);
  }
  if (!CARRIES_UNKNOWN.has(name)) {
    const u = args.find((a) => containsUnknown(a));
    if (u) return unknown(m.text(sc.file, x), `argument of ${name}() known only after apply`, u.t === 'unknown' ? u.ref : undefined, at);
  }
  // templatefile(path, { flag = var.x }): the template's own conditions read an input through its variables
  if (name === 'templatefile' && x.args[1]) m.templateOpen = m.onInput(x.args[1], sc);
  let out: V;
  try {
    out = fn(args, { at, module: m, scope: sc });
  } catch (e) {
    // a pattern outside the RE2 subset evaluated here, an encoding not evaluated: unknown, never a guess
    if (e instanceof RegexUnknown) return unknown(m.text(sc.file, x), `${name}(): ${e.message}`, undefined, at);
    throw e;
  }
  if (out.t === 'str' && out.v.length > MAX_STRING) throw new HclEvalError(`${name}(): result too large`, at);
  if (out.t === 'list' && out.items.length > MAX_COLLECTION) throw new HclEvalError(`${name}(): result too large`, at);
  return out;
}
