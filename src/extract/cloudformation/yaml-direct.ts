/**
 * The direct YAML reader: CNodes straight from the text, for the strict subset most CloudFormation templates are
 * written in, without the `yaml` package's lexer, parser and CST (most of the cost of reading a YAML template).
 * It reads block mappings and sequences (one-line plain or quoted keys, compact `- k: v` and `- - x`), plain and
 * quoted scalars (over several lines as the lexer continues them), literal and folded block scalars, flow
 * collections (over several lines, with comments; `k: v` pairs in flow sequences; the outermost one's closing bracket
 * at its key's column, as the package's lexer allows), values on their own line, comments (at column 0 before a
 * block collection value too), the CloudFormation short-form tags, the non-specific `!` (a value read as written, a
 * quoted flow key) and other local tags (with the package's warning); escapes, folding and block scalar text are
 * resolved by the package (CST.resolveAsScalar). It builds exactly what yaml-cst.ts builds from the package's CST
 * (values, offsets and range ends, key offsets, duplicate-key and tag warnings, merge keys, depth and node budgets)
 * and REFUSES (undefined) anything else: a tab where the lexer takes it for white space, a carriage return that
 * does not end a line (CR LF endings are read: yaml-direct-crlf.ts), a byte-order mark, directives, document
 * markers past the start, anchors, aliases, `!!`/verbatim/handle tags, explicit keys, keep chomping or indentation
 * indicators, anything the package would warn or err about. Refused texts are read as before (yaml-cst.ts, then
 * yaml.ts), which stay the authority; the readers are compared on the corpus and on thousands of mutated and
 * generated texts (test/extract/cloudformation/yaml-direct.test.ts).
 * Every loop moves forward and every line is looked at a bounded number of times: linear time.
 */
import { CST } from 'yaml';
import type { CNode, ParseWarning, Src } from './yaml.js';
import { MapBuilder, taggedScalar, wrap, longName } from './yaml-nodes.js';
import { bail } from './yaml-cst-props.js';
import type { CstLimits } from './yaml-cst.js';
import { BAD_START, DirectScanner, HASH, NL, SP, TAB } from './yaml-direct-scan.js';
import { restoreOffsets, withoutCr } from './yaml-direct-crlf.js';
import { lineTable } from './json-template.js';

/** The template as CNodes, or undefined where the other readers must read it (see above). */
export function readYamlDirect(text: string, src: Src, limits: CstLimits): { root: CNode; warnings: ParseWarning[] } | undefined {
  if (/[\uFEFF\u0085\u2028\u2029]/.test(text)) return undefined;
  if (text.includes('\r')) {
    // CR LF line endings: read without the CRs, offsets moved back (yaml-direct-crlf.ts); a lone CR: refused
    const lf = withoutCr(text);
    if (!lf) return undefined;
    const r = readYamlDirect(lf.text, { file: src.file, lineCounter: lineTable(lf.text) }, limits);
    if (r) restoreOffsets(r.root, lf.cuts, src);
    return r;
  }
  try {
    const r = new DirectReader(text, src, limits);
    const root = r.document();
    return { root, warnings: r.tagWarnings.length > 0 ? [...r.tagWarnings, ...r.warnings] : r.warnings };
  } catch {
    // a refusal, or a stack overflow on deep nesting: the other readers decide
    return undefined;
  }
}

class DirectReader extends DirectScanner {
  /** Start of the line being looked at (set by content()). */
  private lineStart = 0;
  /** After a value: the start of the line after it, its range[2] (r2), whether it keeps trailing comments (a flow scalar or collection), and whether it was empty. */
  private next = 0;
  private r2 = 0;
  private absorbs = false;
  private empty = false;
  /** The empty value had a comment on its line (or, an item, before its `-`). */
  private emptyComment = false;
  /** The sequence item being read had comment lines before its `-`. */
  private itemComment = false;
  /** Where a collection that just ended stopped: the next content (this.lineStart its line), or -1. */
  private pending = -1;
  /** The deepest comment content() skipped (-1: none). */
  private deepestComment = -1;
  /** content() skipped a comment at column 0 (reset by the caller that asks). */
  private marginComment = false;
  /**
   * The blank and comment lines after the last value (to the next content): where they start, their deepest comment,
   * and whether a collection (or the empty value's separator) has taken them already.
   */
  private trailStart = 0;
  private trailComment = -1;
  private trailTaken = false;

  document(): CNode {
    const t = this.t;
    let c = this.content(0, true);
    if (c < this.n && c === this.lineStart && t.startsWith('---', c) && this.isEnd(c + 3)) c = this.content(this.lineEnd(c + 3, false));
    if (c >= this.n) bail();
    const root = this.blockNode(c, c - this.lineStart, 0);
    if (this.pending < this.n) bail();
    return root;
  }

