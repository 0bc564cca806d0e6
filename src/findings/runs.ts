/**
 * Findings of a file-by-file run wholly on disk, in sorted runs (an external merge sort). A whole-repository scan
 * makes hundreds of thousands of findings, and the stages after the analysis (suppressions, summaries, verdict,
 * reports) read them in the report's order; holding them until the end grew the run's memory with the repository.
 * Here findings are buffered up to `runSize`, the buffer sorted (stable: Array.prototype.sort) and written whole to
 * a private temporary file (util/temp-file.ts: removed from the file system at once where the system allows it) as
 * one run of JSON lines; `merged()` streams every run in final order by a k-way merge whose ties go to the earlier
 * run, so the sequence is exactly the stable sort of everything `put` in arrival order, however many runs there are.
 * `merged()` can be read any number of times (positional reads, nothing shared between two readings).
 *
 * The same holds any JSON values in an order of their own (`FindingRuns<T>`: a merge's policy records, in the order
 * they were put).
 *
 * Failures never drop a finding silently: a write that fails keeps that run and every later one in memory and is an
 * error of the run (`failure`, the verdict is incomplete); `verify` reads the file back to its end before a stage
 * relies on it (an error of the run when it cannot); a read that fails later throws.
 */
import { readSync, writeSync } from 'node:fs';
import os from 'node:os';
import { PrivateTemp } from '../util/temp-file.js';
import type { AnalysisError, Finding } from './types.js';

export type FindingOrder = (a: Finding, b: Finding) => number;

/** A run on disk (a byte range of the file, one JSON text per line) or, after a write failure, in memory. */
type Run<T> = { start: number; end: number } | T[];

/** Bytes read from a run at a time: at most CHUNK, at least MIN_CHUNK, and all runs' together within READ_BUDGET. */
const CHUNK = 1 << 16;
const MIN_CHUNK = 1 << 13;
/**
 * A merge reads from every run at once, a buffer each: a 100,000-file scan's ~64 runs took 4 MB of the C library's
 * heap through both passes of the end stages, where the run's peak is; within 1 MB the reads are a quarter as large.
 */
const READ_BUDGET = 1 << 20;

export class FindingRuns<T = Finding> {
  private temp: PrivateTemp | undefined;
  private fd: number | undefined;
  private written = 0;
  private buffer: T[] = [];
  private readonly runs: Run<T>[] = [];
  /** Findings put (and kept by `prepare`). */
  count = 0;
  /** Set when a write failed: that run and the later ones stay in memory; the run reports it as an error. */
  failure: AnalysisError | undefined;

  /**
   * `runSize`: findings per sorted run (at least 1; Infinity keeps them all in one run in memory); `prepare`: what
   * to keep of a finding before it is ordered (undefined: dropped).
   */
  constructor(
    private readonly runSize: number,
    private readonly order: (a: T, b: T) => number,
    private readonly prepare: (f: T) => T | undefined = (f) => f,
  ) {}

  put(f: T): void {
    const g = this.prepare(f);
    if (!g) return;
    this.count++;
    this.buffer.push(g);
    if (this.buffer.length >= Math.max(1, this.runSize)) this.endRun();
  }

  /** After the last `put`: the buffer kept as the last run; the write failure, if any (an error of the run). */
  settle(): AnalysisError | undefined {
    if (this.buffer.length) this.runs.push(this.buffer.sort(this.order));
    this.buffer = [];
    return this.failure;
  }

  private endRun(): void {
    const run = this.buffer.sort(this.order);
    this.buffer = [];
    if (this.failure) {
      this.runs.push(run);
      return;
    }
    const start = this.written;
    try {
      if (this.fd === undefined) this.open();
      let text = '';
      for (const f of run) {
        text += `${JSON.stringify(f)}\n`;
        if (text.length >= CHUNK) text = this.write(text);
      }
      this.write(text);
      this.runs.push({ start, end: this.written });
    } catch (e) {
      this.failure = { file: '(findings spill)', message: `the findings could not be written to a temporary file in ${os.tmpdir()} (${(e as Error).message}): this run's report cannot be complete. Free space there, or point TMPDIR at a writable folder with room, and run again`, kind: 'internal' };
      this.runs.push(run);
    }
  }

  /** Writes `text` at the end of the file; '' when done (throws when it cannot). */
  private write(text: string): string {
    if (!text) return '';
    const bytes = Buffer.from(text, 'utf8');
    for (let done = 0; done < bytes.length; ) done += writeSync(this.fd!, bytes, done, bytes.length - done, this.written + done);
    this.written += bytes.length;
    return '';
  }

