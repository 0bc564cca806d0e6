import { statementLabel } from '../../policy/statements.js';
import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';

export const missingPrincipal: Rule = {
  meta: {
    id: 'MISSING_PRINCIPAL',
    title: 'Resource or trust policy statement without Principal',
    severity: 'error',
    category: 'validation',
    description: 'A resource policy (including a role trust policy) must say who the statement applies to; without Principal or NotPrincipal the service rejects the policy.',
    fix: 'Add a "Principal" naming the exact accounts, roles or service principals, e.g. {"AWS": "arn:aws:iam::111122223333:role/Reader"}.',
    reference: accessAnalyzerDocsUrl('MISSING_PRINCIPAL', 'error'),
    policyTypes: ['resource', 'trust'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    },
  },
  checkPolicy({ statements, report }) {
    for (const s of statements) {
      if (!s.principal && !s.notPrincipal) report({ path: s.path, message: `${statementLabel(s)} has no Principal; a resource or trust policy must name who it applies to.` });
    }
  },
};
