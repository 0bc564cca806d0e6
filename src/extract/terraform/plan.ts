/**
 * Terraform plan JSON (`terraform show -json plan.out`) and state JSON (`terraform show -json`).
 *
 * Reads `planned_values` (root and child modules, count / for_each instances), `resource_changes` (actions,
 * before / after / after_unknown), `prior_state` and `configuration` (module calls, expressions, references,
 * variables). Values unknown until apply are replaced by well-formed stand-ins taken from the configuration
 * expression (recorded as placeholders); `data.aws_iam_policy_document` is rendered from its arguments when its
 * `json` is unknown. Each resource is mapped back to its block in the repository's `.tf` files when they are
 * there, else to its line in the plan file (plan-sites.ts).
 *
 * Large plans: plain `JSON.parse` (no positions), a single pass over the text for the plan locations of addresses.
 */
import type { AnalysisError, Finding } from '../../findings/types.js';
import type { IamEntity, PolicyRecord, PolicyType } from '../../policy/types.js';
import { fingerprint } from '../../policy/fingerprint.js';
import { policyTypeFromContent } from '../raw.js';
import type { Extractor, ExtractInput, ExtractResult } from '../types.js';
import { emptyResult } from '../types.js';
import { parseReference } from './address.js';
import { isJsonConfigFile } from './tf-files.js';
import { POLICY_DOCUMENT_DATA_SOURCE, readTerraformResource, terraformResourceTypes, terraformRow } from './resources.js';
import type { TableContext, TfPolicyItem, TfResourceOutput } from './resources.js';
import type { StandIns } from './placeholders.js';
import { awsManagedPolicy } from './managed-policies.js';
import { PlanSites } from './plan-sites.js';
import { awsManagedRecords, entityRecord, ownAttachmentsEntity, invalidPolicyFinding, policyRecord } from './records.js';
import { linkAttachments } from './link.js';
import type { RecordMeta, Site } from './records.js';
import { appendAll } from '../../util/arrays.js';
import { jsonErrorPosition } from './plan-text.js';
import { PlanReader, SUPPORTED_MAJOR, isExprLeaf, isObj, looksLikePlan, marks, refList } from './plan-reader.js';
import type { Obj, PlanResource } from './plan-reader.js';

export { looksLikePlan } from './plan-reader.js';

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

/** State of one plan extraction, shared by its stages. */
interface PlanRun {
  input: ExtractInput;
  file: string;
  options: ExtractInput['options'];
  ctx: TableContext;
  reader: PlanReader;
  sites: PlanSites;
  result: ExtractResult;
  policyRecords: PolicyRecord[];
  /** data source address -> policy types of the records consuming it */
  consumers: Map<string, { type: PolicyType; records: PolicyRecord[]; changed: boolean }[]>;
}

export function extractPlan(input: ExtractInput): ExtractResult {
  const result = emptyResult();
  const plan = readPlanJson(input, result);
  if (!plan) return result;
  const o = input.options;
  const ctx: TableContext = { partition: o.partition, region: o.region, account: o.account };
  const reader = new PlanReader(plan, { ctx, allResources: o.terraformAllResources });
  const sites = new PlanSites(input, reader);
  const run: PlanRun = { input, file: input.file, options: o, ctx, reader, sites, result, policyRecords: [], consumers: new Map() };
  for (const r of reader.read()) if (r.mode === 'managed') managedResource(run, r);
  // data.aws_iam_policy_document: the document where the user writes it, typed by its consumers
  for (const r of reader.read()) if (r.mode === 'data' && r.type === POLICY_DOCUMENT_DATA_SOURCE) policyDocumentDataSource(run, r);
  // attachments: managed policies of this plan learn the principals they are attached to
  linkAttachments(run.policyRecords, result.entities);
  reportUnresolved(run);
  declaredOnlyEntities(run);
  appendAll(result.policies, run.policyRecords);
  if (sites.dependencies.size) result.dependencies = [...sites.dependencies].sort();
  return result;
}

/** The plan object, or undefined with the input error recorded (not JSON, not a plan, unsupported version). */
function readPlanJson(input: ExtractInput, result: ExtractResult): Obj | undefined {
  const { file, text } = input;
  let plan: unknown;
  try {
    plan = JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    result.errors.push({ file, ...jsonErrorPosition(msg, text), message: `invalid Terraform plan JSON (truncated?): ${msg}`, kind: 'input' });
    return undefined;
  }
  if (!isObj(plan) || !(isObj(plan.planned_values) || Array.isArray(plan.resource_changes) || isObj(plan.values) || isObj(plan.prior_state))) {
    result.errors.push({
      file,
      line: 1,
      message: 'not a Terraform plan: expected `terraform show -json` output with planned_values / resource_changes',
      kind: 'input',
    });
    return undefined;
  }
  const fv = typeof plan.format_version === 'string' ? plan.format_version : undefined;
  if (fv === undefined || !SUPPORTED_MAJOR.has(fv.split('.')[0]!)) {
    result.errors.push({
      file,
      line: 1,
      message: `unsupported Terraform plan format version ${fv === undefined ? '(missing format_version)' : JSON.stringify(fv)}; supported: 0.x and 1.x`,
      kind: 'input',
    });
    return undefined;
  }
  return plan;
}

