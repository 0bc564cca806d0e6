/**
 * CloudFormation YAML/JSON parsing with spans: every short-form tag (`!Ref`, `!Sub`, `!GetAtt A.B`, ...) becomes
 * its long form (`{ "Fn::Sub": ... }`), and every node keeps its offsets in the file it came from. The result is
 * a small tree (CNode) that the resolver walks; spans are computed lazily from offsets.
 *
 * YAML 1.2 core schema: "2012-10-17" stays a string. Read as CloudFormation reads YAML (PyYAML/SnakeYAML): a
 * duplicate mapping key keeps the last value (with a `duplicate-key` warning on the earlier one), and quoted
 * scalars and flow collections may continue on lines indented no deeper than their parent (yaml-reindent.ts).
 */
import { LineCounter, isMap, isSeq, isScalar, isAlias, isPair, YAMLMap, YAMLSeq } from 'yaml';
import type { Node as YamlNode, ParsedNode, Tags, Document } from 'yaml';
import type { Span } from '../../policy/types.js';
import { InputError, flowDepth } from '../../text/positions.js';
import { reindentForYaml } from './yaml-reindent.js';
import { parseYamlDocument } from '../../text/yaml-document.js';
import { MISREAD_LAYOUT_MESSAGE, misreadLayout } from '../../text/yaml-layout.js';
import { TAG_NAMES, longName, PLAIN_STRING, MapBuilder, taggedScalar, wrap } from './yaml-nodes.js';
import { composeFromCst } from './yaml-cst.js';
import { readYamlDirect } from './yaml-direct.js';
import { lineTable, parseJsonTemplate } from './json-template.js';

/** One source file: its display name and its line table. */
export interface Src {
  file: string;
  lineCounter: LineCounter;
}

interface Base {
  src: Src;
  /** Start and end character offsets in `src`. */
  start: number;
  end: number;
  /** Synthesised (SAM policy template definitions): not written by the user. */
  synthetic?: boolean;
}
export interface CMap extends Base {
  kind: 'map';
  entries: Map<string, CNode>;
  /** Key start offsets. */
  keys: Map<string, number>;
}
export interface CSeq extends Base {
  kind: 'seq';
  items: CNode[];
}
export interface CScalar extends Base {
  kind: 'scalar';
  value: string | number | boolean | null;
}
export type CNode = CMap | CSeq | CScalar;

interface Tagged {
  __cfnTag: string;
  value: string;
}
type TaggedCollection = (YAMLMap | YAMLSeq) & { __cfnTag?: string };

function mkTag(name: string, kind: 'scalar' | 'seq' | 'map'): Tags[number] {
  if (kind === 'scalar') {
    return { tag: `!${name}`, resolve: (str: string): Tagged => ({ __cfnTag: name, value: str }) } as Tags[number];
  }
  return {
    tag: `!${name}`,
    collection: kind,
    nodeClass: kind === 'map' ? YAMLMap : YAMLSeq,
    resolve: (node: TaggedCollection) => {
      node.__cfnTag = name;
      return node;
    },
  } as unknown as Tags[number];
}

const TAGS_BY_NAME = new Map<string, Tags>(
  TAG_NAMES.map((n) => [n, (['scalar', 'seq', 'map'] as const).map((k) => mkTag(n, k))]),
);
const CUSTOM_TAGS: Tags = [...TAGS_BY_NAME.values()].flat();

/**
 * The short-form tags a text can use: those whose `!Name` it contains (every tag given costs the parser work for
 * every plain scalar and every document). A superset is harmless; when a tag could be spelled another way (a %TAG
 * directive, a verbatim `!<...>`, a handle such as `!e!`, a %-escape in the name), all of them.
 */
