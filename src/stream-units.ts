/**
 * The held files of a file-by-file scan (stream.ts: what needs its neighbours), partitioned into the units of
 * analysis of sharding (shard/units.ts): a Terraform module directory with the local modules it calls, a plan with
 * its nearest Terraform directory, every other file with the files it names. Beyond what the text names, a held
 * file is joined with every held file its extraction actually read (a nested stack computed by `!Sub`, an LZA
 * configuration, a Terraform `file()` target): the stages after extraction look across exactly these (module-call
 * settling, dedupe of raw files read by Terraform, plan and .tf, second views of a nested child, principal scopes).
 * Each unit is then analysed on its own, so memory is bounded by the largest unit.
 *
 * SCP/RCP files are NOT one unit here (sharding keeps them together for the organisation stage of each shard): a
 * file-by-file run keeps every SCP/RCP record whole to the end and its organisation stage reads them all together
 * (gate.ts), while no stage of one unit's analysis (finishAnalysis) looks from one SCP file into another. Joined,
 * they made one unit of ~10% of a large tree (every SCP file and everything joined to any of them: 9,720 held files
 * of the 100,000-file tree, all read back and analysed at once at the end).
 */
import path from 'node:path';
import type { Options } from './config/options.js';
import type { Extracted } from './analysis.js';
import { countSkipsAndNotes } from './analysis.js';
import type { Analysis } from './result.js';
import { unitKeys } from './shard/units.js';
import type { UnitLinks } from './shard/units.js';

export type { UnitLinks } from './shard/units.js';

/** What grouping needs of a held file: its path, what its extraction read and listed. */
export interface HeldInfo {
  text: { rel: string };
  inputs: { reads: Iterable<string>; lists: Iterable<string> };
}

/** The held files as grouping reads them: their number, and each one's path, inputs and links (by index). */
export interface HeldIndex {
  readonly length: number;
  rel(k: number): string;
  inputs(k: number): HeldInfo['inputs'];
  /** undefined: none known, the file joins only by what its extraction read. */
  links(k: number): UnitLinks | undefined;
}

/**
 * The held files grouped by unit: indices into `held` (increasing), units ordered by their first file.
 * `links[k]`: held[k]'s links (undefined: none known, the file joins only by what its extraction read).
 */
export function heldUnits(held: readonly HeldInfo[], links: readonly (UnitLinks | undefined)[], options: Pick<Options, 'policyTypes'>): number[][] {
  return unitsOf({ length: held.length, rel: (k) => held[k]!.text.rel, inputs: (k) => held[k]!.inputs, links: (k) => links[k] }, options);
}

/** heldUnits of an index (stream-held.ts HeldFiles: no object per held file until the end). */
export function unitsOf(held: HeldIndex, options: Pick<Options, 'policyTypes'>): number[][] {
  const none: UnitLinks = { calls: [], refs: [], plan: false };
  const files: { rel: string; links: UnitLinks }[] = [];
  for (let k = 0; k < held.length; k++) files.push({ rel: held.rel(k), links: held.links(k) ?? none });
  const extra: [string, string][] = [];
  const inDir = new Map<string, string>();
  for (const f of files) {
    const d = path.posix.dirname(f.rel);
    if (!inDir.has(d === '.' ? '' : d)) inDir.set(d === '.' ? '' : d, f.rel);
  }
  for (let k = 0; k < held.length; k++) {
    const rel = files[k]!.rel;
    const inputs = held.inputs(k);
    for (const r of inputs.reads) extra.push([rel, r]);
    for (const d of inputs.lists) {
      const other = inDir.get(d);
      if (other !== undefined) extra.push([rel, other]);
    }
  }
  const keys = unitKeys(files, options, extra, false);
  const units = new Map<string, number[]>();
  files.forEach((f, k) => {
    const key = keys.get(f.rel)!;
    const u = units.get(key);
    if (u) u.push(k);
    else units.set(key, [k]);
  });
  return [...units.values()].sort((a, b) => a[0]! - b[0]!);
}

/**
 * The units one by one from a packed copy (their file numbers in one typed list): a 100,000-file run's ~20,000
 * units as arrays were ~2 MB of the heap through the whole held phase. The given lists are let go once packed.
 */
export function* unitByUnit(units: number[][]): Generator<number[]> {
  const ends = new Int32Array(units.length);
  let size = 0;
  units.forEach((u, i) => (ends[i] = size += u.length));
  const files = new Int32Array(size);
  units.forEach((u, i) => files.set(u, i ? ends[i - 1]! : 0));
  units = [];
  for (let i = 0; i < ends.length; i++) yield Array.from(files.subarray(i ? ends[i - 1]! : 0, ends[i]!));
}

/** The notes and skip counts of held files, in order (finishAnalysis's, for the group). */
export function heldHeader(held: readonly Extracted[]): Analysis {
  const out: Analysis = { policies: [], principals: [], attachments: [], entities: [], findings: [], errors: [], filesWithPolicies: 0 };
  countSkipsAndNotes(out, held);
  return out;
}
