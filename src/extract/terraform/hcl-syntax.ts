/**
 * HCL2 native syntax parser (Terraform `.tf`, `.tfvars`, `templatefile` templates), hand-written recursive descent
 * following HashiCorp's spec (hcl/hclsyntax/spec.md). Every node keeps its character offsets so lines and columns
 * are exact. See `hcl.ts` for why this is hand-written rather than taken from the registry.
 *
 * Covered: bodies (attributes, blocks with quoted/identifier labels, one-line blocks), comments (`#`, `//`,
 * `/* *\/`), literals, numbers, quoted templates with escapes, `${…}` / `%{ if }` / `%{ for }` and strip markers,
 * heredocs (`<<EOF`, `<<-EOF`), tuples, objects (`=` or `:`), function calls with `...`, attribute / index /
 * legacy `.0` / splat traversals, unary and binary operators with precedence, conditionals, `for` expressions.
 */
import { minOf } from '../../util/arrays.js';

export class HclSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'HclSyntaxError';
  }
}

export interface Node {
  /** Start and end character offsets in the source text. */
  s: number;
  e: number;
}

export type TemplatePart =
  | { k: 'text'; v: string; s: number; e: number }
  | { k: 'interp'; x: Expr; s: number; e: number }
  | { k: 'if'; cond: Expr; then: TemplatePart[]; else: TemplatePart[]; s: number; e: number }
  | { k: 'for'; keyVar?: string; valVar: string; coll: Expr; body: TemplatePart[]; s: number; e: number };

export type Traverser =
  | { k: 'attr'; name: string; s: number; e: number }
  | { k: 'index'; key: Expr; s: number; e: number }
  | { k: 'splat'; s: number; e: number; full: boolean };

export type Expr = Node &
  (
    | { k: 'lit'; v: string | number | boolean | null }
    | { k: 'tpl'; parts: TemplatePart[]; heredoc?: boolean }
    | { k: 'tuple'; items: Expr[] }
    | { k: 'object'; items: { key: Expr; keyName?: string; value: Expr; s: number; e: number }[] }
    | { k: 'var'; name: string }
    | { k: 'trav'; obj: Expr; steps: Traverser[] }
    | { k: 'call'; name: string; args: Expr[]; expand: boolean }
    | { k: 'cond'; cond: Expr; then: Expr; else: Expr }
    | { k: 'bin'; op: string; l: Expr; r: Expr }
    | { k: 'un'; op: '!' | '-'; x: Expr }
    | { k: 'paren'; x: Expr }
    | {
        k: 'for';
        keyVar?: string;
        valVar: string;
        coll: Expr;
        keyExpr?: Expr;
        valExpr: Expr;
        cond?: Expr;
        group: boolean;
        object: boolean;
      }
  );

/**
 * Calls `visit` on every direct child expression of `e` (template directives included: `%{ if }` conditions and
 * `%{ for }` collections, their bodies' interpolations). Traversals: the object and index keys. The one walker the
 * expression scanners (references, inputs read) share.
 */
export function forEachChild(e: Expr, visit: (x: Expr | undefined) => void): void {
  const parts = (ps: TemplatePart[]): void => {
    for (const p of ps) {
      if (p.k === 'interp') visit(p.x);
      else if (p.k === 'if') {
        visit(p.cond);
        parts(p.then);
        parts(p.else);
      } else if (p.k === 'for') {
        visit(p.coll);
        parts(p.body);
      }
    }
  };
  switch (e.k) {
    case 'trav':
      visit(e.obj);
      for (const st of e.steps) if (st.k === 'index') visit(st.key);
      return;
    case 'tpl':
      parts(e.parts);
      return;
    case 'tuple':
      for (const x of e.items) visit(x);
      return;
    case 'object':
      for (const it of e.items) {
        visit(it.key);
        visit(it.value);
      }
      return;
    case 'call':
      for (const x of e.args) visit(x);
      return;
    case 'cond':
      visit(e.cond);
      visit(e.then);
      visit(e.else);
      return;
    case 'bin':
      visit(e.l);
      visit(e.r);
      return;
    case 'un':
    case 'paren':
      visit(e.x);
      return;
    case 'for':
      visit(e.coll);
      visit(e.keyExpr);
      visit(e.valExpr);
      visit(e.cond);
      return;
    case 'var':
    case 'lit':
      return;
  }
}

