/**
 * The texts of the bare views' rows of a file-by-file scan (stream-kept.ts: each row's file and resource), on disk.
 * A 100,000-file scan keeps ~100,000 rows, and their texts (a path and a resource name each, as their own strings:
 * nothing else holds a file's path once it is reported) were most of what the rows cost, ~150 bytes a row; they are
 * read only at the end, when a finding's policy is looked up (findings/suppressions.ts). Past `after` rows each
 * row's texts go as one JSON line to a private temporary file (util/temp-file.ts: removed from the file system at
 * once where the system allows it); a row keeps its offset and length (12 bytes). Rows are numbered densely in the
 * order they are put (0, 1, 2, ...).
 *
 * Failures never change a view silently: a write that fails keeps that row and every later one in memory and is an
 * error of the run (`settle`: the verdict is incomplete); a read that fails throws (the end stages report it: the
 * findings after that point are missing and the verdict is incomplete).
 */
import { readSync, writeSync } from 'node:fs';
import os from 'node:os';
import { PrivateTemp } from './util/temp-file.js';
import { doubled } from './util/arrays.js';
import type { AnalysisError } from './result.js';

/** Bytes written at a time. */
const CHUNK = 1 << 16;
/** Rows read back kept for the next look-ups (findings come in file order: a file's rows are asked for together). */
const CACHE = 256;

export class RowTexts {
  private temp: PrivateTemp | undefined;
  private fd: number | undefined;
  /** Bytes on disk; bytes put (on disk and pending). */
  private written = 0;
  private size = 0;
  private pending = '';
  private count = 0;
  /** Row k on disk: bytes [start[k], start[k] + len[k]) of the file. */
  private start = new Float64Array(1024);
  private len = new Uint32Array(1024);
  /** Rows kept in memory (the first `after`, and every row from a failed write on), by row number. */
  private readonly files: string[] = [];
  private readonly resources: string[] = [];
  private readonly cache = new Map<number, [string, string]>();
  /** Set when a write failed: nothing more is written, rows stay in memory; reported as an error of the run. */
  failure: AnalysisError | undefined;

  /** `after`: how many rows keep their texts in memory before the rest go to disk. */
  constructor(private readonly after: number) {}

  /** Row `count`'s texts (rows are put in order, numbered from 0). */
  put(file: string, resource: string): void {
    const k = this.count++;
    if (k < this.after || this.failure) {
      this.files[k] = file;
      this.resources[k] = resource;
      return;
    }
    const line = `${JSON.stringify([file, resource])}\n`;
    const bytes = Buffer.byteLength(line, 'utf8');
    while (k >= this.start.length) this.grow();
    this.start[k] = this.size;
    this.len[k] = bytes;
    this.size += bytes;
    this.pending += line;
    if (this.pending.length >= CHUNK && !this.flush()) {
      // what was pending stays readable: the failed write's rows are parsed back into memory
      this.keepPending();
    }
  }

  /** Row k's file and resource; throws when they cannot be read back. */
  get(k: number): [string, string] {
    const file = this.files[k];
    if (file !== undefined) return [file, this.resources[k]!];
    const hit = this.cache.get(k);
    if (hit) return hit;
    if (this.start[k]! + this.len[k]! > this.written && (!this.flush() || this.start[k]! + this.len[k]! > this.written)) this.keepPending();
    const again = this.files[k];
    if (again !== undefined) return [again, this.resources[k]!];
    if (this.fd === undefined) throw new Error('the temporary file of the kept policy views is gone');
    const bytes = Buffer.allocUnsafe(this.len[k]!);
    for (let done = 0; done < bytes.length; ) {
      const n = readSync(this.fd, bytes, done, bytes.length - done, this.start[k]! + done);
      if (n === 0) throw new Error('the temporary file of the kept policy views is shorter than written');
      done += n;
    }
    const row = parseRow(bytes.toString('utf8'));
    if (this.cache.size >= CACHE) this.cache.clear();
    this.cache.set(k, row);
    return row;
  }

  /** Every row written; the write failure, if any (an error of the run). */
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

  private grow(): void {
    this.start = doubled(this.start);
    this.len = doubled(this.len);
  }

  /** Writes what is pending; false (and `failure` set) when the write failed. */
  private flush(): boolean {
    if (this.failure) return false;
    if (!this.pending) return true;
    const bytes = Buffer.from(this.pending, 'utf8');
    try {
      if (this.fd === undefined) {
        this.temp = new PrivateTemp('iam-gate-views-', 'views');
        this.fd = this.temp.fd;
      }
      for (let done = 0; done < bytes.length; ) done += writeSync(this.fd, bytes, done, bytes.length - done, this.written + done);
    } catch (e) {
      this.failure = { file: '(policy views spill)', message: `the policy views kept for the suppressions could not be written to a temporary file in ${os.tmpdir()} (${(e as Error).message}): this run's report cannot be complete. Free space there, or point TMPDIR at a writable folder with room, and run again`, kind: 'internal' };
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
      const [file, resource] = parseRow(line);
      this.files[k] = file;
      this.resources[k] = resource;
      k++;
    }
  }
}

function parseRow(line: string): [string, string] {
  const row = JSON.parse(line) as unknown;
  if (!Array.isArray(row) || typeof row[0] !== 'string' || typeof row[1] !== 'string') throw new Error('the temporary file of the kept policy views holds something else than was written');
  return [row[0], row[1]];
}
