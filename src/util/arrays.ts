/**
 * Array helpers safe for arrays of any length. `target.push(...items)`, `Math.max(...items)` and the like pass every
 * element as a call argument: past roughly 100,000 elements the call overflows the stack (`RangeError: Maximum call
 * stack size exceeded`) and the whole run is lost. PR content decides those lengths (statements, findings), so src/
 * never spreads an array into a call; it uses these. A leaf module: imports nothing.
 */

/** Append every item to `target` (in order), returning `target`. */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const x of items) target.push(x);
  return target;
}

/** The largest of `values` and `floor` (`floor` when there are none). */
export function maxOf(values: Iterable<number>, floor = -Infinity): number {
  let m = floor;
  for (const v of values) if (v > m || Number.isNaN(v)) m = v;
  return m;
}

/** The smallest of `values` and `ceiling` (`ceiling` when there are none). */
export function minOf(values: Iterable<number>, ceiling = Infinity): number {
  let m = ceiling;
  for (const v of values) if (v < m || Number.isNaN(v)) m = v;
  return m;
}

/** A typed array of the same kind, twice as long, starting with `a`'s elements (the rest zero). */
export function doubled<T extends Int32Array | Uint32Array | Uint8Array | Float64Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}
