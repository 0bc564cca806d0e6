import { describe, expect, it } from 'vitest';
import { complement, count, intersect, subtract, union } from '../../src/engine/actions.js';

// set operations work four members at a time: their answers must be the member-by-member ones, for sets whose
// length is not a whole number of words and for sets that do not start on a word (views into a larger buffer)
function random(n: number, seed: number): Uint8Array {
  const s = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    s[i] = (x >>> 16) & 1;
  }
  return s;
}
const plain = {
  union: (a: Uint8Array, b: Uint8Array) => a.map((v, i) => v | b[i]!),
  intersect: (a: Uint8Array, b: Uint8Array) => a.map((v, i) => v & b[i]!),
  subtract: (a: Uint8Array, b: Uint8Array) => a.map((v, i) => (b[i] ? 0 : v)),
  complement: (a: Uint8Array) => a.map((v) => (v ? 0 : 1)),
  count: (a: Uint8Array) => a.reduce((n, v) => n + v, 0),
};

describe('action set operations', () => {
  for (const n of [0, 1, 3, 4, 5, 22091]) {
    for (const offset of [0, 1, 4]) {
      it(`equal member-by-member answers (${n} members, offset ${offset})`, () => {
        const view = (seed: number) => {
          const buf = new Uint8Array(n + offset);
          buf.set(random(n, seed), offset);
          return buf.subarray(offset);
        };
        const a = view(1);
        const b = view(2);
        expect(union(view(1), b)).toEqual(plain.union(a, b));
        expect(intersect(view(1), b)).toEqual(plain.intersect(a, b));
        expect(subtract(view(1), b)).toEqual(plain.subtract(a, b));
        expect(complement(a)).toEqual(plain.complement(a));
        expect(count(a)).toBe(plain.count(a));
        expect(count(complement(a))).toBe(n - plain.count(a));
      });
    }
  }
});
