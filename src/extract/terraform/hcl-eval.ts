/**
 * Static evaluation of HCL expressions for one Terraform module (a directory of `.tf` files): literals, templates,
 * heredocs, collections, operators, conditionals, `for` expressions, `var.x` (tfvars, then default), `local.x`,
 * `each`/`count`, `path.module`, a pure subset of Terraform's functions, `file()` / `templatefile()` of
 * repository files, and `data "aws_iam_policy_document"` rendering. Whatever is only known after apply (resource
 * attributes, module outputs, data sources, impure functions) stays an `unknown` value and becomes a well-formed
 * stand-in (never a wildcard) registered as a placeholder.
 *
 * Values keep the span they were written at, so a document built with `jsonencode({...})` maps every statement,
 * action and resource back to its line.
 */
import path from 'node:path';
import type { AnalysisError } from '../../findings/types.js';
import type { Span } from '../../policy/types.js';
import { escapeSegment } from '../../policy/source-map.js';
import { parseWithPositions } from '../../text/positions.js';
import { lineAt, lineStartsOf } from './lines.js';
import { DOC_KEYS, renderPolicyDocument, renderStatement } from './policy-document.js';
import { StandIns } from './placeholders.js';
import type { TableContext } from './resources.js';
import type { Block, Body, Expr, ParsedFile, TemplatePart, Traverser } from './hcl-syntax.js';
import { HclSyntaxError, parseHcl, parseTemplate } from './hcl-syntax.js';
import { PURE_FUNCTIONS, RegexUnknown, regexReplace } from './fn-pure.js';
import { readsInput } from './inputs.js';
import { combineBranches, dropBranchConditions, selectionBranches } from './branches.js';
import { iamPolicyData } from './iam-policy-data.js';
import { maxOf, minOf } from '../../util/arrays.js';

// ---------------------------------------------------------------------------------------------------------------
// Values

export type V = (
  | { t: 'str'; v: string; at?: Span; origin?: Origin; json?: V; doc?: RenderedDoc }
  | { t: 'num'; v: number; at?: Span }
  | { t: 'bool'; v: boolean; at?: Span }
  | { t: 'null'; at?: Span }
  | { t: 'list'; items: V[]; at?: Span }
  | { t: 'obj'; entries: Map<string, V>; keyAt?: Map<string, Span>; at?: Span }
  | { t: 'unknown'; expr: string; ref?: string; reason: string; at?: Span }
) & {
  /** The value of a conditional on an input (a variable, the workspace): the other branches, each with its condition. */
  alt?: Alt;
  /** A list element present only in one branch of such a conditional ("when var.admin is true"). */
  branch?: string;
};

export interface Alt {
  /** The conditional as written. */
  expr: string;
  values: { value: V; when: string }[];
}

/** Where the text of a string starts in a file, when the string is the file's text verbatim (JSON positions). */
export interface Origin {
  file: string;
  line: number;
  column: number;
}

export interface RenderedDoc {
  address: string;
  document: Record<string, unknown>;
  spans: Map<string, Span>;
  /** No statement, and its statements come from dynamic blocks the known values leave empty. */
  emptyDynamic?: boolean;
}

export class HclEvalError extends Error {
  constructor(
    message: string,
    readonly span?: Span,
  ) {
    super(message);
    this.name = 'HclEvalError';
  }
}

const NULL: V = { t: 'null' };
const str = (v: string, at?: Span): V => ({ t: 'str', v, ...(at ? { at } : {}) });
const unknown = (expr: string, reason: string, ref?: string, at?: Span): V => ({
  t: 'unknown',
  expr,
  reason,
  ...(ref ? { ref } : {}),
  ...(at ? { at } : {}),
});

// ---------------------------------------------------------------------------------------------------------------
// Module

export interface HclFile {
  /** Repo-relative path. */
  repoPath: string;
  /** Display path. */
  display: string;
  text: string;
  parsed: ParsedFile;
  lineStarts: number[];
}

export interface ModuleInput {
  /** Repo-relative directory of the module ('' for the root). */
  dir: string;
  files: HclFile[];
  /** Values from tfvars files (already evaluated), or the arguments of a module call. */
  tfvars: Map<string, V>;
  /** Variables whose value a module call decides (its caller's expression reads no input): not inputs here. */
  decided?: ReadonlySet<string>;
  readRepoFile(rel: string): string;
  displayPath(rel: string): string;
  ctx: TableContext;
}

export interface BlockRef {
  block: Block;
  file: HclFile;
}

const MAX_STEPS = 2_000_000;
const MAX_COLLECTION = 10_000;
const MAX_STRING = 4_000_000;

/** Terraform's built-in functions (names only): unknown names are errors, known-but-unevaluated give unknowns. */
const TERRAFORM_FUNCTIONS = new Set(
  `abs abspath alltrue anytrue base64decode base64encode base64gzip base64sha256 base64sha512 basename bcrypt can ceil chomp chunklist cidrhost cidrnetmask cidrsubnet cidrsubnets coalesce coalescelist compact concat contains csvdecode dirname distinct element endswith ephemeralasnull file filebase64 filebase64sha256 filebase64sha512 fileexists filemd5 fileset filesha1 filesha256 filesha512 flatten floor format formatdate formatlist indent index issensitive join jsondecode jsonencode keys length list log lookup lower map matchkeys max md5 merge min nonsensitive one parseint pathexpand plantimestamp pow range regex regexall replace reverse rsadecrypt sensitive setintersection setproduct setsubtract setunion sha1 sha256 sha512 signum slice sort split startswith strcontains strrev substr sum templatefile templatestring textdecodebase64 textencodebase64 timeadd timecmp timestamp title tobool tolist tomap tonumber toset tostring transpose trim trimprefix trimspace trimsuffix try type upper urlencode uuid uuidv5 values yamldecode yamlencode zipmap`.split(
    ' ',
  ),
);

export class HclModule {
  readonly standIns: StandIns;
  readonly errors: AnalysisError[] = [];
  readonly variables = new Map<string, BlockRef>();
  readonly locals = new Map<string, { expr: Expr; file: HclFile }>();
  readonly resources = new Map<string, BlockRef>();
  readonly data = new Map<string, BlockRef>();
  private readonly localValues = new Map<string, V>();
  private readonly failedLocals = new Map<string, HclEvalError>();
  private readonly evaluating = new Set<string>();
  private readonly rendered = new Map<string, RenderedDoc | undefined>();
  private readonly templates = new Map<string, TemplatePart[]>();
  private steps = 0;

  constructor(readonly input: ModuleInput) {
    for (const f of input.files) {
      for (const item of f.parsed.body.items) {
        if (item.kind !== 'block') continue;
        if (item.type === 'variable' && item.labels[0]) this.variables.set(item.labels[0], { block: item, file: f });
        else if (item.type === 'locals') {
          for (const a of item.body.items) if (a.kind === 'attribute') this.locals.set(a.name, { expr: a.expr, file: f });
        } else if (item.type === 'resource' && item.labels.length === 2) this.resources.set(`${item.labels[0]}.${item.labels[1]}`, { block: item, file: f });
        else if (item.type === 'data' && item.labels.length === 2) this.data.set(`data.${item.labels[0]}.${item.labels[1]}`, { block: item, file: f });
      }
    }
    this.standIns = new StandIns({
      ...input.ctx,
      valuesOf: (address) => this.staticAttributes(address),
      variable: (name) => {
        const v = this.variable(name);
        return v.t === 'str' ? v.v : undefined;
      },
    });
  }

  span(file: HclFile, s: number, e: number): Span {
    const ls = file.lineStarts;
    const sl = lineAt(ls, s);
    const el = lineAt(ls, Math.max(s, e - 1));
    return {
      file: file.display,
      start: { line: sl, column: s - ls[sl - 1]! + 1 },
      end: { line: el, column: Math.max(s, e - 1) - ls[el - 1]! + 2 },
    };
  }

