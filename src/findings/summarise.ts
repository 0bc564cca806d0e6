/**
 * Repeated findings, summarised for the report: the same rule on hundreds of statements of one policy says one
 * thing hundreds of times (5,000 NotAction statements wrote a 163 MB report). Past `limit` findings of one rule on
 * one policy (same severity, new/existing and suppression state), the rest become one summary finding that says
 * how many more there are; past RULE_LIMIT findings of one rule in the run, one summary per file. Runs after the
 * verdict is decided, so the verdict and its counts still include every finding; `represented` tells a renderer how
 * many findings a summary stands for. Pure. The folding itself is a stream over findings in the report's order
 * (summarise-stream.ts): a list in memory and a run's findings read back from disk take the same code path.
 */
import type { Finding } from './types.js';
import { appendAll } from '../util/arrays.js';
import { RepeatCounts, repeatedOf, summariseStream } from './summarise-stream.js';

/** Findings of one rule on one policy listed one by one before the rest are summarised. */
export const REPEAT_LIMIT = 20;

/** Findings of one rule listed in a run before the rest are summarised per file (thousands of files, one rule). */
export const RULE_LIMIT = 1000;

export type { RepeatedDetails } from './summary-view.js';

/** How many findings `f` stands for: 1, or the count of a summary. */
export function represented(f: Finding): number {
  const r = repeatedOf(f);
  return r && typeof r.count === 'number' ? r.count : 1;
}

/**
 * The findings in the same order, each group past `limit` cut to its first `limit` plus one summary in their place:
 * first per rule and policy (REPEAT_LIMIT), then per rule in the whole run (RULE_LIMIT; the rest summarised per
 * file), so the report stays bounded however many statements or files repeat a problem. `hidden` (optional)
 * receives the fingerprints of the findings a summary stands for (review threads on them stay open): those of the
 * first pass, then those of the second.
 */
export function summariseRepeats(findings: Finding[], limit = REPEAT_LIMIT, hidden?: string[], ruleLimit = RULE_LIMIT): Finding[] {
  const counts = new RepeatCounts(limit, ruleLimit);
  for (const f of findings) counts.add(f);
  const parts: [string[], string[]] = [[], []];
  const out = [...summariseStream(findings, counts, hidden ? parts : undefined)];
  if (hidden) appendAll(appendAll(hidden, parts[0]), parts[1]);
  return out;
}
