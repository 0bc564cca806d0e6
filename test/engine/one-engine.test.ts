/**
 * One engine (issue 16): src/engine/ is the only place that knows IAM semantics. A second wildcard matcher or a
 * second grant evaluator elsewhere drifts from the first (two matchers once disagreed on `?` against `*`), and a
 * module-level cache outlives the run it served. These checks read src/ as TypeScript and fail on:
 * - a matcher, expansion or grant function declared outside the engine (the path-glob matcher of the
 *   configuration is the one other matcher, src/util/path-glob.ts);
 * - a wildcard turned into a regular expression (`.replace(/\*\/g, '.*')`, `new RegExp(... '.*' ...)`);
 * - a module-level cache (`new Map()` / `new Set()` / `new WeakMap()` with no initial content) in engine/ or
 *   catalog/: the engine's caches live in its per-run context (engine/context.ts), the catalogue's indexes on the
 *   loaded catalogue.
 */
import { describe, expect, it } from 'vitest';
import ts from 'typescript';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(import.meta.dirname, '..', '..', 'src');

/** Function name -> the one module allowed to declare it. */
const OWNERS: Record<string, string> = {
  compileGlob: 'engine/wildcard.ts',
  globMatch: 'engine/wildcard.ts',
  globsIntersect: 'engine/wildcard.ts',
  globCovers: 'engine/wildcard.ts',
  wildcardMatch: 'engine/wildcard.ts',
  actionMatches: 'engine/actions.ts',
  expandActionPattern: 'engine/actions.ts',
  expandNotAction: 'engine/actions.ts',
  expandPattern: 'engine/actions.ts',
  grantOf: 'engine/grants.ts',
  grantIndex: 'engine/grants.ts',
  compileStatements: 'engine/grants.ts',
  expandStatementActions: 'engine/grant-actions.ts',
  compilePathGlob: 'util/path-glob.ts',
  pathGlobCovers: 'util/path-glob.ts',
  pathGlobMatch: 'util/path-glob.ts',
};

function tsFiles(dir: string, out: string[] = []): string[] {
  for (const n of readdirSync(dir)) {
    const p = path.join(dir, n);
    if (statSync(p).isDirectory()) tsFiles(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.data.ts')) out.push(p);
  }
  return out;
}

function sources(): { rel: string; sf: ts.SourceFile }[] {
  return tsFiles(SRC).map((file) => ({
    rel: path.relative(SRC, file).split(path.sep).join('/'),
    sf: ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true),
  }));
}

function walk(n: ts.Node, visit: (n: ts.Node) => void): void {
  visit(n);
  n.forEachChild((c) => walk(c, visit));
}

/** Is `name.set/add/delete/clear(...)` called inside some function of the file? */
function writtenInFunction(sf: ts.SourceFile, name: string): boolean {
  let written = false;
  const inFunction = (n: ts.Node): boolean => {
    for (let p = n.parent; p; p = p.parent) if (ts.isFunctionLike(p)) return true;
    return false;
  };
  walk(sf, (n) => {
    if (written || !ts.isCallExpression(n) || !ts.isPropertyAccessExpression(n.expression)) return;
    const target = n.expression.expression;
    if (ts.isIdentifier(target) && target.text === name && ['set', 'add', 'delete', 'clear'].includes(n.expression.name.text) && inFunction(n)) written = true;
  });
  return written;
}

describe('one engine', () => {
  it('declares each matcher, expansion and grant function in one module only', () => {
    const misplaced: string[] = [];
    const found = new Set<string>();
    for (const { rel, sf } of sources()) {
      walk(sf, (n) => {
        const name =
          ts.isFunctionDeclaration(n) && n.name
            ? n.name.text
            : ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer && (ts.isArrowFunction(n.initializer) || ts.isFunctionExpression(n.initializer))
              ? n.name.text
              : undefined;
        if (!name || !(name in OWNERS)) return;
        if (OWNERS[name] === rel) found.add(name);
        else misplaced.push(`${rel}: ${name} (belongs in ${OWNERS[name]})`);
      });
    }
    expect(misplaced).toEqual([]);
    // the owners really declare them (wildcardMatch is the old suppressions name: it must not come back anywhere)
    expect([...found].sort()).toEqual(Object.keys(OWNERS).filter((k) => k !== 'wildcardMatch').sort());
  });

  it('turns no wildcard into a regular expression', () => {
    const bad: string[] = [];
    for (const { rel, sf } of sources()) {
      walk(sf, (n) => {
        if (!ts.isCallExpression(n)) return;
        const callee = n.expression;
        const text = (a: ts.Node | undefined) => (a ? a.getText(sf) : '');
        // `.replace(/\*/g, '.*')`, `.replace(/[*?]/g, ...)` building a pattern
        if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'replace' && n.arguments.length === 2) {
          const [re, by] = n.arguments;
          if (re && ts.isRegularExpressionLiteral(re) && /\\\*|\[[^\]]*\*[^\]]*\]/.test(re.text) && /\.\*|\.\+|\[\^/.test(text(by))) bad.push(`${rel}: ${n.getText(sf).slice(0, 80)}`);
        }
        if (ts.isIdentifier(callee) && callee.text === 'RegExp' && /'\.\*'|"\.\*"|`[^`]*\.\*/.test(text(n.arguments[0]))) bad.push(`${rel}: ${n.getText(sf).slice(0, 80)}`);
      });
      walk(sf, (n) => {
        if (ts.isNewExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'RegExp') {
          const arg = n.arguments?.[0];
          if (arg && /\.replace\(\/\\\*\/g|'\.\*'|"\.\*"/.test(arg.getText(sf))) bad.push(`${rel}: ${n.getText(sf).slice(0, 80)}`);
        }
      });
    }
    expect(bad).toEqual([]);
  });

  it('keeps no module-level cache in engine/ or catalog/', () => {
    const caches: string[] = [];
    for (const { rel, sf } of sources()) {
      if (!rel.startsWith('engine/') && !rel.startsWith('catalog/')) continue;
      for (const st of sf.statements) {
        if (!ts.isVariableStatement(st)) continue;
        for (const d of st.declarationList.declarations) {
          const init = d.initializer;
          if (init && ts.isNewExpression(init) && ts.isIdentifier(init.expression) && ['Map', 'Set', 'WeakMap', 'WeakSet'].includes(init.expression.text) && !init.arguments?.length) {
            // a cache is written by a function; an index filled once at load (resource-types.ts) is not one
            if (writtenInFunction(sf, d.name.getText(sf))) caches.push(`${rel}: ${d.name.getText(sf)}`);
          }
        }
      }
    }
    expect(caches).toEqual([]);
  });
});
