import type { Rule } from './types.js';
import { describeCondition, stmtLabel } from '../least-privilege/analysis.js';
import { judgeConditions } from '../../engine/grants.js';
import { cap } from '../least-privilege/action-set.js';
import { principalValues } from '../least-privilege/principals.js';
import { clip } from '../../engine/conditions.js';
import { policyStatements } from '../../policy/statements.js';
import { privilegeReason } from './trust-privileged-without-mfa.js';

const HOST = 'token.actions.githubusercontent.com';

/** Custom subject templates that start with an owner or repository claim (`repository_owner_id:123:...`). */
const OWNER_CLAIM = /^(repository_owner_id|repository_owner|repository_id|repository):[^:/]+[:/]/;

/**
 * A `sub` pattern that lets any repository (or any owner) in. Safe patterns start with a literal `repo:OWNER/`
 * (no wildcard or variable before the slash); anything else (`*:*`, `*repo:*`, `re?o:*`, `repo:*`, `repo:*\/x`)
 * matches repositories of every owner. After the owner, a wildcard in the repository name lets in every
 * repository of that owner.
 */
export function tooBroad(v: string, wildcards: boolean): string | undefined {
  const cut = wildcards ? v.search(/[*?]|\$\{/) : v.indexOf('${');
  const literal = cut < 0 ? v : v.slice(0, cut);
  if (cut < 0) return v.includes(':') ? undefined : 'is a bare claim name, not a subject';
  if (literal === '') return 'matches repositories of every owner';
  const m = /^repo:([^/:]+)\/(.*)$/.exec(literal);
  if (m) return m[2]!.includes(':') ? undefined : `matches every repository of ${m[1]}${m[2] ? ` whose name starts with "${clip(m[2])}"` : ''}`;
  if (OWNER_CLAIM.test(literal)) return undefined;
  return 'matches repositories of every owner (it does not start with a literal "repo:OWNER/")';
}

/**
 * `repo:my-org/app:*` or `repo:my-org/app:ref:refs/heads/*`: one repository, but any branch (and with `*`, pull
 * requests and environments too). For a deploy role that is privileged, a push to any branch can deploy.
 */
function anyBranch(v: string): boolean {
  const m = /^repo:[^/:*?$]+\/[^:*?$]+:(.*)$/.exec(v);
  return !!m && /^(\*|ref:refs\/heads\/\*|ref:\*|ref:refs\/\*)$/.test(m[1]!);
}

export const trustGithubOidc: Rule = {
  meta: {
    id: 'trust-github-oidc',
    title: 'GitHub Actions OIDC trust without an exact subject or audience',
    severity: 'error',
    category: 'trust',
    description:
      'A role trusting GitHub\'s OIDC provider (token.actions.githubusercontent.com) can be assumed by any workflow whose token matches the conditions. Without a "sub" condition, or with a wildcard such as "repo:*" or "repo:my-org/*", workflows in other repositories, forks or any GitHub account can obtain the role. A sub pattern must start with a literal "repo:OWNER/" (no wildcard before the slash): "*:*", "*repo:*", "re?o:*" or "repo:*/x" match repositories of every owner. Without an "aud" condition, or with a wildcard one, tokens minted for other audiences are accepted. Severity: any owner is an error; every repository of one owner (`repo:my-org/*`) a security-warning (any repository of the organisation can deploy); any branch of one repository (`repo:my-org/app:*`, `...:ref:refs/heads/*`) a security-warning when the role is privileged (a deploy role), nothing otherwise.',
    fix: 'Add "StringEquals": {"token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:my-org/my-repo:ref:refs/heads/main"} (or an environment: "repo:my-org/my-repo:environment:prod"). Use StringLike only for a wildcard after the repository name. Allowlisted subjects can be put in trustedOidcSubjects.',
    policyTypes: ['trust'],
    examples: {
      bad: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' } } }],
      },
      good: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:my-org/my-repo:ref:refs/heads/main' } } }],
      },
    },
  },
  // a privileged (deploy) role whose GitHub subject lets any branch of its repository in
  checkPrincipal({ principal, policies, granting, options, report }) {
    if (principal.kind !== 'role') return;
    for (const t of policies.filter((p) => p.policyType === 'trust')) {
      for (const s of policyStatements(t)) {
        if (s.effect !== 'Allow' || !principalValues(s, 'Federated').some((v) => v.value.toLowerCase().endsWith(HOST))) continue;
        const sub = judgeConditions(s, undefined, (k) => k.toLowerCase() === `${HOST}:sub`, { policyType: 'trust' }).narrowing;
        const values = sub.flatMap((c) => c.values).filter((v) => typeof v.value === 'string' && !options.trustedOidcSubjects.includes(v.value as string));
        const broad = values.find((v) => anyBranch(v.value as string));
        if (!broad) continue;
        const why = privilegeReason(granting.map((g) => g.policy), options.account);
        if (!why) return;
        report({
          policy: t,
          path: broad.path,
          subject: `branch:${String(broad.value)}`,
          severity: 'security-warning',
          message: `Role ${principal.id} is privileged (${why}) and the GitHub OIDC subject "${clip(String(broad.value))}" lets a workflow on any branch of that repository assume it (a push to any branch can deploy). Pin it to the deploying branch or environment, e.g. repo:OWNER/REPO:ref:refs/heads/main or repo:OWNER/REPO:environment:prod.`,
        });
      }
    }
  },
  checkPolicy({ statements, options, report }) {
    for (const s of statements) {
      if (s.effect !== 'Allow') continue;
      const fed = principalValues(s, 'Federated').find((v) => v.value.toLowerCase().endsWith(HOST));
      if (!fed) continue;
      const j = judgeConditions(s, undefined, (k) => k.toLowerCase().startsWith(`${HOST}:`), { policyType: 'trust' });
      const sub = j.narrowing.filter((c) => c.key.toLowerCase() === `${HOST}:sub` || c.key.toLowerCase() === `${HOST}:job_workflow_ref`);
      const aud = j.narrowing.find((c) => c.key.toLowerCase() === `${HOST}:aud`);
      const ignoredSub = j.ignored.find((i) => i.cond.key.toLowerCase() === `${HOST}:sub`);
      if (!sub.length) {
        report({
          path: ignoredSub ? ignoredSub.cond.path : fed.path,
          subject: 'sub',
          message: `${cap(stmtLabel(s))} lets GitHub Actions workflows of any repository assume the role: no effective "${HOST}:sub" condition${ignoredSub ? ` (${ignoredSub.cond.operator} does not count: ${ignoredSub.why})` : ''}.`,
        });
      } else {
        for (const c of sub) {
          const exact = /^StringEquals/i.test(c.operator) || /^ForAnyValue:StringEquals/i.test(c.operator);
          for (const v of c.values) {
            if (typeof v.value !== 'string' || options.trustedOidcSubjects.includes(v.value)) continue;
            const why = tooBroad(v.value, !exact);
            if (!why) continue;
            report({
              path: v.path,
              subject: `sub:${v.value}`,
              message: `${cap(stmtLabel(s))}: the GitHub OIDC subject "${clip(v.value)}" ${why}${why.startsWith('matches every repository of ') ? ': a workflow in any repository of that owner (any branch, any contributor with write access there) can assume this role' : ''}. Condition taken into account: ${describeCondition(c)}.`,
              // one owner's repositories: not the whole internet (error), but any repository of the owner can deploy
              severity: why.startsWith('matches every repository of ') ? 'security-warning' : undefined,
            });
          }
        }
      }
      const audWild = aud && !/^(ForAnyValue:)?StringEquals/i.test(aud.operator) && aud.values.some((v) => typeof v.value === 'string' && /[*?]/.test(v.value));
      if (audWild) {
        report({
          path: aud.path,
          subject: 'aud',
          message: `${cap(stmtLabel(s))} accepts GitHub Actions OIDC tokens for any audience matching a pattern (${describeCondition(aud)}); pin it with StringEquals "sts.amazonaws.com".`,
          severity: 'warning',
        });
      } else if (!aud) {
        report({
          path: fed.path,
          subject: 'aud',
          message: `${cap(stmtLabel(s))} trusts GitHub Actions OIDC without a "${HOST}:aud" condition (expected "sts.amazonaws.com").`,
          severity: 'warning',
        });
      }
    }
  },
};

