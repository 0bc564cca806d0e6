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
import type { Attribute, Block, Body, Expr, ParsedFile, TemplatePart, Traverser } from './hcl-ast.js';
import { isIdStart } from './hcl-lexer.js';
import { TemplateParser } from './hcl-template-syntax.js';

export type { Attribute, Block, Body, Comment, Expr, Node, ParsedFile, TemplatePart, Traverser } from './hcl-ast.js';
export { forEachChild, HclSyntaxError } from './hcl-ast.js';

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


class Parser extends TemplateParser {

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
