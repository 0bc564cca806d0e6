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
 * machine (it sums no other threads), and it is read twice per policy.
 */
const threadCpu = (process as { threadCpuUsage?: () => NodeJS.CpuUsage }).threadCpuUsage?.bind(process);
function cpuMs(): number {
  const u = threadCpu ? threadCpu() : process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Policies whose rule passes are timed one by one (smaller ones are timed as a whole: a clock read costs). */
export const TIMED_PASS_WORK = 1_000;

export class FileBudget {
  private readonly used = new Map<string, number>();
  private readonly ms = new Map<string, number>();
  private readonly over = new Map<string, AnalysisError>();
  private mark = 0;

  constructor(
    private readonly maxWork: number,
    private readonly maxMs: number,
  ) {}

  /** Whether the file already ran out of budget. */
  exhausted(file: string): boolean {
    return this.over.has(file);
  }

  /** Start timing work on a file (before its policy's first rule pass). */
  begin(): void {
    this.mark = cpuMs();
  }

  /** Add the CPU time since the last mark to the file. */
  tick(file: string): void {
    const now = cpuMs();
    this.ms.set(file, (this.ms.get(file) ?? 0) + now - this.mark);
    this.mark = now;
  }

  /**
   * Charge `work` units before a pass (`timed`: and the CPU time spent on the file so far); false, and the file
   * marked not analysed, when it would go over. `what` says what was being checked, for the error.
   */
  charge(file: string, work: number, what: () => string, timed = false): boolean {
    if (this.over.has(file)) return false;
    if (timed) this.tick(file);
    const used = (this.used.get(file) ?? 0) + work;
    const ms = this.ms.get(file) ?? 0;
    if (used <= this.maxWork && ms <= this.maxMs) {
      this.used.set(file, used);
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
