import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import type { ValueAt } from '../../policy/statements.js';
import { strings } from '../../policy/statements.js';
import { globCovers } from '../../catalog/index.js';
import { placeholderAt, statementLabel } from '../validation/helpers.js';

/** Index of an earlier-or-broader value covering values[i], or -1. Exact duplicates: the later one is redundant. */
export function coveredBy(values: string[], i: number, caseSensitive: boolean, limit = 200): number {
  if (values.length > limit) return -1;
  const v = caseSensitive ? values[i]! : values[i]!.toLowerCase();
  for (let j = 0; j < values.length; j++) {
    if (j === i) continue;
    const w = caseSensitive ? values[j]! : values[j]!.toLowerCase();
    if (w === v) {
      if (j < i) return j;
      continue;
    }
    if (globCovers(w, v, caseSensitive)) return j;
  }
  return -1;
}

export function redundantValues(list: ValueAt<string>[], caseSensitive: boolean): { value: ValueAt<string>; by: ValueAt<string> }[] {
  const values = list.map((v) => v.value);
  const out: { value: ValueAt<string>; by: ValueAt<string> }[] = [];
  values.forEach((_, i) => {
    const j = coveredBy(values, i, caseSensitive);
    if (j >= 0) out.push({ value: list[i]!, by: list[j]! });
  });
  return out;
}

export const redundantAction: Rule = {
  meta: {
    id: 'REDUNDANT_ACTION',
    title: 'Action already covered by another in the statement',
    severity: 'suggestion',
    category: 'validation',
    description: 'An action listed twice, or covered by a wildcard in the same statement (`s3:GetObject` next to `s3:Get*`), changes nothing. It makes the policy longer (policies have size limits) and suggests the author thought the list was narrower than it is.',
    fix: 'Remove the redundant entry, or replace the wildcard with the specific actions if it was broader than intended.',
    reference: accessAnalyzerDocsUrl('REDUNDANT_ACTION', 'suggestion'),
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 's3:GetObject'], Resource: 'arn:aws:s3:::b/*' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::b/*' }] },
    },
  },
  checkPolicy({ policy, statements, report }) {
    for (const s of statements) {
      for (const list of [s.action, s.notAction]) {
        const values = strings(list).filter((v) => !placeholderAt(policy, v.path));
        for (const { value, by } of redundantValues(values, false)) {
          report({
            path: value.path,
            subject: value.value,
            message: `${statementLabel(s)}: "${value.value}" is ${value.value.toLowerCase() === by.value.toLowerCase() ? 'listed twice' : `already covered by "${by.value}"`}.`,
          });
        }
      }
    }
  },
};
