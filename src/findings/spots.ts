/**
 * The places of the findings a run analysed unit by unit has reported (checks/index.ts sameSpotOnce: a second view
 * of the same text, a nested child seen again through its parent, is reported once). A whole-repository scan notes
 * one place per finding, and a place's text (rule, file, lines, path, message) is ~330 bytes: 220,000 findings
 * would keep ~70 MB of keys. `SpotSet` keeps a 16-byte digest of each key instead, in flat tables (~23-27 bytes a
 * place).
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

/**
 * Keyed 16-byte digests numbered densely (0, 1, 2, ... in the order first added). The digests sit in fixed-size
 * chunks, in number order, that never move; an open-addressing index of numbers (4 bytes a slot, at most 60% full)
 * finds them. ~16 bytes a key plus 7-11 bytes of index, and growing copies only the index: an open-addressing
 * table of the digests themselves was 21-43 bytes a key (75% full at most, doubled when full) and, while it
 * doubled, held the old table and the new one (a 100,000-file scan: 4 + 8 MB of finding places at once).
 */
export class DigestTable {
  private readonly salt = crypto.randomBytes(16).toString('hex');
  /** Chunk c holds the digests of numbers c * CHUNK ... (4 words each); the first grows up to CHUNK, the others are made full. */
  private readonly chunks: Uint32Array[] = [new Uint32Array(WORDS * 64)];
  /** Number + 1 of the digest in each slot (0: empty). */
  private index = new Uint32Array(128);
  private count = 0;
  /** The last digest made (digest() writes here: no allocation per key). */
  private readonly d = new Uint32Array(WORDS);

  get size(): number {
    return this.count;
  }

  /** The key's number, or -1. */
  find(key: string): number {
    this.digest(key);
    const n = this.index[this.slot(this.index)]!;
    return n - 1;
  }

  /** The key's number, given it now when it has none. */
  add(key: string): number {
    this.digest(key);
    return this.addDigest();
  }

  /** The key's keyed digest, as 4 words into `out` from `at` (what `addWords` takes back: the same table's key). */
  digestInto(key: string, out: Uint32Array, at: number): void {
    this.digest(key);
    out.set(this.d, at);
  }

  /** The number of the digest in `words` from `at` (made by this table's `digestInto`), given it now when it has none. */
  addWords(words: Uint32Array, at: number): number {
    for (let w = 0; w < WORDS; w++) this.d[w] = words[at + w]!;
    return this.addDigest();
  }

  /** The number of the digest in `d`, given it now when it has none. */
  private addDigest(): number {
    const at = this.slot(this.index);
    if (this.index[at] !== 0) return this.index[at]! - 1;
    const n = this.count++;
    const c = n >>> CHUNK_BITS;
    if (c === this.chunks.length) this.chunks.push(new Uint32Array(WORDS * CHUNK));
    else if (c === 0 && n * WORDS >= this.chunks[0]!.length) {
      const grown = new Uint32Array(Math.min(this.chunks[0]!.length * 2, WORDS * CHUNK));
      grown.set(this.chunks[0]!);
      this.chunks[0] = grown;
    }
    this.chunks[c]!.set(this.d, (n & (CHUNK - 1)) * WORDS);
    this.index[at] = n + 1;
    if (this.count * 5 > this.index.length * 3) this.grow();
    return n;
  }

  /**
   * The key's keyed digest into `d`. The salt and key are written into one scratch buffer and the digest read back
   * as a text, so no native memory is allocated per key (a buffer per key, ~3 KB for a finding's canonical JSON,
   * was C-library memory until the next collection: hundreds of MB churned through its heap in a large merge).
   */
  private digest(key: string): void {
    // UTF-16 code units as they are: UTF-8 would turn every lone surrogate into U+FFFD, making different keys equal
    const salt = this.salt.length * 2;
    const bytes = salt + key.length * 2;
    if (scratch.length < bytes) scratch = Buffer.allocUnsafeSlow(Math.max(bytes, scratch.length * 2));
    scratch.write(this.salt, 0, 'utf16le');
    scratch.write(key, salt, 'utf16le');
    // 'binary' (latin1): one character per byte of the digest
    const b = crypto.hash('sha256', scratch.subarray(0, bytes), 'binary');
    for (let w = 0; w < WORDS; w++) this.d[w] = (b.charCodeAt(w * 4) | (b.charCodeAt(w * 4 + 1) << 8) | (b.charCodeAt(w * 4 + 2) << 16) | (b.charCodeAt(w * 4 + 3) << 24)) >>> 0;
  }

  /** Word w of number n's digest. */
  private word(n: number, w: number): number {
    return this.chunks[n >>> CHUNK_BITS]![(n & (CHUNK - 1)) * WORDS + w]!;
  }

  /** The slot of `d` in `index`: where its number is, or the empty slot where it goes (linear probing). */
  private slot(index: Uint32Array): number {
    const d = this.d;
    const mask = index.length - 1;
    for (let i = d[1]! & mask; ; i = (i + 1) & mask) {
      const k = index[i]!;
      if (k === 0) return i;
      const n = k - 1;
      if (this.word(n, 1) === d[1] && this.word(n, 0) === d[0] && this.word(n, 2) === d[2] && this.word(n, 3) === d[3]) return i;
    }
  }

  private grow(): void {
    const index = new Uint32Array(this.index.length * 2);
    const mask = index.length - 1;
    for (let n = 0; n < this.count; n++) {
      let i = this.word(n, 1) & mask;
      while (index[i] !== 0) i = (i + 1) & mask;
      index[i] = n + 1;
    }
    this.index = index;
  }
}

const WORDS = 4; // 16 bytes a digest
/** The salt and key of the digest being made, as UTF-16 code units (one buffer for every table of the thread). */
let scratch = Buffer.allocUnsafeSlow(4096);
const CHUNK_BITS = 12;
/** Digests a chunk holds (64 KB). */
const CHUNK = 1 << CHUNK_BITS;

export class SpotSet implements SpotKeys {
  private readonly table = new DigestTable();

  get size(): number {
    return this.table.size;
  }

  has(key: string): boolean {
    return this.table.find(key) >= 0;
  }

  add(key: string): this {
    this.table.add(key);
    return this;
  }
}

/**
 * Keys numbered densely (0, 1, 2, ... in order of first `id`) by the same keyed 16-byte digests as SpotSet: a
 * count per key (summarise-stream.ts: the findings of each rule on each policy) costs ~25 bytes of flat tables and
 * no key text, whatever the keys' length.
 */
export class SpotIndex {
  private readonly table = new DigestTable();

  get size(): number {
    return this.table.size;
  }

  /** The key's number, given it now when it has none. */
  id(key: string): number {
    return this.table.add(key);
  }

  /** The key's number, or -1. */
  find(key: string): number {
    return this.table.find(key);
  }
}
