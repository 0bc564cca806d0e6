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
