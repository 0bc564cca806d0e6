/**
 * What leaves the pipeline, and the vocabulary every stage shares: findings, errors, the verdict (the finding
 * vocabulary, formerly findings/types.ts, which re-exports it), the GateResult every renderer reads and the data
 * types it is made of (the access diff, SCP change impact, the base compared with), and the per-stage Analysis.
 *
 * A leaf: it imports only from policy/ and rules-meta/ (types), so every folder may import it without a cycle.
 * runGate's request types (GateRun, WorkflowPlan) stay beside runGate in gate.ts: they name sources/ and
 * findings/ inputs (ChangeScope, BaseSource) and are read by callers, not renderers.
 */
import type { IamEntity, PolicyRecord, RelatedLocation } from './policy/types.js';
import type { AttachmentRecord, PrincipalRecord } from './policy/principals.js';
import type { RuleMeta } from './rules-meta/types.js';

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

export interface GateResult {
  verdict: Verdict;
  policies: PolicyRecord[];
  /** The roles, users, groups and permission sets declared, each with its effective identity policy. */
  principals: PrincipalRecord[];
  /** Attachment resources without a record of their own (Terraform `aws_iam_*_policy_attachment`, ...). */
  attachments: AttachmentRecord[];
  entities: IamEntity[];
  findings: Finding[];
  errors: AnalysisError[];
  stats: {
    filesScanned: number;
    filesWithPolicies: number;
    durationMs: number;
    /** Skipped quietly, by reason: files not ours (`not-a-policy-or-template`, `cdk-metadata`, `openapi`) and
     * build/vendor folders a walk did not enter (`vendor-or-build-folders`, counted in folders). */
    skipped?: Record<string, number>;
  };
  /** Notes for the reader (e.g. Access Analyzer skipped because no credentials). */
  notes: string[];
  /** Set when a base version was compared (PR base SHA, CLI `--base`). */
  base?: BaseInfo;
  /** Actions each principal/policy gains or loses against the base. */
  accessDiff?: AccessDiffEntry[];
  /** What changed SCPs do to the organisation (base vs head). */
  scpImpacts: ScpImpact[];
  /** Every finding id the run could report, with its docs (SARIF lists them; not part of the JSON report). */
  rules?: RuleMeta[];
  /** Fingerprints of findings counted in the verdict but reported only inside a summary (findings/summarise.ts). */
  summarised?: string[];
  /** Pull-request mode: the files analysed because the change affects them (repository-relative). */
  affected?: string[];
  /**
   * Set when the run was analysed file by file (GateRun.stream): `policies`, `principals`, `attachments` and
   * `entities` are then empty, their entries went to the sink, and these are their counts.
   */
  streamed?: { policies: number; principals: number; attachments: number };
  /**
   * A streamed run's findings as the report lists them, read back from disk each time it is iterated
   * (findings/end-stream.ts); `findings` is then made from it when first read. Writers iterate this instead.
   */
  findingStream?: Iterable<Finding>;
}

/** Where the report entries of a run analysed file by file go (report/json-stream.ts writes them to disk). */
export interface ReportSink {
  /** One unit's entries; `at` is the position of the file they came from (units of held files arrive late). */
  records(at: number, policies: PolicyRecord[], principals: PrincipalRecord[], attachments: AttachmentRecord[]): void;
}

export interface Analysis {
  policies: PolicyRecord[];
  principals: PrincipalRecord[];
  attachments: AttachmentRecord[];
  entities: IamEntity[];
  findings: Finding[];
  errors: AnalysisError[];
  filesWithPolicies: number;
  /** Extractors' notes (e.g. Terraform module calls not read), once each. */
  notes?: string[];
  /** Files skipped quietly, by reason. */
  skipped?: Record<string, number>;
}

/** One file's text handed to the extract+check stages (head from disk, base from git or the API). */
export interface FileText {
  rel: string;
  text: string;
  explicit: boolean;
  /** Found by its content, not its name (sources/sniff.ts). */
  sniffed?: boolean;
  /** Where reading it found it: its repo-relative path after symlinks (as `RepoAccess.resolve` gives it). */
  real?: string;
}

