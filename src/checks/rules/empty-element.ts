/** Factory for the Access Analyzer "empty element" suggestions: one rule per element, same shape. */
import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { isObject, statementLabel } from '../../policy/statements.js';

export function emptyElementRule(
  id: string,
  element: string,
  kind: 'array' | 'object' | 'string',
  effect: string,
): Rule {
  const what = kind === 'array' ? 'an empty list' : kind === 'object' ? 'an empty object' : 'an empty string';
  return {
    meta: {
      id,
      title: `${element} is ${what}`,
      severity: 'suggestion',
      category: 'validation',
      description: `${element} is ${what}: ${effect}`,
      fix: kind === 'string' ? `Remove the empty ${element} or give it a value.` : `Fill in ${element} or remove the statement that carries it.`,
      reference: accessAnalyzerDocsUrl(id, 'suggestion'),
    },
    checkPolicy({ statements, report }) {
      for (const s of statements) {
        const v = (s.raw as Record<string, unknown>)[element];
        if (isEmpty(v, kind)) report({ path: `${s.path}/${element}`, message: `${statementLabel(s)}: ${element} is ${what}; ${effect}` });
      }
    },
  };
}

function isEmpty(v: unknown, kind: 'array' | 'object' | 'string'): boolean {
  if (kind === 'array') return Array.isArray(v) && v.length === 0;
  if (kind === 'object') return isObject(v) && Object.keys(v).length === 0;
  return v === '';
}
