/** Parse cache for `.tf` files: sibling files are parsed once per run, not once per file of the directory. */
import type { AnalysisError } from '../../findings/types.js';
import type { ParsedFile } from './hcl-syntax.js';
import { HclSyntaxError, parseHcl } from './hcl-syntax.js';
import { lineAt, lineStartsOf } from '../../text/positions.js';

const cache = new Map<string, { text: string; parsed: ParsedFile | HclSyntaxError }>();
/** Bound on the text held by the cache (the ASTs are a small multiple of it). */
const CACHE_BYTES = 32 * 1024 * 1024;
let cacheBytes = 0;

export function parseCached(repoPath: string, text: string): ParsedFile | HclSyntaxError {
  const hit = cache.get(repoPath);
  if (hit && hit.text === text) {
    // most recently used last
    cache.delete(repoPath);
    cache.set(repoPath, hit);
    return hit.parsed;
  }
  let parsed: ParsedFile | HclSyntaxError;
  try {
    parsed = parseHcl(text);
  } catch (e) {
    if (!(e instanceof HclSyntaxError)) throw e;
    parsed = e;
  }
  if (hit) {
    cache.delete(repoPath);
    cacheBytes -= hit.text.length;
  }
  while (cache.size > 0 && cacheBytes + text.length > CACHE_BYTES) {
    const [k, v] = cache.entries().next().value!;
    cache.delete(k);
    cacheBytes -= v.text.length;
  }
  cache.set(repoPath, { text, parsed });
  cacheBytes += text.length;
  return parsed;
}

export function syntaxError(file: string, text: string, e: HclSyntaxError): AnalysisError {
  const ls = lineStartsOf(text);
  const line = lineAt(ls, e.offset);
  return { file, line, column: e.offset - ls[line - 1]! + 1, message: `HCL syntax error: ${e.message}`, kind: 'input' };
}
