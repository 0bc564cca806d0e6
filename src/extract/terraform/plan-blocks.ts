/**
 * Map Terraform resources (from a plan, which has no line numbers) back to their `resource "TYPE" "NAME"` /
 * `data "TYPE" "NAME"` blocks in the repository's `.tf` files, and policy statements to positions inside the block.
 * Built on the HCL parser's tree (parseCached): block, attribute, `statement` block, `jsonencode` object and
 * string nodes carry their offsets; heredoc JSON is mapped by the JSON position parser. Suppression comments
 * (`# iam-policy-gate:ignore RULE reason`) are the parser's comments on or above the block and inside it.
 * A `.tf` file that does not parse gives no blocks: its resources fall back to their lines in the plan file.
 */
import path from 'node:path';
import type { InlineSuppression, Span } from '../../policy/types.js';
import { escapeSegment } from '../../policy/source-map.js';
import { commentSuppressions } from '../../findings/inline.js';
import type { Attribute, Block, Body, Expr } from './hcl-ast.js';
import { forEachChild, HclSyntaxError } from './hcl-ast.js';
import { parseCached } from './hcl-cache.js';
import { appendAll } from '../../util/arrays.js';
import { isHclConfigFile } from './tf-files.js';
import { lineAt, lineStartsOf, parseWithPositions } from '../../text/positions.js';

export interface TfBlock {
  /** Repo-relative path of the `.tf` file. */
  file: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  /** 1-based lines of the header and of the closing brace. */
  startLine: number;
  endLine: number;
  /** The block's node in the parser's tree. */
  node: Block;
  text: string;
  lineStarts: number[];
  suppressions: { rule: string; reason: string; line: number }[];
}

/** Every top-level `resource` / `data` block of one `.tf` file; undefined when the file does not parse. */
export function scanTfBlocks(file: string, text: string): TfBlock[] | undefined {
  const parsed = parseCached(file, text);
  if (parsed instanceof HclSyntaxError) return undefined;
  const lineStarts = lineStartsOf(text);
  const out: TfBlock[] = [];
  for (const item of parsed.body.items) {
    if (item.kind !== 'block' || (item.type !== 'resource' && item.type !== 'data') || item.labels.length !== 2) continue;
    const startLine = lineAt(lineStarts, item.s);
    const endLine = lineAt(lineStarts, Math.max(item.s, item.e - 1));
    const suppressions = commentSuppressions(text, parsed.comments, file, startLine, endLine).map((x) => ({ rule: x.rule, reason: x.reason, line: x.line }));
    out.push({ file, mode: item.type === 'data' ? 'data' : 'managed', type: item.labels[0]!, name: item.labels[1]!, startLine, endLine, node: item, text, lineStarts, suppressions });
  }
  return out;
}

export function blockSpan(b: TfBlock, displayFile: string): Span {
  return { file: displayFile, start: { line: b.startLine, column: 1 }, end: { line: b.endLine, column: 2 } };
}

export function blockSuppressions(b: TfBlock, displayFile: string): InlineSuppression[] {
  return b.suppressions.map((s) => ({ rule: s.rule, reason: s.reason, file: displayFile, line: s.line }));
}

/** Span of the characters [start, last] (last inclusive). */
function spanOf(b: TfBlock, file: string, start: number, last: number): Span {
  const s = lineAt(b.lineStarts, start);
  const e = lineAt(b.lineStarts, last);
  return {
    file,
    start: { line: s, column: start - b.lineStarts[s - 1]! + 1 },
    end: { line: e, column: last - b.lineStarts[e - 1]! + 1 },
  };
}

const nodeSpan = (b: TfBlock, file: string, n: { s: number; e: number }): Span => spanOf(b, file, n.s, Math.max(n.s, n.e - 1));

function attributeOf(body: Body, name: string): Attribute | undefined {
  return body.items.find((x): x is Attribute => x.kind === 'attribute' && x.name === name);
}

function unparen(x: Expr): Expr {
  return x.k === 'paren' ? unparen(x.x) : x;
}

/** The text of a quoted string or template without interpolations; undefined otherwise. */
function plainString(x: Expr): string | undefined {
  if (x.k === 'lit') return typeof x.v === 'string' ? x.v : undefined;
  if (x.k !== 'tpl' || x.heredoc) return undefined;
  return x.parts.every((p) => p.k === 'text') ? x.parts.map((p) => (p.k === 'text' ? p.v : '')).join('') : undefined;
}

