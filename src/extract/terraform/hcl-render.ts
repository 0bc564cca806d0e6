/**
 * Values to policy JSON: `toJson` (unknowns to stand-ins, spans of every element), values with other branches, and
 * `data "aws_iam_policy_document"` rendering with source / override documents read element by element.
 */
import { escapeSegment } from '../../policy/source-map.js';
import type { Span } from '../../policy/types.js';
import { parseWithPositions } from '../../text/positions.js';
import { dropBranchConditions } from './branches.js';
import type { HclModule } from './hcl-eval.js';
import type { Body, Expr } from './hcl-syntax.js';
import { BRANCH_DENY, HclEvalError, isDenyStatement, isRecord, str } from './hcl-values.js';
import type { RenderedDoc, Scope, V } from './hcl-values.js';
import { DOC_KEYS, renderPolicyDocument, renderStatement } from './policy-document.js';

/**
 * Each `condition {}` / `principals {}` block of a statement on its own lines: `/Statement/i/Condition/TEST/KEY` and
 * `/Statement/i/Principal/TYPE` (the first block of that type), so a finding about the second condition is not
 * reported on the first block.
 */
export function blockSpans(stmt: Record<string, unknown>, sp: string, spans: Map<string, Span>, to: string, docSpans: Map<string, Span>): void {
  const each = (arg: string, key: string, path: (b: Record<string, unknown>) => string[] | undefined) => {
    const bs = stmt[arg];
    if (!Array.isArray(bs)) return;
    bs.forEach((b, k) => {
      const at = spans.get(`${sp}/${arg}/${k}`);
      const segs = isRecord(b) ? path(b) : undefined;
      if (!at || !segs) return;
      const ptr = `${to}/${key}/${segs.map(escapeSegment).join('/')}`;
      if (!docSpans.has(ptr)) docSpans.set(ptr, at);
    });
  };
  each('condition', 'Condition', (b) => (typeof b.test === 'string' && typeof b.variable === 'string' ? [b.test, b.variable] : undefined));
  each('principals', 'Principal', (b) => (typeof b.type === 'string' ? [b.type] : undefined));
  each('not_principals', 'NotPrincipal', (b) => (typeof b.type === 'string' ? [b.type] : undefined));
}

/** Functions that only put lists together: a list of documents built with them is read element by element. */
export const LIST_BUILDERS = new Set(['concat', 'flatten', 'compact', 'distinct', 'tolist', 'toset']);

export const SOURCE_KEYS = new Set(['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json']);

export function collectDocs(v: V, out: RenderedDoc[]): void {
  if (v.t === 'str' && v.doc) out.push(v.doc);
  else if (v.t === 'list') v.items.forEach((x) => collectDocs(x, out));
}

/**
 * JSON of a known value that has other branches: a token listing every branch (scalars), or the union of the
 * branches' policy documents (a Deny of another branch left out: it may not exist). Undefined: the value alone.
 */
export function eitherJson(m: HclModule, v: V, ptr: string, spans: Map<string, Span>, docs: boolean): unknown {
  const alt = v.alt!;
  const self = { ...v, alt: undefined } as V;
  if (self.t === 'str' && (self.json || self.doc) && docs) {
    const primary = toJson(m, self, ptr, spans, docs);
    if (!isRecord(primary) || !('Statement' in primary)) return primary;
    const stmts = Array.isArray(primary.Statement) ? [...(primary.Statement as unknown[])] : [primary.Statement];
    const seen = new Set(stmts.map((x) => JSON.stringify(x)));
    for (const a of alt.values) {
      const other = toJson(m, a.value, ptr, new Map(), docs);
      if (!isRecord(other)) continue;
      const os = Array.isArray(other.Statement) ? (other.Statement as unknown[]) : other.Statement !== undefined ? [other.Statement] : [];
      for (const st of os) {
        if (seen.has(JSON.stringify(st))) continue;
        if (isRecord(st) && st.Effect === 'Deny') m.notes.push(`${BRANCH_DENY} ${a.when} (${alt.expr}): the policy's Denies are not relied on`);
        seen.add(JSON.stringify(st));
        stmts.push(st);
        m.notes.push(`statements of the policy ${a.when} are analysed too (${alt.expr})`);
      }
    }
    return { ...primary, Statement: stmts };
  }
  const primary = scalarJson(m, self);
  if (primary === undefined || primary === null) return undefined;
  const alts = alt.values.map((a) => ({ value: scalarJson(m, a.value), when: a.when }));
  if (alts.some((a) => a.value === undefined)) return undefined;
  return m.standIns.alternatives(alt.expr, alts, primary);
}

/** Plain JSON of a scalar value (unknowns as their stand-in); undefined for collections. */
export function scalarJson(m: HclModule, v: V): unknown {
  if (v.t === 'str' || v.t === 'num' || v.t === 'bool') return v.v;
  if (v.t === 'null') return null;
  if (v.t === 'unknown') return m.standIn(v);
  return undefined;
}

