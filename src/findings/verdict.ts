/** The decision: which findings block, and whether the analysis was complete. Pure. */
import type { AnalysisError, Finding, Severity, Verdict } from './types.js';
import { SEVERITIES, atLeast } from './types.js';

export interface DecideOptions {
  failOn: Severity;
  /** Gate on findings that already existed in the base too. */
  failOnExisting: boolean;
  /** Treat an incomplete analysis as pass (explicit opt-out; off by default). */
  allowIncomplete?: boolean;
  /** `fail-on: none` (report-only roll-out): no finding blocks; an incomplete analysis still does. */
  reportOnly?: boolean;
}

/** True when the finding counts against the gate. */
export function isBlocking(f: Finding, o: DecideOptions): boolean {
  if (f.suppressed || o.reportOnly) return false;
  if (!atLeast(f.severity, o.failOn)) return false;
  if (f.new === false && !o.failOnExisting) return false;
  return true;
}

export function decide(findings: Finding[], errors: AnalysisError[], o: DecideOptions): Verdict {
  const counter = new VerdictCounts(o);
  for (const f of findings) counter.add(f);
  return counter.decide(errors);
}

/** The verdict's counts, one finding at a time (a run's findings streamed from disk: end-stream.ts), then `decide`. */
export class VerdictCounts {
  private readonly counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  private suppressed = 0;
  private newCount = 0;
  private existingCount = 0;
  private baselineKnown = false;
  private blocking = 0;
  private wouldBlock = 0;
  private total = 0;

  constructor(private readonly o: DecideOptions) {}

  /** `f` counted `n` times (a summary counts for the findings it stands for). */
  add(f: Finding, n = 1): void {
    if (!(n > 0)) return;
    this.total += n;
    if (isBlocking(f, this.o)) this.blocking += n;
    if (this.o.reportOnly && isBlocking(f, { ...this.o, reportOnly: false })) this.wouldBlock += n;
    if (f.suppressed) {
      this.suppressed += n;
      return;
    }
    this.counts[f.severity] += n;
    if (f.new !== undefined) {
      this.baselineKnown = true;
      if (f.new) this.newCount += n;
      else this.existingCount += n;
    }
  }

  decide(errors: AnalysisError[]): Verdict {
    const { o, counts, suppressed, newCount, existingCount, baselineKnown, blocking, wouldBlock } = this;
    const incomplete = errors.map((e) => ({ file: e.file, line: e.line, reason: e.message }));
    const files = new Set(errors.map((e) => e.file)).size;

    let status: Verdict['status'];
    let reason: string;
    if (incomplete.length > 0 && !o.allowIncomplete) {
      status = 'incomplete';
      reason =
        `Analysis incomplete: ${files} file${files === 1 ? '' : 's'} could not be fully analysed` +
        (blocking ? `, and ${blocking} blocking finding${blocking === 1 ? ' was' : 's were'} found at or above "${o.failOn}".` : '.');
    } else if (blocking > 0) {
      status = 'fail';
      reason = `${blocking} blocking finding${blocking === 1 ? '' : 's'} at or above "${o.failOn}"${o.failOnExisting ? '' : baselineKnown ? ' introduced by this change' : ''}.`;
    } else {
      status = 'pass';
      const total = this.total - suppressed;
      reason = o.reportOnly
        ? `Report only (fail-on: none): ${total} finding${total === 1 ? '' : 's'}${wouldBlock ? `, ${wouldBlock} of them at or above "${o.failOn}"` : ''}; nothing blocks the merge.`
        : total === 0 ? 'No findings.' : `No blocking findings (${total} below the "${o.failOn}" threshold${existingCount && !o.failOnExisting ? ' or pre-existing' : ''}).`;
    }
    return {
      status,
      reason,
      failOn: o.failOn,
      ...(o.failOnExisting ? { failOnExisting: true } : {}),
      ...(o.reportOnly ? { reportOnly: true } : {}),
      counts,
      blocking,
      suppressed,
      ...(baselineKnown ? { newCount, existingCount } : {}),
      incomplete,
    };
  }
}
