/**
 * The young generation's bound of a streamed run (src/util/heap.ts): a run of few files, counted by its walk, stops
 * its semi-spaces at 4 MB (memory first touched costs a page fault per 4 KB; such a run never wins it back), any
 * other run at 8 MB as before, and a small run that becomes large (1,000 folders and files, or 64 MB of heap) at
 * 8 MB too. Decided by the count of files, never by what they say.
 */
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { heapForFiles, SMALL_RUN_FILES, youngStopMb } from '../../src/util/heap.js';

describe('the young generation bound', () => {
  it('is 4 MB a semi-space for a run of fewer than SMALL_RUN_FILES files until it is large, else 8 MB', () => {
    expect(youngStopMb(169, false)).toBe(4);
    expect(youngStopMb(0, false)).toBe(4);
    expect(youngStopMb(SMALL_RUN_FILES - 1, false)).toBe(4);
    expect(youngStopMb(SMALL_RUN_FILES, false)).toBe(8);
    expect(youngStopMb(420, false)).toBe(8);
    // a small run grown large, a run whose files are not counted yet (a walk, a merge): as before
    expect(youngStopMb(169, true)).toBe(8);
    expect(youngStopMb(undefined, false)).toBe(8);
  });

  it('notes the growth factor\'s default for the start file when it stops the young generation', () => {
    // the young generation past the small run's bound first (survivors make V8 grow it), so the stop is set now
    const keep: unknown[] = [];
    for (let i = 0; i < 400_000; i++) keep.push({ i, list: [i] });
    const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!;
    expect(young.space_size, 'the precondition: semi-spaces of 4 MB or more').toBeGreaterThanOrEqual(8 * 1024 * 1024);
    heapForFiles(10);
    heapForFiles(1_000);
    const list = (globalThis as Record<symbol, unknown>)[Symbol.for('iam-policy-gate.v8-flag-defaults')] as string[] | undefined;
    // every flag the bound sets is put back at exit (the code cache is written under V8's defaults)
    expect(list).toContain('--semi-space-growth-factor=2');
    for (const f of list!) expect(f).toMatch(/^--(semi-space-growth-factor=2|heap-growing-percent=0)$/);
    expect(keep.length).toBe(400_000);
  });
});
