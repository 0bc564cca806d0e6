/**
 * Reading repository files as text: contained in the repository (realpath), bounded in size, strict UTF-8. A leaf
 * (Node built-ins only), so config/ reads its file with the same reader as sources/ and extract/.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

export function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/**
 * Resolve `p` (relative to cwd) and check it lies inside root. Returns the repo-relative path or an error. The
 * native realpath (one call into libc, not one lstat per path component from JavaScript): the same answer, and
 * nothing cached between calls, so a symlink changed during a run is still followed where it points now.
 */
export function containedPath(root: string, abs: string): { rel: string; real: string } | { error: string } {
  let real: string;
  try {
    real = realpathSync.native(abs);
  } catch {
    return { error: 'path does not exist' };
  }
  const realRoot = realpathSync.native(root);
  const rel = path.relative(realRoot, real);
  if (rel === '' ) return { rel: '', real };
  if (rel.startsWith('..') || path.isAbsolute(rel)) return { error: 'refused: the path resolves outside the repository' };
  return { rel: toPosix(rel), real };
}

export class ReadError extends Error {}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decode bytes as UTF-8 text (a BOM is dropped); throws ReadError naming the byte offset of invalid input. */
export function decodeUtf8(buf: Uint8Array): string {
  try {
    const text = decoder.decode(buf);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch {
    // find the first invalid byte for the message
    let lo = 0;
    let hi = buf.length;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, mid));
        lo = mid;
      } catch {
        hi = mid;
      }
    }
    throw new ReadError(`not valid UTF-8 text (invalid byte near offset ${lo})`);
  }
}

/**
 * Read a repository file by its repo-relative path: realpath containment, size cap, UTF-8. Used for the files
 * under analysis and for anything they include.
 */
export function readRepoFile(root: string, rel: string, maxBytes: number): string {
  if (path.isAbsolute(rel) || /^[a-z][a-z0-9+.-]*:/i.test(rel)) throw new ReadError(`refused: ${rel} is not a repository-relative path`);
  const abs = path.resolve(root, rel);
  const c = containedPath(root, abs);
  if ('error' in c) throw new ReadError(c.error === 'path does not exist' ? `${rel}: file not found` : `${rel}: ${c.error}`);
  const st = statSync(c.real);
  if (!st.isFile()) throw new ReadError(`${rel} is not a regular file`);
  if (st.size > maxBytes) throw new ReadError(`file is ${st.size} bytes, over the ${maxBytes}-byte limit (max-file-size)`);
  return decodeUtf8(readFileSync(c.real));
}

/** List regular files (repo-relative) under a repo-relative directory, non-recursively. */
export function listRepoDir(root: string, relDir: string): string[] {
  const c = containedPath(root, path.resolve(root, relDir));
  if ('error' in c) return [];
  try {
    return readdirSync(c.real, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => (c.rel ? `${c.rel}/${e.name}` : e.name))
      .sort();
  } catch {
    return [];
  }
}
