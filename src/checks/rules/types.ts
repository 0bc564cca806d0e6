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

export type RuleCategory = 'validation' | 'least-privilege' | 'trust' | 'resource-exposure' | 'account' | 'scp' | 'config';

export interface RuleMeta {
  /** Stable id. Access Analyzer's issue code where the meaning is the same, else kebab-case. */
  id: string;
  title: string;
  severity: Severity;
  category: RuleCategory;
  /** Why it matters (one paragraph). */
  description: string;
  /** How to fix it, concretely. */
  fix: string;
  /** Policy types the rule applies to; all when absent. */
  policyTypes?: PolicyType[];
  /** Reference URL (AWS docs); our generated rule page is always linked too. */
  reference?: string;
  /** Examples for the generated docs. */
  examples?: { bad: unknown; good: unknown };
}

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

export const DOCS_BASE = 'https://github.com/iam-policy-gate/iam-policy-gate/blob/main/docs/rules/';

export function ruleDocsUrl(meta: RuleMeta): string {
  return meta.reference ?? `${DOCS_BASE}${meta.id}.md`;
}

/** Access Analyzer's check-reference anchor for an issue code. */
export function accessAnalyzerDocsUrl(code: string, severity: Severity): string {
  const type = severity === 'warning' ? 'general-warning' : severity;
  return `https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-${type}-${code.toLowerCase().replace(/_/g, '-')}`;
}
