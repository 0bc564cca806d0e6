import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { conditionKeyInfo } from '../../catalog/index.js';
import { parseOperator, statementLabel, type OperatorFamily } from '../grammar/helpers.js';

/** Operator families that make sense for each key type (lenient: String and Arn operators are interchangeable). */
const COMPATIBLE: Record<string, OperatorFamily[]> = {
  String: ['String', 'Arn'],
  ARN: ['Arn', 'String'],
  Numeric: ['Numeric'],
  Date: ['Date', 'Numeric'],
  Bool: ['Bool', 'String'],
  IPAddress: ['IpAddress'],
  Binary: ['Binary', 'String'],
};

export const typeMismatch: Rule = {
  meta: {
    id: 'TYPE_MISMATCH',
    title: "Condition operator does not fit the key's type",
    severity: 'warning',
    category: 'validation',
    description:
      'Each condition key has a type (String, ARN, Numeric, Date, Bool, IPAddress, Binary) and is compared with the operators of that type. `StringEquals` on a date key compares text and never matches the way intended; `StringLike` on `aws:SourceIp` cannot express a CIDR range; `Bool` on a string key compares against "true".',
    fix: 'Use the operator family of the key type: Date* for dates (`aws:CurrentTime`), Numeric* for numbers, IpAddress/NotIpAddress for IP keys, Bool for booleans, String*/Arn* for strings and ARNs.',
    reference: accessAnalyzerDocsUrl('TYPE_MISMATCH', 'warning'),
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { StringLike: { 'aws:SourceIp': '10.0.*' } } }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/16' } } }] },
    },
  },
  checkPolicy({ statements, report }) {
    for (const s of statements) {
      for (const c of s.condition ?? []) {
        const op = parseOperator(c.operator);
        if (!op || op.family === 'Null') continue;
        const info = conditionKeyInfo(c.key);
        if (!info) continue;
        const type = String(info.type).replace(/^ArrayOf/, '');
        const ok = COMPATIBLE[type];
        if (!ok || ok.includes(op.family)) continue;
        report({
          path: c.path,
          subject: `${c.operator} ${c.key}`,
          message: `${statementLabel(s)}: "${c.operator}" is a ${op.family} operator but "${c.key}" is of type ${info.type}; use ${ok[0] === 'IpAddress' ? 'IpAddress/NotIpAddress' : `a ${ok[0]} operator`}.`,
        });
      }
    }
  },
};
