import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { statementLabel } from '../grammar/helpers.js';
import { principalValues } from '../grammar/principals.js';

export const invalidRoleReference: Rule = {
  meta: {
    id: 'INVALID_ROLE_REFERENCE',
    title: 'Principal given as a role unique ID',
    severity: 'warning',
    category: 'validation',
    description:
      'A role unique ID (`AROA...`) in a policy is what IAM shows after the role it named was deleted. The grant now names nobody; recreating the role does not restore it, because the new role gets a new ID.',
    fix: 'Replace the unique ID with the role ARN (`arn:aws:iam::ACCOUNT:role/NAME`), or remove the grant if the role is gone for good.',
    reference: accessAnalyzerDocsUrl('INVALID_ROLE_REFERENCE', 'warning'),
    policyTypes: ['resource', 'trust'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'AROAEXAMPLEID12345678' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/app' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] },
    },
  },
  checkPolicy({ policy, statements, report }) {
    for (const v of principalValues(policy, statements, 'AWS')) {
      if (!/^AROA[A-Z0-9]{8,}$/.test(v.value)) continue;
      report({ path: v.path, subject: v.value, message: `${statementLabel(v.statement)}: "${v.value}" is the unique ID of a deleted role; it names nobody.` });
    }
  },
};