type ObjItem = Extract<Expr, { k: 'object' }>['items'][number];
const itemName = (it: ObjItem): string | undefined => it.keyName ?? plainString(unparen(it.key));

const KEY_NAMES: Record<string, string[]> = {
  Sid: ['Sid', 'sid'],
  Effect: ['Effect', 'effect'],
  Action: ['Action', 'actions'],
  NotAction: ['NotAction', 'not_actions'],
  Resource: ['Resource', 'resources'],
  NotResource: ['NotResource', 'not_resources'],
  Principal: ['Principal', 'principals'],
  NotPrincipal: ['NotPrincipal', 'not_principals'],
  Condition: ['Condition', 'condition'],
};

/** A statement written in the tree: an HCL `statement { }` block or a `jsonencode` object. */
type StatementNode = { kind: 'block'; node: Block } | { kind: 'object'; node: Extract<Expr, { k: 'object' }> };

/** Named parts of a statement: the first attribute / nested block / object key with one of `names`. */
function keyNode(st: StatementNode, names: string[]): { s: number; e: number } | undefined {
  if (st.kind === 'block') {
    const x = st.node.body.items.find((y) => names.includes(y.kind === 'attribute' ? y.name : y.type));
    return x ? { s: x.s, e: x.s + (x.kind === 'attribute' ? x.name : x.type).length } : undefined;
  }
  const it = st.node.items.find((x) => names.includes(itemName(x) ?? ''));
  return it ? it.key : undefined;
}

/** Strings and object keys written inside a node, in source order (never text inside comments). */
function stringsIn(st: StatementNode): { value: string; s: number; e: number }[] {
  const out: { value: string; s: number; e: number }[] = [];
  const expr = (x: Expr | undefined): void => {
    if (!x) return;
    const v = plainString(x);
    if (v !== undefined) out.push({ value: v, s: x.s, e: x.e });
    if (x.k === 'object') {
      for (const it of x.items) {
        const n = itemName(it);
        if (n !== undefined && plainString(it.key) === undefined) out.push({ value: n, s: it.key.s, e: it.key.e });
      }
    }
    forEachChild(x, expr);
  };
  const body = (bd: Body): void => {
    for (const it of bd.items) if (it.kind === 'attribute') expr(it.expr);
    else body(it.body);
  };
  if (st.kind === 'block') body(st.node.body);
  else expr(st.node);
  return out.sort((a, b) => a.s - b.s);
}

/** Statements of the attribute's value: `jsonencode({ Statement = [...] })` objects. */
function jsonencodeStatements(x: Expr): StatementNode[] {
  const v = unparen(x);
  const arg = v.k === 'call' && v.name === 'jsonencode' && v.args.length === 1 ? unparen(v.args[0]!) : undefined;
  if (!arg || arg.k !== 'object') return [];
  const stmt = arg.items.find((it) => itemName(it) === 'Statement');
  const sv = stmt ? unparen(stmt.value) : undefined;
  if (!sv) return [];
  if (sv.k === 'object') return [{ kind: 'object', node: sv }];
  if (sv.k !== 'tuple') return [];
  return sv.items.map(unparen).flatMap((i): StatementNode[] => (i.k === 'object' ? [{ kind: 'object', node: i }] : []));
}

/** A heredoc holding policy JSON: its statement spans from the JSON position parser (none when not plain JSON). */
function heredocSpans(b: TfBlock, displayFile: string, x: Expr, spans: Map<string, Span>): void {
  const v = unparen(x);
  if (v.k !== 'tpl' || !v.heredoc) return;
  const cs = b.text.indexOf('\n', v.s) + 1;
  const ce = b.text.lastIndexOf('\n', v.e - 1) + 1;
  if (cs <= 0 || ce <= cs) return;
  let parsed;
  try {
    parsed = parseWithPositions(b.text.slice(cs, ce), 'heredoc.json');
  } catch {
    return; // interpolations outside strings, template directives: the attribute's line stands
  }
  const shift = lineAt(b.lineStarts, cs) - 1;
  for (const [k, s] of parsed.spans) {
    if (!k.startsWith('/Statement')) continue;
    spans.set(k, { file: displayFile, start: { line: s.start.line + shift, column: s.start.column }, end: { line: s.end.line + shift, column: s.end.column } });
  }
}

