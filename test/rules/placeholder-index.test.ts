/** placeholderAt indexes many stand-ins (a generated list of thousands of unknowns) with the same answers as a scan. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { placeholderAt } from '../../src/checks/grammar/helpers.js';
import type { PolicyRecord } from '../../src/policy/types.js';

const scan = (list: { path: string }[], path: string) => list.find((p) => path === p.path || path.startsWith(`${p.path}/`) || p.path.startsWith(`${path}/`));
const pointer = fc.array(fc.constantFrom('Statement', '0', '1', '10', 'Action', 'Resource', 'a'), { maxLength: 4 }).map((s) => s.map((x) => `/${x}`).join(''));

describe('placeholderAt', () => {
  it('answers like a scan of the list, for long lists too', () => {
    fc.assert(
      fc.property(fc.array(pointer, { minLength: 32, maxLength: 80 }), fc.array(pointer, { maxLength: 20 }), (paths, queries) => {
        const placeholders = paths.map((path, i) => ({ path, expr: `x${i}`, standIn: 's' }));
        const policy = { placeholders } as unknown as PolicyRecord;
        for (const q of queries) expect(placeholderAt(policy, q)).toBe(scan(placeholders, q));
      }),
      { numRuns: 300 },
    );
  });

  it('answers like a scan of the list for short lists (no index), segment by segment (/Statement/1 is not under /Statement/10)', () => {
    fc.assert(
      fc.property(fc.array(pointer, { maxLength: 31 }), fc.array(pointer, { maxLength: 20 }), (paths, queries) => {
        const placeholders = paths.map((path, i) => ({ path, expr: `x${i}`, standIn: 's' }));
        const policy = { placeholders } as unknown as PolicyRecord;
        for (const q of [...queries, '', '/Statement/1', '/Statement/10']) expect(placeholderAt(policy, q)).toBe(scan(placeholders, q));
      }),
      { numRuns: 300 },
    );
  });
});