function tagsFor(text: string): Tags {
  if (text.includes('%TAG') || text.includes('!<')) return CUSTOM_TAGS;
  const used = new Set<Tags>();
  for (let i = text.indexOf('!'); i >= 0; i = text.indexOf('!', i + 1)) {
    let j = i + 1;
    for (let c = text.charCodeAt(j); (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122); c = text.charCodeAt(++j));
    const next = text.charCodeAt(j);
    if (next === 37 /* % */ || (next === 33 /* ! */ && j > i + 1)) return CUSTOM_TAGS;
    const tags = j > i + 1 ? TAGS_BY_NAME.get(text.slice(i + 1, j)) : undefined;
    if (tags) used.add(tags);
  }
  return [...used].flat();
}

export function spanOf(node: CNode): Span {
  const lc = node.src.lineCounter;
  const s = lc.linePos(node.start);
  const e = lc.linePos(Math.max(node.start, node.end));
  return { file: node.src.file, start: { line: s.line, column: s.col }, end: { line: e.line, column: e.col } };
}

export function lineOf(src: Src, offset: number): number {
  return src.lineCounter.linePos(offset).line;
}

export interface ParseLimits {
  maxDepth?: number;
  maxAliases?: number;
  maxNodes?: number;
  /** Read JSON templates with the direct JSON reader (default true; false forces the YAML parser). */
  json?: boolean;
  /** Read YAML straight from the parser's tokens where it can (yaml-cst.ts; default true; false: always the Document way). */
  cst?: boolean;
  /** Read YAML straight from the text where it can (yaml-direct.ts; default true; false: the CST reader first). */
  direct?: boolean;
}

export interface ParseWarning {
  message: string;
  /** The rule a finding for it carries (default `cfn-invalid-template`), and its severity (default warning). */
  rule?: string;
  severity?: 'warning' | 'security-warning';
  line: number;
  column: number;
}

/**
 * Parses a template (YAML or JSON). Throws InputError (with line/column) on invalid input. Unknown tags are
 * returned as warnings (the value is kept as a plain string/collection). YAML is read straight from the parser's
 * tokens (yaml-cst.ts) where that reader is sure to give what the Document reader below gives, else the Document way.
 */
