import { engineContext } from '../../engine/context.js';
import type { Rule } from './types.js';
import type { PolicyRecord } from '../../policy/types.js';
import type { StatementView, ValueAt } from '../../policy/statements.js';
import { statementLabel, strings } from '../../policy/statements.js';
import { catalogDistinctActions, exactActionPosition, getCatalog } from '../../catalog/index.js';
import { expandActionPattern, expandNotAction } from '../../engine/actions.js';
import { grantOf, judgeConditions, settingOf } from '../../engine/grants.js';
import { policyDenies } from '../../engine/denies.js';
import { conditionNote } from '../least-privilege/analysis.js';
import { coversAResourceType } from '../../engine/arn-patterns.js';

export const adminWildcard: Rule = {
  meta: {
    id: 'admin-wildcard',
    title: 'Full administrator access (every action, or nearly every action, on every resource)',
    severity: 'error',
    category: 'least-privilege',
    description:
      'Allowing every action on every resource makes the principal an administrator of the account: it can read all data, change any policy (including its own), disable logging and delete anything. Least privilege means granting only the actions the workload calls, on the resources it uses. If an administrator role is truly needed, give it a narrow trust policy with MFA and keep it out of workload templates. Every spelling counts: "*", "*:*", "?*", Allow with NotAction and a short exception list (NotAction ["iam:*"] grants over 98% of all actions), a list of service wildcards covering nearly every service, NotResource with a narrow exception. The threshold is 90% of the actions in the IAM catalogue on every resource. AWS managed policies (AdministratorAccess, PowerUserAccess) are judged the same way where they are attached.',
    fix: 'Replace "Action": "*" with the specific actions the workload needs (IAM Access Analyzer policy generation or CloudTrail history shows them) and scope "Resource" to the ARNs it uses. For human administrators use the AWS managed AdministratorAccess policy on a dedicated role that requires MFA.',
    policyTypes: ['identity'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem'], Resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/orders' }] },
    },
  },
  checkPolicy({ statements, policy, options, report }) {
    let reported = false;
    const cancelled = new Set<StatementView>();
    for (const s of statements) {
      const full = fullAccessOf(s, policy);
      if (!full) continue;
      // a Deny of the same policy covering the whole statement leaves nothing; one covering part of it (Deny iam:*)
      // leaves near-administrator access, still reported
      if (policyDenies(policy, statements).onStatement(s).cancelledBy) {
        cancelled.add(s);
        continue;
      }
      reported = true;
      const j = judgeConditions(s, undefined, () => true, settingOf(policy, options.account));
      const conds = j.narrowing.map((c) => `${c.operator} ${c.key}`);
      const scope = full.scope === 'all-except' ? 'every resource except those in NotResource' : 'every resource';
      report({
        path: full.at.path,
        message: `${statementLabel(s)} ${full.what} on ${scope}: full administrator access.${conds.length ? ` Its condition (${conds.join(', ')}) limits when, not what.` : ''}${conditionNote({ narrowing: [], ignored: j.ignored })}`,
        details: { grantedActionCount: full.count, ...(conds.length ? { conditions: conds } : {}) },
      });
    }
    if (reported) return;
    // full access split over several statements (half the services in one, half in another)
    const split = splitFullAccess(cancelled.size ? statements.filter((s) => !cancelled.has(s)) : statements, policy);
    if (split)
      report({
        path: split.at.path,
        message: `The policy's statements together allow at least ${split.count} of ${getCatalog().actions.length} actions on every resource (${split.statements} statements with service wildcards covering nearly every service): full administrator access.`,
        details: { grantedActionCount: split.count },
      });
  },
};

/**
 * Resource `*` (or NotResource), or an ARN pattern whose service field is a wildcard and that covers every ARN
 * (`arn:*`, `arn:aws:*:*:*:*`): every resource of every service, not every resource of one type.
 */
function everyResource(s: StatementView): boolean {
  if (s.notResource) return true;
  return strings(s.resource).some((r) => {
    if (/^\*+$/.test(r.value)) return true;
    const service = r.value.split(':')[2];
    return r.value.startsWith('arn:') && (service === undefined || /[*?]/.test(service)) && coversAResourceType(r.value);
  });
}

/** Allow statements on every resource whose actions together reach the full-access share. */
function splitFullAccess(statements: StatementView[], policy: PolicyRecord): { at: ValueAt; count: number; statements: number } | undefined {
  const need = Math.ceil(getCatalog().actions.length * FULL_ACCESS_SHARE);
  const parts: { at: ValueAt; keys: readonly string[] }[] = [];
  for (const s of statements) {
    const g = grantOf(s, policy);
    if (!g || g.scope === 'some' || !everyResource(s)) continue;
    if (s.notAction) parts.push({ at: { value: s.raw.NotAction, path: `${s.path}/NotAction` }, keys: expandNotAction(strings(s.notAction).map((v) => v.value)) });
    else for (const a of strings(s.action)) parts.push({ at: a, keys: expandActionPattern(a.value) });
  }
  if (parts.reduce((n, p) => n + p.keys.length, 0) < need) return undefined;
  // the same expansion (memoised array) counts once; stop as soon as the share is reached
  const all = new Set<string>();
  const seen = new Set<readonly string[]>();
  for (const p of parts) {
    if (seen.has(p.keys)) continue;
    seen.add(p.keys);
    for (const k of p.keys) all.add(k);
    if (all.size >= need) break;
  }
  if (all.size < need) return undefined;
  const at = parts.reduce((best, p) => (p.keys.length > best.keys.length ? p : best)).at;
  return { at, count: all.size, statements: new Set(parts.map((p) => p.at.path.replace(/\/(Action|NotAction).*$/, ''))).size };
}

