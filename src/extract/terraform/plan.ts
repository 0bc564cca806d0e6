/**
 * Terraform plan JSON (`terraform show -json plan.out`) and state JSON (`terraform show -json`).
 *
 * Reads `planned_values` (root and child modules, count / for_each instances), `resource_changes` (actions,
 * before / after / after_unknown), `prior_state` and `configuration` (module calls, expressions, references,
 * variables). Values unknown until apply are replaced by well-formed stand-ins taken from the configuration
 * expression (recorded as placeholders); `data.aws_iam_policy_document` is rendered from its arguments when its
 * `json` is unknown. Each resource is mapped back to its block in the repository's `.tf` files when they are
 * there (lines.ts), else to its line in the plan file.
 *
 * Large plans: plain `JSON.parse` (no positions), a single pass over the text for the plan locations of addresses.
 */
import path from 'node:path';
import type { AnalysisError, Finding } from '../../findings/types.js';
import type { IamEntity, PolicyRecord, PolicyType, PrincipalRef, Span } from '../../policy/types.js';
import { lineSpan } from '../../policy/source-map.js';
import { fingerprint } from '../../policy/fingerprint.js';
import { policyTypeFromContent } from '../raw.js';
import type { Extractor, ExtractInput, ExtractResult } from '../types.js';
import { emptyResult } from '../types.js';
import { parseWithPositions } from '../../text/positions.js';
import type { Parsed } from '../../text/positions.js';
import { parseAddress, parseReference } from './address.js';
import type { ParsedAddress } from './address.js';
import { isJsonConfigFile } from './tf-files.js';
import { renderPolicyDocument } from './policy-document.js';
import { POLICY_DOCUMENT_DATA_SOURCE, readTerraformResource, terraformResourceTypes, terraformRow } from './resources.js';
import type { TableContext, TfPolicyItem, TfResourceOutput } from './resources.js';
import { StandIns } from './placeholders.js';
import { awsManagedPolicy } from './managed-policies.js';
import { ancestors, blockSpan, blockSuppressions, documentSpans, lineAt, lineStartsOf, listTemplates, moduleDir, TfSources } from './lines.js';
import type { TfBlock } from './lines.js';
import { awsManagedRecords, entityRecord, ownAttachmentsEntity, invalidPolicyFinding, policyRecord } from './records.js';
import { linkAttachments } from './link.js';
import type { RecordMeta, Site } from './records.js';
import { appendAll } from '../../util/arrays.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

const SUPPORTED_MAJOR = new Set(['0', '1']);

