import type { IamEntity, PolicyRecord, PolicyType } from '../policy/types.js';
import type { AnalysisError, Finding } from '../findings/types.js';
import type { Options } from '../config/options.js';

/** Reads another file of the repository (includes, `file()`, `.tf` sources). Refuses paths outside the root. */
export type RepoReader = (relativePath: string) => string;

export interface ExtractInput {
  /** The file's path as shown to the user (relative to the working directory, posix separators). */
  file: string;
  /** The file's path relative to the repository root (what `readRepoFile` takes). */
  repoPath: string;
  /** Display path for another repository file (repo-relative in, cwd-relative out). */
  displayPath(repoRelative: string): string;
  text: string;
  options: Options;
  /** Contained reader for other repository files, relative to the repository root. */
  readRepoFile: RepoReader;
  /** Lists repository files under a repo-relative directory (contained), for formats that need siblings. */
  listRepoFiles?: (relativeDir: string) => string[];
  /** True when the user named this file explicitly (then "not a policy" is an error, not a quiet skip). */
  explicit: boolean;
}

export interface ExtractResult {
  policies: PolicyRecord[];
  entities: IamEntity[];
  errors: AnalysisError[];
  /** Findings raised while extracting (refused include, unsupported construct, ...). */
  findings: Finding[];
  /** Other repository files this file depends on (includes, modules). */
  dependencies?: string[];
  /** Notes for the report (what was not read and why, when it does not make the analysis incomplete). */
  notes?: string[];
  /** Found by a walk and not ours (vendored SDK data, CDK metadata, ...): skipped quietly, counted by this reason. */
  skipped?: string;
}

export interface Extractor {
  /** Short name shown in reports. */
  name: string;
  /** Cheap test on path and text: does this file belong to this extractor? */
  detect(file: string, text: string): boolean;
  extract(input: ExtractInput): ExtractResult | Promise<ExtractResult>;
}

export function emptyResult(): ExtractResult {
  return { policies: [], entities: [], errors: [], findings: [] };
}

export type { PolicyType };
