/**
 * The one validated options object every stage reads. Built from defaults, then the config file, then action
 * inputs, then CLI flags (later wins).
 */
import type { ChannelMode, CommentMode } from './noise.js';
import type { PolicyType } from '../policy/types.js';
import type { Severity } from '../result.js';

export type AccessAnalyzerMode = 'auto' | 'on' | 'off';

export interface Options {
  /** Repository root: no file outside it is ever read. Absolute. */
  root: string;
  /** Working directory that report paths are relative to. Absolute. */
  cwd: string;
  /** Globs of files to scan (relative to root); empty = everything under the given paths. */
  include: string[];
  /** Globs to skip. */
  exclude: string[];
  /**
   * A directory walk skips build and vendor folders (`vendor/`, `site-packages/`, `cdk.out/asset.*`, the `dist/`
   * of a JavaScript package) besides the folders it never enters (node_modules, .aws-sam, .venv, ...). Config
   * `default-excludes: false` walks them. Files a change list names are analysed wherever they are.
   */
  defaultExcludes: boolean;
  /**
   * Other tools' suppressions in template metadata (cfn_nag, checkov, cfn-lint) mapped to our rule ids:
   * `cfn_nag:F3` -> [`wildcard-action`]. Unmapped ones are only shown; mapped ones suppress, shown as suppressed.
   */
  suppressionMappings: Record<string, string[]>;
  failOn: Severity;
  /** `fail-on: none`: findings are reported and nothing blocks (an incomplete analysis still fails). */
  reportOnly: boolean;
  failOnExisting: boolean;
  /** Maximum size of one input file, bytes. */
  maxFileBytes: number;
  /** Per-file analysis budget, milliseconds (the offline checks stop on a file past it: not analysed). */
  fileTimeBudgetMs: number;
  /**
   * Per-file work budget of the offline checks, in counted units (checks/budget.ts): deterministic, so a file is over
   * it on every machine or on none. Past it the file is not analysed (incomplete). Not a config key (yet).
   */
  fileWorkBudget: number;
  /** Raw policy files: glob -> policy type. First match wins. */
  policyTypes: { files: string[]; type: PolicyType }[];
  /** Per-rule overrides. */
  rules: Record<string, { enabled?: boolean; severity?: Severity }>;
  accessAnalyzer: AccessAnalyzerMode;
  /** Account, region and partition used for placeholders and pseudo parameters. */
  account: string;
  region: string;
  partition: string;
  /** Allowlisted external accounts, organisation ids and OIDC subjects (trust checks). */
  trustedAccounts: string[];
  trustedOrgIds: string[];
  /** Allowlisted OIDC subjects (e.g. `repo:my-org/my-repo:ref:refs/heads/main`). */
  trustedOidcSubjects: string[];
  /** Configured template-token patterns (`placeholders:`; `*`/`?` wildcards, found inside a value). */
  placeholders: string[];
  /** Analyse plan resources whose change is no-op/delete as well. */
  terraformAllResources: boolean;
  /** Terraform variable files (repo-relative) whose values resolve `var.x`. */
  tfvarsFiles: string[];
  /** CloudFormation parameter values per template glob (later entries win). */
  cfnParameters: { files: string[]; values: Record<string, unknown>; /** Repo-relative parameters file (CLI/CodePipeline JSON or YAML map). */ file?: string }[];
  /** Access Analyzer settings (mode is `accessAnalyzer`). */
  aa: {
    region?: string;
    locale?: string;
    /** Endpoint override (tests, self-hosted proxies). */
    endpoint?: string;
    /** Per-run cap on billed custom-check calls; past it the verdict is incomplete. */
    maxBilledCalls: number;
    concurrency: number;
    /** Result cache directory (repo-relative or absolute); '' disables the cache. */
    cacheDir: string;
    checkNoNewAccess: boolean;
    checkAccessNotGranted: boolean;
    checkNoPublicAccess: boolean;
    /** Explicit opt-out: a failed Access Analyzer call does not make the verdict incomplete. */
    allowFailures: boolean;
  };
  /** Sensitive actions/resources for CheckAccessNotGranted (defaults in the Access Analyzer module when empty). */
  sensitiveActions: string[];
  sensitiveResources: string[];
  /** Reference policies (repo-relative paths) for CheckNoNewAccess. */
  referencePolicies: { identity?: string; resource?: string };
  /** The organisation model for SCP checks (validated by the SCP module). */
  organization?: unknown;
  /**
   * Read the organisation live from AWS Organizations (with credentials) when the config's `organization:` has no
   * tree of its own: config `organization-live`, input `organization-live`, flag `--organization-live`. Off by default.
   */
  organizationLive: boolean;
  /** Organizations endpoint override (tests, proxies); the partition's global endpoint otherwise. */
  organizationEndpoint?: string;
  /** Suppressions from the config (see findings/suppressions). */
  ignore: {
    rule: string;
    files?: string[];
    resource?: string;
    sid?: string;
    action?: string;
    reason: string;
    expires?: string;
    /** Where the entry is written (the config file, cwd-relative, and its line), for reports. */
    source?: { file: string; line: number };
  }[];
  /**
   * Customer managed policies outside the repository (attached by ARN or looked up by a data source) that the team
   * has reviewed: `arn` is an exact ARN or an IAM wildcard pattern. Any other external policy makes the verdict
   * incomplete (the gate cannot see what it grants).
   */
  externalPolicies: { arn: string; reason: string }[];
  /** Maximum inline review comments per run (the rest go to the summary). */
  maxInlineComments: number;
  /** Noise controls on a pull request (config keys and Action inputs of the same names). */
  comment: CommentMode;
  inline: ChannelMode;
  annotations: ChannelMode;
  /** Matrix jobs: each tag keeps its own sticky comment, review and check-run name ('' = none). */
  commentTag: string;
  /** An `ignore` entry may not expire more than this many days ahead (config error otherwise). */
  maxSuppressionDays: number;
  /**
   * Files the config references that configure the gate (reference policies), read from the trusted base commit in
   * pull-request mode (repo-relative path -> text; null: absent there). Unset: read from the working tree.
   */
  trustedConfigFiles?: Record<string, string | null>;
  /** The clock (injected in tests): suppression expiry etc. */
  now: Date;
}

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