/**
 * Share of the catalogue's actions from which a statement counts as full access: every service but a few. Allow
 * NotAction ["iam:*"] (or PowerUserAccess's ["iam:*", "organizations:*", "account:*"]) grants well over 98% of all
 * actions and is administrator access in all but name (it can run code under any role with PassRole elsewhere,
 * read and delete every resource); a list of service wildcards that covers nearly every service is the same thing.
 */
export const FULL_ACCESS_SHARE = 0.9;

export interface FullAccess {
  at: ValueAt;
  what: string;
  count: number;
  scope: 'all' | 'all-except';
}

/** Does an Allow statement grant (nearly) every action on every resource? Undefined when it does not. */
export function fullAccessOf(s: StatementView, policy?: PolicyRecord): FullAccess | undefined {
  if (s.effect !== 'Allow' || (!s.action && !s.notAction)) return undefined;
  const g = grantOf(s, policy);
  if (!g || g.scope === 'some' || !everyResource(s)) return undefined;
  const total = getCatalog().actions.length;
  const need = Math.ceil(total * FULL_ACCESS_SHARE);
  if (s.notAction) {
    const patterns = strings(s.notAction).map((v) => v.value);
    const count = expandNotAction(patterns).length;
    if (count < need) return undefined;
    return { at: { value: s.raw.NotAction, path: `${s.path}/NotAction` }, count, scope: g.scope, what: `allows every action except ${patterns.slice(0, 3).join(', ')}${patterns.length > 3 ? ', ...' : ''} (${count} of ${total} actions) through NotAction` };
  }
  const elements = strings(s.action);
  const reach = actionReach(s.raw, elements, need);
  if (!reach) return undefined;
  const { size } = reach;
  const at = elements[reach.at]!;
  const every = size === total;
  return { at, count: size, scope: g.scope, what: every ? 'allows every action' : `allows ${size} of ${total} actions (service wildcards covering nearly every service)` };
}

/**
 * How many distinct actions a statement's Action elements cover when that reaches `need` (null when not), and which
 * element contributes most (its index in `elements`). A function of the Action list alone: memoised per statement
 * object for the run (extracted documents are not modified; admin-wildcard and the principal rules ask about the same
 * statement per policy and again per principal).
 */
function actionReach(raw: object, elements: readonly ValueAt<string>[], need: number): { size: number; at: number } | null {
  const memo = engineContext().slot('rules/admin-wildcard action reach', () => new WeakMap<object, { need: number; reach: { size: number; at: number } | null }>());
  const known = memo.get(raw);
  if (known && known.need === need) return known.reach;
  let reach: { size: number; at: number } | null = null;
  let bound = 0;
  for (const a of elements) bound += expandActionPattern(a.value).length;
  if (bound >= need) {
    const size = unionSize(elements.map((a) => a.value));
    if (size >= need) {
      // the element that contributes most is where the finding points
      let at = 0;
      for (let i = 1; i < elements.length; i++) if (expandActionPattern(elements[i]!.value).length > expandActionPattern(elements[at]!.value).length) at = i;
      reach = { size, at };
    }
  }
  memo.set(raw, { need, reach });
  return reach;
}

/** How many distinct texts the patterns' expansions hold (a byte per catalogue position: no set of ~22,000 keys). */
function distinctCount(patterns: string[]): number {
  const whole = getCatalog().actions;
  const lists = patterns.map((p) => expandActionPattern(p));
  // `*` among them: every catalogue text, counted once per run, and the others' texts are the catalogue's
  if (lists.includes(whole) && lists.every((l) => l === whole || l.every((k) => exactActionPosition(k) >= 0))) return catalogDistinctActions();
  const seen = new Uint8Array(whole.length);
  let n = 0;
  for (const p of patterns) {
    const list = expandActionPattern(p);
    for (let j = 0; j < list.length; j++) {
      const k = list[j]!;
      // expansions hold the catalogue's own spellings: one position per distinct text
      const i = exactActionPosition(k);
      if (i < 0) return new Set(patterns.flatMap((x) => expandActionPattern(x))).size;
      if (!seen[i]) {
        seen[i] = 1;
        n++;
      }
    }
  }
  return n;
}

/**
 * How many distinct catalogue actions a list of Action patterns covers, memoised by the list: `"*"` statements
 * repeat across files and principals, and the union of ~22,000 actions was built for each of them.
 */
function unionSize(patterns: string[]): number {
  // one memo per run (engine/context.ts), not per process
  const unionSizes = engineContext().slot('rules/admin-wildcard union sizes', () => new Map<string, number>());
  const key = JSON.stringify(patterns);
  let n = unionSizes.get(key);
  if (n === undefined) {
    n = distinctCount(patterns);
    if (unionSizes.size >= 2_000) unionSizes.clear();
    unionSizes.set(key, n);
  }
  return n;
}
