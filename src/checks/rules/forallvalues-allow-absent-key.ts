import type { Rule } from './types.js';
import { conditionKeyInfo } from '../../catalog/index.js';
import { parseOperator, statementLabel } from '../grammar/helpers.js';

export const forAllValuesAllowAbsentKey: Rule = {
  meta: {
    id: 'forallvalues-allow-absent-key',
    title: 'Allow with ForAllValues passes when the key is absent',
    severity: 'warning',
    category: 'validation',
    description:
      '`ForAllValues:` is true when the multivalued key is absent or empty. An Allow such as `ForAllValues:StringEquals aws:TagKeys [team, env]` meant to restrict which tags may be set therefore also allows requests that carry no tags at all, including the actions that do not support the key.',
    fix: 'Add `"Null": {"<key>": "false"}` to the same statement so the key must be present, or use `ForAnyValue:` if at least one value must match.',
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:CreateTags', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] } } }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:CreateTags', Resource: '*', Condition: { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team', 'env'] }, Null: { 'aws:TagKeys': 'false' } } }] },
    },
  },
  checkPolicy({ statements, report }) {
    for (const s of statements) {
      if (s.effect !== 'Allow') continue;
      const conds = s.condition ?? [];
      const nullChecked = new Set(
        conds.filter((c) => c.operator === 'Null' && c.values.some((v) => v.value === false || v.value === 'false')).map((c) => c.key.toLowerCase()),
      );
      for (const c of conds) {
        const op = parseOperator(c.operator);
        if (!op || op.qualifier !== 'ForAllValues' || op.negated || nullChecked.has(c.key.toLowerCase())) continue;
        // single-valued keys are FORALLVALUES_WITH_SINGLE_VALUED_KEY's finding
        const info = conditionKeyInfo(c.key);
        if (info && !info.multivalued) continue;
        report({
          path: c.path,
          subject: `${c.operator} ${c.key}`,
          message: `${statementLabel(s)} allows with "${c.operator}" on "${c.key}", which is also true when the request carries no "${c.key}" at all; add "Null": {"${c.key}": "false"}.`,
        });
      }
    }
  },
};
