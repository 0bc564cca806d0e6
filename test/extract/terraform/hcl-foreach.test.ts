/**
 * for_each over a map of objects from terraform.tfvars (auto-loaded), conditional statements, instance
 * attachments, suppressions inside the block, and dynamic blocks over values known only after apply.
 */
import { describe, expect, it } from 'vitest';
import { byResource, extractFixture } from './helpers.js';

const load = () => extractFixture('hcl-foreach', 'iam.tf');

describe('.tf for_each and dynamic blocks', () => {
  it('one record per for_each key (optional() defaults applied), each with its own values, attached to the role instance of the same key', async () => {
    const r = await load();
    expect(r.errors).toEqual([]);
    const data = byResource(r.policies, 'aws_iam_role_policy.team["data"]');
    expect(data.document).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Read',
          Effect: 'Allow',
          Action: ['s3:GetObject', 's3:ListBucket'],
          Resource: ['arn:aws:s3:::acme-lake', 'arn:aws:s3:::acme-lake/*', 'arn:aws:s3:::acme-raw', 'arn:aws:s3:::acme-raw/*'],
        },
      ],
    });
    expect(data.attachedTo).toEqual([{ kind: 'role', id: 'aws_iam_role.team["data"]', via: 'inline' }]);
    expect(data.notes).toContain('for_each expanded statically (key "data")');
    const ml = byResource(r.policies, 'aws_iam_role_policy.team["ml"]');
    expect((ml.document as { Statement: unknown[] }).Statement).toEqual([
      { Sid: 'Read', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::acme-models', 'arn:aws:s3:::acme-models/*'] },
      { Sid: 'Write', Effect: 'Allow', Action: 's3:PutObject', Resource: ['arn:aws:s3:::acme-models/*'] },
    ]);
    expect(ml.sourceMap.get('/Statement/1')!.start.line).toBe(41);
    expect(ml.sourceMap.get('/Statement/1/Action')!.start.line).toBe(44);
    expect(ml.inlineSuppressions).toEqual([{ rule: 'action-wildcard', reason: 'models are rewritten nightly', file: 'iam.tf', line: 44 }]);
    expect(r.entities.map((e) => e.id)).toEqual(['aws_iam_role.team["data"]', 'aws_iam_role.team["ml"]']);
  });

  it('dynamic statements over a value the caller sets are analysed as their worst case, and say so', async () => {
    const r = await load();
    expect(r.errors).toEqual([]);
    const p = byResource(r.policies, 'aws_iam_policy.extra');
    expect(p.document).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    expect(p.assumptions?.map((a) => a.path)).toEqual(['/Statement/0/Action', '/Statement/0/Resource']);
    expect(p.assumptions?.[0]?.text).toMatch(/^statement\.value: dynamic "statement" block at line 52: for_each = var\.extra_statements is set by the module caller/);
  });

  it('count off by default (var.create ? 1 : 0) is still checked, as a caller may enable it; a literal count = 0 is not', async () => {
    const r = await load();
    const p = byResource(r.policies, 'aws_iam_policy.breakglass[0]');
    expect(p).toMatchObject({ line: 74, document: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } });
    expect(p.notes).toContain('count is 0 with the values known here (defaults, tfvars); analysed as if enabled, since a caller may enable it');
    expect(p.sourceMap.get('/Statement/0/Action')!.start).toEqual({ line: 74, column: 91 });
    expect(r.policies.some((x) => x.resource.startsWith('aws_iam_policy.disabled'))).toBe(false);
  });

  it('a block off by default whose policy only a caller provides is analysed as its worst case, and says so', async () => {
    const r = await load();
    expect(r.errors).toEqual([]);
    const p = byResource(r.policies, 'aws_iam_policy.custom');
    expect(p.document).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
    expect(p.assumptions).toEqual([{ path: '', text: expect.stringMatching(/^var\.custom_policy_json: variable custom_policy_json defaults to an empty value.*analysed as its worst case/) }]);
  });

  it('a policy passed to a module call: typed from the argument name, suppression inside the call', async () => {
    const r = await load();
    const p = byResource(r.policies, 'module.ci_role', 'trust_policy');
    expect(p).toMatchObject({ line: 98, endLine: 101, policyType: 'trust', validateResourceType: 'AWS::IAM::AssumeRolePolicyDocument' });
    expect(p.sourceMap.get('/Statement/0/Principal/AWS')!.start.line).toBe(100);
    expect(p.inlineSuppressions).toEqual([{ rule: 'trust-external-account', reason: 'the CI account is ours', file: 'iam.tf', line: 97 }]);
  });
});
