import { describe, expect, it } from 'vitest';
import { runOfflineChecks } from '../../../src/checks/index.js';
import { defaultOptions } from '../../../src/config/options.js';
import { byResource, extractFixture } from './helpers.js';

describe('.tf.json configuration', () => {
  it('takes jsonencode-style objects as they are, with their own lines', async () => {
    const r = await extractFixture('tfjson', 'iam.tf.json');
    const trust = byResource(r.policies, 'aws_iam_role.reporter', 'assume_role_policy');
    expect(trust).toMatchObject({ file: 'iam.tf.json', line: 16, endLine: 25, format: 'terraform-json', policyType: 'trust' });
    expect(trust.sourceMap.locate('/Statement/0/Action').start.line).toBe(22);
    const inline = byResource(r.policies, 'aws_iam_role_policy.reporter');
    expect(inline.attachedTo).toEqual([{ kind: 'role', id: 'aws_iam_role.reporter', via: 'inline' }]);
    expect(inline.sourceMap.locate('/Statement/1/Action').start.line).toBe(44);
  });

  it('turns ${…} references into placeholders (variables resolved from their defaults)', async () => {
    const r = await extractFixture('tfjson', 'iam.tf.json');
    const inline = byResource(r.policies, 'aws_iam_role_policy.reporter');
    expect((inline.document as { Statement: { Resource: string }[] }).Statement[0]!.Resource).toBe('arn:aws:s3:::acme-reports/*');
    expect(inline.placeholders).toEqual([
      expect.objectContaining({ path: '/Statement/0/Resource', expression: 'aws_s3_bucket.reports.arn', standIn: 'arn:aws:s3:::acme-reports' }),
    ]);
  });

  it('renders data "aws_iam_policy_document" for its consumer and maps statements to the data block', async () => {
    const r = await extractFixture('tfjson', 'iam.tf.json');
    const q = byResource(r.policies, 'aws_sqs_queue_policy.jobs');
    expect(q).toMatchObject({ line: 54, policyType: 'resource' });
    expect(q.document).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'SendFromReporter',
          Effect: 'Allow',
          Action: 'sqs:SendMessage',
          Resource: 'arn:aws:sqs:us-east-1:123456789012:jobs-placeholder',
          Principal: { AWS: 'arn:aws:iam::123456789012:role/reporter' },
        },
      ],
    });
    expect(q.sourceMap.locate('/Statement/0/Action').start.line).toBe(76);
    expect(byResource(r.policies, 'data.aws_iam_policy_document.jobs')).toMatchObject({ line: 72, endLine: 86, policyType: 'resource' });
  });

  it('types an organizations policy by `type` and reads suppressions from "//" comments', async () => {
    const r = await extractFixture('tfjson', 'iam.tf.json');
    expect(byResource(r.policies, 'aws_organizations_policy.guardrails')).toMatchObject({ policyType: 'rcp', line: 61 });
    const inline = byResource(r.policies, 'aws_iam_role_policy.reporter');
    expect(inline.inlineSuppressions).toEqual([{ rule: 'admin-wildcard', reason: 'break-glass until 2027', file: 'iam.tf.json', line: 30 }]);
    const f = runOfflineChecks(r.policies, r.entities, defaultOptions('/repo')).filter((x) => x.ruleId === 'admin-wildcard');
    expect(f.map((x) => [x.file, x.line])).toEqual([['iam.tf.json', 44]]);
  });

  it('says which policy it could not evaluate, and other resources are still read', async () => {
    const r = await extractFixture('tfjson', 'iam.tf.json');
    expect(r.errors).toEqual([
      expect.objectContaining({ file: 'iam.tf.json', line: 66, kind: 'extract', message: expect.stringMatching(/^aws_kms_key\.data\.policy: the policy is an HCL expression/) }),
    ]);
    expect(r.policies).toHaveLength(5);
  });

  it('invalid JSON: an error with the line', async () => {
    const r = await extractFixture('tfjson', 'iam.tf.json', { text: '{\n  "resource": {\n    "aws_iam_policy": {\n' });
    expect(r.errors).toEqual([expect.objectContaining({ file: 'iam.tf.json', kind: 'input', message: expect.stringMatching(/^invalid JSON/) })]);
    expect(r.errors[0]!.line).toBeGreaterThanOrEqual(3);
  });
});
