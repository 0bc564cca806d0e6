import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { parseOperator, placeholderAt, policyVariables, statementLabel, templateToken } from '../grammar/helpers.js';
import { isBool } from '../grammar/values.js';

export const typeMismatchBoolean: Rule = {
  meta: {
    id: 'TYPE_MISMATCH_BOOLEAN',
    title: 'Bool condition value is not true or false',
    severity: 'warning',
    category: 'validation',
    description:
      'The Bool operator compares with `true` or `false`. Any other value (`"yes"`, `1`, `"True "`) never matches, so an Allow conditioned on it never applies and a Deny never denies.',
    fix: 'Write `true` or `false` (as a JSON boolean or the strings "true"/"false").',
    reference: accessAnalyzerDocsUrl('TYPE_MISMATCH_BOOLEAN', 'warning'),
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { Bool: { 'aws:SecureTransport': 'no' } } }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] },
    },
  },
  checkPolicy({ policy, statements, report }) {
    for (const s of statements) {
      for (const c of s.condition ?? []) {
        const op = parseOperator(c.operator);
        if (!op || op.family !== 'Bool') continue;
        for (const v of c.values) {
          if (placeholderAt(policy, v.path) || (typeof v.value === 'string' && templateToken(policy, v.value))) continue;
          if (typeof v.value === 'string' && policyVariables(v.value).length) continue;
          if (isBool(v.value)) continue;
          report({
            path: v.path,
            subject: `${c.operator} ${c.key}`,
            message: `${statementLabel(s)}: the value ${JSON.stringify(v.value)} of "${c.operator}" on "${c.key}" is not true or false.`,
          });
        }
      }
    }
  },
};
