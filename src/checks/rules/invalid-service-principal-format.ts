import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';
import { statementLabel, templateToken } from '../grammar/helpers.js';
import { isServicePrincipal, principalValues } from '../grammar/principals.js';

export const invalidServicePrincipalFormat: Rule = {
  meta: {
    id: 'INVALID_SERVICE_PRINCIPAL_FORMAT',
    title: 'Malformed service principal',
    severity: 'error',
    category: 'validation',
    description: 'Service principals are host names such as `lambda.amazonaws.com` (`.amazonaws.com.cn` in China). A bare service name (`lambda`) or an ARN matches no service, so the service cannot assume the role or use the resource.',
    fix: 'Write the service principal in full, e.g. `lambda.amazonaws.com`, `states.amazonaws.com`, `logs.us-east-1.amazonaws.com`.',
    reference: accessAnalyzerDocsUrl('INVALID_SERVICE_PRINCIPAL_FORMAT', 'error'),
    policyTypes: ['resource', 'trust'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda' }, Action: 'sts:AssumeRole' }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] },
    },
  },
  checkPolicy({ policy, statements, report }) {
    for (const v of principalValues(policy, statements, 'Service')) {
      // a template token (`SERVICE_PRINCIPAL`, `{{resolve:...}}`) stands for a service the deployment fills in
      if (isServicePrincipal(v.value) || /[*?]/.test(v.value) || v.value.includes('${') || templateToken(policy, v.value)) continue;
      const hint = /^[a-z0-9-]+$/.test(v.value) ? ` Did you mean "${v.value}.amazonaws.com"?` : '';
      report({ path: v.path, subject: v.value, message: `${statementLabel(v.statement)}: "${v.value}" is not a service principal (expected a name such as lambda.amazonaws.com).${hint}` });
    }
  },
};
