/**
 * Findings of a large run with their cold fields on disk. A whole-repository scan (stream.ts) keeps every finding
 * until the end (global sort, suppressions, verdict, reports); what the stages in between read of a finding is small
 * (rule, severity, file, line, policy id, resource, path, suppression state), what the reports add is most of its
 * size (the message, `details`, `related`, the fingerprint and match key). Past a number of findings, those go to a
 * temporary file (util/temp-file.ts: private, removed from the file system at once where the system allows it, else at exit), the others to columns, and the
 * finding keeps an accessor per field in the same key order: a reader (a report writer, a stage that spreads or
 * rewrites the finding) sees the same values. The stages between analysis and the reports (sort, suppressions,
 * module calls, summaries, verdict) read only hot fields but for the few findings a suppression or a module call
 * matches. A write that fails keeps the finding whole in memory and is an error of the run (the verdict is
 * incomplete: a run that could not hold its findings as designed says so). Before the stages that read findings,
 * the whole file is read back once (`verify`): a file that cannot be read is an error of the run too (incomplete),
 * and the cold fields of its findings then read as a placeholder that says so, never as a crash half-way through a
 * report. A read that fails after that check throws (the CLI's internal error: exit code 3, incomplete).
 */
import { readSync, writeSync } from 'node:fs';
import { PrivateTemp } from '../util/temp-file.js';
import os from 'node:os';
import type { AnalysisError, Finding } from './types.js';

/** Read from disk when asked for (the reports; a stage that reads them reads one finding's at a time). */
const COLD = new Set(['message', 'details', 'related', 'fingerprint', 'matchKey', 'suppressionReason']);

/** Past this many distinct hot values, their index starts over (memory that would grow with the run). */
const IDS_MAX = 1 << 16;

/** The spill and the index of a spilled finding (not enumerable: never copied or reported). */
const IN = Symbol('spill');
const AT = Symbol('at');
interface Spilled {
  [IN]: FindingSpill;
  [AT]: number;
}

/** A value set on a spilled finding (a stage that marks it): a data property in the accessor's place (same key order). */
function setOwn(this: Spilled, key: string, v: unknown): void {
  Object.defineProperty(this, key, { value: v, writable: true, enumerable: true, configurable: true });
}

/**
 * One accessor pair per field, shared by every spilled finding (their shapes stay shared too): a cold field is
 * read from the file, a hot one from its column.
 */
const ACCESSORS = new Map<string, PropertyDescriptor>();
function accessor(key: string): PropertyDescriptor {
  let d = ACCESSORS.get(key);
  if (d) return d;
  d = COLD.has(key)
    ? {
        get(this: Spilled) {
          return this[IN].cold(this[AT])[key];
        },
        set(this: Spilled, v: unknown) {
          setOwn.call(this, key, v);
        },
        enumerable: true,
        configurable: true,
      }
    : {
        get(this: Spilled) {
          return this[IN].hot(key, this[AT]);
        },
        set(this: Spilled, v: unknown) {
          setOwn.call(this, key, v);
        },
        enumerable: true,
        configurable: true,
      };
  ACCESSORS.set(key, d);
  return d;
}

/** The accessors of a key order, by the order (a few dozen per run). */
const SHAPES = new Map<string, PropertyDescriptorMap>();
function shapeOf(keys: string[]): PropertyDescriptorMap {
  const sig = keys.join('\u0000');
  let d = SHAPES.get(sig);
  if (!d) SHAPES.set(sig, (d = Object.fromEntries(keys.map((k) => [k, accessor(k)]))));
  return d;
}

/** Whether the finding's cold fields are on disk (a reader that only asks "is this a summary" need not read them). */
export function isSpilled(f: Finding): boolean {
  return Object.prototype.hasOwnProperty.call(f, IN);
}

/**
 * A spilled finding in memory is an object with two slots (its spill and its index) and one shared accessor per
 * field, in the finding's own key order; its hot fields live in one column per field name (strings interned: the
 * file, rule, policy id of a finding repeat across many), its cold ones on disk: ~100 bytes a finding.
 */