  /** Skips blank and comment lines from the line start `q`: the offset of the next content (this.lineStart its line), or the text's length. */
  private content(q: number, docStart = false): number {
    const t = this.t;
    const n = this.n;
    for (;;) {
      let i = q;
      while (i < n && t.charCodeAt(i) === SP) i++;
      if (i >= n) return n;
      const c = t.charCodeAt(i);
      if (c === NL) {
        q = i + 1;
        continue;
      }
      if (c === HASH) {
        if (i - q > this.deepestComment) this.deepestComment = i - q;
        if (i === q) this.marginComment = true;
        const e = t.indexOf('\n', i);
        if (e < 0) return n;
        q = e + 1;
        continue;
      }
      this.lineStart = q;
      // document markers, directives: not read here
      if (i === q && !docStart && (c === 45 /* - */ || c === 46 /* . */ || c === 37) && (c === 37 || (t.startsWith(c === 45 ? '---' : '...', i) && this.isEnd(i + 3)))) bail();
      if (docStart && c === 37) bail();
      return i;
    }
  }




  /** A block collection whose first entry starts at `c` on its own line, at column `indent`. */
  private blockNode(c: number, indent: number, depth: number): CNode {
    return this.isSeqItem(c) ? this.blockSeq(c, indent, depth) : this.blockMap(c, indent, depth);
  }

  private isSeqItem(c: number): boolean {
    return this.t.charCodeAt(c) === 45 && this.isEnd(c + 1);
  }

  /**
   * After a collection's entry: its trailing comment lines more indented than the collection (kept by a flow value, as
   * the package's parser keeps them), then the next content. Returns that content's offset (this.lineStart its line)
   * and the entry's end offset in `this.r2`.
   */
  private afterEntry(indent: number): number {
    const t = this.t;
    if (this.pending >= 0) {
      const c = this.pending;
      this.pending = -1;
      return c;
    }
    this.trailTaken = false;
    if (this.absorbs) {
      // blank lines then a comment more indented than the collection: part of the value's end (repeatedly)
      let q = this.next;
      for (;;) {
        let i = q;
        while (i < this.n && t.charCodeAt(i) === SP) i++;
        if (i >= this.n) break;
        const c = t.charCodeAt(i);
        if (c === NL) {
          q = i + 1;
          continue;
        }
        if (c !== HASH || i - q <= indent) break;
        const e = t.indexOf('\n', i);
        this.r2 = e < 0 ? this.n : e + 1;
        this.next = q = this.r2;
      }
    }
    this.trailStart = this.next;
    this.deepestComment = -1;
    const c = this.content(this.next);
    this.trailComment = this.deepestComment;
    return c;
  }

  /**
   * A collection at column `indent` ends before the content at `c`: its range[2]. The package's parser gives the
   * blank and comment lines after its last value to the collection itself when one of those comments is at least
   * as deep as it (and it is not at column 0), else to its parent (as it pops collections); an empty last value's
   * separator keeps them.
   */
  private collectionEnd(c: number, indent: number): void {
    // (an empty last value took the lines already: lastEmpty)
    if (!this.trailTaken && c > this.trailStart && indent > 0 && this.trailComment >= indent) {
      this.r2 = c;
      this.trailTaken = true;
    }
    this.absorbs = false;
    this.empty = false;
    this.next = c;
    this.pending = c;
  }

  /**
   * Before a collection whose last value was empty ends at `c`: that value's separator holds the lines after it,
   * and with a comment among them the value's range[2], so the collection's end, is their end (yaml-cst.ts empty()).
   */
  private lastEmpty(c: number): void {
    if (!this.empty || this.trailTaken) return;
    if (this.emptyComment || this.trailComment >= 0) this.r2 = c;
    this.trailTaken = true;
  }

  private blockMap(c: number, indent: number, depth: number): CNode {
    this.count(depth);
    const m = new MapBuilder(this.src, this.warnings);
    const start = c;
    for (;;) {
      if (this.isSeqItem(c)) bail();
      const k = this.key(c);
      const v = this.value(k.after, indent, depth + 1, false);
      m.add(k.key, k.start, v, k.merge);
      c = this.afterEntry(indent);
      const at = c - this.lineStart;
      if (c >= this.n || at < indent) {
        this.lastEmpty(c);
        const node = m.finish(start, this.r2);
        this.collectionEnd(c, indent);
        return node;
      }
      if (at > indent) bail();
      this.absorbs = false;
      this.empty = false;
    }
  }

