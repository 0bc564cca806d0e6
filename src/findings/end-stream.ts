/**
 * The stages after the analysis of a file-by-file run, as a stream over its findings on disk (findings/runs.ts):
 * a first pass in the report's order (the k-way merge of the sorted runs) names module calls, applies the
 * settings and suppressions, counts the verdict and the summaries' groups, and writes each finding as reported to
 * a second file; the findings about the suppressions join them there (in the order a sort of the whole list gives
 * them). The report's findings are then that file read back with repeats folded (summarise-stream.ts), as often as
 * a writer iterates them: no stage holds a list of the run's findings. Same findings in the same order as the
 * in-memory stages (gate.ts settingsStage, decideStage, summariseRepeats), which take the same per-finding steps.
 */
import type { AnalysisError, Finding, Verdict } from './types.js';
import type { PolicyRecord, IamEntity } from '../policy/types.js';
import type { Options } from '../config/options.js';
import { FindingRuns, readBackError } from './runs.js';
import type { FindingOrder } from './runs.js';
import { Suppressor } from './suppressions.js';
import { callSitesOf, coveredByCallsOf } from './call-sites.js';
import { VerdictCounts } from './verdict.js';
import { RepeatCounts, summariseStream } from './summarise-stream.js';
import { REPEAT_LIMIT } from './summarise.js';

export interface EndStreamContext {
  /** The records kept whole (module calls, suppressions) and the bare views looked up by id. */
  policies: PolicyRecord[];
  lookup?: (id: string) => PolicyRecord | undefined;
  entities: IamEntity[];
  /** The notes of other tools' suppressions kept apart (SuppressionContext.foreignNote). */
  foreignNote?: (key: string) => string | undefined;
  options: Options;
  scannedFiles?: string[];
  accessAnalyzerRan: boolean;
  /** RULE_LIMIT, or Infinity for a shard (the merge summarises across shards). */
  ruleLimit: number;
  order: FindingOrder;
  /** Findings per sorted run of the second file. */
  runSize: number;
}

/**
 * The end stages over `runs` (settled; disposed of here): the verdict, and the report's findings as an iterable
 * read back from disk. Errors (a finding that could not be read back or written) go to `errors` first: the verdict
 * is then incomplete.
 */
export function streamEndStages(runs: FindingRuns, ctx: EndStreamContext, errors: AnalysisError[]): { verdict: Verdict; findings: Iterable<Finding> } {
  const { options } = ctx;
  const suppressor = new Suppressor({ policies: ctx.policies, ...(ctx.lookup ? { lookup: ctx.lookup } : {}), entities: ctx.entities, ...(ctx.foreignNote ? { foreignNote: ctx.foreignNote } : {}), options, scannedFiles: ctx.scannedFiles, accessAnalyzerRan: ctx.accessAnalyzerRan });
  const callSites = callSitesOf(ctx.policies) ?? ((f: Finding) => f);
  const covered = coveredByCallsOf(ctx.policies) ?? ((f: Finding) => f);
  const reported = new FindingRuns(ctx.runSize, ctx.order);
  const counter = new VerdictCounts({ failOn: options.failOn, failOnExisting: options.failOnExisting, reportOnly: options.reportOnly });
  const repeats = new RepeatCounts(REPEAT_LIMIT, ctx.ruleLimit);
  const take = (f: Finding) => {
    const g = covered(f);
    counter.add(g);
    repeats.add(g);
    reported.put(g);
  };
  // test hook, honoured only under the test runner (VITEST set): the runs' file closed before it is read back
  if (process.env.VITEST && process.env.IAM_POLICY_GATE_TEST_SPILL_FAULT === 'read') runs.dispose();
  let read = true;
  try {
    for (const f of runs.merged()) {
      const g = suppressor.apply(callSites(f));
      if (g) take(g);
    }
  } catch (e) {
    errors.push(readBackError(e));
    read = false;
  } finally {
    runs.dispose();
  }
  // (not after a failed read: an entry whose findings were not read would be called unused)
  if (read) for (const f of suppressor.about()) take(f);
  const failure = reported.settle();
  // (the reported findings' file is in the same folder as the runs': its write failure is the same error, listed once)
  if (failure && !errors.some((e) => e.file === failure.file && e.message === failure.message)) errors.push(failure);
  const unreadable = reported.verify();
  if (unreadable) errors.push(unreadable);
  const verdict = counter.decide(errors);
  return { verdict, findings: { [Symbol.iterator]: () => summariseStream(unreadable ? readable(reported) : reported.merged(), repeats, undefined, true) } };
}

/** The findings of a file that failed its read-back (an error of the run already): those read before the failure. */
function* readable(reported: FindingRuns): Generator<Finding> {
  try {
    yield* reported.merged();
  } catch {
    // said in the run's errors (verify)
  }
}