  /** Record an error once (file + line + message). */
  error(message: string, span: Span | undefined, file: HclFile): void {
    const line = span?.start.line;
    const f = span?.file ?? file.display;
    if (this.errors.some((e) => e.file === f && e.line === line && e.message === message)) return;
    this.errors.push({ file: f, ...(line !== undefined ? { line, column: span!.start.column } : {}), message, kind: 'input' });
  }

  /** Literal string attributes of a resource (for stand-in names), without evaluating references. */
  private staticAttributes(address: string): Record<string, unknown> | undefined {
    const clean = address.replace(/\[[^\]]*\]$/, '');
    const b = this.resources.get(clean) ?? this.data.get(clean);
    if (!b) return undefined;
    const out: Record<string, unknown> = {};
    for (const a of b.block.body.items) {
      if (a.kind !== 'attribute') continue;
      if (a.expr.k === 'tpl' || a.expr.k === 'var' || a.expr.k === 'trav' || a.expr.k === 'call') {
        const key = `static:${clean}.${a.name}`;
        if (this.evaluating.has(key)) continue;
        this.evaluating.add(key);
        const before = this.errors.length;
        try {
          // names of resources with count / for_each depend on the instance: not static
          const v = this.eval(a.expr, { file: b.file, vars: new Map() });
          if (v.t === 'str' && !/tf-(unknown-value|placeholder)-|-placeholder\b/.test(v.v)) out[a.name] = v.v;
        } catch {
          /* not static */
        } finally {
          this.evaluating.delete(key);
          this.errors.length = before;
        }
      }
    }
    return out;
  }

  private step(at?: Span): void {
    if (++this.steps > MAX_STEPS) throw new HclEvalError(`evaluation exceeds ${MAX_STEPS.toLocaleString('en-US')} steps (expression too large)`, at);
  }

  // --- variables and locals --------------------------------------------------------------------------------------

  variable(name: string, at?: Span): V {
    const ref0 = this.variables.get(name);
    const typeExpr = ref0?.block.body.items.find((a) => a.kind === 'attribute' && a.name === 'type');
    const typed = (v: V): V => (typeExpr && typeExpr.kind === 'attribute' && ref0 ? this.applyType(v, typeExpr.expr, ref0.file) : v);
    const tv = this.input.tfvars.get(name);
    if (tv) return typed(tv);
    const ref = ref0;
    if (!ref) {
      if (at) throw new HclEvalError(`reference to an undeclared input variable var.${name}`, at);
      return unknown(`var.${name}`, 'variable not declared');
    }
    const def = ref.block.body.items.find((a) => a.kind === 'attribute' && a.name === 'default');
    if (!def || def.kind !== 'attribute') return unknown(`var.${name}`, `variable ${name} has no default and no value in a tfvars file`, `var.${name}`, at);
    // in a module instance the call did not set it: its default is the value (tfvars do not reach a child module)
    const final = this.input.decided?.has(name) === true;
    const key = `var.${name}`;
    if (this.evaluating.has(key)) throw new HclEvalError(`interpolation loop through var.${name}`, at);
    this.evaluating.add(key);
    try {
      const v = typed(this.eval(def.expr, { file: ref.file, vars: new Map() }));
      // an empty default (null, [], {}) is a value the module's caller fills in: unknown, not "nothing"
      // (no false "Statement without Resource" for `resources = var.arns` with `default = []`)
      if (!final && (v.t === 'null' || (v.t === 'str' && v.v === '') || (v.t === 'list' && v.items.length === 0) || (v.t === 'obj' && v.entries.size === 0))) {
        return unknown(`var.${name}`, `variable ${name} defaults to an empty value; set by the module caller or a tfvars file`, `var.${name}`, at);
      }
      return v;
    } finally {
      this.evaluating.delete(key);
    }
  }

  /**
   * Terraform's type conversion, for what changes values: `optional(T, default)` attributes of `object({...})`
   * types are filled in (null without a default), through `list`/`set`/`map`/`tuple` element types.
   */
  applyType(v: V, t: Expr, file: HclFile, depth = 0): V {
    if (depth > 32 || t.k !== 'call') return v;
    const inner = t.args[0];
    if ((t.name === 'list' || t.name === 'set') && inner && v.t === 'list') return { ...v, items: v.items.map((x) => this.applyType(x, inner, file, depth + 1)) };
    if (t.name === 'map' && inner && v.t === 'obj') {
      return { ...v, entries: new Map([...v.entries].map(([k, x]) => [k, this.applyType(x, inner, file, depth + 1)])) };
    }
    if (t.name === 'optional' && inner) return this.applyType(v, inner, file, depth + 1);
    if (t.name === 'object' && inner?.k === 'object' && v.t === 'obj') {
      const entries = new Map(v.entries);
      for (const it of inner.items) {
        const key = it.keyName;
        if (key === undefined) continue;
        const at = it.value;
        const present = entries.get(key);
        if (present !== undefined) entries.set(key, this.applyType(present, at, file, depth + 1));
        else if (at.k === 'call' && at.name === 'optional') {
          let d: V = { t: 'null' };
          if (at.args[1]) {
            try {
              d = this.applyType(this.eval(at.args[1], { file, vars: new Map() }), at.args[0]!, file, depth + 1);
            } catch {
              d = { t: 'null' };
            }
          }
          entries.set(key, d);
        }
      }
      return { ...v, entries };
    }
    return v;
  }

  local(name: string, at?: Span): V {
    const cached = this.localValues.get(name);
    if (cached) return cached;
    const l = this.locals.get(name);
    if (!l) throw new HclEvalError(`reference to an undeclared local value local.${name}`, at);
    const failed = this.failedLocals.get(name);
    if (failed) throw failed;
    const key = `local.${name}`;
    if (this.evaluating.has(key)) {
      const chain = [...this.evaluating].filter((k) => k.startsWith('local.'));
      const err = new HclEvalError(`interpolation loop: local.${name} refers to itself (through ${chain.join(' -> ')} -> local.${name})`, at);
      // every local of the cycle fails with this one error
      for (const k of chain.slice(chain.indexOf(key))) this.failedLocals.set(k.slice('local.'.length), err);
      throw err;
    }
    this.evaluating.add(key);
    try {
      const v = this.eval(l.expr, { file: l.file, vars: new Map() });
      this.localValues.set(name, v);
      return v;
    } finally {
      this.evaluating.delete(key);
    }
  }

  // --- expressions -------------------------------------------------------------------------------------------------

  text(file: HclFile, x: { s: number; e: number }): string {
    const t = file.text.slice(x.s, x.e);
    return t.length > 200 ? t.slice(0, 197) + '...' : t;
  }

  eval(x: Expr, sc: Scope): V {
    const at = this.span(sc.file, x.s, x.e);
    this.step(at);
    switch (x.k) {
      case 'lit':
        return x.v === null ? { t: 'null', at } : typeof x.v === 'string' ? str(x.v, at) : typeof x.v === 'number' ? { t: 'num', v: x.v, at } : { t: 'bool', v: x.v, at };
      case 'tpl':
        return this.template(x.parts, sc, at, x.heredoc ? { file: sc.file.display, line: at.start.line + 1, column: 1 } : { file: sc.file.display, line: at.start.line, column: at.start.column + 1 });
      case 'paren':
        return this.eval(x.x, sc);
      case 'tuple': {
        if (x.items.length > MAX_COLLECTION) throw new HclEvalError('list too large', at);
        return { t: 'list', items: x.items.map((i) => this.eval(i, sc)), at };
      }
      case 'object': {
        const entries = new Map<string, V>();
        const keyAt = new Map<string, Span>();
        for (const it of x.items) {
          let key: string;
          if (it.keyName !== undefined && (it.key.k === 'var' || it.key.k === 'lit')) key = it.keyName;
          else {
            const k = this.eval(it.key.k === 'paren' ? it.key.x : it.key, sc);
            if (k.t === 'unknown') return unknown(this.text(sc.file, x), 'object key known only after apply', undefined, at);
            key = scalarString(k, this.span(sc.file, it.key.s, it.key.e));
          }
          entries.set(key, this.eval(it.value, sc));
          keyAt.set(key, this.span(sc.file, it.s, it.e));
        }
        return { t: 'obj', entries, keyAt, at };
      }
      case 'var':
        return this.root(x.name, [], sc, at, x);
      case 'trav':
        if (x.obj.k === 'var') return this.root(x.obj.name, x.steps, sc, at, x);
        return this.traverse(this.eval(x.obj, sc), x.steps, sc, at, this.text(sc.file, x));
      case 'call':
        return this.call(x, sc, at);
      case 'cond':
        return this.conditional(x, sc, at);
      case 'un': {
        const v = this.eval(x.x, sc);
        if (v.t === 'unknown') return v;
        if (x.op === '!') return { t: 'bool', v: !truthy(v, at), at };
        return { t: 'num', v: -num(v, at), at };
      }
      case 'bin':
        return this.binary(x.op, x.l, x.r, sc, at, x);
      case 'for':
        return this.forExpr(x, sc, at);
    }
  }

  /**
   * `c ? a : b`. A condition on an input (a variable, even with a default; the workspace; a value known only after
   * apply) may go either way: both branches are evaluated and the result carries the other one (`alt`), so a
   * position that decides access analyses both ("when var.admin is true"). Lists are their union, each element
   * tagged with the branch it comes from.
   */
  private conditional(x: Expr & { k: 'cond' }, sc: Scope, at: Span): V {
    const c = this.eval(x.cond, sc);
    if (c.t !== 'unknown' && !this.onInput(x.cond, sc)) return truthy(c, at) ? this.eval(x.then, sc) : this.eval(x.else, sc);
    const cond = this.text(sc.file, x.cond);
    const taken = c.t === 'unknown' ? undefined : truthy(c, at);
    const branch = (which: boolean): V | undefined => {
      if (taken === which) return this.eval(which ? x.then : x.else, sc);
      try {
        return this.eval(which ? x.then : x.else, sc);
      } catch (e) {
        // the branch the known inputs do not take may not evaluate with them (an index into an empty list ...)
        if (!(e instanceof HclEvalError) || /loop|steps/.test(e.message)) throw e;
        return taken === undefined ? unknown(this.text(sc.file, which ? x.then : x.else), `not evaluated: ${e.message}`, undefined, at) : undefined;
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
    const expr = this.text(sc.file, x);
    return combineBranches(expr, branches, taken !== undefined, () => unknown(expr, 'condition known only after apply', c.t === 'unknown' ? c.ref : undefined, at), at);
  }

  /**
   * `lookup(map, var.env)`, `map[var.env]`, `element(list, var.i)`, `list[var.i]` where the key reads an input (or is
   * known only after apply): every entry may be selected (a caller, a tfvars file, the workspace picks the key), so
   * the value carries all of them as branches (branches.ts). Undefined when the key is a constant (evaluate as usual).
   */
  private selection(keyExpr: Expr, key: V, collection: V, sc: Scope, at: Span, text: string, fallback?: V): V | undefined {
    if (key.t !== 'unknown' && !this.onInput(keyExpr, sc)) return undefined;
    let chosen: V | undefined;
    if (key.t !== 'unknown') {
      if (collection.t === 'obj' && (key.t === 'str' || key.t === 'num' || key.t === 'bool')) chosen = collection.entries.get(String(key.v)) ?? fallback;
      else if (collection.t === 'list' && key.t === 'num' && collection.items.length) chosen = collection.items[((key.v % collection.items.length) + collection.items.length) % collection.items.length];
    }
    const branches = selectionBranches(this.text(sc.file, keyExpr), collection, chosen, fallback);
    if (!branches) return undefined;
    return combineBranches(text, branches, chosen !== undefined, () => unknown(text, key.t === 'unknown' ? 'key known only after apply' : 'key not in the collection', key.t === 'unknown' ? key.ref : undefined, at), at);
  }

  /** Does an expression read an input (var.*, terraform.workspace), directly or through locals? */
  /**
   * A count / for_each the known values turn off that an input may still turn on: not written as a literal and,
   * in a module instance (module-calls.ts), reading a variable its call does not decide.
   */
  mayBeEnabled(x: Expr, sc: Scope): boolean {
    return x.k !== 'lit' && (!this.input.decided || this.onInput(x, sc));
  }

  onInput(x: Expr, sc: Scope): boolean {
    return readsInput(x, sc.file.repoPath, (name) => this.locals.get(name), this.inputMemo, 0, this.input.decided);
  }

  private readonly inputMemo = new Map<string, boolean>();
  /** Set by a templatefile() call whose variables read an input, for the template it renders. */
  private templateOpen = false;

  private binary(op: string, le: Expr, re: Expr, sc: Scope, at: Span, x: Expr): V {
    const l = this.eval(le, sc);
    if (op === '&&' && l.t === 'bool' && !l.v) return { t: 'bool', v: false, at };
    if (op === '||' && l.t === 'bool' && l.v) return { t: 'bool', v: true, at };
    const r = this.eval(re, sc);
    if (l.t === 'unknown' || r.t === 'unknown') return unknown(this.text(sc.file, x), 'operand known only after apply', l.t === 'unknown' ? l.ref : (r as { ref?: string }).ref, at);
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

  private forExpr(x: Expr & { k: 'for' }, sc: Scope, at: Span): V {
    const coll = this.eval(x.coll, sc);
    if (coll.t === 'unknown') return unknown(this.text(sc.file, x), 'for expression over a collection known only after apply', coll.ref, at);
    const pairs = iterate(coll, at);
    if (x.object) return this.forObject(x, sc, at, pairs);
    return this.forList(x, sc, at, pairs);
  }

  private forObject(x: Expr & { k: 'for' }, sc: Scope, at: Span, pairs: [V, V][]): V {
    {
      const entries = new Map<string, V>();
      const keyAt = new Map<string, Span>();
      for (const [k, v] of pairs) {
        const vars = new Map(sc.vars);
        if (x.keyVar) vars.set(x.keyVar, k);
        vars.set(x.valVar, v);
        const s2 = { file: sc.file, vars };
        if (x.cond) {
          const c = this.eval(x.cond, s2);
          if (c.t === 'unknown') return unknown(this.text(sc.file, x), 'for condition known only after apply', c.ref, at);
          if (!truthy(c, at)) continue;
        }
        const kv = this.eval(x.keyExpr!, s2);
        if (kv.t === 'unknown') return unknown(this.text(sc.file, x), 'object key known only after apply', kv.ref, at);
        const key = scalarString(kv, at);
        const val = this.eval(x.valExpr, s2);
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

  private forList(x: Expr & { k: 'for' }, sc: Scope, at: Span, pairs: [V, V][]): V {
    const items: V[] = [];
    for (const [k, v] of pairs) {
      const vars = new Map(sc.vars);
      if (x.keyVar) vars.set(x.keyVar, k);
      vars.set(x.valVar, v);
      const s2 = { file: sc.file, vars };
      if (x.cond) {
        const c = this.eval(x.cond, s2);
        if (c.t === 'unknown') return unknown(this.text(sc.file, x), 'for condition known only after apply', c.ref, at);
        if (!truthy(c, at)) continue;
      }
      items.push(this.eval(x.valExpr, s2));
    }
    return { t: 'list', items, at };
  }

  /** A string template; unknown parts become stand-ins inside the string. */
  template(parts: TemplatePart[], sc: Scope, at: Span, origin?: Origin): V {
    // a template that is just one interpolation yields the value itself ("${var.list}")
    if (parts.length === 1 && parts[0]!.k === 'interp') return this.eval(parts[0]!.x, sc);
    const primary = this.renderTemplate(parts, sc, at, new Set());
    const withOrigin = (v: string): V => ({ t: 'str', v, at, ...(origin ? { origin } : {}) });
    if (!primary.open.length) return withOrigin(primary.out);
    // `%{ if var.admin }` over an input: the text with each such directive the other way (and all of them) too
    const values: { value: V; when: string }[] = [{ value: withOrigin(primary.out), when: 'with the values known here' }];
    const flips: [Set<number>, string][] = primary.open.slice(0, 8).map((o, i) => [new Set([i]), o] as [Set<number>, string]);
    if (primary.open.length > 1) flips.push([new Set(primary.open.map((_o, i) => i)), 'every %{ if } of the template the other way']);
    for (const [flip, when] of flips) {
      try {
        const r = this.renderTemplate(parts, sc, at, flip);
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
  private renderTemplate(parts: TemplatePart[], sc: Scope, at: Span, flip: Set<number>): { out: string; open: string[] } {
    let out = '';
    const open: string[] = [];
    const walk = (ps: TemplatePart[], s: Scope) => {
      for (const p of ps) {
        if (p.k === 'text') out += p.v;
        else if (p.k === 'interp') {
          out += this.toText(this.eval(p.x, s), s);
        } else if (p.k === 'if') {
          const c = this.eval(p.cond, s);
          // a condition only the caller knows: the `then` branch (the directive's content) first, so what it
          // grants is analysed and the text around it keeps its shape (JSON commas ...); the other way is a variant
          let way = c.t === 'unknown' ? true : truthy(c, at);
          if (c.t === 'unknown' || s.inputs || this.onInput(p.cond, s)) {
            const i = open.length;
            open.push(`when ${this.text(s.file, p.cond)} is ${way ? 'false' : 'true'}`);
            if (flip.has(i)) way = !way;
          }
          walk(way ? p.then : p.else, s);
        } else {
          const coll = this.eval(p.coll, s);
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
  toText(v: V, sc: Scope): string {
    switch (v.t) {
      case 'str':
        return v.v;
      case 'num':
        return String(v.v);
      case 'bool':
        return String(v.v);
      case 'unknown':
        return this.standIn(v);
      case 'null':
        // Terraform fails here; in a reusable module the value comes from the caller: a stand-in, not an error
        return this.standIns.opaque('null value in a string template (set by the module caller)', 'null');
      default:
        throw new HclEvalError(`a ${v.t === 'list' ? 'list' : 'object'} cannot be used in a string template`, v.at ?? this.span(sc.file, 0, 0));
    }
  }

  standIn(v: V & { t: 'unknown' }): string {
    if (v.alt) {
      const alts = v.alt.values.map((a) => ({ value: this.scalarJson(a.value), when: a.when }));
      if (alts.every((a) => a.value !== undefined)) return this.standIns.alternatives(v.alt.expr, alts as { value: unknown; when: string }[]);
    }
    const worst = worstReason(v);
    return v.ref ? this.standIns.forReference(v.ref, '', v.reason, worst) : this.standIns.opaque(v.reason, v.expr, false, worst);
  }

  /**
   * JSON of a known value that has other branches: a token listing every branch (scalars), or the union of the
   * branches' policy documents (a Deny of another branch left out: it may not exist). Undefined: the value alone.
   */
  private eitherJson(v: V, ptr: string, spans: Map<string, Span>, docs: boolean): unknown {
    const alt = v.alt!;
    const self = { ...v, alt: undefined } as V;
    if (self.t === 'str' && (self.json || self.doc) && docs) {
      const primary = this.toJson(self, ptr, spans, docs);
      if (!isRecord(primary) || !('Statement' in primary)) return primary;
      const stmts = Array.isArray(primary.Statement) ? [...(primary.Statement as unknown[])] : [primary.Statement];
      const seen = new Set(stmts.map((x) => JSON.stringify(x)));
      for (const a of alt.values) {
        const other = this.toJson(a.value, ptr, new Map(), docs);
        if (!isRecord(other)) continue;
        const os = Array.isArray(other.Statement) ? (other.Statement as unknown[]) : other.Statement !== undefined ? [other.Statement] : [];
        for (const st of os) {
          if (seen.has(JSON.stringify(st))) continue;
          if (isRecord(st) && st.Effect === 'Deny') this.notes.push(`${BRANCH_DENY} ${a.when} (${alt.expr}): the policy's Denies are not relied on`);
          seen.add(JSON.stringify(st));
          stmts.push(st);
          this.notes.push(`statements of the policy ${a.when} are analysed too (${alt.expr})`);
        }
      }
      return { ...primary, Statement: stmts };
    }
    const primary = this.scalarJson(self);
    if (primary === undefined || primary === null) return undefined;
    const alts = alt.values.map((a) => ({ value: this.scalarJson(a.value), when: a.when }));
    if (alts.some((a) => a.value === undefined)) return undefined;
    return this.standIns.alternatives(alt.expr, alts, primary);
  }

  /** Plain JSON of a scalar value (unknowns as their stand-in); undefined for collections. */
  private scalarJson(v: V): unknown {
    if (v.t === 'str' || v.t === 'num' || v.t === 'bool') return v.v;
    if (v.t === 'null') return null;
    if (v.t === 'unknown') return this.standIn(v);
    return undefined;
  }

  private root(name: string, steps: Traverser[], sc: Scope, at: Span, x: Expr): V {
    const local = sc.vars.get(name);
    if (local) return this.traverse(local, steps, sc, at, this.text(sc.file, x));
    const first = steps[0];
    const attr = first?.k === 'attr' ? first.name : undefined;
    const text = this.text(sc.file, x);
    switch (name) {
      case 'var':
        if (!attr) throw new HclEvalError('var must be followed by a variable name', at);
        return relocate(this.traverse(this.variable(attr, at), steps.slice(1), sc, at, text), at);
      case 'local':
        if (!attr) throw new HclEvalError('local must be followed by a name', at);
        return relocate(this.traverse(this.local(attr, at), steps.slice(1), sc, at, text), at);
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
        if (type === POLICY_DOCUMENT && !this.data.has(address)) throw new HclEvalError(`reference to an undeclared data source ${address}`, at);
        if (type === POLICY_DOCUMENT) {
          const doc = this.renderDocument(address, at);
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
            const ref = this.data.get(address)!;
            const countAttr = ref.block.body.items.find((a) => a.kind === 'attribute' && a.name === 'count');
            let coll: V = inst;
            if (countAttr && countAttr.kind === 'attribute') {
              const n = this.eval(countAttr.expr, { file: ref.file, vars: new Map() });
              // count 0 computed from defaults: rendered as if enabled (a caller may enable it), like resources
              const len = n.t === 'num' && n.v <= MAX_COLLECTION ? (n.v === 0 && this.mayBeEnabled(countAttr.expr, { file: ref.file, vars: new Map() }) ? 1 : n.v) : 1;
              coll = { t: 'list', items: Array.from({ length: len }, () => inst), at };
            }
            return this.traverse(coll, steps.slice(2), sc, at, text);
          }
        }
        if (type === 'aws_iam_policy') {
          const v = iamPolicyData(this, address, at);
          if (v) return this.traverse(v, steps.slice(2), sc, at, text);
        }
        return unknown(text, 'data source read at plan/apply time', refText(name, steps, 4), at);
      }
    }
    // resource reference: TYPE.NAME[.attr]
    if (!attr) throw new HclEvalError(`unknown name "${name}"`, at);
    const address = `${name}.${attr}`;
    if (!this.resources.has(address)) throw new HclEvalError(`reference to an undeclared resource ${address}`, at);
    // a resource with static count / for_each referenced as a whole: its instances (each unknown)
    const inst = steps[1] === undefined || steps[1].k !== 'attr' ? this.instancesOf(address, at) : undefined;
    if (inst) return this.traverse(inst, steps.slice(1), sc, at, text);
    const passed = this.resourceArgument(address, steps, sc, at, text);
    if (passed) return passed;
    return unknown(text, 'resource attribute known only after apply', refText(name, steps, 3), at);
  }

  /**
   * A non-identifying attribute the resource's own block sets (`aws_ssm_parameter.x.value` with `value = "*"`,
   * `terraform_data.x.output` = its `input`): evaluated like a local, so a value routed through a resource is not a
   * harmless after-apply stand-in. Undefined for identifying attributes (they keep their stand-in) and for
   * attributes the block does not set (computed at apply: `worstReason` decides).
   */
  private resourceArgument(address: string, steps: Traverser[], sc: Scope, at: Span, text: string): V | undefined {
    const s1 = steps[1];
    if (s1?.k !== 'attr' || isIdentifyingAttribute(s1.name)) return undefined;
    const ref = this.resources.get(address);
    const names = ARGUMENT_OF[`${address.split('.')[0]}.${s1.name}`] ?? [s1.name];
    const input = ref?.block.body.items.find((a) => a.kind === 'attribute' && names.includes(a.name));
    if (!ref || !input || input.kind !== 'attribute') return undefined;
    const key = `output:${address}.${s1.name}`;
    if (this.evaluating.has(key)) throw new HclEvalError(`interpolation loop: ${address} refers to itself`, at);
    this.evaluating.add(key);
    try {
      return this.traverse(this.eval(input.expr, { file: ref.file, vars: new Map() }), steps.slice(2), sc, at, text);
    } finally {
      this.evaluating.delete(key);
    }
  }

  /** `aws_x.y` with a static count (a list) or for_each (an object) of unknown instances; undefined otherwise. */
  private instancesOf(address: string, at: Span): V | undefined {
    const ref = this.resources.get(address);
    if (!ref) return undefined;
    const key = `instances:${address}`;
    if (this.evaluating.has(key)) throw new HclEvalError(`interpolation loop: ${address} refers to itself`, at);
    const attr = (n: string) => ref.block.body.items.find((a) => a.kind === 'attribute' && a.name === n);
    const count = attr('count');
    const forEach = attr('for_each');
    if (!count && !forEach) return undefined;
    this.evaluating.add(key);
    try {
      const sc: Scope = { file: ref.file, vars: new Map() };
      const inst = (k: string): V => ({ t: 'unknown', expr: `${address}${k}`, ref: `${address}${k}`, reason: 'resource attribute known only after apply', at });
      if (count && count.kind === 'attribute') {
        const n = this.eval(count.expr, sc);
        if (n.t !== 'num' || n.v > MAX_COLLECTION) return undefined;
        // count 0 computed from defaults (`var.attach_x ? 1 : 0`): the instance a caller may enable, as the resource
        // itself is analysed (hcl.ts); never an empty list whose `[0].arn` would be nobody's ARN
        const len = n.v === 0 && this.mayBeEnabled(count.expr, sc) ? 1 : n.v;
        return { t: 'list', items: Array.from({ length: len }, (_x, i) => inst(`[${i}]`)), at };
      }
      if (forEach && forEach.kind === 'attribute') {
        const c = this.eval(forEach.expr, sc);
        if (c.t === 'list') return { t: 'obj', entries: new Map(c.items.map((x) => [scalarString(x, at), inst(`[${JSON.stringify(scalarString(x, at))}]`)])), at };
        if (c.t === 'obj') return { t: 'obj', entries: new Map([...c.entries.keys()].map((k) => [k, inst(`[${JSON.stringify(k)}]`)])), at };
      }
      return undefined;
    } catch (e) {
      if (e instanceof HclEvalError && /loop/.test(e.message)) throw e;
      return undefined;
    } finally {
      this.evaluating.delete(key);
    }
  }

  /** The remaining steps of a traversal applied to every branch of a selection (`map[var.env].arn`). */
  private traverseBranches(sel: V, rest: Traverser[], sc: Scope, at: Span, text: string): V {
    if (sel.t === 'list' && !sel.alt) return this.traverse(sel, rest, sc, at, text);
    const values = (sel.alt?.values ?? [{ value: sel, when: '' }]).map((b) => ({ value: this.traverse(b.value, rest, sc, at, text), when: b.when }));
    const taken = sel.t !== 'unknown';
    return combineBranches(text, values, taken, () => unknown(text, 'key known only after apply', undefined, at), at);
  }

  private traverse(v: V, steps: Traverser[], sc: Scope, at: Span, text: string): V {
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
        return { t: 'list', items: list.map((x) => this.traverse(x, rest, sc, at, text)), at };
      }
      let key: V;
      if (st.k === 'attr') key = str(st.name);
      else {
        key = this.eval(st.key, sc);
        // map[var.env], list[var.i]: every entry may be selected; the rest of the traversal applies to each
        const rest = steps.slice(i + 1);
        const sel = this.selection(st.key, key, cur, sc, at, text);
        if (sel) return rest.length ? this.traverseBranches(sel, rest, sc, at, text) : sel;
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

  // --- functions ---------------------------------------------------------------------------------------------------

  private call(x: Expr & { k: 'call' }, sc: Scope, at: Span): V {
    const name = x.name;
    if (name.startsWith('provider::')) return unknown(this.text(sc.file, x), `provider function ${name} is not evaluated`, undefined, at);
    if (!TERRAFORM_FUNCTIONS.has(name)) throw new HclEvalError(`call to unknown function ${name}()`, at);
    if (name === 'try' || name === 'can') {
      for (const a of x.args) {
        try {
          const v = this.eval(a, sc);
          if (name === 'can') return { t: 'bool', v: true, at };
          return v;
        } catch (e) {
          if (!(e instanceof HclEvalError) || /loop|steps/.test(e.message)) throw e;
        }
      }
      if (name === 'can') return { t: 'bool', v: false, at };
      return unknown(this.text(sc.file, x), 'try(): no argument could be evaluated statically', undefined, at);
    }
    let args = x.args.map((a) => this.eval(a, sc));
    if ((name === 'lookup' || name === 'element') && !x.expand && args.length >= 2 && args.length <= (name === 'lookup' ? 3 : 2)) {
      const sel = this.selection(x.args[1]!, args[1]!, args[0]!, sc, at, this.text(sc.file, x), name === 'lookup' ? args[2] : undefined);
      if (sel) return sel;
    }
    if (x.expand && args.length) {
      const last = args[args.length - 1]!;
      if (last.t === 'unknown') return unknown(this.text(sc.file, x), 'expanded argument known only after apply', last.ref, at);
      args = [...args.slice(0, -1), ...(last.t === 'list' ? last.items : iterate(last, at).map(([, v]) => v))];
    }
    const fn = FUNCTIONS[name];
    if (!fn) return unknown(this.text(sc.file, x), `function ${name}() is not evaluated statically`, undefined, at);
    // unknown arguments make the result unknown; functions that only carry values around keep unknown elements
    const whole = args.find((a) => a.t === 'unknown');
    if (whole && name === 'jsonencode' && args.length === 1) {
      // JSON of a value known only after apply: a JSON string holding the stand-in, so the surrounding
      // document ("Resource": ${jsonencode(var.arns)}) stays valid JSON
      return { t: 'str', v: JSON.stringify(this.standIn(whole)), at, json: whole };
    }
    if (whole && name !== 'format' && name !== 'formatlist') {
      return unknown(this.text(sc.file, x), `argument of ${name}() known only after apply`, whole.t === 'unknown' ? whole.ref : undefined, at);
    }
    if (!CARRIES_UNKNOWN.has(name)) {
      const u = args.find((a) => containsUnknown(a));
      if (u) return unknown(this.text(sc.file, x), `argument of ${name}() known only after apply`, u.t === 'unknown' ? u.ref : undefined, at);
    }
    // templatefile(path, { flag = var.x }): the template's own conditions read an input through its variables
    if (name === 'templatefile' && x.args[1]) this.templateOpen = this.onInput(x.args[1], sc);
    let out: V;
    try {
      out = fn(args, { at, module: this, scope: sc });
    } catch (e) {
      // a pattern outside the RE2 subset evaluated here, an encoding not evaluated: unknown, never a guess
      if (e instanceof RegexUnknown) return unknown(this.text(sc.file, x), `${name}(): ${e.message}`, undefined, at);
      throw e;
    }
    if (out.t === 'str' && out.v.length > MAX_STRING) throw new HclEvalError(`${name}(): result too large`, at);
    if (out.t === 'list' && out.items.length > MAX_COLLECTION) throw new HclEvalError(`${name}(): result too large`, at);
    return out;
  }

  readFile(p: string, at: Span, sc: Scope): { text: string; repoPath: string } {
    const rel = path.posix.normalize(path.posix.join(this.input.dir || '.', p.replace(/\\/g, '/')));
    if (path.posix.isAbsolute(p) || rel.startsWith('../') || rel === '..') throw new HclEvalError(`file "${p}" is outside the repository`, at);
    try {
      return { text: this.input.readRepoFile(rel), repoPath: rel };
    } catch (e) {
      throw new HclEvalError(`cannot read "${p}": ${(e as Error).message}`, at ?? this.span(sc.file, 0, 0));
    }
  }

  template_file(p: string, vars: V, at: Span, sc: Scope): V {
    const { text, repoPath } = this.readFile(p, at, sc);
    let parts = this.templates.get(repoPath);
    const display = this.input.displayPath(repoPath);
    const tf: HclFile = { repoPath, display, text, parsed: { body: { items: [] }, comments: [] }, lineStarts: lineStartsOf(text) };
    if (!parts) {
      try {
        parts = parseTemplate(text);
      } catch (e) {
        if (e instanceof HclSyntaxError) throw new HclEvalError(`template ${display}: ${e.message}`, this.span(tf, e.offset, e.offset + 1));
        throw e;
      }
      this.templates.set(repoPath, parts);
    }
    const tvars = new Map<string, V>();
    if (vars.t === 'obj') for (const [k, v] of vars.entries) tvars.set(k, v);
    else if (vars.t !== 'null') throw new HclEvalError('templatefile(): the second argument must be an object', at);
    const key = `template:${repoPath}`;
    if (this.evaluating.has(key)) throw new HclEvalError(`templatefile(): ${display} includes itself`, at);
    this.evaluating.add(key);
    const open = this.templateOpen;
    this.templateOpen = false;
    try {
      return this.template(parts, { file: tf, vars: tvars, templateOnly: true, ...(open ? { inputs: true } : {}) }, at, { file: display, line: 1, column: 1 });
    } finally {
      this.evaluating.delete(key);
    }
  }

  // --- blocks -------------------------------------------------------------------------------------------------------

  /** A block body as a JSON-like value: attributes and nested blocks (lists of objects), dynamic blocks expanded. */
  body(body: Body, sc: Scope, skip: Set<string> = new Set()): V & { t: 'obj' } {
    const entries = new Map<string, V>();
    const keyAt = new Map<string, Span>();
    for (const item of body.items) {
      if (skip.has(item.kind === 'attribute' ? item.name : item.type)) continue;
      if (item.kind === 'attribute') {
        entries.set(item.name, this.guard(item.expr, sc));
        keyAt.set(item.name, this.span(sc.file, item.s, item.e));
        continue;
      }
      const at = this.span(sc.file, item.s, item.e);
      if (item.type === 'dynamic' && item.labels[0]) {
        const name = item.labels[0];
        const list = (entries.get(name) as (V & { t: 'list' }) | undefined) ?? { t: 'list', items: [], at };
        entries.set(name, list);
        if (!keyAt.has(name)) keyAt.set(name, at);
        const fe = item.body.items.find((a) => a.kind === 'attribute' && a.name === 'for_each');
        const it = item.body.items.find((a) => a.kind === 'attribute' && a.name === 'iterator');
        const content = item.body.items.find((a) => a.kind === 'block' && a.type === 'content');
        if (!fe || fe.kind !== 'attribute' || !content || content.kind !== 'block') continue;
        const iterName = it && it.kind === 'attribute' && it.expr.k === 'var' ? it.expr.name : name;
        const coll = this.guard(fe.expr, sc);
        if (coll.t === 'unknown') {
          // content built from an iterator nobody knows yet: once, with every iterator value unknown, so what the
          // caller may put there (effect, actions, resources ...) is analysed as its worst case, and said so
          const reason = `dynamic "${name}" block at line ${at.start.line}: for_each = ${this.text(sc.file, fe.expr)} is set by the module caller or known only after apply`;
          const vars = new Map(sc.vars);
          const u = (k: string): V => ({ t: 'unknown', expr: `${iterName}.${k}`, reason, at });
          vars.set(iterName, { t: 'obj', entries: new Map([['key', u('key')], ['value', u('value')]]), at });
          list.items.push({ ...this.body(content.body, { file: sc.file, vars }), at: this.span(sc.file, content.s, content.e) });
          continue;
        }
        // a for_each an input decides (var.conditions, local.x built from a variable): the caller or a tfvars file
        // may leave any element out, so every block it makes is present only in some branch
        const optional = this.onInput(fe.expr, sc) ? `when ${this.text(sc.file, fe.expr)} leaves it out` : undefined;
        for (const [k, v] of iterate(coll, at)) {
          const vars = new Map(sc.vars);
          vars.set(iterName, { t: 'obj', entries: new Map([['key', k], ['value', v]]), at });
          // an element of a for_each chosen by an input: the block exists only in that branch
          const branch = v.branch ?? optional;
          list.items.push({ ...this.body(content.body, { file: sc.file, vars }), at: this.span(sc.file, content.s, content.e), ...(branch ? { branch } : {}) });
        }
        continue;
      }
      const prev = entries.get(item.type);
      const obj = this.body(item.body, sc);
      obj.at = at;
      if (prev && prev.t === 'list') prev.items.push(obj);
      else {
        entries.set(item.type, { t: 'list', items: [obj], at });
        keyAt.set(item.type, at);
      }
    }
    return { t: 'obj', entries, keyAt, at: undefined as unknown as Span };
  }

  /** Notes collected while evaluating (dynamic blocks not expanded ...). */
  readonly notes: string[] = [];

  /** Evaluate, turning evaluation errors into a recorded error and an unknown value. */
  guard(x: Expr, sc: Scope): V {
    try {
      return this.eval(x, sc);
    } catch (e) {
      if (!(e instanceof HclEvalError)) throw e;
      const at = e.span ?? this.span(sc.file, x.s, x.e);
      this.error(e.message, at, sc.file);
      return unknown(this.text(sc.file, x), `not evaluated: ${e.message}`, undefined, this.span(sc.file, x.s, x.e));
    }
  }

  /** A policy document only known when Terraform runs, as JSON text whose deciding values are worst-case tokens. */
  private unknownDocument(v: V & { t: 'unknown' }): V {
    if (v.reason.startsWith('not evaluated:')) return str('{}', v.at);
    const tok = this.standIns.opaque(v.reason, v.expr, false, `${v.expr}: a policy document merged in that the gate cannot read (${v.reason})`);
    return str(JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: tok, Action: tok, Resource: tok }] }), v.at);
  }

  /** Render `data "aws_iam_policy_document"` (cached), with spans for statements and their elements. */
  renderDocument(address: string, at?: Span): RenderedDoc | undefined {
    if (this.rendered.has(address)) return this.rendered.get(address);
    const ref = this.data.get(address);
    if (!ref) return undefined;
    if (this.evaluating.has(address)) throw new HclEvalError(`interpolation loop: ${address} refers to itself`, at);
    this.evaluating.add(address);
    try {
      const sc: Scope = { file: ref.file, vars: new Map() };
      const hasCount = ref.block.body.items.some((a) => a.kind === 'attribute' && (a.name === 'count' || a.name === 'for_each'));
      if (hasCount) {
        sc.vars.set('count', { t: 'obj', entries: new Map([['index', { t: 'num', v: 0 } as V]]) });
      }
      const args = this.body(ref.block.body, sc, new Set(['count', 'for_each', 'depends_on', 'provider', 'lifecycle']));
      // a condition block present only in one branch (a dynamic block an input decides) may be absent: the
      // statement is analysed without it, the wider of the two, and said so
      for (const note of dropBranchConditions(args)) this.notes.push(note);
      const spans = new Map<string, Span>();
      const json: Record<string, unknown> = {};
      const sourceDocs: RenderedDoc[] = [];
      for (const [k, raw] of args.entries) {
        const asText = SOURCE_KEYS.has(k);
        // a document the gate cannot read (the caller's, a data source's, a module output) merged in: a statement
        // whose every deciding value is a worst-case token (worst-case.ts makes it Allow * on *, and says so)
        let v = raw;
        if (asText && v.t === 'unknown') v = { t: 'list', items: [this.unknownDocument(v)], at: v.at };
        if (asText && v.t === 'list') v = { ...v, items: v.items.map((x) => (x.t === 'unknown' ? this.unknownDocument(x) : x)) };
        if (asText) collectDocs(v, sourceDocs);
        json[k] = this.toJson(v, `/${escapeSegment(k)}`, spans, !asText);
      }
      const r = renderPolicyDocument(json);
      for (const e of r.errors) this.error(`${address}: ${e}`, this.span(ref.file, ref.block.s, ref.block.e), ref.file);
      const docSpans = new Map<string, Span>();
      docSpans.set('', this.span(ref.file, ref.block.s, ref.block.e));
      const stmts = Array.isArray(json.statement) ? (json.statement as Record<string, unknown>[]) : [];
      const rendered = stmts.map((s) => JSON.stringify(renderStatement(s)));
      const docStmts = (r.document.Statement as unknown[]) ?? [];
      const used = new Set<number>();
      docStmts.forEach((st, i) => {
        const j = rendered.findIndex((x, k) => !used.has(k) && x === JSON.stringify(st));
        if (j < 0) {
          // a statement merged from source_policy_documents / override_policy_documents: that document's spans
          for (const d of sourceDocs) {
            const stmts = Array.isArray(d.document.Statement) ? d.document.Statement : [];
            const k = stmts.findIndex((x) => JSON.stringify(x) === JSON.stringify(st));
            if (k < 0) continue;
            for (const [p, sp] of d.spans) if (p.startsWith(`/Statement/${k}`)) docSpans.set(`/Statement/${i}` + p.slice(`/Statement/${k}`.length), sp);
            return;
          }
          return;
        }
        used.add(j);
        const sp = `/statement/${j}`;
        const s0 = spans.get(sp);
        if (s0) docSpans.set(`/Statement/${i}`, s0);
        for (const [key, arg] of Object.entries(DOC_KEYS)) {
          const ap = `${sp}/${arg}`;
          const as = spans.get(ap);
          if (!as) continue;
          const val = (st as Record<string, unknown>)[key];
          if (Array.isArray(val)) {
            docSpans.set(`/Statement/${i}/${key}`, as);
            val.forEach((_x, k) => {
              const e = spans.get(`${ap}/${k}`);
              if (e) docSpans.set(`/Statement/${i}/${key}/${k}`, e);
            });
          } else docSpans.set(`/Statement/${i}/${key}`, spans.get(`${ap}/0`) ?? as);
        }
      });
      const hadDynamic = ref.block.body.items.some((b) => b.kind === 'block' && b.type === 'dynamic' && b.labels[0] === 'statement');
      const emptyDynamic = docStmts.length === 0 && hadDynamic;
      const out: RenderedDoc = { address, document: r.document, spans: docSpans, ...(emptyDynamic ? { emptyDynamic } : {}) };
      this.rendered.set(address, out);
      return out;
    } finally {
      this.evaluating.delete(address);
    }
  }

  /**
   * Plain JSON of a value (unknowns -> stand-ins), recording the span of every element under `ptr`. Strings holding
   * a policy document (jsonencode, a rendered data source, heredoc/file JSON) become the document itself.
   */
  toJson(v: V, ptr: string, spans: Map<string, Span>, docs = true): unknown {
    if (v.at) spans.set(ptr, v.at);
    if (v.alt && v.t !== 'unknown') {
      const either = this.eitherJson(v, ptr, spans, docs);
      if (either !== undefined) return either;
    }
    switch (v.t) {
      case 'str':
        if (!docs) return v.v;
        if (v.json) return this.toJson(v.json, ptr, spans);
        if (v.doc) {
          for (const [p, s] of v.doc.spans) if (p !== '') spans.set(ptr + p, s);
          return v.doc.document;
        }
        if (v.origin && /"Statement"\s*:/.test(v.v) && /^\s*\{/.test(v.v)) {
          try {
            const parsed = parseWithPositions(v.v, v.origin.file);
            if (parsed.value !== null && typeof parsed.value === 'object' && !Array.isArray(parsed.value)) {
              for (const [p, s] of parsed.spans) {
                const shift = (pos: { line: number; column: number }) => ({
                  line: pos.line + v.origin!.line - 1,
                  column: pos.line === 1 ? pos.column + v.origin!.column - 1 : pos.column,
                });
                if (p !== '') spans.set(ptr + p, { file: v.origin.file, start: shift(s.start), end: shift(s.end) });
              }
              return parsed.value;
            }
          } catch {
            /* not JSON: left as a string; the resource table reports it */
          }
        }
        return v.v;
      case 'num':
      case 'bool':
        return v.v;
      case 'null':
        return null;
      case 'unknown':
        return this.standIn(v);
      case 'list': {
        const out: unknown[] = [];
        for (const x of v.items) {
          // a Deny present only in one branch of a conditional on an input may not exist: it cancels nothing
          if (x.branch && x.t === 'obj' && isDenyStatement(x)) this.notes.push(`${BRANCH_DENY} ${x.branch}: the policy's Denies are not relied on`);
          out.push(this.toJson(x, `${ptr}/${out.length}`, spans, docs));
        }
        return out;
      }
      case 'obj': {
        const out: Record<string, unknown> = {};
        for (const [k, x] of v.entries) {
          const cp = `${ptr}/${escapeSegment(k)}`;
          Object.defineProperty(out, k, { value: this.toJson(x, cp, spans, docs), enumerable: true, writable: true, configurable: true });
          const ka = v.keyAt?.get(k);
          if (ka && !spans.has(cp)) spans.set(cp, ka);
        }
        return out;
      }
    }
  }
}

const POLICY_DOCUMENT = 'aws_iam_policy_document';

/** Start of the note saying a Deny exists only in one branch of a conditional on an input (hcl.ts sets `when`). */
export const BRANCH_DENY = 'a Deny statement is present only';

function isRecord(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

function isDenyStatement(x: V & { t: 'obj' }): boolean {
  const e = x.entries.get('Effect') ?? x.entries.get('effect');
  return e?.t === 'str' && e.v === 'Deny';
}

/**
 * Attributes that name one specific thing (an ARN, an id, a name, a bucket, a URL, an endpoint, a domain, an
 * address): a stand-in of the right shape, never worst-case content. One rule for data sources and for resources
 * the repository declares; any other attribute not set in the block is computed when Terraform runs
 * (`random_string.x.result`, `aws_ssm_parameter.x.value` from `insecure_value`) and is its worst case where it
 * decides access.
 */
const IDENTIFYING_ATTR =
  // `identity`: aws_eks_cluster.c.identity[0].oidc[0].issuer (a reference keeps its first attribute only)
  /^(arn|arns|id|ids|name|names|bucket|url|urls|endpoint|endpoints|domain|fqdn|hostname|issuer|identity|dns_name|ip|ips|cidr_block|cidr_blocks|[a-z0-9_]*_(arn|arns|id|ids|name|names|bucket|url|urls|endpoint|endpoints|domain|fqdn|hostname|dns_name|ip|ips|cidr_block|cidr_blocks))$/;

export function isIdentifyingAttribute(attr: string): boolean {
  return IDENTIFYING_ATTR.test(attr);
}

/** Attributes a resource exports from an argument of another name (`terraform_data` `output` is its `input`). */
const ARGUMENT_OF: Record<string, string[]> = {
  'terraform_data.output': ['input'],
  'aws_ssm_parameter.value': ['value', 'insecure_value'],
  'aws_ssm_parameter.insecure_value': ['insecure_value', 'value'],
};

/**
 * Why an unknown value is analysed as its worst case where it decides access (undefined: a stand-in of a resource
 * the repository creates or names, which is one specific thing). Variables without a value, functions the gate does
 * not evaluate, conditions and loop values only known at apply, data sources' content: nobody in the repository
 * decides them.
 */
export function worstReason(v: V & { t: 'unknown' }): string | undefined {
  const ref = v.ref;
  if (!ref) return `${v.expr}: ${v.reason}`;
  if (ref.startsWith('var.')) return `${v.expr}: ${v.reason}`;
  if (ref === 'terraform.workspace' || ref.startsWith('module.')) return undefined;
  if (ref.startsWith('data.')) {
    const parts = ref.replace(/\[[^\]]*\]/g, '').split('.');
    if (['aws_caller_identity', 'aws_partition', 'aws_region'].includes(parts[1] ?? '')) return undefined;
    const attr = parts[3];
    if (attr === undefined || isIdentifyingAttribute(attr)) return undefined;
    return `${v.expr}: read from a data source when Terraform runs, not from the repository`;
  }
  // a resource the repository declares: what names it is one specific thing, anything else is computed at apply
  const parts = ref.replace(/\[[^\]]*\]/g, '').split('.');
  const attr = parts[2];
  if (parts.length < 3 || attr === undefined || isIdentifyingAttribute(attr) || !/^[a-z][a-z0-9]*_[a-z0-9_]+$/.test(parts[0] ?? '')) return undefined;
  return `${v.expr}: computed when Terraform creates ${parts[0]}.${parts[1]}, not set in the repository`;
}

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
  return h >>> 0;
}

const SOURCE_KEYS = new Set(['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json']);

function collectDocs(v: V, out: RenderedDoc[]): void {
  if (v.t === 'str' && v.doc) out.push(v.doc);
  else if (v.t === 'list') v.items.forEach((x) => collectDocs(x, out));
}


export interface Scope {
  file: HclFile;
  vars: Map<string, V>;
  /** Inside a templatefile: only the given variables exist. */
  templateOnly?: boolean;
  /** Inside a templatefile whose variables read an input: its conditions may go either way. */
  inputs?: boolean;
}

/** `aws_s3_bucket.b.arn` from a traversal: the root and up to `n` attribute steps (literal indexes kept). */
function refText(root: string, steps: Traverser[], n: number): string {
  let out = root;
  let attrs = 1;
  for (const s of steps) {
    if (s.k === 'attr') {
      if (attrs >= n) break;
      out += '.' + s.name;
      attrs++;
    } else if (s.k === 'index' && s.key.k === 'lit') out += `[${JSON.stringify(s.key.v)}]`;
    else if (s.k === 'index' && s.key.k === 'tpl' && s.key.parts.every((p) => p.k === 'text')) out += `[${JSON.stringify(s.key.parts.map((p) => (p.k === 'text' ? p.v : '')).join(''))}]`;
    else break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Value helpers

/** A value read through a reference is reported where the reference is written (its elements keep their own). */
function relocate(v: V, at: Span): V {
  return { ...v, at } as V;
}

export function containsUnknown(v: V): boolean {
  if (v.t === 'unknown') return true;
  if (v.t === 'list') return v.items.some(containsUnknown);
  if (v.t === 'obj') return [...v.entries.values()].some(containsUnknown);
  return false;
}

export function truthy(v: V, at: Span): boolean {
  if (v.t === 'bool') return v.v;
  if (v.t === 'str' && (v.v === 'true' || v.v === 'false')) return v.v === 'true';
  throw new HclEvalError(`a condition must be a bool, got a ${v.t === 'str' ? 'string' : v.t}`, at);
}

export function num(v: V, at: Span): number {
  if (v.t === 'num') return v.v;
  if (v.t === 'str' && /^-?[0-9]+(\.[0-9]+)?$/.test(v.v.trim())) return Number(v.v);
  throw new HclEvalError(`a number is required, got a ${v.t === 'str' ? 'string' : v.t}`, at);
}

export function scalarString(v: V, at: Span): string {
  if (v.t === 'str') return v.v;
  if (v.t === 'num' || v.t === 'bool') return String(v.v);
  throw new HclEvalError(`a string is required, got a ${v.t}`, at);
}

export function plain(v: V): unknown {
  switch (v.t) {
    case 'str':
    case 'num':
    case 'bool':
      return v.v;
    case 'null':
      return null;
    case 'unknown':
      return { unknown: v.expr };
    case 'list':
      return v.items.map(plain);
    case 'obj':
      return Object.fromEntries([...v.entries].map(([k, x]) => [k, plain(x)]));
  }
}

export function equal(a: V, b: V): boolean {
  return JSON.stringify(plain(a)) === JSON.stringify(plain(b));
}

/** Key/value pairs of a collection: lists by index, objects by key (sorted, as Terraform does). */
export function iterate(v: V, at: Span): [V, V][] {
  if (v.t === 'list') {
    if (v.items.length > MAX_COLLECTION) throw new HclEvalError('collection too large', at);
    return v.items.map((x, i) => [{ t: 'num', v: i }, x]);
  }
  if (v.t === 'obj') return [...v.entries.keys()].sort().map((k) => [str(k), v.entries.get(k)!]);
  if (v.t === 'null') throw new HclEvalError('cannot iterate over null', at);
  throw new HclEvalError(`cannot iterate over a ${v.t === 'str' ? 'string' : v.t}`, at);
}

/** A value from plain JSON (jsondecode, tfvars.json). */
export function fromJson(x: unknown, at?: Span): V {
  if (x === null || x === undefined) return { t: 'null', ...(at ? { at } : {}) };
  if (typeof x === 'string') return str(x, at);
  if (typeof x === 'number') return { t: 'num', v: x, ...(at ? { at } : {}) };
  if (typeof x === 'boolean') return { t: 'bool', v: x, ...(at ? { at } : {}) };
  if (Array.isArray(x)) return { t: 'list', items: x.map((i) => fromJson(i, at)), ...(at ? { at } : {}) };
  return { t: 'obj', entries: new Map(Object.entries(x as Record<string, unknown>).map(([k, i]) => [k, fromJson(i, at)])), ...(at ? { at } : {}) };
}

// ---------------------------------------------------------------------------------------------------------------
// Functions

interface FnCtx {
  at: Span;
  module: HclModule;
  scope: Scope;
}
type Fn = (args: V[], c: FnCtx) => V;

/** Functions that keep unknown elements as they are (the result is known around them). */
const CARRIES_UNKNOWN = new Set(['jsonencode', 'templatefile', 'concat', 'merge', 'flatten', 'tolist', 'toset', 'tomap', 'compact', 'distinct', 'coalesce', 'element', 'lookup', 'values', 'keys', 'length', 'one', 'slice', 'reverse', 'format', 'join', 'formatlist']);

function arity(name: string, args: V[], min: number, max: number, at: Span): void {
  if (args.length < min || args.length > max) {
    throw new HclEvalError(`${name}() takes ${min === max ? min : `${min} to ${max === Infinity ? 'any number of' : max}`} argument${max === 1 ? '' : 's'}, got ${args.length}`, at);
  }
}

function s(v: V, at: Span, c?: FnCtx): string {
  if (v.t === 'unknown' && c) return c.module.standIn(v);
  return scalarString(v, at);
}

export function list(v: V, at: Span): V[] {
  if (v.t === 'list') return v.items;
  if (v.t === 'obj') return [...v.entries.values()];
  if (v.t === 'null') return [];
  throw new HclEvalError(`a list is required, got a ${v.t === 'str' ? 'string' : v.t}`, at);
}

export function dedupe(items: V[]): V[] {
  const seen = new Set<string>();
  return items.filter((x) => {
    const k = JSON.stringify(plain(x));
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
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

const FUNCTIONS: Record<string, Fn> = {
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
