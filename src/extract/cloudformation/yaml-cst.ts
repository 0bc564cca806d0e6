/**
 * The fast YAML reader: CNodes straight from the `yaml` package's CST (its Parser's tokens), skipping the
 * package's Document/Node layer (composing those Nodes cost twice the CNode conversion after it). It follows the
 * package's composer (compose-doc, compose-node, compose-scalar, resolve-block-map, resolve-block-seq,
 * resolve-flow-collection; scalar text with escapes, folding or block indicators is resolved by the package,
 * CST.resolveAsScalar) with the core schema and our short-form tags, and builds what yaml.ts's TemplateConverter
 * builds from the Document: the same values, offsets, warnings (unresolved local tags, duplicate keys, repeated
 * at each alias as the converter repeats them), merges and budgets.
 *
 * It handles the constructs CloudFormation templates are made of and gives up (undefined) on anything else: any
 * error the package would report and any warning but an unresolved local tag, directives, a second document, a
 * document-end marker, explicit `?` keys, alias, collection or anchored keys, a redefined anchor or an alias to an
 * enclosing node, tags other than `!`, the short forms and plain local ones (`!!str`, `!<...>`, `!h!x`, `%`
 * escapes), an exhausted budget. The caller then reads the text the package's way (yaml.ts), so messages and
 * every rare construct stay exactly as they were; a difference is never a silent one
 * (test/extract/cloudformation/yaml-cst.test.ts compares both readers).
 */
import { CST, Parser, Schema, isScalar as isScalarNode } from 'yaml';
import type { ScalarTag } from 'yaml';
import type { CNode, CScalar, ParseWarning, Src } from './yaml.js';
import { appendAll } from '../../util/arrays.js';
import { quietEnv } from '../../text/yaml-document.js';
import { MapBuilder, PLAIN_STRING, TAG_NAMES, longName, taggedScalar, wrap } from './yaml-nodes.js';
import { bail, containsNewline, emptyScalarPosition, resolveEnd, resolveProps, type Props } from './yaml-cst-props.js';

type Token = CST.Token;
type SourceToken = CST.SourceToken;

/** The core schema's implicit plain-scalar tags in the order the package tests them (our string fast path first). */
const PLAIN_TAGS = (new Schema({ schema: 'core', customTags: (core) => [PLAIN_STRING, ...core] }).tags as ScalarTag[]).filter(
  (t) => t.default === true && t.test,
);
const RESOLVE_OPTIONS = { intAsBigInt: false } as Parameters<NonNullable<ScalarTag['resolve']>>[2];
const SHORT_TAGS = new Set(TAG_NAMES.map((n) => `!${n}`));

export interface CstLimits {
  maxDepth: number;
  maxAliases: number;
  maxNodes: number;
}

/** The template as CNodes, or undefined where the package's composer must read it (see above). */
export function composeFromCst(text: string, src: Src, limits: CstLimits): { root: CNode; warnings: ParseWarning[] } | undefined {
  let tokens: Token[];
  try {
    tokens = quietEnv(() => [...new Parser().parse(text)]);
  } catch {
    return undefined;
  }
  return composeTokens(tokens, src, limits);
}

/** composeFromCst from the parser's tokens (exported for the benchmark). */
export function composeTokens(tokens: Token[], src: Src, limits: CstLimits): { root: CNode; warnings: ParseWarning[] } | undefined {
  try {
    const c = new CstComposer(src, limits);
    let root: CNode | undefined;
    for (const token of tokens) {
      const type = token.type;
      if (type === 'document') {
        if (root) return undefined;
        root = c.document(token);
      } else if (type !== 'byte-order-mark' && type !== 'space' && type !== 'comment' && type !== 'newline') return undefined;
    }
    return root ? { root, warnings: c.warnings() } : undefined;
  } catch {
    // FALLBACK, a stack overflow on deep nesting, or anything the package throws: its own composer decides
    return undefined;
  }
}

/** An anchored node, what re-reading it at an alias costs the budgets (as TemplateConverter re-converts it). */
interface Anchored {
  node: CNode;
  nodes: number;
  aliases: number;
  height: number;
  /** The duplicate-key warnings made reading it, which TemplateConverter repeats at every alias. */
  warnings: ParseWarning[];
}

class CstComposer {
  /** Duplicate-key warnings, in the order TemplateConverter gives them. */
  readonly dupWarnings: ParseWarning[] = [];
  private nodes = 0;
  private aliases = 0;
  private deepest = 0;
  /** The range[2] of the node composed last (where its trailing comments end). */
  private r2 = 0;
  /** The range[0] and range[1] of the scalar read last. */
  private s = 0;
  private e = 0;
  private readonly anchors = new Map<string, Anchored | null>();
  /** The package's own warnings (unresolved tags), which come before the duplicate-key ones. */
  private readonly tagWarnings: ParseWarning[] = [];

