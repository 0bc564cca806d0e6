import type { PolicyRecord } from '../../policy/types.js';
import type { Report, Rule } from './types.js';
import { canonicalAction } from '../../catalog/index.js';
import { compileGlob, globMatch } from '../../engine/wildcard.js';
import { grantIndex, unrestricted, type ActionGrant } from '../../engine/grants.js';
import { denySet } from '../../engine/denies.js';
import { replaceVariables } from '../../engine/conditions.js';
import { canonical, conditionNote, describeCondition, stmtLabel } from '../least-privilege/analysis.js';
import { ESCALATION_METHODS, type EscalationMethod } from '../least-privilege/risk-data.js';
import { policyStatements, strings } from '../../policy/statements.js';
import { fullAccessOf } from './admin-wildcard.js';
import { selfModifications } from '../least-privilege/self-modification.js';

let neededKeys: string[] | undefined;
/** Canonical keys of every action an escalation method needs (those the catalogue knows). */
function needed(): string[] {
  neededKeys ??= [...new Set(ESCALATION_METHODS.flatMap((m) => m.actions))].flatMap((a) => canonicalAction(a) ?? []);
  return neededKeys;
}

export interface EscalationHit {
  method: EscalationMethod;
  /** One unrestricted grant per required action. */
  grants: ActionGrant[];
}

/** The escalation methods fully granted (unrestricted) by the policies taken together. */
export function escalationPaths(policies: PolicyRecord[], account?: string): { hits: EscalationHit[]; narrowed: ActionGrant[] } {
  const idx = grantIndex(policies, { keys: needed() }, account);
  const lower = new Map<string, ActionGrant[]>();
  for (const [a, gs] of idx.byAction) lower.set(a.toLowerCase(), gs);
  const hits: EscalationHit[] = [];
  const narrowed: ActionGrant[] = [];
  for (const method of ESCALATION_METHODS) {
    const grants: ActionGrant[] = [];
    let complete = true;
    for (const a of method.actions) {
      const g = firstUsable(lower.get(a), a, method);
      if (!g) {
        complete = false;
        const n = lower.get(a)?.[0];
        if (n && n.narrowing.length && !narrowed.includes(n)) narrowed.push(n);
        break;
      }
      grants.push(g);
    }
    if (complete) hits.push({ method, grants });
  }
  return { hits, narrowed };
}

/** The first grant of `action` that opens the method's step (no list or closure made per method and action). */
function firstUsable(list: ActionGrant[] | undefined, action: string, method: EscalationMethod): ActionGrant | undefined {
  if (!list) return undefined;
  for (const x of list) if (unrestricted(x) || (action === 'iam:passrole' && passesTo(x, method))) return x;
  return undefined;
}

/**
 * Does one of the policies grant (nearly) every action on every resource, with no Deny of the principal's policies
 * taking that statement away? Such a principal is an administrator: admin-wildcard says so once, and listing every
 * escalation path on top of it adds nothing.
 */
function alreadyAdmin(policies: PolicyRecord[]): boolean {
  const views = policies.map((policy) => ({ policy, statements: policyStatements(policy) }));
  const denies = denySet(views);
  return views.some(({ policy, statements }) =>
    statements.some((s) => {
      // only the plain administrator grant (`Action: "*"`): a NotAction near-admin still gets its paths named
      if (!strings(s.action).some((a) => /^\*+(:\*+)?$/.test(a.value)) || fullAccessOf(s, policy) === undefined) return false;
      const d = denies.onStatement(s);
      return !d.cancelledBy && !d.carried.length;
    }),
  );
}

/** Service principals a method's compute runs as (the services its other actions create or update). */
const COMPUTE_PRINCIPALS: Record<string, string[]> = {
  ecs: ['ecs-tasks.amazonaws.com', 'ecs.amazonaws.com'],
  datapipeline: ['datapipeline.amazonaws.com', 'elasticmapreduce.amazonaws.com'],
  apprunner: ['tasks.apprunner.amazonaws.com', 'build.apprunner.amazonaws.com'],
  autoscaling: ['ec2.amazonaws.com', 'autoscaling.amazonaws.com'],
};

