/**
 * Templates of HCL2 native syntax: quoted strings with escapes, heredocs (`<<EOF`, `<<-EOF`), `${…}` interpolations and
 * `%{ if }` / `%{ for }` directives with strip markers.
 */
import { minOf } from '../../util/arrays.js';
import type { Expr, TemplatePart } from './hcl-ast.js';
import { Lexer } from './hcl-lexer.js';

interface TplOptions {
  quoted: boolean;
  end: number;
  /** Indentation removed from each line (`<<-EOF`). */
  strip: number;
}

/** Where template parsing is: the parts so far, the pending text, whether whitespace is stripped next. */
interface TplState {
  parts: TemplatePart[];
  buf: string;
  bufStart: number;
  lineStart: boolean;
  stripNext: boolean;
}

export abstract class TemplateParser extends Lexer {

  /** A quoted template starting at `"`. */
  template(_q: '"'): Expr & { k: 'tpl' } {
    const s = this.i++;
    const parts = this.templateParts({ quoted: true, end: this.t.length, strip: 0 }, []);
    if (this.t[this.i] !== '"') this.fail('unterminated string: expected the closing quote', s);
    this.i++;
    return { k: 'tpl', parts, s, e: this.i };
  }

  protected heredoc(): Expr {
    const s = this.i;
    this.i += 2;
    const indent = this.t[this.i] === '-';
    if (indent) this.i++;
    const marker = this.ident();
    while (this.t[this.i] === ' ' || this.t[this.i] === '\t' || this.t[this.i] === '\r') this.i++;
    if (this.t[this.i] !== '\n') this.fail('expected a new line after the heredoc marker');
    const bodyStart = ++this.i;
    // find the closing marker: a line holding only the marker (optionally indented)
    const re = new RegExp(`^[ \\t]*${marker}[ \\t]*\\r?$`, 'm');
    re.lastIndex = 0;
    // search line by line from the body start (no copy of the rest of the file)
    let m: { index: number; 0: string } | null = null;
    for (let ls = bodyStart; ls <= this.t.length; ) {
      let le = this.t.indexOf('\n', ls);
      if (le < 0) le = this.t.length;
      const line = this.t.slice(ls, le);
      if (line.trim() === marker) {
        m = { index: ls - bodyStart, 0: line };
        break;
      }
      ls = le + 1;
    }
    void re;
    if (!m) this.fail(`unterminated heredoc: no closing line "${marker}"`, s);
    const bodyEnd = bodyStart + m.index;
    let strip = 0;
    if (indent) {
      const lines = this.t.slice(bodyStart, bodyEnd).split('\n').slice(0, -1);
      const widths = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0].length);
      strip = widths.length ? minOf(widths) : 0;
    }
    const parts = this.templateParts({ quoted: false, end: bodyEnd, strip }, []);
    this.i = bodyStart + m.index + m[0].length;
    return { k: 'tpl', parts, heredoc: true, s, e: this.i };
  }

  /**
   * Template parts up to `end` (or the closing quote when quoted), stopping at a `%{ else|endif|endfor }` directive
   * whose keyword is in `stopAt` (left unconsumed).
   */
  templateParts(o: TplOptions, stopAt: string[]): TemplatePart[] {
    const t = this.t;
    const st: TplState = { parts: [], buf: '', bufStart: this.i, lineStart: !o.quoted && (this.i === 0 || t[this.i - 1] === '\n'), stripNext: false };
    while (this.i < o.end) {
      const c = t[this.i]!;
      if (st.lineStart && o.strip > 0) {
        let n = 0;
        while (n < o.strip && (t[this.i] === ' ' || t[this.i] === '\t')) {
          this.i++;
          n++;
        }
        st.lineStart = false;
        continue;
      }
      st.lineStart = false;
      if (o.quoted && c === '"') break;
      if (o.quoted && c === '\n') this.fail('unterminated string: a quoted string cannot span lines (use a heredoc)');
      if ((c === '$' || c === '%') && t[this.i + 1] === c && t[this.i + 2] === '{') {
        st.buf += c + '{';
        this.i += 3;
        continue;
      }
      if ((c === '$' || c === '%') && t[this.i + 1] === '{') {
        if (this.sequence(st, o, stopAt, c)) return st.parts;
        continue;
      }
      if (st.stripNext) {
        if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
          this.i++;
          if (c === '\n') st.lineStart = true;
          st.bufStart = this.i;
          continue;
        }
        st.stripNext = false;
      }
      if (o.quoted && c === '\\') {
        st.buf += this.escape();
        continue;
      }
      st.buf += c;
      this.i++;
      if (c === '\n') st.lineStart = true;
    }
    this.flush(st);
    if (stopAt.length) this.fail(`expected %{ ${stopAt[stopAt.length - 1]} }`);
    return st.parts;
  }

  private flush(st: TplState): void {
    if (st.buf !== '') st.parts.push({ k: 'text', v: st.buf, s: st.bufStart, e: this.i });
    st.buf = '';
    st.bufStart = this.i;
  }

  /** `~` before the closing brace of the previous sequence / after the opening of this one. */
  private stripTrailing(st: TplState): void {
    const last = st.parts[st.parts.length - 1];
    if (st.buf !== '') st.buf = st.buf.replace(/[ \t\r\n]+$/, '');
    else if (last?.k === 'text') last.v = last.v.replace(/[ \t\r\n]+$/, '');
  }

  /** A `${ … }` interpolation or a `%{ … }` directive; true when a directive of `stopAt` ends the parts (unconsumed). */
  private sequence(st: TplState, o: TplOptions, stopAt: string[], c: string): boolean {
    const t = this.t;
    const seqStart = this.i;
    this.i += 2;
    if (t[this.i] === '~') {
      this.i++;
      this.stripTrailing(st);
    }
    if (c === '%') return this.directive(st, o, stopAt, seqStart);
    this.flush(st);
    this.nl++;
    const x = this.expr();
    this.ws();
    let strip = false;
    if (t[this.i] === '~') {
      strip = true;
      this.i++;
    }
    if (t[this.i] !== '}') this.fail(`expected "}" to close the interpolation${this.found()}`);
    this.i++;
    this.nl--;
    st.parts.push({ k: 'interp', x, s: seqStart, e: this.i });
    st.bufStart = this.i;
    st.stripNext = strip;
    return false;
  }

  private directive(st: TplState, o: TplOptions, stopAt: string[], seqStart: number): boolean {
    const save = this.i;
    this.nl++;
    this.ws();
    const kw = /^(if|else|endif|for|endfor)\b/.exec(this.t.slice(this.i, this.i + 7))?.[1];
    if (kw && stopAt.includes(kw)) {
      this.i = seqStart;
      this.nl--;
      this.flush(st);
      return true;
    }
    if (kw === 'if') this.ifDirective(st, o, seqStart);
    else if (kw === 'for') this.forDirective(st, o, seqStart);
    else {
      this.i = save;
      this.nl--;
      this.fail(kw ? `unexpected %{ ${kw} }` : 'expected if, for, else, endif or endfor after "%{"', seqStart);
    }
    return false;
  }

  /** `%{ if cond }…%{ else }…%{ endif }`, after the `%{`. */
  private ifDirective(st: TplState, o: TplOptions, seqStart: number): void {
    this.i += 2;
    const cond = this.expr();
    const strip = this.closeDirective();
    this.nl--;
    this.flush(st);
    const inner = { ...o };
    const then = this.templatePartsAfter(inner, ['else', 'endif'], strip);
    let els: TemplatePart[] = [];
    let kw2 = this.directiveKeyword();
    if (kw2 === 'else') {
      this.skipDirective('else');
      els = this.templatePartsAfter(inner, ['endif'], this.lastStrip);
      kw2 = this.directiveKeyword();
    }
    if (kw2 !== 'endif') this.fail('expected %{ endif } to close %{ if }', seqStart);
    this.skipDirective('endif');
    st.stripNext = this.lastStrip;
    st.parts.push({ k: 'if', cond, then, else: els, s: seqStart, e: this.i });
    st.bufStart = this.i;
  }

  /** `%{ for [k,] v in coll }…%{ endfor }`, after the `%{`. */
  private forDirective(st: TplState, o: TplOptions, seqStart: number): void {
    const t = this.t;
    this.i += 3;
    this.ws();
    let valVar = this.ident();
    let keyVar: string | undefined;
    this.ws();
    if (t[this.i] === ',') {
      this.i++;
      this.ws();
      keyVar = valVar;
      valVar = this.ident();
      this.ws();
    }
    if (!t.startsWith('in', this.i)) this.fail('expected "in" in %{ for }');
    this.i += 2;
    const coll = this.expr();
    const strip = this.closeDirective();
    this.nl--;
    this.flush(st);
    const body = this.templatePartsAfter({ ...o }, ['endfor'], strip);
    if (this.directiveKeyword() !== 'endfor') this.fail('expected %{ endfor } to close %{ for }', seqStart);
    this.skipDirective('endfor');
    st.stripNext = this.lastStrip;
    st.parts.push({ k: 'for', ...(keyVar !== undefined ? { keyVar } : {}), valVar, coll, body, s: seqStart, e: this.i });
    st.bufStart = this.i;
  }

  /** A backslash escape of a quoted string, at `\\`: its text. */
  private escape(): string {
    const t = this.t;
    const d = t[this.i + 1];
    const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
    if (d !== undefined && d in simple) {
      this.i += 2;
      return simple[d]!;
    }
    if (d === 'u' || d === 'U') {
      const len = d === 'u' ? 4 : 8;
      const hex = t.slice(this.i + 2, this.i + 2 + len);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) this.fail('invalid unicode escape');
      this.i += 2 + len;
      return String.fromCodePoint(parseInt(hex, 16));
    }
    this.fail(`invalid escape sequence "\\${d ?? ''}"`);
  }

  protected lastStrip = false;

  protected templatePartsAfter(o: TplOptions, stopAt: string[], strip: boolean): TemplatePart[] {
    if (strip) while (/[ \t\r\n]/.test(this.t[this.i] ?? '')) this.i++;
    const parts = this.templateParts(o, stopAt);
    return parts;
  }

  /** After the expression of `%{ if x` / `%{ for … in x`: optional `~` and `}`; returns the strip flag. */
  protected closeDirective(): boolean {
    this.ws(true);
    let strip = false;
    if (this.t[this.i] === '~') {
      strip = true;
      this.i++;
    }
    if (this.t[this.i] !== '}') this.fail(`expected "}" to close the template directive${this.found()}`);
    this.i++;
    return strip;
  }

  protected directiveKeyword(): string | undefined {
    const m = /^%\{~?[ \t\r\n]*(else|endif|endfor)\b/.exec(this.t.slice(this.i, this.i + 40));
    return m?.[1];
  }

  protected skipDirective(kw: string): void {
    const m = new RegExp(`^%\\{~?[ \\t\\r\\n]*${kw}[ \\t\\r\\n]*(~?)\\}`).exec(this.t.slice(this.i, this.i + 60));
    if (!m) this.fail(`malformed %{ ${kw} }`);
    this.i += m[0].length;
    this.lastStrip = m[1] === '~';
    if (this.lastStrip) while (/[ \t\r\n]/.test(this.t[this.i] ?? '')) this.i++;
  }
}
