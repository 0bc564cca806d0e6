import type { Rule } from './types.js';
import { statementLabel } from '../../policy/statements.js';

export const rcpPrincipal: Rule = {
  meta: {
    id: 'rcp-principal',
    title: 'RCP Principal must be "*"',
    severity: 'error',
    category: 'scp',
    description: 'A resource control policy applies to every caller of the resources in scope; its Principal must be "*" and callers are narrowed with conditions. A missing or specific Principal is rejected or does not do what it seems to.',
    fix: 'Set "Principal": "*" and move the caller restriction into a condition (aws:PrincipalOrgID, aws:PrincipalAccount, aws:PrincipalIsAWSService).',
    policyTypes: ['rcp'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: { AWS: '444455556666' }, Action: 's3:*', Resource: '*' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': '444455556666' } } }] },
    },
  },
  checkPolicy({ statements, report }) {
    for (const s of statements) {
      if (!s.principal && !s.notPrincipal) report({ path: s.path, message: `${statementLabel(s)} has no Principal; RCP statements need "Principal": "*".`, subject: 'missing' });
      else if (s.principal && !s.principal.wildcard) report({ path: s.principal.path, message: `${statementLabel(s)} names a specific Principal; in an RCP it must be "*", with callers narrowed by conditions.`, subject: 'specific' });
    }
  },
};
