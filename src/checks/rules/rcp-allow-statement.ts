import type { Rule } from './types.js';
import { statementLabel } from '../../policy/statements.js';

export const rcpAllowStatement: Rule = {
  meta: {
    id: 'rcp-allow-statement',
    title: 'Allow statement in a resource control policy',
    severity: 'error',
    category: 'scp',
    description: 'Customer-managed resource control policies (RCPs) may only contain Deny statements; the only Allow RCP is the AWS-managed RCPFullAWSAccess, which cannot be detached. Organizations rejects an RCP with an Allow statement.',
    fix: 'Express the guardrail as a Deny with conditions (for example deny unless aws:PrincipalOrgID is your organisation), or remove the Allow statement.',
    policyTypes: ['rcp'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-abc123' }, BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' } } }] },
    },
  },
  checkPolicy({ statements, report }) {
    for (const s of statements) if (s.effect === 'Allow') report({ path: `${s.path}/Effect`, message: `${statementLabel(s)} has Effect Allow; customer RCPs may only deny.` });
  },
};
