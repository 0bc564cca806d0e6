import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { catalogStamp, conditionKeyExists } from '../../catalog/index.js';
import { statementLabel } from '../grammar/helpers.js';

export const invalidGlobalConditionKey: Rule = {
  meta: {
    id: 'INVALID_GLOBAL_CONDITION_KEY',
    title: 'Unknown global condition key',
    severity: 'error',
    category: 'validation',
    description:
      'Condition keys with the `aws:` prefix are global keys defined by AWS (`aws:SourceIp`, `aws:PrincipalOrgID`, `aws:ResourceTag/...`). A misspelt one is never present in the request: an Allow conditioned on it never applies, and a Deny conditioned on it never denies.',
    fix: 'Use a key from the list of AWS global condition context keys (check spelling, e.g. `aws:SourceVpce`, `aws:PrincipalOrgID`).',
    reference: accessAnalyzerDocsUrl('INVALID_GLOBAL_CONDITION_KEY', 'error'),
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalOrgId2': 'o-abc123' } } }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringNotEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }] },
    },
  },
  checkPolicy({ statements, report }) {
    for (const s of statements) {
      for (const c of s.condition ?? []) {
        if (!/^aws:/i.test(c.key) || /^aws:arn$/i.test(c.key)) continue;
        if (conditionKeyExists(c.key)) continue;
        report({
          path: c.path,
          subject: c.key,
          message: `${statementLabel(s)}: "${c.key}" is not a global condition key in the IAM catalogue (data of ${catalogStamp()?.date.slice(0, 10) ?? 'unknown date'}), so it is never present in a request.`,
        });
      }
    }
  },
};
