/**
 * Peak memory of a long file-by-file run (stream.ts). What such a run keeps is small (a view per finding, the
 * files held for their neighbours), but on a machine with much memory V8 sizes the heap for speed, not for the
 * run: the old space grew to about four times what was live before a full collection (a 10,000-file scan, ~130 MB
 * live, reached ~440 MB), and the young generation grows to tens of megabytes per semi-space. A streamed run
 * bounds both for the rest of the process: the old space may grow by GROWTH_PERCENT over what is live, and the
 * young generation stops growing once a semi-space has YOUNG_MB (the flag V8 reads when it would grow it; its
 * size limit itself is fixed at start-up). Decided by the kind of run, its size and the heap, never by what the
 * repository's files say; a runtime that refuses a flag keeps its own policy.
 *
 * The old space's bound waits until the run is large (GROWTH_AFTER_CALLS folders walked and files analysed, or
 * GROWTH_AFTER_MB of heap in use, whichever comes first): a small run (the 169 raw policies, the 420 templates:
 * 20-45 MB live) stays far below any memory target, and with the bound V8 ran a full collection more (~25 ms of a
 * 0.5 s run). A file can only make the bound apply sooner (a bigger heap), as it did before, never later.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { setV8Flag } from './v8-flags.js';

/** How much the old space may grow over the live size before the next full collection (V8: 1.1x to 4x). */
const GROWTH_PERCENT = 25;
/** Semi-space size past which the young generation does not grow (V8 doubles it up to its start-up maximum). */
const YOUNG_MB = 8;
/** Calls of boundHeap (a folder walked, a file analysed) from which the old space's growth is bounded. */
const GROWTH_AFTER_CALLS = 1_000;
/** Heap in use (MB) from which the old space's growth is bounded, in a run with fewer calls (a flat tree's walk). */
const GROWTH_AFTER_MB = 64;

let growth = false;
let young = false;
let calls = 0;

/**
 * At the start of a streamed run, once per folder of its walk and between its files: once the run is large, the old
 * space's growth bounded (once), and once the young generation has reached its bound, it grows no further (for the
 * rest of the process).
 */
export function boundHeap(): void {
  if (!growth && (++calls >= GROWTH_AFTER_CALLS || v8.getHeapStatistics().used_heap_size >= GROWTH_AFTER_MB * 1024 * 1024)) {
    growth = true;
    setV8Flag(`--heap-growing-percent=${GROWTH_PERCENT}`, '--heap-growing-percent=0');
  }
  if (young) return;
  const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  // new_space counts both semi-spaces
  if (space && space.space_size < 2 * YOUNG_MB * 1024 * 1024) return;
  young = true;
  setV8Flag('--semi-space-growth-factor=1', '--semi-space-growth-factor=2');
}

/**
 * A long streamed run's pages given back. V8 keeps the pages a collection frees for its next allocations, and its
 * memory reducer, which would return them, runs from an event loop a synchronous file loop seldom reaches: a
 * 100,000-file scan's pages grew with the run while what was live stayed flat (docs/performance.md, session 11).
 * V8's last-resort collection (full collections until nothing more is freed, then the freed pages returned) at
 * points a run's size decides: once the loop has analysed COLLECT_FILES files since the last one and the process has
 * grown REGROW_MB over what the last one left, and at the end of the loop (`atEnd`) of a run that long. A run of
 * fewer files never pays one (~0.05-0.3 s each, by the heap's size).
 */
const COLLECT_FILES = 5000;
const REGROW_MB = 48;

let collect: ((options: object) => unknown) | null | undefined;
let files = 0;
let filesSince = 0;
let floor = 0;

/** Per file of a streamed run's loop (`atEnd`: once, after the loop): collects as described above. */
export function settleHeap(atEnd = false): void {
  if (atEnd) {
    if (files < COLLECT_FILES) return;
  } else {
    files++;
    if (++filesSince < COLLECT_FILES || process.memoryUsage.rss() < floor + REGROW_MB * 1024 * 1024) return;
  }
  const gc = collector();
  if (!gc) return;
  gc({ type: 'major', execution: 'sync', flavor: 'last-resort' });
  // it also shrinks the young generation to its smallest: let it grow again to its bound (boundHeap, next file),
  // or every later file's temporaries are promoted and collected in full (measured: +30-50% CPU on 10,000 files)
  if (young) {
    young = false;
    setV8Flag('--semi-space-growth-factor=2', '--semi-space-growth-factor=2');
  }
  filesSince = 0;
  floor = process.memoryUsage.rss();
}

/** V8's `gc` (its extension, exposed by a flag set at run time into a new context), or null where refused. */
function collector(): ((options: object) => unknown) | null {
  if (collect !== undefined) return collect;
  collect = null;
  try {
    // the last-resort collection would also drop the compiled code of the functions not running (bytecode
    // flushing, at its most eager in a memory-reducing collection): the run would compile them again after each
    setV8Flag('--no-flush-bytecode', '--flush-bytecode');
    setV8Flag('--no-flush-baseline-code', '--flush-baseline-code');
    setV8Flag('--expose-gc', '--no-expose-gc');
    const gc: unknown = vm.runInNewContext('typeof gc === "function" ? gc : undefined');
    if (typeof gc === 'function') collect = gc as (options: object) => unknown;
  } catch {
    /* no collector: V8's own policy */
  }
  return collect;
}