/** Each statement of `doc`, its keys and the string values found written in it. */
function statementSpans(b: TfBlock, displayFile: string, doc: { Statement?: unknown }, ranges: StatementNode[], spans: Map<string, Span>): void {
  const stmts = Array.isArray(doc.Statement) ? doc.Statement : doc.Statement !== undefined ? [doc.Statement] : [];
  const single = !Array.isArray(doc.Statement);
  stmts.forEach((st, i) => {
    const r = ranges[i];
    if (!r || st === null || typeof st !== 'object') return;
    const base = single ? '/Statement' : `/Statement/${i}`;
    spans.set(base, nodeSpan(b, displayFile, r.node));
    const strings = stringsIn(r);
    const quoted = (from: number, value: string) => strings.find((x) => x.s >= from && x.value === value);
    for (const [key, value] of Object.entries(st as Record<string, unknown>)) {
      const names = KEY_NAMES[key] ?? [key];
      const k = keyNode(r, names);
      if (!k) continue;
      const keyPtr = `${base}/${escapeSegment(key)}`;
      spans.set(keyPtr, nodeSpan(b, displayFile, k));
      const mark = (v: unknown, ptr: string, from: number) => {
        if (typeof v === 'string') {
          const q = quoted(from, v);
          if (q) spans.set(ptr, nodeSpan(b, displayFile, q));
        } else if (Array.isArray(v)) v.forEach((x, j) => mark(x, `${ptr}/${j}`, from));
        else if (v !== null && typeof v === 'object') {
          for (const [ck, cv] of Object.entries(v as Record<string, unknown>)) {
            const q = quoted(from, ck);
            const childPtr = `${ptr}/${escapeSegment(ck)}`;
            if (q) spans.set(childPtr, nodeSpan(b, displayFile, q));
            mark(cv, childPtr, q ? q.s : from);
          }
        }
      };
      mark(value, keyPtr, k.s);
    }
  });
}

/**
 * Source-map entries for a policy document whose text lives in block `b`: the attribute (or the whole block for
 * data sources), each statement, each statement key and each string value found written in the statement.
 */
export function documentSpans(b: TfBlock, displayFile: string, attribute: string | undefined, document: unknown): Map<string, Span> {
  const spans = new Map<string, Span>();
  // the attribute, or a nested block of that name (`inline_policy { policy = ... }`: statements only when it is the one)
  const nested = attribute ? b.node.body.items.filter((x): x is Block => x.kind === 'block' && x.type === attribute) : [];
  const attr = attribute ? (attributeOf(b.node.body, attribute) ?? (nested.length === 1 ? attributeOf(nested[0]!.body, 'policy') : undefined)) : undefined;
  const head = attribute ? (attributeOf(b.node.body, attribute) ?? nested[0]) : undefined;
  if (head) {
    const lineEnd = b.text.indexOf('\n', head.s);
    spans.set('', spanOf(b, displayFile, head.s, lineEnd < 0 ? head.s : lineEnd));
  } else spans.set('', nodeSpan(b, displayFile, b.node));
  const doc = document as { Statement?: unknown } | null;
  if (!doc || typeof doc !== 'object') return spans;
  const blocks = b.node.body.items.flatMap((x): StatementNode[] => (x.kind === 'block' && x.type === 'statement' ? [{ kind: 'block', node: x }] : []));
  const ranges = blocks.length > 0 ? blocks : attr ? jsonencodeStatements(attr.expr) : [];
  if (ranges.length > 0) statementSpans(b, displayFile, doc, ranges, spans);
  else if (attr) heredocSpans(b, displayFile, attr.expr, spans);
  return spans;
}

/** `attribute = file("...")` / `templatefile("...", ...)`: the path as written; undefined otherwise. */
export function fileArgument(b: TfBlock, attribute: string): string | undefined {
  const attr = attributeOf(b.node.body, attribute);
  const v = attr ? unparen(attr.expr) : undefined;
  if (!v || v.k !== 'call' || (v.name !== 'file' && v.name !== 'templatefile') || v.args.length === 0) return undefined;
  const a = v.args[0]!;
  if ((a.k !== 'tpl' && a.k !== 'lit') || b.text[a.s] !== '"') return undefined;
  return b.text.slice(a.s + 1, a.e - 1);
}

/**
 * `.tf` sources of a plan's modules. Directories are read lazily through the contained repository reader.
 */