/** Per method (constant data): asked for each PassRole grant and method. Read only. */
const principalsOf = new WeakMap<EscalationMethod, readonly string[]>();

export function methodPrincipals(method: EscalationMethod): readonly string[] {
  const known = principalsOf.get(method);
  if (known) return known;
  const services = new Set(method.actions.filter((a) => a !== 'iam:passrole').map((a) => a.slice(0, a.indexOf(':'))));
  const list = [...services].flatMap((svc) => COMPUTE_PRINCIPALS[svc] ?? [`${svc}.amazonaws.com`]);
  principalsOf.set(method, list);
  return list;
}

/**
 * iam:PassRole on every role whose only narrowing is iam:PassedToService naming a service the method's other
 * actions create or update compute in: the condition does not close this path (PassRole to lambda.amazonaws.com
 * plus lambda:CreateFunction is the path).
 */
export function passesTo(g: ActionGrant, method: EscalationMethod): boolean {
  if (g.scope === 'some' || !g.narrowing.length) return false;
  const targets = methodPrincipals(method);
  return g.narrowing.every((c) => {
    if (c.key.toLowerCase() !== 'iam:passedtoservice') return false;
    const like = /Like$/i.test(c.operator);
    return c.values.some((v) => {
      const val = v.value;
      if (typeof val !== 'string') return false;
      // the value's glob compiled once for every target (as globMatch compiles it: case-insensitive)
      if (like || val.includes('${')) {
        const glob = compileGlob(replaceVariables(val, '*'));
        return targets.some((t) => globMatch(glob, t));
      }
      const lower = val.toLowerCase();
      return targets.some((t) => lower === t);
    });
  });
}

function where(g: ActionGrant, multi: boolean): string {
  const passed = g.narrowing.length ? `, whose ${g.narrowing.map(describeCondition).join('; ')} names the very service the path runs code in: it does not close it` : '';
  return `${canonical(g.action)} (${stmtLabel(g.stmt)}${multi ? ` of ${g.policy.name ?? g.policy.resource}` : ''}${passed})`;
}

/** One report per policy/principal naming the methods and the contributing statements. */
function reportHits(
  hits: EscalationHit[],
  narrowed: ActionGrant[],
  subjectName: string,
  report: (r: Report & { policy: PolicyRecord }) => void,
): void {
  if (!hits.length) return;
  const multi = new Set(hits.flatMap((h) => h.grants.map((g) => g.policy))).size > 1;
  const first = hits[0]!.grants[0]!;
  const shown = hits.slice(0, 5).map((h) => `${h.method.name} via ${h.grants.map((g) => where(g, multi)).join(' + ')}`);
  const more = hits.length > 5 ? `; and ${hits.length - 5} more escalation paths (listed in the JSON report's details)` : '';
  const statements = new Set(hits.flatMap((h) => h.grants.map((g) => `${g.policy.id}${g.stmt.path}`)));
  const vacuous = [...new Map(hits.flatMap((h) => h.grants.flatMap((g) => g.ignored.filter((i) => i.vacuous))).map((i) => [i.cond.path, i])).values()];
  const note =
    (narrowed.length
      ? ` Conditions taken into account (they close other paths): ${[...new Set(narrowed.flatMap((g) => g.narrowing.map(describeCondition)))].join('; ')}.`
      : '') + conditionNote({ narrowing: [], ignored: vacuous });
  report({
    policy: first.policy,
    path: first.at.path,
    subject: 'privilege-escalation',
    // paths only the gate knows (SSM sessions, permissions boundaries, ...) depend on what the targets can do
    severity: hits.every((h) => h.method.source === 'gate') ? 'security-warning' : undefined,
    message: `${subjectName} can escalate its privileges: ${shown.join('; ')}${more}.${note}`,
    details: {
      methods: hits.map((h) => ({
        method: h.method.name,
        source: h.method.source,
        contributions: h.grants.map((g) => ({ action: canonical(g.action), policy: g.policy.id, statement: g.stmt.path, path: g.at.path })),
      })),
      contributingStatements: [...statements],
    },
  });
}

