import { statementLabel } from '../../policy/statements.js';
import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';

export const missingAction: Rule = {
  meta: {
    id: 'MISSING_ACTION',
    title: 'Statement has neither Action nor NotAction',
    severity: 'error',
    category: 'validation',
    description: 'Each statement must name the actions it covers with Action (or NotAction); IAM rejects a statement without either.',
    fix: 'Add an "Action" list naming the exact actions this statement should allow or deny.',
    reference: accessAnalyzerDocsUrl('MISSING_ACTION', 'error'),
    examples: { bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Resource: '*' }] }, good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:DescribeInstances', Resource: '*' }] } },
  },
  checkPolicy({ statements, report }) {
    for (const s of statements) {
      if (!s.action && !s.notAction) report({ path: s.path, message: `${statementLabel(s)} has no Action or NotAction element.` });
    }
  },
};
