/**
 * Offline resolution of CloudFormation intrinsic functions, with source tracking: the machinery (intrinsics.ts adds
 * the references to the template's names).
 *
 * `resolve(node, ptr, sink)` turns a CNode into plain JSON. Every produced value is reported to `sink` with the
 * node it came from: literals map to themselves, `Fn::If`/`Fn::Select` map to the chosen branch, other functions
 * (`Fn::Sub`, `Fn::Join`, `Ref`, ...) to the function's own node. Values that cannot be known statically become
 * well-formed stand-ins and are reported as placeholders (with the expression as written). Never throws for a
 * template problem: problems are collected in `issues`.
 */
import type { CNode, CMap } from './yaml.js';
import { intrinsicName, str, spanOf } from './yaml.js';
import { escapeSegment } from '../../policy/source-map.js';
import { ARN_TABLE, genericArn, standInId } from './arns.js';
import { isExternalAttribute, orderFirst, isCNode, scalarString, looseEqual, standInFor, spanAll, placeholderAll, renderExpression } from './intrinsic-values.js';
import { MAX_STRING, NO_VALUE } from './intrinsic-model.js';
import type { ChoicePoint, ChoiceRun, Issue, Sink, TemplateModel } from './intrinsic-model.js';
/**
 * The resolution machinery of Resolver (intrinsics.ts): choices and their runs, conditions, values with their spans
 * and placeholders, locals (Fn::ForEach), and the intrinsic functions that compute (Fn::Join, Fn::Select, ...).
 * References to the template's names (Ref, Fn::GetAtt, Fn::Sub, Fn::FindInMap) are the subclass's.
 */
export abstract class ResolverCore {
  readonly issues: Issue[] = [];
  protected unknown: string[] = [];
  protected condCache = new Map<string, boolean>();
  protected readonly condStack = new Set<string>();
  protected readonly nameCache = new Map<string, { name: string; known: boolean }>();
  protected readonly nameStack = new Set<string>();
  /** Local names (SAM policy template parameters, Fn::ForEach identifiers, Fn::Sub variables). */
  protected locals: Map<string, CNode | unknown>[] = [];
  protected depth = 0;
  /** Template nodes of locals consumed (to map values of synthesised documents to the argument's line). */
  protected usedLocals: CNode[] = [];
  protected readonly reported = new Set<string>();
  /** Reasons (in `unknown`) whose value comes from outside the repository. */
  protected readonly externalReasons = new Set<string>();
  /** Inputs read that a deployment may change (parameter defaults, pseudo parameters): conditions over them branch. */
  protected taint = 0;
  /** Worst-case mode: a value from outside the repository resolves to `*` instead of a stand-in. */
  protected worstMode = false;
  /** The exploration run in progress (see branches.ts); without one every choice takes its first value. */
  protected run: ChoiceRun | undefined;
  /** Set while asking whether a condition is certain: any choice or tainted input makes it uncertain. */
  protected probing: { uncertain: boolean } | undefined;

  constructor(readonly model: TemplateModel) {}

  /** Runs `fn` with the given choices; caches that depend on choices are fresh for the run. */
  explore<T>(run: ChoiceRun, fn: () => T): T {
    const saved = this.run;
    this.run = run;
    this.condCache.clear();
    this.nameCache.clear();
    try {
      return fn();
    } finally {
      this.run = saved;
      this.condCache.clear();
      this.nameCache.clear();
    }
  }

  /** The value index for a choice point: the run's, else the first (the template's default). */
  choose(point: ChoicePoint): number {
    if (this.probing) this.probing.uncertain = true;
    const run = this.run;
    if (!run || point.arity < 2) return 0;
    const had = run.byKey.get(point.key);
    if (had !== undefined) return had;
    const pos = run.met.length;
    const value = Math.min(run.prefix[pos] ?? 0, point.arity - 1);
    run.met.push({ point, value });
    run.byKey.set(point.key, value);
    return value;
  }