/** A policy document only known when Terraform runs, as JSON text whose deciding values are worst-case tokens. */
export function unknownDocument(m: HclModule, v: V & { t: 'unknown' }): V {
  if (v.reason.startsWith('not evaluated:')) return str('{}', v.at);
  const tok = m.standIns.opaque(v.reason, v.expr, false, `${v.expr}: a policy document merged in that the gate cannot read (${v.reason})`);
  const document = { Version: '2012-10-17', Statement: [{ Effect: tok, Action: tok, Resource: tok }] };
  if (!v.at) return str(JSON.stringify(document));
  // its statement is reported where the unknown part is written (`var.extra` in the source list)
  const spans = new Map<string, Span>([['', v.at], ['/Statement/0', v.at]]);
  return { t: 'str', v: JSON.stringify(document), at: v.at, doc: { address: v.expr, document, spans } };
}

/** `source_policy_documents` / `override_policy_documents` whose whole value is unknown, element by element. */
export function documentList(m: HclModule, body: Body, name: string, sc: Scope): V | undefined {
  const a = body.items.find((x) => x.kind === 'attribute' && x.name === name);
  if (!a || a.kind !== 'attribute') return undefined;
  return { t: 'list', items: documentItems(m, a.expr, sc, 0), at: m.span(sc.file, a.expr.s, a.expr.e) };
}

/**
 * The elements of a list of documents built with concat / flatten / compact / distinct / tolist / toset (through
 * locals and parentheses): known elements as they are, each part only known at apply one unknown element (a
 * worst-case document where it is merged), never the whole list unknown because one part is.
 */
export function documentItems(m: HclModule, x: Expr, sc: Scope, depth: number): V[] {
  const flat = (v: V): V[] => (v.t === 'list' ? v.items.flatMap(flat) : v.t === 'null' ? [] : [v]);
  const v = m.eval(x, sc);
  if (v.t !== 'unknown' || depth > 16) return flat(v);
  if (x.k === 'paren') return documentItems(m, x.x, sc, depth + 1);
  if (x.k === 'call' && LIST_BUILDERS.has(x.name) && !x.expand) return x.args.flatMap((y) => documentItems(m, y, sc, depth + 1));
  const name = x.k === 'trav' && x.obj.k === 'var' && x.obj.name === 'local' && x.steps.length === 1 && x.steps[0]!.k === 'attr' ? x.steps[0]!.name : undefined;
  const l = name === undefined ? undefined : m.locals.get(name);
  if (l) return documentItems(m, l.expr, { file: l.file, vars: new Map() }, depth + 1);
  return [v];
}

/** Render `data "aws_iam_policy_document"` (cached), with spans for statements and their elements. */
export function renderDocument(m: HclModule, address: string, at?: Span): RenderedDoc | undefined {
  if (m.rendered.has(address)) return m.rendered.get(address);
  const ref = m.data.get(address);
  if (!ref) return undefined;
  if (m.evaluating.has(address)) throw new HclEvalError(`interpolation loop: ${address} refers to itself`, at);
  m.evaluating.add(address);
  try {
    const sc: Scope = { file: ref.file, vars: new Map() };
    const hasCount = ref.block.body.items.some((a) => a.kind === 'attribute' && (a.name === 'count' || a.name === 'for_each'));
    if (hasCount) {
      sc.vars.set('count', { t: 'obj', entries: new Map([['index', { t: 'num', v: 0 } as V]]) });
    }
    const args = m.body(ref.block.body, sc, new Set(['count', 'for_each', 'depends_on', 'provider', 'lifecycle']));
    // a condition block present only in one branch (a dynamic block an input decides) may be absent: the
    // statement is analysed without it, the wider of the two, and said so
    for (const note of dropBranchConditions(args)) m.notes.push(note);
    const spans = new Map<string, Span>();
    const json: Record<string, unknown> = {};
    const sourceDocs: RenderedDoc[] = [];
    for (const [k, raw] of args.entries) {
      const asText = SOURCE_KEYS.has(k);
      // a document the gate cannot read (the caller's, a data source's, a module output) merged in: a statement
      // whose every deciding value is a worst-case token (worst-case.ts makes it Allow * on *, and says so)
      let v = raw;
      // flatten(concat(data.x[*].json, var.extra)): the known documents one by one, each unknown part on its own
      if (asText && v.t === 'unknown' && !v.reason.startsWith('not evaluated:')) v = documentList(m, ref.block.body, k, sc) ?? v;
      if (asText && v.t === 'unknown') v = { t: 'list', items: [unknownDocument(m, v)], at: v.at };
      if (asText && v.t === 'list') v = { ...v, items: v.items.map((x) => (x.t === 'unknown' ? unknownDocument(m, x) : x)) };
      if (asText) collectDocs(v, sourceDocs);
      json[k] = toJson(m, v, `/${escapeSegment(k)}`, spans, !asText);
    }
    const r = renderPolicyDocument(json);
    for (const e of r.errors) m.error(`${address}: ${e}`, m.span(ref.file, ref.block.s, ref.block.e), ref.file);
    const docSpans = new Map<string, Span>();
    docSpans.set('', m.span(ref.file, ref.block.s, ref.block.e));
    const stmts = Array.isArray(json.statement) ? (json.statement as Record<string, unknown>[]) : [];
    const rendered = stmts.map((s) => JSON.stringify(renderStatement(s)));
    const docStmts = (r.document.Statement as unknown[]) ?? [];
    const used = new Set<number>();
    docStmts.forEach((st, i) => {
      const j = rendered.findIndex((x, k) => !used.has(k) && x === JSON.stringify(st));
      if (j < 0) {
        // a statement merged from source_policy_documents / override_policy_documents: that document's spans
        for (const d of sourceDocs) {
          const stmts = Array.isArray(d.document.Statement) ? d.document.Statement : [];
          const k = stmts.findIndex((x) => JSON.stringify(x) === JSON.stringify(st));
          if (k < 0) continue;
          for (const [p, sp] of d.spans) if (p.startsWith(`/Statement/${k}`)) docSpans.set(`/Statement/${i}` + p.slice(`/Statement/${k}`.length), sp);
          return;
        }
        return;
      }
      used.add(j);
      const sp = `/statement/${j}`;
      const s0 = spans.get(sp);
      if (s0) docSpans.set(`/Statement/${i}`, s0);
      for (const [key, arg] of Object.entries(DOC_KEYS)) {
        const ap = `${sp}/${arg}`;
        const as = spans.get(ap);
        if (!as) continue;
        const val = (st as Record<string, unknown>)[key];
        if (Array.isArray(val)) {
          docSpans.set(`/Statement/${i}/${key}`, as);
          val.forEach((_x, k) => {
            const e = spans.get(`${ap}/${k}`);
            if (e) docSpans.set(`/Statement/${i}/${key}/${k}`, e);
          });
        } else docSpans.set(`/Statement/${i}/${key}`, spans.get(`${ap}/0`) ?? as);
      }
      blockSpans(stmts[j]!, sp, spans, `/Statement/${i}`, docSpans);
    });
    const hadDynamic = ref.block.body.items.some((b) => b.kind === 'block' && b.type === 'dynamic' && b.labels[0] === 'statement');
    const emptyDynamic = docStmts.length === 0 && hadDynamic;
    const out: RenderedDoc = { address, document: r.document, spans: docSpans, ...(emptyDynamic ? { emptyDynamic } : {}) };
    m.rendered.set(address, out);
    return out;
  } finally {
    m.evaluating.delete(address);
  }
}