  private blockSeq(c: number, indent: number, depth: number): CNode {
    this.count(depth);
    const items: CNode[] = [];
    const start = c;
    let startComment = false;
    for (;;) {
      this.itemComment = startComment;
      items.push(this.value(c + 1, indent, depth + 1, true));
      c = this.afterEntry(indent);
      // comment lines before the next `-` that no collection inside took: in that item's start
      startComment = !this.trailTaken && this.trailComment >= 0;
      const at = c - this.lineStart;
      // a sequence ends at less indented content, or at its own column (a mapping's next key)
      if (c >= this.n || at < indent || (at === indent && !this.isSeqItem(c))) {
        this.lastEmpty(c);
        const node: CNode = { kind: 'seq', items, src: this.src, start, end: this.r2 };
        this.collectionEnd(c, indent);
        return node;
      }
      if (at > indent) bail();
      this.absorbs = false;
      this.empty = false;
    }
  }

  /** An implicit key at `c` (plain or quoted, one line, no tag or anchor) and the offset past its `:`. */
  private key(c: number): { key: string; start: number; merge: boolean; after: number } {
    const t = this.t;
    const ch = t.charCodeAt(c);
    let key: string;
    let i: number;
    let plain = false;
    if (ch === 34 || ch === 39) {
      i = this.quotedEnd(c);
      key = this.quotedValue(c, i);
      while (t.charCodeAt(i) === SP) i++;
    } else {
      i = this.plainEnd(c, false);
      key = String(this.typed(t.slice(c, i)));
      plain = true;
      while (t.charCodeAt(i) === SP) i++;
    }
    if (t.charCodeAt(i) !== 58 || !this.isEnd(i + 1) || i - c > 1000) bail();
    return { key, start: c, merge: plain && key === '<<', after: i + 1 };
  }




  /** A value after its `:` or `-` at `i - 1`, in a collection at column `indent` (`seq`: a sequence's item). */
  private value(i: number, indent: number, depth: number, seq: boolean, outerTag?: string): CNode {
    const t = this.t;
    while (t.charCodeAt(i) === SP) i++;
    let tag = outerTag;
    if (t.charCodeAt(i) === 33 /* ! */) {
      if (tag !== undefined) bail();
      const e = this.tagEnd(i);
      tag = this.tagName(i, e);
      i = e;
      while (t.charCodeAt(i) === SP) i++;
    }
    const ch = t.charCodeAt(i);
    if (i >= this.n || ch === NL || (ch === HASH && t.charCodeAt(i - 1) === SP)) {
      const q = this.lineEnd(i, t.charCodeAt(i - 1) === SP);
      this.marginComment = false;
      const c = q >= this.n ? this.n : this.content(q);
      const at = c - this.lineStart;
      // a comment at column 0 between an indicator and its value on a later line: after a blank line the package
      // ends the empty value there and errs on a scalar value (or reads other offsets); the other readers decide,
      // but for a block collection, which every reader reads alike (the banner comments of a `Resources:` section)
      if (c < this.n && (at > indent || (!seq && at === indent && this.isSeqItem(c)))) {
        // a scalar or flow collection on its own line, else a block collection
        if (at > indent && !this.isSeqItem(c) && !this.startsKey(c)) {
          if (this.marginComment) bail();
          return this.value(c, indent, depth, false, tag);
        }
        const inner = this.blockNode(c, at, depth);
        return tag ? wrap(this.src, longName(tag), inner) : inner;
      }
      if (this.marginComment && c < this.n) bail();
      // an empty value, where the spaces after the indicator (or tag) end: null, or an empty tagged string
      this.count(depth);
      this.r2 = i;
      this.next = q;
      this.empty = true;
      this.emptyComment = ch === HASH || (seq && this.itemComment);
      this.absorbs = false;
      if (tag) return taggedScalar(this.src, tag, '', i, i);
      return { kind: 'scalar', value: tag === undefined ? null : '', src: this.src, start: i, end: i };
    }
    if (seq) {
      if (tag === undefined) {
        // `- key: value`, `- - x`: a collection at the column of its first entry
        if (this.isSeqItem(i)) return this.blockSeq(i, i - this.lineStart, depth);
        if (this.startsKey(i)) return this.blockMap(i, i - this.lineStart, depth);
      } else if (this.startsKey(i)) bail();
    }
    return this.inline(i, tag, indent, depth);
  }