export function parseTemplate(text: string, file: string, limits: ParseLimits = {}): { root: CNode; src: Src; warnings: ParseWarning[] } {
  const maxDepth = limits.maxDepth ?? 256;
  // JSON templates (CDK output, half of a typical corpus by size): a direct JSON reader, several times faster than
  // the YAML parser on the same text; anything it does not accept goes the YAML way (same errors as before). The
  // bracket pre-scan (flowDepth) is not needed for what it reads: on strict JSON the pre-scan's depth is the reader's
  // deepest nesting of containers, so it runs (and refuses the text as before) only when that is over the limit, when
  // the reader refused the text, or when it threw.
  const first = /\S/.exec(text.length > 4096 ? text.slice(0, 4096) : text)?.[0];
  if (limits.json !== false && (first === '{' || (first === '\uFEFF' && /^\uFEFF\s*\{/.test(text)))) {
    let parsed;
    try {
      parsed = parseJsonTemplate(text, file, maxDepth, limits.maxNodes ?? 2_000_000);
    } catch (e) {
      notTooDeep(text, maxDepth);
      throw e;
    }
    if (parsed && parsed.deepest <= maxDepth) return { root: parsed.root, src: parsed.src, warnings: [] };
  }
  notTooDeep(text, maxDepth);
  // a layout the yaml package misreads (red team S8-F2): not read by any reader, the template is not analysed
  const misread = misreadLayout(text);
  if (misread) throw new InputError(MISREAD_LAYOUT_MESSAGE, misread.line, misread.column);
  const lineCounter = lineTable(text);
  const src: Src = { file, lineCounter };
  const maxAliases = limits.maxAliases ?? 10_000;
  const maxNodes = limits.maxNodes ?? 2_000_000;
  const budgets = { maxDepth, maxAliases, maxNodes };
  const direct = limits.cst === false || limits.direct === false ? undefined : readYamlDirect(text, src, budgets);
  if (direct) return { root: direct.root, src, warnings: direct.warnings };
  const fast = limits.cst === false ? undefined : composeFromCst(text, src, budgets);
  if (fast) return { root: fast.root, src, warnings: fast.warnings };
  const { doc, toOriginal: o } = readYaml(text);
  const pos = (off: number) => {
    const p = lineCounter.linePos(o(off));
    return { line: p.line, column: p.col };
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    const p = pos(e.pos[0]);
    throw new InputError(cleanMessage(e.message), p.line, p.column);
  }
  const warnings: ParseWarning[] = [];
  for (const w of doc.warnings) {
    const p = pos(w.pos[0]);
    warnings.push({ message: cleanMessage(w.message), line: p.line, column: p.column });
  }
  const c = new TemplateConverter(doc, src, o, pos, warnings, maxDepth, maxAliases, maxNodes);
  return { root: c.conv(doc.contents, 0, 0), src, warnings };
}

/** Throws (with the line and column where it gets too deep) when the text's bracket nesting is deeper than `maxDepth`. */
function notTooDeep(text: string, maxDepth: number): void {
  const deep = flowDepth(text, maxDepth);
  if (deep.depth > maxDepth) {
    const before = text.slice(0, deep.offset);
    throw new InputError(`nesting deeper than ${maxDepth} levels`, before.split('\n').length, deep.offset - before.lastIndexOf('\n'));
  }
}

/** The YAML document as CNodes (tags in their long form, merge keys applied, duplicate keys warned about). */
class TemplateConverter {
  constructor(
    readonly doc: Document.Parsed,
    readonly src: Src,
    /** Parser offset -> offset in the original text (they differ when the text was re-indented). */
    readonly o: (offset: number) => number,
    readonly pos: (offset: number) => { line: number; column: number },
    readonly warnings: ParseWarning[],
    readonly maxDepth: number,
    private aliasBudget: number,
    private nodeBudget: number,
  ) {}

  conv(n: unknown, depth: number, fallback: number): CNode {
    const { src, o, maxDepth } = this;
    if (depth > maxDepth) throw new InputError(`nesting deeper than ${maxDepth} levels`, ...this.lc(n));
    if (--this.nodeBudget < 0) throw new InputError('document too large (more than 2,000,000 values)');
    if (n === null || n === undefined) return { kind: 'scalar', value: null, src, start: fallback, end: fallback };
    if (isAlias(n)) {
      if (--this.aliasBudget < 0) throw new InputError('too many YAML alias expansions', ...this.lc(n));
      const target = n.resolve(this.doc);
      if (!target) throw new InputError(`unresolved YAML alias *${n.source}`, ...this.lc(n));
      const inner = this.conv(target, depth + 1, fallback);
      const r = (n as ParsedNode).range;
      return { ...inner, start: o(r[0]), end: o(r[1]) } as CNode;
    }
    const node = n as YamlNode & ParsedNode;
    const start = node.range ? o(node.range[0]) : fallback;
    const end = node.range ? o(node.range[1]) : fallback;
    let out: CNode;
    if (isMap(node)) out = this.map(node, depth, start, end);
    else if (isSeq(node)) out = { kind: 'seq', items: node.items.map((it) => this.conv(it, depth + 1, start)), src, start, end };
    else if (isScalar(node)) {
      const v = node.value as unknown;
      if (v !== null && typeof v === 'object' && '__cfnTag' in (v as object)) return taggedScalar(src, (v as Tagged).__cfnTag, (v as Tagged).value, start, end);
      let value: string | number | boolean | null;
      if (typeof v === 'number') value = Number.isFinite(v) ? v : String(node.source ?? v);
      else if (typeof v === 'string' || typeof v === 'boolean' || v === null) value = v;
      else if (typeof v === 'bigint') value = String(v);
      else value = String(v);
      out = { kind: 'scalar', value, src, start, end };
    } else {
      out = { kind: 'scalar', value: null, src, start, end };
    }
    const tag = (node as TaggedCollection).__cfnTag;
    return tag ? wrap(src, longName(tag), out) : out;
  }

  private map(node: YAMLMap, depth: number, start: number, end: number): CMap {
    const o = this.o;
    const m = new MapBuilder(this.src, this.warnings);
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = pair.key as ParsedNode | null;
      let key: string;
      if (k === null || k === undefined) key = '';
      else if (isScalar(k)) {
        const kv = k.value as unknown;
        key = kv !== null && typeof kv === 'object' && '__cfnTag' in (kv as object) ? (kv as Tagged).value : String(kv);
      } else throw new InputError('complex (non-scalar) mapping keys are not supported', ...this.lc(k));
      const kOff = k?.range ? o(k.range[0]) : start;
      const value = this.conv(pair.value, depth + 1, k?.range ? o(k.range[1]) : start);
      m.add(key, kOff, value, key === '<<' && isScalar(k) && k.type === 'PLAIN');
    }
    return m.finish(start, end);
  }

  private lc(k: unknown): [number?, number?] {
    const r = (k as ParsedNode | undefined)?.range;
    if (!r) return [];
    const p = this.pos(r[0]);
    return [p.line, p.column];
  }

}

