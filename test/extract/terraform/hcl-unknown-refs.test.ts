/**
 * Issue 18 items 2, 4, 6, 7 through the whole gate: an unknown reference never drops a policy, a list of source
 * documents with one unknown part keeps the known statements, evaluation errors nothing IAM reads leave the verdict
 * complete, a module caller's null reaches a `nullable = false` variable as its default.
 */
import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../../../src/config/options.js';
import { runGate } from '../../../src/gate.js';
import { tmpRepo } from '../../helpers/tmp-repo.js';

async function gate(files: Record<string, string>) {
  const root = tmpRepo(files);
  return runGate(['.'], { ...defaultOptions(root), cwd: root, accessAnalyzer: 'off' });
}

const doc = (resource: string, action = 's3:GetObject') =>
  `resource "aws_iam_policy" "p" {\n  policy = jsonencode({ Version = "2012-10-17", Statement = [\n    { Effect = "Allow", Action = "${action}", Resource = ${resource} },\n    { Effect = "Allow", Action = "iam:*", Resource = "*" },\n  ] })\n}\n`;

describe('unknown references never drop a policy', () => {
  const refs: [string, RegExp][] = [
    ['"${aws_s3_bucket.declared_elsewhere.arn}/*"', /^arn:aws:s3:::/],
    ['module.registry.bucket_arn', /./],
    ['data.terraform_remote_state.net.outputs.bucket_arn', /./],
    ['data.aws_s3_bucket.b.arn', /^arn:aws:s3:::/],
  ];
  for (const [ref, shape] of refs) {
    it(`${ref}: the policy is analysed (the iam:* statement found), the reference a stand-in`, async () => {
      const g = await gate({ 'main.tf': doc(ref) });
      expect(g.errors).toEqual([]);
      expect(g.findings.some((f) => f.ruleId === 'service-wildcard' && f.line === 4)).toBe(true);
      const p = g.policies.find((x) => x.resource === 'aws_iam_policy.p')!;
      const r = (p.document as { Statement: { Resource: string }[] }).Statement[0]!.Resource;
      expect(r).toMatch(shape);
      expect(r).not.toBe('*');
    });
  }

  it('a non-identifying remote state output deciding Resource is its worst case, said so', async () => {
    const g = await gate({ 'main.tf': doc('data.terraform_remote_state.net.outputs.anything', 's3:PutObject') });
    expect(g.findings.find((f) => f.line === 3 && f.ruleId === 'write-on-all-resources')?.message).toMatch(/outputs\.anything/);
  });
});

describe('source_policy_documents with an unknown part', () => {
  it('keeps the known statements and adds one worst-case statement on the unknown part', async () => {
    const g = await gate({
      'main.tf': [
        'variable "extra" {\n  type = list(string)\n  default = []\n}',
        'data "aws_iam_policy_document" "x" {\n  count = 2\n  statement {\n    actions = ["s3:*"]\n    resources = ["*"]\n  }\n}',
        'locals {\n  docs = compact(concat(data.aws_iam_policy_document.x[*].json, var.extra))\n}',
        'data "aws_iam_policy_document" "c" {\n  source_policy_documents = local.docs\n}',
        'resource "aws_iam_policy" "c" {\n  policy = data.aws_iam_policy_document.c.json\n}',
      ].join('\n'),
    });
    const statements = (g.policies.find((p) => p.resource === 'aws_iam_policy.c')!.document as { Statement: unknown[] }).Statement;
    expect(statements).toHaveLength(3);
    expect(g.findings.filter((f) => f.ruleId === 'service-wildcard').map((f) => f.line)).toEqual([8, 8]);
    expect(g.findings.find((f) => f.ruleId === 'admin-wildcard')).toMatchObject({ line: 13, message: expect.stringContaining('var.extra') });
    expect(g.findings.some((f) => f.ruleId === 'MISSING_STATEMENT')).toBe(false);
  });
});

describe('a module caller passing null', () => {
  it('to a nullable = false variable: the default is the value, no evaluation error', async () => {
    const g = await gate({
      'main.tf': 'module "m" {\n  source = "./m"\n  create = null\n}\n',
      'm/main.tf': [
        'variable "create" {\n  type = bool\n  default = true\n  nullable = false\n}',
        'resource "aws_iam_policy" "p" {\n  count = var.create && true ? 1 : 0\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}',
      ].join('\n'),
    });
    expect(g.errors).toEqual([]);
    expect(g.findings.filter((f) => f.ruleId === 'admin-wildcard').map((f) => f.policyId)).toContain('m/main.tf#module.m.aws_iam_policy.p[0]/policy@main.tf');
  });
});

describe('two root modules calling one local module under the same name', () => {
  it('keep each call apart: a finding names the caller whose argument produced it', async () => {
    const mod = 'variable "actions" {\n  type = list(string)\n}\nresource "aws_iam_policy" "deploy" {\n  name = "deploy"\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }] })\n}\n';
    const g = await gate({
      'modules/deploy/main.tf': mod,
      'live/dev/main.tf': 'module "deploy" {\n  source  = "../../modules/deploy"\n  actions = ["s3:GetObject"]\n}\n',
      'live/prod/main.tf': 'module "deploy" {\n  source  = "../../modules/deploy"\n  actions = ["iam:*"]\n}\n',
    });
    const read = g.findings.filter((f) => f.ruleId === 'data-exfiltration' && !f.suppressed);
    expect(read.length).toBe(1);
    expect(read[0]!.message).toContain('called at live/dev/main.tf:1');
    const iam = g.findings.filter((f) => f.ruleId === 'service-wildcard' && !f.suppressed);
    expect(iam.map((f) => f.message.includes('called at live/prod/main.tf:1'))).toEqual([true]);
  });
});