  /** The value with every input from outside the repository at its widest (`*`). */
  worst(node: CNode): unknown {
    const saved = this.worstMode;
    const savedUnknown = this.unknown;
    this.worstMode = true;
    this.unknown = [];
    try {
      return this.resolve(node, '', undefined);
    } finally {
      this.worstMode = saved;
      this.unknown = savedUnknown;
    }
  }

  /**
   * Is the named condition certain (true or false whatever the deployment passes)? undefined when it depends on a
   * parameter default, a pseudo parameter or another uncertain condition.
   */
  certainCondition(name: string, at: CNode): boolean | undefined {
    // the probe evaluates with a cache of its own; the run's cache is put back as it was (not copied and refilled)
    const savedCache = this.condCache;
    const savedProbe = this.probing;
    const savedTaint = this.taint;
    const probe = { uncertain: false };
    this.probing = probe;
    this.condCache = new Map();
    try {
      const v = this.condition(name, at);
      return probe.uncertain || this.taint > savedTaint ? undefined : v;
    } finally {
      this.probing = savedProbe;
      this.taint = savedTaint;
      this.condCache = savedCache;
    }
  }

  /** Records an unknown value that comes from outside the repository. */
  protected external(reason: string): void {
    this.externalReasons.add(reason);
    this.unknown.push(reason);
  }

  /** Resolve with local names in scope (SAM policy template parameters). */
  withLocals<T>(locals: Map<string, CNode | unknown>, fn: () => T): T {
    this.locals.push(locals);
    try {
      return fn();
    } finally {
      this.locals.pop();
    }
  }