export const privilegeEscalation: Rule = {
  meta: {
    id: 'privilege-escalation',
    title: 'Privilege escalation path',
    severity: 'error',
    category: 'least-privilege',
    description:
      'Some permissions, alone or combined, let a principal give itself more permissions: create a new version of a policy attached to it, attach or put policies, create access keys or login profiles for other users, update a role\'s trust policy, or pass a privileged role to a service it controls (EC2, Lambda, CloudFormation, Glue, SageMaker, CodeBuild, ECS, Data Pipeline, ...). The gate checks all 59 combinations cloudsplaining knows plus further single-permission paths, across all the policies of a principal (inline, managed and attached), handling NotAction and NotResource, and names the statements that contribute.',
    fix: 'Remove the escalating actions or scope them: restrict iam:PassRole to named roles with an iam:PassedToService condition, restrict iam:* policy actions to resources under a path the principal does not belong to, or require a permissions boundary with iam:PermissionsBoundary. A condition such as aws:ResourceTag/<key> on the IAM actions closes the path; unrelated conditions do not.',
    policyTypes: ['identity'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' }] },
      good: {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/app-lambda-exec', Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } },
          { Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: 'arn:aws:lambda:us-east-1:111122223333:function:app-*' },
        ],
      },
    },
  },
  // a policy on its own (not attached to any principal known from the IaC: raw files, standalone managed policies)
  checkPolicy({ policy, options, report }) {
    if (policy.attachedTo.length || alreadyAdmin([policy])) return;
    const { hits, narrowed } = escalationPaths([policy], options.account);
    reportHits(hits, narrowed, 'A principal with this policy', (r) => report(r));
  },
  // every policy of a principal together
  checkPrincipal({ principal, granting, options, report }) {
    if (!granting.length) return;
    const policies = [...new Set(granting.map((g) => g.policy))];
    if (alreadyAdmin(policies)) return;
    const { hits: all, narrowed } = escalationPaths(policies, options.account);
    // a path made only of one group's policies is reported on that group, not again on each member
    const own = new Set(granting.filter((g) => g.group === undefined).map((g) => g.policy));
    const groupOf = new Map(granting.filter((g) => g.group !== undefined && !own.has(g.policy)).map((g) => [g.policy, g.group!]));
    const hits = all.filter((h) => {
      const groups = new Set(h.grants.map((g) => (own.has(g.policy) ? undefined : groupOf.get(g.policy))));
      return !(groups.size === 1 && !groups.has(undefined));
    });
    const who = `${principal.kind[0]!.toUpperCase()}${principal.kind.slice(1)} ${principal.id}`;
    reportHits(hits, narrowed, who, report);
    // iam:CreatePolicyVersion scoped to a pattern that still matches one of its own managed policies
    if (hits.some((h) => h.method.name === 'CreateNewPolicyVersion')) return;
    for (const m of selfModifications(granting, options.account, options.partition)) {
      const g = m.grant;
      report({
        policy: g.policy,
        path: g.at.path,
        subject: `self-modification:${m.target.name}`,
        message: `${who} can rewrite its own permissions: ${canonical(g.action)} (${stmtLabel(g.stmt)} of ${g.policy.name ?? g.policy.resource}) on "${m.resource}" covers ${m.arn}, the managed policy ${m.target.name} attached to it; a new default version of it can grant anything. Scope the Resource to policies the principal does not hold (e.g. under a path of their own).`,
        details: { method: 'CreatePolicyVersionOnOwnPolicy', target: m.arn, pattern: m.resource, statement: g.stmt.path },
      });
    }
  },
};
