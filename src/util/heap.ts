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
 *
 * A run of few files (fewer than SMALL_RUN_FILES, counted by its walk: the count is the run's, not what its files
 * say) stops its young generation at YOUNG_SMALL_MB a semi-space until it is large as above: memory a process
 * touches for the first time costs a page fault per 4 KB (~12 µs each on a virtual machine), and the 8 MB
 * semi-spaces are ~4,000 faults that a run of 169 raw policies never wins back in fewer scavenges (-40 ms wall),
 * while 420 templates, whose parse garbage dies young in a bigger one, were slower with 4 MB (+15 to +60 ms).
 */
import v8 from 'node:v8';
import { setV8Flag } from './v8-flags.js';

/** How much the old space may grow over the live size before the next full collection (V8: 1.1x to 4x). */
const GROWTH_PERCENT = 25;
/** Semi-space size past which the young generation does not grow (V8 doubles it up to its start-up maximum). */
const YOUNG_MB = 8;
/** The same for a run of fewer than SMALL_RUN_FILES files, until it is large (see the top of the file). */
const YOUNG_SMALL_MB = 4;
/** A run that analyses fewer files than this is small (169 raw policies are; 420 templates are not). */
export const SMALL_RUN_FILES = 256;
/** Calls of boundHeap (a folder walked, a file analysed) from which the old space's growth is bounded. */
const GROWTH_AFTER_CALLS = 1_000;
/** Heap in use (MB) from which the old space's growth is bounded, in a run with fewer calls (a flat tree's walk). */
const GROWTH_AFTER_MB = 64;

let growth = false;
/** The run's files, counted by its walk (undefined before: a walk, a merge). */
let files: number | undefined;
/** The semi-space size (MB) at which the young generation's growth was stopped (0: growing). */
let youngStop = 0;
let calls = 0;

/** The semi-space size (MB) past which the young generation does not grow, for a run of `files` files. */
export function youngStopMb(runFiles: number | undefined, large: boolean): number {
  return runFiles !== undefined && runFiles < SMALL_RUN_FILES && !large ? YOUNG_SMALL_MB : YOUNG_MB;
}

/** The run's file count, once its walk has listed them (decides the young generation's bound: youngStopMb). */
export function heapForFiles(count: number): void {
  files = count;
  boundHeap();
}

/**
 * At the start of a streamed run, once per folder of its walk and between its files: once the run is large, the old
 * space's growth bounded (once); the young generation's growth stopped once a semi-space has reached its bound
 * (youngStopMb), and let grow again to the larger one when a small run becomes large.
 */
export function boundHeap(): void {
  if (!growth && (++calls >= GROWTH_AFTER_CALLS || v8.getHeapStatistics().used_heap_size >= GROWTH_AFTER_MB * 1024 * 1024)) {
    growth = true;
    setV8Flag(`--heap-growing-percent=${GROWTH_PERCENT}`, '--heap-growing-percent=0');
  }
  const stop = youngStopMb(files, growth);
  if (youngStop !== 0 && youngStop < stop) {
    youngStop = 0;
    setV8Flag('--semi-space-growth-factor=2', '--semi-space-growth-factor=2');
  }
  if (youngStop !== 0) return;
  const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  // new_space counts both semi-spaces
  if (space && space.space_size < 2 * stop * 1024 * 1024) return;
  youngStop = stop;
  setV8Flag('--semi-space-growth-factor=1', '--semi-space-growth-factor=2');
}
