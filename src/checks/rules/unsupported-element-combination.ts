import { statementLabel } from '../../policy/statements.js';
import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';

const PAIRS: [string, string][] = [
  ['Action', 'NotAction'],
  ['Resource', 'NotResource'],
  ['Principal', 'NotPrincipal'],
];

export const unsupportedElementCombination: Rule = {
  meta: {
    id: 'UNSUPPORTED_ELEMENT_COMBINATION',
    title: 'Mutually exclusive elements in one statement',
    severity: 'error',
    category: 'validation',
    description: 'Action and NotAction, Resource and NotResource, Principal and NotPrincipal cannot appear in the same statement; IAM rejects the policy.',
    fix: 'Keep one element of the pair. To allow a set and exclude part of it, use Action plus a separate Deny statement.',
    reference: accessAnalyzerDocsUrl('UNSUPPORTED_ELEMENT_COMBINATION', 'error'),
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', NotAction: 's3:DeleteBucket', Resource: '*' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::b/*' }] },
    },
  },
  checkPolicy({ statements, report }) {
    for (const s of statements) {
      for (const [a, b] of PAIRS) {
        if (a in s.raw && b in s.raw) {
          report({ path: `${s.path}/${b}`, message: `${statementLabel(s)} has both ${a} and ${b}; they cannot be used in the same statement.`, subject: b });
        }
      }
    }
  },
};
