/** Characters of HCL2 native syntax: position, whitespace and comments, names, expected-token errors, nesting bound. */
import type { Comment, Expr } from './hcl-ast.js';
import { HclSyntaxError } from './hcl-ast.js';

const MAX_DEPTH = 200;

export function isIdStart(c: string): boolean {
  if (c === '') return false;
  const k = c.charCodeAt(0);
  return (k >= 97 && k <= 122) || (k >= 65 && k <= 90) || k === 95 || k > 127;
}
export function isIdChar(c: string): boolean {
  if (c === '') return false;
  const k = c.charCodeAt(0);
  return (k >= 97 && k <= 122) || (k >= 65 && k <= 90) || (k >= 48 && k <= 57) || k === 95 || k === 45 || k > 127;
}


export abstract class Lexer {
  protected i = 0;
  /** > 0 inside brackets, where newlines are plain whitespace. */
  protected nl = 0;
  protected depth = 0;
  readonly comments: Comment[] = [];

  constructor(protected readonly t: string) {}

  fail(message: string, at = this.i): never {
    throw new HclSyntaxError(message, at);
  }

  protected enter(): void {
    if (++this.depth > MAX_DEPTH) this.fail(`nesting deeper than ${MAX_DEPTH} levels`);
  }

  protected leave(): void {
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

  protected peek(s: string): boolean {
    return this.t.startsWith(s, this.i);
  }

  protected expect(s: string, what?: string): void {
    this.ws();
    if (!this.peek(s)) this.fail(`expected ${what ?? `"${s}"`}${this.found()}`);
    this.i += s.length;
  }

  protected found(): string {
    if (this.i >= this.t.length) return ', found the end of the file';
    const c = this.t[this.i]!;
    return c === '\n' ? ', found a new line' : `, found "${this.t.slice(this.i, this.i + 12).split('\n')[0]}"`;
  }

  protected ident(): string {
    const s = this.i;
    if (!isIdStart(this.t[this.i] ?? '')) this.fail(`expected a name${this.found()}`);
    while (this.i < this.t.length && isIdChar(this.t[this.i]!)) this.i++;
    return this.t.slice(s, this.i);
  }

  // --- bodies --------------------------------------------------------------------------------------------------

  /** An expression (the parser's; templates interpolate them). */
  abstract expr(): Expr;
}
