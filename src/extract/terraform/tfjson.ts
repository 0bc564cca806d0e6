/**
 * Terraform JSON configuration syntax (`*.tf.json`): `resource` / `data` blocks read through the same resource
 * table as plans, with their own line numbers. `${…}` references become placeholders (well-formed stand-ins),
 * policy attributes written as objects (jsonencode style) are taken as they are, JSON strings are parsed after
 * their interpolations are replaced, and `data "aws_iam_policy_document"` blocks are rendered from their
 * arguments. Comments use Terraform's `"//"` key: `"//": "iam-policy-gate:ignore RULE reason"`.
 */
import type { InlineSuppression, PolicyType, Span } from '../../policy/types.js';
import { escapeSegment } from '../../policy/source-map.js';
import { policyTypeFromContent } from '../raw.js';
import type { Extractor, ExtractInput, ExtractResult } from '../types.js';
import { emptyResult } from '../types.js';
import { InputError, parseWithPositions } from '../../text/positions.js';
import type { Parsed } from '../../text/positions.js';
import { parseReference } from './address.js';
import { DOC_KEYS, renderPolicyDocument } from './policy-document.js';
import { POLICY_DOCUMENT_DATA_SOURCE, readTerraformResource } from './resources.js';
import type { TableContext, TfPolicyItem } from './resources.js';
import { StandIns } from './placeholders.js';
import { resolveUnknowns } from './worst-case.js';
import { awsManagedRecords, entityRecord, ownAttachmentsEntity, invalidPolicyFinding, policyRecord } from './records.js';
import { awsManagedPolicy } from './managed-policies.js';
import { isJsonConfigFile } from './tf-files.js';
import path from 'node:path';
import type { AnalysisError } from '../../findings/types.js';
import { plain } from './hcl-values.js';
import type { V } from './hcl-values.js';
import { loadTfvars, readVarFile } from './hcl.js';
import { analyseWithVarFiles } from './variants.js';
import type { RecordMeta, Site } from './records.js';
import { parseIgnoreComment } from '../../findings/inline.js';
import { appendAll } from '../../util/arrays.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

const TEMPLATE = /\$\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}/g;
const WHOLE_TEMPLATE = /^\$\{([^{}]*(?:\{[^{}]*\}[^{}]*)*)\}$/;
const SIMPLE_REF = /^\s*((?:data\.)?[A-Za-z_][A-Za-z0-9_-]*\.[A-Za-z_][A-Za-z0-9_-]*(?:\[[^\]]*\])?(?:\.[A-Za-z_][A-Za-z0-9_]*)*)\s*$/;

/** Blocks in `.tf.json` may be written as an object or an array of objects. */
function blockObjects(v: unknown): { value: Obj; ptr: string }[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => (isObj(x) ? [{ value: x, ptr: `/${i}` }] : []));
  return isObj(v) ? [{ value: v, ptr: '' }] : [];
}

interface Block {
  mode: 'managed' | 'data';
  type: string;
  name: string;
  body: Obj;
  /** JSON pointer of the body in the file. */
  ptr: string;
}

function collectBlocks(root: Obj): Block[] {
  const out: Block[] = [];
  for (const [section, mode] of [
    ['resource', 'managed'],
    ['data', 'data'],
  ] as const) {
    for (const s of blockObjects(root[section])) {
      for (const [type, byName] of Object.entries(s.value)) {
        for (const t of blockObjects(byName)) {
          for (const [name, body] of Object.entries(t.value)) {
            for (const b of blockObjects(body)) {
              out.push({ mode, type, name, body: b.value, ptr: `/${section}${s.ptr}/${escapeSegment(type)}${t.ptr}/${escapeSegment(name)}${b.ptr}` });
            }
          }
        }
      }
    }
  }
  return out;
}

