/**
 * The one validated options object every stage reads. Built from defaults, then the config file, then action
 * inputs, then CLI flags (later wins).
 */
import type { PolicyType } from '../policy/types.js';
import type { Severity } from '../findings/types.js';

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
  failOn: Severity;
  failOnExisting: boolean;
  /** Maximum size of one input file, bytes. */
  maxFileBytes: number;
  /** Per-file analysis budget, milliseconds. */
  fileTimeBudgetMs: number;
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
  /** Analyse plan resources whose change is no-op/delete as well. */
  terraformAllResources: boolean;
}

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

export function defaultOptions(root: string, cwd = root): Options {
  return {
    root,
    cwd,
    include: [],
    exclude: [],
    failOn: 'security-warning',
    failOnExisting: false,
    maxFileBytes: DEFAULT_MAX_FILE_BYTES,
    fileTimeBudgetMs: 5000,
    policyTypes: [],
    rules: {},
    accessAnalyzer: 'auto',
    account: '123456789012',
    region: 'us-east-1',
    partition: 'aws',
    trustedAccounts: [],
    trustedOrgIds: [],
    terraformAllResources: false,
  };
}