  /** Whether a compact mapping starts at `c` (a key and its `:` on this line). */
  private startsKey(c: number): boolean {
    const t = this.t;
    const ch = t.charCodeAt(c);
    let e: number;
    if (ch === 34 || ch === 39) {
      // a quoted scalar over several lines is a value, not a key
      e = this.quotedEnd(c, 0);
      if (this.quotedLines) return false;
    } else if (BAD_START.has(ch)) return false;
    else e = this.plainEnd(c, false);
    while (t.charCodeAt(e) === SP) e++;
    return t.charCodeAt(e) === 58;
  }



  /** A value on the line of its key or dash, at `i`: a scalar (plain, quoted, block) or a one-line flow collection. */
  private inline(i: number, tag: string | undefined, indent: number, depth: number): CNode {
    const t = this.t;
    const ch = t.charCodeAt(i);
    this.empty = false;
    if (ch === 124 || ch === 62) return this.blockScalar(i, tag, indent, depth);
    let node: CNode;
    let e: number;
    if (ch === 91 || ch === 123) {
      this.flowCont = indent + 1;
      const r = this.flow(i, depth);
      node = tag ? wrap(this.src, longName(tag), r) : r;
      e = r.end;
    } else {
      this.count(depth);
      if (ch === 34 || ch === 39) {
        e = this.quotedEnd(i, indent + 1);
        node = this.scalar(this.quotedValue(i, e), i, e, tag, false);
      } else {
        e = this.plainEnd(i, false, indent + 1);
        if (t.charCodeAt(e) === 58) bail();
        const source = t.slice(i, e);
        // a scalar over several lines: folded by the package
        const text = source.includes('\n') ? CST.resolveAsScalar({ type: 'scalar', offset: i, indent, source }, true, bail)!.value : source;
        node = this.scalar(text, i, e, tag, true);
      }
    }
    this.r2 = this.next = this.lineEnd(e, false);
    this.absorbs = true;
    return node;
  }



  /**
   * `|` or `>` at `h` (a value in a collection at column `indent`): its lines as the package's lexer takes them
   * (those indented deeper than the first content line's column, blank lines between them), the value resolved
   * by the package. Keep chomping, an indentation indicator, leading blank lines: not read here.
   */
  private blockScalar(h: number, tag: string | undefined, indent: number, depth: number): CNode {
    this.count(depth);
    const t = this.t;
    let i = h + 1;
    const hc = t.charCodeAt(i);
    if (hc === 45) i++;
    else if (hc === 43 || (hc >= 48 && hc <= 57)) bail();
    if (!this.isEnd(i)) bail();
    const props: CST.SourceToken[] = [{ type: 'block-scalar-header', offset: h, indent, source: t.slice(h, i) }];
    let j = i;
    while (t.charCodeAt(j) === SP) j++;
    if (j > i) props.push({ type: 'space', offset: i, indent, source: t.slice(i, j) });
    let nl = j;
    if (t.charCodeAt(j) === HASH) {
      if (j === i) bail();
      nl = t.indexOf('\n', j);
      if (nl < 0) bail();
      props.push({ type: 'comment', offset: j, indent, source: t.slice(j, nl) });
    }
    if (t.charCodeAt(nl) !== NL) bail();
    props.push({ type: 'newline', offset: nl, indent, source: '\n' });
    const body = nl + 1;
    // the first content line's column (blank lines before it are the package's to judge)
    let first = body;
    let ci = -1;
    while (ci < 0) {
      let k = first;
      while (t.charCodeAt(k) === SP) k++;
      if (k >= this.n) bail();
      if (t.charCodeAt(k) === NL) first = k + 1;
      else ci = k - first;
    }
    if (ci <= indent) bail();
    // its lines, as the lexer takes them: blank, or at least `ci` deep; less deep blank lines at its end are not its
    let end = body;
    let q = body;
    while (q < this.n) {
      let s = q;
      while (t.charCodeAt(s) === SP) s++;
      if (s >= this.n) bail();
      if (t.charCodeAt(s) === NL) {
        if (s - q > ci) end = s + 1;
        q = s + 1;
        continue;
      }
      if (s - q < ci) {
        if (t.charCodeAt(s) === TAB) bail(); // the lexer takes trailing tab-indented lines in
        break;
      }
      const e = t.indexOf('\n', s);
      end = q = e < 0 ? this.n : e + 1;
    }
    const token: CST.BlockScalar = { type: 'block-scalar', offset: h, indent, props, source: t.slice(body, end) };
    const r = CST.resolveAsScalar(token, true, bail)!;
    this.r2 = r.range[2];
    this.next = end;
    this.absorbs = false;
    return tag ? taggedScalar(this.src, tag, r.value, r.range[0], r.range[1]) : { kind: 'scalar', value: r.value, src: this.src, start: r.range[0], end: r.range[1] };
  }







}
