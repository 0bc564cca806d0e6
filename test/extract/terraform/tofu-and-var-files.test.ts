/**
 * OpenTofu file names (`.tofu`, `.tofu.json`, a `.tofu` file replacing the `.tf` of the same base name) and var
 * files of `.tf.json` modules: every file Terraform or OpenTofu loads is analysed, every input set counts.
 */
import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../../../src/config/options.js';
import { runGate } from '../../../src/gate.js';
import { moduleView } from '../../../src/extract/terraform/tf-files.js';
import { isConfigFile } from '../../../src/extract/terraform/tf-files.js';
import { tmpRepo } from '../../helpers/tmp-repo.js';

async function gate(files: Record<string, string>) {
  const root = tmpRepo(files);
  return runGate(['.'], { ...defaultOptions(root), cwd: root, accessAnalyzer: 'off' });
}

const hcl = (action: string, resource = '*') =>
  `resource "aws_iam_policy" "p" {\n  name   = "p"\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ${action}, Resource = "${resource}" }] })\n}\n`;
const tfJson = (action: string, variable?: string) =>
  JSON.stringify({
    ...(variable ? { variable: { action: { default: variable } } } : {}),
    resource: { aws_iam_policy: { p: { name: 'p', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] }) } } },
  });

describe('OpenTofu files are Terraform configuration', () => {
  for (const [file, text] of [
    ['infra/main.tofu', hcl('"*"')],
    ['infra/main.tofu.json', tfJson('*')],
  ] as const) {
    it(`an admin policy in ${file} fails`, async () => {
      const g = await gate({ [file]: text });
      expect(g.policies.some((p) => p.file === file)).toBe(true);
      expect(g.verdict.status).toBe('fail');
    });
  }

  it('a .tofu file replaces the .tf of the same base name for OpenTofu; both views are analysed', async () => {
    // Terraform applies main.tf (harmless); OpenTofu applies main.tofu (admin): the admin view must fail
    const g = await gate({ 'main.tf': hcl('"s3:GetObject"', 'arn:aws:s3:::reports/*'), 'main.tofu': hcl('"*"') });
    expect(g.verdict.status).toBe('fail');
    expect(g.findings.some((f) => f.file === 'main.tofu' && f.ruleId === 'admin-wildcard')).toBe(true);
  });

  it('module views: Terraform ignores .tofu files; OpenTofu drops the .tf a .tofu replaces', () => {
    const files = ['m/main.tf', 'm/main.tofu', 'm/vars.tf', 'm/x.tf.json', 'm/x.tofu.json', 'm/README.md'];
    expect(moduleView('m/vars.tf', files, isConfigFile)).toEqual(['m/main.tf', 'm/vars.tf', 'm/x.tf.json']);
    expect(moduleView('m/main.tofu', files, isConfigFile)).toEqual(['m/main.tofu', 'm/vars.tf', 'm/x.tofu.json']);
  });

  it('a harmless .tofu policy passes (control)', async () => {
    const g = await gate({ 'main.tofu': hcl('"s3:GetObject"', 'arn:aws:s3:::reports/*') });
    expect(g.policies).toHaveLength(1);
    expect(g.verdict.status).toBe('pass');
  });
});

describe('.tf.json modules: tfvars files are input sets', () => {
  it('a prod.tfvars.json (not auto-loaded) setting the action to "*" fails, naming the file', async () => {
    const g = await gate({ 'main.tf.json': tfJson('${var.action}', 's3:GetObject'), 'prod.tfvars.json': '{"action": "*"}\n' });
    expect(g.verdict.status).toBe('fail');
    expect(g.findings.some((f) => f.message.includes('with the values of prod.tfvars.json'))).toBe(true);
  });

  it('an auto-loaded terraform.tfvars.json value replaces the default', async () => {
    const g = await gate({ 'main.tf.json': tfJson('${var.action}', 's3:GetObject'), 'terraform.tfvars.json': '{"action": "iam:*"}\n' });
    expect(g.verdict.status).toBe('fail');
    expect(JSON.stringify(g.policies[0]!.document)).toContain('iam:*');
  });

  it('a var file that changes nothing adds nothing (control)', async () => {
    const text = tfJson('${var.action}', 's3:GetObject').replace('"Resource\\":\\"*\\"', '"Resource\\":\\"arn:aws:s3:::reports/*\\"');
    const g = await gate({ 'main.tf.json': text, 'dev.tfvars.json': '{"action": "s3:GetObject"}\n' });
    expect(g.policies).toHaveLength(1);
    expect(g.verdict.status).toBe('pass');
  });
});