export function defaultOptions(root: string, cwd = root): Options {
  return {
    root,
    cwd,
    include: [],
    exclude: [],
    defaultExcludes: true,
    suppressionMappings: {},
    failOn: 'security-warning',
    reportOnly: false,
    failOnExisting: false,
    maxFileBytes: DEFAULT_MAX_FILE_BYTES,
    fileTimeBudgetMs: 5000,
    fileWorkBudget: 10_000_000,
    policyTypes: [],
    rules: {},
    accessAnalyzer: 'auto',
    account: '123456789012',
    region: 'us-east-1',
    partition: 'aws',
    trustedAccounts: [],
    trustedOrgIds: [],
    trustedOidcSubjects: [],
    placeholders: [],
    terraformAllResources: false,
    tfvarsFiles: [],
    cfnParameters: [],
    aa: {
      maxBilledCalls: 500,
      concurrency: 4,
      cacheDir: '.cache/iam-policy-gate',
      checkNoNewAccess: true,
      checkAccessNotGranted: true,
      checkNoPublicAccess: true,
      allowFailures: false,
    },
    sensitiveActions: [],
    sensitiveResources: [],
    referencePolicies: {},
    organizationLive: false,
    ignore: [],
    externalPolicies: [],
    maxInlineComments: 30,
    comment: 'on-findings',
    inline: 'blocking',
    annotations: 'new',
    commentTag: '',
    maxSuppressionDays: 365,
    now: new Date(),
  };
}
