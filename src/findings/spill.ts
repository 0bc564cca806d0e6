/**
 * Findings of a large run with their cold fields on disk. A whole-repository scan (stream.ts) keeps every finding
 * until the end (global sort, suppressions, verdict, reports); what the stages in between read of a finding is small
 * (rule, severity, file, line, policy id, path, fingerprint, suppression state), what the reports add is most of
 * its size (the message, `details`, `related`). Past a number of findings, those three go to a temporary file
 * (os.tmpdir(), a private folder, removed when the process exits) and the finding keeps accessors in their place,
 * in the same key order: a reader (a report writer, a stage that spreads or rewrites the finding) sees the same
 * values. A write that fails keeps the finding whole in memory and is an error of the run (the verdict is
 * incomplete: a run that could not hold its findings as designed says so); a read that fails throws.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AnalysisError, Finding } from './types.js';

const COLD = ['message', 'details', 'related'] as const;
type Cold = (typeof COLD)[number];

/** Where a spilled finding's cold fields are: its spill, offset and length (not enumerable: never copied or reported). */
const IN = Symbol('spill');
const AT = Symbol('at');
const LEN = Symbol('len');
interface Spilled {
  [IN]: FindingSpill;
  [AT]: number;
  [LEN]: number;
}

/** Folders of this process's spills, removed at exit (one listener for all runs). */
const live = new Set<FindingSpill>();
let listening = false;

function cold(this: Spilled, key: Cold): unknown {
  return this[IN].read(this[AT], this[LEN])[key];
}

/** One accessor pair per cold field, shared by every spilled finding (their shapes stay shared too). */
const ACCESSORS = Object.fromEntries(
  COLD.map((key) => [
    key,
    {
      get(this: Spilled) {
        return cold.call(this, key);
      },
      set(this: Spilled, v: unknown) {
        Object.defineProperty(this, key, { value: v, writable: true, enumerable: true, configurable: true });
      },
      enumerable: true,
      configurable: true,
    },
  ]),
) as Record<Cold, PropertyDescriptor>;

/** Whether the finding's cold fields are on disk (a reader that only asks "is this a summary" need not read them). */
export function isSpilled(f: Finding): boolean {
  return Object.prototype.hasOwnProperty.call(f, IN);
}

export class FindingSpill {
  private dir: string | undefined;
  private fd: number | undefined;
  private size = 0;
  private count = 0;
  private last: [number, Record<string, unknown>] | undefined;
  private readonly buf = { bytes: Buffer.alloc(1 << 16) };
  /** Written to the file / waiting to be written (in one piece, when 64 KB are pending or at the first read). */
  private written = 0;
  private pending: [number, string][] = [];
  private pendingBytes = 0;
  private readonly recent = new Map<string, string>();
  /** Set when a write failed: spilling stopped, findings stay whole; the run reports it as an error. */
  failure: AnalysisError | undefined;

  /** `after`: how many findings stay whole before spilling starts. */
  constructor(private readonly after: number) {}

  /** The finding to keep: `f` itself (below the threshold, after a failure, or with nothing cold), or its spilled form. */
  put(f: Finding): Finding {
    // a summary (details.repeated) stays whole: summarise.ts asks every finding whether it is one
    if (++this.count <= this.after || this.failure || (f.details && 'repeated' in f.details)) return f;
    const payload: Record<string, unknown> = {};
    for (const k of COLD) if (f[k] !== undefined) payload[k] = f[k];
    const text = JSON.stringify(payload);
    const len = Buffer.byteLength(text, 'utf8');
    this.pending.push([this.size, text]);
    this.pendingBytes += len;
    if (this.pendingBytes >= 1 << 16 && !this.flush()) return f;
    const g = {} as Record<string, unknown>;
    for (const k of Object.keys(f)) {
      if ((COLD as readonly string[]).includes(k)) Object.defineProperty(g, k, ACCESSORS[k as Cold]);
      else g[k] = this.shared(k, (f as unknown as Record<string, unknown>)[k]);
    }
    Object.defineProperty(g, IN, { value: this });
    Object.defineProperty(g, AT, { value: this.size });
    Object.defineProperty(g, LEN, { value: len });
    this.size += len;
    return g as unknown as Finding;
  }

  /** At the end of the analysis: everything written; the write failure, if any (an error of the run). */
  settle(): AnalysisError | undefined {
    this.flush();
    return this.failure;
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

  /** The same string as the previous finding's for the fields findings of one file or policy repeat. */
  private shared(k: string, v: unknown): unknown {
    if (typeof v !== 'string' || !(k === 'file' || k === 'policyId' || k === 'resource')) return v;
    const had = this.recent.get(k);
    if (had === v) return had;
    this.recent.set(k, v);
    return v;
  }

  /** The cold fields at `at` (the last one read is remembered: a writer asks for a finding's fields in turn). */
  read(at: number, len: number): Record<string, unknown> {
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
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'iam-gate-findings-'));
    this.fd = openSync(path.join(this.dir, 'findings'), 'w+', 0o600);
    live.add(this);
    if (!listening) {
      listening = true;
      process.once('exit', () => {
        for (const s of live) s.dispose();
      });
    }
  }

  /** Removes the file (the spilled findings can no longer be read). */
  dispose(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    if (this.dir !== undefined) rmSync(this.dir, { recursive: true, force: true });
    this.fd = undefined;
    this.dir = undefined;
    live.delete(this);
  }
}
