/**
 * The local modules a Terraform file calls (`module "x" { source = "./modules/x" }`), as repository-relative
 * directories. The gate analyses a called module even where a directory walk would not go (`./node_modules/evil`,
 * `./venv/...`, `./.terraform/...`): the skip list is for the walk, not for what the configuration uses.
 * Registry, git and URL sources are not local (Terraform downloads them; not analysed here).
 */
import path from 'node:path';
import { parseHcl } from './hcl-syntax.js';
import type { Expr } from './hcl-syntax.js';
import { isHclConfigFile, isJsonConfigFile } from './tf-files.js';

/** A `source = "..."` written as a literal string (Terraform allows nothing else there). */
export function moduleSourceLiteral(e: Expr): string | undefined {
  if (e.k === 'lit' && typeof e.v === 'string') return e.v;
  if (e.k === 'tpl' && e.parts.every((p) => p.k === 'text')) return e.parts.map((p) => (p.k === 'text' ? p.v : '')).join('');
  return undefined;
}

function sourcesOfJson(text: string): string[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return [];
  }
  const out: string[] = [];
  const calls = (doc as { module?: unknown } | null)?.module;
  for (const group of Array.isArray(calls) ? calls : [calls]) {
    if (!group || typeof group !== 'object') continue;
    for (const call of Object.values(group as Record<string, unknown>)) {
      for (const c of Array.isArray(call) ? call : [call]) {
        const src = (c as { source?: unknown } | null)?.source;
        if (typeof src === 'string') out.push(src);
      }
    }
  }
  return out;
}

function sourcesOfHcl(text: string): string[] {
  let items;
  try {
    items = parseHcl(text).body.items;
  } catch {
    return []; // the extractor reports the syntax error
  }
  const out: string[] = [];
  for (const b of items) {
    if (b.kind !== 'block' || b.type !== 'module') continue;
    for (const a of b.body.items) {
      if (a.kind === 'attribute' && a.name === 'source') {
        const v = moduleSourceLiteral(a.expr);
        if (v !== undefined) out.push(v);
      }
    }
  }
  return out;
}

/** Repository-relative directories of the local modules `repoPath` calls (never outside the repository). */
export function localModuleDirs(repoPath: string, text: string): string[] {
  const sources = isJsonConfigFile(repoPath) ? sourcesOfJson(text) : isHclConfigFile(repoPath) ? sourcesOfHcl(text) : [];
  const dirs = new Set<string>();
  for (const s of sources) {
    if (!/^\.\.?\//.test(s)) continue; // Terraform: only ./ and ../ are local paths
    const dir = path.posix.normalize(path.posix.join(path.posix.dirname(repoPath), s.replace(/\/+$/, '')));
    if (dir === '..' || dir.startsWith('../') || path.posix.isAbsolute(dir)) continue;
    dirs.add(dir === '.' ? '' : dir);
  }
  return [...dirs];
}
