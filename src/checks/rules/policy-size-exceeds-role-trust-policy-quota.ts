import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { approxNote, quotaSize, quotaVerdict, sizeWithoutWhitespace, grouped } from '../grammar/size.js';
import { templateToken } from '../grammar/helpers.js';

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
    const q = quotaSize(policy, document, sizeWithoutWhitespace, (v) => templateToken(policy, v));
    const over = quotaVerdict(q, TRUST_POLICY_QUOTA, () => `default ${grouped(TRUST_POLICY_QUOTA)}-character quota for role trust policies`, policy);
    if (!over) return;
    report({
      path: '',
      severity: over.severity,
      message: `The trust policy has ${grouped(q.size)} characters without whitespace${q.names.length ? '' : approxNote(policy)}${over.tail}`,
      details: { size: q.size, quota: TRUST_POLICY_QUOTA, ...(q.names.length ? { leastSize: q.least } : {}) },
    });
  },
};
