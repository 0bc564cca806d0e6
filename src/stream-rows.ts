/**
 * Rows a file-by-file scan (stream.ts) keeps to its end but reads only there, on disk: the texts of the bare views'
 * rows (stream-kept.ts: each row's file and resource; a 100,000-file scan keeps ~100,000 rows, ~150 bytes a row as
 * strings) and the held files' stubs (stream-held.ts: each one's path, what it read beyond itself and its links to
 * other files; a third of a tree's files, ~200 bytes each as objects, kept through the whole walk). Past `after`
 * rows each row goes as one JSON line to a private temporary file (util/temp-file.ts: removed from the file system
 * at once where the system allows it); a row keeps its length (4 bytes; every 64th row its offset too). Rows are
 * numbered densely in the order they are put (0, 1, 2, ...). A row not in memory is read with the rows after it
 * (one read of up to 64 KB: the readers go through the rows in order, or a file's rows together).
 *
 * Failures never change a row silently: a write that fails keeps that row and every later one in memory (`failure`:
 * the caller says whether that is an error of the run); a read that fails throws.
 */
import { readSync, writeSync } from 'node:fs';
import os from 'node:os';
import { PrivateTemp } from './util/temp-file.js';
import { doubled } from './util/arrays.js';
import type { AnalysisError } from './result.js';

/** Bytes written at a time, and read at most at a time. */
const CHUNK = 1 << 16;
/** Rows read back kept for the next look-ups. */
const CACHE = 1024;
/** Rows per kept start (a power of two). */
const BLOCK = 64;

/** What a kind of rows is called in its temporary file's name and in the errors. */
export interface RowsKind<T> {
  /** Temporary file prefix and name (util/temp-file.ts). */
  prefix: string;
  name: string;
  /** The error's `file` and what the rows are, for a failed write ("the policy views kept for the suppressions"). */
  file: string;
  what: string;
  /** What the rows are, for a failed read ("the temporary file of the kept policy views is gone"). */
  short: string;
  /** A row read back, checked to be of the kind written (throws otherwise). */
  check(row: unknown): T;
}

export class SpilledRows<T> {
  private temp: PrivateTemp | undefined;
  private fd: number | undefined;
  /** Bytes on disk; bytes put (on disk and pending). */
  private written = 0;
  private size = 0;
  private pending = '';
  private count = 0;
  /**
   * Row k on disk: bytes [startOf(k), startOf(k) + len[k]) of the file; a row in memory has length 0. The start of
   * every BLOCK-th row is kept (`base`), the others summed from it: 4 bytes a row, not 12.
   */
  private base = new Float64Array(1024 / BLOCK);
  private len = new Uint32Array(1024);
  /** Rows kept in memory (the first `after`, and every row from a failed write on), by row number. */
  private readonly rows: T[] = [];
  private readonly cache = new Map<number, T>();
  /** Set when a write failed: nothing more is written, rows stay in memory. */
  failure: AnalysisError | undefined;

  /** `after`: how many rows stay in memory before the rest go to disk. */
  constructor(
    private readonly after: number,
    private readonly kind: RowsKind<T>,
  ) {}

  get length(): number {
    return this.count;
  }

  /** Row `length` (rows are put in order, numbered from 0). */
  put(row: T): void {
    const k = this.count++;
    if (k < this.after || this.failure) {
      this.rows[k] = row;
      return;
    }
    const line = `${JSON.stringify(row)}\n`;
    const bytes = Buffer.byteLength(line, 'utf8');
    while (k >= this.len.length) this.grow();
    if ((k & (BLOCK - 1)) === 0) this.base[k / BLOCK] = this.size;
    this.len[k] = bytes;
    this.size += bytes;
    this.pending += line;
    if (this.pending.length >= CHUNK && !this.flush()) {
      // what was pending stays readable: the failed write's rows are parsed back into memory
      this.keepPending();
    }
  }

  /** Row k; throws when it cannot be read back. */
  get(k: number): T {
    if (k in this.rows) return this.rows[k]!;
    const hit = this.cache.get(k);
    if (hit !== undefined) return hit;
    const end = this.startOf(k) + this.len[k]!;
    if (end > this.written && (!this.flush() || end > this.written)) this.keepPending();
    if (k in this.rows) return this.rows[k]!;
    this.readFrom(k);
    return this.cache.get(k)!;
  }

  /** Every row written; the write failure, if any. */
  settle(): AnalysisError | undefined {
    if (!this.flush()) this.keepPending();
    return this.failure;
  }

