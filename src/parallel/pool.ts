/**
 * Worker threads for the file-by-file flow of a whole-repository scan (stream.ts): the main thread walks, hands
 * out the self-contained files in batches (fewer messages), and takes each file's outcome back in file order, so
 * the report is byte for byte the in-process one. What needs its neighbours (Terraform, plans, raw policies,
 * templates that read other files) comes back `local` and is analysed by the main thread as before.
 *
 * Used from about a thousand candidate files and four or more CPUs (`--workers N` / the `workers` input force it,
 * 0 = off), only from a bundle (entry.ts), only where the per-file budget can read its own thread's CPU clock
 * (checks/budget.ts), and not when Access Analyzer may run (it needs every record whole, with its source map).
 *
 * Failure is never a silent pass: a worker that throws, exits or runs out of its heap (resourceLimits: a hostile
 * file cannot take the process) loses the batch it was working on; its files are retried one by one on a new
 * worker, and the one file that fails alone is not analysed (an error: the verdict is incomplete) or, when it ran
 * out of the worker's heap, analysed by the main thread as the in-process flow would.
 */
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { Options } from '../config/options.js';
import { isModuleFile } from '../extract/index.js';
import type { SourceFile } from '../sources/files.js';
import type { WalkList } from '../sources/walk-list.js';
import { displayPath } from '../sources/files.js';
import type { FileOutcome, FileRunner } from '../stream.js';
import { analyseAlone } from '../stream.js';
import { repoAccess } from '../sources/affected.js';
import type { RepoAccess } from '../sources/affected.js';
import { testFaultSpec, WORKER_TAG, workerEntry } from './entry.js';
import { workerThreads } from '../util/builtins.js';
import type { Batch } from './worker.js';

/**
 * Auto: one worker per this many files a worker may take, besides the main thread (which analyses files too), up
 * to AUTO_MAX_WORKERS, and only with two CPUs to spare: V8's compiler and GC threads already keep a second CPU
 * partly busy, and a worker costs ~1 s of CPU of its own (start-up, its own JIT warm-up, caches and GC) plus ~30%
 * more CPU over the run. Measured on 2 shared CPUs it was a loss (docs/performance.md); GitHub's runners have 4.
 */
export const AUTO_FILES_PER_WORKER = 1000;
const AUTO_MAX_WORKERS = 2;
const AUTO_SPARE_CPUS = 2;
/** A worker's heap: one file's analysis at a time plus the engine's bounded caches; past it the file goes to the main thread. */
export const WORKER_LIMITS = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 48 };
const BATCH_MAX = 16;
/** Batches a worker holds at once (one working, one waiting). */
const IN_HAND = 2;
/** How far ahead of the file the main thread is at the pool hands out files (bounds the outcomes held). */
const LOOKAHEAD = 1024;
/** How many files sent back unextracted the main thread analyses ahead of its loop (their extractions are held). */
const OWN_AHEAD = 32;

type Item = Batch['items'][number];

interface Slot {
  worker: Worker;
  /** Batches sent and not answered, by id (the lowest is the one being worked on). */
  inHand: Map<number, Item[]>;
  failure?: string;
  oom?: boolean;
}

/** The pool for this scan, or undefined to analyse in this thread. `requested`: --workers (undefined = auto). */
export function filePool(files: WalkList, options: Options, requested?: number): FileRunner | undefined {
  if (requested === 0 || options.accessAnalyzer !== 'off') return undefined;
  const entry = workerEntry();
  if (!entry || typeof (process as { threadCpuUsage?: unknown }).threadCpuUsage !== 'function') return undefined;
  const todo: number[] = [];
  for (let i = 0; i < files.length; i++) if (!isModuleFile(files.at(i).rel)) todo.push(i);
  const auto = Math.min(os.availableParallelism() - AUTO_SPARE_CPUS, AUTO_MAX_WORKERS, Math.floor(todo.length / AUTO_FILES_PER_WORKER));
  const n = Math.min(requested ?? auto, todo.length);
  if (n < 1) return undefined;
  try {
    structuredClone(options);
  } catch {
    return undefined;
  }
  return new FilePool(files, options, n, todo, entry);
}

class FilePool implements FileRunner {
  /** Batches not handed out, as the files' numbers (their records are made when a batch is handed out). */
  private queue: number[][] = [];
  private readonly pooled: Uint8Array;
  private readonly results = new Map<number, FileOutcome>();
  private readonly waiting = new Map<number, (o: FileOutcome) => void>();
  private readonly slots = new Set<Slot>();
  private restarts: number;
  private at = 0;
  private nextId = 0;
  private closed = false;
  /** The main thread analyses pooled files too (not under the test hook, which must meet a worker). */
  private readonly helps = testFaultSpec() === undefined;
  private readonly repo: RepoAccess;
  /** Files workers sent back unextracted, in the order they came (`returnedAt`: the next to look at). */
  private returned: number[] = [];
  private returnedAt = 0;
  /** Of those, the ones this thread has analysed ahead of the loop (their extractions wait in `results`). */
  private readonly ahead = new Set<number>();

  constructor(
    private readonly files: WalkList,
    private readonly options: Options,
    n: number,
    todo: number[],
    private readonly entry: URL,
  ) {
    this.repo = repoAccess(options);
    this.pooled = new Uint8Array(files.length);
    const size = Math.max(1, Math.min(BATCH_MAX, Math.ceil(todo.length / (n * 8))));
    for (let k = 0; k < todo.length; k += size) this.queue.push(todo.slice(k, k + size));
    for (const i of todo) this.pooled[i] = 1;
    this.restarts = 2 * n + 16;
    for (let k = 0; k < n; k++) this.spawn();
  }

