#!/usr/bin/env node
// Size limits on src/: no source file over MAX_FILE_LINES lines, no function over MAX_FUNCTION_LINES lines (every
// function-like node: declarations, methods, arrow functions, function expressions, accessors, constructors;
// measured with the TypeScript compiler API from the first line of the node to its last). Data files (*.data.ts)
// are exempt.
//
//   node .ci/code-size.mjs           check; exit 1 on a file or function over its limit that is not in the allow-list
//   node .ci/code-size.mjs --list    also print every file and function over its limit
//   node .ci/code-size.mjs --src DIR check another source tree with no allow-list (the test's synthetic trees)
//
// The allow-list is a ratchet, as in folder-imports.mjs: it holds today's exceptions and may only shrink. An allowed
// entry that is no longer over its limit (split, or gone) is an error too: remove it, so it cannot grow back.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const srcArg = process.argv.indexOf('--src');
const SRC = srcArg > 0 && process.argv[srcArg + 1] ? path.resolve(process.argv[srcArg + 1]) : path.join(ROOT, 'src');

export const MAX_FILE_LINES = 500;
export const MAX_FUNCTION_LINES = 80;

/** Files that are data, not code (generated tables): no limits. */
export const isDataFile = (rel) => /\.data\.ts$/.test(rel);

/**
 * Today's exceptions: `file` (over MAX_FILE_LINES) or `file#function` (over MAX_FUNCTION_LINES), paths relative to
 * src/. ONLY REMOVE ENTRIES.
 */
export const ALLOWED = new Set([
]);

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return walk(p);
    return /\.(ts|mts)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** A readable name for a function-like node: `name`, `Class.method`, `outer/<arrow>`, ... */
function nameOf(node, outer) {
  const own = (n) => {
    if (n.name && (ts.isIdentifier(n.name) || ts.isStringLiteral(n.name) || ts.isPrivateIdentifier(n.name))) return n.name.text;
    if (ts.isConstructorDeclaration(n)) return 'constructor';
    const p = n.parent;
    if (p && ts.isVariableDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
    if (p && ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) return p.name.text;
    if (p && ts.isPropertyDeclaration(p) && ts.isIdentifier(p.name)) return p.name.text;
    return undefined;
  };
  const cls = ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node) ? node.parent : undefined;
  const base = own(node) ?? (ts.isArrowFunction(node) ? '<arrow>' : '<function>');
  const qualified = cls && ts.isClassLike(cls) && cls.name ? `${cls.name.text}.${base}` : base;
  return outer && !own(node) ? `${outer}/${qualified}` : qualified;
}

/** Every file over its limit and every function over its limit, as allow-list keys with their line counts. */
export function measure(src = SRC) {
  const over = new Map();
  for (const file of walk(src)) {
    const rel = path.relative(src, file).split(path.sep).join('/');
    if (isDataFile(rel)) continue;
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    if (lines > MAX_FILE_LINES) over.set(rel, lines);
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const seen = new Map();
    const visit = (node, outer) => {
      let inner = outer;
      if (ts.isFunctionLike(node) && 'body' in node && node.body) {
        const start = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line;
        const end = sf.getLineAndCharacterOfPosition(node.getEnd()).line;
        const name = nameOf(node, outer);
        inner = name;
        if (end - start + 1 > MAX_FUNCTION_LINES) {
          // two functions of one name in a file (overloads aside) are told apart by their order
          const n = (seen.get(name) ?? 0) + 1;
          seen.set(name, n);
          over.set(`${rel}#${name}${n > 1 ? `~${n}` : ''}`, end - start + 1);
        }
      }
      ts.forEachChild(node, (c) => visit(c, inner));
    };
    visit(sf, undefined);
  }
  return over;
}

/** Problems: what is over a limit and not allowed, and allowed entries that are no longer over. */
export function check(over, allowed = ALLOWED) {
  const problems = [];
  for (const [key, lines] of [...over].sort()) {
    if (allowed.has(key)) continue;
    problems.push(key.includes('#') ? `function ${key} is ${lines} lines (limit ${MAX_FUNCTION_LINES}): split it` : `file ${key} is ${lines} lines (limit ${MAX_FILE_LINES}): split it`);
  }
  for (const key of [...allowed].sort()) if (!over.has(key)) problems.push(`allowed ${key} is no longer over its limit: remove it from ALLOWED in .ci/code-size.mjs`);
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const over = measure();
  if (process.argv.includes('--list')) for (const [key, lines] of [...over].sort()) console.log(`${key}: ${lines} lines${ALLOWED.has(key) ? '  (allowed)' : ''}`);
  const problems = check(over, srcArg > 0 ? new Set() : ALLOWED);
  for (const p of problems) console.error(p);
  console.log(`${over.size} over a limit, ${ALLOWED.size} allowed, ${problems.length} problems`);
  process.exit(problems.length ? 1 : 0);
}
