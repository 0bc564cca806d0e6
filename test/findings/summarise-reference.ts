/**
 * The list-at-once folding of repeats that findings/summarise.ts had before it became a stream
 * (summarise-stream.ts), kept as the tests' reference (test/findings/runs.test.ts): the same output, the same
 * hidden fingerprints.
 */
import type { Finding } from '../../src/findings/types.js';
import { compactCounts, compactSummary, foldInto, state } from '../../src/findings/summary-view.js';
import type { RepeatedDetails, SummaryKind } from '../../src/findings/summary-view.js';

/** Findings of one rule on one policy listed one by one before the rest are summarised. */
export const REPEAT_LIMIT = 20;

export type { RepeatedDetails } from '../../src/findings/summary-view.js';

/** How many findings `f` stands for: 1, or the count of a summary. */
export function represented(f: Finding): number {
  const r = repeatedOf(f);
  return r && typeof r.count === 'number' ? r.count : 1;
}

/** A summary's counts. */
const repeatedOf = (f: Finding): RepeatedDetails | undefined => compactCounts(f) ?? (f.details?.repeated as RepeatedDetails | undefined);
const stateKey = (f: Finding) => state(f).join('\u0000');
/**
 * A group's key in two parts, a text and the state's text (the key is `first + NUL + second`: the state has a fixed
 * number of NULs, so equal keys have equal parts); the first part is a text the finding holds already where it can
 * be: no key is built and kept per group.
 */
type KeyParts = (f: Finding) => [string, string];
/** One rule on one policy (in one state). */
const policyKey: KeyParts = (f) => [f.policyId ?? `file:${f.file}`, stateKey(f)];
/** One rule in the whole run (in one state). */
const ruleKey: KeyParts = (f) => ['', stateKey(f)];
/** One rule in one file (in one state). */
const fileRuleKey: KeyParts = (f) => [f.file, stateKey(f)];

/** Findings of one rule listed in a run before the rest are summarised per file (thousands of files, one rule). */
export const RULE_LIMIT = 1000;

/**
 * The findings in the same order, each group past `limit` cut to its first `limit` plus one summary in their place:
 * first per rule and policy (REPEAT_LIMIT), then per rule in the whole run (RULE_LIMIT; the rest summarised per
 * file), so the report stays bounded however many statements or files repeat a problem. `hidden` (optional)
 * receives the fingerprints of the findings a summary stands for (review threads on them stay open).
 */
export function referenceSummarise(findings: Finding[], limit = REPEAT_LIMIT, hidden?: string[], ruleLimit = RULE_LIMIT): Finding[] {
  const perPolicy = fold(findings, limit, policyKey, policyKey, hidden, {
    identity: (f) => ['repeated', f.policyId ?? f.file],
    message: (r, s) => `and ${r.count.toLocaleString('en-US')} more findings of this rule on ${s.resource ?? s.file} (${where(r)}), not listed one by one: the same problem as the ${limit} above. The verdict counts every one.`,
  });
  return fold(perPolicy, ruleLimit, ruleKey, fileRuleKey, hidden, {
    identity: (f) => ['repeated-in-file', f.file],
    message: (r) => `and ${r.count.toLocaleString('en-US')} more findings of this rule in this file (${where(r)}), not listed one by one: the rule has more than ${ruleLimit.toLocaleString('en-US')} findings in this run. The verdict counts every one.`,
  });
}

/**
 * Group ids by the two parts of their key: per first part (a text findings share: no copy), its (state, id) pairs
 * as numbers, the states' texts once each. ~80 bytes a group instead of a ~200-byte key and its map entry.
 */
class GroupIds {
  private readonly states = new Map<string, number>();
  private readonly groups = new Map<string, number[]>();

  get(first: string, second: string): number | undefined {
    const st = this.states.get(second);
    const pairs = st === undefined ? undefined : this.groups.get(first);
    if (!pairs) return undefined;
    for (let k = 0; k < pairs.length; k += 2) if (pairs[k] === st) return pairs[k + 1];
    return undefined;
  }

  add(first: string, second: string, id: number): void {
    let st = this.states.get(second);
    if (st === undefined) this.states.set(second, (st = this.states.size));
    const pairs = this.groups.get(first);
    if (pairs) pairs.push(st, id);
    else this.groups.set(first, [st, id]);
  }
}

function where(r: RepeatedDetails): string {
  return r.firstLine === r.lastLine ? `line ${r.firstLine}` : `lines ${r.firstLine}-${r.lastLine}`;
}

/**
 * One folding pass: findings (not summaries) counted by `listKey`; past `limit` in a group of more than `limit + 1`,
 * each is folded into the summary of its `foldKey`, placed where the first folded one was.
 */
function fold(
  findings: Finding[],
  limit: number,
  listKey: KeyParts,
  foldKey: KeyParts,
  hidden: string[] | undefined,
  kind: SummaryKind,
): Finding[] {
  // each group once (a run of 200,000 findings has about as many groups): an index, then counts by index
  const ids = new GroupIds();
  const sizes: number[] = [];
  for (const f of findings) {
    if (repeatedOf(f)) continue;
    const [a, b] = listKey(f);
    const id = ids.get(a, b);
    if (id === undefined) ids.add(a, b, sizes.push(1) - 1);
    else sizes[id]!++;
  }
  if (!sizes.some((n) => n > limit + 1)) return findings;
  const seen = new Array<number>(sizes.length).fill(0);
  // the summaries by their fold key's group (GroupIds: no key text built per finding or kept per summary)
  const shared = foldKey === listKey;
  const foldIds = shared ? ids : new GroupIds();
  const summaries: Finding[] = [];
  let next = 0;
  const out: Finding[] = [];
  for (const f of findings) {
    if (repeatedOf(f)) {
      out.push(f);
      continue;
    }
    const [a, b] = listKey(f);
    const id = ids.get(a, b)!;
    const n = seen[id]!++;
    if (sizes[id]! <= limit + 1 || n < limit) {
      out.push(f);
      continue;
    }
    hidden?.push(f.fingerprint);
    const [fa, fb] = shared ? [a, b] : foldKey(f);
    let fid = shared ? id : foldIds.get(fa, fb);
    if (fid === undefined) foldIds.add(fa, fb, (fid = next++));
    const s = summaries[fid];
    if (s) {
      foldInto(s, f);
      continue;
    }
    // its message and fingerprint made when read (summary-view.ts), from its counts once every finding is folded
    const summary = compactSummary(f, kind);
    summaries[fid] = summary;
    out.push(summary);
  }
  return out;
}
