import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { approxNote, compactSize, quotaSize, quotaVerdict, grouped } from '../grammar/size.js';
import { templateToken } from '../grammar/helpers.js';

export const RCP_QUOTA = 5120;

export const policySizeExceedsRcpQuota: Rule = {
  meta: {
    id: 'POLICY_SIZE_EXCEEDS_RCP_QUOTA',
    title: 'RCP larger than 5,120 characters',
    severity: 'error',
    category: 'validation',
    description: 'A resource control policy may hold at most 5,120 characters, and AWS Organizations counts every character, whitespace included. A larger policy is rejected when it is created or updated.',
    fix: 'Remove whitespace outside strings, merge statements with the same effect and conditions, use wildcards in action names, or split the policy (up to 5 per target).',
    reference: accessAnalyzerDocsUrl('POLICY_SIZE_EXCEEDS_RCP_QUOTA', 'error'),
    policyTypes: ['rcp'],
    examples: {
      bad: { Version: '2012-10-17', Statement: '/* 6,000 characters of deny statements */' },
      good: { Version: '2012-10-17', Statement: '/* two RCPs of 3,000 characters */' },
    },
  },
  checkPolicy({ policy, document, report }) {
    if (!document) return;
    // the document as submitted may carry whitespace too: its compact form is the least it can weigh
    const q = quotaSize(policy, document, compactSize, (v) => templateToken(policy, v));
    const over = quotaVerdict(q, RCP_QUOTA, () => `${grouped(RCP_QUOTA)}-character maximum for RCPs`, policy);
    if (!over) return;
    report({
      path: '',
      severity: over.severity,
      message: `The RCP has ${grouped(q.size)} characters even with all whitespace removed${q.names.length ? '' : approxNote(policy)}${over.tail}`,
      details: { size: q.size, quota: RCP_QUOTA, ...(q.names.length ? { leastSize: q.least } : {}) },
    });
  },
};
