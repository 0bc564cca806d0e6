/**
 * The files a file-by-file scan holds for their neighbours (stream.ts: Terraform, plans, raw policies, templates
 * that read other files), kept on disk until their unit is analysed at the end: a held file's extraction (its
 * records with their source maps, ~13 KB each) would otherwise stay in memory for the whole walk, a third of the
 * files of a typical tree. Each extraction is written with the structured-clone serializer (node:v8: shared and
 * cyclic references kept, Map and Set kept) to a temporary file (util/temp-file.ts: private, removed from the file system at once where the system allows it);
 * instances of the code base's own classes (a record's source map) get their prototype back when read: the list of
 * those instances and their classes is written beside the extraction in the same serialization (the serializer
 * keeps identity, so the list read back holds the very objects of the extraction read back). Nothing is marked
 * inside the extraction: a key in the input (PR content) can never make an object of it take a prototype. What the
 * serializer cannot carry exactly (a function, a symbol, a non-enumerable property, a built-in object
 * other than Array/Map/Set) stays in memory as it is. A write that fails keeps the extraction in memory and is an
 * error of the run (the verdict is incomplete); a read that fails is an error naming the files not analysed.
 */
import { readSync, writeSync } from 'node:fs';
import { PrivateTemp } from './util/temp-file.js';
import { doubled } from './util/arrays.js';
import os from 'node:os';
import v8 from 'node:v8';
import type { Extracted } from './analysis.js';
import type { AnalysisError, FileText } from './result.js';
import type { UnitLinks } from './stream-units.js';
import { SpilledRows } from './stream-rows.js';
import type { RowsKind } from './stream-rows.js';

/** What one write serializes: the extraction, and beside it the instances of our classes and their prototypes' indexes. */
interface Written {
  x: Extracted;
  marked: object[];
  kinds: number[];
}

/** A held extraction: in memory (`x`), or on disk at [at, at + len). */
export interface HeldSlot {
  x?: Extracted;
  at?: number;
  len?: number;
}

export class HeldStore {
  private temp: PrivateTemp | undefined;
  private fd: number | undefined;
  private size = 0;
  private written = 0;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** The prototypes of marked instances, by index (shared by every write of the run). */
  private readonly protos: object[] = [];
  /** Set when a write failed: nothing more is written, held files stay in memory; reported as an error of the run. */
  failure: AnalysisError | undefined;

  private count = 0;

  /** `after`: how many held files stay in memory before the rest go to disk. */
  constructor(readonly after: number) {}

  /** Where `x` is kept until its unit is analysed. */
  put(x: Extracted): HeldSlot {
    if (++this.count <= this.after || this.failure) return { x };
    const bytes = this.serialize(x);
    if (!bytes) return { x };
    const slot = { at: this.size, len: bytes.length };
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    this.size += bytes.length;
    // a write that fails keeps this one in memory (and what was pending readable: see `take`)
    return this.pendingBytes >= 1 << 20 && !this.flush() ? { x } : slot;
  }

  /** The extraction of `slot`; throws when it cannot be read back (the caller reports its unit's files). */
  take(slot: HeldSlot): Extracted {
    if (slot.x) return slot.x;
    const at = slot.at!;
    const len = slot.len!;
    if (at + len > this.written) this.flush();
    let bytes: Buffer;
    if (at + len > this.written) {
      // a write failed: what was pending is still here
      bytes = this.pendingSlice(at, len);
    } else {
      if (this.fd === undefined) throw new Error('the temporary file of held files is gone');
      bytes = Buffer.alloc(len);
      let done = 0;
      while (done < len) {
        const n = readSync(this.fd, bytes, done, len - done, at + done);
        if (n === 0) throw new Error('the temporary file of held files is shorter than written');
        done += n;
      }
    }
    const held = v8.deserialize(bytes) as Written;
    // each instance of a class of ours gets its prototype back (the list is out of band: see the file's comment)
    held.marked.forEach((o, i) => Object.setPrototypeOf(o, this.protos[held.kinds[i]!]!));
    return held.x;
  }

  /** Every held extraction written; the write failure, if any (an error of the run). */
  settle(): AnalysisError | undefined {
    this.flush();
    return this.failure;
  }

  /** `x` serialized, or undefined when the serializer would not carry it exactly (it stays in memory). */
  private serialize(x: Extracted): Buffer | undefined {
    const held: Written = { x, marked: [], kinds: [] };
    try {
      if (!this.mark(x, new Set(), held)) return undefined;
      return v8.serialize(held);
    } catch {
      return undefined;
    }
  }

