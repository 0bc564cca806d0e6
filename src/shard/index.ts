/**
 * Sharding a scan across runners (`--shard I/N`, the Action's `shard` input): the files of the scan grouped into
 * units (units.ts), the units spread over N shards (assign.ts), this shard's files kept. The report records the
 * shard and the hash of the partition (`shard` in the JSON report) so `merge` (merge.ts) can tell a complete set of
 * shard reports from a partial, duplicated or foreign one.
 */
import { childProcess } from '../util/builtins.js';
import { createHash } from 'node:crypto';
import type { Options } from '../config/options.js';
import type { SourceFile } from '../sources/files.js';
import { canonicalJson, sha256 } from '../policy/fingerprint.js';
import { unitReader } from './read.js';
import { readUnits } from './units.js';
import { assignUnits, unitSetHash } from './assign.js';
import type { ShardSpec } from './assign.js';

export { parseShardSpec, MAX_SHARDS } from './assign.js';
export type { ShardSpec } from './assign.js';

/** What a shard report says about its shard (JSON report `shard`, additive). */
export interface ShardInfo {
  index: number;
  count: number;
  /** Units (and files) this shard analysed, of the whole scan's. */
  units: number;
  unitsTotal: number;
  files: number;
  filesTotal: number;
  bytes: number;
  /** The partition: equal in every shard of one run on one tree (see assign.ts). */
  unitSetHash: string;
  /** The options that decide findings (config file, inputs, flags), hashed: equal in every shard of one run. */
  configHash: string;
  /** The commit analysed, when known (git HEAD, GITHUB_SHA). */
  commit?: string;
}

/** This shard's files (in the scan's order) and what the report says about the shard. */
export function selectShard(files: readonly SourceFile[], spec: ShardSpec, options: Options): { files: SourceFile[]; info: Omit<ShardInfo, 'commit'> } {
  // one hash over every file's bytes, in path order: the tree the partition was computed on
  const content = createHash('sha256');
  const read = unitReader(options, content);
  const rels = [...new Set(files.map((f) => f.rel))].sort();
  const units = readUnits(rels, (k) => read(rels[k]!), options);
  const shards = assignUnits(units, spec.count);
  const mine = new Set<string>();
  let bytes = 0;
  let unitCount = 0;
  units.forEach((u, i) => {
    if (shards[i] !== spec.index) return;
    unitCount++;
    bytes += u.bytes;
    for (const f of u.files) mine.add(f);
  });
  return {
    files: files.filter((f) => mine.has(f.rel)),
    info: {
      index: spec.index,
      count: spec.count,
      units: unitCount,
      unitsTotal: units.length,
      files: mine.size,
      filesTotal: rels.length,
      bytes,
      unitSetHash: unitSetHash(units, shards, spec.count, content.digest('hex')),
      configHash: configHash(options),
    },
  };
}

/** Options that decide findings, hashed (paths of the checkout and the clock left out: they differ per runner). */
export function configHash(options: Options): string {
  const { root: _root, cwd: _cwd, now: _now, ...rest } = options;
  return sha256(canonicalJson(rest)).slice(0, 32);
}

/** The commit analysed: GITHUB_SHA in GitHub Actions, else git's HEAD of the root, else undefined. */
export function headCommit(root: string, env: NodeJS.ProcessEnv): string | undefined {
  if (env.GITHUB_SHA && /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(env.GITHUB_SHA)) return env.GITHUB_SHA;
  try {
    const out = childProcess().execFileSync('git', ['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();
    return /^[0-9a-f]{40}([0-9a-f]{24})?$/.test(out) ? out : undefined;
  } catch {
    return undefined;
  }
}

/** One run's shard: the selection runGate applies (GateRun.shard) and, once it ran, the report's `shard` field. */
export interface ShardRun {
  select: (files: SourceFile[]) => SourceFile[];
  /** Set once `select` ran. */
  info: () => ShardInfo | undefined;
}

export function shardRun(spec: ShardSpec, options: Options, root: string, env: NodeJS.ProcessEnv): ShardRun {
  let info: ShardInfo | undefined;
  return {
    select: (files) => {
      const picked = selectShard(files, spec, options);
      const commit = headCommit(root, env);
      info = { ...picked.info, ...(commit ? { commit } : {}) };
      return picked.files;
    },
    info: () => info,
  };
}
