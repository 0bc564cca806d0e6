import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { statementLabel } from '../grammar/helpers.js';

export const allowWithNotPrincipal: Rule = {
  meta: {
    id: 'ALLOW_WITH_NOT_PRINCIPAL',
    title: 'Allow with NotPrincipal',
    severity: 'security-warning',
    category: 'validation',
    description:
      '`"Effect": "Allow"` with `NotPrincipal` grants access to every principal except the listed ones, anonymous users and every other AWS account included. It is almost never what was intended.',
    fix: 'Use `Principal` with the principals that need access; to exclude principals from a grant, use a Deny statement with a `aws:PrincipalArn` condition.',
    reference: accessAnalyzerDocsUrl('ALLOW_WITH_NOT_PRINCIPAL', 'security-warning'),
    policyTypes: ['resource', 'trust'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:user/bob' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/reader' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] },
    },
  },
  checkPolicy({ statements, report }) {
    for (const s of statements) {
      if (s.effect !== 'Allow' || !s.notPrincipal) continue;
      report({ path: s.notPrincipal.path, message: `${statementLabel(s)} allows every principal except those in NotPrincipal, anonymous and other accounts' principals included.` });
    }
  },
};
