/**
 * Turns resolved documents into PolicyRecords / IamEntities with source maps, placeholders, attachments and inline
 * suppressions. Shared by the resource table, the synthesisers and SAM.
 */
import type { ForeignSuppression, IamEntity, InlineSuppression, Placeholder, PolicyRecord, PolicyType, PrincipalRef, Span } from '../../policy/types.js';
import { MapSourceMap } from '../../policy/source-map.js';
import type { Finding } from '../../findings/types.js';
import type { CMap, CNode } from './yaml.js';
import { spanOf, intrinsicName, str, getIn, plain } from './yaml.js';
import type { Resolver } from './intrinsics.js';
import type { PlaceholderHit, Sink } from './intrinsic-model.js';
import { renderExpression } from './intrinsics.js';
import { NO_VALUE } from './intrinsic-model.js';
import { parseWithPositions } from '../../text/positions.js';
import type { AnalysisError } from '../../findings/types.js';
import { applyWorstCase } from './worst-case.js';
import { appendAll } from '../../util/arrays.js';

export interface ResourceInfo {
  logicalId: string;
  type: string;
  node: CMap;
  props: CMap | undefined;
  suppressions: InlineSuppression[];
  /** Other tools' suppressions no `suppression-mappings` entry maps (foreign-suppressions.ts). */
  foreign?: ForeignSuppression[];
  notes: string[];
  /** The resource is created only under a condition that is not certainly true ("when CreateAdmin"). */
  when?: string;
}

/**
 * Collects spans (by pointer) and placeholder hits while resolving one document. The pointers are kept in the order
 * met, in two lists (no map and no entry pair per value): a pointer met again counts with its last node, at its
 * first place, as a map keyed by pointer would give them (see `into`).
 */
export class DocSink implements Sink {
  private readonly ptrs: string[] = [];
  private readonly at: CNode[] = [];
  readonly hits: PlaceholderHit[] = [];
  span(ptr: string, node: CNode): void {
    this.ptrs.push(ptr);
    this.at.push(node);
  }
  placeholder(hit: PlaceholderHit): void {
    this.hits.push(hit);
  }
  has(ptr: string): boolean {
    return this.ptrs.includes(ptr);
  }
  /** The node last recorded at `ptr`. */
  node(ptr: string): CNode | undefined {
    const i = this.ptrs.lastIndexOf(ptr);
    return i < 0 ? undefined : this.at[i];
  }
  clear(): void {
    this.ptrs.length = 0;
    this.at.length = 0;
  }
  /**
   * Each recorded pointer's span into `map` (the later node of a pointer replaces the earlier one's span). `spans`:
   * the template's spans by node, shared by its source maps (a role's entity and its documents, every branch run
   * record the same nodes; spans are never changed once made).
   */
  into(map: MapSourceMap, spans: Map<CNode, Span>): MapSourceMap {
    const { ptrs, at } = this;
    for (let i = 0; i < ptrs.length; i++) {
      const n = at[i]!;
      let sp = spans.get(n);
      if (sp === undefined) spans.set(n, (sp = spanOf(n)));
      map.set(ptrs[i]!, sp);
    }
    return map;
  }
}

export interface BuildContext {
  file: string;
  resolver: Resolver;
  policies: PolicyRecord[];
  entities: IamEntity[];
  findings: Finding[];
  /** What could not be analysed (the verdict is incomplete). */
  errors: AnalysisError[];
  /** Spans of the template's nodes made so far (DocSink.into), shared by its source maps. */
  spans?: Map<CNode, Span>;
  /** Branch runs left for this template (see branches.ts). */
  branchRuns?: { left: number; reported?: boolean };
  /** Source text per display file (for rendering expressions). */
  texts: Map<string, string>;
  /** Nodes of refused includes (records containing them are incomplete). */
  refusedNodes: Set<CNode>;
  /** Managed policies (logical id) -> principals attached to them. */
  links: { policy: string; ref: PrincipalRef; when?: string }[];
  /**
   * A child template analysed through a nested stack: ids and scope are `child@parent:Stack` (its logical ids are
   * its own, apart from the child's standalone analysis) and records say which stack passed the parameters.
   */
  nested?: { scope: string; parent: string; note: string };
  /** Repository-local files a resource names (an OpenAPI `DefinitionUri`), read contained. */
  localFiles?: { repoPath: string; read(rel: string): string; displayPath(rel: string): string };
  /** Config `suppression-mappings`: another tool's suppression id (`cfn_nag:F3`) -> our rule ids. */
  suppressionMappings?: Record<string, string[]>;
}

