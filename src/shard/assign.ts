/**
 * `--shard I/N`: which units (shard/units.ts) shard I of N analyses. Deterministic for a given tree (every shard of
 * one run computes the same partition without talking to the others), balanced by bytes within BALANCE_TOLERANCE,
 * and stable across commits: a unit's shard depends on its key, not on the other units, unless a shard is full
 * (rendezvous hashing with bounded load, `assignUnits`). The partition's hash (`unitSetHash`: N, every unit with its
 * shard, every file, one SHA-256 over every file's content) is the same in every shard of one run on one commit;
 * `merge` refuses shard reports whose hashes differ.
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

/**
 * How far above the average a shard may be filled (by bytes) before a unit goes to its next choice: the balance
 * the stable assignment gives up (see the header and docs/sharding.md).
 */
export const BALANCE_TOLERANCE = 0.05;

/** FNV-1a of a unit key (32-bit; the same on every platform). */
function keyHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The rendezvous score of a unit (its key hash) for a shard: a murmur3 finaliser over both. */
function score(keyH: number, shard: number): number {
  let h = Math.imul(keyH ^ Math.imul(shard + 1, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The shards in a unit's order of preference (highest score first; ties: the lower index). */
function preference(key: string, count: number): number[] {
  const k = keyHash(key);
  const scores = Array.from({ length: count }, (_, s) => score(k, s));
  return scores.map((_, s) => s).sort((a, b) => scores[b]! - scores[a]! || a - b);
}

/**
 * The 1-based shard of each unit (same order as `units`). Rendezvous hashing: each unit goes to the shard its
 * content (else its key) scores highest on, so a unit keeps its shard when others are added, removed or renamed,
 * and copies of one file or module go to one shard, placed together (its look-ups are made once, as in an unsharded
 * run); a shard already BALANCE_TOLERANCE above the average (bytes) passes them to their next choice; copies no
 * shard has room for are placed one by one, and a unit no shard has room for goes to the least-loaded one. Taken in
 * key order (not by size: adding a file then moves only units placed after a shard it filled).
 */
export function assignUnits(units: readonly Unit[], count: number): number[] {
  const total = units.reduce((n, u) => n + u.bytes, 0);
  const cap = (total / count) * (1 + BALANCE_TOLERANCE);
  const load = new Array<number>(count).fill(0);
  const out = new Array<number>(units.length).fill(0);
  const place = (members: number[], bytes: number, prefs: number[]): boolean => {
    const s = prefs.find((x) => load[x]! + bytes <= cap);
    if (s === undefined) return false;
    load[s]! += bytes;
    for (const i of members) out[i] = s + 1;
    return true;
  };
  for (const group of groupsInKeyOrder(units)) {
    const rank = units[group[0]!]!.content ?? units[group[0]!]!.key;
    const prefs = count === 1 ? [0] : preference(rank, count);
    if (place(group, group.reduce((n, i) => n + units[i]!.bytes, 0), prefs)) continue;
    for (const i of group) {
      if (place([i], units[i]!.bytes, prefs)) continue;
      let best = 0;
      for (let s = 1; s < count; s++) if (load[s]! < load[best]!) best = s;
      load[best]! += units[i]!.bytes;
      out[i] = best + 1;
    }
  }
  return out;
}

/** Unit indices grouped by content (a unit without one alone), groups in the order of their first key. */
function groupsInKeyOrder(units: readonly Unit[]): number[][] {
  const order = units.map((_, i) => i).sort((a, b) => (units[a]!.key < units[b]!.key ? -1 : units[a]!.key > units[b]!.key ? 1 : 0));
  const groups = new Map<string, number[]>();
  for (const i of order) {
    const u = units[i]!;
    const k = u.content === undefined ? `key ${u.key}` : `content ${u.content}`;
    const g = groups.get(k);
    if (g) g.push(i);
    else groups.set(k, [i]);
  }
  return [...groups.values()];
}

/**
 * The hash every shard of one run shares: N, the units with their shard, their files with their sizes, and the hash
 * of every file's content (`contentHash`, read.ts).
 */
export function unitSetHash(units: readonly Unit[], shards: readonly number[], count: number, contentHash: string): string {
  const lines: string[] = [`shards ${count}`, `content ${contentHash}`];
  units.forEach((u, i) => {
    lines.push(`unit ${shards[i]} ${u.key} ${u.bytes} ${u.content ?? ''}`);
    for (const f of u.files) lines.push(`  ${f}`);
  });
  return sha256(lines.join('\n'));
}
