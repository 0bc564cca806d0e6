/** Findings, errors and the verdict: the data that leaves the pipeline. */
import type { RelatedLocation } from '../policy/types.js';

export type Severity = 'error' | 'security-warning' | 'warning' | 'suggestion';

/** Most severe first. */
export const SEVERITIES: readonly Severity[] = ['error', 'security-warning', 'warning', 'suggestion'];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/** True when `s` is at least as severe as `threshold`. */
export function atLeast(s: Severity, threshold: Severity): boolean {
  return severityRank(s) <= severityRank(threshold);
}

export type FindingSource = 'access-analyzer' | 'rules' | 'scp' | 'extract';

export interface Finding {
  /** Access Analyzer issue code (e.g. `MISSING_VERSION`) or our own rule id (e.g. `admin-wildcard`). */
  ruleId: string;
  source: FindingSource;
  severity: Severity;
  /** Short title of the rule. */
  title: string;
  /** What is wrong here, specifically. */
  message: string;
  /** How to fix it, concretely. */
  fix?: string;
  /** Documentation URL. */
  learnMore?: string;
  file: string;
  line: number;
  endLine: number;
  column?: number;
  endColumn?: number;
  policyId?: string;
  resource?: string;
  /** JSON pointer inside the policy document the finding is about. */
  path?: string;
  /** Stable across unrelated edits: rule + policy id + statement identity + subject; never line numbers. */
  fingerprint: string;
  /** Internal (not in the reports): rule + policy + subject without the statement, to match a finding whose statement
   * was only narrowed against its base (findings/baseline.ts). */
  matchKey?: string;
  /** New in this change (vs the base), when a base is known. */
  new?: boolean;
  suppressed?: boolean;
  suppressionReason?: string;
  /** Other places the finding concerns (the module call and argument that decide a child module's policy). */
  related?: RelatedLocation[];
  /** Extra, machine-readable details (AA findingDetails, the conditions taken into account, ...). */
  details?: Record<string, unknown>;
}

/** Something we could not analyse: a file that does not parse, a call that failed, ... */
export interface AnalysisError {
  file: string;
  line?: number;
  column?: number;
  message: string;
  /** What part of the analysis is missing because of this. */
  kind: 'input' | 'extract' | 'access-analyzer' | 'internal' | 'config' | 'github' | 'organizations';
  policyId?: string;
}

export type VerdictStatus = 'pass' | 'fail' | 'incomplete';

export interface Verdict {
  status: VerdictStatus;
  /** One sentence a person can act on. */
  reason: string;
  failOn: Severity;
  /** Findings already in the base block too (`fail-on-existing`). */
  failOnExisting?: boolean;
  /** `fail-on: none`: no finding blocks (report-only roll-out). */
  reportOnly?: boolean;
  counts: Record<Severity, number>;
  blocking: number;
  /** Suppressed findings (not counted in `counts`). */
  suppressed: number;
  newCount?: number;
  existingCount?: number;
  /** What could not be analysed, and why. */
  incomplete: { file: string; line?: number; reason: string }[];
}
