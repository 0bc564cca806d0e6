import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { reportDuplicateSids } from './duplicate-sid.js';

export const uniqueSidsRequired: Rule = {
  meta: {
    id: 'UNIQUE_SIDS_REQUIRED',
    title: 'Duplicate Sid',
    severity: 'error',
    category: 'validation',
    description: 'IAM identity policies, trust policies and Organizations policies require statement ids to be unique within the policy; a duplicate Sid makes IAM reject the document.',
    fix: 'Give each statement its own Sid (letters and digits only), or drop the Sid.',
    reference: accessAnalyzerDocsUrl('UNIQUE_SIDS_REQUIRED', 'error'),
    policyTypes: ['identity', 'boundary', 'trust', 'scp', 'rcp'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, { Sid: 'Read', Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }] },
      good: { Version: '2012-10-17', Statement: [{ Sid: 'ReadObjects', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, { Sid: 'ListBucket', Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }] },
    },
  },
  checkPolicy: reportDuplicateSids,
};