/** The base a run was compared with (GateResult.base). */
export interface BaseInfo {
  ref: string;
  /** Files that existed in the base and were analysed there. */
  filesCompared: number;
  /** Files new in this change. */
  filesAdded: number;
}

/** What a principal (or a policy) gains and loses against the base (GateResult.accessDiff; findings/access-diff.ts). */
export interface AccessDiffEntry {
  /** `role AppRole`, `policy deploy.json`, ... */
  principal: string;
  /** Files the principal's policies are in. */
  files: string[];
  /** Totals; `added`/`removed` hold at most ACTION_LIST_CAP actions (sorted). */
  addedCount: number;
  removedCount: number;
  added: string[];
  removed: string[];
  /** Action patterns written in the head that were not in the base (e.g. `s3:*`), for the reader. */
  addedPatterns: string[];
  /** True when the catalogue expanded the patterns (else they were compared as written). */
  expanded: boolean;
  /** Added actions per access level (`Permissions management`, `Write`, ...; `Unknown` when not in the catalogue). */
  addedByLevel: Record<string, number>;
  /** The 50 most consequential added actions (permissions management, write, tagging, read, list), then by name. */
  addedRanked: string[];
  /** Resource and trust policies: the policy type, the resource holding it and who its Allow statements name. */
  policyType?: 'resource' | 'trust';
  resource?: string;
  /** Principals the Allow statements name (`*` for everyone; values as written, at most 20). */
  grantees?: string[];
  /** True when an Allow statement naming them has a Condition (the grant may be narrower than it reads). */
  conditional?: boolean;
}

/** SCP change impact (GateResult.scpImpacts; checks/scp/impact.ts): actions per service. */
export interface ServiceGroup {
  service: string;
  count: number;
  examples: string[];
}

/** The difference in one group of request contexts. */
export interface ContextImpact {
  /** The requests it concerns, e.g. `aws:RequestedRegion is "us-east-1"`, or `every request`. */
  when: string;
  /** How many representative contexts the group stands for. */
  contexts: number;
  newlyDenied: ServiceGroup[];
  newlyDeniedCount: number;
  newlyAllowed: ServiceGroup[];
  newlyAllowedCount: number;
  /** One sentence: `aws:RequestedRegion is "us-east-1": every action except iam:*, sts:* now denied (was allowed)`. */
  summary: string;
}

export interface ScpTargetImpact {
  /** Account id / OU / 'as attached beside FullAWSAccess' when no organisation model names it. */
  target: string;
  newlyDenied: ServiceGroup[];
  newlyDeniedCount: number;
  newlyAllowed: ServiceGroup[];
  newlyAllowedCount: number;
  /** Per group of request contexts (condition values), what is newly denied or allowed there. */
  contexts: ContextImpact[];
  /** Condition keys left unevaluated (too many combinations): Denies on them count as "may apply". */
  unmodelledKeys?: string[];
}

export interface ScpImpact {
  policyId: string;
  /** An SCP or an RCP (report schema 1.3, additive; absent: SCP). */
  policyType?: 'scp' | 'rcp';
  file: string;
  line: number;
  resource: string;
  targets: ScpTargetImpact[];
}

/**
 * A streamed run's findings: the writers iterate `findingStream` (read back from disk each time); `findings` is
 * made from it when first read (a renderer that needs the list, e.g. Markdown), not enumerable (a copy of the
 * result does not read them all).
 */
export function withFindingStream(result: GateResult, stream: Iterable<Finding>): void {
  result.findingStream = stream;
  Object.defineProperty(result, 'findings', {
    get(this: GateResult) {
      const list = [...stream];
      Object.defineProperty(this, 'findings', { value: list, writable: true, enumerable: false, configurable: true });
      return list;
    },
    set(this: GateResult, v: Finding[]) {
      Object.defineProperty(this, 'findings', { value: v, writable: true, enumerable: true, configurable: true });
    },
    enumerable: false,
    configurable: true,
  });
}