export interface DocSpec {
  res: ResourceInfo;
  /** Property path shown to users and used in the id, e.g. `Policies/0/PolicyDocument`. */
  propertyPath: string;
  policyType: PolicyType;
  validateResourceType?: string;
  name?: string;
  attachedTo?: PrincipalRef[];
  notes?: string[];
  /** Override the resource name/type shown (SAM implicit roles keep the function's logical id). */
  resourceType?: string;
  /** ARN of the AWS managed policy the document is (bundled snapshot). */
  awsManaged?: string;
}

/** Resolves `node` as a policy document and records it. Strings holding JSON are parsed. */
export function emitDocument(ctx: BuildContext, node: CNode, spec: DocSpec): PolicyRecord | undefined {
  const sink = new DocSink();
  const value = ctx.resolver.resolve(node, '', sink);
  return emitValue(ctx, value, sink, node, spec);
}

export function emitValue(ctx: BuildContext, value: unknown, sink: DocSink, node: CNode, spec: DocSpec): PolicyRecord | undefined {
  if (value === NO_VALUE || value === null || value === undefined || value === '') return undefined;
  const rootSpan = spanOf(node);
  const notes = [...spec.res.notes, ...(spec.notes ?? [])];
  const render = (h: PlaceholderHit) => renderExpression(h.node, (f) => ctx.texts.get(f));
  const doc = documentOf(ctx, value, sink, node, spec, notes, render);
  if (!doc) return undefined;
  const { document, innerSpans } = doc;
  const worst = applyWorstCase(ctx.resolver, document as Record<string, unknown>, sink.hits, render);
  // a statement the gate cannot know: the rest is still analysed, the verdict is incomplete
  if (worst.incomplete) incompleteDoc(ctx, rootSpan, spec, worst.incomplete);
  appendAll(notes, worst.notes);
  const replaced = (ptr: string) => worst.replaced.some((r) => ptr === r || ptr.startsWith(`${r}/`));
  const sourceMap = sink.into(new MapSourceMap(rootSpan), (ctx.spans ??= new Map()));
  if (innerSpans) for (const [ptr, sp] of innerSpans) if (ptr !== '') sourceMap.set(ptr, sp);
  const placeholders: Placeholder[] = [];
  let incomplete = false;
  for (const h of sink.hits) {
    if (ctx.refusedNodes.has(h.node) || containsRefused(ctx, h.node)) incomplete = true;
    if (replaced(h.ptr)) continue;
    placeholders.push({
      path: h.ptr,
      expression: renderExpression(h.node, (f) => ctx.texts.get(f)),
      standIn: h.standIn,
      reason: h.reason,
    });
  }
  if (incomplete) notes.push('incomplete: part of this policy comes from an include that was refused or could not be read');
  const res = spec.res;
  const record: PolicyRecord = {
    id: `${ctx.nested?.scope ?? ctx.file}#${res.logicalId}/${spec.propertyPath}`,
    file: rootSpan.file === ctx.file ? ctx.file : rootSpan.file,
    line: rootSpan.start.line,
    endLine: rootSpan.end.line,
    format: 'cloudformation',
    resource: res.logicalId,
    resourceType: spec.resourceType ?? res.type,
    propertyPath: spec.propertyPath,
    policyType: spec.policyType,
    validateResourceType: spec.validateResourceType,
    name: spec.name,
    document,
    sourceMap,
    placeholders,
    attachedTo: spec.attachedTo ?? [],
  };
  if (notes.length) record.notes = [...new Set(notes)];
  if (spec.awsManaged) record.awsManaged = spec.awsManaged;
  if (res.when) record.when = res.when;
  if (worst.assumptions.length) record.assumptions = worst.assumptions;
  if (ctx.nested) {
    record.nestedIn = ctx.nested.parent;
    record.notes = [...(record.notes ?? []), ctx.nested.note];
  }
  if (res.suppressions.length) record.inlineSuppressions = res.suppressions;
  if (res.foreign?.length) record.foreignSuppressions = res.foreign;
  ctx.policies.push(record);
  return record;
}

