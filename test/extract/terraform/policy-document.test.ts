import { describe, expect, it } from 'vitest';
import { renderPolicyDocument } from '../../../src/extract/terraform/policy-document.js';
import { StandIns } from '../../../src/extract/terraform/placeholders.js';

describe('aws_iam_policy_document rendering', () => {
  it('renders statements as the AWS provider does', () => {
    const { document, errors } = renderPolicyDocument({
      policy_id: 'queue-policy',
      statement: [
        {
          sid: 'Send',
          actions: ['sqs:SendMessage'],
          resources: ['arn:aws:sqs:eu-west-1:123456789012:jobs'],
          principals: [{ type: 'Service', identifiers: ['sns.amazonaws.com'] }],
          condition: [
            { test: 'ArnEquals', variable: 'aws:SourceArn', values: ['arn:aws:sns:eu-west-1:123456789012:events'] },
            { test: 'StringEquals', variable: 'aws:SourceAccount', values: ['123456789012', '210987654321'] },
          ],
        },
        { effect: 'Deny', not_actions: ['sqs:ReceiveMessage'], not_resources: ['arn:aws:sqs:*:*:jobs'], principals: [{ type: '*', identifiers: ['*'] }] },
      ],
    });
    expect(errors).toEqual([]);
    expect(document).toEqual({
      Version: '2012-10-17',
      Id: 'queue-policy',
      Statement: [
        {
          Sid: 'Send',
          Effect: 'Allow',
          Action: 'sqs:SendMessage',
          Resource: 'arn:aws:sqs:eu-west-1:123456789012:jobs',
          Principal: { Service: 'sns.amazonaws.com' },
          Condition: {
            ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:eu-west-1:123456789012:events' },
            StringEquals: { 'aws:SourceAccount': ['123456789012', '210987654321'] },
          },
        },
        { Effect: 'Deny', NotAction: 'sqs:ReceiveMessage', NotResource: 'arn:aws:sqs:*:*:jobs', Principal: '*' },
      ],
    });
  });

  it('merges source documents, own statements and overrides by Sid', () => {
    const source = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'A', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }, { Sid: 'B', Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' }] });
    const override = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'B', Effect: 'Deny', Action: 's3:ListBucket', Resource: '*' }, { Sid: 'C', Effect: 'Allow', Action: 'sqs:*', Resource: '*' }] });
    const { document } = renderPolicyDocument({
      source_policy_documents: [source],
      override_policy_documents: [override],
      statement: [{ sid: 'A', actions: ['s3:PutObject'], resources: ['*'] }],
    });
    expect((document.Statement as { Sid: string; Effect: string; Action: string }[]).map((s) => `${s.Sid} ${s.Effect} ${s.Action}`)).toEqual([
      'A Allow s3:PutObject',
      'B Deny s3:ListBucket',
      'C Allow sqs:*',
    ]);
  });

  it('reports a source document that is not JSON', () => {
    expect(renderPolicyDocument({ source_policy_documents: ['{"Statement": ['] }).errors).toEqual([
      expect.stringMatching(/^source_policy_documents\[0\] is not valid JSON/),
    ]);
  });
});

describe('stand-ins for values known only after apply', () => {
  const ctx = { partition: 'aws', region: 'eu-west-1', account: '123456789012' };
  const known: Record<string, Record<string, unknown>> = {
    'aws_sqs_queue.jobs': { name: 'jobs' },
    'module.data.aws_kms_key.main': {},
  };
  const make = () => new StandIns({ ...ctx, valuesOf: (a) => known[a] });

  it('builds a well-formed ARN of the referenced type, using the planned name when it is known', () => {
    const s = make();
    expect(s.forReference('aws_sqs_queue.jobs.arn', '', 'r')).toBe('arn:aws:sqs:eu-west-1:123456789012:jobs');
    expect(s.forReference('aws_kms_key.main.arn', 'module.data.', 'r')).toBe('arn:aws:kms:eu-west-1:123456789012:key/00000000-0000-4000-8000-000000000000');
    expect(s.forReference('aws_iam_role.app.arn', '', 'r')).toBe('arn:aws:iam::123456789012:role/app-placeholder');
    expect(s.forReference('data.aws_caller_identity.current.account_id', '', 'r')).toBe('123456789012');
    expect(s.forReference('aws_sqs_queue.jobs.arn', '', 'r')).not.toContain('*');
  });

  it('one opaque ARN for a Resource built from several parts; placeholders found by pointer', () => {
    const s = make();
    const [v] = s.forExpression(['data.aws_region.current', 'data.aws_caller_identity.current', 'local.prefix'], '', 'why', true);
    expect(v).toMatch(/^arn:aws:unknown:eu-west-1:123456789012:tf-unknown-value-\d+$/);
    const doc = { Statement: [{ Resource: [v, 'arn:aws:s3:::fixed'] }] };
    expect(s.placeholdersIn(doc)).toEqual([
      { path: '/Statement/0/Resource/0', expression: 'data.aws_region.current + data.aws_caller_identity.current + local.prefix', standIn: v, reason: 'why' },
    ]);
  });
});
