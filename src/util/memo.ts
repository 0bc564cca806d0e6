/** A bounded memo: past `limit` entries it starts over (hostile input cannot grow it without limit; starting over costs time, never a result). */
export class Memo<K, V> {
  private map = new Map<K, V>();
  constructor(private readonly limit: number) {}

  has(key: K): boolean {
    return this.map.has(key);
  }

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  set(key: K, value: V): V {
    if (this.map.size >= this.limit) this.map = new Map();
    this.map.set(key, value);
    return value;
  }

  /** The value for `key`, computed by `make` once (per lifetime of the memo). */
  getOr(key: K, make: () => V): V {
    // one lookup on a hit (values are never undefined but for a memoised undefined, which `has` tells apart)
    const v = this.map.get(key);
    if (v !== undefined || this.map.has(key)) return v as V;
    return this.set(key, make());
  }
}
