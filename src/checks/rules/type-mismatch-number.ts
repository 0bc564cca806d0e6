import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { parseOperator, placeholderAt, policyVariables, statementLabel, templateToken } from '../grammar/helpers.js';
import { isNumber } from '../grammar/values.js';

export const typeMismatchNumber: Rule = {
  meta: {
    id: 'TYPE_MISMATCH_NUMBER',
    title: 'Numeric condition value is not a number',
    severity: 'warning',
    category: 'validation',
    description:
      'Numeric operators compare with numbers. A value that is not a number never matches.',
    fix: 'Write a number (integer or decimal), e.g. `3600`.',
    reference: accessAnalyzerDocsUrl('TYPE_MISMATCH_NUMBER', 'warning'),
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': '1h' } } }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { NumericLessThan: { 'aws:MultiFactorAuthAge': '3600' } } }] },
    },
  },
  checkPolicy({ policy, statements, report }) {
    for (const s of statements) {
      for (const c of s.condition ?? []) {
        const op = parseOperator(c.operator);
        if (!op || op.family !== 'Numeric') continue;
        for (const v of c.values) {
          if (placeholderAt(policy, v.path) || (typeof v.value === 'string' && templateToken(policy, v.value))) continue;
          if (typeof v.value === 'string' && policyVariables(v.value).length) continue;
          if (isNumber(v.value)) continue;
          report({
            path: v.path,
            subject: `${c.operator} ${c.key}`,
            message: `${statementLabel(s)}: the value ${JSON.stringify(v.value)} of "${c.operator}" on "${c.key}" is not a number.`,
          });
        }
      }
    }
  },
};
