/**
 * Reading the scan's files for the shard units (shard/index.ts). Every shard reads the whole tree to find the units
 * (the joins are in the files' text: units.ts), so this read is lean: the repository root resolved once, one native
 * realpath per file (contained in the repository, as every read of repository content), the size checked before
 * reading, each file's SHA-256 (what places its unit: shard/assign.ts) fed to one hash of the tree the partition was
 * computed on, the size on disk for the balance. A file that cannot be read joins nothing: the shard that owns it
 * reports the error.
 */
import { createHash, type Hash } from 'node:crypto';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Options } from '../config/options.js';
import { decodeUtf8 } from '../text/read.js';
import type { UnitFile } from './units.js';

/** A reader of the scan's files for one partition; `content` receives every file's digest in the order read. */
export function unitReader(options: Pick<Options, 'root' | 'maxFileBytes'>, content: Hash): (rel: string) => UnitFile {
  let realRoot: string | undefined;
  return (rel) => {
    const fail = (why: string): UnitFile => {
      content.update(`${rel}\u0000unreadable: ${why}\u0000`);
      return { rel, text: '', bytes: 0, digest: `unreadable: ${why}` };
    };
    if (path.isAbsolute(rel)) return fail('not a repository-relative path');
    let real: string;
    try {
      realRoot ??= realpathSync.native(options.root);
      real = realpathSync.native(path.resolve(options.root, rel));
    } catch {
      return fail('file not found');
    }
    const inside = path.relative(realRoot, real);
    if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return fail('outside the repository');
    let buf: Buffer;
    try {
      const st = statSync(real);
      if (!st.isFile()) return fail('not a regular file');
      if (st.size > options.maxFileBytes) return fail(`${st.size} bytes, over the limit`);
      buf = readFileSync(real);
    } catch (e) {
      return fail((e as Error).message);
    }
    const digest = createHash('sha256').update(buf).digest('hex');
    content.update(`${rel}\u0000${buf.length}\u0000${digest}\u0000`);
    return { rel, text: textOf(buf), bytes: buf.length, digest };
  };
}

/**
 * The text the joins are read from: UTF-8, or byte for byte when it is not valid UTF-8 (the analysis reports such a
 * file; its path-like runs, all ASCII, read the same either way, so a join can only be added, never lost).
 */
function textOf(buf: Buffer): string {
  try {
    return decodeUtf8(buf);
  } catch {
    return buf.toString('latin1');
  }
}
