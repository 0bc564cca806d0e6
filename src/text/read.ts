/**
 * Reading repository files as text: contained in the repository (realpath), bounded in size, strict UTF-8. A leaf
 * (Node built-ins only), so config/ reads its file with the same reader as sources/ and extract/.
 */
import { closeSync, constants as fsConstants, fstatSync, openSync, readdirSync, readSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';

export function toPosix(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

/**
 * Resolve `p` (relative to cwd) and check it lies inside root. Returns the repo-relative path or an error. The
 * native realpath (one call into libc, not one lstat per path component from JavaScript): the same answer, and
 * nothing cached between calls, so a symlink changed during a run is still followed where it points now. The root
 * is resolved only when the file's real path does not begin with it as written: a real path that does has no
 * symlink in the root's part, so the root as written is its own real path (one realpath per file, not two).
 */
export function containedPath(root: string, abs: string): { rel: string; real: string } | { error: string } {
  let real: string;
  try {
    real = realpathSync.native(abs);
  } catch {
    return { error: 'path does not exist' };
  }
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  const rel = real.startsWith(prefix) ? real.slice(prefix.length) : path.relative(realpathSync.native(root), real);
  if (rel === '') return { rel: '', real };
  // `..` itself or `../...` is outside; a name that only begins with two dots (`..admin.json`) is inside
  if (rel === '..' || rel.startsWith('..' + path.sep) || path.isAbsolute(rel)) return { error: 'refused: the path resolves outside the repository' };
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
  return readRepoFileAt(root, rel, maxBytes).text;
}

/** Open without waiting: a FIFO put where a file was is refused by fstat below, not read forever (no effect on a file). */
const OPEN_FLAGS = fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0);

/**
 * readRepoFile, also giving the repo-relative path the read resolved to (`real`: after symlinks, as
 * `RepoAccess.resolve` gives it). The size and type are those of the file opened (fstat on its descriptor), so
 * what is checked is what is read.
 */
export function readRepoFileAt(root: string, rel: string, maxBytes: number): { text: string; real: string } {
  if (path.isAbsolute(rel) || /^[a-z][a-z0-9+.-]*:/i.test(rel)) throw new ReadError(`refused: ${rel} is not a repository-relative path`);
  const abs = path.resolve(root, rel);
  const c = containedPath(root, abs);
  if ('error' in c) throw new ReadError(c.error === 'path does not exist' ? `${rel}: file not found` : `${rel}: ${c.error}`);
  const fd = openFile(c.real, rel);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new ReadError(`${rel} is not a regular file`);
    if (st.size > maxBytes) throw new ReadError(`file is ${st.size} bytes, over the ${maxBytes}-byte limit (max-file-size)`);
    return { text: decodeUtf8(st.size > 0 ? readAll(fd, st.size) : readUnsized(fd, rel, maxBytes)), real: c.rel };
  } finally {
    closeSync(fd);
  }
}

/** Open for reading; a folder that cannot be opened (Windows, no permission) is named as not a regular file. */
function openFile(real: string, rel: string): number {
  try {
    return openSync(real, OPEN_FLAGS);
  } catch (e) {
    if (statSync(real, { throwIfNoEntry: false })?.isDirectory()) throw new ReadError(`${rel} is not a regular file`);
    throw e;
  }
}

/** A file that says it is empty may still have content (as readFileSync reads it): read to its end, bounded. */
function readUnsized(fd: number, rel: string, maxBytes: number): Uint8Array {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(8192);
    const got = readSync(fd, chunk, 0, chunk.length, null);
    if (got === 0) return Buffer.concat(chunks, total);
    total += got;
    if (total > maxBytes) throw new ReadError(`${rel}: more than ${maxBytes} bytes, over the limit (max-file-size)`);
    chunks.push(chunk.subarray(0, got));
  }
}

/**
 * One read buffer per thread, reused from file to file: the bytes read are decoded into a string before the next
 * read (readRepoFileAt), so nothing keeps them. A run reads thousands of files; without it each file over a few KB
 * was a new buffer outside the heap for the collector to track and free. Files above SCRATCH_MAX get their own.
 */
let scratch: Buffer | undefined;
const SCRATCH_MIN = 64 * 1024;
const SCRATCH_MAX = 1024 * 1024;

function readBuffer(size: number): Buffer {
  if (size > SCRATCH_MAX) return Buffer.allocUnsafe(size);
  if (!scratch || scratch.length < size) scratch = Buffer.allocUnsafe(Math.max(SCRATCH_MIN, size));
  return scratch;
}

/** The first `size` bytes of an open file (fewer if it shrank meanwhile), valid until the next read. */
function readAll(fd: number, size: number): Uint8Array {
  const buf = readBuffer(size);
  let n = 0;
  while (n < size) {
    const got = readSync(fd, buf, n, size - n, null);
    if (got === 0) break;
    n += got;
  }
  return buf.subarray(0, n);
}

/** List regular files (repo-relative) under a repo-relative directory, non-recursively. */
export function listRepoDir(root: string, relDir: string): string[] {
  const c = containedPath(root, path.resolve(root, relDir));
  return 'error' in c ? [] : listContained(c);
}

/** The files of a directory already contained (containedPath), repository-relative and sorted; [] if unreadable. */
export function listContained(c: { rel: string; real: string }): string[] {
  try {
    return readdirSync(c.real, { withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => (c.rel ? `${c.rel}/${e.name}` : e.name))
      .sort();
  } catch {
    return [];
  }
}
