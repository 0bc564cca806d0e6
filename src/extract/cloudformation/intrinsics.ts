/**
 * Offline resolution of CloudFormation intrinsic functions, with source tracking.
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
import type { Env } from './arns.js';

export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** Longest string an intrinsic function may compute (IAM policies are at most a few KB). */
export const MAX_STRING = 65_536;

/** A parameter with more allowed values than this is analysed as any value (its widest). */
export const MAX_ALLOWED = 32;

/** A parameter value a parent stack passes that comes from outside the repository (see nested.ts). */
export const OUTSIDE_VALUE: unique symbol = Symbol('outside the repository');

export interface Issue {
  node: CNode;
  message: string;
  rule: string;
}

export interface PlaceholderHit {
  ptr: string;
  node: CNode;
  standIn: string;
  reason: string;
  /**
   * The value comes from outside the repository (a parameter without default, an imported value, a dynamic
   * reference, a custom resource): anyone deploying chooses it, so it may be anything, `*` included.
   */
  external?: boolean;
  /** Pointer at which `node` was resolved (`ptr` is inside its value). */
  base: string;
}

/** A point where the template allows more than one value: a condition, an allowed value, a mapping key. */
export interface ChoicePoint {
  key: string;
  arity: number;
  label(i: number): string;
}

/** One run of an exploration: the choices made so far (by encounter order) and the points met. */
export interface ChoiceRun {
  prefix: number[];
  met: { point: ChoicePoint; value: number }[];
  byKey: Map<string, number>;
}

export interface Sink {
  span(ptr: string, node: CNode): void;
  placeholder(hit: PlaceholderHit): void;
}

export interface TemplateModel {
  parameters: Map<string, CNode>;
  mappings: CNode | undefined;
  conditions: Map<string, CNode>;
  resources: Map<string, CMap>;
  /** Parameter values from the config (win over defaults). */
  parameterValues: Record<string, unknown>;
  env: Omit<Env, 'path'>;
  /** `!GetAtt Stack.Outputs.Name` of a nested stack whose template is in the repository (see nested.ts). */
  nestedOutput?: (stack: string, output: string) => { value: unknown; known: boolean } | undefined;
}

