import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { strings } from '../../policy/statements.js';
import { placeholderAt, policyVariables, statementLabel } from '../grammar/helpers.js';

export const variableUnsupportedInVersion: Rule = {
  meta: {
    id: 'VARIABLE_UNSUPPORTED_IN_VERSION',
    title: 'Policy variable without Version 2012-10-17',
    severity: 'error',
    category: 'validation',
    description:
      'Policy variables such as `${aws:username}` are only substituted under `"Version": "2012-10-17"`. With no Version (or 2008-10-17) they are literal text: `arn:aws:s3:::home/${aws:username}/*` then matches only a folder literally named `${aws:username}`, and a Deny built on a variable denies nothing.',
    fix: 'Add `"Version": "2012-10-17"` at the top of the policy.',
    reference: accessAnalyzerDocsUrl('VARIABLE_UNSUPPORTED_IN_VERSION', 'error'),
    examples: {
      bad: { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::home/${aws:username}/*' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::home/${aws:username}/*' }] },
    },
  },
  checkPolicy({ policy, document, statements, report }) {
    if (!document || document.Version === '2012-10-17') return;
    const version = typeof document.Version === 'string' ? `"Version": "${document.Version}"` : 'no Version';
    for (const s of statements) {
      const values = [...strings(s.resource), ...strings(s.notResource), ...(s.condition ?? []).flatMap((c) => strings(c.values))];
      for (const v of values) {
        if (placeholderAt(policy, v.path)) continue;
        const vars = policyVariables(v.value);
        if (!vars.length) continue;
        report({
          path: v.path,
          subject: vars[0],
          message: `${statementLabel(s)} uses the policy variable ${vars[0]}, but the policy has ${version}: the variable is taken as literal text. Set "Version": "2012-10-17".`,
        });
      }
    }
  },
};
