import { statementLabel } from '../../policy/statements.js';
import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';

export const unsupportedPrincipal: Rule = {
  meta: {
    id: 'UNSUPPORTED_PRINCIPAL',
    title: 'Principal in an identity policy',
    severity: 'error',
    category: 'validation',
    description: 'An identity policy (and a permissions boundary) applies to the principal it is attached to; a Principal or NotPrincipal element is not allowed there and IAM rejects the policy. Often this is a resource or trust policy placed in the wrong property.',
    fix: 'Remove the Principal element, or move the statement into the resource policy (or the role\'s trust policy) where it belongs.',
    reference: accessAnalyzerDocsUrl('UNSUPPORTED_PRINCIPAL', 'error'),
    policyTypes: ['identity', 'boundary'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 's3:GetObject', Resource: '*' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] },
    },
  },
  checkPolicy({ statements, report }) {
    for (const s of statements) {
      const p = s.principal ?? s.notPrincipal;
      if (p) report({ path: p.path, message: `${statementLabel(s)} has a ${s.principal ? 'Principal' : 'NotPrincipal'} element, which identity policies do not support.` });
    }
  },
};