  constructor(
    readonly src: Src,
    readonly limits: CstLimits,
  ) {}

  warnings(): ParseWarning[] {
    return this.tagWarnings.length > 0 ? [...this.tagWarnings, ...this.dupWarnings] : this.dupWarnings;
  }

  /**
   * A tag: the short-form name (`!Sub` -> Sub), or '' where the node is read as it is written (the non-specific
   * `!`; a local tag the package does not know, with its warning). Any other tag is not handled.
   */
  private tag(tag: SourceToken): string {
    const source = tag.source;
    if (SHORT_TAGS.has(source)) return source.substring(1);
    if (source !== '!') {
      if (!LOCAL_TAG.test(source)) bail();
      const p = this.src.lineCounter.linePos(tag.offset);
      this.tagWarnings.push({ message: `Unresolved tag: ${source}`, line: p.line, column: p.col });
    }
    return '';
  }

  document(doc: CST.Document): CNode {
    const { start, value, end } = doc;
    const props = resolveProps(start, false, 'doc-start', value ?? end?.[0], doc.offset, 0, true);
    if (props.found && value && (value.type === 'block-map' || value.type === 'block-seq') && !props.hasNewline) bail();
    const root = value ? this.node(value, props, 0) : this.empty(props.end, start, props, 0);
    resolveEnd(end, this.r2, false);
    return root;
  }

  /** composeNode + TemplateConverter.conv for a value at `depth`. */
  private node(token: Token, props: Props, depth: number): CNode {
    const anchor = props.anchor;
    if (!anchor) return this.unanchored(token, props, depth);
    const name = anchor.source.substring(1);
    if (name === '' || this.anchors.has(name) || token.type === 'alias') bail();
    this.anchors.set(name, null); // open: an alias inside it is not handled
    const { nodes, aliases, deepest } = this;
    const warned = this.dupWarnings.length;
    this.deepest = depth;
    const node = this.unanchored(token, props, depth);
    const height = this.deepest - depth;
    this.deepest = Math.max(deepest, this.deepest);
    this.anchors.set(name, { node, nodes: this.nodes - nodes, aliases: this.aliases - aliases, height, warnings: this.dupWarnings.slice(warned) });
    return node;
  }

