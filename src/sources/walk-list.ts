/**
 * The files of a file-by-file scan (stream.ts), packed: each file's path as UTF-8 bytes in chunks of native memory,
 * with its flags, and a SourceFile made when the loop (or the file pool) comes to it. As objects (a record, its path
 * as a string, a slot in the list: ~145 bytes a file) a 100,000-file walk was ~14.5 MB of the heap at the start,
 * and V8 sizes its next collection's limit by what is live: each MB live costs ~2 MB of pages at the run's peak.
 * Packed it is ~75 bytes a file outside the heap, and each chunk is let go once the loop is past it.
 */
import type { SourceFile } from './files.js';

/** Files a chunk holds. */
const CHUNK_BITS = 12;
const CHUNK = 1 << CHUNK_BITS;
const EXPLICIT = 1;
const SNIFFED = 2;

interface Chunk {
  /** UTF-8, or UTF-16 where a path is not well-formed Unicode (a lone surrogate: UTF-8 cannot carry it as it is). */
  encoding: 'utf8' | 'utf16le';
  bytes: Buffer;
  /** Where each file's path ends in `bytes`. */
  ends: Uint32Array;
  flags: Uint8Array;
}

export class WalkList {
  private readonly chunks: (Chunk | undefined)[] = [];

  private constructor(readonly length: number) {}

  /** The files, packed (the list itself is left as it is). */
  static from(files: readonly SourceFile[]): WalkList {
    const list = new WalkList(files.length);
    for (let c = 0; c * CHUNK < files.length; c++) {
      const part = files.slice(c * CHUNK, (c + 1) * CHUNK);
      const ends = new Uint32Array(part.length);
      const flags = new Uint8Array(part.length);
      const encoding = part.some((f) => !f.rel.isWellFormed()) ? 'utf16le' : 'utf8';
      let size = 0;
      part.forEach((f, j) => {
        size += Buffer.byteLength(f.rel, encoding);
        ends[j] = size;
        flags[j] = (f.explicit ? EXPLICIT : 0) | (f.sniffed ? SNIFFED : 0);
      });
      const bytes = Buffer.allocUnsafeSlow(size);
      let at = 0;
      for (const f of part) at += bytes.write(f.rel, at, encoding);
      list.chunks.push({ encoding, bytes, ends, flags });
    }
    return list;
  }

  /** File i (a new record each time). */
  at(i: number): SourceFile {
    const c = this.chunks[i >>> CHUNK_BITS];
    if (!c || i < 0 || i >= this.length) throw new Error(`internal: file ${i} of the walk was asked for after the loop passed it`);
    const j = i & (CHUNK - 1);
    const rel = c.bytes.toString(c.encoding, j ? c.ends[j - 1]! : 0, c.ends[j]!);
    const flags = c.flags[j]!;
    return flags & SNIFFED ? { rel, explicit: (flags & EXPLICIT) !== 0, sniffed: true } : { rel, explicit: (flags & EXPLICIT) !== 0 };
  }

  /** The loop is done with every file up to i: the chunks before i's are let go. */
  passed(i: number): void {
    for (let c = (i >>> CHUNK_BITS) - 1; c >= 0 && this.chunks[c]; c--) this.chunks[c] = undefined;
  }
}
