import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { conditionKeyInfo } from '../../catalog/index.js';
import { parseOperator, statementLabel } from '../grammar/helpers.js';

export const missingQualifier: Rule = {
  meta: {
    id: 'MISSING_QUALIFIER',
    title: 'Multivalued condition key without ForAllValues/ForAnyValue',
    severity: 'warning',
    category: 'validation',
    description:
      'Multivalued keys (`aws:TagKeys`, `aws:PrincipalOrgPaths`, `aws:CalledVia`, ...) carry a set of values and must be compared with a set operator: `ForAnyValue:` (at least one value matches) or `ForAllValues:` (every value matches). Without one, the result depends on how the service evaluates the set and rarely does what the author meant.',
    fix: 'Prefix the operator with `ForAnyValue:` or `ForAllValues:` (with a `Null` check when using ForAllValues in an Allow).',
    reference: accessAnalyzerDocsUrl('MISSING_QUALIFIER', 'warning'),
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { StringNotLike: { 'aws:PrincipalOrgPaths': 'o-a1/r-ab12/ou-ab12-11111111/*' } } }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { 'ForAllValues:StringNotLike': { 'aws:PrincipalOrgPaths': 'o-a1/r-ab12/ou-ab12-11111111/*' } } }] },
    },
  },
  checkPolicy({ statements, report }) {
    for (const s of statements) {
      for (const c of s.condition ?? []) {
        const op = parseOperator(c.operator);
        if (!op || op.qualifier || op.family === 'Null') continue;
        const info = conditionKeyInfo(c.key);
        if (!info?.multivalued) continue;
        report({
          path: c.path,
          subject: `${c.operator} ${c.key}`,
          message: `${statementLabel(s)}: "${c.key}" is multivalued (${info.type}); use "ForAnyValue:${c.operator}" or "ForAllValues:${c.operator}".`,
        });
      }
    }
  },
};
