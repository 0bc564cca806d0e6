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

const listOf = (v: unknown): Record<string, unknown>[] =>
  (Array.isArray(v) ? v : v !== null && v !== undefined ? [v] : []).filter((x): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x));

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
  const grants = listOf(acp).flatMap((b) => listOf(b.grant));
  // the legacy aws_s3_bucket `grant` block: { type, uri, permissions = [...] }
  for (const g of listOf(values.grant)) {
    const perms = Array.isArray(g.permissions) ? g.permissions : [g.permissions];
    for (const permission of perms) grants.push({ grantee: { uri: g.uri }, permission });
  }
  const granted = aclGrantsPolicy(grants, arn);
  if (!granted) return undefined;
  return {
    document: granted.document,
    policyType: 'resource',
    validateResourceType: 'AWS::S3::Bucket',
    propertyPath: values.grant !== undefined && values.access_control_policy === undefined ? 'grant' : 'access_control_policy',
    anchor: values.grant !== undefined && values.access_control_policy === undefined ? 'grant' : 'access_control_policy',
    note: granted.note,
  };
}