export interface Attribute extends Node {
  kind: 'attribute';
  name: string;
  expr: Expr;
}

export interface Block extends Node {
  kind: 'block';
  type: string;
  labels: string[];
  body: Body;
}

export interface Body {
  items: (Attribute | Block)[];
}

/** Comments found while parsing (for `# iam-policy-gate:ignore` suppressions). */
export interface Comment {
  text: string;
  s: number;
}

export interface ParsedFile {
  body: Body;
  comments: Comment[];
}

const MAX_DEPTH = 200;

function isIdStart(c: string): boolean {
  if (c === '') return false;
  const k = c.charCodeAt(0);
  return (k >= 97 && k <= 122) || (k >= 65 && k <= 90) || k === 95 || k > 127;
}
function isIdChar(c: string): boolean {
  if (c === '') return false;
  const k = c.charCodeAt(0);
  return (k >= 97 && k <= 122) || (k >= 65 && k <= 90) || (k >= 48 && k <= 57) || k === 95 || k === 45 || k > 127;
}

const BINARY_PRECEDENCE: Record<string, number> = {
  '||': 1,
  '&&': 2,
  '==': 3,
  '!=': 3,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  '/': 6,
  '%': 6,
};

class Parser {
  private i = 0;
  /** > 0 inside brackets, where newlines are plain whitespace. */
  private nl = 0;
  private depth = 0;
  readonly comments: Comment[] = [];

  constructor(private readonly t: string) {}

  fail(message: string, at = this.i): never {
    throw new HclSyntaxError(message, at);
  }

