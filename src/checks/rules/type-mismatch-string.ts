import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { parseOperator, placeholderAt, policyVariables, statementLabel, templateToken } from '../grammar/helpers.js';
import { isBase64 } from '../grammar/values.js';

export const typeMismatchString: Rule = {
  meta: {
    id: 'TYPE_MISMATCH_STRING',
    title: 'BinaryEquals value is not base64',
    severity: 'warning',
    category: 'validation',
    description:
      'BinaryEquals compares with a base64-encoded value. A value that is not valid base64 never matches.',
    fix: 'Base64-encode the binary value.',
    reference: accessAnalyzerDocsUrl('TYPE_MISMATCH_STRING', 'warning'),
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { BinaryEquals: { 'aws:SomeBinaryKey': 'not base64!' } } }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { BinaryEquals: { 'aws:SomeBinaryKey': 'QmluYXJ5VmFsdWU=' } } }] },
    },
  },
  checkPolicy({ policy, statements, report }) {
    for (const s of statements) {
      for (const c of s.condition ?? []) {
        const op = parseOperator(c.operator);
        if (!op || op.family !== 'Binary') continue;
        for (const v of c.values) {
          if (placeholderAt(policy, v.path) || (typeof v.value === 'string' && templateToken(policy, v.value))) continue;
          if (typeof v.value === 'string' && policyVariables(v.value).length) continue;
          if (isBase64(v.value)) continue;
          report({
            path: v.path,
            subject: `${c.operator} ${c.key}`,
            message: `${statementLabel(s)}: the value ${JSON.stringify(v.value)} of "${c.operator}" on "${c.key}" is not base64.`,
          });
        }
      }
    }
  },
};