  /** Removes the file (what it held can no longer be read). */
  dispose(): void {
    this.cache.clear();
    this.temp?.dispose();
    this.temp = undefined;
    this.fd = undefined;
  }

  /** Row k and the rows after it that end within CHUNK bytes of its start, read with one read into the cache. */
  private readFrom(k: number): void {
    if (this.fd === undefined) throw new Error(`the temporary file of ${this.kind.short} is gone`);
    const from = this.startOf(k);
    const limit = Math.min(this.written, from + CHUNK);
    let last = k;
    let end = from + this.len[k]!;
    while (last + 1 < this.count && !(last + 1 in this.rows) && end + this.len[last + 1]! <= limit) end += this.len[++last]!;
    const bytes = Buffer.allocUnsafe(end - from);
    for (let done = 0; done < bytes.length; ) {
      const n = readSync(this.fd, bytes, done, bytes.length - done, from + done);
      if (n === 0) throw new Error(`the temporary file of ${this.kind.short} is shorter than written`);
      done += n;
    }
    if (this.cache.size + (last - k + 1) > CACHE) this.cache.clear();
    for (let j = k, at = 0; j <= last; at += this.len[j++]!) this.cache.set(j, this.parse(bytes.toString('utf8', at, at + this.len[j]!)));
  }

  /** Row k's first byte in the file: its block's start and the lengths of the rows before it in the block. */
  private startOf(k: number): number {
    let at = this.base[Math.floor(k / BLOCK)]!;
    for (let j = k - (k & (BLOCK - 1)); j < k; j++) at += this.len[j]!;
    return at;
  }

  private parse(line: string): T {
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      throw new Error(`the temporary file of ${this.kind.short} holds something else than was written`);
    }
    return this.kind.check(row);
  }

  private grow(): void {
    this.base = doubled(this.base);
    this.len = doubled(this.len);
  }

  /** Writes what is pending; false (and `failure` set) when the write failed. */
  private flush(): boolean {
    if (this.failure) return false;
    if (!this.pending) return true;
    const bytes = Buffer.from(this.pending, 'utf8');
    try {
      if (this.fd === undefined) {
        this.temp = new PrivateTemp(this.kind.prefix, this.kind.name);
        this.fd = this.temp.fd;
      }
      for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done, bytes.length - done, this.written + done);
    } catch (e) {
      this.failure = { file: this.kind.file, message: `${this.kind.what} could not be written to a temporary file in ${os.tmpdir()} (${(e as Error).message}): this run's report cannot be complete. Free space there, or point TMPDIR at a writable folder with room, and run again`, kind: 'internal' };
      return false;
    }
    this.written += bytes.length;
    this.pending = '';
    return true;
  }

  /** After a failed write: the rows still pending kept in memory (they were never written). */
  private keepPending(): void {
    if (!this.pending) return;
    const lines = this.pending.split('\n');
    this.pending = '';
    // rows are put in order: the pending ones are the last ones put, one line each
    let k = this.count - (lines.length - 1);
    for (const line of lines) {
      if (!line) continue;
      this.rows[k] = this.parse(line);
      k++;
    }
  }
}

/** The texts of the bare views' rows (stream-kept.ts): each row's file and resource. */
export class RowTexts {
  private readonly rows: SpilledRows<[string, string]>;

  /** `after`: how many rows keep their texts in memory before the rest go to disk. */
  constructor(after: number) {
    this.rows = new SpilledRows(after, VIEW_ROWS);
  }

  get failure(): AnalysisError | undefined {
    return this.rows.failure;
  }

  /** Row `count`'s texts (rows are put in order, numbered from 0). */
  put(file: string, resource: string): void {
    this.rows.put([file, resource]);
  }

  /** Row k's file and resource; throws when they cannot be read back. */
  get(k: number): [string, string] {
    return this.rows.get(k);
  }

  /** Every row written; the write failure, if any (an error of the run: the verdict is incomplete). */
  settle(): AnalysisError | undefined {
    return this.rows.settle();
  }

  /** Removes the file (what it held can no longer be read). */
  dispose(): void {
    this.rows.dispose();
  }
}

const VIEW_ROWS: RowsKind<[string, string]> = {
  prefix: 'iam-gate-views-',
  name: 'views',
  file: '(policy views spill)',
  what: 'the policy views kept for the suppressions',
  short: 'the kept policy views',
  check(row) {
    if (!Array.isArray(row) || row.length !== 2 || typeof row[0] !== 'string' || typeof row[1] !== 'string') throw new Error('the temporary file of the kept policy views holds something else than was written');
    return [row[0], row[1]];
  },
};