  private open(): void {
    this.temp = new PrivateTemp('iam-gate-findings-', 'findings');
    this.fd = this.temp.fd;
  }

  /**
   * Reads the file back to its end (after `settle`, before a stage relies on it): the error of the run when it
   * cannot be read.
   */
  verify(): AnalysisError | undefined {
    if (!this.written) return undefined;
    try {
      const chunk = Buffer.allocUnsafe(1 << 20);
      for (let at = 0; at < this.written; ) at += this.readAt(chunk, Math.min(chunk.length, this.written - at), at);
      return undefined;
    } catch (e) {
      return readBackError(e);
    }
  }

  /** Reads `len` bytes at `at` into `into` (at least one; throws when the file is gone or short). */
  private readAt(into: Buffer, len: number, at: number): number {
    if (this.fd === undefined) throw new Error('the temporary file is gone');
    const n = readSync(this.fd, into, 0, len, at);
    if (n === 0) throw new Error('the temporary file is shorter than written');
    return n;
  }

  /** Every finding in final order (the stable sort of all put): a k-way merge of the runs. */
  *merged(): Generator<T> {
    const heads: Head<T>[] = [];
    const size = Math.max(MIN_CHUNK, Math.min(CHUNK, Math.floor(READ_BUDGET / Math.max(1, this.runs.length))));
    this.runs.forEach((run, index) => {
      const next = Array.isArray(run) ? arrayCursor(run) : this.diskCursor(run, size);
      const f = next();
      if (f) heads.push({ f, index, next });
    });
    const heap = new HeadHeap(heads, this.order);
    for (let top = heap.top(); top; top = heap.top()) {
      const f = top.f;
      const following = top.next();
      if (following) heap.replaceTop(following);
      else heap.pop();
      yield f;
    }
  }

  /** The findings of a run on disk, one at a time (a chunk of the file read at a time). */
  private diskCursor(run: { start: number; end: number }, size: number): () => T | undefined {
    let at = run.start;
    let carry = Buffer.alloc(0);
    let chunk = Buffer.alloc(0);
    let pos = 0;
    const into = Buffer.allocUnsafe(size);
    return () => {
      for (;;) {
        const nl = chunk.indexOf(0x0a, pos);
        if (nl >= 0) {
          const line = carry.length ? Buffer.concat([carry, chunk.subarray(pos, nl)]) : chunk.subarray(pos, nl);
          carry = Buffer.alloc(0);
          pos = nl + 1;
          return JSON.parse(line.toString('utf8')) as T;
        }
        carry = Buffer.concat([carry, chunk.subarray(pos)]);
        if (at >= run.end) {
          if (carry.length) throw new Error('findings spill: a run ends inside a finding');
          return undefined;
        }
        const n = this.readAt(into, Math.min(size, run.end - at), at);
        at += n;
        chunk = into.subarray(0, n);
        pos = 0;
      }
    };
  }

  /** Removes the file (what it held can no longer be read). */
  dispose(): void {
    this.temp?.dispose();
    this.temp = undefined;
    this.fd = undefined;
  }
}

/** The error of a run whose findings could not be read back from their temporary file. */
export function readBackError(e: unknown): AnalysisError {
  return { file: '(findings spill)', message: `the findings written to a temporary file in ${os.tmpdir()} could not be read back (${(e as Error).message}): the findings after that point are missing from this report, which cannot be complete. Run again`, kind: 'internal' };
}

function arrayCursor<T>(run: T[]): () => T | undefined {
  let i = 0;
  return () => run[i++];
}

/** A run's next finding in the merge. */
interface Head<T> {
  f: T;
  index: number;
  next: () => T | undefined;
}

/** A binary heap of the runs' next findings: least by the order, ties to the earlier run (stability). */
class HeadHeap<T> {
  constructor(
    private readonly h: Head<T>[],
    private readonly order: (a: T, b: T) => number,
  ) {
    for (let i = (h.length >> 1) - 1; i >= 0; i--) this.down(i);
  }

  top(): Head<T> | undefined {
    return this.h[0];
  }

  replaceTop(f: T): void {
    this.h[0]!.f = f;
    this.down(0);
  }

  pop(): void {
    const last = this.h.pop()!;
    if (this.h.length) {
      this.h[0] = last;
      this.down(0);
    }
  }

  private less(a: Head<T>, b: Head<T>): boolean {
    const c = this.order(a.f, b.f);
    return c < 0 || (c === 0 && a.index < b.index);
  }

  private down(i: number): void {
    const h = this.h;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l]!, h[m]!)) m = l;
      if (r < h.length && this.less(h[r]!, h[m]!)) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}