export class Resolver {
  readonly issues: Issue[] = [];
  private unknown: string[] = [];
  private readonly condCache = new Map<string, boolean>();
  private readonly condStack = new Set<string>();
  private readonly nameCache = new Map<string, { name: string; known: boolean }>();
  private readonly nameStack = new Set<string>();
  /** Local names (SAM policy template parameters, Fn::ForEach identifiers, Fn::Sub variables). */
  private locals: Map<string, CNode | unknown>[] = [];
  private depth = 0;
  /** Template nodes of locals consumed (to map values of synthesised documents to the argument's line). */
  private usedLocals: CNode[] = [];
  private readonly reported = new Set<string>();
  /** Reasons (in `unknown`) whose value comes from outside the repository. */
  private readonly externalReasons = new Set<string>();
  /** Inputs read that a deployment may change (parameter defaults, pseudo parameters): conditions over them branch. */
  private taint = 0;
  /** Worst-case mode: a value from outside the repository resolves to `*` instead of a stand-in. */
  private worstMode = false;
  /** The exploration run in progress (see branches.ts); without one every choice takes its first value. */
  private run: ChoiceRun | undefined;
  /** Set while asking whether a condition is certain: any choice or tainted input makes it uncertain. */
  private probing: { uncertain: boolean } | undefined;

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
    const savedCache = new Map(this.condCache);
    const savedProbe = this.probing;
    const savedTaint = this.taint;
    const probe = { uncertain: false };
    this.probing = probe;
    this.condCache.clear();
    try {
      const v = this.condition(name, at);
      return probe.uncertain || this.taint > savedTaint ? undefined : v;
    } finally {
      this.probing = savedProbe;
      this.taint = savedTaint;
      this.condCache.clear();
      for (const [k, v] of savedCache) this.condCache.set(k, v);
    }
  }

  /** Records an unknown value that comes from outside the repository. */
  private external(reason: string): void {
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

  private issue(node: CNode, rule: string, message: string): void {
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
    const saved = this.unknown;
    this.unknown = [];
    try {
      const value = this.resolve(node, '', undefined);
      return { value, known: this.unknown.length === 0, reasons: this.unknown };
    } finally {
      this.unknown = saved.concat(this.unknown);
    }
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

  private resolveInner(node: CNode, ptr: string, sink: Sink | undefined): unknown {
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
        const v = this.resolve(item, `${ptr}/${out.length}`, sink);
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
      const v = this.resolve(child, `${ptr}/${escapeSegment(k)}`, sink);
      if (v !== NO_VALUE) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }

  private local(name: string): unknown {
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

  private inScope<T>(s: Scoped, fn: (n: CNode) => T): T {
    this.usedLocals.push(s.node);
    const saved = this.locals;
    this.locals = saved.slice(0, s.depth);
    try {
      return fn(s.node);
    } finally {
      this.locals = saved;
    }
  }

  private fnIf(node: CNode, arg: CNode, ptr: string, sink: Sink | undefined): unknown {
    if (arg.kind !== 'seq' || arg.items.length !== 3) {
      this.issue(node, 'cfn-invalid-template', 'Fn::If needs [condition, value-if-true, value-if-false]');
      return NO_VALUE;
    }
    const cond = str(arg.items[0]);
    const ok = cond === undefined ? false : this.condition(cond, arg.items[0]!);
    return this.resolve(arg.items[ok ? 1 : 2]!, ptr, sink);
  }

  private selectNode(arg: CNode): CNode | undefined {
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
  private index(node: CNode, length: number): number {
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

  private condExpr(node: CNode): boolean {
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

  private evalFn(fn: string, arg: CNode, node: CNode): unknown {
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
  private cap(v: unknown, node: CNode): unknown {
    if (typeof v === 'string' && v.length > MAX_STRING) {
      this.issue(node, 'cfn-invalid-template', `computed value longer than ${MAX_STRING} characters; truncated`);
      this.unknown.push('value truncated');
      return v.slice(0, MAX_STRING);
    }
    return v;
  }

  private args(arg: CNode, n: number, node: CNode, fn: string): CNode[] | undefined {
    if (arg.kind !== 'seq' || arg.items.length < n) {
      this.issue(node, 'cfn-invalid-template', `${fn} needs a list of ${n} arguments`);
      return undefined;
    }
    return arg.items;
  }

  private findInMap(arg: CNode, node: CNode): unknown {
    const a = this.args(arg, 3, node, 'Fn::FindInMap');
    if (!a) return '';
    const keys: string[] = [];
    let def: CNode | undefined;
    const opt = a[3];
    if (opt && opt.kind === 'map') def = opt.entries.get('DefaultValue');
    let cur: CNode | undefined = this.model.mappings;
    for (const [level, kn] of a.slice(0, 3).entries()) {
      const k = this.mapKey(kn, cur, keys, def !== undefined);
      keys.push(k);
      cur = cur && cur.kind === 'map' ? cur.entries.get(k) : undefined;
    }
    if (cur) return this.value(cur);
    if (def) return this.value(def);
    const known = keys.every((k) => !k.startsWith('unresolved') && !k.startsWith('param-'));
    if (known) this.issue(node, 'cfn-invalid-template', `Fn::FindInMap: no entry ${keys.join('/')} in Mappings`);
    this.external(`Fn::FindInMap ${keys.join('/')} not found`);
    return this.worstMode ? '*' : `unresolved-mapping-${keys.join('-')}`;
  }

  /**
   * One key of `Fn::FindInMap` (the map name, or a key inside `within`): when it depends on an input a deployment
   * may change, every key present there is a possible value (the template's own first); with a `DefaultValue`
   * (LanguageExtensions), so is a key that is not there (the default is then the value).
   */
  private mapKey(node: CNode, within: CNode | undefined, path: string[], hasDefault = false): string {
    const taintBefore = this.taint;
    const unknownBefore = this.unknown.length;
    const k = scalarString(this.value(node));
    if (!within || within.kind !== 'map' || (this.taint === taintBefore && this.unknown.length === unknownBefore)) return k;
    this.taint = taintBefore;
    this.unknown.length = unknownBefore;
    const order = orderFirst([...within.entries.keys()], k);
    if (hasDefault) order.push(within.entries.has(k) ? '(a key not in the map)' : k);
    if (!order.length) return k;
    const what = renderExpression(node);
    return order[this.choose({ key: `map:${path.join('/')}:${what}`, arity: order.length, label: (i) => `${what} is ${order[i]}` })]!;
  }

  private pseudo(name: string): unknown {
    const e = this.model.env;
    if (name !== 'AWS::NoValue') this.taint++;
    switch (name) {
      case 'AWS::AccountId':
        return e.account;
      case 'AWS::Region':
        return e.region;
      case 'AWS::Partition':
        return e.partition;
      case 'AWS::URLSuffix':
        return e.partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
      case 'AWS::StackName':
        this.unknown.push('stack name chosen at deploy time');
        return 'stack-name';
      case 'AWS::StackId':
        this.unknown.push('stack id assigned at deploy time');
        return `arn:${e.partition}:cloudformation:${e.region}:${e.account}:stack/stack-name/00000000-0000-0000-0000-000000000000`;
      case 'AWS::NotificationARNs':
        this.unknown.push('notification ARNs chosen at deploy time');
        return [`arn:${e.partition}:sns:${e.region}:${e.account}:stack-notifications`];
      case 'AWS::NoValue':
        return NO_VALUE;
      default:
        return undefined;
    }
  }

  /** Value of `Ref name` (no span handling). */
  refName(name: string, node: CNode): unknown {
    const local = this.local(name);
    if (local !== undefined) return local instanceof Scoped ? this.inScope(local, (n) => this.value(n)) : local;
    if (name.startsWith('AWS::')) {
      const v = this.pseudo(name);
      if (v !== undefined) return v;
      this.issue(node, 'cfn-invalid-template', `Ref to unknown pseudo parameter ${name}`);
      this.unknown.push(`unknown pseudo parameter ${name}`);
      return `unresolved-${name}`;
    }
    const param = this.model.parameters.get(name);
    if (param) return this.parameter(name, param);
    const res = this.model.resources.get(name);
    if (res) return this.resourceRef(name, res);
    this.issue(node, 'cfn-invalid-template', `Ref to "${name}", which is not a parameter, resource or pseudo parameter`);
    this.external(`Ref to undefined ${name}`);
    return this.worstMode ? '*' : `unresolved-${name}`;
  }

  private ref(arg: CNode, node: CNode): unknown {
    const raw = this.value(arg);
    if (typeof raw !== 'string') {
      this.issue(node, 'cfn-invalid-template', 'Ref needs a logical id or parameter name');
      return 'unresolved-ref';
    }
    let v: string = raw;
    // Fn::ForEach identifiers inside a Ref (`!Ref ${Name}Queue`)
    if (this.locals.length && /[$&]\{/.test(v)) {
      v = v.replace(/([$&])\{([^}]+)\}/g, (m, kind: string, name: string) => {
        const l = this.local(name);
        if (l === undefined || l instanceof Scoped) return m;
        const sv = scalarString(l);
        return kind === '&' ? sv.replace(/[^A-Za-z0-9]/g, '') : sv;
      });
    }
    return this.refName(v, node);
  }

  private parameter(name: string, def: CNode): unknown {
    const type = scalarString(this.value(def.kind === 'map' ? def.entries.get('Type') : undefined));
    const isList = /^(CommaDelimitedList|List<)/.test(type) || /^AWS::SSM::Parameter::Value<List</.test(type);
    let v: unknown;
    if (Object.prototype.hasOwnProperty.call(this.model.parameterValues, name)) v = this.model.parameterValues[name];
    else {
      const allowed = def.kind === 'map' ? this.value(def.entries.get('AllowedValues')) : undefined;
      const dflt = !type.startsWith('AWS::SSM::Parameter::Value') && def.kind === 'map' && def.entries.has('Default') ? this.value(def.entries.get('Default')) : undefined;
      if (Array.isArray(allowed) && allowed.length > MAX_ALLOWED && !type.startsWith('AWS::SSM::Parameter::Value')) {
        // too many values to analyse each: any of them, so the widest
        this.external(`parameter ${name} has more than ${MAX_ALLOWED} allowed values`);
        const s = this.worstMode ? '*' : standInFor(name, 'param', this.model.env);
        return isList ? [s] : s;
      }
      if (Array.isArray(allowed) && allowed.length > 0 && !type.startsWith('AWS::SSM::Parameter::Value')) {
        // each allowed value is possible: a choice (the default first)
        const order = orderFirst(allowed.map(scalarString), dflt === undefined ? undefined : scalarString(dflt));
        v = order[this.choose({ key: `param:${name}`, arity: order.length, label: (i) => `${name} is ${order[i]}` })];
      } else if (dflt !== undefined && dflt !== null) {
        v = dflt;
        this.taint++; // the default is what the template suggests; a deployment may pass anything
      }
    }
    if (v === OUTSIDE_VALUE) {
      this.external(`parameter ${name} is passed by the parent stack from a value outside the repository`);
      const s = this.worstMode ? '*' : standInFor(name, 'param', this.model.env);
      return isList ? [s] : s;
    }
    if (v === undefined || v === null) {
      const reason = type.startsWith('AWS::SSM::Parameter::Value')
        ? `parameter ${name} is read from SSM at deploy time`
        : `parameter ${name} has no default value`;
      this.external(reason);
      const s = this.worstMode ? '*' : standInFor(name, 'param', this.model.env);
      return isList ? [s] : s;
    }
    if (isList && typeof v === 'string') return v === '' ? [] : v.split(',').map((x) => x.trim());
    if (!isList && typeof v === 'number') return String(v);
    return v;
  }

  /** Physical name of a resource, and whether it is statically known. */
  physicalName(logicalId: string, res: CMap): { name: string; known: boolean } {
    const cached = this.nameCache.get(logicalId);
    if (cached) return cached;
    const type = str(res.entries.get('Type')) ?? '';
    const row = ARN_TABLE[type];
    let out: { name: string; known: boolean } = { name: standInId(row, logicalId), known: false };
    if (row?.nameProp && !this.nameStack.has(logicalId)) {
      const prop = res.entries.get('Properties');
      const n = prop && prop.kind === 'map' ? prop.entries.get(row.nameProp) : undefined;
      if (n) {
        this.nameStack.add(logicalId);
        // the name of a resource this template creates: what it is made of does not leak into the caller (the
        // resource is one resource whatever its name), and it is never widened
        const unknownBefore = this.unknown.length;
        const worst = this.worstMode;
        this.worstMode = false;
        try {
          const r = this.valueKnown(n);
          if (typeof r.value === 'string' && r.value !== '') out = { name: r.value, known: r.known };
        } finally {
          this.nameStack.delete(logicalId);
          this.worstMode = worst;
          this.unknown.length = unknownBefore;
        }
      }
    }
    this.nameCache.set(logicalId, out);
    return out;
  }

  private iamPath(res: CMap): string {
    const prop = res.entries.get('Properties');
    const p = prop && prop.kind === 'map' ? prop.entries.get('Path') : undefined;
    const v = p ? this.value(p) : undefined;
    return typeof v === 'string' && v.startsWith('/') && v.endsWith('/') ? v : '/';
  }

  private resourceRef(logicalId: string, res: CMap): unknown {
    const type = str(res.entries.get('Type')) ?? '';
    const row = ARN_TABLE[type];
    const { name, known } = this.physicalName(logicalId, res);
    if (!known) this.unknown.push(`${logicalId} is created by this template (its ${row?.ref ?? 'id'} is assigned at deploy time)`);
    const env = { ...this.model.env, path: this.iamPath(res) };
    switch (row?.ref) {
      case 'arn':
        return row.arn(name, env);
      case 'url':
        return `https://sqs.${env.region}.amazonaws.com/${env.account}/${name}`;
      case 'name':
      case 'id':
        return name;
      default:
        return name;
    }
  }

  private getAtt(arg: CNode, node: CNode): unknown {
    let resName: string;
    let attr: string;
    if (arg.kind === 'seq' && arg.items.length >= 2) {
      resName = scalarString(this.value(arg.items[0]));
      attr = scalarString(this.value(arg.items[1]));
    } else if (arg.kind === 'scalar' && typeof arg.value === 'string' && arg.value.includes('.')) {
      const i = arg.value.indexOf('.');
      resName = arg.value.slice(0, i);
      attr = arg.value.slice(i + 1);
    } else {
      this.issue(node, 'cfn-invalid-template', 'Fn::GetAtt needs [LogicalId, Attribute]');
      return 'unresolved-getatt';
    }
    return this.attribute(resName, attr, node);
  }

  attribute(resName: string, attr: string, node: CNode): unknown {
    const res = this.model.resources.get(resName);
    if (!res) {
      this.issue(node, 'cfn-invalid-template', `Fn::GetAtt refers to "${resName}", which is not a resource of this template`);
      this.external(`GetAtt to undefined ${resName}`);
      return this.worstMode ? '*' : `unresolved-${resName}-${attr}`;
    }
    const type = str(res.entries.get('Type')) ?? '';
    const row = ARN_TABLE[type];
    const { name, known } = this.physicalName(resName, res);
    const env = { ...this.model.env, path: this.iamPath(res) };
    const fmt = row?.attrs?.[attr];
    const reason = `${resName}.${attr} is assigned at deploy time`;
    if ((type === 'AWS::CloudFormation::Stack' || type === 'AWS::Serverless::Application') && attr.startsWith('Outputs.') && this.model.nestedOutput) {
      const out = this.model.nestedOutput(resName, attr.slice('Outputs.'.length));
      if (out?.known) return out.value;
      // the child template is in the repository: its output is a resource it creates, not an outside value
      if (out) {
        this.unknown.push(reason);
        return row ? row.arn(name, env) : genericArn(type, `${name}-${attr}`, env);
      }
    }
    if (isExternalAttribute(type, attr)) {
      // fall through to the stand-in below (a nested stack's unknown output, a custom resource's attribute)
    } else if (fmt) {
      if (!known) this.unknown.push(reason);
      return fmt(name, env);
    }
    else if (/(^|\.)Arn$/.test(attr) || attr === `${type.split('::')[2] ?? ''}Arn`) {
      if (!known) this.unknown.push(reason);
      return row ? row.arn(name, env) : genericArn(type, name, env);
    }
    else if (/Name$/.test(attr)) {
      if (!known) this.unknown.push(reason);
      return name;
    }
    // custom resources and other attributes: not knowable offline
    if (isExternalAttribute(type, attr)) {
      this.external(type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource' ? `custom resource attribute ${resName}.${attr}` : `${resName}.${attr} is an output of a stack the repository does not hold`);
      if (this.worstMode) return '*';
    } else this.unknown.push(reason);
    return standInFor(`${resName}-${attr}`, 'attr', this.model.env, /arn/i.test(attr));
  }

  private sub(arg: CNode, node: CNode): unknown {
    let tmplNode: CNode | undefined;
    let vars: Map<string, CNode> | undefined;
    if (arg.kind === 'seq') {
      tmplNode = arg.items[0];
      const m = arg.items[1];
      if (m && m.kind === 'map') vars = m.entries;
    } else tmplNode = arg;
    const tmpl = tmplNode ? this.value(tmplNode) : undefined;
    if (typeof tmpl !== 'string') {
      this.issue(node, 'cfn-invalid-template', 'Fn::Sub needs a string');
      return '';
    }
    return tmpl.replace(/\$\{([^}]*)\}/g, (_m, inner: string) => {
      if (inner.startsWith('!')) return '${' + inner.slice(1) + '}';
      const name = inner.trim();
      if (vars?.has(name)) return scalarString(this.value(vars.get(name)));
      const local = this.local(name);
      if (local !== undefined) return scalarString(local instanceof Scoped ? this.inScope(local, (n) => this.value(n)) : local);
      const dot = name.indexOf('.');
      if (dot > 0 && !name.startsWith('AWS::') && !this.model.parameters.has(name)) {
        return scalarString(this.attribute(name.slice(0, dot), name.slice(dot + 1), node));
      }
      return scalarString(this.refName(name, node));
    });
  }
}

/** A local bound to a template node, with the scope depth it was bound at. */
class Scoped {
  constructor(
    readonly node: CNode,
    readonly depth: number,
  ) {}
}

export { spanOf, renderExpression };
