import { statementLabel } from '../../policy/statements.js';
import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';

export const invalidEffect: Rule = {
  meta: {
    id: 'INVALID_EFFECT',
    title: 'Statement Effect is missing or not Allow/Deny',
    severity: 'error',
    category: 'validation',
    description: 'Every statement needs "Effect": "Allow" or "Effect": "Deny" (case-sensitive). Anything else makes the whole policy invalid.',
    fix: 'Set the statement\'s Effect to exactly "Allow" or "Deny".',
    reference: accessAnalyzerDocsUrl('INVALID_EFFECT', 'error'),
    examples: { bad: { Version: '2012-10-17', Statement: [{ Effect: 'allow', Action: 's3:GetObject', Resource: '*' }] }, good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] } },
  },
  checkPolicy({ statements, report }) {
    for (const s of statements) {
      if (s.effect === undefined) report({ path: s.path, message: `${statementLabel(s)} has no Effect; add "Effect": "Allow" or "Deny".`, subject: 'missing' });
      else if (s.effect !== 'Allow' && s.effect !== 'Deny') report({ path: `${s.path}/Effect`, message: `Effect ${JSON.stringify(s.effect)} is not valid; use "Allow" or "Deny" (case-sensitive).` });
    }
  },
};