/** How a resource's policy attributes stand in the plan beyond after_unknown. */
interface AttributeState {
  exprs: Obj;
  /**
   * A policy attribute the plan shows as "" although the configuration computes it from references (a plan with
   * values stripped): resolved from the configuration like an unknown value, never skipped as empty.
   */
  stripped(top: string): boolean;
  /** A policy attribute the plan withholds as sensitive (after_sensitive, no value): as unknown as after_unknown. */
  withheld(top: string): boolean;
}

function attributeState(r: PlanResource, cfg: Obj | undefined): AttributeState {
  const exprs = isObj(cfg?.expressions) ? cfg.expressions : {};
  const sensitiveMask = isObj(r.sensitive) ? r.sensitive : {};
  return {
    exprs,
    stripped: (top) => {
      const e = exprs[top];
      return r.values[top] === '' && isExprLeaf(e) && refList(e.references).length > 0;
    },
    withheld: (top) => {
      const v = r.values[top];
      return (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) && marks(sensitiveMask[top]);
    },
  };
}

/** The values of a resource with unknown policy attributes resolved, and where its documents are written. */
interface ResolvedValues {
  values: Obj;
  /** propertyPath root attribute -> data source address */
  docSources: Map<string, string>;
  /** The resource's stand-ins when some were made. */
  standIns(): StandIns | undefined;
}

