import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { pointer } from '../../policy/source-map.js';

const TOP = new Set(['Version', 'Id', 'Statement']);
const STATEMENT = new Set(['Sid', 'Effect', 'Principal', 'NotPrincipal', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);

function closest(key: string, known: Set<string>): string | undefined {
  const k = key.toLowerCase();
  for (const c of known) if (c.toLowerCase() === k || c.toLowerCase() + 's' === k || c.toLowerCase() === k + 's') return c;
  return undefined;
}

export const invalidPolicyElement: Rule = {
  meta: {
    id: 'INVALID_POLICY_ELEMENT',
    title: 'Unknown policy element',
    severity: 'error',
    category: 'validation',
    description: 'Only Version, Id and Statement are allowed at the top level, and only Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource and Condition inside a statement (names are case-sensitive). IAM rejects anything else; a misspelt element is also a sign the statement does not say what was meant.',
    fix: 'Remove the element or correct its spelling.',
    reference: accessAnalyzerDocsUrl('INVALID_POLICY_ELEMENT', 'error'),
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Actions: 's3:GetObject', Resource: '*' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] },
    },
  },
  checkPolicy({ document, statements, report }) {
    if (!document) return;
    for (const key of Object.keys(document)) {
      if (TOP.has(key)) continue;
      const hint = closest(key, TOP);
      report({ path: pointer(key), message: `"${key}" is not a valid top-level policy element${hint ? ` (did you mean "${hint}"?)` : ''}.`, subject: key });
    }
    for (const s of statements) {
      for (const key of Object.keys(s.raw)) {
        if (STATEMENT.has(key)) continue;
        const hint = closest(key, STATEMENT);
        report({ path: `${s.path}${pointer(key)}`, message: `"${key}" is not a valid statement element${hint ? ` (did you mean "${hint}"?)` : ''}.`, subject: key });
      }
    }
  },
};
