import { statementLabel } from '../../policy/statements.js';
import type { Rule } from './types.js';
import { accessAnalyzerDocsUrl } from './types.js';

import type { PolicyRecord } from '../../policy/types.js';

/**
 * Amazon ECR repository policies apply to the repository they are set on and take no Resource element (AWS's own
 * examples omit it): by the IaC type, or a raw file whose folder or name says ecr.
 */
function ecrRepositoryPolicy(policy: PolicyRecord): boolean {
  if (/^(AWS::ECR::(Repository|PublicRepository|RepositoryCreationTemplate)|aws_ecr_repository_policy|aws_ecrpublic_repository_policy)$/.test(policy.resourceType)) return true;
  return policy.format === 'raw' && policy.policyType === 'resource' && /(^|[/_.-])ecr([/_.-]|$)/i.test(policy.file);
}

export const missingResource: Rule = {
  meta: {
    id: 'MISSING_RESOURCE',
    title: 'Statement has neither Resource nor NotResource',
    severity: 'error',
    category: 'validation',
    description: 'Identity, boundary and resource policies must say which resources a statement covers; IAM rejects a statement without Resource or NotResource. (Trust policies and Amazon ECR repository policies are the exceptions: they have no Resource.)',
    fix: 'Add a "Resource" element with the ARNs this statement applies to (or "*" only for actions that do not support resource-level permissions).',
    reference: accessAnalyzerDocsUrl('MISSING_RESOURCE', 'error'),
    policyTypes: ['identity', 'boundary', 'resource'],
    examples: { bad: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject' }] }, good: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::my-bucket/*' }] } },
  },
  checkPolicy({ policy, statements, report }) {
    if (ecrRepositoryPolicy(policy)) return;
    for (const s of statements) {
      if (!s.resource && !s.notResource) report({ path: s.path, message: `${statementLabel(s)} has no Resource or NotResource element.` });
    }
  },
};
