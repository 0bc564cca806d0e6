import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { actionSupportsKey, conditionKeyExists, conditionKeyListedByActions, isGlobalConditionKey, serviceExists } from '../../catalog/index.js';
import { statementActions, statementLabel, type StatementActions } from '../grammar/helpers.js';

export const unsupportedActionForConditionKey: Rule = {
  meta: {
    id: 'UNSUPPORTED_ACTION_FOR_CONDITION_KEY',
    title: 'No action in the statement supports the condition key',
    severity: 'error',
    category: 'validation',
    description:
      'A service condition key is present only in requests for the actions that support it. When none of the statement\'s actions supports the key, the key is never in the request: an Allow conditioned on it never applies (or, with IfExists or a negated operator, always applies), and a Deny conditioned on it never denies.',
    fix: 'Use a condition key that the statement\'s actions support (see the action\'s row in the Service Authorization Reference), or move the condition to a statement with the actions that support it.',
    reference: accessAnalyzerDocsUrl('UNSUPPORTED_ACTION_FOR_CONDITION_KEY', 'error'),
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { StringLike: { 's3:prefix': 'home/*' } } }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b', Condition: { StringLike: { 's3:prefix': 'home/*' } } }] },
    },
  },
  checkPolicy({ policy, statements, report }) {
    for (const s of statements) {
      if (!s.condition?.length || !s.action) continue;
      // the statement's actions (their details parsed) only once a condition names a service key they could lack
      let sa: StatementActions | undefined | null = null;
      for (const c of s.condition) {
        const i = c.key.indexOf(':');
        if (i <= 0 || /^aws:/i.test(c.key) || !serviceExists(c.key.slice(0, i))) continue;
        if (isGlobalConditionKey(c.key) || !conditionKeyExists(c.key)) continue;
        // a key no action lists is a gap in the reference data, not evidence against this statement
        if (!conditionKeyListedByActions(c.key)) continue;
        if (sa === null) sa = statementActions(policy, s);
        if (!sa || !sa.complete || !sa.actions.length) break;
        if (sa.actions.some((a) => actionSupportsKey(a, c.key))) continue;
        const names = sa.actions.map((a) => a.key);
        report({
          path: c.path,
          subject: c.key,
          message: `${statementLabel(s)}: none of its actions (${names.slice(0, 4).join(', ')}${names.length > 4 ? ', ...' : ''}) supports the condition key "${c.key}", so the key is never present in their requests.`,
        });
      }
    }
  },
};
