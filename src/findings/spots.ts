/**
 * The places of the findings a run analysed unit by unit has reported (checks/index.ts sameSpotOnce: a second view
 * of the same text, a nested child seen again through its parent, is reported once). A whole-repository scan notes
 * one place per finding, and a place's text (rule, file, lines, path, message) is ~330 bytes: 220,000 findings
 * would keep ~70 MB of keys. `SpotSet` keeps a 16-byte digest of each key instead, in one flat table (~32-64 bytes
 * a place).
 *
 * Why a digest cannot hide a finding: two different places share a digest only by a collision of SHA-256 cut to
 * 128 bits, keyed with 16 random bytes drawn per run and never shown. By chance that is ~n^2/2^129 for n places (a
 * million places: below 1e-26); on purpose, a hostile author would have to find a collision of a hash whose key
 * they do not know, after the fact, inside one run: they cannot compute a single digest of theirs, so neither a
 * precomputed nor a searched collision is possible. The only effect of a collision would be one finding not
 * repeated as a second view, and that is what the keyed hash makes infeasible.
 */
import crypto from 'node:crypto';

/** What the checks need of the known places: a set of keys (a plain Set<string> is one too). */
export interface SpotKeys {
  has(key: string): boolean;
  add(key: string): unknown;
}

const WORDS = 4; // 16 bytes a digest

export class SpotSet implements SpotKeys {
  private readonly salt = crypto.randomBytes(16).toString('hex');
  private table = new Uint32Array(WORDS * 1024);
  private count = 0;

  get size(): number {
    return this.count;
  }

  has(key: string): boolean {
    const d = this.digest(key);
    return this.slot(this.table, d) < 0;
  }

  add(key: string): this {
    const d = this.digest(key);
    const at = this.slot(this.table, d);
    if (at < 0) return this;
    this.table.set(d, at);
    if (++this.count * 4 > (this.table.length / WORDS) * 3) this.grow();
    return this;
  }

  /** The key's digest as 4 words; never all zero (an empty slot): the first word's low bit is set. */
  private digest(key: string): Uint32Array {
    // UTF-16 code units as they are: UTF-8 would turn every lone surrogate into U+FFFD, making different keys equal
    const b = crypto.hash('sha256', Buffer.from(this.salt + key, 'utf16le'), 'buffer');
    const d = new Uint32Array(b.buffer, b.byteOffset, WORDS).slice();
    d[0]! |= 1;
    return d;
  }

  /** -1 when `d` is in `table`, else the index of the empty slot where it goes (open addressing, linear probing). */
  private slot(table: Uint32Array, d: Uint32Array): number {
    const mask = table.length / WORDS - 1;
    for (let i = d[1]! & mask; ; i = (i + 1) & mask) {
      const at = i * WORDS;
      if (table[at] === 0) return at;
      if (table[at] === d[0] && table[at + 1] === d[1] && table[at + 2] === d[2] && table[at + 3] === d[3]) return -1;
    }
  }

  private grow(): void {
    const old = this.table;
    this.table = new Uint32Array(old.length * 2);
    for (let at = 0; at < old.length; at += WORDS) if (old[at] !== 0) this.table.set(old.subarray(at, at + WORDS), this.slot(this.table, old.subarray(at, at + WORDS)));
  }
}

/**
 * Keys numbered densely (0, 1, 2, ... in order of first `id`) by the same keyed 16-byte digests as SpotSet: a
 * count per key (summarise-stream.ts: the findings of each rule on each policy) costs ~40 bytes of flat tables and
 * no key text, whatever the keys' length.
 */
export class SpotIndex {
  private table = new Uint32Array(5 * 1024);
  private count = 0;
  private readonly salt = crypto.randomBytes(16).toString('hex');

  get size(): number {
    return this.count;
  }

  /** The key's number, given it now when it has none. */
  id(key: string): number {
    const d = this.digest(key);
    const at = this.slot(this.table, d);
    if (this.table[at] !== 0) return this.table[at + 4]!;
    this.table.set(d, at);
    this.table[at + 4] = this.count;
    if (++this.count * 4 > (this.table.length / 5) * 3) this.grow();
    return this.count - 1;
  }

  /** The key's number, or -1. */
  find(key: string): number {
    const at = this.slot(this.table, this.digest(key));
    return this.table[at] === 0 ? -1 : this.table[at + 4]!;
  }

  private digest(key: string): Uint32Array {
    const b = crypto.hash('sha256', Buffer.from(this.salt + key, 'utf16le'), 'buffer');
    const d = new Uint32Array(b.buffer, b.byteOffset, 4).slice();
    d[0]! |= 1;
    return d;
  }

  /** Where the digest is, or the empty slot where it goes (open addressing, linear probing; 5 words a slot). */
  private slot(table: Uint32Array, d: Uint32Array): number {
    const mask = table.length / 5 - 1;
    for (let i = d[1]! & mask; ; i = (i + 1) & mask) {
      const at = i * 5;
      if (table[at] === 0) return at;
      if (table[at] === d[0] && table[at + 1] === d[1] && table[at + 2] === d[2] && table[at + 3] === d[3]) return at;
    }
  }

  private grow(): void {
    const old = this.table;
    this.table = new Uint32Array(old.length * 2);
    for (let at = 0; at < old.length; at += 5) if (old[at] !== 0) this.table.set(old.subarray(at, at + 5), this.slot(this.table, old.subarray(at, at + 4)));
  }
}