  private unanchored(token: Token, props: Props, depth: number): CNode {
    const { maxDepth, maxNodes } = this.limits;
    if (depth > maxDepth || ++this.nodes > maxNodes) bail();
    if (depth > this.deepest) this.deepest = depth;
    switch (token.type) {
      case 'alias':
        return this.alias(token, props, depth);
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'block-scalar':
        return this.scalar(token, props.tag);
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        const tag = props.tag ? this.tag(props.tag) : undefined;
        if (token.type === 'block-seq') {
          const { anchor, newlineAfterProp: nl } = props;
          const lastProp = anchor && props.tag ? (anchor.offset > props.tag.offset ? anchor : props.tag) : (anchor ?? props.tag);
          if (lastProp && (!nl || nl.offset < lastProp.offset)) bail();
        }
        const out = token.type === 'block-map' ? this.blockMap(token, depth) : token.type === 'block-seq' ? this.blockSeq(token, depth) : this.flow(token, depth);
        return tag ? wrap(this.src, longName(tag), out) : out;
      }
      default:
        return bail();
    }
  }

  /** `*name`: the anchored node again, at the alias's offsets; the budgets charged as if it were read again. */
  private alias(token: CST.FlowScalar, props: Props, depth: number): CNode {
    if (props.anchor || props.tag) bail();
    const name = token.source.substring(1);
    const target = this.anchors.get(name);
    if (!target || name.endsWith(':')) bail();
    const valueEnd = token.offset + token.source.length;
    this.r2 = resolveEnd(token.end, valueEnd, true);
    this.aliases += 1 + target.aliases;
    this.nodes += target.nodes;
    const deepest = depth + 1 + target.height;
    if (this.aliases > this.limits.maxAliases || this.nodes > this.limits.maxNodes || deepest > this.limits.maxDepth) bail();
    if (deepest > this.deepest) this.deepest = deepest;
    appendAll(this.dupWarnings, target.warnings);
    return { ...target.node, start: token.offset, end: valueEnd };
  }

  /** A scalar value (composeScalar + conv): a short-form tag, or the core schema for a plain scalar. */
  private scalar(token: CST.FlowScalar | CST.BlockScalar, tagToken: SourceToken | null): CNode {
    const tag = tagToken ? this.tag(tagToken) : undefined;
    const text = this.text(token);
    const { s: start, e: end } = this;
    if (tag) return taggedScalar(this.src, tag, text, start, end);
    const v = token.type === 'scalar' && tag === undefined ? plainValue(text) : text;
    let value: CScalar['value'];
    if (typeof v === 'number') value = Number.isFinite(v) ? v : text;
    else if (typeof v === 'string' || typeof v === 'boolean' || v === null) value = v;
    else value = String(v);
    return { kind: 'scalar', value, src: this.src, start, end };
  }

  /**
   * A scalar's text (CST.resolveAsScalar's value), its range in this.s, this.e and this.r2. A one-line plain or
   * quoted scalar without escapes is its source (less the quotes; `''` is `'`), as resolve-flow-scalar.js gives
   * it; anything else the package resolves.
   */
  private text(token: CST.FlowScalar | CST.BlockScalar): string {
    const source = token.source;
    if (token.type !== 'block-scalar' && !source.includes('\n')) {
      let value: string | undefined;
      const last = source.length - 1;
      if (token.type === 'scalar') value = source !== '' && BAD_PLAIN_START.includes(source.charAt(0)) ? undefined : source;
      else if (token.type === 'single-quoted-scalar') value = last > 0 && source[last] === "'" ? source.slice(1, -1).replace(/''/g, "'") : undefined;
      else value = last > 0 && source[last] === '"' && !source.includes('\\') ? source.slice(1, -1) : undefined;
      if (value !== undefined) {
        this.s = token.offset;
        this.e = token.offset + source.length;
        this.r2 = resolveEnd(token.end, this.e, true);
        return value;
      }
    }
    const r = CST.resolveAsScalar(token, true, bail)!;
    [this.s, this.e, this.r2] = r.range;
    return r.value;
  }

  /** composeEmptyNode: a null (or an empty short-form tagged string) where a value is missing. */
  private empty(offset: number, before: SourceToken[] | undefined, props: Props, depth: number): CNode {
    const token: CST.FlowScalar = { type: 'scalar', offset: emptyScalarPosition(offset, before, null), indent: -1, source: '' };
    const node = this.node(token, props, depth);
    if (props.comment) this.r2 = props.end;
    return node;
  }

  /** An implicit key: its text, offsets and whether it is a plain `<<`. */
  private key(token: Token | null | undefined, props: Props): { key: string; start: number; end: number; merge: boolean } {
    if (!token || props.anchor || (token.type !== 'scalar' && token.type !== 'single-quoted-scalar' && token.type !== 'double-quoted-scalar' && token.type !== 'block-scalar')) bail();
    const tag = props.tag ? this.tag(props.tag) : undefined;
    const text = this.text(token);
    const key = tag !== undefined || token.type !== 'scalar' ? text : String(plainValue(text));
    return { key, start: this.s, end: this.e, merge: key === '<<' && token.type === 'scalar' };
  }

  private blockMap(bm: CST.BlockMap, depth: number): CNode {
    const m = new MapBuilder(this.src, this.dupWarnings);
    let offset = bm.offset;
    let commentEnd: number | null = null;
    for (const { start, key, sep, value, explicitKey } of bm.items) {
      const kp = resolveProps(start, false, 'explicit-key-ind', key ?? sep?.[0], offset, bm.indent, true);
      if (kp.found || explicitKey) bail();
      if (key && (key.type === 'block-seq' || ('indent' in key && key.indent !== bm.indent))) bail();
      if (!kp.anchor && !kp.tag && !sep) {
        commentEnd = kp.end;
        continue;
      }
      if (kp.newlineAfterProp || containsNewline(key)) bail();
      const k = this.key(key, kp);
      const vp = resolveProps(sep ?? [], false, 'map-value-ind', value, this.r2, bm.indent, !key || key.type === 'block-scalar');
      offset = vp.end;
      if (!vp.found || (value?.type === 'block-map' && !vp.hasNewline) || kp.start < vp.found.offset - 1024) bail();
      const v = value ? this.node(value, vp, depth + 1) : this.empty(offset, sep, vp, depth + 1);
      offset = this.r2;
      m.add(k.key, k.start, v, k.merge);
    }
    if (commentEnd && commentEnd < offset) bail();
    this.r2 = commentEnd ?? offset;
    return m.finish(bm.offset, offset);
  }

  private blockSeq(bs: CST.BlockSequence, depth: number): CNode {
    const items: CNode[] = [];
    let offset = bs.offset;
    let commentEnd: number | null = null;
    for (const { start, value } of bs.items) {
      const p = resolveProps(start, false, 'seq-item-ind', value, offset, bs.indent, true);
      if (!p.found) {
        if (p.anchor || p.tag || value) bail();
        commentEnd = p.end;
        continue;
      }
      items.push(value ? this.node(value, p, depth + 1) : this.empty(p.end, start, p, depth + 1));
      offset = this.r2;
    }
    this.r2 = commentEnd ?? offset;
    return { kind: 'seq', items, src: this.src, start: bs.offset, end: offset };
  }

  private flow(fc: CST.FlowCollection, depth: number): CNode {
    const isMap = fc.start.source === '{';
    const m = isMap ? new MapBuilder(this.src, this.dupWarnings) : undefined;
    const items: CNode[] = [];
    let offset = fc.offset + fc.start.source.length;
    for (let i = 0; i < fc.items.length; ++i) {
      const { start, key, sep, value } = fc.items[i]!;
      const p = resolveProps(start, true, 'explicit-key-ind', key ?? sep?.[0], offset, fc.indent, false);
      if (p.found) bail();
      if (!p.anchor && !p.tag && !sep && !value) {
        if ((i === 0 && p.comma) || i < fc.items.length - 1) bail();
        offset = p.end;
        continue;
      }
      if (i === 0 ? p.comma : !p.comma) bail();
      if (!m) {
        if (sep || key) items.push(this.seqPair(fc, p, key, sep, value, depth + 1));
        else if (isBlock(value)) bail();
        else items.push(value ? this.node(value, p, depth + 1) : this.empty(p.end, sep, p, depth + 1));
        offset = this.r2;
        continue;
      }
      if (isBlock(key)) bail();
      const k = this.key(key, p);
      const vp = resolveProps(sep ?? [], true, 'map-value-ind', value, this.r2, fc.indent, false);
      if ((!vp.found && value) || isBlock(value)) bail();
      const v = value ? this.node(value, vp, depth + 1) : vp.found ? this.empty(vp.end, sep, vp, depth + 1) : this.missing(k.end, depth + 1);
      offset = value || vp.found ? this.r2 : vp.end;
      m.add(k.key, k.start, v, k.merge);
    }
    const [ce, ...ee] = fc.end;
    if (ce?.source !== (isMap ? '}' : ']')) bail();
    const cePos = ce.offset + ce.source.length;
    this.r2 = ee.length > 0 ? resolveEnd(ee, cePos, true) : cePos;
    return m ? m.finish(fc.offset, cePos) : { kind: 'seq', items, src: this.src, start: fc.offset, end: cePos };
  }

  /** `[a, k: v]`: the pair is a one-entry map (at `depth`); this.r2 is where it ends. */
  private seqPair(fc: CST.FlowCollection, p: Props, key: Token | null | undefined, sep: SourceToken[] | undefined, value: Token | undefined, depth: number): CNode {
    if (containsNewline(key) || isBlock(key)) bail();
    const k = this.key(key, p);
    const vp = resolveProps(sep ?? [], true, 'map-value-ind', value, this.r2, fc.indent, false);
    if (vp.found) {
      for (const st of sep ?? []) {
        if (st === vp.found) break;
        if (st.type === 'newline') bail();
      }
      if (p.start < vp.found.offset - 1024) bail();
    } else if (value) bail();
    if (isBlock(value)) bail();
    this.missing(0, depth); // the map itself, counted as TemplateConverter counts it
    const v = value ? this.node(value, vp, depth + 1) : vp.found ? this.empty(vp.end, sep, vp, depth + 1) : this.missing(k.end, depth + 1);
    if (!value && !vp.found) this.r2 = vp.end;
    const m = new MapBuilder(this.src, this.dupWarnings);
    m.add(k.key, k.start, v, k.merge);
    return m.finish(k.start, value || vp.found ? v.end : k.end);
  }

  /** A flow-map key without a value (`{a}`): TemplateConverter's null at the key's end. */
  private missing(at: number, depth: number): CNode {
    if (depth > this.limits.maxDepth || ++this.nodes > this.limits.maxNodes) bail();
    if (depth > this.deepest) this.deepest = depth;
    return { kind: 'scalar', value: null, src: this.src, start: at, end: at };
  }
}

/** First characters resolve-flow-scalar.js rejects in a plain scalar. */
const BAD_PLAIN_START = '\t,%|>@`';

const isBlock = (token: Token | null | undefined): boolean => !!token && (token.type === 'block-map' || token.type === 'block-seq');

/** A local tag the package leaves unresolved (with a warning): its name needs no %-decoding and has no handle. */
const LOCAL_TAG = /^![\w.:-]+$/;

/** A plain scalar's value under the core schema, as the package's findScalarTagByTest + tag.resolve give it. */
export function plainValue(text: string): unknown {
  for (const tag of PLAIN_TAGS) {
    if (!tag.test!.test(text)) continue;
    const res = tag.resolve(text, bail, RESOLVE_OPTIONS) as unknown;
    return isScalarNode(res) ? res.value : res;
  }
  return text;
}
