/**
 * `.tf` policy forms beyond the basics: dynamic statements over tfvars values, source_policy_documents,
 * count / for_each expansion, nested inline_policy blocks, placeholders for values known only after apply,
 * documents exported as outputs, and inline suppressions.
 */
import { describe, expect, it } from 'vitest';
import { byResource, extractFixture } from './helpers.js';

const forms = (tfvars: string[] = ['env/prod.tfvars']) => extractFixture('hcl-forms', 'main.tf', { options: { tfvarsFiles: tfvars } });
type Doc = { Statement: Record<string, unknown>[] };

describe('.tf policy forms', () => {
  it('renders source_policy_documents first, then dynamic statements expanded over a tfvars map', async () => {
    const r = await forms();
    const p = byResource(r.policies, 'aws_s3_bucket_policy.data', 'policy');
    expect(p).toMatchObject({ line: 29, policyType: 'resource', format: 'terraform-hcl' });
    expect(p.document).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Action: 's3:*',
          Resource: 'arn:aws:s3:::acme-prod-data/*',
          Principal: '*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
        {
          Sid: 'ReadAnalytics',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:ListBucket'],
          Resource: ['arn:aws:s3:::acme-prod-data', 'arn:aws:s3:::acme-prod-data/*'],
          Principal: { AWS: 'arn:aws:iam::210987654321:role/analytics' },
        },
        {
          Sid: 'ReadAudit',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:ListBucket'],
          Resource: ['arn:aws:s3:::acme-prod-data', 'arn:aws:s3:::acme-prod-data/*'],
          Principal: { AWS: 'arn:aws:iam::210987654321:role/audit' },
        },
      ],
    });
    // the source document's statement keeps its own lines; dynamic statements point at their content block
    expect(p.sourceMap.get('/Statement/0')!.start.line).toBe(53);
    expect(p.sourceMap.get('/Statement/0/Action')!.start.line).toBe(56);
    expect(p.sourceMap.get('/Statement/1')!.start.line).toBe(37);
    expect(p.sourceMap.get('/Statement/2/Resource/1')!.start.line).toBe(42);
    expect(p.sourceMap.get('/Statement/2/Principal')!.start.line).toBe(44);
    // bucket ARNs come from the bucket's name: well-formed stand-ins, recorded as placeholders
    expect(p.placeholders).toContainEqual(expect.objectContaining({ path: '/Statement/1/Resource/0', expression: 'aws_s3_bucket.data.arn', standIn: 'arn:aws:s3:::acme-prod-data' }));
    expect(p.inlineSuppressions).toEqual([{ rule: 'wildcard-resource', reason: 'readers need the whole bucket listing', file: 'main.tf', line: 26 }]);
  });

  it('without the tfvars file the readers are the caller\'s: their statement is analysed as its worst case (anyone), said so', async () => {
    const r = await forms([]);
    const p = byResource(r.policies, 'aws_s3_bucket_policy.data', 'policy');
    expect((p.document as Doc).Statement).toEqual([
      expect.objectContaining({ Sid: 'DenyInsecureTransport', Resource: 'arn:aws:s3:::acme-dev-data/*' }),
      expect.objectContaining({ Effect: 'Allow', Principal: { AWS: '*' }, Action: ['s3:GetObject', 's3:ListBucket'] }),
    ]);
    expect(p.assumptions).toContainEqual({ path: '/Statement/1/Principal/AWS', text: expect.stringMatching(/^statement\.value: dynamic "statement" block .*for_each = var\.readers.*analysed as "\*"$/) });
  });

  it('expands count statically, reads nested inline_policy blocks, and keeps placeholders for resource ARNs', async () => {
    const r = await forms();
    const ids = r.policies.filter((p) => p.resource.startsWith('aws_iam_role.worker')).map((p) => `${p.resource}/${p.propertyPath}`);
    expect(ids).toEqual([
      'aws_iam_role.worker[0]/assume_role_policy',
      'aws_iam_role.worker[0]/inline_policy/0/policy',
      'aws_iam_role.worker[1]/assume_role_policy',
      'aws_iam_role.worker[1]/inline_policy/0/policy',
    ]);
    const inline = byResource(r.policies, 'aws_iam_role.worker[1]', 'inline_policy/0/policy');
    expect(inline).toMatchObject({ line: 89, endLine: 105, policyType: 'identity', attachedTo: [{ kind: 'role', id: 'aws_iam_role.worker[1]', via: 'inline' }] });
    expect(inline.notes).toContain('count expanded statically (instance 1 of 2)');
    const st = (inline.document as Doc).Statement;
    // one stand-in per queue of the static for_each, never a wildcard
    expect(st[0]!.Resource).toEqual(['arn:aws:sqs:us-east-1:123456789012:q-placeholder', 'arn:aws:sqs:us-east-1:123456789012:q-placeholder']);
    expect(inline.placeholders.map((x) => x.path)).toEqual(['/Statement/0/Resource/0', '/Statement/0/Resource/1']);
    expect(st[1]!.Resource).toEqual(['arn:aws:iam::123456789012:role/ops', 'arn:aws:iam::123456789012:role/sre']);
    expect(inline.sourceMap.get('/Statement/0/Action/1')!.start).toEqual({ line: 95, column: 45 });
    expect(inline.sourceMap.get('/Statement/1/Resource')!.start.line).toBe(102);
  });

  it('a policy that only a module knows is not analysed, and says so on its line', async () => {
    const r = await forms();
    expect(r.errors).toEqual([
      expect.objectContaining({ file: 'main.tf', line: 112, kind: 'extract', message: expect.stringContaining('module.policies.readonly_json') }),
    ]);
    expect(r.policies.some((p) => p.resource === 'aws_iam_role_policy.from_module')).toBe(false);
  });

  it('reports a document exported as an output on its own; a variable without value in Resource is its worst case', async () => {
    const r = await forms();
    const p = byResource(r.policies, 'data.aws_iam_policy_document.exported');
    expect(p).toMatchObject({ line: 115, endLine: 120, policyType: 'identity' });
    expect(p.document).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }] });
    expect(p.placeholders).toEqual([]);
    expect(p.assumptions).toEqual([{ path: '/Statement/0/Resource', text: expect.stringMatching(/^var\.kms_key_arn: variable kms_key_arn has no default.*analysed as "\*"$/) }]);
    expect(p.sourceMap.get('/Statement/0/Resource')!.start.line).toBe(118);
    // documents consumed by another document or a resource are not reported twice
    expect(r.policies.map((x) => x.resource)).not.toContain('data.aws_iam_policy_document.bucket');
    expect(r.policies.map((x) => x.resource)).not.toContain('data.aws_iam_policy_document.deny_insecure');
  });

  it('a document passed to a module call is reported once, as an argument of the module call, with the data block lines', async () => {
    const r = await forms();
    const p = byResource(r.policies, 'module.policies', 'extra_json');
    expect(p).toMatchObject({ line: 132, resourceType: 'module', policyType: 'identity', format: 'terraform-hcl' });
    expect(p.document).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: '*' }] });
    expect(p.sourceMap.get('/Statement/0/Resource')!.start.line).toBe(139);
    expect(r.policies.map((x) => x.resource)).not.toContain('data.aws_iam_policy_document.passed_to_module');
    // plain module arguments are not documents
    expect(r.policies.filter((x) => x.resource === 'module.policies')).toHaveLength(1);
  });
});