  /**
   * Walks `v`: false for anything the serializer would not carry exactly; each instance of a class of ours is
   * listed in `held.marked`, its prototype's index in `held.kinds` (the extraction itself is left as it was).
   */
  private mark(v: unknown, seen: Set<object>, held: Written): boolean {
    if (typeof v === 'function' || typeof v === 'symbol') return false;
    if (v === null || typeof v !== 'object') return true;
    if (seen.has(v)) return true;
    seen.add(v);
    const proto = Object.getPrototypeOf(v) as object | null;
    if (proto === Array.prototype) {
      // (the serializer writes an array's named properties too)
      for (const e of v as unknown[]) if (!this.mark(e, seen, held)) return false;
      return !Object.getOwnPropertySymbols(v).length;
    }
    if (proto === Map.prototype) {
      for (const [k, e] of v as Map<unknown, unknown>) if (!this.mark(k, seen, held) || !this.mark(e, seen, held)) return false;
      return !Object.getOwnPropertyNames(v).length && !Object.getOwnPropertySymbols(v).length;
    }
    if (proto === Set.prototype) {
      for (const e of v as Set<unknown>) if (!this.mark(e, seen, held)) return false;
      return !Object.getOwnPropertyNames(v).length && !Object.getOwnPropertySymbols(v).length;
    }
    if (proto !== Object.prototype && proto !== null && !ownClass(proto)) return false;
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    // (an enumerable getter is written as its value: extraction results hold data, not accessors)
    if (Object.getOwnPropertyNames(o).length !== keys.length || Object.getOwnPropertySymbols(o).length) return false;
    for (const k of keys) if (!this.mark(o[k], seen, held)) return false;
    if (proto !== Object.prototype && proto !== null) {
      let k = this.protos.indexOf(proto);
      if (k < 0) k = this.protos.push(proto) - 1;
      held.marked.push(o);
      held.kinds.push(k);
    }
    return true;
  }

  private pendingSlice(at: number, len: number): Buffer {
    let from = this.written;
    for (const b of this.pending) {
      if (at >= from && at + len <= from + b.length) return b.subarray(at - from, at - from + len);
      from += b.length;
    }
    throw new Error('a held file was neither written nor kept');
  }

  /** Writes what is pending; false (and `failure` set) when the write failed. */
  private flush(): boolean {
    if (!this.pendingBytes || this.failure) return !this.failure;
    const bytes = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    try {
      if (this.fd === undefined) this.open();
      let done = 0;
      while (done < bytes.length) done += writeSync(this.fd!, bytes, done, bytes.length - done, this.written + done);
    } catch (e) {
      this.failure = { file: '(held files spill)', message: `the files analysed with their neighbours could not be written to a temporary file in ${os.tmpdir()} (${(e as Error).message}): this run's report cannot be complete. Free space there, or point TMPDIR at a writable folder with room, and run again`, kind: 'internal' };
      return false;
    }
    this.written += bytes.length;
    this.pending = [];
    this.pendingBytes = 0;
    return true;
  }

  private open(): void {
    this.temp = new PrivateTemp('iam-gate-held-', 'held');
    this.fd = this.temp.fd;
  }

  /** Removes the file (what it held can no longer be read). */
  dispose(): void {
    this.temp?.dispose();
    this.temp = undefined;
    this.fd = undefined;
  }
}

/** A prototype of a class of this code base (a plain class: its own prototype's prototype is Object's). */
function ownClass(proto: object): boolean {
  return Object.getPrototypeOf(proto) === Object.prototype && !BUILTIN.has(proto);
}

const BUILTIN = new Set<object>([Date.prototype, RegExp.prototype, Error.prototype, Promise.prototype, WeakMap.prototype, WeakSet.prototype, ArrayBuffer.prototype, DataView.prototype, Boolean.prototype, Number.prototype, String.prototype]);

/** What a held file's extraction read and listed (heldUnits joins it with those). */
export interface HeldInputs {
  reads: readonly string[];
  lists: readonly string[];
}

const NO_PATHS: readonly string[] = Object.freeze([]);
/** The inputs of a held file that read only itself and listed nothing (most held files). */
export const NO_INPUTS: HeldInputs = Object.freeze({ reads: NO_PATHS, lists: NO_PATHS });

