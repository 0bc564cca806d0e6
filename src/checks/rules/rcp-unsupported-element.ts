import type { Rule } from './types.js';
import { statementLabel } from '../../policy/statements.js';

export const rcpUnsupportedElement: Rule = {
  meta: {
    id: 'rcp-unsupported-element',
    title: 'NotAction or NotPrincipal in a resource control policy',
    severity: 'error',
    category: 'scp',
    description: 'The RCP grammar has no NotAction and no NotPrincipal element; Organizations rejects the policy.',
    fix: 'List the actions the Deny applies to in Action, and narrow the callers with conditions such as aws:PrincipalOrgID or aws:PrincipalIsAWSService instead of NotPrincipal.',
    policyTypes: ['rcp'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', NotAction: 's3:GetObject', Resource: '*' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: ['s3:PutObject', 's3:DeleteObject'], Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc123' } } }] },
    },
  },
  checkPolicy({ statements, report }) {
    for (const s of statements) {
      for (const el of ['NotAction', 'NotPrincipal'] as const) {
        if (el in s.raw) report({ path: `${s.path}/${el}`, message: `${statementLabel(s)} uses ${el}, which resource control policies do not support.`, subject: el });
      }
    }
  },
};
