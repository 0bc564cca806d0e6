import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';

export const missingStatement: Rule = {
  meta: {
    id: 'MISSING_STATEMENT',
    title: 'Policy has no Statement',
    severity: 'error',
    category: 'validation',
    description: 'A policy document needs a Statement element with at least one statement; without it the document is rejected (or, as a resource policy, grants nothing).',
    fix: 'Add a "Statement" list with the statements the policy should contain, or remove the policy.',
    reference: accessAnalyzerDocsUrl('MISSING_STATEMENT', 'error'),
    examples: { bad: { Version: '2012-10-17' }, good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] } },
  },
  checkPolicy({ document, policy, report }) {
    if (document === undefined) {
      report({ path: '', message: `The policy document is ${policy.document === null ? 'null' : `a ${Array.isArray(policy.document) ? 'list' : typeof policy.document}`}, not a JSON object with a Statement.` });
      return;
    }
    const st = document.Statement;
    if (st === undefined) report({ path: '', message: 'The policy has no Statement element.' });
    else if (Array.isArray(st) && st.length === 0) report({ path: '/Statement', message: 'The Statement list is empty: the policy grants and denies nothing.' });
    else if (!Array.isArray(st) && (st === null || typeof st !== 'object')) report({ path: '/Statement', message: 'Statement must be an object or a list of objects.' });
  },
};
