import { describe, expect, it } from 'vitest';
import { doubled } from '../../src/util/arrays.js';

describe('doubled (the typed columns of a streamed run grow through it)', () => {
  it('keeps every element and the kind, twice as long, the new half zero', () => {
    const a = new Float64Array([1.5, 2 ** 40, -3]);
    const b = doubled(a);
    expect(b).toBeInstanceOf(Float64Array);
    expect(Array.from(b)).toEqual([1.5, 2 ** 40, -3, 0, 0, 0]);
    const c = doubled(new Int32Array([-1, 7]));
    expect(c).toBeInstanceOf(Int32Array);
    expect(Array.from(c)).toEqual([-1, 7, 0, 0]);
    const d = doubled(new Uint8Array([255]));
    expect(Array.from(d)).toEqual([255, 0]);
  });

  it('is a copy: writing the new array leaves the old one as it was', () => {
    const a = new Uint32Array([4, 5]);
    const b = doubled(a);
    b[0] = 9;
    expect(a[0]).toBe(4);
  });
});