const YAML_OPTIONS = { uniqueKeys: false, prettyErrors: false, schema: 'core', merge: false, keepSourceTokens: false } as const;
const yamlOptions = (text: string) => {
  const custom = tagsFor(text);
  return { ...YAML_OPTIONS, customTags: (core: Tags) => [PLAIN_STRING, ...core, ...custom] };
};

/**
 * The YAML document as CloudFormation reads it. The strict reading first; only when it fails, the text with the
 * continuation lines of quoted scalars and flow collections re-indented (yaml-reindent.ts) is tried, and kept if
 * it reads without error. A template the strict reading accepts is never re-indented.
 */
function readYaml(text: string): { doc: Document.Parsed; toOriginal: (o: number) => number } {
  const identity = (o: number) => o;
  try {
    const doc = parseYamlDocument(text, yamlOptions(text));
    if (doc.errors.length === 0) return { doc, toOriginal: identity };
    const re = reindentForYaml(text);
    if (re.text === text) return { doc, toOriginal: identity };
    const again = parseYamlDocument(re.text, yamlOptions(re.text));
    return again.errors.length === 0 ? { doc: again, toOriginal: re.toOriginal } : { doc, toOriginal: identity };
  } catch (e) {
    throw new InputError((e as Error).message);
  }
}

function cleanMessage(message: string): string {
  return message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
}

/** A plain JSON value as a CNode whose every node points at `at` (for synthesised documents). */
export function fromJson(value: unknown, at: CNode): CNode {
  const base = { src: at.src, start: at.start, end: at.end, synthetic: true };
  if (Array.isArray(value)) return { kind: 'seq', items: value.map((v) => fromJson(v, at)), ...base };
  if (value !== null && typeof value === 'object') {
    const entries = new Map<string, CNode>();
    const keys = new Map<string, number>();
    for (const [k, v] of Object.entries(value)) {
      entries.set(k, fromJson(v, at));
      keys.set(k, at.start);
    }
    return { kind: 'map', entries, keys, ...base };
  }
  const v = value as string | number | boolean | null | undefined;
  return { kind: 'scalar', value: v === undefined ? null : v, ...base };
}

/** Plain value of a node without resolving intrinsics (for Metadata etc.). */
export function plain(node: CNode | undefined): unknown {
  if (!node) return undefined;
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(plain);
  const o: Record<string, unknown> = {};
  for (const [k, v] of node.entries) Object.defineProperty(o, k, { value: plain(v), enumerable: true, writable: true, configurable: true });
  return o;
}

export function getIn(node: CNode | undefined, ...keys: string[]): CNode | undefined {
  let n = node;
  for (const k of keys) {
    if (!n || n.kind !== 'map') return undefined;
    n = n.entries.get(k);
  }
  return n;
}

export function str(node: CNode | undefined): string | undefined {
  return node && node.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

/** The intrinsic function name when `node` is `{ Ref: ... }` / `{ "Fn::X": ... }` (`Condition` only in conditions). */
export function intrinsicName(node: CNode): string | undefined {
  if (node.kind !== 'map' || node.entries.size !== 1) return undefined;
  const k = node.entries.keys().next().value as string;
  return k === 'Ref' || k.startsWith('Fn::') ? k : undefined;
}
