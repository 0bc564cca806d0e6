#!/usr/bin/env node
// Folder imports of src/: which top-level folders import which (a root file such as gate.ts counts as its own
// node), checked against the arrows docs/DESIGN forbids and for cycles between folders. Type-only imports count:
// they are a dependency of the design even when the bundle drops them.
//
//   node .ci/folder-imports.mjs           check; exit 1 on a forbidden edge or a cycle not in the allow-list below
//   node .ci/folder-imports.mjs --list    print every edge (from -> to: files), then check
//   node .ci/folder-imports.mjs --src DIR check another source tree (the test's synthetic trees)
//
// The allow-list is a ratchet: it holds today's violations and may only shrink. An allowed edge that no longer
// exists is an error too (remove it from the list), so a fixed violation cannot come back unnoticed.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const srcArg = process.argv.indexOf('--src');
const SRC = srcArg > 0 && process.argv[srcArg + 1] ? path.resolve(process.argv[srcArg + 1]) : path.join(ROOT, 'src');

/** Arrows that must never exist (DESIGN.md: "Arrows that must never exist"). */
export const FORBIDDEN = [
  ['report', 'checks'],
  ['checks', 'github'],
  ['checks', 'report'],
  ['extract', 'checks'],
  ['engine', 'checks'],
  ['catalog', 'engine'],
  ['policy', 'extract'],
  ['policy', 'checks'],
];

/**
 * Today's violations, each with why it exists and what removes it. Edges in a cycle are listed by the edge that
 * closes the cycle against the intended direction of the pipeline. ONLY REMOVE ENTRIES (none are left: the last ones went
 * with src/result.ts, src/text/ and src/action/).
 */
export const ALLOWED = new Map([]);

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return walk(p);
    return /\.(ts|mts|js|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

/** `src/report/sarif.ts` -> `report`; `src/gate.ts` -> `gate`. */
function nodeOf(file) {
  const rel = path.relative(SRC, file).split(path.sep);
  return rel.length === 1 ? rel[0].replace(/\.(ts|mts|js|mjs)$/, '') : rel[0];
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]/g;
const DYNAMIC = /import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

/** Every folder edge: `from -> to` -> files that make it. */
export function folderEdges() {
  const edges = new Map();
  for (const file of walk(SRC)) {
    const text = readFileSync(file, 'utf8');
    const from = nodeOf(file);
    for (const re of [IMPORT, DYNAMIC]) {
      for (const m of text.matchAll(re)) {
        const target = path.resolve(path.dirname(file), m[1]);
        if (!target.startsWith(SRC + path.sep)) continue;
        const to = nodeOf(target);
        if (to === from) continue;
        const key = `${from} -> ${to}`;
        const files = edges.get(key) ?? new Set();
        files.add(path.relative(SRC, file));
        edges.set(key, files);
      }
    }
  }
  return edges;
}

/** Strongly connected components with more than one node (Tarjan). */
export function cycles(edges) {
  const adj = new Map();
  for (const key of edges.keys()) {
    const [a, b] = key.split(' -> ');
    if (!adj.has(a)) adj.set(a, []);
    if (!adj.has(b)) adj.set(b, []);
    adj.get(a).push(b);
  }
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const stack = [];
  const on = new Set();
  const out = [];
  const strong = (v) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of adj.get(v)) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      const comp = [];
      let w;
      do {
        w = stack.pop();
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) out.push(comp.sort());
    }
  };
  for (const v of [...adj.keys()].sort()) if (!idx.has(v)) strong(v);
  return out;
}

/** Problems: forbidden edges, cycles that remain once allowed edges are set aside, stale allow-list entries. */
export function check(edges, allowed = ALLOWED) {
  const problems = [];
  for (const [a, b] of FORBIDDEN) {
    const key = `${a} -> ${b}`;
    if (edges.has(key) && !allowed.has(key)) problems.push(`forbidden import ${key}: ${[...edges.get(key)].join(', ')}`);
  }
  const remaining = new Map([...edges].filter(([k]) => !allowed.has(k)));
  for (const comp of cycles(remaining)) {
    const inside = [...remaining.keys()].filter((k) => k.split(' -> ').every((n) => comp.includes(n)));
    problems.push(`folder cycle ${comp.join(', ')}: ${inside.map((k) => `${k} (${[...remaining.get(k)][0]})`).join('; ')}`);
  }
  for (const key of allowed.keys()) if (!edges.has(key)) problems.push(`allowed edge ${key} no longer exists: remove it from ALLOWED in .ci/folder-imports.mjs`);
  return problems;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const edges = folderEdges();
  if (process.argv.includes('--list')) {
    for (const [k, files] of [...edges].sort()) console.log(`${k}${ALLOWED.has(k) ? '  (allowed)' : ''}: ${[...files].sort().join(', ')}`);
  }
  const problems = check(edges);
  for (const p of problems) console.error(p);
  console.log(`${edges.size} folder edges, ${ALLOWED.size} allowed violations, ${problems.length} problems`);
  process.exit(problems.length ? 1 : 0);
}
