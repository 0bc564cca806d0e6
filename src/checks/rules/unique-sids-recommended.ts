import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { reportDuplicateSids } from './duplicate-sid.js';

export const uniqueSidsRecommended: Rule = {
  meta: {
    id: 'UNIQUE_SIDS_RECOMMENDED',
    title: 'Duplicate Sid in a resource policy',
    severity: 'warning',
    category: 'validation',
    description: 'Some services accept duplicate statement ids in resource policies, but several (SQS, SNS) reject them and duplicates make findings and reviews ambiguous.',
    fix: 'Give each statement its own Sid.',
    reference: accessAnalyzerDocsUrl('UNIQUE_SIDS_RECOMMENDED', 'warning'),
    policyTypes: ['resource'],
  },
  checkPolicy: reportDuplicateSids,
};
