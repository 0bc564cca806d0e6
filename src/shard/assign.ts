/**
 * `--shard I/N`: which units (shard/units.ts) shard I of N analyses. Deterministic for a given tree: units sorted
 * by size (largest first, then by key) go one by one to the least-loaded shard (the lowest index on a tie), so
 * every shard of one run computes the same partition without talking to the others, and the shards are balanced
 * by bytes. The partition's hash (`unitSetHash`: N, every unit with its shard, every file with the SHA-256 of its
 * content) is the same in every shard of one run on one commit; `merge` refuses shard reports whose hashes differ.
 */
import { sha256 } from '../policy/fingerprint.js';
import type { Unit } from './units.js';

export interface ShardSpec {
  /** 1-based. */
  index: number;
  count: number;
}

/** Shards at most (a matrix of GitHub Actions jobs has at most 256). */
export const MAX_SHARDS = 256;

/** "I/N" -> { index, count }; throws with a message for the user on anything else. */
export function parseShardSpec(text: string): ShardSpec {
  const m = /^\s*(\d{1,4})\s*\/\s*(\d{1,4})\s*$/.exec(text);
  if (!m) throw new Error(`shard must be I/N (e.g. 2/8), got "${text}"`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > MAX_SHARDS) throw new Error(`shard: N must be 1 to ${MAX_SHARDS}, got ${count}`);
  if (index < 1 || index > count) throw new Error(`shard: I must be 1 to ${count}, got ${index}`);
  return { index, count };
}

/** The 1-based shard of each unit (same order as `units`), balanced by bytes. */
export function assignUnits(units: readonly Unit[], count: number): number[] {
  const order = units.map((u, i) => i).sort((a, b) => units[b]!.bytes - units[a]!.bytes || (units[a]!.key < units[b]!.key ? -1 : units[a]!.key > units[b]!.key ? 1 : 0));
  const load = new Array<number>(count).fill(0);
  const files = new Array<number>(count).fill(0);
  const out = new Array<number>(units.length).fill(0);
  for (const i of order) {
    let best = 0;
    for (let s = 1; s < count; s++) {
      // by bytes, then by files (many empty files still cost a read each)
      if (load[s]! < load[best]! || (load[s] === load[best] && files[s]! < files[best]!)) best = s;
    }
    load[best]! += units[i]!.bytes;
    files[best]! += units[i]!.files.length;
    out[i] = best + 1;
  }
  return out;
}

/** The hash every shard of one run shares: N, the units with their shard, the files with their content hash. */
export function unitSetHash(units: readonly Unit[], shards: readonly number[], count: number, contentHash: (rel: string) => string): string {
  const lines: string[] = [`shards ${count}`];
  units.forEach((u, i) => {
    lines.push(`unit ${shards[i]} ${u.key}`);
    for (const f of u.files) lines.push(`  ${f} ${contentHash(f)}`);
  });
  return sha256(lines.join('\n'));
}