/**
 * The policy document a resolved value is: the object itself, or a JSON string parsed (its lines mapped inside a
 * block scalar). Undefined, with a finding or an incomplete error, when it is not one or comes from outside.
 */
function documentOf(
  ctx: BuildContext,
  value: unknown,
  sink: DocSink,
  node: CNode,
  spec: DocSpec,
  notes: string[],
  render: (h: PlaceholderHit) => string,
): { document: object; innerSpans: Map<string, Span> | undefined } | undefined {
  const rootSpan = spanOf(node);
  let document: unknown = value;
  let innerSpans: Map<string, Span> | undefined;
  if (typeof value === 'string' && sink.hits.some((h) => h.external)) {
    // the document (or text spliced into its JSON) comes from outside the repository: nothing to analyse
    const h = sink.hits.find((x) => x.external)!;
    incompleteDoc(ctx, rootSpan, spec, `the policy document is text built from ${render(h)} (${h.reason})`);
    return undefined;
  }
  if (typeof value === 'string') {
    try {
      document = JSON.parse(value) as unknown;
      innerSpans = blockScalarSpans(ctx, sink.node(''), value);
      if (!innerSpans) notes.push('policy given as a JSON string; lines point at the string');
      sink.clear();
    } catch (e) {
      ctx.findings.push(finding(ctx.file, rootSpan, 'cfn-invalid-policy-json', 'error', 'Policy document is not valid JSON',
        `${spec.res.logicalId}.${spec.propertyPath} is a string that is not valid JSON: ${(e as Error).message}`, spec.res.logicalId));
      return undefined;
    }
  }
  if (typeof document !== 'object' || document === null) {
    ctx.findings.push(finding(ctx.file, rootSpan, 'cfn-invalid-policy-json', 'error', 'Policy document is not an object',
      `${spec.res.logicalId}.${spec.propertyPath} should be a policy document (an object with Version and Statement)`, spec.res.logicalId));
    return undefined;
  }
  return { document, innerSpans };
}

/** A policy the gate cannot read at all: an error (incomplete verdict) on its line. */
function incompleteDoc(ctx: BuildContext, span: Span, spec: DocSpec, why: string): void {
  ctx.errors.push({
    file: span.file || ctx.file,
    line: span.start.line,
    column: span.start.column,
    message: `${spec.res.logicalId}.${spec.propertyPath}: ${why}, so what it grants is not known; set the value in the config (cfn-parameters) or write the policy in the repository`,
    kind: 'extract',
  });
}

function containsRefused(ctx: BuildContext, node: CNode): boolean {
  if (ctx.refusedNodes.size === 0) return false;
  if (ctx.refusedNodes.has(node)) return true;
  if (node.kind === 'map') for (const v of node.entries.values()) if (containsRefused(ctx, v)) return true;
  if (node.kind === 'seq') for (const v of node.items) if (containsRefused(ctx, v)) return true;
  return false;
}

export function emitEntity(ctx: BuildContext, res: ResourceInfo, kind: IamEntity['kind'], node: CNode | undefined, idSuffix = '', extra: Record<string, unknown> = {}): IamEntity {
  const at = node ?? res.node;
  const sink = new DocSink();
  const v = node ? ctx.resolver.resolve(node, '', sink) : {};
  const properties: Record<string, unknown> = { ...(v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {}), ...extra };
  const span = spanOf(res.node);
  const sourceMap = sink.into(new MapSourceMap(spanOf(at)), (ctx.spans ??= new Map()));
  const entity: IamEntity = {
    kind,
    id: `${ctx.nested?.scope ?? ctx.file}#${res.logicalId}${idSuffix}`,
    file: ctx.file,
    line: span.start.line,
    endLine: span.end.line,
    resource: res.logicalId,
    resourceType: res.type,
    scope: ctx.nested?.scope ?? ctx.file,
    format: 'cloudformation',
    properties,
    sourceMap,
  };
  if (node && node !== res.props) {
    const s = spanOf(node);
    entity.line = s.start.line;
    entity.endLine = s.end.line;
  }
  if (res.suppressions.length) entity.inlineSuppressions = res.suppressions;
  if (res.foreign?.length) entity.foreignSuppressions = res.foreign;
  ctx.entities.push(entity);
  return entity;
}

