/**
 * The conditions of a grant: which of a statement's conditions narrow what it grants (judged by conditions.ts,
 * with the Deny conditions the policy carries onto it), who may use a trust or resource policy statement, and
 * whether a statement can ever apply. Part of the grant evaluator (grants.ts re-exports it). Pure.
 */
import type { PolicyRecord } from '../policy/types.js';
import type { ConditionView, StatementView } from '../policy/statements.js';
import { judgeCondition, neverTrue, type ConditionSetting } from './conditions.js';
import type { DenySet } from './denies.js';

export function placeholderPaths(policy: PolicyRecord | undefined): Set<string> {
  return new Set((policy?.placeholders ?? []).map((p) => p.path));
}

/**
 * Why an Allow statement can never apply (a condition that can never be true again, e.g. a DateLessThan on the
 * current time in the past), or undefined. Values the repository does not decide (placeholders) are never judged.
 */
export function deadReason(stmt: StatementView, policy?: PolicyRecord, now?: number): string | undefined {
  if (!stmt.condition?.length) return undefined;
  const ph = placeholderPaths(policy);
  for (const c of stmt.condition) {
    if (c.values.some((v) => ph.has(v.path)) || ph.has(c.path)) continue;
    const why = neverTrue(c, now);
    if (why) return why;
  }
  return undefined;
}

/** Global keys that narrow a request to particular resources, networks, organisations or callers. */
const NARROWING_GLOBAL = [
  'aws:resourcetag/',
  'aws:resourceaccount',
  'aws:resourceorgid',
  'aws:resourceorgpaths',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceip',
  'aws:vpcsourceip',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:principaltag/',
  'aws:principalservicename',
  'aws:sourcearn',
  'aws:sourceaccount',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:requesttag/',
  'aws:tagkeys',
  'aws:calledvia',
  'aws:calledviafirst',
  'aws:calledvialast',
  'aws:viaawsservice',
  'aws:userid',
  'aws:username',
  'aws:sourceidentity',
  'aws:federatedprovider',
];

export interface ConditionJudgement {
  /** Conditions that narrow the grant for the action. */
  narrowing: ConditionView[];
  /** Conditions present but not narrowing (IfExists, negated, unrelated keys, values that restrict nothing). */
  ignored: { cond: ConditionView; why: string; vacuous?: boolean }[];
}

function narrowingKey(key: string, action: string | undefined): boolean {
  const k = key.toLowerCase();
  if (k.startsWith('aws:')) return NARROWING_GLOBAL.some((g) => (g.endsWith('/') ? k.startsWith(g) : k === g));
  // a service-specific key narrows the actions of its own service (e.g. iam:PassedToService, s3:prefix, kms:ViaService)
  const svc = k.split(':')[0];
  if (!action) return true;
  const a = action.toLowerCase();
  return a.startsWith(`${svc}:`) || (svc === 'kms' && k === 'kms:viaservice') || a === '*';
}

/** The condition setting of a statement of a policy: its type and the deploying account. */
export function settingOf(policy: PolicyRecord | undefined, account?: string, openToAny?: boolean): ConditionSetting {
  return { policyType: policy?.policyType, account, openToAny };
}

/**
 * Which of a statement's conditions narrow the grant of `action` (or of the statement as a whole). Each condition is
 * judged by engine/conditions (its operator, its values for the key's type, who holds the grant); `keyNarrows` says
 * which keys matter to the caller at all.
 */
export function judgeConditions(
  stmt: StatementView,
  action?: string,
  keyNarrows: (key: string) => boolean = (k) => narrowingKey(k, action),
  setting: ConditionSetting = {},
  carried: readonly ConditionView[] = [],
): ConditionJudgement {
  const narrowing: ConditionView[] = [];
  const ignored: ConditionJudgement['ignored'] = [];
  for (const c of carried.length ? (stmt.condition ?? []).concat(carried) : (stmt.condition ?? [])) {
    if (!keyNarrows(c.key)) {
      ignored.push({ cond: c, why: 'the key does not limit which resources or callers' });
      continue;
    }
    const v = judgeCondition(c, setting);
    if (!v.narrows) ignored.push({ cond: c, why: v.why ?? 'it does not narrow the request', vacuous: v.vacuous });
    else narrowing.push(c);
  }
  return { narrowing, ignored };
}

/** Keys that narrow *who* may use a grant (trust and resource policies). */
const PRINCIPAL_NARROWING = [
  'aws:principalorgid', 'aws:principalorgpaths', 'aws:principalaccount', 'aws:principalarn', 'aws:sourceaccount',
  'aws:sourcearn', 'aws:sourceorgid', 'aws:sourceorgpaths', 'aws:sourcevpc', 'aws:sourcevpce', 'aws:sourceip',
  'aws:vpcsourceip', 'aws:userid', 'aws:username', 'aws:principaltag/', 'aws:sourceidentity',
  'aws:principalservicename', 'aws:sourceowner', 'sts:externalid', 'aws:calledvia', 'aws:viaawsservice', 'kms:viaservice',
  'kms:calleraccount', 'aws:sourcevpcarn',
  // S3 access-point delegation: a bucket policy open to `*` that only access points of one account can use
  's3:dataaccesspointaccount', 's3:dataaccesspointarn',
];

export function principalNarrowingKey(key: string): boolean {
  const k = key.toLowerCase();
  if (PRINCIPAL_NARROWING.some((g) => (g.endsWith('/') ? k.startsWith(g) : k === g))) return true;
  // web identity / SAML claims: `token.actions.githubusercontent.com:sub`, `SAML:aud`, `accounts.google.com:aud`
  return /^(saml:(aud|sub|iss|namequalifier|edupersonorgdn)|[a-z0-9.-]+\.[a-z]+(\/[^:]*)?:(aud|sub|amr|app_id|oaud|azp))$/i.test(key);
}

/**
 * Conditions that narrow who may use the statement. With the policy's Deny set (whole-policy evaluation), a Deny
 * covering the whole statement cancels it (`cancelledBy`) or carries its inverted condition, judged like the rest.
 */
export function judgePrincipalConditions(
  stmt: StatementView,
  setting: ConditionSetting = {},
  denies?: DenySet,
  policy?: PolicyRecord,
): ConditionJudgement & { cancelledBy?: StatementView; neverApplies?: string } {
  const dead = policy ? deadReason(stmt, policy) : undefined;
  if (dead) return { narrowing: [], ignored: [], neverApplies: dead };
  const d = denies && !denies.empty ? denies.onStatement(stmt) : undefined;
  if (d?.cancelledBy) return { narrowing: [], ignored: [], cancelledBy: d.cancelledBy };
  return judgeConditions(stmt, undefined, principalNarrowingKey, setting, d?.carried);
}
