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
import { binary, conditional, forExpr, template } from './hcl-exprs.js';
import { call } from './hcl-functions.js';
import { root, traverse } from './hcl-refs.js';
import { renderDocument, scalarJson, toJson } from './hcl-render.js';
import { HclSyntaxError, parseTemplate } from './hcl-syntax.js';
import type { Body, Expr, TemplatePart } from './hcl-syntax.js';
import { HclEvalError, MAX_COLLECTION, MAX_STEPS, iterate, num, scalarString, str, truthy, unknown, worstReason } from './hcl-values.js';
import type { BlockRef, HclFile, ModuleInput, RenderedDoc, Scope, V } from './hcl-values.js';
import { readsInput } from './inputs.js';
import { lineAt, lineStartsOf } from '../../text/positions.js';
import { StandIns } from './placeholders.js';

export type { Alt, BlockRef, HclFile, ModuleInput, Origin, RenderedDoc, Scope, V } from './hcl-values.js';
export { BRANCH_DENY, containsUnknown, dedupe, equal, fromJson, HclEvalError, isIdentifyingAttribute, iterate, list, num, plain, scalarString, truthy, worstReason } from './hcl-values.js';

// ---------------------------------------------------------------------------------------------------------------
// Module

export class HclModule {
  readonly standIns: StandIns;
  readonly errors: AnalysisError[] = [];
  readonly variables = new Map<string, BlockRef>();
  readonly locals = new Map<string, { expr: Expr; file: HclFile }>();
  readonly resources = new Map<string, BlockRef>();
  readonly data = new Map<string, BlockRef>();
  private readonly localValues = new Map<string, V>();
  private readonly failedLocals = new Map<string, HclEvalError>();
  /** What is being evaluated (loop detection; hcl-refs.ts, hcl-render.ts). */
  readonly evaluating = new Set<string>();
  /** Rendered policy documents by address (hcl-render.ts). */
  readonly rendered = new Map<string, RenderedDoc | undefined>();
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
    // `nullable = false`: a null from the caller is the variable's default (Terraform's rule)
    const nullable = ref0?.block.body.items.find((a) => a.kind === 'attribute' && a.name === 'nullable');
    const notNull = nullable?.kind === 'attribute' && nullable.expr.k === 'lit' && nullable.expr.v === false;
    if (tv && !(tv.t === 'null' && notNull)) return typed(tv);
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
        return template(this, x.parts, sc, at, x.heredoc ? { file: sc.file.display, line: at.start.line + 1, column: 1 } : { file: sc.file.display, line: at.start.line, column: at.start.column + 1 });
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
        return root(this, x.name, [], sc, at, x);
      case 'trav':
        if (x.obj.k === 'var') return root(this, x.obj.name, x.steps, sc, at, x);
        return traverse(this, this.eval(x.obj, sc), x.steps, sc, at, this.text(sc.file, x));
      case 'call':
        return call(this, x, sc, at);
      case 'cond':
        return conditional(this, x, sc, at);
      case 'un': {
        const v = this.eval(x.x, sc);
        if (v.t === 'unknown') return v;
        if (x.op === '!') return { t: 'bool', v: !truthy(v, at), at };
        return { t: 'num', v: -num(v, at), at };
      }
      case 'bin':
        return binary(this, x.op, x.l, x.r, sc, at, x);
      case 'for':
        return forExpr(this, x, sc, at);
    }
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
  templateOpen = false;

  standIn(v: V & { t: 'unknown' }): string {
    if (v.alt) {
      const alts = v.alt.values.map((a) => ({ value: scalarJson(this, a.value), when: a.when }));
      if (alts.every((a) => a.value !== undefined)) return this.standIns.alternatives(v.alt.expr, alts as { value: unknown; when: string }[]);
    }
    const worst = worstReason(v);
    return v.ref ? this.standIns.forReference(v.ref, '', v.reason, worst) : this.standIns.opaque(v.reason, v.expr, false, worst);
  }

  // --- functions ---------------------------------------------------------------------------------------------------

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
      return template(this, parts, { file: tf, vars: tvars, templateOnly: true, ...(open ? { inputs: true } : {}) }, at, { file: display, line: 1, column: 1 });
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
          const reason = `dynamic "${name}" block at line ${at.start.line}: for_each = ${this.text(sc.file, fe.expr)} is set by the module caller or known only after apply; its content is analysed once and repeats per element`;
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

  /** Render `data "aws_iam_policy_document"` (cached), with spans for statements and their elements (hcl-render.ts). */
  renderDocument(address: string, at?: Span): RenderedDoc | undefined {
    return renderDocument(this, address, at);
  }

  /** Plain JSON of a value (unknowns -> stand-ins), recording the span of every element under `ptr` (hcl-render.ts). */
  toJson(v: V, ptr: string, spans: Map<string, Span>, docs = true): unknown {
    return toJson(this, v, ptr, spans, docs);
  }

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

}