export function finding(
  file: string,
  span: Span,
  ruleId: string,
  severity: Finding['severity'],
  title: string,
  message: string,
  resource?: string,
  fix?: string,
): Finding {
  return {
    ruleId,
    source: 'extract',
    severity,
    title,
    message,
    fix,
    file: span.file || file,
    line: span.start.line,
    endLine: span.end.line,
    column: span.start.column,
    resource,
    fingerprint: `${ruleId}|${span.file || file}|${resource ?? ''}|${message}`,
  };
}

/**
 * Follows `Fn::If` (by the evaluated condition) and drops `AWS::NoValue`, so property paths can be walked through
 * conditional structure while keeping the chosen node's span.
 */
export function pick(r: Resolver, node: CNode | undefined): CNode | undefined {
  let n = node;
  for (let i = 0; n && i < 20; i++) {
    const fn = intrinsicName(n);
    if (fn === 'Fn::If') {
      const arg = (n as CMap).entries.get(fn)!;
      if (arg.kind !== 'seq' || arg.items.length !== 3) return n;
      const c = str(arg.items[0]);
      n = arg.items[c !== undefined && r.condition(c, arg.items[0]!) ? 1 : 2];
      continue;
    }
    if (fn === 'Ref' && str((n as CMap).entries.get('Ref')) === 'AWS::NoValue') return undefined;
    return n;
  }
  return n;
}

/** Walks a path (with `*` over lists) through Properties; yields nodes with their concrete property paths. */
export function walk(r: Resolver, node: CNode | undefined, path: string[], at: string[] = []): { node: CNode; path: string[]; parent?: CMap }[] {
  const n = pick(r, node);
  if (!n) return [];
  if (path.length === 0) return [{ node: n, path: at }];
  const [head, ...rest] = path as [string, ...string[]];
  if (head === '*') {
    if (n.kind !== 'seq') return [];
    return n.items.flatMap((it, i) => walk(r, it, rest, [...at, String(i)]));
  }
  if (n.kind !== 'map') return [];
  const child = n.entries.get(head);
  if (!child) return [];
  const out = walk(r, child, rest, [...at, head]);
  if (rest.length === 0) for (const o of out) o.parent = n;
  return out;
}

/** `Metadata: { iam-policy-gate: { ignore: [{ rule, reason }] } }` on a resource. */
export function inlineSuppressions(file: string, res: CMap): InlineSuppression[] {
  const list = getIn(res, 'Metadata', 'iam-policy-gate', 'ignore');
  if (!list || list.kind !== 'seq') return [];
  const out: InlineSuppression[] = [];
  for (const item of list.items) {
    const v = plain(item) as Record<string, unknown> | null;
    if (!v || typeof v !== 'object') continue;
    const rule = typeof v.rule === 'string' ? v.rule : undefined;
    if (!rule) continue;
    const s = spanOf(item);
    out.push({ rule, reason: typeof v.reason === 'string' ? v.reason : '', file: s.file || file, line: s.start.line });
  }
  return out;
}

/**
 * A JSON policy written as a YAML literal block scalar (`PolicyDocument: |` + JSON lines): its lines are the
 * template's lines, so map each JSON value to its own line. Other strings (quoted, folded, built by functions)
 * keep the string's span.
 */
function blockScalarSpans(ctx: BuildContext, node: CNode | undefined, value: string): Map<string, Span> | undefined {
  if (!node || node.kind !== 'scalar' || node.value !== value) return undefined;
  const text = ctx.texts.get(node.src.file);
  if (!text || text[node.start] !== '|') return undefined;
  let parsed;
  try {
    parsed = parseWithPositions(value, node.src.file);
  } catch {
    return undefined;
  }
  const first = spanOf(node).start.line + 1; // content starts on the line after the indicator
  const out = new Map<string, Span>();
  for (const [ptr, sp] of parsed.spans) {
    out.set(ptr, { file: sp.file, start: { line: sp.start.line + first - 1, column: sp.start.column }, end: { line: sp.end.line + first - 1, column: sp.end.column } });
  }
  return out;
}
