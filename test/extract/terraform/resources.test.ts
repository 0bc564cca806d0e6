import { describe, expect, it } from 'vitest';
import { readTerraformResource, terraformResourceTypes } from '../../../src/extract/terraform/resources.js';

const ctx = { partition: 'aws', region: 'us-east-1', account: '123456789012' };
const trust = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});
const s3Read = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::logs/*' }],
});

describe('terraform resource table', () => {
  it('covers the types AWS tf-policy-validator reads plus attachments and entities', () => {
    const types = terraformResourceTypes();
    for (const t of [
      'aws_iam_policy', 'aws_iam_role', 'aws_ssoadmin_permission_set_inline_policy', 'aws_organizations_policy',
      'aws_s3control_multi_region_access_point_policy', 'aws_lambda_permission', 'aws_iam_policy_attachment',
      'aws_iam_access_key', 'aws_iam_user_login_profile', 'aws_iam_account_password_policy',
      'aws_opensearchserverless_access_policy', 'aws_lambda_layer_version_permission', 'aws_kms_replica_external_key',
    ]) expect(types).toContain(t);
    expect(types.length).toBeGreaterThanOrEqual(75);
  });

  it('reads a role: trust policy with its AA type, inline policies attached to the role, boundary and managed ARNs', () => {
    const out = readTerraformResource({
      type: 'aws_iam_role',
      address: 'module.app.aws_iam_role.lambda["a"]',
      values: {
        name: 'lambda',
        assume_role_policy: trust,
        inline_policy: [{ name: 'read', policy: s3Read }, { name: '', policy: '' }],
        managed_policy_arns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
        permissions_boundary: 'arn:aws:iam::123456789012:policy/boundary',
      },
      ctx,
    })!;
    expect(out.policies.map((p) => [p.propertyPath, p.policyType, p.validateResourceType, p.name])).toEqual([
      ['assume_role_policy', 'trust', 'AWS::IAM::AssumeRolePolicyDocument', undefined],
      ['inline_policy/0/policy', 'identity', undefined, 'read'],
    ]);
    expect(out.policies[1]!.attachedTo).toEqual([{ kind: 'role', id: 'module.app.aws_iam_role.lambda["a"]', via: 'inline' }]);
    expect(out.attachments.map((a) => [a.principal.via, a.policy])).toEqual([
      ['managed', 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
      ['boundary', 'arn:aws:iam::123456789012:policy/boundary'],
    ]);
    expect(out.entity?.kind).toBe('role');
  });

  it('attaches role policies to the referenced role address, else to the role name', () => {
    const withRef = readTerraformResource({
      type: 'aws_iam_role_policy',
      address: 'aws_iam_role_policy.p',
      values: { role: 'arn:aws:iam::123456789012:role/app', policy: s3Read },
      references: (a) => (a === 'role' ? ['aws_iam_role.app.id', 'aws_iam_role.app'] : []),
      ctx,
    })!;
    expect(withRef.policies[0]!.attachedTo).toEqual([{ kind: 'role', id: 'aws_iam_role.app', via: 'inline' }]);
    const byName = readTerraformResource({
      type: 'aws_iam_user_policy',
      address: 'aws_iam_user_policy.p',
      values: { user: 'arn:aws:iam::123456789012:user/ops/alice', policy: s3Read },
      ctx,
    })!;
    expect(byName.policies[0]!.attachedTo).toEqual([{ kind: 'user', id: 'alice', external: true, via: 'inline' }]);
  });

  it('types organizations policies by `type`: SCP, RCP, and skips tag policies with a note', () => {
    const doc = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:*', Resource: '*' }] });
    const read = (type?: string) =>
      readTerraformResource({ type: 'aws_organizations_policy', address: 'aws_organizations_policy.p', values: { content: doc, type }, ctx })!;
    expect(read(undefined).policies[0]!.policyType).toBe('scp');
    expect(read('SERVICE_CONTROL_POLICY').policies[0]!.policyType).toBe('scp');
    expect(read('RESOURCE_CONTROL_POLICY').policies[0]!.policyType).toBe('rcp');
    const tag = read('TAG_POLICY');
    expect(tag.policies).toEqual([]);
    expect(tag.notes[0]).toMatch(/TAG_POLICY.*not an IAM policy/);
  });

  it('never guesses the type from Principal: an S3 bucket policy without Principal stays a resource policy', () => {
    const out = readTerraformResource({ type: 'aws_s3_bucket_policy', address: 'aws_s3_bucket_policy.b', values: { policy: s3Read }, ctx })!;
    expect(out.policies[0]).toMatchObject({ policyType: 'resource', validateResourceType: 'AWS::S3::Bucket' });
  });

  it('reports a policy attribute that is not valid JSON', () => {
    const out = readTerraformResource({ type: 'aws_iam_policy', address: 'aws_iam_policy.bad', values: { policy: '{"Version": ' }, ctx })!;
    expect(out.policies[0]!.error).toMatch(/not valid JSON/);
  });

  it('synthesises the Lambda permission statement', () => {
    const out = readTerraformResource({
      type: 'aws_lambda_permission',
      address: 'aws_lambda_permission.s3',
      values: { statement_id: 'AllowS3', action: 'lambda:InvokeFunction', function_name: 'fn', principal: 's3.amazonaws.com', source_arn: 'arn:aws:s3:::b' },
      ctx,
    })!;
    expect(out.policies[0]!.document).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowS3',
          Effect: 'Allow',
          Principal: { Service: 's3.amazonaws.com' },
          Action: 'lambda:InvokeFunction',
          Resource: 'arn:aws:lambda:us-east-1:123456789012:function:fn',
          Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::b' } },
        },
      ],
    });
  });

  it('reads attachments for every principal list of aws_iam_policy_attachment', () => {
    const out = readTerraformResource({
      type: 'aws_iam_policy_attachment',
      address: 'aws_iam_policy_attachment.a',
      values: { policy_arn: 'arn:aws:iam::123456789012:policy/p', roles: ['r1'], users: ['u1', 'u2'], groups: [] },
      references: (a) => (a === 'policy_arn' ? ['aws_iam_policy.p.arn', 'aws_iam_policy.p'] : []),
      ctx,
    })!;
    expect(out.attachments.map((a) => `${a.principal.kind}:${a.principal.id}`)).toEqual(['role:r1', 'user:u1', 'user:u2']);
    expect(out.attachments[0]!.policyRefs).toEqual(['aws_iam_policy.p']);
    expect(out.entity?.kind).toBe('managed-policy-attachment');
  });

  it('returns undefined for types without IAM content', () => {
    expect(readTerraformResource({ type: 'aws_instance', address: 'aws_instance.a', values: {}, ctx })).toBeUndefined();
  });
});