/**
 * Plain JSON of a value (unknowns -> stand-ins), recording the span of every element under `ptr`. Strings holding
 * a policy document (jsonencode, a rendered data source, heredoc/file JSON) become the document itself.
 */
export function toJson(m: HclModule, v: V, ptr: string, spans: Map<string, Span>, docs = true): unknown {
  if (v.at) spans.set(ptr, v.at);
  if (v.alt && v.t !== 'unknown') {
    const either = eitherJson(m, v, ptr, spans, docs);
    if (either !== undefined) return either;
  }
  switch (v.t) {
    case 'str':
      if (!docs) return v.v;
      if (v.json) return toJson(m, v.json, ptr, spans);
      if (v.doc) {
        for (const [p, s] of v.doc.spans) if (p !== '') spans.set(ptr + p, s);
        return v.doc.document;
      }
      if (v.origin && /"Statement"\s*:/.test(v.v) && /^\s*\{/.test(v.v)) {
        try {
          const parsed = parseWithPositions(v.v, v.origin.file);
          if (parsed.value !== null && typeof parsed.value === 'object' && !Array.isArray(parsed.value)) {
            for (const [p, s] of parsed.spans) {
              const shift = (pos: { line: number; column: number }) => ({
                line: pos.line + v.origin!.line - 1,
                column: pos.line === 1 ? pos.column + v.origin!.column - 1 : pos.column,
              });
              if (p !== '') spans.set(ptr + p, { file: v.origin.file, start: shift(s.start), end: shift(s.end) });
            }
            return parsed.value;
          }
        } catch {
          /* not JSON: left as a string; the resource table reports it */
        }
      }
      return v.v;
    case 'num':
    case 'bool':
      return v.v;
    case 'null':
      return null;
    case 'unknown':
      return m.standIn(v);
    case 'list': {
      const out: unknown[] = [];
      for (const x of v.items) {
        // a Deny present only in one branch of a conditional on an input may not exist: it cancels nothing
        if (x.branch && x.t === 'obj' && isDenyStatement(x)) m.notes.push(`${BRANCH_DENY} ${x.branch}: the policy's Denies are not relied on`);
        out.push(toJson(m, x, `${ptr}/${out.length}`, spans, docs));
      }
      return out;
    }
    case 'obj': {
      const out: Record<string, unknown> = {};
      for (const [k, x] of v.entries) {
        const cp = `${ptr}/${escapeSegment(k)}`;
        Object.defineProperty(out, k, { value: toJson(m, x, cp, spans, docs), enumerable: true, writable: true, configurable: true });
        const ka = v.keyAt?.get(k);
        if (ka && !spans.has(cp)) spans.set(cp, ka);
      }
      return out;
    }
  }
}
