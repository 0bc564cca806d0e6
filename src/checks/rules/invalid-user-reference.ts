import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { statementLabel } from '../grammar/helpers.js';
import { principalValues } from '../grammar/principals.js';

export const invalidUserReference: Rule = {
  meta: {
    id: 'INVALID_USER_REFERENCE',
    title: 'Principal given as a user unique ID',
    severity: 'warning',
    category: 'validation',
    description:
      'A user unique ID (`AIDA...`) in a policy is what IAM shows after the user it named was deleted. The grant now names nobody; recreating the user does not restore it, because the new user gets a new ID.',
    fix: 'Replace the unique ID with the user ARN (`arn:aws:iam::ACCOUNT:user/NAME`), or remove the grant if the user is gone for good.',
    reference: accessAnalyzerDocsUrl('INVALID_USER_REFERENCE', 'warning'),
    policyTypes: ['resource', 'trust'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'AIDAEXAMPLEID12345678' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:user/app' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] },
    },
  },
  checkPolicy({ policy, statements, report }) {
    for (const v of principalValues(policy, statements, 'AWS')) {
      if (!/^AIDA[A-Z0-9]{8,}$/.test(v.value)) continue;
      report({ path: v.path, subject: v.value, message: `${statementLabel(v.statement)}: "${v.value}" is the unique ID of a deleted user; it names nobody.` });
    }
  },
};
