/**
 * The character-level half of the direct YAML reader (yaml-direct.ts): where plain and quoted scalars end as the
 * `yaml` package's lexer ends them, their values (core schema; escapes and folding resolved by the package),
 * short-form and local tags, and flow collections. Anything it does not read the way the package reads it throws
 * FALLBACK (the text goes to the other readers).
 */
import { CST } from 'yaml';
import type { CNode, CScalar, ParseWarning, Src } from './yaml.js';
import { MapBuilder, TAG_NAMES, taggedScalar, wrap, longName } from './yaml-nodes.js';
import { bail } from './yaml-cst-props.js';
import { plainValue, type CstLimits } from './yaml-cst.js';

export const SP = 32;
export const NL = 10;
export const HASH = 35;
export const TAB = 9;
const SHORT_TAGS = new Set(TAG_NAMES);
/** Characters a block plain scalar may not start with (indicators; `-` `?` `:` only before a space). */
export const BAD_START = new Set([...',[]{}#&*!|>\'"%@`'].map((c) => c.charCodeAt(0)));
/** Characters a flow plain scalar stops at. */
const FLOW_STOP = new Set([...',[]{}'].map((c) => c.charCodeAt(0)));
/** A run of characters a block plain scalar goes on over whatever follows them (plainEnd: all but tab, space, line break, `:`). */
const ORDINARY = /[^\t\n :]+/y;
/** Runs of a quoted scalar's characters that quotedEnd() need not look at: all but the quote, `\`, a line break. */
const DOUBLE_QUOTED_RUN = /[^"\\\n]+/y;
const SINGLE_QUOTED_RUN = /[^'\\\n]+/y;

export abstract class DirectScanner {
  /** Duplicate-key warnings, and the package's unresolved-tag warnings (given first, as yaml-cst.ts gives them). */
  readonly warnings: ParseWarning[] = [];
  readonly tagWarnings: ParseWarning[] = [];
  protected readonly n: number;
  protected nodes = 0;
  /** The quoted scalar read last went over several lines. */
  protected quotedLines = false;
  /** Where the flow item read last ends. */
  protected flowEnd = 0;
  /** How deep the lines of the flow collection being read must be indented. */
  protected flowCont = 1;
  /** How many flow collections the one being read is in (1: the outermost). */
  private flowLevel = 0;

  constructor(
    readonly t: string,
    readonly src: Src,
    readonly limits: CstLimits,
  ) {
    this.n = t.length;
  }

  /** Whether `i` ends a token: space, end of line, end of text. */
  protected isEnd(i: number): boolean {
    const c = this.t.charCodeAt(i);
    return i >= this.n || c === SP || c === NL;
  }

  /** After a value ending at `i`: spaces, a comment, the end of the line. Returns the offset past the newline (or the text's end). */
  protected lineEnd(i: number, spaced: boolean): number {
    const t = this.t;
    const from = spaced ? i - 1 : i;
    while (i < this.n && t.charCodeAt(i) === SP) i++;
    if (i >= this.n) return this.n;
    const c = t.charCodeAt(i);
    if (c === HASH && i > from) {
      const e = t.indexOf('\n', i);
      return e < 0 ? this.n : e + 1;
    }
    if (c !== NL) bail();
    return i + 1;
  }

  protected count(depth: number): void {
    if (depth > this.limits.maxDepth || ++this.nodes > this.limits.maxNodes) bail();
  }

  /**
   * A plain scalar starting at `c`: where it ends (before `: `, ` #`, trailing spaces; in a flow collection before
   * `,[]{}`), as the package's lexer reads it. With `cont` >= 0 it continues on lines indented at least `cont`
   * deep (and over blank lines); else it ends with its line. One that starts with an indicator is not read here.
   */
  protected plainEnd(c: number, flow: boolean, cont = -1): number {
    const t = this.t;
    const n = this.n;
    const ch = t.charCodeAt(c);
    if (BAD_START.has(ch) || ((ch === 45 || ch === 63 || ch === 58) && (this.isEnd(c + 1) || (flow && FLOW_STOP.has(t.charCodeAt(c + 1)))))) bail();
    let end = c + 1;
    for (let i = c; i < n; i++) {
      const x = t.charCodeAt(i);
      if (x === TAB) bail(); // white space to the lexer: not read here
      if (i === c) continue;
      if (!flow && x !== SP && x !== NL && x !== 58) {
        // a run of characters that only extend the scalar (none of tab, space, line break, `:`), skipped natively
        ORDINARY.lastIndex = i;
        ORDINARY.test(t);
        end = ORDINARY.lastIndex;
        i = end - 1;
        continue;
      }
      if (x === SP || x === NL) {
        if (t.charCodeAt(i + 1) === HASH) break;
        if (x === NL) {
          if (cont < 0) break;
          let j = i + 1;
          while (t.charCodeAt(j) === SP) j++;
          if (j < n && t.charCodeAt(j) !== NL && j - i - 1 < cont) break;
          if (j >= n && j - i - 1 < cont) break;
          if (j - 2 > i) i = j - 2;
        }
        continue;
      }
      if (x === 58 /* : */) {
        const y = t.charCodeAt(i + 1);
        if (i + 1 >= n || y === SP || y === NL || (flow && FLOW_STOP.has(y))) break;
      } else if (flow && FLOW_STOP.has(x)) break;
      end = i + 1;
    }
    return end;
  }

  /**
   * The offset past a quoted scalar starting at `c`. With `cont` >= 0 it may go on over lines that are blank or
   * indented at least `cont` deep (as the package's lexer requires); else it ends with its line.
   */
  protected quotedEnd(c: number, cont = -1): number {
    const t = this.t;
    const q = t.charCodeAt(c);
    this.quotedLines = false;
    const plain = q === 34 ? DOUBLE_QUOTED_RUN : SINGLE_QUOTED_RUN;
    for (let i = c + 1; i < this.n; i++) {
      let x = t.charCodeAt(i);
      if (x !== NL && x !== q && x !== 92) {
        // a run of characters that neither end the scalar nor escape (none of the quote, `\`, a line break), skipped natively
        plain.lastIndex = i;
        plain.test(t);
        i = plain.lastIndex - 1;
        continue;
      }
      if (x === 92 && q === 34) {
        x = t.charCodeAt(++i);
        if (x !== NL) continue;
      }
      if (x === NL) {
        if (cont < 0) break;
        this.quotedLines = true;
        let j = i + 1;
        while (t.charCodeAt(j) === SP) j++;
        if (j >= this.n || (t.charCodeAt(j) !== NL && j - i - 1 < cont)) break;
        continue;
      }
      if (x === q) {
        if (q === 39 && t.charCodeAt(i + 1) === 39) {
          i++;
          continue;
        }
        return i + 1;
      }
    }
    return bail();
  }

  /** The quoted scalar from `c` to `end` that quotedEnd() read last: its value. */
  protected quotedValue(c: number, end: number): string {
    const t = this.t;
    const type = t.charCodeAt(c) === 39 ? 'single-quoted-scalar' : 'double-quoted-scalar';
    if (this.quotedLines) {
      // over several lines: folded by the package
      return CST.resolveAsScalar({ type, offset: c, indent: 0, source: t.slice(c, end) }, true, bail)!.value;
    }
    if (type === 'single-quoted-scalar') {
      const s = t.slice(c + 1, end - 1);
      return s.includes("''") ? s.replace(/''/g, "'") : s;
    }
    const s = t.slice(c + 1, end - 1);
    if (!s.includes('\\')) return s;
    const token: CST.FlowScalar = { type, offset: c, indent: 0, source: t.slice(c, end) };
    return CST.resolveAsScalar(token, true, bail)!.value;
  }

  /** A tag `!Name`, or the non-specific `!`, at `i`: the offset past it (which must be followed by a space or the line's end). */
  protected tagEnd(i: number): number {
    const t = this.t;
    let e = i + 1;
    for (let c = t.charCodeAt(e); (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 58) || c === 95 || c === 46 || c === 45; c = t.charCodeAt(++e));
    if (!this.isEnd(e)) bail();
    return e;
  }

  /**
   * A tag's short-form name, or '' for the non-specific `!` (the node read as written: a scalar is a string) and for
   * another local tag, read as written with the package's warning.
   */
  protected tagName(i: number, e: number): string {
    if (e === i + 1) return '';
    const name = this.t.slice(i + 1, e);
    if (SHORT_TAGS.has(name)) return name;
    const p = this.src.lineCounter.linePos(i);
    this.tagWarnings.push({ message: `Unresolved tag: !${name}`, line: p.line, column: p.col });
    return '';
  }

  /**
   * A plain scalar's core-schema value (plainValue), without its eight patterns for text starting with a letter:
   * only `null`, `true`, `false` (in their three spellings) start with one, all four or five letters long.
   */
  protected typed(text: string): unknown {
    const c = text.charCodeAt(0) | 32;
    if (c >= 97 && c <= 122 && ((c !== 110 && c !== 116 && c !== 102) || (text.length !== 4 && text.length !== 5))) return text;
    return plainValue(text);
  }

  protected scalar(text: string, start: number, end: number, tag: string | undefined, plain: boolean): CNode {
    if (tag) return taggedScalar(this.src, tag, text, start, end);
    let value: CScalar['value'] = text;
    if (plain && tag === undefined) {
      const v = this.typed(text);
      if (typeof v === 'number') value = Number.isFinite(v) ? v : text;
      else if (typeof v === 'string' || typeof v === 'boolean' || v === null) value = v;
      else value = String(v);
    }
    return { kind: 'scalar', value, src: this.src, start, end };
  }

  /**
   * A flow collection at `c`, over lines indented at least this.flowCont deep (comments after a space allowed). A
   * plain scalar in it ends on its line (one going on to the next line is not read here), a key before its `:`.
   */
  protected flow(c: number, depth: number): CNode {
    this.count(depth);
    this.flowLevel++;
    const t = this.t;
    const isMap = t.charCodeAt(c) === 123;
    const close = isMap ? 125 : 93;
    const m = isMap ? new MapBuilder(this.src, this.warnings) : undefined;
    const items: CNode[] = [];
    let i = this.skip(c + 1);
    if (t.charCodeAt(i) !== close) {
      for (;;) {
        if (m) {
          const k = this.flowKey(i);
          i = this.skip(k.after);
          const v = this.flowItem(i, depth + 1);
          m.add(k.key, k.start, v, k.merge);
        } else if (this.flowStartsKey(i)) {
          // `[a, k: v]`: the pair is a one-entry mapping spanning key to value (counted as the composer counts it)
          this.count(depth + 1);
          const k = this.flowKey(i);
          const v = this.flowItem(this.skip(k.after), depth + 2);
          const pair = new MapBuilder(this.src, this.warnings);
          pair.add(k.key, k.start, v, k.merge);
          items.push(pair.finish(k.start, v.end));
        } else {
          items.push(this.flowItem(i, depth + 1));
        }
        i = this.skip(this.flowEnd);
        const x = t.charCodeAt(i);
        if (x === close) break;
        if (x !== 44 /* , */) bail();
        i = this.skip(i + 1);
        if (t.charCodeAt(i) === close) bail(); // a trailing comma: left to the other readers
      }
    }
    const end = i + 1;
    this.flowLevel--;
    return m ? m.finish(c, end) : { kind: 'seq', items, src: this.src, start: c, end };
  }

  /** Past spaces, line breaks and comments inside a flow collection: the next token. */
  protected skip(i: number): number {
    const t = this.t;
    for (;;) {
      const x = t.charCodeAt(i);
      if (x === SP) i++;
      else if (x === NL) {
        let j = i + 1;
        while (t.charCodeAt(j) === SP) j++;
        const y = t.charCodeAt(j);
        // a less indented line: only the outermost collection's closing bracket, at its key's or dash's column (the
        // package's lexer allows it there, yaml issue 460)
        if (y !== NL && j - i - 1 < this.flowCont && !(j - i === this.flowCont && this.flowLevel === 1 && (y === 93 || y === 125))) bail();
        i = j;
      } else if (x === HASH && (t.charCodeAt(i - 1) === SP || t.charCodeAt(i - 1) === NL)) {
        i = t.indexOf('\n', i);
        if (i < 0) bail();
      } else if (i >= this.n) return bail();
      else return i;
    }
  }

  /** After a plain scalar in a flow collection ending at `e`: whether it goes on over the next line (not read here). */
  protected flowPlainGoesOn(e: number): boolean {
    const t = this.t;
    let i = e;
    while (t.charCodeAt(i) === SP) i++;
    if (t.charCodeAt(i) !== NL) return false;
    while (t.charCodeAt(i) === SP || t.charCodeAt(i) === NL) i++;
    const x = t.charCodeAt(i);
    return !(FLOW_STOP.has(x) || x === HASH);
  }

  /** After a non-specific tag `!` and spaces at `i`, a quoted scalar: its offset (a flow key read as written), else -1. */
  protected tagQuoted(i: number): number {
    const t = this.t;
    if (t.charCodeAt(i) !== 33 || t.charCodeAt(i + 1) !== SP) return -1;
    let j = i + 2;
    while (t.charCodeAt(j) === SP) j++;
    const q = t.charCodeAt(j);
    return q === 34 || q === 39 ? j : -1;
  }

  protected flowStartsKey(i: number): boolean {
    const t = this.t;
    const tq = this.tagQuoted(i);
    if (tq >= 0) i = tq;
    const ch = t.charCodeAt(i);
    let e: number;
    if (ch === 34 || ch === 39) e = this.quotedEnd(i);
    else if (ch === 91 || ch === 123 || ch === 33) return false;
    else e = this.plainEnd(i, true);
    while (t.charCodeAt(e) === SP) e++;
    return t.charCodeAt(e) === 58;
  }

  protected flowKey(i: number): { key: string; start: number; merge: boolean; after: number } {
    const t = this.t;
    // `! "key"`: the key is the quoted text, its offset the scalar's (the package's key range leaves the tag out)
    const from = i;
    const tq = this.tagQuoted(i);
    if (tq >= 0) i = tq;
    const ch = t.charCodeAt(i);
    let key: string;
    let e: number;
    let plain = false;
    if (ch === 34 || ch === 39) {
      e = this.quotedEnd(i);
      key = this.quotedValue(i, e);
    } else {
      e = this.plainEnd(i, true);
      key = String(this.typed(t.slice(i, e)));
      plain = true;
    }
    let j = e;
    while (t.charCodeAt(j) === SP) j++;
    const after = t.charCodeAt(j + 1);
    // after a quoted key the `:` needs no space (JSON style)
    if (t.charCodeAt(j) !== 58 || (after !== SP && after !== NL && plain) || j - from > 1000) bail();
    return { key, start: i, merge: plain && key === '<<', after: j + 1 };
  }

  /** A value inside a flow collection at `i`: a scalar, a tagged value, a nested collection. */
  protected flowItem(i: number, depth: number): CNode {
    const t = this.t;
    let tag: string | undefined;
    if (t.charCodeAt(i) === 33) {
      const e = this.tagEnd(i);
      tag = this.tagName(i, e);
      i = this.skip(e);
    }
    const ch = t.charCodeAt(i);
    if (ch === 91 || ch === 123) {
      const r = this.flow(i, depth);
      this.flowEnd = r.end;
      return tag ? wrap(this.src, longName(tag), r) : r;
    }
    this.count(depth);
    if (ch === 34 || ch === 39) {
      const e = this.quotedEnd(i, this.flowCont);
      this.flowEnd = e;
      return this.scalar(this.quotedValue(i, e), i, e, tag, false);
    }
    const e = this.plainEnd(i, true);
    if (t.charCodeAt(e) === 58 || this.flowPlainGoesOn(e)) bail();
    this.flowEnd = e;
    return this.scalar(t.slice(i, e), i, e, tag, true);
  }
}
