/**
 * A long file-by-file run gives its garbage back (src/util/heap.ts settleHeap): after COLLECT_FILES files and when
 * the process has grown, and at the end of a long loop, a full collection runs, so what a run holds at its peak is
 * what is live, not what V8 let accumulate.
 */
import { describe, expect, it } from 'vitest';
import { settleHeap } from '../../src/util/heap.js';

describe('settleHeap', () => {
  it('at the end of a long loop collects what the loop left behind', () => {
    // a loop's worth of dead objects (~60 MB), never touched again
    let junk: unknown[] | undefined = Array.from({ length: 400_000 }, (_, i) => ({ i, s: `file-${i}`.repeat(4), a: [i, i + 1] }));
    const before = process.memoryUsage().heapUsed;
    junk = undefined;
    expect(junk).toBeUndefined();
    for (let i = 0; i < 5000; i++) settleHeap();
    settleHeap(true);
    const after = process.memoryUsage().heapUsed;
    expect(before - after).toBeGreaterThan(30 * 1024 * 1024);
  });
});
