import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { approxNote, sizeWithoutWhitespace } from '../grammar/size.js';

export const TRUST_POLICY_QUOTA = 2048;

export const policySizeExceedsRoleTrustPolicyQuota: Rule = {
  meta: {
    id: 'POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA',
    title: 'Trust policy larger than 2,048 characters',
    severity: 'warning',
    category: 'validation',
    description: 'A role trust policy may hold 2,048 characters by default (whitespace not counted); the quota can be raised per account. A larger one fails the deployment unless the account quota was increased.',
    fix: 'Shorten the trust policy (merge statements, list principals once), or request a higher "Role trust policy length" quota for the account.',
    reference: accessAnalyzerDocsUrl('POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA', 'warning'),
    policyTypes: ['trust'],
    examples: {
      bad: { Version: '2012-10-17', Statement: '/* 60 cross-account principals, 2,500 characters */' },
      good: { Version: '2012-10-17', Statement: '/* one principal narrowed by aws:PrincipalOrgID */' },
    },
  },
  checkPolicy({ policy, document, report }) {
    if (!document) return;
    const size = sizeWithoutWhitespace(document);
    if (size <= TRUST_POLICY_QUOTA) return;
    report({
      path: '',
      message: `The trust policy has ${size.toLocaleString('en-US')} characters without whitespace${approxNote(policy)}, over the default ${TRUST_POLICY_QUOTA.toLocaleString('en-US')}-character quota for role trust policies.`,
      details: { size, quota: TRUST_POLICY_QUOTA },
    });
  },
};
