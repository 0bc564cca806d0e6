/** A bounded memo: past `limit` entries it starts over (hostile input cannot grow it without limit; starting over costs time, never a result). */
export class Memo<K, V> {
  private map = new Map<K, V>();
  /** How many times the memo started over (a memo derived from this one's values starts over with it). */
  resets = 0;
  constructor(private readonly limit: number) {}

  has(key: K): boolean {
    return this.map.has(key);
  }

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  set(key: K, value: V): V {
    if (this.map.size >= this.limit) {
      this.map = new Map();
      this.resets++;
    }
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

/**
 * A memo keyed by a string as written, looked up with the caller's own string object (its hash is computed once and
 * kept on that object, so the rules asking about the same value of the same statement pay one hash) and stored under
 * a copy holding only its own characters (the caller's string may be a slice of its file's text, which a run-long
 * key would keep alive). Exact keys: two different strings never share an entry. Bounded as Memo is.
 */
export class TextMemo<V> {
  private map = new Map<string, V>();
  constructor(private readonly limit: number) {}

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  set(key: string, value: V): V {
    if (this.map.size >= this.limit) this.map = new Map();
    this.map.set(ownCopy(key), value);
    return value;
  }

  clear(): void {
    this.map = new Map();
  }
}

/** A copy of `s` that holds only its own characters (not a slice or a concatenation of another string). */
export function ownCopy(s: string): string {
  // a JSON round trip makes a new flat string of the same characters (lone surrogates included)
  return JSON.parse(JSON.stringify(s)) as string;
}