  private enter(): void {
    if (++this.depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH} levels`);
  }

  private leave(): void {
    this.depth--;
  }

  /** Skip spaces and comments; newlines too when `newlines` (or inside brackets). */
  ws(newlines = this.nl > 0): void {
    const t = this.t;
    for (;;) {
      const c = t[this.i];
      if (c === ' ' || c === '\t' || c === '\r' || c === '\ufeff') this.i++;
      else if (c === '\n' && newlines) this.i++;
      else if (c === '#' || (c === '/' && t[this.i + 1] === '/')) {
        const s = this.i;
        while (this.i < t.length && t[this.i] !== '\n') this.i++;
        this.comments.push({ text: t.slice(s, this.i), s });
      } else if (c === '/' && t[this.i + 1] === '*') {
        const s = this.i;
        const end = t.indexOf('*/', this.i + 2);
        if (end < 0) this.fail('unterminated comment /* … */');
        this.i = end + 2;
        this.comments.push({ text: t.slice(s, this.i), s });
      } else return;
    }
  }

  private peek(s: string): boolean {
    return this.t.startsWith(s, this.i);
  }

  private expect(s: string, what?: string): void {
    this.ws();
    if (!this.peek(s)) this.fail(`expected ${what ?? `"${s}"`}${this.found()}`);
    this.i += s.length;
  }

  private found(): string {
    if (this.i >= this.t.length) return ', found the end of the file';
    const c = this.t[this.i]!;
    return c === '\n' ? ', found a new line' : `, found "${this.t.slice(this.i, this.i + 12).split('\n')[0]}"`;
  }

  private ident(): string {
    const s = this.i;
    if (!isIdStart(this.t[this.i] ?? '')) this.fail(`expected a name${this.found()}`);
    while (this.i < this.t.length && isIdChar(this.t[this.i]!)) this.i++;
    return this.t.slice(s, this.i);
  }

  // --- bodies --------------------------------------------------------------------------------------------------

  file(): ParsedFile {
    const body = this.body(true);
    return { body, comments: this.comments };
  }

  body(top: boolean): Body {
    const items: (Attribute | Block)[] = [];
    const saved = this.nl;
    this.nl = 0;
    for (;;) {
      this.ws(true);
      if (this.i >= this.t.length) {
        if (!top) this.fail('unclosed block: expected "}"');
        break;
      }
      if (this.t[this.i] === '}') {
        if (top) this.fail('unexpected "}"');
        break;
      }
      const s = this.i;
      const name = this.ident();
      this.ws(false);
      const c = this.t[this.i];
      if (c === '=' && this.t[this.i + 1] !== '=') {
        this.i++;
        const expr = this.expr();
        this.endOfItem();
        items.push({ kind: 'attribute', name, expr, s, e: expr.e });
      } else {
        const labels: string[] = [];
        for (;;) {
          this.ws(false);
          const d = this.t[this.i];
          if (d === '"') {
            const lit = this.template('"');
            if (lit.parts.some((p) => p.k !== 'text')) this.fail('block labels cannot contain interpolations', lit.s);
            labels.push(lit.parts.map((p) => (p.k === 'text' ? p.v : '')).join(''));
          } else if (d !== undefined && isIdStart(d)) labels.push(this.ident());
          else break;
        }
        if (this.t[this.i] !== '{') this.fail(`expected "=" or "{" after "${name}"${this.found()}`);
        this.i++;
        this.enter();
        const inner = this.body(false);
        this.leave();
        this.i++; // }
        const e = this.i;
        this.endOfItem();
        items.push({ kind: 'block', type: name, labels, body: inner, s, e });
      }
    }
    this.nl = saved;
    return { items };
  }

  private endOfItem(): void {
    this.ws(false);
    const c = this.t[this.i];
    if (c === undefined || c === '\n' || c === '}') return;
    this.fail(`expected a new line after the attribute or block${this.found()}`);
  }

  // --- expressions ---------------------------------------------------------------------------------------------

  expr(): Expr {
    this.enter();
    const cond = this.binary(0);
    this.ws();
    let out: Expr = cond;
    if (this.t[this.i] === '?') {
      this.i++;
      this.nl++;
      const then = this.expr();
      this.expect(':');
      this.nl--;
      const els = this.expr();
      out = { k: 'cond', cond, then, else: els, s: cond.s, e: els.e };
    }
    this.leave();
    return out;
  }

  private binaryOp(): string | undefined {
    this.ws();
    const two = this.t.slice(this.i, this.i + 2);
    if (two in BINARY_PRECEDENCE) return two;
    const one = this.t[this.i] ?? '';
    if (one === '=' || one === '!' || one === '&' || one === '|') return undefined;
    if (one === '/' && (this.t[this.i + 1] === '/' || this.t[this.i + 1] === '*')) return undefined;
    return one in BINARY_PRECEDENCE ? one : undefined;
  }

  private binary(min: number): Expr {
    let l = this.unary();
    for (;;) {
      const save = this.i;
      const op = this.binaryOp();
      if (!op || BINARY_PRECEDENCE[op]! <= min) {
        this.i = save;
        return l;
      }
      this.i += op.length;
      const r = this.binary(BINARY_PRECEDENCE[op]!);
      l = { k: 'bin', op, l, r, s: l.s, e: r.e };
    }
  }

  private unary(): Expr {
    this.ws();
    const c = this.t[this.i];
    if ((c === '!' || c === '-') && this.t[this.i + 1] !== '=') {
      const s = this.i++;
      this.enter();
      const x = this.unary();
      this.leave();
      return { k: 'un', op: c, x, s, e: x.e };
    }
    return this.postfix(this.primary());
  }

  private postfix(obj: Expr): Expr {
    const steps: Traverser[] = [];
    for (;;) {
      const save = this.i;
      this.ws();
      const c = this.t[this.i];
      if (c === '.' && this.t[this.i + 1] !== '.') {
        const s = this.i++;
        if (this.t[this.i] === '*') {
          this.i++;
          steps.push({ k: 'splat', full: false, s, e: this.i });
        } else if (/[0-9]/.test(this.t[this.i] ?? '')) {
          const ns = this.i;
          while (/[0-9]/.test(this.t[this.i] ?? '')) this.i++;
          const v = Number(this.t.slice(ns, this.i));
          steps.push({ k: 'index', key: { k: 'lit', v, s: ns, e: this.i }, s, e: this.i });
        } else {
          const name = this.ident();
          steps.push({ k: 'attr', name, s, e: this.i });
        }
      } else if (c === '[') {
        const s = this.i++;
        this.nl++;
        this.ws();
        if (this.t[this.i] === '*') {
          this.i++;
          this.expect(']');
          steps.push({ k: 'splat', full: true, s, e: this.i });
        } else {
          const key = this.expr();
          this.expect(']');
          steps.push({ k: 'index', key, s, e: this.i });
        }
        this.nl--;
      } else {
        this.i = save;
        break;
      }
    }
    if (steps.length === 0) return obj;
    return { k: 'trav', obj, steps, s: obj.s, e: steps[steps.length - 1]!.e };
  }

  private primary(): Expr {
    this.ws();
    const s = this.i;
    const c = this.t[this.i];
    if (c === undefined) this.fail('expected an expression, found the end of the file');
    if (c === '"') return this.template('"');
    if (c === '<' && this.peek('<<')) return this.heredoc();
    if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(this.t.slice(this.i, this.i + 400))!;
      this.i += m[0].length;
      return { k: 'lit', v: Number(m[0]), s, e: this.i };
    }
    if (c === '(') {
      this.i++;
      this.nl++;
      const x = this.expr();
      this.expect(')');
      this.nl--;
      return { k: 'paren', x, s, e: this.i };
    }
    if (c === '[') return this.tuple();
    if (c === '{') return this.object();
    if (isIdStart(c)) {
      const name = this.ident();
      if (name === 'true' || name === 'false') return { k: 'lit', v: name === 'true', s, e: this.i };
      if (name === 'null') return { k: 'lit', v: null, s, e: this.i };
      // provider-defined functions: provider::aws::arn_parse(...)
      let fname = name;
      while (this.peek('::')) {
        this.i += 2;
        fname += '::' + this.ident();
      }
      const save = this.i;
      this.ws(false);
      if (this.t[this.i] === '(') {
        this.i++;
        this.nl++;
        const args: Expr[] = [];
        let expand = false;
        this.ws();
        while (this.t[this.i] !== ')') {
          args.push(this.expr());
          this.ws();
          if (this.peek('...')) {
            this.i += 3;
            expand = true;
            this.ws();
          }
          if (this.t[this.i] === ',') {
            this.i++;
            this.ws();
          } else if (this.t[this.i] !== ')') this.fail(`expected "," or ")" in the arguments of ${fname}()${this.found()}`);
        }
        this.i++;
        this.nl--;
        return { k: 'call', name: fname, args, expand, s, e: this.i };
      }
      this.i = save;
      if (fname !== name) this.fail(`expected "(" after ${fname}`);
      return { k: 'var', name, s, e: this.i };
    }
    this.fail(`expected an expression${this.found()}`);
  }

  private isForKeyword(): boolean {
    return /^for[ \t\r\n]/.test(this.t.slice(this.i, this.i + 4));
  }

  private tuple(): Expr {
    const s = this.i++;
    this.nl++;
    this.enter();
    this.ws();
    if (this.isForKeyword()) {
      const f = this.forExpr(s, ']', false);
      this.leave();
      this.nl--;
      return f;
    }
    const items: Expr[] = [];
    while (this.t[this.i] !== ']') {
      items.push(this.expr());
      this.ws();
      if (this.t[this.i] === ',') {
        this.i++;
        this.ws();
      } else if (this.t[this.i] !== ']') this.fail(`expected "," or "]" in the list${this.found()}`);
    }
    this.i++;
    this.leave();
    this.nl--;
    return { k: 'tuple', items, s, e: this.i };
  }

  private object(): Expr {
    const s = this.i++;
    this.nl++;
    this.enter();
    this.ws();
    if (this.isForKeyword()) {
      const f = this.forExpr(s, '}', true);
      this.leave();
      this.nl--;
      return f;
    }
    const items: { key: Expr; keyName?: string; value: Expr; s: number; e: number }[] = [];
    while (this.t[this.i] !== '}') {
      if (this.i >= this.t.length) this.fail('unclosed object: expected "}"');
      const key = this.expr();
      const keyName =
        key.k === 'var' ? key.name : key.k === 'lit' && key.v !== null ? String(key.v) : undefined;
      this.ws();
      const d = this.t[this.i];
      if ((d !== '=' && d !== ':') || this.t[this.i + 1] === '=') this.fail(`expected "=" or ":" after the object key${this.found()}`);
      this.i++;
      const value = this.expr();
      items.push({ key, ...(keyName !== undefined ? { keyName } : {}), value, s: key.s, e: value.e });
      this.ws();
      if (this.t[this.i] === ',') {
        this.i++;
        this.ws();
      } else if (this.t[this.i] !== '}' && this.t[this.i - 1] !== '\n' && !/\n[ \t]*$/.test(this.t.slice(value.e, this.i))) {
        this.fail(`expected "," or a new line between object items${this.found()}`);
      }
    }
    this.i++;
    this.leave();
    this.nl--;
    return { k: 'object', items, s, e: this.i };
  }

  private forExpr(s: number, close: string, object: boolean): Expr {
    this.i += 3;
    this.ws();
    let valVar = this.ident();
    let keyVar: string | undefined;
    this.ws();
    if (this.t[this.i] === ',') {
      this.i++;
      this.ws();
      keyVar = valVar;
      valVar = this.ident();
    }
    this.ws();
    if (!this.peek('in')) this.fail(`expected "in" in the for expression${this.found()}`);
    this.i += 2;
    const coll = this.expr();
    this.expect(':');
    let keyExpr: Expr | undefined;
    let valExpr = this.expr();
    let group = false;
    if (object) {
      this.expect('=>');
      keyExpr = valExpr;
      valExpr = this.expr();
      this.ws();
      if (this.peek('...')) {
        this.i += 3;
        group = true;
      }
    }
    this.ws();
    let cond: Expr | undefined;
    if (/^if[ \t\r\n(]/.test(this.t.slice(this.i, this.i + 3))) {
      this.i += 2;
      cond = this.expr();
    }
    this.expect(close);
    return {
      k: 'for',
      ...(keyVar !== undefined ? { keyVar } : {}),
      valVar,
      coll,
      ...(keyExpr ? { keyExpr } : {}),
      valExpr,
      ...(cond ? { cond } : {}),
      group,
      object,
      s,
      e: this.i,
    };
  }

  // --- templates -----------------------------------------------------------------------------------------------

  /** A quoted template starting at `"`. */
  template(_q: '"'): Expr & { k: 'tpl' } {
    const s = this.i++;
    const parts = this.templateParts({ quoted: true, end: this.t.length, strip: 0 }, []);
    if (this.t[this.i] !== '"') this.fail('unterminated string: expected the closing quote', s);
    this.i++;
    return { k: 'tpl', parts, s, e: this.i };
  }

  private heredoc(): Expr {
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
  templateParts(o: { quoted: boolean; end: number; strip: number }, stopAt: string[]): TemplatePart[] {
    const t = this.t;
    const parts: TemplatePart[] = [];
    let buf = '';
    let bufStart = this.i;
    let lineStart = !o.quoted && (this.i === 0 || t[this.i - 1] === '\n');
    const flush = () => {
      if (buf !== '') parts.push({ k: 'text', v: buf, s: bufStart, e: this.i });
      buf = '';
      bufStart = this.i;
    };
    const stripTrailing = () => {
      // `~` before the closing brace of the previous sequence / after the opening of this one
      const last = parts[parts.length - 1];
      if (buf !== '') buf = buf.replace(/[ \t\r\n]+$/, '');
      else if (last?.k === 'text') last.v = last.v.replace(/[ \t\r\n]+$/, '');
    };
    let stripNext = false;
    while (this.i < o.end) {
      const c = t[this.i]!;
      if (lineStart && o.strip > 0) {
        let n = 0;
        while (n < o.strip && (t[this.i] === ' ' || t[this.i] === '\t')) {
          this.i++;
          n++;
        }
        lineStart = false;
        continue;
      }
      lineStart = false;
      if (o.quoted && c === '"') break;
      if (o.quoted && c === '\n') this.fail('unterminated string: a quoted string cannot span lines (use a heredoc)');
      if ((c === '$' || c === '%') && t[this.i + 1] === c && t[this.i + 2] === '{') {
        buf += c + '{';
        this.i += 3;
        continue;
      }
      if ((c === '$' || c === '%') && t[this.i + 1] === '{') {
        const seqStart = this.i;
        this.i += 2;
        if (t[this.i] === '~') {
          this.i++;
          stripTrailing();
        }
        if (c === '%') {
          const save = this.i;
          this.nl++;
          this.ws();
          const kw = /^(if|else|endif|for|endfor)\b/.exec(t.slice(this.i, this.i + 7))?.[1];
          if (kw && stopAt.includes(kw)) {
            this.i = seqStart;
            this.nl--;
            flush();
            return parts;
          }
          if (kw === 'if') {
            this.i += 2;
            const cond = this.expr();
            stripNext = this.closeDirective();
            this.nl--;
            flush();
            const inner = { ...o };
            const then = this.templatePartsAfter(inner, ['else', 'endif'], stripNext);
            let els: TemplatePart[] = [];
            let kw2 = this.directiveKeyword();
            if (kw2 === 'else') {
              this.skipDirective('else');
              els = this.templatePartsAfter(inner, ['endif'], this.lastStrip);
              kw2 = this.directiveKeyword();
            }
            if (kw2 !== 'endif') this.fail('expected %{ endif } to close %{ if }', seqStart);
            this.skipDirective('endif');
            stripNext = this.lastStrip;
            parts.push({ k: 'if', cond, then, else: els, s: seqStart, e: this.i });
            bufStart = this.i;
            continue;
          }
          if (kw === 'for') {
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
            stripNext = this.closeDirective();
            this.nl--;
            flush();
            const body = this.templatePartsAfter({ ...o }, ['endfor'], stripNext);
            if (this.directiveKeyword() !== 'endfor') this.fail('expected %{ endfor } to close %{ for }', seqStart);
            this.skipDirective('endfor');
            stripNext = this.lastStrip;
            parts.push({ k: 'for', ...(keyVar !== undefined ? { keyVar } : {}), valVar, coll, body, s: seqStart, e: this.i });
            bufStart = this.i;
            continue;
          }
          this.i = save;
          this.nl--;
          this.fail(kw ? `unexpected %{ ${kw} }` : 'expected if, for, else, endif or endfor after "%{"', seqStart);
        }
        flush();
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
        parts.push({ k: 'interp', x, s: seqStart, e: this.i });
        bufStart = this.i;
        stripNext = strip;
        continue;
      }
      if (stripNext) {
        if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
          this.i++;
          if (c === '\n') lineStart = true;
          bufStart = this.i;
          continue;
        }
        stripNext = false;
      }
      if (o.quoted && c === '\\') {
        const d = t[this.i + 1];
        const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
        if (d !== undefined && d in simple) {
          buf += simple[d];
          this.i += 2;
          continue;
        }
        if (d === 'u' || d === 'U') {
          const len = d === 'u' ? 4 : 8;
          const hex = t.slice(this.i + 2, this.i + 2 + len);
          if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) this.fail('invalid unicode escape');
          buf += String.fromCodePoint(parseInt(hex, 16));
          this.i += 2 + len;
          continue;
        }
        this.fail(`invalid escape sequence "\\${d ?? ''}"`);
      }
      buf += c;
      this.i++;
      if (c === '\n') lineStart = true;
    }
    flush();
    if (stopAt.length) this.fail(`expected %{ ${stopAt[stopAt.length - 1]} }`);
    return parts;
  }

