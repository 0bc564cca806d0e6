/**
 * One Terraform module analysed under one set of input values (tfvars, a module call's arguments): records, findings
 * and errors of the blocks of one file -- resources of the resource-type table per instance, local module calls
 * (module-calls.ts), documents passed to unread module calls (module-args.ts), policy documents nothing consumes.
 */
import type { AnalysisError } from '../../findings/types.js';
import { commentSuppressions } from '../../findings/inline.js';
import type { InlineSuppression, PolicyRecord, PolicyType, Span } from '../../policy/types.js';
import { appendAll } from '../../util/arrays.js';
import { policyTypeFromContent } from '../raw.js';
import type { ExtractInput, ExtractResult } from '../types.js';
import { emptyResult } from '../types.js';
import { markHclEntity } from './dedupe.js';
import { parseCached } from './hcl-cache.js';
import type { HclFile, Scope, V } from './hcl-eval.js';
import { BRANCH_DENY, HclEvalError, HclModule, worstReason } from './hcl-eval.js';
import type { Instance } from './hcl-instances.js';
import { instancesOf, referencesIn } from './hcl-instances.js';
import type { Block, Body, ParsedFile } from './hcl-syntax.js';
import { lineAt } from '../../text/positions.js';
import { awsManagedPolicy } from './managed-policies.js';
import { documentArguments, managedArnArguments, unreadCallsNote } from './module-args.js';
import type { CallChain } from './module-calls.js';
import { expandLocalCalls, MAX_CHILD_ANALYSES } from './module-calls.js';
import { awsManagedRecords, entityRecord, invalidPolicyFinding, ownAttachmentsEntity, policyRecord } from './records.js';
import type { RecordMeta, Site } from './records.js';
import { parsePolicyValue, POLICY_DOCUMENT_DATA_SOURCE, readTerraformResource, terraformRow } from './resources.js';
import type { TableContext, TfPolicyItem, TfResourceOutput } from './resources.js';
import { isHclConfigFile } from './tf-files.js';
import type { Assumption } from './worst-case.js';
import { primaryValues, resolveAttachedArns, resolveUnknowns, unionDocuments, worstDocument } from './worst-case.js';

const META_ARGS = new Set(['count', 'for_each', 'depends_on', 'provider', 'lifecycle', 'provisioner', 'connection']);

interface FileRefs {
  /** References written in resources and data sources (what is applied). */
  direct: Set<string>;
  /** References of each local value (`local.x` included), to follow locals that resources use. */
  locals: Map<string, Set<string>>;
}

const consumerCache = new WeakMap<ParsedFile, FileRefs>();

function refsOf(parsed: ParsedFile): FileRefs {
  const hit = consumerCache.get(parsed);
  if (hit) return hit;
  const direct = new Set<string>();
  const locals = new Map<string, Set<string>>();
  const visitBody = (body: Block['body'], into: Set<string>): void => {
    for (const it of body.items) {
      if (it.kind === 'attribute') for (const r of referencesIn(it.expr, undefined, true)) into.add(r);
      else visitBody(it.body, into);
    }
  };
  for (const b of parsed.body.items) {
    if (b.kind !== 'block') continue;
    if (b.type === 'resource' || b.type === 'data' || b.type === 'module') visitBody(b.body, direct);
    else if (b.type === 'locals') {
      for (const a of b.body.items) if (a.kind === 'attribute') locals.set(a.name, new Set(referencesIn(a.expr, undefined, true)));
    }
  }
  const out = { direct, locals };
  consumerCache.set(parsed, out);
  return out;
}

/**
 * Everything resources and data sources of the module use, directly or through locals. A document only passed
 * to a module call or an output is not "consumed" here: it is reported on its own.
 */
function consumedBy(files: HclFile[]): Set<string> {
  const all = files.map((f) => refsOf(f.parsed));
  const locals = new Map<string, Set<string>>();
  for (const r of all) for (const [k, v] of r.locals) locals.set(k, v);
  const out = new Set<string>();
  const queue: string[] = [];
  for (const r of all) for (const x of r.direct) queue.push(x);
  while (queue.length) {
    const x = queue.pop()!;
    if (out.has(x)) continue;
    out.add(x);
    if (x.startsWith('local.')) for (const y of locals.get(x.slice(6)) ?? []) queue.push(y);
  }
  return out;
}

