/**
 * The statement order of a rule's hits (checks/least-privilege/action-set.ts byPath): their elements' paths ordered
 * exactly as `localeCompare(b, 'en', { numeric: true })` orders them, with the collator made only for paths the
 * numeric shortcut does not decide (findings list actions in this order: it must not change).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { byPath } from '../../../src/checks/least-privilege/action-set.js';
import type { ValueAt } from '../../../src/policy/statements.js';

const collator = new Intl.Collator('en', { numeric: true });
const hit = (path: string): [string, ValueAt] => ['s3:GetObject', { value: 'x', path }];
const sign = (n: number) => Math.sign(n);

/** Path pieces: statement prefixes, indices (with leading zeros, long runs), words and punctuation. */
const piece = fc.oneof(
  fc.constantFrom('/Statement/', '/Statement/0/Action/', '/Statement/12/Action/', 'Statement', '/Action', '/NotAction', '/', '/Properties/Policies/3/PolicyDocument'),
  fc.nat({ max: 2_000_000_000 }).map(String),
  fc.constantFrom('0', '00', '007', '10', '9', '1e3', '٣', '１２', '-1', '1.5', 'a', 'A', 'é', ' ', '~'),
  fc.string({ maxLength: 4 }),
);
const path = fc.array(piece, { minLength: 1, maxLength: 5 }).map((xs) => xs.join(''));

describe('rule hits in statement order', () => {
  it('orders two paths as numeric collation does (random paths, shared prefixes, indices)', () => {
    fc.assert(
      fc.property(path, path, fc.nat({ max: 3_000_000_000 }), fc.nat({ max: 3_000_000_000 }), (p, q, i, j) => {
        for (const [x, y] of [
          [p, q],
          [`${p}/${i}`, `${p}/${j}`],
          [`${p}/${i}`, `${p}/0${j}`],
          [`${p}/${i}`, `${q}/${j}`],
          [`${p}/${i}`, `${p}/${i}`],
          [`${p}/Action/${i % 300}`, `${p}/Action`],
        ] as const) {
          expect(sign(byPath(hit(x), hit(y))), `${x} vs ${y}`).toBe(sign(collator.compare(x, y)));
        }
      }),
      { numRuns: 3000, seed: 22 },
    );
  });

  it('sorts a statement’s elements by their index, not as text (2 before 10)', () => {
    const hits = [10, 2, 1, 33, 0, 100].map((i) => hit(`/Statement/4/Action/${i}`));
    expect(hits.sort(byPath).map((h) => h[1].path.split('/').pop())).toEqual(['0', '1', '2', '10', '33', '100']);
  });
});