/** Unknown policy attributes resolved: rendered data sources, constants, else stand-ins. */
function resolvePolicyValues(run: PlanRun, r: PlanResource, row: NonNullable<ReturnType<typeof terraformRow>>, cfg: Obj | undefined, st: AttributeState): ResolvedValues {
  const { reader } = run;
  let standInsCache: StandIns | undefined;
  const standIns = (): StandIns => (standInsCache ??= reader.standInsFor(r.parsed));
  const docSources = new Map<string, string>();
  // copy on write: most resources have no unknown policy attribute
  let values: Obj = r.values;
  const own = (): Obj => (values === r.values ? (values = { ...r.values }) : values);
  const unknownMask = isObj(r.unknown) ? r.unknown : {};
  for (const slot of row.policies) {
    const top = slot.path[0]!;
    const m = st.stripped(top) || st.withheld(top) ? true : unknownMask[top];
    const e = st.exprs[top];
    if (m === undefined || m === false) {
      // a known value may still come from a data source: remember it for line mapping
      if (isExprLeaf(e)) {
        const ds = reader.policyDocumentRef(e.references, r.parsed);
        if (ds) docSources.set(top, ds);
      }
      continue;
    }
    if (e === undefined && !cfg) {
      // no configuration recorded for the resource: whether the user wrote the policy cannot be told, so it is
      // not analysed (incomplete, naming the resource), never "no policy"
      const why = st.withheld(top) ? 'the plan withholds it as sensitive (after_sensitive)' : 'it is known only after apply (after_unknown)';
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
  return { values, docSources, standIns: () => standInsCache };
}

/** A managed resource of an IAM type: its policy records, entity and notes. */
function managedResource(run: PlanRun, r: PlanResource): void {
  const { reader, options: o } = run;
  const row = terraformRow(r.type);
  if (!row) return;
  const state = analysed(r.actions, o.terraformAllResources);
  if (state === 'deleted' && !o.terraformAllResources) return;
  const cfg = reader.configOf(r.parsed);
  const st = attributeState(r, cfg);
  if (!row.entity && !row.attachments && !row.synthesize) {
    // a resource type whose policy attribute is optional (aws_s3_bucket.policy): nothing set, nothing to do
    const mask = isObj(r.unknown) ? r.unknown : undefined;
    const isSet = (top: string): boolean => {
      const v = r.values[top];
      return (v !== undefined && v !== null && v !== '') || st.stripped(top) || st.withheld(top) || (mask !== undefined && mask[top] !== undefined && mask[top] !== false);
    };
    if (!row.policies.some((sl) => isSet(sl.path[0]!))) return;
  }
  const resolved = resolvePolicyValues(run, r, row, cfg, st);
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
  const out = readTerraformResource({ type: r.type, address: r.address, values: resolved.values, references, ctx: run.ctx });
  if (!out) return;
  const meta: RecordMeta = { idFile: run.file, address: r.address, type: r.type, format: 'terraform-plan' };
  resourcePolicies(run, r, state, out, resolved, meta);
  // AWS managed policies attached here (records from the snapshot); customer managed ones linked below
  appendAll(run.policyRecords,
    awsManagedRecords(meta, out, (attr) => run.sites.siteFor(r, attr, undefined), awsManagedPolicy, (doc) =>
      state === 'unchanged' && !o.terraformAllResources ? doc : undefined,
    ),
  );
  const ent = entityRecord(meta, out, run.sites.siteFor(r, undefined, undefined));
  for (const e of [ent, ownAttachmentsEntity(ent)]) if (e) run.result.entities.push(e);
  for (const n of out.notes) run.result.findings.push(noteFinding(meta, n, run.sites.siteFor(r, undefined, undefined)));
}

/** The policy records of one resource, with their base versions and the data sources they come from. */
function resourcePolicies(run: PlanRun, r: PlanResource, state: ReturnType<typeof analysed>, out: TfResourceOutput, resolved: ResolvedValues, meta: RecordMeta): void {
  const { reader, options: o } = run;
  // the before version of each policy: the same text is the same document (no second parse)
  let baseOut: TfResourceOutput | undefined | null = null;
  const baseOf = (item: TfPolicyItem): unknown => {
    if (!r.before || state === 'unchanged') return undefined;
    const before = valueAt(r.before, item.segments);
    if (before === undefined || before === null || before === '') return undefined;
    if (before === item.raw) return item.document;
    baseOut ??= readTerraformResource({ type: r.type, address: r.address, values: r.before, ctx: run.ctx });
    return baseOut?.policies.find((p) => p.propertyPath === item.propertyPath && !p.error)?.document;
  };
  for (const item of out.policies) {
    const top = String(item.segments[0]);
    const dsAddr = resolved.docSources.get(top);
    const ds = dsAddr ? reader.renderDataSource(dsAddr) : undefined;
    const dsBlock = dsAddr ? run.sites.blockOfAddress(dsAddr) : undefined;
    const site = run.sites.siteFor(r, top, item.document, dsBlock);
    if (item.error) {
      run.result.findings.push(invalidPolicyFinding(meta, item, site));
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
    const placeholders = [...(resolved.standIns()?.placeholdersIn(item.document) ?? []), ...(ds ? ds.standIns.placeholdersIn(item.document) : [])];
    const rec = policyRecord(meta, item, site, { placeholders: dedupePlaceholders(placeholders), base, notes });
    run.policyRecords.push(rec);
    if (dsAddr) {
      const list = run.consumers.get(dsAddr) ?? [];
      list.push({ type: item.policyType, records: [rec], changed: state !== 'unchanged' });
      run.consumers.set(dsAddr, list);
    }
  }
}

/** A data.aws_iam_policy_document: one record where the user writes it, typed by its consumers. */
function policyDocumentDataSource(run: PlanRun, r: PlanResource): void {
  const o = run.options;
  const ds = run.reader.renderDataSource(r.address);
  const uses = run.consumers.get(r.address) ?? [];
  const meta: RecordMeta = { idFile: run.file, address: r.address, type: r.type, format: 'terraform-plan' };
  const site = run.sites.dataSourceSite(r, ds?.document);
  if (!ds || ds.errors.length > 0 || !ds.document) {
    const item = { propertyPath: 'json', segments: ['json'], policyType: 'identity' as PolicyType, raw: undefined, attachedTo: [], notes: [], error: ds?.errors.join('; ') || 'the document could not be rendered' };
    run.result.findings.push(invalidPolicyFinding(meta, item, site));
    return;
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
  run.policyRecords.push(dsRec);
}

/** Policies that could not be resolved: one error each (the verdict is incomplete). */
function reportUnresolved(run: PlanRun): void {
  const reported = new Set<string>();
  for (const u of run.reader.unresolved) {
    const k = `${u.address}.${u.key}`;
    if (reported.has(k)) continue;
    reported.add(k);
    run.result.errors.push({
      ...run.sites.errorLocation(u.address),
      message: u.why
        ? `${k}: the policy was not analysed: ${u.why} -- scan the .tf sources as well, or use a plan with its configuration`
        : `${k}: the policy is known only after apply and the plan does not record how it is built (references: ${u.refs.join(', ') || 'none'}); it was not analysed -- scan the .tf sources as well, or build it with data "aws_iam_policy_document"`,
      kind: 'extract',
    });
  }
}

/** Declared principals and attachments the plan does not create: listed (with why), never checked. */
function declaredOnlyEntities(run: PlanRun): void {
  for (const d of run.reader.declaredOnly(DECLARED_TYPES)) {
    const row = terraformRow(d.parsed.type);
    if (!row?.entity) continue;
    const site = run.sites.blockSite(d);
    const exprs = isObj(d.config.expressions) ? d.config.expressions : {};
    const properties: Obj = {};
    for (const [k, e] of Object.entries(exprs)) if (isExprLeaf(e) && 'constant_value' in e) properties[k] = e.constant_value;
    const how = isObj(d.config.count_expression) ? 'count' : isObj(d.config.for_each_expression) ? 'for_each' : d.parsed.modules.length ? 'its module\'s count or for_each' : 'the configuration';
    const ent = entityRecord({ idFile: run.file, address: d.address, type: d.parsed.type, format: 'terraform-plan' }, { row, policies: [], attachments: [], entity: { kind: row.entity, properties }, notes: [] }, site);
    if (!ent) continue;
    ent.notCreated = `declared in the configuration, but this plan creates no instance of it (${how})`;
    run.result.entities.push(ent);
  }
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
