/**
 * The syntax tree of HCL2 native syntax (hcl-syntax.ts parses it): expressions, template parts, bodies, comments,
 * every node with its character offsets; and the one child walker the expression scanners share.
 */
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