/** Why a `${ref}` of a .tf.json file is analysed as its worst case (a variable without default, a data source's content). */
function worstOfRef(ref: string, variables: Obj): string | undefined {
  const r = parseReference(ref);
  if (r.kind === 'var') {
    const v = variables[r.name];
    return isObj(v) && v.default !== undefined && v.default !== null ? undefined : `var.${r.name}: variable ${r.name} has no default`;
  }
  if (r.kind === 'data' && !['aws_caller_identity', 'aws_partition', 'aws_region'].includes(r.type ?? '')) {
    const attr = r.attribute ?? 'id';
    if (!/^(arn|arns|id|ids|name|names|account_id|[a-z0-9_]*_(arn|arns|id|ids|name|names))$/.test(attr)) return `${ref}: read from a data source when Terraform runs`;
  }
  return undefined;
}

class Resolver {
  readonly standIns: StandIns;
  private readonly rendering = new Set<string>();
  readonly unresolved: string[] = [];
  constructor(
    private readonly blocks: Block[],
    private readonly variables: Obj,
    ctx: TableContext,
  ) {
    this.standIns = new StandIns({
      ...ctx,
      valuesOf: (address) => {
        const b = this.find(address);
        if (!b || this.rendering.has(address)) return b?.body;
        // names written with interpolations (bucket = "${var.name}") resolve first
        this.rendering.add(address);
        const v = this.value(b.body, address);
        this.rendering.delete(address);
        return isObj(v) ? v : undefined;
      },
      variable: (name) => {
        const v = this.variables[name];
        return isObj(v) ? v.default : undefined;
      },
    });
  }

  find(address: string): Block | undefined {
    const r = parseReference(address);
    const mode = r.kind === 'data' ? 'data' : 'managed';
    return this.blocks.find((b) => b.mode === mode && b.type === r.type && b.name === r.name);
  }

  /** Replace `${…}` in a string: a whole-string reference may yield a rendered document; others stand-ins. */
  string(s: string, where: string): unknown {
    if (!s.includes('${')) return s;
    const whole = WHOLE_TEMPLATE.exec(s);
    if (whole) {
      const expr = whole[1]!;
      const ref = SIMPLE_REF.exec(expr);
      if (ref) {
        const r = parseReference(ref[1]!);
        if (r.kind === 'data' && r.type === POLICY_DOCUMENT_DATA_SOURCE && (r.attribute === 'json' || r.attribute === 'minified_json')) {
          const doc = this.render(`data.${r.type}.${r.name}`);
          if (doc) return JSON.stringify(doc);
        }
        if (r.kind === 'var') {
          const v = this.variables[r.name];
          if (isObj(v) && v.default !== undefined) return v.default;
        }
      }
    }
    return s.replace(TEMPLATE, (_m, expr: string) => {
      const ref = SIMPLE_REF.exec(expr);
      if (ref) return this.standIns.forReference(ref[1]!, '', `interpolation in ${where}`, worstOfRef(ref[1]!, this.variables));
      // conditionals, functions ...: not evaluated here, so where they decide access, their worst case
      return this.standIns.opaque(`expression in ${where} is not evaluated in .tf.json`, `\${${expr}}`, false, `\${${expr}}: an expression the gate does not evaluate in .tf.json`);
    });
  }

  /** Resolve every string of a value. */
  value(v: unknown, where: string): unknown {
    if (typeof v === 'string') return this.string(v, where);
    if (Array.isArray(v)) return v.map((x) => this.value(x, where));
    if (isObj(v)) {
      const out: Obj = {};
      for (const [k, x] of Object.entries(v)) if (k !== '//') out[k] = this.value(x, where);
      return out;
    }
    return v;
  }

  render(address: string): Obj | undefined {
    const b = this.find(address);
    if (!b || this.rendering.has(address)) return undefined;
    this.rendering.add(address);
    const args = this.value(b.body, address);
    this.rendering.delete(address);
    return isObj(args) ? renderPolicyDocument(args).document : undefined;
  }
}


