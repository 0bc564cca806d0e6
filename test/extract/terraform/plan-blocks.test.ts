import { describe, expect, it } from 'vitest';
import { documentSpans, fileArgument, listTemplates, moduleDir, scanTfBlocks } from '../../../src/extract/terraform/plan-blocks.js';

const TF = `# comments with { braces } do not count
resource "aws_iam_policy" "heredoc" {
  name   = "ci-\${var.env}"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Logs",
      "Effect": "Allow",
      "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
      "Resource": "*"
    }
  ]
}
EOF
}

// iam-policy-gate:ignore admin-wildcard legacy runner, removed in Q3
resource "aws_sns_topic_policy" "events" {
  arn    = aws_sns_topic.events.arn
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "sns:Publish", Resource = aws_sns_topic.events.arn }] })
}

data "aws_iam_policy_document" "bucket" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["\${aws_s3_bucket.b.arn}/*", aws_s3_bucket.b.arn, "arn:aws:s3:::x/\${join("-", ["a", "b"])}"]
  }
}
`;

describe('.tf block scanning', () => {
  const blocks = scanTfBlocks('iam.tf', TF)!;

  it('finds resource and data blocks with their lines, skipping heredocs, strings and comments', () => {
    expect(blocks.map((b) => [b.mode, b.type, b.name, b.startLine, b.endLine])).toEqual([
      ['managed', 'aws_iam_policy', 'heredoc', 2, 17],
      ['managed', 'aws_sns_topic_policy', 'events', 20, 23],
      ['data', 'aws_iam_policy_document', 'bucket', 25, 30],
    ]);
    expect(blocks[1]!.suppressions).toEqual([{ rule: 'admin-wildcard', reason: 'legacy runner, removed in Q3', line: 19 }]);
  });

  it('maps statements and values inside a heredoc policy', () => {
    const doc = { Version: '2012-10-17', Statement: [{ Sid: 'Logs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }] };
    const spans = documentSpans(blocks[0]!, 'iam.tf', 'policy', doc);
    expect(spans.get('')!.start.line).toBe(4);
    expect(spans.get('/Statement/0')!.start.line).toBe(8);
    expect(spans.get('/Statement/0/Action/1')!.start.line).toBe(11);
    expect(spans.get('/Statement/0/Resource')!.start.line).toBe(12);
  });

  it('reads list templates of a data source argument', () => {
    expect(listTemplates(blocks[2]!, ['statement', 0, 'resources'])).toEqual([
      '${aws_s3_bucket.b.arn}/*',
      '${aws_s3_bucket.b.arn}',
      'arn:aws:s3:::x/${join("-", ["a", "b"])}',
    ]);
    expect(listTemplates(blocks[2]!, ['statement', 1, 'resources'])).toBeUndefined();
  });

  it('takes blocks from the parser: a block header inside a heredoc or comment is not a block; no blocks when the file does not parse', () => {
    const tf = [
      '/* resource "aws_iam_policy" "commented" {} */',
      'resource "aws_iam_policy" "real" {',
      '  description = <<EOT',
      'resource "aws_iam_policy" "in_heredoc" {',
      'EOT',
      '  policy = file("${path.module}/policies/real.json")',
      '}',
    ].join('\n');
    const bs = scanTfBlocks('h.tf', tf)!;
    expect(bs.map((b) => [b.name, b.startLine, b.endLine])).toEqual([['real', 2, 7]]);
    expect(fileArgument(bs[0]!, 'policy')).toBe('${path.module}/policies/real.json');
    expect(fileArgument(bs[0]!, 'description')).toBeUndefined();
    expect(scanTfBlocks('bad.tf', 'resource "aws_iam_policy" "x" {\n  policy = "unclosed\n}\n')).toBeUndefined();
  });

  it('maps statement blocks and jsonencode statements by their nodes, not by text that looks like them', () => {
    const data = blocks[2]!;
    const ds = documentSpans(data, 'iam.tf', undefined, { Statement: [{ Action: ['s3:GetObject'], Resource: ['x'] }] });
    expect(ds.get('/Statement/0')!.start.line).toBe(26);
    expect(ds.get('/Statement/0/Action/0')!.start).toEqual({ line: 27, column: TF.split('\n')[26]!.indexOf('"s3:GetObject"') + 1 });
    expect(ds.get('/Statement/0/Resource')!.start.line).toBe(28);
    const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'sns:Publish', Resource: 'arn:aws:sns:x' }] };
    const js = documentSpans(blocks[1]!, 'iam.tf', 'policy', doc);
    expect(js.get('')!.start.line).toBe(22);
    expect(js.get('/Statement/0/Action')!.start.line).toBe(22);
    expect(js.get('/Statement/0/Principal')!.start.column).toBe(TF.split('\n')[21]!.indexOf('"*"') + 1);
  });

  it('an inline_policy block: the root on its header, statements from its jsonencode policy', () => {
    const tf = [
      'resource "aws_iam_role" "r" {',
      '  name = "r"',
      '  inline_policy {',
      '    name   = "p"',
      '    policy = jsonencode({',
      '      Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }]',
      '    })',
      '  }',
      '}',
    ].join('\n');
    const b = scanTfBlocks('role.tf', tf)![0]!;
    const spans = documentSpans(b, 'role.tf', 'inline_policy', { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }] });
    expect(spans.get('')!.start.line).toBe(3);
    expect(spans.get('/Statement/0/Action')!.start.line).toBe(6);
  });

  it('resolves local module sources inside the repository only', () => {
    expect(moduleDir('infra', './modules/iam')).toBe('infra/modules/iam');
    expect(moduleDir('infra/envs/prod', '../../modules/iam')).toBe('infra/modules/iam');
    expect(moduleDir('', '../outside')).toBeUndefined();
    expect(moduleDir('', 'terraform-aws-modules/iam/aws')).toBeUndefined();
  });
});
