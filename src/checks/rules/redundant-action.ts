import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import type { ValueAt } from '../../policy/statements.js';
import { strings } from '../../policy/statements.js';
import { compileGlob, globCovers, hasWildcard } from '../../engine/wildcard.js';
import { placeholderAt, statementLabel } from '../grammar/helpers.js';

/** Index of an earlier-or-broader value covering values[i], or -1. Exact duplicates: the later one is redundant. */
/**
 * Values covered by another value of the same list: exact duplicates (the later one) and values a wildcard value
 * covers. O(n * wildcards); lists longer than `limit` are compared for duplicates only.
 */
export function redundantValues(list: readonly ValueAt<string>[], caseSensitive: boolean, limit = 1000): { value: ValueAt<string>; by: ValueAt<string> }[] {
  // one value has nothing to repeat or be covered by (the common case: nothing built for it)
  if (list.length < 2) return [];
  const norm = list.map((v) => (caseSensitive ? v.value : v.value.toLowerCase()));
  const first = new Map<string, number>();
  const wild: number[] = [];
  norm.forEach((v, i) => {
    if (!first.has(v)) first.set(v, i);
    if (hasWildcard(v)) wild.push(i);
  });
  const out: { value: ValueAt<string>; by: ValueAt<string> }[] = [];
  // each wildcard value compiled once for the list, not once per comparison
  const compiled = new Map<number, Int32Array>();
  norm.forEach((v, i) => {
    const dup = first.get(v)!;
    if (dup < i) {
      out.push({ value: list[i]!, by: list[dup]! });
      return;
    }
    if (list.length > limit || list.length * wild.length > 50_000 || v.length > 2048) return;
    for (const j of wild) {
      if (j === i || norm[j] === v) continue;
      let outer = compiled.get(j);
      if (!outer) compiled.set(j, (outer = compileGlob(norm[j]!, { caseSensitive })));
      if (globCovers(outer, v, caseSensitive)) {
        out.push({ value: list[i]!, by: list[j]! });
        return;
      }
    }
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
