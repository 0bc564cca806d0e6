import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { statementLabel } from '../grammar/helpers.js';
import { PRINCIPAL_KEYS } from '../grammar/principals.js';

export const invalidPrincipalKey: Rule = {
  meta: {
    id: 'INVALID_PRINCIPAL_KEY',
    title: 'Unknown principal type',
    severity: 'error',
    category: 'validation',
    description: 'The keys of a Principal object are the principal types `AWS`, `Service`, `Federated` and `CanonicalUser` (case-sensitive). Any other key is rejected by IAM.',
    fix: 'Use one of AWS, Service, Federated or CanonicalUser (e.g. `"Service"`, not `"service"` or `"Services"`).',
    reference: accessAnalyzerDocsUrl('INVALID_PRINCIPAL_KEY', 'error'),
    policyTypes: ['resource', 'trust'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    },
  },
  checkPolicy({ statements, report }) {
    for (const s of statements) {
      for (const p of [s.principal, s.notPrincipal]) {
        for (const e of p?.entries ?? []) {
          if (PRINCIPAL_KEYS.includes(e.type)) continue;
          const hint = PRINCIPAL_KEYS.find((k) => k.toLowerCase() === e.type.toLowerCase().replace(/s$/, ''));
          report({ path: e.path, subject: e.type, message: `${statementLabel(s)}: "${e.type}" is not a principal type (AWS, Service, Federated, CanonicalUser).${hint ? ` Did you mean "${hint}"?` : ''}` });
        }
      }
    }
  },
};