  private lastStrip = false;

  private templatePartsAfter(o: { quoted: boolean; end: number; strip: number }, stopAt: string[], strip: boolean): TemplatePart[] {
    if (strip) while (/[ \t\r\n]/.test(this.t[this.i] ?? '')) this.i++;
    const parts = this.templateParts(o, stopAt);
    return parts;
  }

  /** After the expression of `%{ if x` / `%{ for … in x`: optional `~` and `}`; returns the strip flag. */
  private closeDirective(): boolean {
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

  private directiveKeyword(): string | undefined {
    const m = /^%\{~?[ \t\r\n]*(else|endif|endfor)\b/.exec(this.t.slice(this.i, this.i + 40));
    return m?.[1];
  }

  private skipDirective(kw: string): void {
    const m = new RegExp(`^%\\{~?[ \\t\\r\\n]*${kw}[ \\t\\r\\n]*(~?)\\}`).exec(this.t.slice(this.i, this.i + 60));
    if (!m) this.fail(`malformed %{ ${kw} }`);
    this.i += m[0].length;
    this.lastStrip = m[1] === '~';
    if (this.lastStrip) while (/[ \t\r\n]/.test(this.t[this.i] ?? '')) this.i++;
  }
}

/** Parse an HCL file (`.tf`, `.tfvars`). Throws HclSyntaxError with the offset of the problem. */
export function parseHcl(text: string): ParsedFile {
  return new Parser(text).file();
}

/** Parse a standalone template (the contents of a `templatefile`). */
export function parseTemplate(text: string): TemplatePart[] {
  const p = new Parser(text);
  return p.templateParts({ quoted: false, end: text.length, strip: 0 }, []);
}

/** Parse one expression (tests, tfvars values). */
export function parseExpression(text: string): Expr {
  const p = new Parser(text);
  const x = p.expr();
  p.ws(true);
  return x;
}
