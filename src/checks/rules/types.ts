/**
 * The rule contract (ESLint-style): one file per rule, exporting `meta` and one or more check functions. Rules are
 * pure: they read extracted records and call `report`; the runner turns reports into located, fingerprinted
 * findings.
 */
import type { IamEntity, PolicyRecord, PolicyType, PrincipalRef } from '../../policy/types.js';
import type { PrincipalPolicy } from '../../policy/principals.js';
import type { StatementView } from '../../policy/statements.js';
import type { Severity } from '../../findings/types.js';
import type { Options } from '../../config/options.js';
import type { RuleMeta } from '../../rules-meta/types.js';

// RuleMeta and the docs URLs live in the leaf src/rules-meta/ (report/ and config/ read them without checks/)
export type { RuleCategory, RuleMeta } from '../../rules-meta/types.js';
export { DOCS_BASE, accessAnalyzerDocsUrl, ruleDocsUrl } from '../../rules-meta/types.js';

export interface Report {
  /** JSON pointer inside the policy document (or entity properties) the finding is about. */
  path: string;
  message: string;
  /** What the finding is about within the statement (an action, a principal, ...): part of the fingerprint. */
  subject?: string;
  /** Overrides the rule's default severity for this report (e.g. a mitigating condition lowers it). */
  severity?: Severity;
  details?: Record<string, unknown>;
}

export interface PolicyContext {
  policy: PolicyRecord;
  document: Record<string, unknown> | undefined;
  statements: StatementView[];
  options: Options;
  report(r: Report): void;
}

export interface PrincipalContext {
  principal: Omit<PrincipalRef, 'via'>;
  /** Every policy attached to this principal (inline, managed, boundary) and a role's trust policy. */
  policies: PolicyRecord[];
  /** Identity policies that apply through the groups the principal (a user) is a member of. */
  inherited: PrincipalPolicy[];
  /** The identity policies that grant it something: attached (not as a boundary) and inherited, with how. */
  granting: PrincipalPolicy[];
  entity?: IamEntity;
  options: Options;
  report(r: Report & { policy: PolicyRecord }): void;
}

export interface EntityContext {
  entity: IamEntity;
  entities: IamEntity[];
  policies: PolicyRecord[];
  options: Options;
  report(r: Partial<Report> & { message: string }): void;
}

export interface Rule {
  meta: RuleMeta;
  checkPolicy?(ctx: PolicyContext): void;
  checkPrincipal?(ctx: PrincipalContext): void;
  checkEntity?(ctx: EntityContext): void;
}