  protected issue(node: CNode, rule: string, message: string): void {
    const key = `${node.src.file}:${node.start}:${message}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.issues.push({ node, rule, message });
  }

  /** Plain value, no spans. */
  value(node: CNode | undefined): unknown {
    if (!node) return undefined;
    return this.resolve(node, '', undefined);
  }

  /** Resolve and tell whether the result depends on something unknown. */
  valueKnown(node: CNode): { value: unknown; known: boolean; reasons: string[] } {
    // the reasons added while resolving it (the list is not copied: a template's reasons add up)
    const before = this.unknown.length;
    const value = this.resolve(node, '', undefined);
    const reasons = this.unknown.slice(before);
    return { value, known: reasons.length === 0, reasons };
  }

  resolve(node: CNode, ptr: string, sink: Sink | undefined): unknown {
    if (++this.depth > 200) {
      this.depth--;
      this.issue(node, 'cfn-invalid-template', 'intrinsic functions nested too deeply (or a cycle)');
      return null;
    }
    try {
      return this.resolveInner(node, ptr, sink);
    } finally {
      this.depth--;
    }
  }

  protected resolveInner(node: CNode, ptr: string, sink: Sink | undefined): unknown {
    if (node.kind === 'scalar') {
      sink?.span(ptr, node);
      const v = node.value;
      if (typeof v === 'string' && v.includes('{{resolve:')) {
        if (this.worstMode) return v.replace(/\{\{resolve:[^}]*\}\}/g, '*');
        const standIn = v.replace(/\{\{resolve:([a-z-]+):[^}]*\}\}/g, (_m, kind: string) => `resolved-${kind}-value`);
        this.external('dynamic reference resolved at deploy time');
        if (sink) sink.placeholder({ ptr, node, standIn, reason: 'dynamic reference resolved at deploy time', external: true, base: ptr });
        return standIn;
      }
      return v;
    }
    if (node.kind === 'seq') {
      sink?.span(ptr, node);
      const out: unknown[] = [];
      for (const item of node.items) {
        const v = this.resolve(item, sink ? `${ptr}/${out.length}` : ptr, sink); // a pointer only matters to a sink
        if (v !== NO_VALUE) out.push(v);
      }
      return out;
    }
    const fn = intrinsicName(node);
    if (fn) {
      const arg = node.entries.get(fn)!;
      if (fn === 'Fn::If') return this.fnIf(node, arg, ptr, sink);
      if (fn === 'Ref') {
        const name = str(arg);
        if (name !== undefined) {
          const local = this.local(name);
          if (local !== undefined) {
            if (local instanceof Scoped) return this.inScope(local, (n) => this.resolve(n, ptr, sink));
            sink?.span(ptr, node);
            return local;
          }
        }
      }
      if (fn === 'Fn::Select' && sink) {
        // keep the chosen literal's own span when the list is literal
        const sel = this.selectNode(arg);
        if (sel) return this.resolve(sel, ptr, sink);
      }
      const before = this.unknown.length;
      const usedBefore = this.usedLocals.length;
      const v = this.evalFn(fn, arg, node);
      // a synthesised expression that used exactly one argument written by the user maps to that argument
      const used = this.usedLocals.splice(usedBefore);
      const at = node.synthetic && used.length > 0 && used.every((u) => u === used[0]) ? used[0]! : node;
      if (sink && v !== NO_VALUE) {
        spanAll(sink, ptr, v, at);
        if (this.unknown.length > before) {
          const reasons = [...new Set(this.unknown.slice(before))];
          placeholderAll(sink, ptr, v, at, reasons.join('; '), reasons.some((r) => this.externalReasons.has(r)), ptr);
        }
      }
      return v;
    }
    sink?.span(ptr, node);
    const out: Record<string, unknown> = {};
    for (const [k, child] of node.entries) {
      const v = this.resolve(child, sink ? `${ptr}/${escapeSegment(k)}` : ptr, sink);
      // `__proto__` as an own key (assignment would set the prototype); any other key: the same own data property
      if (v !== NO_VALUE) {
        if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
        else out[k] = v;
      }
    }
    return out;
  }

  protected local(name: string): unknown {
    for (let i = this.locals.length - 1; i >= 0; i--) {
      const m = this.locals[i]!;
      if (m.has(name)) {
        const v = m.get(name);
        // a local bound to template text is resolved in the scope it was written in (so `Ref: TableName` inside
        // a SAM policy template argument means the template's parameter, not the argument itself)
        return isCNode(v) ? new Scoped(v, i) : v;
      }
    }
    return undefined;
  }

  protected inScope<T>(s: Scoped, fn: (n: CNode) => T): T {
    this.usedLocals.push(s.node);
    const saved = this.locals;
    this.locals = saved.slice(0, s.depth);
    try {
      return fn(s.node);
    } finally {
      this.locals = saved;
    }
  }

  protected fnIf(node: CNode, arg: CNode, ptr: string, sink: Sink | undefined): unknown {
    if (arg.kind !== 'seq' || arg.items.length !== 3) {
      this.issue(node, 'cfn-invalid-template', 'Fn::If needs [condition, value-if-true, value-if-false]');
      return NO_VALUE;
    }
    const cond = str(arg.items[0]);
    const ok = cond === undefined ? false : this.condition(cond, arg.items[0]!);
    return this.resolve(arg.items[ok ? 1 : 2]!, ptr, sink);
  }

  protected selectNode(arg: CNode): CNode | undefined {
    if (arg.kind !== 'seq' || arg.items.length !== 2) return undefined;
    const list = arg.items[1]!;
    if (list.kind !== 'seq') return undefined;
    const i = this.index(arg.items[0]!, list.items.length);
    return Number.isInteger(i) && i >= 0 ? list.items[i] : undefined;
  }

  /** Evaluates a named condition (cached, cycle-safe). */
  condition(name: string, at: CNode): boolean {
    const cached = this.condCache.get(name);
    if (cached !== undefined) return cached;
    const def = this.model.conditions.get(name);
    if (!def) {
      this.issue(at, 'cfn-invalid-template', `condition "${name}" is not defined in Conditions`);
      return false;
    }
    if (this.condStack.has(name)) {
      this.issue(at, 'cfn-invalid-template', `condition "${name}" refers to itself (cycle: ${[...this.condStack, name].join(' -> ')})`);
      return false;
    }
    this.condStack.add(name);
    let v: boolean;
    const taintBefore = this.taint;
    const unknownBefore = this.unknown.length;
    try {
      v = this.condExpr(def);
    } finally {
      this.condStack.delete(name);
    }
    // a condition over inputs a deployment may change has both values: a choice (its caller is not tainted by it)
    if (!this.probing && (this.taint > taintBefore || this.unknown.length > unknownBefore)) {
      this.taint = taintBefore;
      this.unknown.length = unknownBefore;
      const first = v;
      if (this.choose({ key: `cond:${name}`, arity: 2, label: (i) => ((i === 0) === first ? name : `not ${name}`) }) === 1) v = !v;
    }
    this.condCache.set(name, v);
    return v;
  }

  /**
   * An index (`Fn::Select`) over a list of `length`: when it depends on an input a deployment may change, every
   * element is a possible value.
   */
  protected index(node: CNode, length: number): number {
    const taintBefore = this.taint;
    const unknownBefore = this.unknown.length;
    const i = Number(this.value(node));
    if (this.taint === taintBefore && this.unknown.length === unknownBefore) return i;
    this.taint = taintBefore;
    this.unknown.length = unknownBefore;
    const order = orderFirst(Array.from({ length }, (_x, k) => k), Number.isInteger(i) ? i : -1);
    if (!order.length) return i;
    const what = renderExpression(node);
    return order[this.choose({ key: `select:${node.src.file}:${node.start}`, arity: order.length, label: (k) => `${what} is ${order[k]}` })]!;
  }

  protected condExpr(node: CNode): boolean {
    if (node.kind === 'map' && node.entries.size === 1) {
      const [k, arg] = node.entries.entries().next().value as [string, CNode];
      const items = arg.kind === 'seq' ? arg.items : [arg];
      switch (k) {
        case 'Condition': {
          const n = str(arg);
          return n === undefined ? false : this.condition(n, arg);
        }
        case 'Fn::Equals': {
          if (items.length !== 2) return false;
          return looseEqual(this.value(items[0]), this.value(items[1]));
        }
        case 'Fn::And':
          return items.every((i) => this.condExpr(i));
        case 'Fn::Or':
          return items.some((i) => this.condExpr(i));
        case 'Fn::Not':
          return !this.condExpr(items[0]!);
        default:
          break;
      }
    }
    if (node.kind === 'scalar' && typeof node.value === 'string') return this.condition(node.value, node);
    const v = this.value(node);
    return v === true || v === 'true';
  }

  protected evalFn(fn: string, arg: CNode, node: CNode): unknown {
    switch (fn) {
      case 'Ref':
        return this.ref(arg, node);
      case 'Fn::GetAtt':
        return this.getAtt(arg, node);
      case 'Fn::Sub':
        return this.cap(this.sub(arg, node), node);
      case 'Fn::Join': {
        const a = this.args(arg, 2, node, fn);
        if (!a) return '';
        const delim = String(this.value(a[0]) ?? '');
        const list = this.value(a[1]);
        if (!Array.isArray(list)) return String(list ?? '');
        return this.cap(list.filter((x) => x !== NO_VALUE).map(scalarString).join(delim), node);
      }
      case 'Fn::Split': {
        const a = this.args(arg, 2, node, fn);
        if (!a) return [];
        const delim = String(this.value(a[0]) ?? '');
        const s = this.value(a[1]);
        return typeof s === 'string' && delim ? s.split(delim) : [s];
      }
      case 'Fn::Select': {
        const a = this.args(arg, 2, node, fn);
        if (!a) return '';
        const list = this.value(a[1]);
        const i = this.index(a[0]!, Array.isArray(list) ? list.length : 0);
        if (!Array.isArray(list) || !Number.isInteger(i) || i < 0 || i >= list.length) {
          this.issue(node, 'cfn-invalid-template', `Fn::Select index ${String(i)} is out of range`);
          this.external('Fn::Select out of range');
          return this.worstMode ? '*' : `unresolved-select-${i}`;
        }
        return list[i];
      }
      case 'Fn::FindInMap':
        return this.findInMap(arg, node);
      default:
        return this.evalOtherFn(fn, arg, node);
    }
  }

  /** The intrinsic functions past references and lists: outside values, encodings, conditions, macros. */
  protected evalOtherFn(fn: string, arg: CNode, node: CNode): unknown {
    switch (fn) {
      case 'Fn::ImportValue': {
        const name = scalarString(this.value(arg));
        this.external(`Fn::ImportValue ${name} is another stack's output`);
        return this.worstMode ? '*' : standInFor(name, 'imported', this.model.env);
      }
      case 'Fn::GetAZs': {
        const r = this.model.env.region;
        this.unknown.push('Fn::GetAZs depends on the account');
        return [`${r}a`, `${r}b`, `${r}c`];
      }
      case 'Fn::Cidr': {
        this.unknown.push('Fn::Cidr computed at deploy time');
        return ['10.0.0.0/24', '10.0.1.0/24'];
      }
      case 'Fn::Base64': {
        const v = this.value(arg);
        return this.cap(Buffer.from(scalarString(v), 'utf8').toString('base64'), node);
      }
      case 'Fn::ToJsonString': {
        const v = this.value(arg);
        return this.cap(JSON.stringify(v, (_k, x: unknown) => (x === NO_VALUE ? undefined : x)) ?? '', node);
      }
      case 'Fn::Length': {
        const v = this.value(arg);
        return Array.isArray(v) ? v.length : 0;
      }
      case 'Fn::Equals':
      case 'Fn::And':
      case 'Fn::Or':
      case 'Fn::Not':
        return this.condExpr(node);
      case 'Fn::Transform': {
        this.external('Fn::Transform (macro) output is not known offline');
        return this.worstMode ? '*' : 'transform-output';
      }
      case 'Fn::Include':
      case 'Fn::GetEnv': {
        // reaching here means the include was refused or not expanded
        this.external(`${fn} not resolved`);
        return this.worstMode ? '*' : `unresolved-${fn === 'Fn::Include' ? 'include' : 'env'}`;
      }
      default:
        this.issue(node, 'cfn-invalid-template', `unknown intrinsic function ${fn}`);
        this.external(`unknown function ${fn}`);
        return this.worstMode ? '*' : `unresolved-${fn.replace(/^Fn::/, '').toLowerCase()}`;
    }
  }

  /** Bounds computed strings (hostile templates can multiply a long parameter default). */
  protected cap(v: unknown, node: CNode): unknown {
    if (typeof v === 'string' && v.length > MAX_STRING) {
      this.issue(node, 'cfn-invalid-template', `computed value longer than ${MAX_STRING} characters; truncated`);
      this.unknown.push('value truncated');
      return v.slice(0, MAX_STRING);
    }
    return v;
  }

  protected args(arg: CNode, n: number, node: CNode, fn: string): CNode[] | undefined {
    if (arg.kind !== 'seq' || arg.items.length < n) {
      this.issue(node, 'cfn-invalid-template', `${fn} needs a list of ${n} arguments`);
      return undefined;
    }
    return arg.items;
  }

  protected abstract ref(arg: CNode, node: CNode): unknown;
  protected abstract getAtt(arg: CNode, node: CNode): unknown;
  protected abstract sub(arg: CNode, node: CNode): unknown;
  protected abstract findInMap(arg: CNode, node: CNode): unknown;
}

/** A local bound to a template node, with the scope depth it was bound at. */
export class Scoped {
  constructor(
    readonly node: CNode,
    readonly depth: number,
  ) {}
}

