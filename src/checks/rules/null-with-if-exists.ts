import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { parseOperator, statementLabel } from '../grammar/helpers.js';

export const nullWithIfExists: Rule = {
  meta: {
    id: 'NULL_WITH_IF_EXISTS',
    title: 'IfExists on the Null operator',
    severity: 'error',
    category: 'validation',
    description: 'The Null operator already tests whether a key is present; `NullIfExists` is not a valid operator and IAM rejects the policy.',
    fix: 'Use `Null` without the IfExists suffix.',
    reference: accessAnalyzerDocsUrl('NULL_WITH_IF_EXISTS', 'error'),
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'ec2:RunInstances', Resource: '*', Condition: { NullIfExists: { 'aws:RequestTag/team': 'true' } } }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'ec2:RunInstances', Resource: '*', Condition: { Null: { 'aws:RequestTag/team': 'true' } } }] },
    },
  },
  checkPolicy({ statements, report }) {
    const seen = new Set<string>();
    for (const s of statements) {
      for (const c of s.condition ?? []) {
        const op = parseOperator(c.operator);
        if (!op || op.family !== 'Null' || !op.ifExists) continue;
        const at = c.path.slice(0, c.path.lastIndexOf('/'));
        if (seen.has(at)) continue;
        seen.add(at);
        report({ path: at, subject: c.operator, message: `${statementLabel(s)} uses "${c.operator}": IfExists cannot be combined with Null.` });
      }
    }
  },
};
