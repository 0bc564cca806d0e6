import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { conditionKeyInfo } from '../../catalog/index.js';
import { parseOperator, statementLabel } from '../grammar/helpers.js';

export const forAllValuesWithSingleValuedKey: Rule = {
  meta: {
    id: 'FORALLVALUES_WITH_SINGLE_VALUED_KEY',
    title: 'ForAllValues on a single-valued key',
    severity: 'security-warning',
    category: 'validation',
    description:
      '`ForAllValues:` tests every value of a multivalued key and is true when the key is absent or empty. On a single-valued key (such as `aws:PrincipalOrgID` or `token.actions.githubusercontent.com:sub`) it adds nothing but that loophole: an Allow then also applies to requests that lack the key.',
    fix: 'Remove the `ForAllValues:` prefix and use the plain operator (e.g. `StringEquals`) for single-valued keys.',
    reference: accessAnalyzerDocsUrl('FORALLVALUES_WITH_SINGLE_VALUED_KEY', 'security-warning'),
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { 'ForAllValues:StringEquals': { 'aws:PrincipalOrgID': 'o-abc123' } } }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } } }] },
    },
  },
  checkPolicy({ statements, report }) {
    for (const s of statements) {
      for (const c of s.condition ?? []) {
        const op = parseOperator(c.operator);
        if (!op || op.qualifier !== 'ForAllValues') continue;
        const info = conditionKeyInfo(c.key);
        if (!info || info.multivalued) continue;
        report({
          path: c.path,
          subject: `${c.operator} ${c.key}`,
          message: `${statementLabel(s)}: "${c.key}" is single-valued (${info.type}), and "${c.operator}" is also true when the key is absent${s.effect === 'Allow' ? ', so this Allow applies to requests without the key' : ''}.`,
        });
      }
    }
  },
};