export class FindingSpill {
  private temp: PrivateTemp | undefined;
  private fd: number | undefined;
  private size = 0;
  private count = 0;
  private n = 0;
  private last: [number, Record<string, unknown>] | undefined;
  private readonly buf = { bytes: Buffer.alloc(1 << 16) };
  /** Written to the file / waiting to be written (in one piece, when 64 KB are pending or at the first read). */
  private written = 0;
  private pending: [number, string][] = [];
  private pendingBytes = 0;
  /** Per hot field, each spilled finding's value as an index into `values` (4 bytes a finding and field). */
  private readonly columns = new Map<string, Uint32Array>();
  /** Each distinct hot value once (a file, rule, policy id, line repeat across many findings); 0 is unused. */
  private readonly values: unknown[] = [undefined];
  private readonly ids = new Map<unknown, number>();
  /** Where each spilled finding's cold fields are in the file (by index). */
  private offsets = new Float64Array(1024);
  private lengths = new Uint32Array(1024);
  /** Set when a write failed: spilling stopped, findings stay whole; the run reports it as an error. */
  failure: AnalysisError | undefined;
  /** Set when the file could not be read back (`verify`): cold fields read as UNREADABLE's placeholder. */
  private unreadable: string | undefined;

  /** `after`: how many findings stay whole before spilling starts. */
  constructor(private readonly after: number) {}

  /** The finding to keep: `f` itself (below the threshold, after a failure, or a summary), or its spilled form. */
  put(f: Finding): Finding {
    // a summary (details.repeated) stays whole: summarise.ts asks every finding whether it is one
    if (++this.count <= this.after || this.failure || (f.details && 'repeated' in f.details)) return f;
    const payload: Record<string, unknown> = {};
    const keys = Object.keys(f);
    const r = f as unknown as Record<string, unknown>;
    for (const k of keys) if (COLD.has(k) && r[k] !== undefined) payload[k] = r[k];
    const text = JSON.stringify(payload);
    const len = Buffer.byteLength(text, 'utf8');
    this.pending.push([this.size, text]);
    this.pendingBytes += len;
    if (this.pendingBytes >= 1 << 16 && !this.flush()) return f;
    const at = this.n++;
    if (at === this.offsets.length) this.growIndex();
    this.offsets[at] = this.size;
    this.lengths[at] = len;
    this.size += len;
    const g = {} as Record<string, unknown>;
    Object.defineProperty(g, IN, { value: this });
    Object.defineProperty(g, AT, { value: at });
    for (const k of keys) if (!COLD.has(k)) this.column(k, at)[at] = this.id(r[k]);
    // every accessor in one call, from the descriptors of this key order (findings of one rule share one)
    Object.defineProperties(g, shapeOf(keys));
    return g as unknown as Finding;
  }

  /** A hot field of the spilled finding `at`. */
  hot(key: string, at: number): unknown {
    return this.values[this.columns.get(key)![at]!];
  }

  /** The cold fields of the spilled finding `at`. */
  cold(at: number): Record<string, unknown> {
    return this.read(this.offsets[at]!, this.lengths[at]!);
  }

  /** The column of `key`, with room for index `at`. */
  private column(key: string, at: number): Uint32Array {
    let c = this.columns.get(key);
    if (!c || at >= c.length) {
      const grown = new Uint32Array(Math.max(1024, 2 * (c?.length ?? 0), at + 1));
      if (c) grown.set(c);
      this.columns.set(key, (c = grown));
    }
    return c;
  }

  /** The index of `v` in `values`: one entry per distinct primitive (an object, or -0, gets its own: kept exactly). */
  private id(v: unknown): number {
    const shared = (v === null || typeof v !== 'object') && typeof v !== 'function' && !Object.is(v, -0);
    if (shared) {
      const had = this.ids.get(v);
      if (had !== undefined) return had;
    }
    const k = this.values.push(v) - 1;
    // the index of repeated values is bounded (past it a value repeated later gets a second entry: the same value)
    if (this.ids.size >= IDS_MAX) this.ids.clear();
    if (shared) this.ids.set(v, k);
    return k;
  }

