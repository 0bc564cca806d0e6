/**
 * Size quotas on a Terraform document whose statements do not all exist together (dynamic statements behind inputs
 * nobody in the scan decides): its analysed size is the union of the alternatives, so over a quota it is a warning
 * that says so. A document whose statements all exist stays an error.
 */
import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../../src/config/options.js';
import { runGate } from '../../src/gate.js';
import { tmpRepo } from '../helpers/tmp-repo.js';

async function gate(files: Record<string, string>) {
  const root = tmpRepo(files);
  return runGate(['.'], { ...defaultOptions(root), cwd: root, accessAnalyzer: 'off' });
}

/** 60 statements of ~130 characters: ~8,000 characters, over the 6,144 of a managed policy. */
const services = Array.from({ length: 60 }, (_, i) => `"svc${i}"`).join(', ');
const statement = (svc: string) =>
  `{ Sid = "S${svc}", Effect = "Allow", Action = ["${svc}:List*", "${svc}:Get*", "${svc}:BatchGet*", "${svc}:Describe*", "${svc}:View*"], Resource = "arn:aws:s3:::example-bucket-name" }`;

const size = (g: Awaited<ReturnType<typeof gate>>) => g.findings.filter((f) => f.ruleId === 'POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA');

describe('managed policy size with optional parts', () => {
  it('dynamic statements over a collection only the caller knows: a warning naming the optional part', async () => {
    const g = await gate({
      'main.tf': [
        'variable "services" {\n  type = list(string)\n}',
        'variable "extra" {\n  type = list(string)\n}',
        'data "aws_iam_policy_document" "d" {',
        `  statement {\n    actions = [for s in [${services}] : "\${s}:Get*"]\n    resources = ["arn:aws:s3:::example-bucket-name"]\n  }`,
        ...Array.from({ length: 40 }, (_, i) => `  statement {\n    sid = "Fixed${i}"\n    actions = ["svc${i}:List*", "svc${i}:Describe*", "svc${i}:BatchGet*"]\n    resources = ["arn:aws:s3:::example-bucket-name"]\n  }`),
        '  dynamic "statement" {\n    for_each = var.extra\n    content {\n      actions = ["${statement.value}:Get*"]\n      resources = ["arn:aws:s3:::example-bucket-name"]\n    }\n  }',
        '}',
        'resource "aws_iam_policy" "p" {\n  policy = data.aws_iam_policy_document.d.json\n}',
      ].join('\n'),
    });
    const found = size(g);
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.message).toMatch(/if every optional part is included: the dynamic statements at line \d+ are counted as present/);
  });

  it('every statement written out: still an error', async () => {
    const g = await gate({
      'main.tf': `resource "aws_iam_policy" "p" {\n  policy = jsonencode({ Version = "2012-10-17", Statement = [\n${[...Array(60).keys()].map((i) => `    ${statement(`svc${i}`)},`).join('\n')}\n  ] })\n}\n`,
    });
    const found = size(g);
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('error');
  });
});
