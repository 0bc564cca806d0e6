import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { parseOperator, placeholderAt, policyVariables, statementLabel, templateToken } from '../grammar/helpers.js';
import { isDate } from '../grammar/values.js';

export const typeMismatchDate: Rule = {
  meta: {
    id: 'TYPE_MISMATCH_DATE',
    title: 'Date condition value is not a date',
    severity: 'warning',
    category: 'validation',
    description:
      'Date operators compare with an ISO 8601 date/time (`2026-01-31`, `2026-01-31T12:00:00Z`) or epoch seconds. Another format never matches as intended.',
    fix: 'Write the value in ISO 8601 (`YYYY-MM-DDThh:mm:ssZ`) or as epoch seconds.',
    reference: accessAnalyzerDocsUrl('TYPE_MISMATCH_DATE', 'warning'),
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { DateLessThan: { 'aws:CurrentTime': '31/01/2026' } } }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { DateLessThan: { 'aws:CurrentTime': '2026-01-31T00:00:00Z' } } }] },
    },
  },
  checkPolicy({ policy, statements, report }) {
    for (const s of statements) {
      for (const c of s.condition ?? []) {
        const op = parseOperator(c.operator);
        if (!op || op.family !== 'Date') continue;
        for (const v of c.values) {
          if (placeholderAt(policy, v.path) || (typeof v.value === 'string' && templateToken(policy, v.value))) continue;
          if (typeof v.value === 'string' && policyVariables(v.value).length) continue;
          if (isDate(v.value)) continue;
          report({
            path: v.path,
            subject: `${c.operator} ${c.key}`,
            message: `${statementLabel(s)}: the value ${JSON.stringify(v.value)} of "${c.operator}" on "${c.key}" is not an ISO 8601 date or epoch seconds.`,
          });
        }
      }
    }
  },
};
