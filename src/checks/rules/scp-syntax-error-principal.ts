import { statementLabel } from '../../policy/statements.js';
import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';

export const scpSyntaxErrorPrincipal: Rule = {
  meta: {
    id: 'SCP_SYNTAX_ERROR_PRINCIPAL',
    title: 'Principal in a service control policy',
    severity: 'error',
    category: 'validation',
    description: 'SCPs apply to every principal in the accounts they are attached to; they do not support Principal or NotPrincipal. Organizations rejects the policy. To exempt principals, use a condition on aws:PrincipalArn.',
    fix: 'Remove Principal/NotPrincipal and express the exception as "Condition": {"ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/BreakGlass"}}.',
    reference: accessAnalyzerDocsUrl('SCP_SYNTAX_ERROR_PRINCIPAL', 'error'),
    policyTypes: ['scp'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 'organizations:LeaveOrganization', Resource: '*' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }] },
    },
  },
  checkPolicy({ statements, report }) {
    for (const s of statements) {
      const p = s.principal ?? s.notPrincipal;
      if (p) report({ path: p.path, message: `${statementLabel(s)} has a ${s.principal ? 'Principal' : 'NotPrincipal'} element, which SCPs do not support.` });
    }
  },
};
