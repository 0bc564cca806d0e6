import type { Rule } from './types.js';
import { describeCondition, judgeConditions, stmtLabel } from '../lp/analysis.js';
import { cap } from '../lp/action-set.js';
import { principalValues } from '../lp/principals.js';

const HOST = 'token.actions.githubusercontent.com';

/** A `sub` value that lets any repository (or any owner) in. */
function tooBroad(v: string): string | undefined {
  if (/^\*+$/.test(v)) return 'matches every repository';
  if (!v.includes(':')) return 'is a bare claim name, not a subject';
  const m = /^repo:([^/]*)(?:\/([^:]*))?/.exec(v);
  if (!m) return undefined;
  if (m[1]!.includes('*') || m[1] === '') return 'matches repositories of every owner';
  if (m[2] === undefined || m[2].includes('*')) return `matches every repository of ${m[1]}`;
  return undefined;
}

export const trustGithubOidc: Rule = {
  meta: {
    id: 'trust-github-oidc',
    title: 'GitHub Actions OIDC trust without an exact subject or audience',
    severity: 'error',
    category: 'trust',
    description:
      'A role trusting GitHub\'s OIDC provider (token.actions.githubusercontent.com) can be assumed by any workflow whose token matches the conditions. Without a "sub" condition, or with a wildcard such as "repo:*" or "repo:my-org/*", workflows in other repositories, forks or any GitHub account can obtain the role. Without an "aud" condition, tokens minted for other audiences are accepted.',
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
            const why = exact && !/\*/.test(v.value) ? (v.value.includes(':') ? undefined : 'is a bare claim name, not a subject') : tooBroad(v.value);
            if (!why) continue;
            report({
              path: v.path,
              subject: `sub:${v.value}`,
              message: `${cap(stmtLabel(s))}: the GitHub OIDC subject "${v.value}" ${why}. Condition taken into account: ${describeCondition(c)}.`,
              severity: /every repository of/.test(why) ? 'warning' : undefined,
            });
          }
        }
      }
      if (!aud) {
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

