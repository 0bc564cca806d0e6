/**
 * `aws_s3_bucket_acl` (`acl`, `access_control_policy.grant`) and the legacy `aws_s3_bucket.acl`: a public canned
 * ACL or a grant to the AllUsers / AuthenticatedUsers groups as the bucket policy it amounts to (issue 15). A
 * public access block is not consulted: it may not apply to this bucket (the finding stays).
 */
import { aclGrantsPolicy, cannedAclPolicy } from '../../policy/canned-acl.js';
import type { SynthesizedPolicy, TableContext } from './resources.js';

function bucketArn(values: Record<string, unknown>, ctx: TableContext): string {
  const b = values.bucket;
  if (typeof b === 'string' && b.startsWith('arn:')) return b;
  return `arn:${ctx.partition}:s3:::${typeof b === 'string' && b !== '' ? b : '*'}`;
}

export function bucketAclPolicy(values: Record<string, unknown>, ctx: TableContext): SynthesizedPolicy | undefined {
  const arn = bucketArn(values, ctx);
  const canned = cannedAclPolicy(values.acl, arn);
  if (canned) {
    return {
      document: canned.document,
      policyType: 'resource',
      validateResourceType: 'AWS::S3::Bucket',
      propertyPath: 'acl',
      anchor: 'acl',
      note: canned.note,
      ...(canned.assumption ? { assumptions: [canned.assumption] } : {}),
    };
  }
  const acp = values.access_control_policy;
  const blocks = Array.isArray(acp) ? acp : acp !== null && typeof acp === 'object' ? [acp] : [];
  const grants = blocks.flatMap((b) => {
    const g = (b as Record<string, unknown> | null)?.grant;
    return Array.isArray(g) ? g : g !== undefined && g !== null ? [g] : [];
  });
  const granted = aclGrantsPolicy(grants, arn);
  if (!granted) return undefined;
  return {
    document: granted.document,
    policyType: 'resource',
    validateResourceType: 'AWS::S3::Bucket',
    propertyPath: 'access_control_policy',
    anchor: 'access_control_policy',
    note: granted.note,
  };
}
