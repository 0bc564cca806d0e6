import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';

const VALID = ['2012-10-17', '2008-10-17'];

export const invalidVersion: Rule = {
  meta: {
    id: 'INVALID_VERSION',
    title: 'Policy Version is not valid',
    severity: 'error',
    category: 'validation',
    description: 'IAM accepts only "2012-10-17" (current) and "2008-10-17" (legacy) as the policy language version; any other value is rejected. A common cause is a date written as a YAML timestamp or a typo.',
    fix: 'Set "Version": "2012-10-17" (quoted, as a string).',
    reference: accessAnalyzerDocsUrl('INVALID_VERSION', 'error'),
    examples: { bad: { Version: '2012-10-18', Statement: [] }, good: { Version: '2012-10-17', Statement: [] } },
  },
  checkPolicy({ document, report }) {
    if (!document || !('Version' in document)) return;
    const v = document.Version;
    if (typeof v !== 'string' || !VALID.includes(v)) {
      report({ path: '/Version', message: `The version ${JSON.stringify(v)} is not valid; use "2012-10-17".` });
    }
  },
};