/**
 * The stubs of the held files until their units are analysed at the end (a third of a typical tree's files), as
 * columns: each one's position in the walk and where its extraction is (HeldStore), typed; its path, what it read or
 * listed beyond itself and its links to other files as a row of their own (stream-rows.ts: on disk past the first
 * `after`, ~12 bytes a held file in memory; as strings and objects they were ~200 bytes, kept through the whole walk
 * of a 100,000-file tree: ~6.6 MB of its heap at the walk's end). What only a few have (an extraction in memory, its
 * text) in maps by index. The rows are read when the held files are grouped and then unit by unit, in order.
 */
export class HeldFiles {
  private readonly stubs: SpilledRows<HeldStub>;
  private pos = new Int32Array(1024);
  /** Where the extraction is in the store's file (-1: in memory, in `memory`). */
  private at = new Float64Array(1024);
  private len = new Uint32Array(1024);
  private readonly memory = new Map<number, Extracted>();
  private readonly texts = new Map<number, FileText>();

  /** `after`: how many stubs stay in memory before the rest go to disk. */
  constructor(after = Infinity) {
    this.stubs = new SpilledRows(after, HELD_STUBS);
  }

  get length(): number {
    return this.stubs.length;
  }

  /** A held file at walk position `position`: its slot in the store, what it read (if more than itself), its text and links when kept. */
  add(position: number, rel: string, slot: HeldSlot, more: { inputs: HeldInputs; text?: FileText | undefined; links?: UnitLinks | undefined }): void {
    const k = this.stubs.length;
    if (k >= this.pos.length) this.grow();
    this.stubs.put([rel, more.inputs === NO_INPUTS ? 0 : { reads: more.inputs.reads, lists: more.inputs.lists }, more.links ?? 0]);
    this.pos[k] = position;
    if (slot.x) {
      this.memory.set(k, slot.x);
      this.at[k] = -1;
    } else {
      this.at[k] = slot.at!;
      this.len[k] = slot.len!;
    }
    if (more.text) this.texts.set(k, more.text);
  }

  rel(k: number): string {
    return this.stubs.get(k)[0];
  }

  position(k: number): number {
    return this.pos[k]!;
  }

  inputs(k: number): HeldInputs {
    return this.stubs.get(k)[1] || NO_INPUTS;
  }

  links(k: number): UnitLinks | undefined {
    return this.stubs.get(k)[2] || undefined;
  }

  /** The text kept beside the stub (a file that calls modules under folders the walk skips), or undefined. */
  text(k: number): FileText | undefined {
    return this.texts.get(k);
  }

  slot(k: number): HeldSlot {
    const x = this.memory.get(k);
    return x ? { x } : { at: this.at[k]!, len: this.len[k]! };
  }

  /** Done with held file k (its unit is grouped and read back): what it kept in memory is let go. */
  release(k: number): void {
    this.memory.delete(k);
    this.texts.delete(k);
  }

  /** The files the held files read beyond themselves, each as `name` gives it (repeats left in). */
  *readsBeyondThemselves(name: (rel: string) => string): Generator<string> {
    for (let k = 0; k < this.length; k++) {
      const [rel, inputs] = this.stubs.get(k);
      if (inputs) for (const r of inputs.reads) if (r !== rel) yield name(r);
    }
  }

  /** Removes the stubs' temporary file (after the last held file is released). */
  dispose(): void {
    this.stubs.dispose();
  }

  private grow(): void {
    this.pos = doubled(this.pos);
    this.at = doubled(this.at);
    this.len = doubled(this.len);
  }
}

/** A held file's path, what it read or listed beyond itself (0: nothing), its links (0: none known). */
type HeldStub = [string, HeldInputs | 0, UnitLinks | 0];

const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

const HELD_STUBS: RowsKind<HeldStub> = {
  prefix: 'iam-gate-stubs-',
  name: 'stubs',
  file: '(held files spill)',
  what: 'the files analysed with their neighbours',
  short: 'the held files',
  check(row) {
    const ok =
      Array.isArray(row) &&
      row.length === 3 &&
      typeof row[0] === 'string' &&
      (row[1] === 0 || (typeof row[1] === 'object' && row[1] !== null && strings(row[1].reads) && strings(row[1].lists))) &&
      (row[2] === 0 || (typeof row[2] === 'object' && row[2] !== null && strings(row[2].calls) && strings(row[2].refs) && typeof row[2].plan === 'boolean'));
    if (!ok) throw new Error('the temporary file of the held files holds something else than was written');
    return row as HeldStub;
  },
};
