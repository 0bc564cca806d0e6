import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { strings } from '../../policy/statements.js';
import { placeholderAt, statementLabel } from '../grammar/helpers.js';
import { redundantValues } from './redundant-action.js';

export const redundantResource: Rule = {
  meta: {
    id: 'REDUNDANT_RESOURCE',
    title: 'Resource already covered by another in the statement',
    severity: 'suggestion',
    category: 'validation',
    description: 'A resource listed twice, or covered by a wildcard ARN in the same statement (`arn:aws:s3:::b/reports/*` next to `arn:aws:s3:::b/*`), changes nothing, makes the policy longer, and often means the wildcard is broader than intended.',
    fix: 'Remove the redundant entry, or narrow the wildcard ARN if it was broader than intended.',
    reference: accessAnalyzerDocsUrl('REDUNDANT_RESOURCE', 'suggestion'),
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::b/*', 'arn:aws:s3:::b/reports/*'] }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: ['arn:aws:s3:::b/reports/*'] }] },
    },
  },
  checkPolicy({ policy, statements, report }) {
    for (const s of statements) {
      for (const list of [s.resource, s.notResource]) {
        const values = strings(list).filter((v) => !placeholderAt(policy, v.path));
        for (const { value, by } of redundantValues(values, true)) {
          // `bucket-*` next to `bucket-*/*`: the author listed buckets and their objects; the overlap is an accident of `*` spanning `/`
          if (value.value !== by.value && by.value !== '*' && !by.value.endsWith('/*') && slashes(value.value) > slashes(by.value)) continue;
          report({
            path: value.path,
            subject: value.value,
            message: `${statementLabel(s)}: "${value.value}" is ${value.value === by.value ? 'listed twice' : `already covered by "${by.value}"`}.`,
          });
        }
      }
    }
  },
};

function slashes(s: string): number {
  return s.split('/').length - 1;
}
