import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { statementLabel } from '../grammar/helpers.js';
import { principalValues } from '../grammar/principals.js';

export const unsupportedWildcardInPrincipal: Rule = {
  meta: {
    id: 'UNSUPPORTED_WILDCARD_IN_PRINCIPAL',
    title: 'Partial wildcard in a principal',
    severity: 'error',
    category: 'validation',
    description:
      'Principals are matched exactly: `"*"` alone means everyone, but a wildcard inside a value (`arn:aws:iam::111122223333:role/app-*`) is not supported and is rejected or never matches.',
    fix: 'Name the principals exactly, or use `"AWS": "*"` narrowed by a condition such as `ArnLike` on `aws:PrincipalArn` with the wildcard pattern.',
    reference: accessAnalyzerDocsUrl('UNSUPPORTED_WILDCARD_IN_PRINCIPAL', 'error'),
    policyTypes: ['resource', 'trust'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/app-*' }, Action: 'sqs:SendMessage', Resource: '*' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sqs:SendMessage', Resource: '*', Condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/app-*' } } }] },
    },
  },
  checkPolicy({ policy, statements, report }) {
    for (const v of principalValues(policy, statements)) {
      if (v.value === '*' || !/[*?]/.test(v.value)) continue;
      report({ path: v.path, subject: v.value, message: `${statementLabel(v.statement)}: the ${v.type} principal "${v.value}" contains a wildcard; only "*" on its own is allowed.` });
    }
  },
};
