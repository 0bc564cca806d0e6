/**
 * A `dynamic "condition"` block an input decides (`for_each = var.private ? [1] : []`, `for_each = var.conditions`)
 * may be absent: the statement is analysed without it (the wider branch) and the record says so. A dynamic block
 * over a constant keeps its condition.
 */
import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../../../src/config/options.js';
import { runGate } from '../../../src/gate.js';
import { tmpRepo } from '../../helpers/tmp-repo.js';

async function gate(files: Record<string, string>) {
  const root = tmpRepo(files);
  return runGate(['.'], { ...defaultOptions(root), cwd: root, accessAnalyzer: 'off' });
}

const bucketPolicy = (decl: string, forEach: string, content = 'test = "StringEquals"\n        variable = "aws:SourceVpce"\n        values   = ["vpce-0abc1234"]') => `${decl}
data "aws_iam_policy_document" "public" {
  statement {
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["arn:aws:s3:::acme-data/*"]
    dynamic "condition" {
      for_each = ${forEach}
      content {
        ${content}
      }
    }
  }
}
resource "aws_s3_bucket_policy" "p" {
  bucket = "acme-data"
  policy = data.aws_iam_policy_document.public.json
}
`;

describe('dynamic condition blocks an input decides', () => {
  it('for_each = var.private ? [1] : [] (true by default): analysed without the condition, and said so', async () => {
    const g = await gate({ 'main.tf': bucketPolicy('variable "private" {\n  default = true\n}\n', 'var.private ? [1] : []') });
    expect(g.verdict.status).toBe('fail');
    expect(g.findings.some((f) => f.ruleId === 'resource-policy-exposure' && f.severity === 'error')).toBe(true);
    expect(g.policies[0]!.notes?.some((n) => n.includes('aws:SourceVpce') && n.includes('when var.private is true'))).toBe(true);
  });

  it('for_each = var.conditions (a caller may pass an empty list): analysed without them', async () => {
    const decl = 'variable "conditions" {\n  default = [{ test = "StringEquals", variable = "aws:SourceVpce", values = ["vpce-0abc1234"] }]\n}\n';
    const g = await gate({ 'main.tf': bucketPolicy(decl, 'var.conditions', 'test = condition.value.test\n        variable = condition.value.variable\n        values   = condition.value.values') });
    expect(g.verdict.status).toBe('fail');
  });

  it('a dynamic block over a constant keeps its condition (control)', async () => {
    const g = await gate({ 'main.tf': bucketPolicy('locals {\n  on = [1]\n}\n', 'local.on') });
    expect(g.findings.some((f) => f.ruleId === 'resource-policy-exposure' && f.severity === 'error')).toBe(false);
    expect(g.policies[0]!.notes?.some((n) => n.includes('analysed without it')) ?? false).toBe(false);
  });
});