/**
 * `# iam-policy-gate:ignore RULE reason` comments above or inside a block of the file (`resource "T" "N"`,
 * `data "T" "N"`, `module "N"`), by the parsed tree's positions.
 */
function blockSuppressions(f: HclFile, type: string, labels: string[]): InlineSuppression[] {
  const block = f.parsed.body.items.find((i) => i.kind === 'block' && i.type === type && labels.every((l, k) => i.labels[k] === l));
  if (!block) return [];
  const line = (offset: number) => lineAt(f.lineStarts, offset);
  return commentSuppressions(f.text, f.parsed.comments, f.display, line(block.s), line(Math.max(block.s, block.e - 1)));
}

function valueAt(v: V, segs: (string | number)[]): V | undefined {
  let cur: V | undefined = v;
  for (const s of segs) {
    if (!cur) return undefined;
    if (cur.t === 'list') cur = cur.items[Number(s)];
    else if (cur.t === 'obj') cur = cur.entries.get(String(s));
    else return undefined;
  }
  return cur;
}



/**
 * A whole policy the gate cannot read: both branches of a conditional (their union), or -- a variable without
 * value, a function or data source the gate does not evaluate -- the broadest document of its type, said so.
 */
function wholeUnknown(module: HclModule, raw: V, policyType: PolicyType, spans: Map<string, Span>): { document: unknown; assumptions: Assumption[] } | undefined {
  if (raw.alt) {
    const docs: { document: unknown; when: string }[] = [];
    for (const [i, a] of raw.alt.values.entries()) {
      // the first branch's statements come first in the union: their lines are kept
      const j = module.toJson(a.value, '', i === 0 ? spans : new Map());
      const d = typeof j === 'string' ? parsePolicyValue(j).document : j;
      if (!isPlainObject(d)) return undefined;
      docs.push({ document: d, when: a.when });
    }
    return { document: unionDocuments(docs), assumptions: [{ path: '', text: `${raw.alt.expr}: the statements of every branch are analysed (${docs.map((d) => d.when).join('; ')})` }] };
  }
  if (raw.t !== 'unknown') return undefined;
  // an expression that failed to evaluate is an error already (the verdict is incomplete): nothing is made up
  const why = raw.reason.startsWith('not evaluated:') ? undefined : worstReason(raw);
  if (!why) return undefined;
  return { document: worstDocument(policyType), assumptions: [{ path: '', text: `${why}; the whole policy is analysed as its worst case (everything allowed)` }] };
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

/** A record whose unknown deciding values are resolved to their worst case (module arguments, unused documents). */
function resolvedRecord(module: HclModule, meta: RecordMeta, p: TfPolicyItem, site: Site): PolicyRecord {
  const resolved = resolveUnknowns(p.document, site.spans ?? new Map(), module.standIns.entries(), p.policyType);
  const item = { ...p, document: resolved.document };
  const rec = policyRecord(meta, item, { ...site, spans: resolved.spans }, { placeholders: module.standIns.placeholdersIn(resolved.document), assumptions: resolved.assumptions });
  if (resolved.uncertainDeny) rec.when = resolved.uncertainDeny;
  return rec;
}

export interface ModuleFiles {
  dir: string;
  files: HclFile[];
  ctx: TableContext;
  text: string;
  own: ParsedFile;
  /** The module calls this module is analysed under (module-calls.ts); the root analysis has an empty prefix. */
  chain: CallChain;
  /** Variables the module call decides (module-calls.ts). */
  decided?: Set<string>;
}

export function rootChain(): CallChain {
  return { prefix: '', dirs: [], related: [], budget: { left: MAX_CHILD_ANALYSES } };
}

/** The local module calls of this file, each instance analysed with its arguments (module-calls.ts). */
function localCalls(input: ExtractInput, m: ModuleFiles, module: HclModule): { result: ExtractResult; expanded: Set<string> } {
  return expandLocalCalls({
    input,
    module,
    me: m.files[0]!,
    dir: m.dir,
    chain: m.chain,
    parse: parseCached,
    instances: (block) => instancesOf(module, block, m.files[0]!),
    analyse: (childInput, child, args, decided, chain) =>
      analyseModule(childInput, { dir: child.dir, files: child.files, ctx: m.ctx, text: child.text, own: child.own, chain, decided }, args),
  });
}

/** Arguments of a policy-holding resource that no policy, principal or attachment reads. */
const NOT_READ = new Set(['tags', 'tags_all', 'description', 'timeouts', 'lifecycle', 'provider', 'depends_on']);

/** Evaluation errors raised since `from` inside arguments nothing reads (a tag): not reported (issue 18, item 6). */
function dropErrorsIn(module: HclModule, me: HclFile, body: Body, from: number): void {
  const spans = body.items.filter((a) => NOT_READ.has(a.kind === 'attribute' ? a.name : a.type)).map((a) => module.span(me, a.s, a.e));
  if (spans.length === 0) return;
  const inside = (e: AnalysisError) =>
    e.line !== undefined && spans.some((sp) => sp.file === e.file && e.line! >= sp.start.line && e.line! <= sp.end.line);
  const kept = module.errors.slice(from).filter((e) => !inside(e));
  module.errors.length = from;
  appendAll(module.errors, kept);
}

/** What the parts of one module analysis share. */
interface Run {
  input: ExtractInput;
  m: ModuleFiles;
  module: HclModule;
  /** The file whose blocks are analysed (first of `m.files`). */
  me: HclFile;
  /** Its display path. */
  file: string;
  /** `module.x["k"].` of a module instance; '' at the root. */
  prefix: string;
  result: ExtractResult;
  suppressionsOf(mode: 'managed' | 'data' | 'module', type: string, name: string): InlineSuppression[];
  dataSuppressions(address: string): InlineSuppression[];
}

/** One instance of a resource, evaluated. */
interface Evaluated {
  item: Block;
  inst: Instance;
  address: string;
  body: V & { t: 'obj' };
  spans: Map<string, Span>;
  blockSpan: Span;
  meta: RecordMeta;
  suppressions: InlineSuppression[];
  notesBefore: number;
}

/** Records, findings and errors of this file's blocks, with the module evaluated under one set of input values. */
export function analyseModule(input: ExtractInput, m: ModuleFiles, tfvars: Map<string, V>): ExtractResult {
  const run = newRun(input, m, tfvars);
  // a local nothing policy-related reads (a subnet's CIDR, a user-data template) decides nothing: its evaluation
  // errors are reported where a policy, attachment or count reads it (issue 18, item 6)
  for (const item of m.own.body.items) {
    // a resource that holds no policy (aws_subnet): its evaluation errors decide nothing here (a policy that reads
    // one of its attributes evaluates it itself, and reports what fails there)
    if (item.kind === 'block' && item.type === 'resource' && item.labels.length === 2 && terraformRow(item.labels[0]!)) resourceRecords(run, item);
  }
  // local module calls: the child evaluated with the arguments of each instance
  const calls = localCalls(input, m, run.module);
  const { result } = run;
  appendAll(result.policies, calls.result.policies);
  appendAll(result.findings, calls.result.findings);
  appendAll(result.errors, calls.result.errors);
  if (calls.result.notes?.length) appendAll((result.notes ??= []), calls.result.notes);
  unreadCalls(run, calls.expanded);
  unusedDocuments(run);
  // errors raised while evaluating: this file's own, and those in templates / JSON files it reads
  for (const e of run.module.errors) {
    if (e.file === run.file || !isHclConfigFile(e.file)) {
      if (!result.errors.some((x) => x.file === e.file && x.line === e.line && x.message === e.message)) result.errors.push(e);
    }
  }
  return result;
}

function newRun(input: ExtractInput, m: ModuleFiles, tfvars: Map<string, V>): Run {
  const { file } = input;
  const module = new HclModule({ dir: m.dir, files: m.files, tfvars, readRepoFile: input.readRepoFile, displayPath: input.displayPath, ctx: m.ctx, ...(m.decided ? { decided: m.decided } : {}) });
  const me = m.files[0]!;
  return {
    input,
    m,
    module,
    me,
    file,
    prefix: m.chain.prefix,
    result: emptyResult(),
    suppressionsOf: (mode, type, name) =>
      (mode === 'module' ? blockSuppressions(me, 'module', [name]) : blockSuppressions(me, mode === 'data' ? 'data' : 'resource', [type, name])).map((x) => ({ ...x, file })),
    dataSuppressions: (address) => {
      const ref = module.data.get(address);
      return ref ? blockSuppressions(ref.file, 'data', ref.block.labels) : [];
    },
  };
}

function resourceRecords(run: Run, item: Block): void {
  const [type, name] = item.labels as [string, string];
  const suppressions = run.suppressionsOf('managed', type, name);
  for (const inst of instancesOf(run.module, item, run.me)) instanceRecords(run, item, inst, suppressions);
}

/** One instance of a resource: its policies, the AWS managed policies it attaches, the principal it declares. */
function instanceRecords(run: Run, item: Block, inst: Instance, suppressions: InlineSuppression[]): void {
  const { module, me, file, prefix, result } = run;
  const [type, name] = item.labels as [string, string];
  const address = `${prefix}${type}.${name}${inst.key}`;
  const sc: Scope = { file: me, vars: inst.vars };
  const notesBefore = module.notes.length;
  const errorsBefore = module.errors.length;
  const body = module.body(item.body, sc, META_ARGS);
  dropErrorsIn(module, me, item.body, errorsBefore);
  const spans = new Map<string, Span>();
  const raw0 = module.toJson(body, '', spans) as Record<string, unknown>;
  // alternative tokens stay in policy attributes and attached ARNs (resolved there); elsewhere the known value
  const row = terraformRow(type);
  const keep = new Set([...(row?.policies.map((p) => p.path[0]!) ?? []), ...(row?.attachments?.map((a) => a.policyAttr) ?? []), ...(row?.synthInputs ?? [])]);
  const values = Object.fromEntries(Object.entries(raw0).map(([k, v]) => [k, keep.has(k) ? v : primaryValues(v, module.standIns.entries())]));
  const out = readTerraformResource({ type, address, values, references: (attr) => attributeReferences(module, item, attr, sc), ctx: run.m.ctx });
  if (!out) return;
  const meta: RecordMeta = { idFile: file, address, type, format: 'terraform-hcl' };
  const ev: Evaluated = { item, inst, address, body, spans, blockSpan: module.span(me, item.s, item.e), meta, suppressions, notesBefore };
  for (const p of out.policies) policyItemRecord(run, ev, p);
  appendAll(result.policies, managedRecords(run, ev, out));
  // entities of a module instance are the child's own (analysed with its file): links stay within one module
  const ent = prefix ? undefined : entityRecord(meta, out, { file, span: ev.blockSpan, suppressions });
  for (const e of [ent, ownAttachmentsEntity(ent)]) {
    if (!e) continue;
    markHclEntity(e);
    result.entities.push(e);
  }
}

/** References written in one attribute, with indexes this instance fixes (`aws_iam_role.team[each.key]`). */
function attributeReferences(module: HclModule, item: Block, attr: string, sc: Scope): string[] {
  const a = item.body.items.find((x) => x.kind === 'attribute' && x.name === attr);
  if (!a || a.kind !== 'attribute') return [];
  return referencesIn(a.expr, (key) => {
    try {
      const v = module.eval(key, sc);
      return v.t === 'str' ? `[${JSON.stringify(v.v)}]` : v.t === 'num' ? `[${v.v}]` : undefined;
    } catch {
      return undefined;
    }
  });
}

/** The record of one policy attribute of a resource instance (or its finding / error when it cannot be one). */
function policyItemRecord(run: Run, ev: Evaluated, p: TfPolicyItem): void {
  const { module, file, prefix, result } = run;
  const ptr = '/' + p.segments.map((s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
  const docSpans = new Map<string, Span>();
  for (const [k, s] of ev.spans) if (k === ptr || k.startsWith(ptr + '/')) docSpans.set(k.slice(ptr.length), s);
  const raw = valueAt(ev.body, p.segments);
  const consumed = raw?.t === 'str' && raw.doc ? raw.doc.address : undefined;
  // a document whose statements all come from dynamic blocks the known values leave empty: nothing to check
  if (raw?.t === 'str' && raw.doc?.emptyDynamic) return;
  // a whole document a module caller passes is placed on the child's block (the call is a related location)
  const docAt = docSpans.get('');
  const site: Site = {
    file,
    span: p.synthesized
      ? ((p.anchor ? ev.spans.get(`/${p.anchor}`) : undefined) ?? ev.blockSpan)
      : (prefix && docAt && docAt.file !== file && /\.tf$/i.test(docAt.file)) ? ev.blockSpan : (docAt ?? ev.blockSpan),
    spans: docSpans,
    suppressions: [...ev.suppressions, ...(consumed ? run.dataSuppressions(consumed) : [])],
  };
  const assumptions: Assumption[] = [];
  if (p.error && (raw?.t === 'unknown' || raw?.alt)) {
    const whole = wholeUnknown(module, raw, p.policyType, docSpans);
    if (whole) {
      p.document = whole.document;
      delete p.error;
      appendAll(assumptions, whole.assumptions);
    }
  }
  if (p.error) return unanalysedPolicy(run, ev, p, raw, site);
  const resolved = resolveUnknowns(p.document, docSpans, module.standIns.entries(), p.policyType);
  p.document = resolved.document;
  site.spans = resolved.spans;
  appendAll(assumptions, resolved.assumptions);
  const added = module.notes.slice(ev.notesBefore);
  const notes = [...(ev.inst.note ? [ev.inst.note] : []), ...(consumed ? [`document rendered from ${consumed}`] : []), ...new Set(added)];
  const rec = policyRecord(ev.meta, p, site, { placeholders: module.standIns.placeholdersIn(p.document), notes, assumptions });
  // count / for_each decided by an input: the resource may not exist, its Denies take nothing away for sure
  const branchDeny = added.find((n) => n.startsWith(BRANCH_DENY));
  const when = ev.inst.mayNotExist ?? branchDeny ?? resolved.uncertainDeny ?? (raw?.alt ? `${raw.alt.expr}: a Deny of one branch is not relied on` : undefined);
  if (when) rec.when = when;
  result.policies.push(rec);
}

/** A policy attribute that is no document: invalid (a finding), or unknown as a whole with no worst case (an error). */
function unanalysedPolicy(run: Run, ev: Evaluated, p: TfPolicyItem, raw: V | undefined, site: Site): void {
  if (raw?.t !== 'unknown') {
    run.result.findings.push(invalidPolicyFinding(ev.meta, p, site));
    return;
  }
  // a block off with the known values (count 0) whose policy only the caller knows: nothing to report
  const fromCaller = raw.ref?.startsWith('var.') === true || /^var\.[A-Za-z0-9_-]+(\[[^\]]*\])?$/.test(raw.expr);
  if (raw.reason.startsWith('not evaluated:') || ev.inst.speculative || fromCaller) return;
  const at = raw.at ?? site.span;
  run.result.errors.push({
    file: at.file,
    line: at.start.line,
    column: at.start.column,
    message: `${ev.address}.${p.propertyPath.replace(/\//g, '.')}: the policy is ${raw.expr}, ${raw.reason}; it was not analysed (a plan JSON would have its value)`,
    kind: 'extract',
  });
}

/** AWS managed policies a resource instance attaches: records from the bundled snapshot, at the attachment. */
function managedRecords(run: Run, ev: Evaluated, out: TfResourceOutput): PolicyRecord[] {
  const { module, me, file, prefix } = run;
  // attached ARNs nobody in the repository decides: AdministratorAccess (said so); conditional ones: each branch
  const assumedArns = resolveAttachedArns(out.attachments, module.standIns.entries(), run.m.ctx.partition);
  const managed = awsManagedRecords(ev.meta, out, (attr) => {
    let at = ev.spans.get(`/${attr}`);
    // in a module instance, an ARN the caller passes sits on the child's attribute (the call is related)
    if (prefix && at && at.file !== file) {
      const a = ev.item.body.items.find((x) => x.kind === 'attribute' && x.name === attr);
      at = a ? module.span(me, a.s, a.e) : undefined;
    }
    return { file, span: at ?? ev.blockSpan, suppressions: ev.suppressions };
  }, awsManagedPolicy);
  for (const r of managed) {
    const text = r.awsManaged ? assumedArns.get(r.awsManaged) : undefined;
    if (text) r.assumptions = [...(r.assumptions ?? []), { path: '', text }];
    if (ev.inst.mayNotExist && r.attachedTo.every((x) => x.via === 'boundary')) r.when = ev.inst.mayNotExist;
  }
  return managed;
}

/** Other module calls: policy documents and AWS managed ARNs passed as arguments (the module itself is not read). */
function unreadCalls(run: Run, expanded: Set<string>): void {
  const { module, me, file, prefix, result } = run;
  const unread = unreadCallsNote(me, module, prefix, expanded);
  if (unread) (result.notes ??= []).push(unread);
  for (const item of run.m.own.body.items) {
    if (item.kind !== 'block' || item.type !== 'module' || !item.labels[0] || expanded.has(item.labels[0])) continue;
    const address = `${prefix}module.${item.labels[0]}`;
    const suppressions = run.suppressionsOf('module', 'module', item.labels[0]);
    const meta: RecordMeta = { idFile: file, address, type: 'module', format: 'terraform-hcl' };
    appendAll(result.policies, managedArnArguments(module, me, item, meta, suppressions));
    for (const d of documentArguments(module, me, item, address)) {
      const site: Site = {
        file,
        span: d.spans.get('') ?? d.at,
        spans: d.spans,
        suppressions: [...suppressions, ...(d.consumed ? run.dataSuppressions(d.consumed) : [])],
      };
      result.policies.push(resolvedRecord(module, meta, d.item, site));
    }
  }
}

/** Policy documents no resource or module call of this module consumes (exported as outputs, or not used at all). */
function unusedDocuments(run: Run): void {
  const { module, me, file, prefix, result } = run;
  const consumedDocs = consumedBy(run.m.files);
  for (const item of run.m.own.body.items) {
    if (item.kind !== 'block' || item.type !== 'data' || item.labels[0] !== POLICY_DOCUMENT_DATA_SOURCE || !item.labels[1]) continue;
    const local = `data.${POLICY_DOCUMENT_DATA_SOURCE}.${item.labels[1]}`;
    if (consumedDocs.has(local)) continue;
    let doc;
    try {
      doc = module.renderDocument(local);
    } catch (e) {
      if (!(e instanceof HclEvalError)) throw e;
      module.error(e.message, e.span ?? module.span(me, item.s, item.e), me);
      continue;
    }
    if (!doc || doc.emptyDynamic) continue;
    const policyType: PolicyType = policyTypeFromContent(doc.document);
    const p: TfPolicyItem = {
      propertyPath: 'json',
      segments: ['json'],
      policyType,
      ...(policyType === 'trust' ? { validateResourceType: 'AWS::IAM::AssumeRolePolicyDocument' } : {}),
      document: doc.document,
      raw: doc.document,
      attachedTo: [],
      notes: ['not used by a resource of this module (output or unused); policy type taken from the content'],
    };
    const meta: RecordMeta = { idFile: file, address: `${prefix}${local}`, type: POLICY_DOCUMENT_DATA_SOURCE, format: 'terraform-hcl' };
    const site: Site = { file, span: doc.spans.get('')!, spans: doc.spans, suppressions: run.suppressionsOf('data', POLICY_DOCUMENT_DATA_SOURCE, item.labels[1]) };
    result.policies.push(resolvedRecord(module, meta, p, site));
  }
}