/** Cheap detection: a JSON object with Terraform's `format_version` and plan / state sections. */
export function looksLikePlan(text: string): boolean {
  if (!/^\s*\{/.test(text)) return false;
  const head = text.slice(0, 4096);
  if (!/"format_version"\s*:/.test(head)) return false;
  return /"terraform_version"\s*:/.test(head) || /"(planned_values|resource_changes|prior_state)"\s*:/.test(text);
}

interface ConfigModule {
  /** Repo-relative directory of the module's `.tf` files, when known. */
  dir?: string;
  resources: Map<string, Obj>;
  variables: Obj;
  /** Constant arguments of the module call (variables of the module). */
  callArgs: Obj;
}

interface PlanResource {
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
function marks(mask: unknown, depth = 0): boolean {
  if (mask === true) return true;
  if (depth > 32) return true; // hostile depth: treated as marked (worst case)
  if (Array.isArray(mask)) return mask.some((m) => marks(m, depth + 1));
  if (isObj(mask)) return Object.values(mask).some((m) => marks(m, depth + 1));
  return false;
}

function jsonErrorPosition(message: string, text: string): { line?: number; column?: number } {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /position (\d+)/.exec(message);
  if (pos) {
    const starts = lineStartsOf(text);
    const off = Number(pos[1]);
    const line = lineAt(starts, off);
    return { line, column: off - starts[line - 1]! + 1 };
  }
  if (/Unexpected end of JSON input/i.test(message)) {
    const lines = text.split('\n');
    return { line: lines.length, column: (lines[lines.length - 1] ?? '').length + 1 };
  }
  return {};
}

/** An address as the plan text writes it (quotes and backslashes escaped). */
function planAddressKey(address: string): string {
  return address.includes('"') || address.includes('\\') ? JSON.stringify(address).slice(1, -1) : address;
}

/** First line and column of each `"address": "..."` in the plan text (one forward pass, no line table). */
function addressLines(text: string): Map<string, { line: number; column: number }> {
  const out = new Map<string, { line: number; column: number }>();
  const KEY = '"address"';
  let line = 1;
  let lineStart = 0;
  let nl = text.indexOf('\n');
  for (let at = text.indexOf(KEY); at !== -1; at = text.indexOf(KEY, at + KEY.length)) {
    // `"address": "..."` (any spacing around the colon)
    let i = at + KEY.length;
    while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13 || text.charCodeAt(i) === 9) i++;
    if (text.charCodeAt(i) !== 58 /* : */) continue;
    i++;
    while (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13 || text.charCodeAt(i) === 9) i++;
    if (text.charCodeAt(i) !== 34 /* " */) continue;
    let end = text.indexOf('"', i + 1);
    let escaped = false;
    while (end !== -1 && text.charCodeAt(end - 1) === 92) {
      // a quote preceded by backslashes: escaped when their count is odd
      let k = end - 1;
      while (text.charCodeAt(k) === 92) k--;
      if ((end - 1 - k) % 2 === 0) break;
      escaped = true;
      end = text.indexOf('"', end + 1);
    }
    if (end === -1) break;
    // keyed by the address as written in the JSON text (escapes kept): see planAddressKey
    let addr = text.slice(i + 1, end);
    if (escaped && addr.includes('\\u')) {
      try {
        addr = planAddressKey(JSON.parse(`"${addr}"`) as string);
      } catch {
        continue;
      }
    }
    if (out.has(addr)) continue;
    while (nl !== -1 && nl < at) {
      line++;
      lineStart = nl + 1;
      nl = text.indexOf('\n', nl + 1);
    }
    out.set(addr, { line, column: at - lineStart + 1 });
  }
  return out;
}

/**
 * Finds `"address": "<address>"` in the plan text on demand. Records are asked for in the order the plan lists
 * them, so a forward cursor makes the whole run one pass over the text; anything else (out of order, escapes) falls
 * back to a full index of every address.
 */
class AddressFinder {
  private readonly found = new Map<string, { line: number; column: number } | undefined>();
  private cursor = 0;
  private line = 1;
  private lineStart = 0;
  private full: Map<string, { line: number; column: number }> | undefined;
  constructor(private readonly text: string) {}

  get(key: string): { line: number; column: number } | undefined {
    if (this.found.has(key)) return this.found.get(key);
    const at = this.forward(key);
    const pos = at !== undefined ? this.position(at) : (this.full ??= addressLines(this.text)).get(key);
    this.found.set(key, pos);
    return pos;
  }

  /** Offset of the `"address"` key whose value is `key`, searching forward from the cursor. */
  private forward(key: string): number | undefined {
    const t = this.text;
    const needle = `"${key}"`;
    for (let i = t.indexOf(needle, this.cursor); i !== -1; i = t.indexOf(needle, i + needle.length)) {
      // walk back over `"address"\s*:\s*`
      let j = i - 1;
      while (j >= 0 && /\s/.test(t[j]!)) j--;
      if (t[j] !== ':') continue;
      j--;
      while (j >= 0 && /\s/.test(t[j]!)) j--;
      if (j >= 8 && t.startsWith('"address"', j - 8)) return j - 8;
    }
    return undefined;
  }

  /** The next newline at or after the cursor (-1: none), kept so a one-line plan is not rescanned per call. */
  private nextNl = -2;

  private position(at: number): { line: number; column: number } {
    const t = this.text;
    if (at < this.cursor) {
      this.line = 1;
      this.lineStart = 0;
      this.cursor = 0;
      this.nextNl = -2;
    }
    if (this.nextNl === -2) this.nextNl = t.indexOf('\n', this.cursor);
    while (this.nextNl !== -1 && this.nextNl < at) {
      this.line++;
      this.lineStart = this.nextNl + 1;
      this.nextNl = t.indexOf('\n', this.nextNl + 1);
    }
    this.cursor = at;
    return { line: this.line, column: at - this.lineStart + 1 };
  }
}

function walkModules(mod: unknown, visit: (r: Obj) => void): void {
  if (!isObj(mod)) return;
  if (Array.isArray(mod.resources)) for (const r of mod.resources) if (isObj(r)) visit(r);
  if (Array.isArray(mod.child_modules)) for (const c of mod.child_modules) walkModules(c, visit);
}

/** The string references of a configuration expression (anything else in the list is ignored). */
const refList = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

const isExprLeaf = (e: unknown): e is { constant_value?: unknown; references?: unknown } =>
  isObj(e) && ('constant_value' in e || 'references' in e) && !Object.keys(e).some((k) => k !== 'constant_value' && k !== 'references');

/** Attributes whose value is a whole policy document. */
const POLICY_ATTRS = new Set(['policy', 'assume_role_policy', 'content', 'access_policies', 'access_policy', 'policy_document', 'resource_policy', 'inline_policy', 'json']);

const LIST_KEYS = /(^|_)(actions|resources|identifiers|values|documents|arns|principals|users|roles|groups|ids|list)$/;

export class PlanReader {
  private readonly config = new Map<string, ConfigModule>();
  /** Module path (names joined with '.') -> config module. */
  private readonly modules = new Map<string, ConfigModule>();
  private readonly resources = new Map<string, PlanResource>();
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
      const parsed = fastParse(address, r ?? rc);
      if (!parsed) return;
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
      if (!values && !isObj(before) && !change) return;
      this.resources.set(address, pr);
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
    return [...this.resources.values()];
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
    for (const r of this.resources.values()) {
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

/** Types whose declared-but-not-created resources are listed: principals and attachments. */
const DECLARED_TYPES: ReadonlySet<string> = new Set(
  terraformResourceTypes().filter((t) => ['role', 'user', 'group', 'permission-set', 'managed-policy-attachment'].includes(terraformRow(t)?.entity ?? '')),
);

const configRefCache = new WeakMap<Obj, Map<string, { ref: string; each: boolean }[]>>();
/**
 * References of a configuration attribute, once per configuration resource (a `for_each` over 1,000 instances
 * shares it): `each.value...` becomes the for_each resource, to be keyed by the instance.
 */
function configRefs(cfg: Obj, attr: string): { ref: string; each: boolean }[] {
  let m = configRefCache.get(cfg);
  if (!m) configRefCache.set(cfg, (m = new Map()));
  const hit = m.get(attr);
  if (hit) return hit;
  const exprs = isObj(cfg.expressions) ? cfg.expressions : {};
  const e = exprs[attr];
  const refs = isExprLeaf(e) ? refList(e.references) : [];
  const forEachRefs = isObj(cfg.for_each_expression) ? refList(cfg.for_each_expression.references) : [];
  const out = refs.flatMap((x) =>
    // for_each = aws_iam_role.this; role = each.value.id  ->  the role instance with the same key
    /^each\.value\b/.test(x) ? forEachRefs.filter((f) => parseReference(f).kind === 'resource').map((f) => ({ ref: f, each: true })) : [{ ref: x, each: false }],
  );
  m.set(attr, out);
  return out;
}

function analysed(actions: string[], all: boolean): 'changed' | 'unchanged' | 'deleted' {
  if (actions.includes('create') || actions.includes('update') || actions.includes('read')) return 'changed';
  if (actions.includes('delete')) return 'deleted';
  void all;
  return 'unchanged';
}

export function extractPlan(input: ExtractInput): ExtractResult {
  const result = emptyResult();
  const { file, text } = input;
  let plan: unknown;
  try {
    plan = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    result.errors.push({ file, ...jsonErrorPosition(msg, text), message: `invalid Terraform plan JSON (truncated?): ${msg}`, kind: 'input' });
    return result;
  }
  if (!isObj(plan) || !(isObj(plan.planned_values) || Array.isArray(plan.resource_changes) || isObj(plan.values) || isObj(plan.prior_state))) {
    result.errors.push({
      file,
      line: 1,
      message: 'not a Terraform plan: expected `terraform show -json` output with planned_values / resource_changes',
      kind: 'input',
    });
    return result;
  }
  const fv = typeof plan.format_version === 'string' ? plan.format_version : undefined;
  if (fv === undefined || !SUPPORTED_MAJOR.has(fv.split('.')[0]!)) {
    result.errors.push({
      file,
      line: 1,
      message: `unsupported Terraform plan format version ${fv === undefined ? '(missing format_version)' : JSON.stringify(fv)}; supported: 0.x and 1.x`,
      kind: 'input',
    });
    return result;
  }

  const o = input.options;
  const ctx: TableContext = { partition: o.partition, region: o.region, account: o.account };
  const reader = new PlanReader(plan, { ctx, allResources: o.terraformAllResources });
  // positions of resource addresses in the plan text: only needed when a record has no .tf source
  const planLines = new AddressFinder(text);
  const sources = new TfSources(input.readRepoFile, input.listRepoFiles);
  const planDir = path.posix.dirname(input.repoPath) === '.' ? '' : path.posix.dirname(input.repoPath);

  const rootDir = findRootDir(reader, sources, planDir);
  const dirOf = (names: string[]): string | undefined => {
    if (rootDir === undefined) return undefined;
    let d: string | undefined = rootDir;
    for (let i = 0; i < names.length && d !== undefined; i++) d = moduleDir(d, reader.moduleSource(names.slice(0, i + 1)));
    return d;
  };
  /** Repository files the records point into (.tf sources, policy JSON files read by file()). */
  const dependencies = new Set<string>();
  const blockOf = (r: { parsed: ParsedAddress }): TfBlock | undefined => {
    const d = dirOf(r.parsed.modules);
    const b = d === undefined ? undefined : sources.find(d, r.parsed.mode, r.parsed.type, r.parsed.name);
    if (b) dependencies.add(b.file);
    return b;
  };

  reader.templates = (p, segs) => {
    const b = blockOf({ parsed: p });
    return b ? listTemplates(b, segs) : undefined;
  };

  const planSites = new Map<string, Site>();
  const planSite = (address: string): Site => {
    const hit = planSites.get(address);
    if (hit) return hit;
    const site = planSiteOf(address);
    planSites.set(address, site);
    return site;
  };
  const planSiteOf = (address: string): Site => {
    const at = planLines.get(planAddressKey(address)) ?? planLines.get(planAddressKey(address.replace(/\[[^\]]*\]$/, ''))) ?? { line: 1, column: 1 };
    return { file, span: lineSpan(file, at.line, at.column) };
  };
  const siteFor = (r: PlanResource, attribute: string | undefined, document: unknown, docBlock?: TfBlock): Site => {
    const b = blockOf(r);
    if (!b) return planSite(r.address);
    const display = input.displayPath(b.file);
    const spans = new Map<string, Span>();
    if (docBlock) {
      // the document is written in a data source block: statements there, the root on the attribute
      const ds = documentSpans(docBlock, input.displayPath(docBlock.file), undefined, document);
      for (const [k, v] of ds) if (k !== '') spans.set(k, v);
      const own = documentSpans(b, display, attribute, undefined);
      spans.set('', own.get('') ?? blockSpan(b, display));
    } else {
      const fileSite = attribute ? policyFileSite(b, attribute, dirOf(r.parsed.modules)) : undefined;
      if (fileSite) return { ...fileSite, suppressions: blockSuppressions(b, display) };
      for (const [k, v] of documentSpans(b, display, attribute, document)) spans.set(k, v);
    }
    return { file: display, span: blockSpan(b, display), spans, suppressions: blockSuppressions(b, display) };
  };

  /** `policy = file("${path.module}/policies/x.json")` (or templatefile): the statements' lines in that JSON file. */
  const policyFileSite = (b: TfBlock, attribute: string, moduleDir: string | undefined): Site | undefined => {
    const text = b.text.slice(b.open, b.close);
    const m = new RegExp(`(?:^|\\s)${attribute}\\s*=\\s*(?:file|templatefile)\\(\\s*"([^"]+)"`, 'm').exec(text);
    if (!m || rootDir === undefined) return undefined;
    const written = m[1]!;
    const pm = /^\$\{path\.(module|root|cwd)\}\/?/.exec(written);
    // file() paths are relative to the directory Terraform runs in (the root module), path.module to the module
    const baseDir = pm ? (pm[1] === 'module' ? (moduleDir ?? rootDir) : rootDir) : rootDir;
    const rest = pm ? written.slice(pm[0].length) : written;
    if (rest.includes('${') || rest.startsWith('/')) return undefined;
    const target = path.posix.normalize(path.posix.join(baseDir || '.', rest));
    if (target.startsWith('..') || path.posix.isAbsolute(target)) return undefined;
    let parsed: Parsed;
    try {
      parsed = parseWithPositions(input.readRepoFile(target), target);
    } catch {
      return undefined;
    }
    const display = input.displayPath(target);
    dependencies.add(target);
    const spans = new Map<string, Span>();
    for (const [k, v] of parsed.spans) spans.set(k, { ...v, file: display });
    const root = spans.get('') ?? lineSpan(display, 1);
    return { file: display, span: root, spans };
  };

  const policyRecords: PolicyRecord[] = [];
  /** data source address -> policy types of the records consuming it */
  const consumers = new Map<string, { type: PolicyType; records: PolicyRecord[]; changed: boolean }[]>();

  for (const r of reader.all()) {
    if (r.mode !== 'managed') continue;
    const row = terraformRow(r.type);
    if (!row) continue;
    const state = analysed(r.actions, o.terraformAllResources);
    if (state === 'deleted' && !o.terraformAllResources) continue;
    const cfg = reader.configOf(r.parsed);
    const exprs = isObj(cfg?.expressions) ? cfg.expressions : {};
    // a policy attribute the plan shows as "" although the configuration computes it from references (a plan
    // with values stripped): resolved from the configuration like an unknown value, never skipped as empty
    const stripped = (top: string): boolean => {
      const e = exprs[top];
      return r.values[top] === '' && isExprLeaf(e) && refList(e.references).length > 0;
    };
    // a policy attribute the plan withholds as sensitive (after_sensitive, no value): as unknown as after_unknown
    const sensitiveMask = isObj(r.sensitive) ? r.sensitive : {};
    const withheld = (top: string): boolean => {
      const v = r.values[top];
      return (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) && marks(sensitiveMask[top]);
    };
    if (!row.entity && !row.attachments && !row.synthesize) {
      // a resource type whose policy attribute is optional (aws_s3_bucket.policy): nothing set, nothing to do
      const mask = isObj(r.unknown) ? r.unknown : undefined;
      if (!row.policies.some((sl) => { const top = sl.path[0]!; const v = r.values[top]; return (v !== undefined && v !== null && v !== '') || stripped(top) || withheld(top) || (mask !== undefined && mask[top] !== undefined && mask[top] !== false); })) continue;
    }
    let standInsCache: StandIns | undefined;
    const standIns = (): StandIns => (standInsCache ??= reader.standInsFor(r.parsed));
    // values with unknown policy attributes resolved: rendered data sources, constants, else stand-ins
    const docSources = new Map<string, string>(); // propertyPath root attribute -> data source address
    // copy on write: most resources have no unknown policy attribute
    let values: Obj = r.values;
    const own = (): Obj => (values === r.values ? (values = { ...r.values }) : values);
    const unknownMask = isObj(r.unknown) ? r.unknown : {};
    for (const slot of row.policies) {
      const top = slot.path[0]!;
      const m = stripped(top) || withheld(top) ? true : unknownMask[top];
      if (m === undefined || m === false) {
        // a known value may still come from a data source: remember it for line mapping
        const e = exprs[top];
        if (isExprLeaf(e)) {
          const ds = reader.policyDocumentRef(e.references, r.parsed);
          if (ds) docSources.set(top, ds);
        }
        continue;
      }
      const e = exprs[top];
      if (e === undefined && !cfg) {
        // no configuration recorded for the resource: whether the user wrote the policy cannot be told, so it is
        // not analysed (incomplete, naming the resource), never "no policy"
        const why = withheld(top) ? 'the plan withholds it as sensitive (after_sensitive)' : 'it is known only after apply (after_unknown)';
        reader.unresolved.push({ address: r.address, key: top, refs: [], why: `${why} and the plan has no configuration for the resource` });
        delete own()[top];
        continue;
      }
      if (e === undefined || (Array.isArray(e) && slot.path.length > 1 && e.every((b) => isObj(b) && Object.keys(b).length === 0))) {
        // computed by the provider, not written by the user (e.g. aws_s3_bucket.policy): nothing to check
        if (m === true) delete own()[top];
        continue;
      }
      if (isExprLeaf(e)) {
        const ds = reader.policyDocumentRef(e.references, r.parsed);
        if (ds) docSources.set(top, ds);
      }
      const resolved = reader.resolveUnknown(r.values[top], m, e, top, r.parsed, standIns());
      if (resolved === undefined) delete own()[top];
      else own()[top] = resolved;
    }
    const refCache = new Map<string, string[]>();
    const references = (attr: string): string[] => {
      const hit = refCache.get(attr);
      if (hit) return hit;
      // the configuration's references, shared by every instance of the resource; the instance adds its prefix
      const shape = cfg ? configRefs(cfg, attr) : [];
      const out = shape.map((x) => (x.each ? `${r.parsed.modulePrefix}${x.ref}${r.parsed.index}` : `${r.parsed.modulePrefix}${x.ref}`));
      refCache.set(attr, out);
      return out;
    };
    const out = readTerraformResource({ type: r.type, address: r.address, values, references, ctx });
    if (!out) continue;
    // the before version of each policy: the same text is the same document (no second parse)
    let baseOut: TfResourceOutput | undefined | null = null;
    const baseOf = (item: TfPolicyItem): unknown => {
      if (!r.before || state === 'unchanged') return undefined;
      const before = valueAt(r.before, item.segments);
      if (before === undefined || before === null || before === '') return undefined;
      if (before === item.raw) return item.document;
      baseOut ??= readTerraformResource({ type: r.type, address: r.address, values: r.before, ctx });
      return baseOut?.policies.find((p) => p.propertyPath === item.propertyPath && !p.error)?.document;
    };
    const meta: RecordMeta = { idFile: file, address: r.address, type: r.type, format: 'terraform-plan' };
    for (const item of out.policies) {
      const top = String(item.segments[0]);
      const dsAddr = docSources.get(top);
      const ds = dsAddr ? reader.renderDataSource(dsAddr) : undefined;
      const dsBlock = dsAddr ? blockOfAddress(dsAddr) : undefined;
      const site = siteFor(r, top, item.document, dsBlock);
      if (item.error) {
        result.findings.push(invalidPolicyFinding(meta, item, site));
        continue;
      }
      const notes: string[] = [];
      let base: unknown;
      if (state === 'unchanged') {
        base = o.terraformAllResources ? undefined : item.document;
        notes.push('unchanged by this plan (no-op): findings on it are existing, not new');
      } else if (state === 'deleted') notes.push('deleted by this plan (analysed because terraformAllResources is set)');
      else base = baseOf(item);
      if (r.actions.includes('delete') && r.actions.includes('create')) notes.push('replaced by this plan');
      if (dsAddr) notes.push(`document rendered by ${dsAddr}`);
      const placeholders = [...(standInsCache?.placeholdersIn(item.document) ?? []), ...(ds ? ds.standIns.placeholdersIn(item.document) : [])];
      const rec = policyRecord(meta, item, site, { placeholders: dedupePlaceholders(placeholders), base, notes });
      policyRecords.push(rec);
      if (dsAddr) {
        const list = consumers.get(dsAddr) ?? [];
        list.push({ type: item.policyType, records: [rec], changed: state !== 'unchanged' });
        consumers.set(dsAddr, list);
      }
    }
    // AWS managed policies attached here (records from the snapshot); customer managed ones linked below
    appendAll(policyRecords,
      awsManagedRecords(meta, out, (attr) => siteFor(r, attr, undefined), awsManagedPolicy, (doc) =>
        state === 'unchanged' && !o.terraformAllResources ? doc : undefined,
      ),
    );
    const ent = entityRecord(meta, out, siteFor(r, undefined, undefined));
    for (const e of [ent, ownAttachmentsEntity(ent)]) if (e) result.entities.push(e);
    if (out.notes.length) {
      for (const n of out.notes) {
        const s = siteFor(r, undefined, undefined);
        result.findings.push(noteFinding(meta, n, s));
      }
    }
  }

  function blockOfAddress(address: string): TfBlock | undefined {
    const p = parseAddress(address);
    return p ? blockOf({ parsed: p }) : undefined;
  }

  // data.aws_iam_policy_document: the document where the user writes it, typed by its consumers
  for (const r of reader.all()) {
    if (r.mode !== 'data' || r.type !== POLICY_DOCUMENT_DATA_SOURCE) continue;
    const ds = reader.renderDataSource(r.address);
    const uses = consumers.get(r.address) ?? [];
    const b = blockOf(r);
    const meta: RecordMeta = { idFile: file, address: r.address, type: r.type, format: 'terraform-plan' };
    const site: Site = b
      ? (() => {
          const display = input.displayPath(b.file);
          return { file: display, span: blockSpan(b, display), spans: documentSpans(b, display, undefined, ds?.document), suppressions: blockSuppressions(b, display) };
        })()
      : planSite(r.address);
    if (!ds || ds.errors.length > 0 || !ds.document) {
      const item = { propertyPath: 'json', segments: ['json'], policyType: 'identity' as PolicyType, raw: undefined, attachedTo: [], notes: [], error: ds?.errors.join('; ') || 'the document could not be rendered' };
      result.findings.push(invalidPolicyFinding(meta, item, site));
      continue;
    }
    const types = [...new Set(uses.map((u) => u.type))];
    const policyType: PolicyType = types.length === 1 ? types[0]! : types.length > 1 ? types[0]! : policyTypeFromContent(ds.document);
    const notes: string[] = [];
    if (uses.length) notes.push(`used by ${[...new Set(uses.flatMap((u) => u.records.map((x) => `${x.resource}.${x.propertyPath.replace(/\//g, '.')}`)))].join(', ')}`);
    else notes.push('not used by any IAM resource of this plan; policy type taken from the content');
    if (types.length > 1) notes.push(`used as ${types.join(' and ')} policy; checked as ${policyType}`);
    const item: TfPolicyItem = {
      propertyPath: 'json',
      segments: ['json'],
      policyType,
      ...(policyType === 'trust' ? { validateResourceType: 'AWS::IAM::AssumeRolePolicyDocument' } : {}),
      document: ds.document,
      raw: undefined,
      attachedTo: uses.flatMap((u) => u.records.flatMap((x) => x.attachedTo)),
      notes,
    };
    const validate = uses.map((u) => u.records[0]?.validateResourceType).find((v) => v !== undefined);
    if (validate) item.validateResourceType = validate;
    // a data source changes with its consumers: unchanged when every consumer is unchanged
    const unchanged = uses.length > 0 ? uses.every((u) => !u.changed) : analysed(r.actions, o.terraformAllResources) === 'unchanged';
    const base = unchanged && !o.terraformAllResources ? ds.document : undefined;
    if (unchanged) notes.push('unchanged by this plan (no-op): findings on it are existing, not new');
    const dsRec = policyRecord(meta, item, site, { placeholders: dedupePlaceholders(ds.standIns.placeholdersIn(ds.document)), base });
    if (uses.length) dsRec.consumers = [...new Set(uses.flatMap((u) => u.records.map((x) => x.id)))];
    policyRecords.push(dsRec);
  }

  // attachments: managed policies of this plan learn the principals they are attached to
  linkAttachments(policyRecords, result.entities);

  const reported = new Set<string>();
  for (const u of reader.unresolved) {
    const k = `${u.address}.${u.key}`;
    if (reported.has(k)) continue;
    reported.add(k);
    const b = blockOfAddress(u.address);
    result.errors.push({
      file: b ? input.displayPath(b.file) : file,
      line: b ? b.startLine : (planLines.get(planAddressKey(u.address)) ?? planLines.get(planAddressKey(u.address.replace(/\[[^\]]*\]$/, ''))))?.line ?? 1,
      message: u.why
        ? `${k}: the policy was not analysed: ${u.why} -- scan the .tf sources as well, or use a plan with its configuration`
        : `${k}: the policy is known only after apply and the plan does not record how it is built (references: ${u.refs.join(', ') || 'none'}); it was not analysed -- scan the .tf sources as well, or build it with data "aws_iam_policy_document"`,
      kind: 'extract',
    });
  }
  // declared principals and attachments the plan does not create: listed (with why), never checked
  for (const d of reader.declaredOnly(DECLARED_TYPES)) {
    const row = terraformRow(d.parsed.type);
    if (!row?.entity) continue;
    const b = blockOf(d);
    const site: Site = b ? { file: input.displayPath(b.file), span: blockSpan(b, input.displayPath(b.file)) } : planSite(d.address);
    const exprs = isObj(d.config.expressions) ? d.config.expressions : {};
    const properties: Obj = {};
    for (const [k, e] of Object.entries(exprs)) if (isExprLeaf(e) && 'constant_value' in e) properties[k] = e.constant_value;
    const how = isObj(d.config.count_expression) ? 'count' : isObj(d.config.for_each_expression) ? 'for_each' : d.parsed.modules.length ? 'its module\'s count or for_each' : 'the configuration';
    const ent = entityRecord({ idFile: file, address: d.address, type: d.parsed.type, format: 'terraform-plan' }, { row, policies: [], attachments: [], entity: { kind: row.entity, properties }, notes: [] }, site);
    if (!ent) continue;
    ent.notCreated = `declared in the configuration, but this plan creates no instance of it (${how})`;
    result.entities.push(ent);
  }
  appendAll(result.policies, policyRecords);
  if (dependencies.size) result.dependencies = [...dependencies].sort();
  return result;
}

function valueAt(v: unknown, segs: (string | number)[]): unknown {
  let cur = v;
  for (const sg of segs) {
    if (Array.isArray(cur)) cur = cur[Number(sg)];
    else if (isObj(cur)) cur = cur[String(sg)];
    else return undefined;
  }
  return cur;
}

function dedupePlaceholders<T extends { path: string; standIn: string }>(list: T[]): T[] {
  const seen = new Set<string>();
  return list.filter((p) => {
    const k = `${p.path}\u0000${p.standIn}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function noteFinding(meta: RecordMeta, note: string, site: Site): Finding {
  return {
    ruleId: 'terraform-not-checked',
    source: 'extract',
    severity: 'suggestion',
    title: 'Policy not checked',
    message: `${meta.address}: ${note}.`,
    file: site.file,
    line: site.span.start.line,
    endLine: Math.max(site.span.start.line, site.span.end.line),
    resource: meta.address,
    fingerprint: fingerprint(['terraform-not-checked', `${meta.idFile}#${meta.address}`]),
  };
}

/** The directory holding the root module's `.tf` files: the plan's directory or one above it. */
function findRootDir(reader: PlanReader, sources: TfSources, planDir: string): string | undefined {
  const rootResources = reader.all().filter((r) => r.parsed.modules.length === 0);
  const anyResources = reader.all();
  for (const dir of ancestors(planDir)) {
    const blocks = sources.blocksIn(dir);
    if (blocks.length === 0) continue;
    const probe = rootResources.length > 0 ? rootResources : anyResources;
    if (probe.some((r) => blocks.some((b) => b.mode === r.parsed.mode && b.type === r.parsed.type && b.name === r.parsed.name))) return dir;
  }
  return undefined;
}

export const terraformPlanExtractor: Extractor = {
  name: 'terraform-plan',
  detect(file, text) {
    return /\.json$/i.test(file) && !isJsonConfigFile(file) && looksLikePlan(text);
  },
  extract(input) {
    return extractPlan(input);
  },
};

export type { AnalysisError, IamEntity };
