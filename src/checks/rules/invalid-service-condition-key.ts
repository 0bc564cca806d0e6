import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { catalogStamp, conditionKeyExists, serviceExists } from '../../catalog/index.js';
import { statementLabel } from '../grammar/helpers.js';

export const invalidServiceConditionKey: Rule = {
  meta: {
    id: 'INVALID_SERVICE_CONDITION_KEY',
    title: 'Unknown service condition key',
    severity: 'error',
    category: 'validation',
    description:
      'A service-specific condition key (`s3:prefix`, `iam:PassedToService`, `kms:ViaService`) that the service does not define is never present in a request: an Allow conditioned on it never applies, and a Deny conditioned on it never denies.',
    fix: 'Use a condition key the service defines (see the "Condition keys" table of the service in the Service Authorization Reference); the key name after the prefix is often misspelt.',
    reference: accessAnalyzerDocsUrl('INVALID_SERVICE_CONDITION_KEY', 'error'),
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassToService': 'lambda.amazonaws.com' } } }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } }] },
    },
  },
  checkPolicy({ statements, report }) {
    for (const s of statements) {
      for (const c of s.condition ?? []) {
        const i = c.key.indexOf(':');
        if (i <= 0) continue;
        const prefix = c.key.slice(0, i);
        // aws: keys are INVALID_GLOBAL_CONDITION_KEY's; identity-provider keys (accounts.google.com:aud, saml:sub) are not service keys
        if (/^aws$/i.test(prefix) || !serviceExists(prefix)) continue;
        if (conditionKeyExists(c.key)) continue;
        report({
          path: c.path,
          subject: c.key,
          message: `${statementLabel(s)}: the service "${prefix.toLowerCase()}" defines no condition key "${c.key}" in the IAM catalogue (data of ${catalogStamp()?.date.slice(0, 10) ?? 'unknown date'}).`,
        });
      }
    }
  },
};
