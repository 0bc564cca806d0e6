import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';

export const missingVersion: Rule = {
  meta: {
    id: 'MISSING_VERSION',
    title: 'Policy has no Version',
    severity: 'warning',
    category: 'validation',
    description:
      'Without "Version": "2012-10-17" IAM evaluates the policy with the 2008-10-17 language: policy variables such as ${aws:username} are taken literally and newer features are unavailable.',
    fix: 'Add "Version": "2012-10-17" at the top level of the policy document.',
    reference: accessAnalyzerDocsUrl('MISSING_VERSION', 'warning'),
    examples: { bad: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }, good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] } },
  },
  checkPolicy({ document, report }) {
    if (document && !('Version' in document)) report({ path: '', message: 'The policy has no Version element; add "Version": "2012-10-17".' });
  },
};
