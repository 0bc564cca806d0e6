/**
 * `AWS::S3::Bucket` `AccessControl` (PublicRead, PublicReadWrite, AuthenticatedRead ...): a public canned ACL as
 * the bucket policy it amounts to, on the `AccessControl` line (issue 15). A value not known before deployment
 * (a parameter without default, an import) is its worst case, public-read-write, said so.
 */
import type { BuildContext, ResourceInfo } from './builder.js';
import { DocSink, emitValue, pick } from './builder.js';
import { NO_VALUE } from './intrinsic-model.js';
import { renderExpression } from './intrinsic-values.js';
import { cannedAclPolicy } from '../../policy/canned-acl.js';

/** `PublicReadWrite` -> `public-read-write`. */
const kebab = (v: string): string => v.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();

export function bucketAccessControl(ctx: BuildContext, res: ResourceInfo): void {
  const node = pick(ctx.resolver, res.props?.entries.get('AccessControl'));
  if (!node) return;
  const sink = new DocSink();
  const value = ctx.resolver.resolve(node, '', sink);
  if (value === NO_VALUE || value === undefined || value === null) return;
  const known = sink.hits.length === 0 && typeof value === 'string';
  const shown = known ? value : sink.hits[0] ? renderExpression(sink.hits[0].node, (f) => ctx.texts.get(f)) : JSON.stringify(value);
  const name = ctx.resolver.value(res.props?.entries.get('BucketName'));
  const e = ctx.resolver.model.env;
  const arn = `arn:${e.partition}:s3:::${typeof name === 'string' && name !== '' ? name : res.logicalId.toLowerCase()}`;
  const policy = cannedAclPolicy(known ? kebab(value) : shown, arn, known);
  if (!policy) return;
  const record = emitValue(ctx, policy.document, new DocSink(), node, {
    res,
    propertyPath: 'AccessControl',
    policyType: 'resource',
    validateResourceType: 'AWS::S3::Bucket',
    notes: [policy.note],
  });
  if (record && policy.assumption) record.assumptions = [...(record.assumptions ?? []), { path: '', text: policy.assumption }];
}
