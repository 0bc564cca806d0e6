/**
 * summariseRepeats (summarise.ts) as a stream over findings in the report's order, so a large run's findings can
 * be read back from disk and written to the report one at a time (findings/runs.ts, end-stream.ts). Two passes:
 * `RepeatCounts.add` counts every finding (the verdict's pass), `summariseStream` then folds them in order.
 *
 * First fold, per rule on one policy: a group past `limit + 1` findings lists its first `limit`, the next becomes a
 * summary in its place and the rest fold into it. The group sizes are counted by key digest (spots.ts SpotIndex:
 * ~40 bytes a group, no key text); a summary is final once its group's last finding is folded. Second fold, per
 * rule in the run past `ruleLimit` (counted per state: what the first fold lists one by one), one summary per file:
 * when findings come in file order (`inFileOrder`: the report's order), a file's summaries are final when the next
 * file starts (else at the end: a list in memory). An entry is released
 * once no summary before it is still open: the buffer holds what lies between a summary and its group's last
 * finding (within one file but for findings of one policy spread over files).
 */
import type { Finding } from './types.js';
import { compactCounts, compactSummary, foldInto, state } from './summary-view.js';
import type { RepeatedDetails, SummaryKind } from './summary-view.js';
import { SpotIndex } from './spots.js';

/** A summary's counts: one made here, or one read back from a report (`details.repeated`). */
export const repeatedOf = (f: Finding): RepeatedDetails | undefined => compactCounts(f) ?? (f.details?.repeated as RepeatedDetails | undefined);
const stateKey = (f: Finding) => state(f).join('\u0000');
/** One rule on one policy (in one state): the state has a fixed number of NULs, so equal keys have equal parts. */
const groupKey = (f: Finding, st: string) => `${f.policyId ?? `file:${f.file}`}\u0000${st}`;

function where(r: RepeatedDetails): string {
  return r.firstLine === r.lastLine ? `line ${r.firstLine}` : `lines ${r.firstLine}-${r.lastLine}`;
}

function policyKind(limit: number): SummaryKind {
  return {
    identity: (f) => ['repeated', f.policyId ?? f.file],
    message: (r, s) => `and ${r.count.toLocaleString('en-US')} more findings of this rule on ${s.resource ?? s.file} (${where(r)}), not listed one by one: the same problem as the ${limit} above. The verdict counts every one.`,
  };
}

function fileKind(ruleLimit: number): SummaryKind {
  return {
    identity: (f) => ['repeated-in-file', f.file],
    message: (r) => `and ${r.count.toLocaleString('en-US')} more findings of this rule in this file (${where(r)}), not listed one by one: the rule has more than ${ruleLimit.toLocaleString('en-US')} findings in this run. The verdict counts every one.`,
  };
}

/** The counts the folding needs, from one pass over every finding (`add`), in any order. */
export class RepeatCounts {
  readonly groups = new SpotIndex();
  sizes = new Uint32Array(1024);
  /** Per state: how many findings the first fold lists one by one (the second fold's group sizes). */
  readonly listed = new Map<string, number>();

  constructor(
    readonly limit: number,
    readonly ruleLimit: number,
  ) {}

  add(f: Finding): void {
    if (repeatedOf(f)) return;
    const st = stateKey(f);
    const id = this.groups.id(groupKey(f, st));
    if (id >= this.sizes.length) {
      const grown = new Uint32Array(this.sizes.length * 2);
      grown.set(this.sizes);
      this.sizes = grown;
    }
    const n = ++this.sizes[id]!;
    // the group lists n findings up to limit + 1, then `limit` (the rest in its summary)
    const delta = n <= this.limit + 1 ? 1 : n === this.limit + 2 ? -1 : 0;
    if (delta) this.listed.set(st, (this.listed.get(st) ?? 0) + delta);
  }
}

/** Entries in order, each released once no summary before it is still open. */
class Release {
  private readonly queue: Finding[] = [];
  private head = 0;
  readonly open = new Set<Finding>();

  push(f: Finding): void {
    this.queue.push(f);
  }

  *ready(all = false): Generator<Finding> {
    while (this.head < this.queue.length && (all || !this.open.has(this.queue[this.head]!))) {
      const f = this.queue[this.head]!;
      this.queue[this.head++] = undefined as unknown as Finding;
      yield f;
    }
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
  }
}

/**
 * The findings of `source` (the order `counts` were made from, every finding counted) with repeats folded as
 * summariseRepeats does; `hidden` receives the folded findings' fingerprints, per fold.
 */
export function* summariseStream(source: Iterable<Finding>, counts: RepeatCounts, hidden?: [string[], string[]], inFileOrder = false): Generator<Finding> {
  const { limit, ruleLimit } = counts;
  const perPolicy = policyKind(limit);
  const perFile = fileKind(ruleLimit);
  const seen = new Uint32Array(counts.groups.size);
  const open1 = new Map<number, Finding>();
  const fold2 = [...counts.listed.values()].some((n) => n > ruleLimit + 1);
  const seen2 = new Map<string, number>();
  const open2 = new Map<string, Finding>();
  let file2: string | undefined;
  const out = new Release();

  const second = (x: Finding) => {
    if (!fold2 || repeatedOf(x)) return out.push(x);
    // in file order, a file's summaries are final when the next file starts (else at the end)
    if (inFileOrder && x.file !== file2) {
      if (file2 !== undefined && x.file < file2) throw new Error('summaries: findings out of file order');
      for (const s of open2.values()) out.open.delete(s);
      open2.clear();
      file2 = x.file;
    }
    const st = stateKey(x);
    const key = `${x.file}\u0000${st}`;
    const n = seen2.get(st) ?? 0;
    seen2.set(st, n + 1);
    if ((counts.listed.get(st) ?? 0) <= ruleLimit + 1 || n < ruleLimit) return out.push(x);
    hidden?.[1].push(x.fingerprint);
    const s = open2.get(key);
    if (s) return foldInto(s, x);
    const summary = compactSummary(x, perFile);
    open2.set(key, summary);
    out.open.add(summary);
    out.push(summary);
  };

  for (const f of source) {
    if (repeatedOf(f)) second(f);
    else {
      const st = stateKey(f);
      const id = counts.groups.find(groupKey(f, st));
      if (id < 0) throw new Error('summaries: a finding that was not counted');
      const size = counts.sizes[id]!;
      const n = seen[id]!++;
      if (size <= limit + 1 || n < limit) second(f);
      else {
        hidden?.[0].push(f.fingerprint);
        const s = open1.get(id);
        if (s) foldInto(s, f);
        else {
          const summary = compactSummary(f, perPolicy);
          open1.set(id, summary);
          out.open.add(summary);
          second(summary);
        }
        if (n + 1 === size) {
          out.open.delete(open1.get(id)!);
          open1.delete(id);
        }
      }
    }
    yield* out.ready();
  }
  yield* out.ready(true);
}
