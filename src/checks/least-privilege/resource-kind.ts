/** What kind of resource a resource policy is attached to, from the IaC type or, for raw files, the content. */
import type { PolicyRecord } from '../../policy/types.js';
import { policyStatements, strings } from '../../policy/statements.js';
import { holderOf } from '../../catalog/resource-types.js';

export type ResourceKind = 's3-bucket' | 'kms-key' | 'vpc-endpoint' | 'other';

/** A VPC endpoint policy by its IaC type, or a raw file whose folder or name says so (`vpc-endpoint`, `vpce`). */
export function isVpcEndpointPolicy(policy: PolicyRecord): boolean {
  if (holderOf(policy.resourceType, policy.propertyPath)?.kind === 'endpoint') return true;
  return policy.format === 'raw' && /(^|[/_.-])(vpc[-_]?endpoints?|vpce|endpoint[-_]polic(y|ies))([/_.-]|$)/i.test(policy.file);
}

export function resourceKind(policy: PolicyRecord): ResourceKind {
  if (isVpcEndpointPolicy(policy)) return 'vpc-endpoint';
  // the holder's kind comes from the one resource-type table (src/catalog/resource-types.ts)
  const kind = holderOf(policy.resourceType, policy.propertyPath)?.kind;
  if (kind === 's3-bucket' || kind === 'kms-key') return kind;
  if (policy.validateResourceType === 'AWS::S3::Bucket') return 's3-bucket';
  if (policy.format !== 'raw') return 'other';
  // raw files: judge by content
  const stmts = policyStatements(policy);
  const actions = stmts.flatMap((s) => strings(s.action ?? s.notAction).map((a) => a.value.toLowerCase()));
  const resources = stmts.flatMap((s) => strings(s.resource ?? s.notResource).map((r) => r.value));
  if (!actions.length) return 'other';
  if (actions.every((a) => a.startsWith('s3:')) && resources.length && resources.every((r) => r.startsWith('arn:aws:s3:::') || r.startsWith('arn:aws-'))) return 's3-bucket';
  if (actions.every((a) => a.startsWith('kms:')) && resources.every((r) => r === '*')) return 'kms-key';
  return 'other';
}