  private growIndex(): void {
    const offsets = new Float64Array(this.offsets.length * 2);
    offsets.set(this.offsets);
    this.offsets = offsets;
    const lengths = new Uint32Array(this.lengths.length * 2);
    lengths.set(this.lengths);
    this.lengths = lengths;
  }

  /** At the end of the analysis: everything written; the write failure, if any (an error of the run). */
  settle(): AnalysisError | undefined {
    this.flush();
    return this.failure;
  }

  /**
   * Reads the whole file back (after `settle`, before the stages that read findings): the error of the run when it
   * cannot be read to its end; from then on every spilled finding's cold fields read as a placeholder.
   */
  verify(): AnalysisError | undefined {
    if (!this.written) return undefined;
    try {
      if (this.fd === undefined) throw new Error('the temporary file is gone');
      const chunk = Buffer.allocUnsafe(1 << 20);
      for (let at = 0; at < this.written; ) {
        const n = readSync(this.fd, chunk, 0, Math.min(chunk.length, this.written - at), at);
        if (n === 0) throw new Error('the temporary file is shorter than written');
        at += n;
      }
      return undefined;
    } catch (e) {
      this.unreadable = (e as Error).message;
      this.last = undefined;
      return { file: '(findings spill)', message: `the findings written to a temporary file in ${os.tmpdir()} could not be read back (${this.unreadable}): their messages, details and fingerprints are missing from this report, which cannot be complete. Run again`, kind: 'internal' };
    }
  }

  /** Writes what is pending; false (and `failure` set) when the write failed. */
  private flush(): boolean {
    if (!this.pendingBytes || this.failure) return !this.failure;
    const bytes = Buffer.from(this.pending.map((p) => p[1]).join(''), 'utf8');
    try {
      if (this.fd === undefined) this.open();
      let done = 0;
      while (done < bytes.length) done += writeSync(this.fd!, bytes, done, bytes.length - done, this.written + done);
    } catch (e) {
      this.failure = { file: '(findings spill)', message: `the findings could not be written to a temporary file in ${os.tmpdir()} (${(e as Error).message}): this run's report cannot be complete. Free space there, or point TMPDIR at a writable folder with room, and run again`, kind: 'internal' };
      return false;
    }
    this.written += bytes.length;
    this.pending = [];
    this.pendingBytes = 0;
    return true;
  }

  /** The cold fields at `at` (the last one read is remembered: a writer asks for a finding's fields in turn). */
  private read(at: number, len: number): Record<string, unknown> {
    if (this.unreadable !== undefined) return { message: `(not read back from its temporary file: ${this.unreadable})`, fingerprint: '' };
    if (this.last?.[0] === at) return this.last[1];
    // not written (a write failed: what was pending stays here)
    if (at + len > this.written && !this.flush()) return JSON.parse(this.pending.find((p) => p[0] === at)![1]) as Record<string, unknown>;
    if (this.fd === undefined) throw new Error('findings spill: the temporary file is gone');
    if (this.buf.bytes.length < len) this.buf.bytes = Buffer.alloc(len);
    let done = 0;
    while (done < len) {
      const n = readSync(this.fd, this.buf.bytes, done, len - done, at + done);
      if (n === 0) throw new Error('findings spill: the temporary file is shorter than written');
      done += n;
    }
    const v = JSON.parse(this.buf.bytes.toString('utf8', 0, len)) as Record<string, unknown>;
    this.last = [at, v];
    return v;
  }

  private open(): void {
    this.temp = new PrivateTemp('iam-gate-findings-', 'findings');
    this.fd = this.temp.fd;
  }

  /** Removes the file (what it held can no longer be read). */
  dispose(): void {
    this.temp?.dispose();
    this.temp = undefined;
    this.fd = undefined;
  }
}