/**
 * A `.tf.json` / `.tofu.json` file with the values of its module's auto-loaded tfvars, then once more with each
 * var file that is not auto-loaded (`prod.tfvars.json`, `env/prod.tfvars`): each is a possible input set (variants.ts).
 */
export function extractTfJson(input: ExtractInput): ExtractResult {
  const dir = path.posix.dirname(input.repoPath) === '.' ? '' : path.posix.dirname(input.repoPath);
  const siblings = input.listRepoFiles ? input.listRepoFiles(dir) : [input.repoPath];
  const errors: AnalysisError[] = [];
  const tfvars = loadTfvars(input, dir, siblings, errors);
  const r = analyseWithVarFiles(input, dir, siblings, tfvars, (tv) => extractWithValues(input, tv), (rel, errs) => readVarFile(input, dir, rel, errs, false));
  appendAll(r.errors, errors);
  return r;
}

/** What the parts of one evaluation of a `.tf.json` file share. */
interface JsonRun {
  file: string;
  parsed: Parsed;
  resolver: Resolver;
  ctx: TableContext;
  result: ExtractResult;
  /** Policy types of the resources that consume each policy document data source. */
  consumerTypes: Map<string, PolicyType[]>;
}

/** One evaluation of the file, with `values` (tfvars) in place of the variables' defaults. */
function extractWithValues(input: ExtractInput, values: Map<string, V>): ExtractResult {
  const result = emptyResult();
  const { file, text } = input;
  let parsed: Parsed;
  try {
    parsed = parseWithPositions(text, file);
  } catch (e) {
    const err = e as InputError;
    result.errors.push({ file, line: err.line, column: err.column, message: `invalid JSON: ${err.message}`, kind: 'input' });
    return result;
  }
  if (!isObj(parsed.value)) {
    result.errors.push({ file, line: 1, message: 'not a Terraform JSON configuration (expected an object)', kind: 'input' });
    return result;
  }
  const root = parsed.value;
  const blocks = collectBlocks(root);
  const variables: Obj = {};
  for (const v of blockObjects(root.variable)) Object.assign(variables, v.value);
  for (const [name, value] of values) {
    const decl = variables[name];
    if (isObj(decl)) variables[name] = { ...decl, default: plain(value) };
  }
  const o = input.options;
  const ctx: TableContext = { partition: o.partition, region: o.region, account: o.account };
  const run: JsonRun = { file, parsed, resolver: new Resolver(blocks, variables, ctx), ctx, result, consumerTypes: new Map() };
  for (const b of blocks) if (b.mode === 'managed') resourceBlock(run, b);
  for (const b of blocks) if (b.mode === 'data' && b.type === POLICY_DOCUMENT_DATA_SOURCE) documentDataSource(run, b);
  return result;
}

