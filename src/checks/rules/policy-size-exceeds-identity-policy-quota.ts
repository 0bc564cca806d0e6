import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { approxNote, isInline, quotaSize, quotaVerdict, sizeWithoutWhitespace, grouped } from '../grammar/size.js';
import { templateToken } from '../grammar/helpers.js';

export const MANAGED_POLICY_QUOTA = 6144;

export const policySizeExceedsIdentityPolicyQuota: Rule = {
  meta: {
    id: 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA',
    title: 'Managed policy larger than 6,144 characters',
    severity: 'error',
    category: 'validation',
    description: 'A customer managed policy may hold at most 6,144 characters, whitespace not counted. A larger one is rejected at deployment (LimitExceeded), which fails the stack or plan.',
    fix: 'Split the policy into several managed policies (up to 10 per role or user by default), use wildcards where they do not widen access beyond what is intended, or remove redundant statements.',
    reference: accessAnalyzerDocsUrl('POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA', 'warning'),
    policyTypes: ['identity', 'boundary'],
    examples: {
      bad: { Version: '2012-10-17', Statement: '/* 7,000 characters of statements */' },
      good: { Version: '2012-10-17', Statement: '/* two managed policies of 3,500 characters each */' },
    },
  },
  checkPolicy({ policy, document, report }) {
    if (!document || isInline(policy)) return;
    const q = quotaSize(policy, document, sizeWithoutWhitespace, (v) => templateToken(policy, v));
    const over = quotaVerdict(q, MANAGED_POLICY_QUOTA, () => `${grouped(MANAGED_POLICY_QUOTA)}-character maximum for managed policies`, policy);
    if (!over) return;
    const size = q.size;
    // a raw policy file may be an AWS managed policy or end up inline: its quota is not known for sure
    const raw = policy.format === 'raw';
    report({
      path: '',
      severity: raw ? 'warning' : over.severity,
      message: `${raw ? 'If used as a customer managed policy: t' : 'T'}he policy has ${grouped(size)} characters without whitespace${q.names.length ? '' : approxNote(policy)}${over.tail}`,
      details: { size, quota: MANAGED_POLICY_QUOTA, ...(q.names.length ? { leastSize: q.least } : {}) },
    });
  },
};
