import type { Rule } from './types.js';
import { strings } from '../../policy/statements.js';
import { catalogStamp, serviceExists, splitAction } from '../../catalog/index.js';
import { expandActionPattern } from '../../engine/actions.js';
import { hasWildcard } from '../../engine/wildcard.js';
import { placeholderAt } from '../grammar/helpers.js';

export const actionWildcardMatchesNothing: Rule = {
  meta: {
    id: 'action-wildcard-matches-nothing',
    title: 'Action wildcard matches no action',
    severity: 'error',
    category: 'validation',
    description:
      'A wildcard action such as `s3:Put*Polcy` or `ec2:Descibe*` that matches no existing action grants nothing in an Allow and protects nothing in a Deny or NotAction. It is almost always a typo, and unlike a misspelt plain action it is easy to overlook in review.',
    fix: 'Correct the pattern so that it matches the intended actions (check the Service Authorization Reference), or list the actions explicitly.',
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'cloudtrail:Stop*Loging', Resource: '*' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'cloudtrail:StopLogging', Resource: '*' }] },
    },
  },
  checkPolicy({ policy, statements, report }) {
    for (const s of statements) {
      for (const v of strings([...(s.action ?? []), ...(s.notAction ?? [])])) {
        if (placeholderAt(policy, v.path) || v.value.includes('${') || !hasWildcard(v.value) || /^\*+$/.test(v.value)) continue;
        const parts = splitAction(v.value);
        if (!parts) continue;
        // an unknown literal service is INVALID_SERVICE_IN_ACTION's finding
        if (!hasWildcard(parts.service) && !serviceExists(parts.service)) continue;
        if (expandActionPattern(v.value).length) continue;
        report({
          path: v.path,
          subject: v.value,
          message: `"${v.value}" matches no action in the IAM catalogue (data of ${catalogStamp()?.date.slice(0, 10) ?? 'unknown date'}), so it ${s.effect === 'Deny' || s.notAction ? 'protects' : 'grants'} nothing.`,
        });
      }
    }
  },
};
