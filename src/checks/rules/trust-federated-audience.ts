import type { Rule } from './types.js';
import { stmtLabel } from '../least-privilege/analysis.js';
import { judgeConditions } from '../../engine/grants.js';
import { cap } from '../least-privilege/action-set.js';
import { principalValues } from '../least-privilege/principals.js';

/**
 * The condition-key prefix of a federated principal and the claims that pin the audience. Only the audience (or,
 * for EKS, the service-account subject) counts: `amr` ("authenticated") is true for every user of every
 * application of the provider, so it narrows nothing. `saml` marks a SAML provider: it is an IAM resource of the
 * role's own account, trusted only for the identity provider the account registered, so a missing `SAML:aud` is
 * a warning; a web identity provider (Cognito, Google, Facebook, Amazon, any OIDC provider) issues tokens to
 * every application that uses it, so a trust without an audience is open to all of them: an error.
 */
function audienceKeys(federated: string): { prefix: string; keys: string[]; saml?: boolean } | undefined {
  const v = federated.toLowerCase();
  if (v.endsWith('token.actions.githubusercontent.com')) return undefined; // trust-github-oidc
  if (v.includes(':saml-provider/')) return { prefix: 'SAML', keys: ['saml:aud'], saml: true };
  if (v === 'cognito-identity.amazonaws.com') return { prefix: v, keys: [`${v}:aud`] };
  if (v === 'www.amazon.com' || v === 'graph.facebook.com') return { prefix: v, keys: [`${v}:app_id`] };
  if (v === 'accounts.google.com') return { prefix: v, keys: [`${v}:aud`, `${v}:oaud`] };
  const m = /:oidc-provider\/(.+)$/.exec(v);
  if (m) {
    const host = m[1]!;
    // EKS IRSA tokens are pinned by the service-account subject as commonly as by the audience
    return { prefix: host, keys: host.startsWith('oidc.eks.') ? [`${host}:aud`, `${host}:sub`] : [`${host}:aud`] };
  }
  return undefined;
}

export const trustFederatedAudience: Rule = {
  meta: {
    id: 'trust-federated-audience',
    title: 'Web identity or SAML federation without an audience condition',
    severity: 'error',
    category: 'trust',
    description:
      'A role trusting a web identity provider (Cognito, Google, Facebook, Login with Amazon, an OIDC provider such as EKS) or a SAML provider accepts any token that provider issues unless a condition pins the audience (the application or client id the token was issued for). Without it, a token issued to another application of the same provider (for Cognito: any identity pool of any AWS account) can assume the role: an error, as a GitHub OIDC trust without a subject is. A condition on `amr` alone ("authenticated") is not an audience. A SAML provider belongs to the role\'s own account, so a missing SAML:aud is a warning. GitHub Actions has its own rule, trust-github-oidc.',
    fix: 'Add the audience condition, for example "StringEquals": {"cognito-identity.amazonaws.com:aud": "us-east-1:12345678-aaaa-bbbb-cccc-123456789012"}, "SAML:aud": "https://signin.aws.amazon.com/saml", or "oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE:aud": "sts.amazonaws.com" together with the ":sub" of the service account.',
    policyTypes: ['trust'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }] },
      good: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-aaaa-bbbb-cccc-123456789012' } } }],
      },
    },
  },
  checkPolicy({ statements, report }) {
    for (const s of statements) {
      if (s.effect !== 'Allow') continue;
      for (const fed of principalValues(s, 'Federated')) {
        const spec = audienceKeys(fed.value);
        if (!spec) continue;
        const j = judgeConditions(s, undefined, (k) => spec.keys.includes(k.toLowerCase()));
        if (j.narrowing.length) continue;
        const weak = j.ignored.find((i) => spec.keys.includes(i.cond.key.toLowerCase()));
        report({
          ...(spec.saml ? { severity: 'warning' as const } : {}),
          path: fed.path,
          subject: fed.value,
          message: `${cap(stmtLabel(s))} trusts ${fed.value} without a condition on ${spec.keys.join(' or ')}${weak ? ` (${weak.cond.operator} ${weak.cond.key} does not count: ${weak.why})` : ''}.`,
        });
      }
    }
  },
};
