import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { isObject } from '../../policy/statements.js';
import { statementLabel } from '../grammar/helpers.js';

export const invalidPrincipalFormat: Rule = {
  meta: {
    id: 'INVALID_PRINCIPAL_FORMAT',
    title: 'Principal is neither "*" nor an object',
    severity: 'error',
    category: 'validation',
    description: 'A Principal (or NotPrincipal) is `"*"` or an object such as `{"AWS": [...]}` or `{"Service": "..."}`. A bare ARN string or a list is rejected by IAM.',
    fix: 'Wrap the value in an object with its principal type, e.g. `"Principal": {"AWS": "arn:aws:iam::111122223333:root"}`.',
    reference: accessAnalyzerDocsUrl('INVALID_PRINCIPAL_FORMAT', 'error'),
    policyTypes: ['resource', 'trust'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: 'arn:aws:iam::111122223333:root', Action: 'sts:AssumeRole' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }] },
    },
  },
  checkPolicy({ policy, statements, report }) {
    for (const s of statements) {
      for (const p of [s.principal, s.notPrincipal]) {
        if (!p || p.wildcard || isObject(p.raw)) continue;
        if (policy.placeholders.some((ph) => ph.path === p.path)) continue;
        report({ path: p.path, message: `${statementLabel(s)}: the ${p === s.principal ? 'Principal' : 'NotPrincipal'} ${JSON.stringify(p.raw)?.slice(0, 80)} must be "*" or an object such as {"AWS": ...}.` });
      }
    }
  },
};
