import type { Rule } from './types.js';
import { strings } from '../../policy/statements.js';
import { catalogStamp, rcpSupportedServices, serviceExists, splitAction } from '../../catalog/index.js';
import { hasWildcard } from '../../engine/wildcard.js';
import { placeholderAt, statementLabel } from '../grammar/helpers.js';

export const rcpUnsupportedService: Rule = {
  meta: {
    id: 'rcp-unsupported-service',
    title: 'RCP names a service that resource control policies do not cover',
    severity: 'warning',
    category: 'validation',
    description:
      'Resource control policies apply only to the resources of the services that support them (Amazon S3, AWS STS, AWS KMS, Amazon SQS, AWS Secrets Manager and a growing list). A statement about any other service is accepted but restricts nothing, so the guardrail the author had in mind does not exist.',
    fix: 'Remove the actions of services that RCPs do not support, and enforce those guardrails with an SCP or with the resources\' own policies instead.',
    reference: 'https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html',
    policyTypes: ['rcp'],
    examples: {
      bad: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: ['s3:*', 'ec2:*'], Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }] },
      good: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } }] },
    },
  },
  checkPolicy({ policy, statements, report }) {
    const supported = new Set(rcpSupportedServices());
    for (const s of statements) {
      // one finding per service and statement, on its first action
      const bySvc = new Map<string, { first: { value: string; path: string }; count: number }>();
      for (const v of strings(s.action)) {
        if (placeholderAt(policy, v.path)) continue;
        const parts = splitAction(v.value);
        if (!parts || hasWildcard(parts.service) || !serviceExists(parts.service)) continue;
        const svc = parts.service.toLowerCase();
        if (supported.has(svc)) continue;
        const e = bySvc.get(svc);
        if (e) e.count++;
        else bySvc.set(svc, { first: v, count: 1 });
      }
      for (const [svc, { first, count }] of bySvc) {
        report({
          path: first.path,
          subject: svc,
          message: `${statementLabel(s)}: "${first.value}"${count > 1 ? ` and ${count - 1} more ${svc}: action${count > 2 ? 's' : ''}` : ''} belong${count > 1 ? '' : 's'} to ${svc}, which resource control policies do not cover (per the IAM catalogue of ${catalogStamp()?.date.slice(0, 10) ?? 'unknown date'}); the statement restricts nothing there.`,
        });
      }
    }
  },
};
