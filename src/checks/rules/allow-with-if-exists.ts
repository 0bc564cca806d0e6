import type { Rule } from './types.js';
import { isGlobalConditionKey } from '../../catalog/index.js';
import { parseOperator, statementLabel } from '../grammar/helpers.js';

export const allowWithIfExists: Rule = {
  meta: {
    id: 'allow-with-if-exists',
    title: 'Allow condition with IfExists passes when the key is absent',
    severity: 'warning',
    category: 'validation',
    description:
      'An `...IfExists` operator evaluates to true when the key is not in the request. In an Allow statement that turns a restriction into a suggestion: `BoolIfExists aws:MultiFactorAuthPresent true` also allows long-term access keys (which never carry the key), and `StringEqualsIfExists aws:RequestedRegion` allows calls to global services from anywhere. IfExists is meant for Deny statements and for keys that only some actions carry.',
    fix: 'Drop the IfExists suffix so requests without the key are not allowed, or add a `Null` condition (`"Null": {"key": "false"}`) requiring the key; keep IfExists only where the key is legitimately absent for some of the actions.',
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:TerminateInstances', Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'true' } } }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:TerminateInstances', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] },
    },
  },
  checkPolicy({ statements, report }) {
    for (const s of statements) {
      if (s.effect !== 'Allow') continue;
      const nullChecked = new Set(
        (s.condition ?? [])
          .filter((c) => c.operator === 'Null' && c.values.some((v) => v.value === false || v.value === 'false'))
          .map((c) => c.key.toLowerCase()),
      );
      for (const c of s.condition ?? []) {
        const op = parseOperator(c.operator);
        if (!op || !op.ifExists || op.negated || op.family === 'Null' || nullChecked.has(c.key.toLowerCase())) continue;
        // service keys are often optional request parameters, where IfExists is the right tool; global keys such as
        // aws:MultiFactorAuthPresent are absent for whole classes of callers
        if (!isGlobalConditionKey(c.key)) continue;
        report({
          path: c.path,
          subject: `${c.operator} ${c.key}`,
          message: `${statementLabel(s)} allows with "${c.operator}" on "${c.key}": requests without that key are allowed too.`,
        });
      }
    }
  },
};
