/**
 * The adversarial suite's cases, as data. Each dangerous case tries to get one clearly dangerous policy
 * (administrator access, privilege escalation, a role anyone can assume, a public bucket, CloudTrail stopped, ...)
 * past the gate with ONE evasion technique of issue 15 (classes 1-7) and asserts the verdict is not `pass`
 * (`fail` or `incomplete`). Benign controls (`expect: 'pass'`) are near misses of the same shapes that must pass,
 * so the suite cannot be satisfied by failing everything. All content is synthetic.
 */

/** The sections. */
export type CaseClass =
  | '1-config' // the PR must not configure its own gate (config file, inline suppressions, expiry, globs)
  | '2-scope' // analyse everything the change affects (variables, tfvars, locals, file(), includes, renames)
  | '3-vacuous' // conditions and patterns that restrict nothing
  | '4-unknown' // unknown, conditional and generated content (branches, unknown values, plans, includes)
  | '5-baseline' // the baseline must not hide escalation (fingerprints)
  | '6-holder' // who holds the grant, and what really applies (attribution, managed policies, holder-level new)
  | '7-hostile'; // bounded and crash-free on hostile size; templates found whatever their name

export type CaseFormat = 'raw-json' | 'cfn' | 'sam' | 'tf' | 'tf-json' | 'plan' | 'config';
export type Expect = 'not-pass' | 'pass';

/** File contents: text, bytes, or a generator (large hostile files are built when the case runs). */
export type FileBody = string | Uint8Array | (() => string);
export type Files = Record<string, FileBody>;

/** One gate run over a tree: `scan PATHS` (default `.`). */
export interface ScanCase {
  id: string;
  cls: CaseClass;
  format: CaseFormat;
  description: string;
  expect: Expect;
  files: Files;
  paths?: string[];
  /**
   * Run in a child process (the CLI from source) with a kill timeout instead of in-process: for inputs that may
   * crash or hang the process today. The case passes only if a report is written and its verdict is as expected.
   */
  isolate?: boolean;
}

/**
 * A pull request: base commit, then head = base + changes (null deletes, `renames` moves). Run with a base
 * (CLI `--base`, or the bundled Action with a pull_request event against the fake GitHub).
 */
export interface RepoCase {
  id: string;
  cls: CaseClass;
  format: CaseFormat;
  description: string;
  expect: Expect;
  base: Record<string, string>;
  head: Record<string, string | null>;
  renames?: [from: string, to: string][];
  /** Action inputs beyond the suite's defaults (access-analyzer off). */
  inputs?: Record<string, string>;
}

/**
 * Dates in case text relative to the clock of the run (the in-process runners fix it; the bundled Action uses the
 * real one): @SOON@ = in 60 days, @FAR@ = in 50 years, @PAST@ = 30 days ago.
 */
export function substituteDates(text: string, now: Date): string {
  const day = (n: number) => new Date(now.getTime() + n * 86_400_000).toISOString().slice(0, 10);
  return text.replaceAll('@SOON@', day(60)).replaceAll('@FAR@', day(365 * 50)).replaceAll('@PAST@', day(-30));
}

export function classCounts(cases: { cls: CaseClass; expect: Expect }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of cases) {
    const k = `${c.cls} ${c.expect}`;
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}
