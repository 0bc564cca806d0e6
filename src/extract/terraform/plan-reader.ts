/**
 * The parts of a Terraform plan or state JSON the extractor reads (plan.ts): `configuration` (module calls,
 * expressions, references, variables), `planned_values`, `resource_changes` and `prior_state`, indexed by address,
 * and the configuration expressions that stand in for values known only after apply.
 */
import { parseAddress, parseReference } from './address.js';
import type { ParsedAddress } from './address.js';
import { renderPolicyDocument } from './policy-document.js';
import { POLICY_DOCUMENT_DATA_SOURCE, terraformRow } from './resources.js';
import type { TableContext } from './resources.js';
import { StandIns } from './placeholders.js';
import { appendAll } from '../../util/arrays.js';

export type Obj = Record<string, unknown>;
export const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

export const SUPPORTED_MAJOR = new Set(['0', '1']);

/** Cheap detection: a JSON object with Terraform's `format_version` and plan / state sections. */
export function looksLikePlan(text: string): boolean {
  if (!/^\s*\{/.test(text)) return false;
  const head = text.slice(0, 4096);
  if (!/"format_version"\s*:/.test(head)) return false;
  return /"terraform_version"\s*:/.test(head) || /"(planned_values|resource_changes|prior_state)"\s*:/.test(text);
}

export interface ConfigModule {
  /** Repo-relative directory of the module's `.tf` files, when known. */
  dir?: string;
  resources: Map<string, Obj>;
  variables: Obj;
  /** Constant arguments of the module call (variables of the module). */
  callArgs: Obj;
}

export interface PlanResource {
  address: string;
  parsed: ParsedAddress;
  mode: 'managed' | 'data';
  type: string;
  values: Obj;
  unknown: unknown;
  /** `after_sensitive`: values the plan marks sensitive (and may withhold). */
  sensitive?: unknown;
  before?: Obj;
  actions: string[];
}

/** Does a sensitivity mask mark anything (true, or a true leaf inside)? */
export function marks(mask: unknown, depth = 0): boolean {
  if (mask === true) return true;
  if (depth > 32) return true; // hostile depth: treated as marked (worst case)
  if (Array.isArray(mask)) return mask.some((m) => marks(m, depth + 1));
  if (isObj(mask)) return Object.values(mask).some((m) => marks(m, depth + 1));
  return false;
}


function walkModules(mod: unknown, visit: (r: Obj) => void): void {
  if (!isObj(mod)) return;
  if (Array.isArray(mod.resources)) for (const r of mod.resources) if (isObj(r)) visit(r);
  if (Array.isArray(mod.child_modules)) for (const c of mod.child_modules) walkModules(c, visit);
}

/** The string references of a configuration expression (anything else in the list is ignored). */
export const refList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

export const isExprLeaf = (e: unknown): e is { constant_value?: unknown; references?: unknown } =>
  isObj(e) && ('constant_value' in e || 'references' in e) && !Object.keys(e).some((k) => k !== 'constant_value' && k !== 'references');

/** Attributes whose value is a whole policy document. */
const POLICY_ATTRS = new Set(['policy', 'assume_role_policy', 'content', 'access_policies', 'access_policy', 'policy_document', 'resource_policy', 'inline_policy', 'json']);

const LIST_KEYS = /(^|_)(actions|resources|identifiers|values|documents|arns|principals|users|roles|groups|ids|list)$/;

export class PlanReader {
  private readonly config = new Map<string, ConfigModule>();
  /** Module path (names joined with '.') -> config module. */
  private readonly modules = new Map<string, ConfigModule>();
  /**
   * Every resource by address; a resource of a type the extractor does not read (no resource-types row, not a
   * policy document) is built only when something asks for it (a reference to its values, the root-module probe).
   */
  private readonly entries = new Map<string, PlanResource | (() => PlanResource | undefined)>();
  private readonly resources = {
    get: (address: string): PlanResource | undefined => {
      const e = this.entries.get(address);
      if (typeof e !== 'function') return e;
      const r = e();
      if (r) this.entries.set(address, r);
      else this.entries.delete(address);
      return r;
    },
    has: (address: string): boolean => this.entries.has(address),
    values: (): PlanResource[] => [...this.entries.keys()].map((a) => this.resources.get(a)).filter((r): r is PlanResource => r !== undefined),
  };
  private byConfigPrefixCache: Map<string, PlanResource> | undefined;
  /** First instance of each resource by its address without instance key (built on first use). */
  private get byConfigPrefix(): Map<string, PlanResource> {
    if (this.byConfigPrefixCache) return this.byConfigPrefixCache;
    const m = new Map<string, PlanResource>();
    for (const pr of this.resources.values()) {
      const p = pr.parsed;
      const key = p.index === '' ? pr.address : pr.address.slice(0, pr.address.length - p.index.length);
      if (!m.has(key)) m.set(key, pr);
    }
    return (this.byConfigPrefixCache = m);
  }
  private readonly rendered = new Map<string, { document?: Obj; standIns: StandIns; errors: string[] } | 'busy'>();
  private readonly rootVariables: Obj;
  readonly ctx: TableContext;
  /** Policy attributes known only after apply whose expression the plan does not record. */
  readonly unresolved: { address: string; key: string; refs: string[]; why?: string }[] = [];

  constructor(
    readonly plan: Obj,
    readonly options: { ctx: TableContext; allResources: boolean },
  ) {
    this.ctx = options.ctx;
    this.rootVariables = isObj(plan.variables) ? plan.variables : {};
    const cfg = isObj(plan.configuration) ? plan.configuration : {};
    this.indexConfig(cfg.root_module, [], {});
    this.indexResources();
  }

  private indexConfig(mod: unknown, names: string[], callArgs: Obj): void {
    if (!isObj(mod)) return;
    const cm: ConfigModule & { outputs?: Obj } = { resources: new Map(), variables: isObj(mod.variables) ? mod.variables : {}, callArgs };
    if (isObj(mod.outputs)) cm.outputs = mod.outputs;
    this.modules.set(names.join('.'), cm);
    if (Array.isArray(mod.resources)) {
      for (const r of mod.resources) {
        if (!isObj(r) || typeof r.address !== 'string') continue;
        cm.resources.set(r.address, r);
      }
    }
    if (isObj(mod.module_calls)) {
      for (const [name, call] of Object.entries(mod.module_calls)) {
        if (!isObj(call)) continue;
        const args: Obj = {};
        if (isObj(call.expressions))
          for (const [k, e] of Object.entries(call.expressions)) if (isObj(e) && 'constant_value' in e) args[k] = e.constant_value;
        this.indexConfig(call.module, [...names, name], args);
        const child = this.modules.get([...names, name].join('.'));
        if (child) (child as ConfigModule & { source?: unknown }).source = call.source;
      }
    }
  }

  private indexResources(): void {
    const plan = this.plan;
    const changes = new Map<string, Obj>();
    if (Array.isArray(plan.resource_changes))
      for (const rc of plan.resource_changes) if (isObj(rc) && typeof rc.address === 'string') changes.set(rc.address, rc);
    const prior = new Map<string, Obj>();
    const priorRoot = isObj(plan.prior_state) && isObj(plan.prior_state.values) ? plan.prior_state.values.root_module : undefined;
    walkModules(priorRoot, (r) => {
      if (typeof r.address === 'string') prior.set(r.address, r);
    });
    const prefixes = new Map<string, string[] | undefined>();
    const fastParse = (address: string, o: Obj | undefined): ParsedAddress | undefined => {
      // plan entries carry mode, type and name: only the module prefix needs parsing (cached per module)
      if (!o || typeof o.type !== 'string' || typeof o.name !== 'string' || (o.mode !== 'managed' && o.mode !== 'data')) return parseAddress(address);
      const local = `${o.mode === 'data' ? 'data.' : ''}${o.type}.${o.name}`;
      const at = address.lastIndexOf(local);
      if (at < 0 || (at > 0 && address[at - 1] !== '.')) return parseAddress(address);
      const modulePrefix = address.slice(0, at);
      const index = address.slice(at + local.length);
      if (index !== '' && !index.startsWith('[')) return parseAddress(address);
      let modules = prefixes.get(modulePrefix);
      if (!prefixes.has(modulePrefix)) {
        modules = modulePrefix === '' ? [] : parseAddress(`${modulePrefix}x.y`)?.modules;
        prefixes.set(modulePrefix, modules);
      }
      if (!modules) return parseAddress(address);
      return { modules, modulePrefix, mode: o.mode, type: o.type, name: o.name, index };
    };
    const add = (address: string, r: Obj | undefined, rc: Obj | undefined) => {
      const o = r ?? rc;
      const type = o?.type;
      // presence is decided now (what the plan has values or a change for); the record is built when asked for
      const change0 = rc && isObj(rc.change) ? rc.change : undefined;
      if (!change0 && !(r && isObj(r.values)) && !isObj(prior.get(address)?.values)) return;
      if (typeof type === 'string' && !terraformRow(type) && type !== POLICY_DOCUMENT_DATA_SOURCE) {
        this.entries.set(address, () => build(address, r, rc));
        return;
      }
      const pr = build(address, r, rc);
      if (pr) this.entries.set(address, pr);
    };
    const build = (address: string, r: Obj | undefined, rc: Obj | undefined): PlanResource | undefined => {
      const parsed = fastParse(address, r ?? rc);
      if (!parsed) return undefined;
      const change = rc && isObj(rc.change) ? rc.change : undefined;
      const actions = change && Array.isArray(change.actions) ? (change.actions as string[]) : rc ? ['no-op'] : ['create'];
      const after = change && isObj(change.after) ? change.after : undefined;
      const values = after ?? (r && isObj(r.values) ? r.values : undefined);
      const before = change && isObj(change.before) ? change.before : prior.get(address)?.values;
      const pr: PlanResource = {
        address,
        parsed,
        mode: parsed.mode,
        type: parsed.type,
        values: values ?? (isObj(before) ? before : {}),
        unknown: change?.after_unknown,
        actions,
      };
      if (change?.after_sensitive !== undefined) pr.sensitive = change.after_sensitive;
      if (isObj(before)) pr.before = before;
      if (!values && !isObj(before) && !change) return undefined;
      return pr;
    };
    const planned = isObj(plan.planned_values) ? plan.planned_values.root_module : isObj(plan.values) ? plan.values.root_module : undefined;
    walkModules(planned, (r) => {
      if (typeof r.address === 'string') add(r.address, r, changes.get(r.address));
    });
    for (const [address, rc] of changes) if (!this.resources.has(address)) add(address, undefined, rc);
    // data sources read while planning live in the prior state only
    walkModules(priorRoot, (r) => {
      if (r.mode === 'data' && typeof r.address === 'string' && !this.resources.has(r.address)) add(r.address, r, undefined);
    });
    // state-only input (no planned values): the prior state is what exists
    if (!planned && changes.size === 0) walkModules(priorRoot, (r) => typeof r.address === 'string' && add(r.address, r, undefined));
  }

  all(): PlanResource[] {
    return this.resources.values();
  }

  /** The resources the extractor reads (a resource-types row, or a policy document data source), in plan order. */
  read(): PlanResource[] {
    const out: PlanResource[] = [];
    for (const e of this.entries.values()) if (typeof e !== 'function') out.push(e);
    return out;
  }

  /**
   * Managed resources the configuration declares but the plan has no instance of (`count = 0`, an empty
   * `for_each`, a module called zero times): address without instance keys, and the config entry.
   */
  declaredOnly(types: ReadonlySet<string>): { parsed: ParsedAddress; address: string; config: Obj }[] {
    const candidates = new Set<string>();
    for (const m of this.modules.values()) for (const cfg of m.resources.values()) if (cfg.mode === 'managed' && typeof cfg.type === 'string' && types.has(cfg.type)) candidates.add(cfg.type);
    if (!candidates.size) return [];
    const present = new Set<string>();
    for (const r of this.read()) {
      if (r.mode === 'managed' && candidates.has(r.type)) present.add(`${r.parsed.modules.join('.')}\u0000${r.parsed.type}.${r.parsed.name}`);
    }
    const out: { parsed: ParsedAddress; address: string; config: Obj }[] = [];
    for (const [path, m] of this.modules) {
      const modules = path === '' ? [] : path.split('.');
      for (const [local, cfg] of m.resources) {
        if (cfg.mode !== 'managed' || typeof cfg.type !== 'string' || typeof cfg.name !== 'string' || !candidates.has(cfg.type)) continue;
        if (present.has(`${path}\u0000${cfg.type}.${cfg.name}`)) continue;
        const modulePrefix = modules.map((n) => `module.${n}.`).join('');
        out.push({ parsed: { modules, modulePrefix, mode: 'managed', type: cfg.type, name: cfg.name, index: '' }, address: `${modulePrefix}${local}`, config: cfg });
      }
    }
    return out;
  }

  moduleOf(p: ParsedAddress): ConfigModule | undefined {
    return this.modules.get(p.modules.length === 0 ? '' : p.modules.length === 1 ? p.modules[0]! : p.modules.join('.'));
  }

  configOf(p: ParsedAddress): Obj | undefined {
    const m = this.moduleOf(p);
    return m?.resources.get(`${p.mode === 'data' ? 'data.' : ''}${p.type}.${p.name}`);
  }

  /** Module source of a module path, for `.tf` mapping. */
  moduleSource(names: string[]): unknown {
    return (this.modules.get(names.join('.')) as (ConfigModule & { source?: unknown }) | undefined)?.source;
  }

  private variable(p: ParsedAddress, name: string): unknown {
    const m = this.moduleOf(p);
    if (p.modules.length === 0) {
      const v = this.rootVariables[name];
      if (isObj(v) && 'value' in v) return v.value;
    } else if (m && name in m.callArgs) return m.callArgs[name];
    const decl = m?.variables[name];
    return isObj(decl) ? decl.default : undefined;
  }

  standInsFor(p: ParsedAddress): StandIns {
    return new StandIns({
      ...this.ctx,
      valuesOf: (address) => {
        const r = this.resources.get(address) ?? this.byConfigPrefix.get(address);
        return r?.values;
      },
      variable: (name) => this.variable(p, name),
      moduleOutput: (prefix, module, output) => {
        const names = parseAddress(`${prefix}x.y`)?.modules ?? [];
        const mod = this.modules.get([...names, module].join('.')) as (ConfigModule & { outputs?: Obj }) | undefined;
        const o = mod?.outputs?.[output];
        const refs = isObj(o) && isObj(o.expression) ? refList(o.expression.references) : [];
        return refs.length ? { refs, modulePrefix: `${prefix}module.${module}.` } : undefined;
      },
    });
  }

  /** The data source a reference list points at (`data.aws_iam_policy_document.x.json`), resolved in module `p`. */
  policyDocumentRef(refs: unknown, p: ParsedAddress): string | undefined {
    if (!Array.isArray(refs)) return undefined;
    for (const ref of refs) {
      if (typeof ref !== 'string') continue;
      const r = parseReference(ref);
      if (r.kind === 'data' && r.type === POLICY_DOCUMENT_DATA_SOURCE) {
        const idx = /^data\.[^.[]+\.[^.[]+(\[[^\]]*\])/.exec(ref)?.[1] ?? '';
        const base = `${p.modulePrefix}data.${r.type}.${r.name}`;
        return this.resources.has(base + idx) ? base + idx : (this.byConfigPrefix.get(base)?.address ?? base + idx);
      }
    }
    return undefined;
  }

  /**
   * Replace unknown leaves (per the after_unknown mask) by stand-ins from the configuration expression at the
   * same place; rendered policy documents of referenced data sources stand in for their `.json`.
   */
  resolveUnknown(
    value: unknown,
    mask: unknown,
    expr: unknown,
    key: string,
    p: ParsedAddress,
    standIns: StandIns,
    inList = false,
    path: (string | number)[] = [],
  ): unknown {
    // an empty list whose configuration is an expression with references (a plan with values stripped): unknown
    const emptied =
      mask === undefined && p.mode === 'data' && !inList && LIST_KEYS.test(key) && (value === null || (Array.isArray(value) && value.length === 0)) &&
      isExprLeaf(expr) && refList(expr.references).length > 0;
    if (mask === true || emptied) {
      const t = this.fromTemplate(path, inList, key, p, standIns);
      return t !== undefined ? t : this.fromExpression(expr, key, p, standIns, inList);
    }
    if (Array.isArray(mask) || Array.isArray(value)) {
      const arr = Array.isArray(value) ? value : [];
      const m = Array.isArray(mask) ? mask : [];
      const len = Math.max(arr.length, m.length);
      const out: unknown[] = [];
      for (let i = 0; i < len; i++) {
        const e = Array.isArray(expr) ? (expr[i] ?? expr[0]) : expr;
        out.push(this.resolveUnknown(arr[i], m[i], e, key, p, standIns, !Array.isArray(expr), [...path, i]));
      }
      return out;
    }
    if (isObj(mask) || isObj(value)) {
      const v = isObj(value) ? value : {};
      const m = isObj(mask) ? mask : {};
      if (!isObj(value) && Object.keys(m).length === 0) return value;
      const out: Obj = { ...v };
      for (const k of new Set([...Object.keys(v), ...Object.keys(m)])) {
        const e = isObj(expr) && !isExprLeaf(expr) ? expr[k] : undefined;
        const r = this.resolveUnknown(v[k], m[k], e, k, p, standIns, false, [...path, k]);
        if (r !== undefined) out[k] = r;
      }
      return out;
    }
    return value;
  }

  /** Set by the extractor: literal element templates of a list argument in the resource's `.tf` block. */
  templates?: (p: ParsedAddress, path: (string | number)[]) => (string | undefined)[] | undefined;

  /** An unknown value rebuilt from the `.tf` text (`"${aws_s3_bucket.b.arn}/*"`), when the source is there. */
  private fromTemplate(path: (string | number)[], inList: boolean, key: string, p: ParsedAddress, standIns: StandIns): unknown {
    if (!this.templates || !LIST_KEYS.test(key)) return undefined;
    const last = path[path.length - 1];
    const listPath = inList && typeof last === 'number' ? path.slice(0, -1) : path;
    const tpl = this.templates(p, listPath);
    if (!tpl || tpl.some((t) => t === undefined)) return undefined;
    const reason = `known only after apply (${p.modulePrefix}${p.mode === 'data' ? 'data.' : ''}${p.type}.${p.name}.${key})`;
    const subst = (t: string) =>
      t.replace(/\$\{([^{}]*)\}/g, (_m, e: string) => {
        const ref = e.trim();
        return /^(?:data\.)?[A-Za-z_][\w-]*(?:\.[\w-]+|\[[^\]]*\])+$/.test(ref)
          ? standIns.forReference(ref, p.modulePrefix, reason)
          : standIns.opaque(reason, `\${${e}}`);
      });
    if (inList && typeof last === 'number') {
      const t = tpl[last];
      return t === undefined ? undefined : subst(t);
    }
    return (tpl as string[]).map(subst);
  }

  private fromExpression(expr: unknown, key: string, p: ParsedAddress, standIns: StandIns, inList: boolean): unknown {
    if ((Array.isArray(expr) && expr.some((b) => isObj(b) && !isExprLeaf(b))) || (isObj(expr) && !isExprLeaf(expr))) {
      // a whole nested block unknown: rebuild it from its configuration
      return this.fromConfig(expr, key, p, standIns);
    }
    const e = Array.isArray(expr) ? expr[0] : expr;
    if (isExprLeaf(e)) {
      if ('constant_value' in e) return e.constant_value;
      const doc = this.policyDocumentRef(e.references, p);
      if (doc) {
        const r = this.renderDataSource(doc);
        if (r?.document) {
          const json = JSON.stringify(r.document);
          return !inList && LIST_KEYS.test(key) ? [json] : json;
        }
      }
      const refs = refList(e.references);
      if (POLICY_ATTRS.has(key) || key.endsWith('policy_documents') || key === 'source_json' || key === 'override_json') {
        // a policy built by an expression the plan does not record (jsonencode with unknown parts, templatefile...)
        this.unresolved.push({ address: `${p.modulePrefix}${p.mode === 'data' ? 'data.' : ''}${p.type}.${p.name}`, key, refs });
        return undefined;
      }
      const reason = `known only after apply (${p.modulePrefix}${p.mode === 'data' ? 'data.' : ''}${p.type}.${p.name}.${key})`;
      const values = standIns.forExpression(refs, p.modulePrefix, reason, /resources$/.test(key));
      return !inList && LIST_KEYS.test(key) ? values : values[0];
    }
    const opaque = standIns.opaque(`known only after apply (${key}); no configuration expression in the plan`, `${key} (computed)`);
    return !inList && LIST_KEYS.test(key) ? [opaque] : opaque;
  }

  /** Render a `data.aws_iam_policy_document` (rendered json when known, else rebuilt from arguments). */
  renderDataSource(address: string): { document?: Obj; standIns: StandIns; errors: string[] } | undefined {
    const hit = this.rendered.get(address);
    if (hit === 'busy') return undefined;
    if (hit) return hit;
    const parsed = parseAddress(address);
    if (!parsed) return undefined;
    this.rendered.set(address, 'busy');
    const res = this.resources.get(address);
    const standIns = this.standInsFor(parsed);
    const errors: string[] = [];
    let document: Obj | undefined;
    const json = res?.values.json;
    const jsonUnknown = isObj(res?.unknown) && (res.unknown as Obj).json === true;
    if (typeof json === 'string' && json !== '' && !jsonUnknown) {
      try {
        const d: unknown = JSON.parse(json);
        if (isObj(d)) document = d;
        else errors.push('rendered json is not an object');
      } catch (e) {
        errors.push(`rendered json is not valid JSON (${(e as Error).message})`);
      }
    } else {
      const cfg = this.configOf(parsed);
      const exprs = isObj(cfg?.expressions) ? cfg.expressions : {};
      let args: unknown;
      if (res && Object.keys(res.values).some((k) => k === 'statement' || k.endsWith('policy_documents') || k === 'source_json')) {
        args = this.resolveUnknown(res.values, res.unknown, exprs, '', parsed, standIns);
      } else {
        args = this.fromConfig(exprs, '', parsed, standIns);
      }
      if (isObj(args)) {
        // nested documents (source/override) rendered by other data sources
        const r = renderPolicyDocument(args);
        document = r.document;
        appendAll(errors, r.errors);
      }
    }
    const out = { ...(document ? { document } : {}), standIns, errors };
    this.rendered.set(address, out);
    return out;
  }

  /** Arguments straight from configuration expressions (when the plan has no values for the data source). */
  fromConfig(expr: unknown, key: string, p: ParsedAddress, standIns: StandIns): unknown {
    if (isExprLeaf(expr)) return this.fromExpression(expr, key, p, standIns, false);
    if (Array.isArray(expr)) return expr.map((e) => this.fromConfig(e, key, p, standIns));
    if (isObj(expr)) {
      const out: Obj = {};
      for (const [k, e] of Object.entries(expr)) out[k] = this.fromConfig(e, k, p, standIns);
      return out;
    }
    return undefined;
  }
}
