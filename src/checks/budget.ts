/**
 * Per-file work budget of the offline checks. A hostile file (5,000 NotAction statements, 85,000 statements) must
 * not take the run's time and memory: before each rule pass over a policy, its cost is charged to the policy's
 * file; a file whose next pass would go over the budget is not checked further and is reported as not analysed
 * (the verdict is incomplete), while every other file is checked in full.
 *
 * The cost is counted, not timed, so a file is over budget on every machine or on none (tests and CI agree): one
 * unit per statement and per value it lists, and a whole-catalogue expansion (NotAction, a `*` service) weighs as
 * much as EXPANSION values. `fileTimeBudgetMs` (CPU time, so a loaded runner does not make files incomplete) is the backstop for what the
 * count misses.
 */
import type { PolicyRecord } from '../policy/types.js';
import type { StatementView } from '../policy/statements.js';
import type { AnalysisError } from '../findings/types.js';

/** Weight of a statement that expands to every action of the catalogue (rules walk ~22,000 actions for it). */
const EXPANSION = 100;
/** Weight of a wildcard inside one service (`s3:Get*`). */
const SERVICE_WILDCARD = 10;

function actionWeight(v: unknown): number {
  if (typeof v !== 'string' || !v.includes('*')) return 1;
  const colon = v.indexOf(':');
  return colon < 0 || v.slice(0, colon).includes('*') ? EXPANSION : SERVICE_WILDCARD;
}

/** What one rule pass over the statement costs. */
export function statementWork(s: StatementView): number {
  let w = 1 + (s.resource?.length ?? 0) + (s.notResource?.length ?? 0);
  for (const a of s.action ?? []) w += actionWeight(a.value);
  if (s.notAction) w += EXPANSION + s.notAction.length;
  for (const c of s.condition ?? []) w += 1 + c.values.length;
  return w;
}

/**
 * CPU time of the thread running the checks, ms: the load of a shared runner does not count against a file (wall
 * time would). The thread's own clock (Node 23.9+) is several times cheaper to read than the process's on a loaded
 * machine (it sums no other threads), and it is still read rarely (see FileBudget).
 */
const threadCpu = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage?.bind(process);
function cpuMs(): number {
  const u = threadCpu ? threadCpu() : process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Work charged to a file between two reads of the clock: the time budget is checked at most this much work late
 * (about one pass of a large policy), and a run of small files reads the clock once per file, not twice per policy
 * (a clock read costs more than checking a small policy's statement).
 */
export const CLOCK_WORK = 10_000;

/**
 * The clock is read when the file being checked changes (the time since the last read goes to the file checked
 * then) and, within a file, once CLOCK_WORK units were charged since the last read. A file is checked against its
 * time when it is charged, so it stops within its time budget plus CLOCK_WORK units of work (one pass at least).
 */
export class FileBudget {
  private readonly used = new Map<string, number>();
  private readonly ms = new Map<string, number>();
  private readonly over = new Map<string, AnalysisError>();
  private mark = 0;
  /** The file whose checks the clock is running for (since `mark`), and the work charged since `mark`. */
  private current: string | undefined;
  private pending = 0;

  constructor(
    private readonly maxWork: number,
    private readonly maxMs: number,
  ) {}

  /** Whether the file already ran out of budget. */
  exhausted(file: string): boolean {
    return this.over.has(file);
  }

  /** Work on `file` starts (before its policy's first rule pass): the clock is read only if the file changes. */
  begin(file: string): void {
    if (this.current === file) return;
    this.tick();
    this.current = file;
  }

  /** Add the CPU time since the last read to the file being checked. */
  private tick(): void {
    const now = cpuMs();
    if (this.current !== undefined) this.ms.set(this.current, (this.ms.get(this.current) ?? 0) + now - this.mark);
    this.mark = now;
    this.pending = 0;
  }

  /**
   * Charge `work` units before a pass (and the CPU time spent on the file so far, read once CLOCK_WORK units were
   * charged since the last read); false, and the file marked not analysed, when it would go over. `what` says what
   * was being checked, for the error.
   */
  charge(file: string, work: number, what: () => string): boolean {
    if (this.over.has(file)) return false;
    if (this.current !== file) this.begin(file);
    else if (this.pending >= CLOCK_WORK) this.tick();
    const used = (this.used.get(file) ?? 0) + work;
    const ms = this.ms.get(file) ?? 0;
    if (used <= this.maxWork && ms <= this.maxMs) {
      this.used.set(file, used);
      this.pending += work;
      return true;
    }
    const why =
      used > this.maxWork
        ? `the offline checks would need more than the per-file work budget (${this.maxWork.toLocaleString('en-US')} units; ${what()})`
        : `the offline checks took longer than the per-file time budget (file-time-budget-ms: ${this.maxMs} ms of CPU time; ${what()})`;
    this.over.set(file, { file, message: `not analysed: ${why}. Findings found before the budget ran out are reported; the rest of the file was not checked. Split the policy or the file.`, kind: 'input' });
    return false;
  }

  /** One error per file that ran out of budget. */
  errors(): AnalysisError[] {
    return [...this.over.values()];
  }
}

/**
 * Expanding a whole-catalogue statement the first time (NotAction, `*`): ~22,000 actions looked up once per policy,
 * the grant memo serving the later rule passes.
 */
const FIRST_EXPANSION = 2_000;

function expandsCatalogue(s: StatementView): boolean {
  return s.notAction !== undefined || (s.action ?? []).some((a) => actionWeight(a.value) === EXPANSION);
}

/** The weight of checking a policy: `once` before its first rule pass (expansions), `pass` for each rule pass. */
export function policyWork(statements: StatementView[]): { once: number; pass: number } {
  let pass = 1;
  let once = 0;
  for (const s of statements) {
    pass += statementWork(s);
    if (expandsCatalogue(s)) once += FIRST_EXPANSION;
  }
  return { once, pass };
}

export function describePolicy(policy: PolicyRecord, statements: number): string {
  return `${statements.toLocaleString('en-US')} statement${statements === 1 ? '' : 's'} in ${policy.resource || policy.id}`;
}