export class TfSources {
  private readonly cache = new Map<string, TfBlock[]>();
  /** `.tf` files read that do not parse, by directory: their blocks are unknown. */
  private readonly unparsed = new Map<string, string[]>();
  constructor(
    private readonly readRepoFile: (rel: string) => string,
    private readonly listRepoFiles: ((dir: string) => string[]) | undefined,
  ) {}

  blocksIn(dir: string): TfBlock[] {
    const key = dir === '.' ? '' : dir;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const blocks: TfBlock[] = [];
    const files = this.listRepoFiles ? this.listRepoFiles(key).filter(isHclConfigFile) : [];
    for (const f of files) {
      let text: string;
      try {
        text = this.readRepoFile(f);
      } catch {
        continue;
      }
      const found = scanTfBlocks(f, text);
      if (found === undefined) this.unparsed.set(key, [...(this.unparsed.get(key) ?? []), f]);
      else appendAll(blocks, found);
    }
    this.cache.set(key, blocks);
    return blocks;
  }

  /** The `.tf` files of `dir` (of every directory read when undefined) that do not parse. */
  unparsedIn(dir: string | undefined): string[] {
    if (dir !== undefined) return this.unparsed.get(dir === '.' ? '' : dir) ?? [];
    return [...this.unparsed.values()].flat();
  }

  find(dir: string, mode: 'managed' | 'data', type: string, name: string): TfBlock | undefined {
    return this.blocksIn(dir).find((b) => b.mode === mode && b.type === type && b.name === name);
  }
}

/** Directories from `dir` up to the repository root (`''`). */
export function ancestors(dir: string): string[] {
  const out: string[] = [];
  let d = dir === '.' ? '' : dir;
  for (;;) {
    out.push(d);
    if (d === '') return out;
    const p = path.posix.dirname(d);
    d = p === '.' ? '' : p;
  }
}

/** A local module source (`./modules/x`, `../shared`) resolved against its caller's directory; undefined if remote. */
export function moduleDir(callerDir: string, source: unknown): string | undefined {
  if (typeof source !== 'string' || !(source.startsWith('./') || source.startsWith('../'))) return undefined;
  const joined = path.posix.normalize(path.posix.join(callerDir || '.', source));
  if (joined.startsWith('..') || path.posix.isAbsolute(joined)) return undefined;
  return joined === '.' ? '' : joined.replace(/\/$/, '');
}

const BARE_REF = /^(?:data\.)?[A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*|\[[^\]]*\])+$/;

/** One HCL element as a template string: `"${x}/*"` as written, a bare reference as `${ref}`; else undefined. */
function elementTemplate(text: string, x: Expr): string | undefined {
  const src = text.slice(x.s, x.e);
  if ((x.k === 'tpl' || x.k === 'lit') && !(x.k === 'tpl' && x.heredoc) && src.startsWith('"') && src.endsWith('"') && src.length >= 2) {
    return src.slice(1, -1).replace(/\\"/g, '"').replace(/\\\\/g, '\\');
  }
  if (x.k === 'trav' && BARE_REF.test(src)) return `\${${src}}`;
  return undefined;
}

const hasDynamic = (body: Body): boolean => body.items.some((x) => x.kind === 'block' && (x.type === 'dynamic' || hasDynamic(x.body)));

/**
 * The literal element templates of a list argument inside nested blocks of `b`, e.g. path
 * `['statement', 1, 'resources']` or `['statement', 0, 'principals', 0, 'identifiers']`. Undefined when the source
 * does not allow it (dynamic blocks, functions, splats).
 */
export function listTemplates(b: TfBlock, segs: (string | number)[]): (string | undefined)[] | undefined {
  let body = b.node.body;
  for (let i = 0; i < segs.length - 1; i += 2) {
    const name = String(segs[i]);
    const index = Number(segs[i + 1]);
    if (!Number.isInteger(index)) return undefined;
    const found = body.items.filter((x): x is Block => x.kind === 'block' && x.type === name)[index];
    if (!found || hasDynamic(body)) return undefined;
    body = found.body;
  }
  const attr = attributeOf(body, String(segs[segs.length - 1]));
  if (!attr) return undefined;
  const v = unparen(attr.expr);
  if (v.k === 'tuple') return v.items.map((x) => elementTemplate(b.text, x));
  const one = elementTemplate(b.text, v);
  return one === undefined ? undefined : [one];
}
