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
import type { IamEntity, PolicyRecord, PolicyType, Span } from '../../policy/types.js';
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
import { POLICY_DOCUMENT_DATA_SOURCE, readTerraformResource, terraformResourceTypes, terraformRow } from './resources.js';
import type { TableContext, TfPolicyItem, TfResourceOutput } from './resources.js';
import { StandIns } from './placeholders.js';
import { awsManagedPolicy } from './managed-policies.js';
import { ancestors, blockSpan, blockSuppressions, documentSpans, listTemplates, moduleDir, TfSources } from './lines.js';
import type { TfBlock } from './lines.js';
import { awsManagedRecords, entityRecord, ownAttachmentsEntity, invalidPolicyFinding, policyRecord } from './records.js';
import { linkAttachments } from './link.js';
import type { RecordMeta, Site } from './records.js';
import { appendAll } from '../../util/arrays.js';
import { AddressFinder, jsonErrorPosition, planAddressKey } from './plan-text.js';
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

  for (const r of reader.read()) {
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
  for (const r of reader.read()) {
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
