/** Did-you-mean distances: the two-row computation answers as the row-list one did. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { editDistance, suggestAction, suggestService } from '../../src/catalog/index.js';

/** The row-list definition (as it was written before the two-row one): rows stop once every cell is over `max`. */
function reference(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

describe('editDistance', () => {
  it('answers as the row-list definition', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', 'é', '\ud83d'), maxLength: 9 });
    fc.assert(fc.property(text, text, fc.integer({ min: 0, max: 5 }), (a, b, max) => {
      expect(editDistance(a, b, max)).toBe(reference(a, b, max));
    }), { numRuns: 2000 });
  });

  it('suggests as before', () => {
    expect(suggestAction('s3:GetObjekt')).toBe('s3:GetObject');
    expect(suggestAction('S3:getobjekt')).toBe('s3:GetObject');
    expect(suggestService('dynamdb')).toBe('dynamodb');
    expect(suggestService('dynamdb')).toBe('dynamodb');
    expect(suggestService('zzzzzzzzzzzzzz')).toBeUndefined();
  });
});