function spanAt(run: JsonRun, ptr: string): Span {
  return run.parsed.spans.get(ptr) ?? { file: run.file, start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
}

function keySpanOrValue(run: JsonRun, ptr: string): Span {
  return run.parsed.keySpans.get(ptr) ?? spanAt(run, ptr);
}

/** `"//": "iam-policy-gate:ignore RULE reason"` entries of a block. */
function suppressionsOf(run: JsonRun, b: Block): InlineSuppression[] {
  const out: InlineSuppression[] = [];
  const c = b.body['//'];
  for (const [i, s] of (Array.isArray(c) ? c : [c]).entries()) {
    if (typeof s !== 'string') continue;
    const m = parseIgnoreComment(s);
    if (m) out.push({ rule: m.rule, reason: m.reason, file: run.file, line: spanAt(run, `${b.ptr}/~1~1${Array.isArray(c) ? `/${i}` : ''}`).start.line });
  }
  return out;
}

/** Spans for a document written as an object (jsonencode style) at `ptr`. */
function objectSpans(run: JsonRun, ptr: string): Map<string, Span> {
  const m = new Map<string, Span>();
  for (const [p, s] of run.parsed.spans) if (p === ptr || p.startsWith(ptr + '/')) m.set(p.slice(ptr.length), s);
  return m;
}

/** Spans for a document rendered from a data source block at `ptr`. */
function dataSourceSpans(run: JsonRun, ptr: string, document: unknown): Map<string, Span> {
  const spans = run.parsed.spans;
  const m = new Map<string, Span>();
  m.set('', spanAt(run, ptr));
  const doc = document as { Statement?: unknown[] } | undefined;
  const statements = Array.isArray(doc?.Statement) ? doc.Statement : [];
  const stPtr = `${ptr}/statement`;
  const single = spans.has(stPtr) && !spans.has(`${stPtr}/0`);
  statements.forEach((st, i) => {
    const sp = single ? stPtr : `${stPtr}/${i}`;
    if (!spans.has(sp)) return;
    m.set(`/Statement/${i}`, spanAt(run, sp));
    if (!isObj(st)) return;
    for (const k of Object.keys(st)) {
      const arg = DOC_KEYS[k];
      if (!arg) continue;
      const ap = `${sp}/${arg}`;
      if (!spans.has(ap)) continue;
      m.set(`/Statement/${i}/${k}`, keySpanOrValue(run, ap));
      const val = st[k];
      if (Array.isArray(val)) val.forEach((_x, j) => spans.has(`${ap}/${j}`) && m.set(`/Statement/${i}/${k}/${j}`, spanAt(run, `${ap}/${j}`)));
    }
  });
  return m;
}

/** A `resource` block: its policies, the AWS managed policies it attaches, the principal it declares. */
function resourceBlock(run: JsonRun, b: Block): void {
  const { file, resolver, result } = run;
  const address = `${b.type}.${b.name}`;
  const values = resolver.value(b.body, address) as Obj;
  const out = readTerraformResource({
    type: b.type,
    address,
    values,
    references: (attr) => {
      const v = b.body[attr];
      const refs: string[] = [];
      for (const s of Array.isArray(v) ? v : [v]) {
        if (typeof s !== 'string') continue;
        for (const m of s.matchAll(TEMPLATE)) {
          const r = SIMPLE_REF.exec(m[1]!);
          if (r) refs.push(r[1]!);
        }
      }
      return refs;
    },
    ctx: run.ctx,
  });
  if (!out) return;
  const meta: RecordMeta = { idFile: file, address, type: b.type, format: 'terraform-json' };
  const suppressions = suppressionsOf(run, b);
  for (const item of out.policies) resourcePolicy(run, b, meta, item, suppressions);
  appendAll(result.policies, awsManagedRecords(meta, out, (attr) => ({ file, span: spanAt(run, `${b.ptr}/${attr}`), suppressions }), awsManagedPolicy));
  const ent = entityRecord(meta, out, { file, span: spanAt(run, b.ptr), suppressions });
  for (const e of [ent, ownAttachmentsEntity(ent)]) if (e) result.entities.push(e);
}

/** One policy attribute of a resource block: a record, or its finding / error when it is no document. */
function resourcePolicy(run: JsonRun, b: Block, meta: RecordMeta, item: TfPolicyItem, suppressions: InlineSuppression[]): void {
  const { file, resolver, result } = run;
  const attrPtr = `${b.ptr}/${item.segments.map(escapeSegment).join('/')}`;
  const raw = item.synthesized ? undefined : getAt(b.body, item.segments);
  const dsRef = typeof raw === 'string' ? dataSourceOf(raw) : undefined;
  let spans: Map<string, Span>;
  if (isObj(raw)) spans = objectSpans(run, attrPtr);
  else if (dsRef && resolver.find(dsRef)) {
    const ds = resolver.find(dsRef)!;
    spans = dataSourceSpans(run, ds.ptr, item.document);
    spans.set('', spanAt(run, attrPtr));
    (run.consumerTypes.get(dsRef) ?? run.consumerTypes.set(dsRef, []).get(dsRef)!).push(item.policyType);
  } else spans = new Map([['', spanAt(run, item.synthesized ? (item.anchor ? `${b.ptr}/${escapeSegment(item.anchor)}` : b.ptr) : attrPtr)]]);
  const site: Site = { file, span: spanAt(run, b.ptr), spans, suppressions };
  if (item.error) {
    if (typeof raw === 'string' && raw.includes('${')) {
      // an HCL expression (jsonencode(...), templatefile(...)) inside the string: not evaluated here
      const at = spanAt(run, attrPtr);
      result.errors.push({
        file,
        line: at.start.line,
        column: at.start.column,
        message: `${meta.address}.${item.propertyPath.replace(/\//g, '.')}: the policy is an HCL expression (${raw.length > 60 ? raw.slice(0, 57) + '...' : raw}) that is not evaluated in .tf.json; it was not analysed`,
        kind: 'extract',
      });
    } else result.findings.push(invalidPolicyFinding(meta, item, site));
    return;
  }
  const notes = dsRef ? [`document rendered by ${dsRef}`] : [];
  // values nobody in the repository decides, where they decide access: their worst case, said so
  const resolved = resolveUnknowns(item.document, spans, resolver.standIns.entries(), item.policyType);
  item.document = resolved.document;
  site.spans = resolved.spans;
  const rec = policyRecord(meta, item, site, { placeholders: resolver.standIns.placeholdersIn(item.document), notes, assumptions: resolved.assumptions });
  if (resolved.uncertainDeny) rec.when = resolved.uncertainDeny;
  result.policies.push(rec);
}

/** A `data "aws_iam_policy_document"` block: its rendered document, typed by the resources that consume it. */
function documentDataSource(run: JsonRun, b: Block): void {
  const { file, resolver } = run;
  const address = `data.${b.type}.${b.name}`;
  const document = resolver.render(address);
  if (!document) return;
  const types = run.consumerTypes.get(address) ?? [];
  const policyType: PolicyType = types[0] ?? policyTypeFromContent(document);
  const item: TfPolicyItem = {
    propertyPath: 'json',
    segments: ['json'],
    policyType,
    ...(policyType === 'trust' ? { validateResourceType: 'AWS::IAM::AssumeRolePolicyDocument' } : {}),
    document,
    raw: b.body,
    attachedTo: [],
    notes: types.length ? [] : ['not used by an IAM resource of this file; policy type taken from the content'],
  };
  const meta: RecordMeta = { idFile: file, address, type: b.type, format: 'terraform-json' };
  const resolved = resolveUnknowns(document, dataSourceSpans(run, b.ptr, document), resolver.standIns.entries(), policyType);
  item.document = resolved.document;
  const site: Site = { file, span: spanAt(run, b.ptr), spans: resolved.spans, suppressions: suppressionsOf(run, b) };
  const rec = policyRecord(meta, item, site, { placeholders: resolver.standIns.placeholdersIn(resolved.document), assumptions: resolved.assumptions });
  if (resolved.uncertainDeny) rec.when = resolved.uncertainDeny;
  run.result.policies.push(rec);
}

function getAt(v: unknown, segs: (string | number)[]): unknown {
  let cur = v;
  for (const s of segs) {
    if (Array.isArray(cur)) cur = cur[Number(s)];
    else if (isObj(cur)) cur = cur[String(s)];
    else return undefined;
  }
  return cur;
}

function dataSourceOf(s: string): string | undefined {
  const m = /^\$\{\s*data\.aws_iam_policy_document\.([A-Za-z0-9_-]+)\.(?:minified_)?json\s*\}$/.exec(s);
  return m ? `data.aws_iam_policy_document.${m[1]}` : undefined;
}

export const terraformJsonExtractor: Extractor = {
  name: 'terraform-json',
  detect(file) {
    return isJsonConfigFile(file);
  },
  extract(input) {
    return extractTfJson(input);
  },
};
