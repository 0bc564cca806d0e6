/**
 * Which expressions read an input of the module: a variable (even one with a default: the caller, a tfvars file,
 * `-var` or `TF_VAR_` may set it) or `terraform.workspace`, directly or through locals. A conditional on such an
 * expression may go either way, so both its branches count (hcl-exprs.ts `conditional`).
 */
import type { Expr } from './hcl-syntax.js';
import { forEachChild } from './hcl-syntax.js';

export interface LocalDef {
  expr: Expr;
  file: { repoPath: string };
}

/** Memoised per expression position; locals followed to depth 64 (deeper counts as reading an input). */
export function readsInput(
  x: Expr,
  file: string,
  local: (name: string) => LocalDef | undefined,
  memo: Map<string, boolean>,
  depth = 0,
  decided?: ReadonlySet<string>,
): boolean {
  if (depth > 64) return true;
  const key = `${file}:${x.s}:${x.e}`;
  const hit = memo.get(key);
  if (hit !== undefined) return hit;
  let found = false;
  const visit = (e: Expr | undefined): void => {
    if (!e || found) return;
    if (e.k === 'trav' && e.obj.k === 'var') {
      const first = e.steps[0];
      const name = first?.k === 'attr' ? first.name : undefined;
      // a variable a module call sets to a value its caller decides is not an input of this instance
      if ((e.obj.name === 'var' && !(name !== undefined && decided?.has(name))) || (e.obj.name === 'terraform' && name === 'workspace')) found = true;
      else if (e.obj.name === 'local' && name) {
        const l = local(name);
        if (l && readsInput(l.expr, l.file.repoPath, local, memo, depth + 1, decided)) found = true;
      }
      for (const st of e.steps) if (st.k === 'index') visit(st.key);
      return;
    }
    forEachChild(e, visit);
  };
  // a cycle through locals is reported elsewhere; here it reads no input by itself
  memo.set(key, false);
  visit(x);
  memo.set(key, found);
  return found;
}