  async outcome(i: number): Promise<FileOutcome> {
    this.at = i;
    if (!this.pooled[i]) return { kind: 'local' };
    // the main thread works too while this file's outcome is not in: first on its own work (a later file a worker
    // sent back unextracted), then on the next batch no worker has
    while (this.helps && !this.results.has(i)) {
      const j = this.nextReturned(i);
      if (j !== undefined) {
        this.ahead.add(j);
        this.results.set(j, await this.alone(this.files.at(j)));
      } else if (this.queue.length && this.queue[0]![0]! < i + LOOKAHEAD) {
        for (const k of this.queue.shift()!) this.settle(k, await this.alone(this.files.at(k)));
      } else break;
      await new Promise((resolve) => setImmediate(resolve)); // the workers' answers come in; they get their next batch
    }
    const o = this.results.get(i) ?? (await new Promise<FileOutcome>((resolve) => this.waiting.set(i, resolve)));
    this.results.delete(i);
    this.ahead.delete(i);
    this.pump();
    return o;
  }

  /** The next file after `i` a worker sent back unextracted (`local`), whose outcome is still that. */
  private nextReturned(i: number): number | undefined {
    // bounded: what waits is held in memory (a plan's records can be large)
    while (this.returned.length && this.ahead.size < OWN_AHEAD) {
      const j = this.returned[this.returnedAt++]!;
      if (this.returnedAt === this.returned.length) {
        this.returned = [];
        this.returnedAt = 0;
      }
      const o = this.results.get(j);
      if (j > i && o?.kind === 'local' && !o.extracted) return j;
    }
    return undefined;
  }

  /** A file in this thread, as a worker does it (an exception: `local`, the in-process flow meets it again). */
  private async alone(f: SourceFile): Promise<FileOutcome> {
    try {
      return await analyseAlone(f, this.options, this.repo, true);
    } catch {
      return { kind: 'local' };
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.slots].map((s) => s.worker.terminate()));
    this.slots.clear();
  }

  private spawn(): void {
    let worker: Worker;
    try {
      worker = new (workerThreads().Worker)(this.entry, { workerData: { tag: WORKER_TAG, options: this.options }, argv: [WORKER_TAG], resourceLimits: WORKER_LIMITS, stdout: true });
    } catch {
      if (!this.slots.size) this.allLocal();
      return;
    }
    worker.stdout.resume(); // stdout is the report's: a worker never writes there
    const slot: Slot = { worker, inHand: new Map() };
    worker.on('message', (m: { id: number; outcomes: FileOutcome[] }) => this.answered(slot, m));
    worker.on('error', (e: Error & { code?: string }) => {
      slot.failure ??= e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'ran out of memory' : `failed (${e.message})`;
      slot.oom ||= e.code === 'ERR_WORKER_OUT_OF_MEMORY';
    });
    worker.on('exit', (code) => this.exited(slot, code));
    this.slots.add(slot);
    this.pump();
  }

  /** Hands out batches to workers with room, up to LOOKAHEAD files past the main thread. */
  private pump(): void {
    for (const slot of this.slots) {
      while (slot.inHand.size < IN_HAND && this.queue.length && this.queue[0]![0]! < this.at + LOOKAHEAD) {
        const items: Item[] = this.queue.shift()!.map((i) => [i, this.files.at(i)]);
        const id = this.nextId++;
        slot.inHand.set(id, items);
        slot.worker.postMessage({ id, items } satisfies Batch);
      }
    }
  }

  private answered(slot: Slot, m: { id: number; outcomes: FileOutcome[] }): void {
    const items = slot.inHand.get(m.id);
    if (!items) return;
    slot.inHand.delete(m.id);
    items.forEach(([i], k) => {
      const o = m.outcomes[k] ?? { kind: 'local' };
      if (o.kind === 'local' && i > this.at) this.returned.push(i);
      this.settle(i, o);
    });
    this.pump();
  }

  private settle(i: number, o: FileOutcome): void {
    const resolve = this.waiting.get(i);
    if (!resolve) {
      this.results.set(i, o);
      return;
    }
    this.waiting.delete(i);
    resolve(o);
  }

  /**
   * A worker ended while the pool runs: the batch it was working on is retried file by file (only the file that
   * fails alone is lost), the batches it had not started go back to the queue, and a new worker takes its place.
   */
  private exited(slot: Slot, code: number): void {
    this.slots.delete(slot);
    if (this.closed) return;
    const batches = [...slot.inHand].sort((a, b) => a[0] - b[0]).map(([, items]) => items.map(([i]) => i));
    const working = batches.shift();
    const retry: number[][] = [];
    if (working && working.length > 1) for (const i of working) retry.push([i]);
    else if (working) {
      const i = working[0]!;
      const f = this.files.at(i);
      const why = slot.failure ?? `exited (code ${code})`;
      this.settle(i, slot.oom ? { kind: 'local' } : { kind: 'failed', error: { file: displayPath(this.options, f.rel), message: `not analysed: the worker thread analysing it ${why}, also when it was retried alone. Run the scan again with --workers 0 to analyse it in one thread`, kind: 'internal' } });
    }
    this.queue = [...retry, ...batches, ...this.queue];
    if (this.restarts-- > 0) this.spawn();
    else if (!this.slots.size) this.allLocal();
    this.pump();
  }

  /** No worker left: the main thread analyses what was not handed out. */
  private allLocal(): void {
    for (const batch of this.queue) for (const i of batch) this.settle(i, { kind: 'local' });
    this.queue = [];
  }
}
