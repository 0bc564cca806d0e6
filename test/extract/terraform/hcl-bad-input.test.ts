/** Bad `.tf` input: one clear error with file and line each, and the other files are still analysed. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../../../src/config/options.js';
import { runGate } from '../../../src/gate.js';
import { extractFixture, FIXTURES } from './helpers.js';

const bad = (f: string, text?: string) => extractFixture('hcl-bad', f, text === undefined ? {} : { text });

describe('.tf bad input', () => {
  it('a syntax error names the file, line and column, and what was expected', async () => {
    const r = await bad('syntax.tf');
    expect(r.policies).toEqual([]);
    expect(r.errors).toEqual([
      { file: 'syntax.tf', line: 7, column: 32, message: 'HCL syntax error: expected "," or "]" in the list, found ""s3:PutObjec"', kind: 'input' },
    ]);
  });

  it('an unknown function is one error on its line; the policy is not guessed', async () => {
    const r = await bad('unknown-function.tf');
    expect(r.errors).toEqual([{ file: 'unknown-function.tf', line: 8, column: 18, message: 'call to unknown function arnify()', kind: 'input' }]);
    expect(r.policies).toEqual([]);
  });

  it('an interpolation loop between locals is one error naming the cycle', async () => {
    const r = await bad('loop.tf');
    expect(r.errors).toEqual([
      expect.objectContaining({
        file: 'loop.tf',
        line: 3,
        message: 'interpolation loop: local.bucket_arn refers to itself (through local.bucket_arn -> local.bucket_name -> local.bucket_arn)',
      }),
    ]);
  });

  it('file() outside the repository is refused; other resources of the file are analysed', async () => {
    const r = await bad('good.tf');
    expect(r.errors).toEqual([expect.objectContaining({ file: 'good.tf', line: 15, message: 'file "../../../../../../package.json" is outside the repository' })]);
    expect(r.policies.map((p) => p.resource)).toEqual(['aws_iam_policy.fine']);
  });

  it('a huge file is refused with one error; deep nesting is a syntax error, not a crash', async () => {
    const huge = `locals {\n${'  x = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"\n'.repeat(45_000)}}\n`;
    const r = await bad('huge.tf', huge);
    expect(r.errors).toEqual([expect.objectContaining({ file: 'huge.tf', line: 1, message: expect.stringMatching(/^file too large for HCL analysis/) })]);
    const deep = await bad('deep.tf', `locals {\n  x = ${'['.repeat(5000)}${']'.repeat(5000)}\n}\n`);
    expect(deep.errors).toEqual([expect.objectContaining({ file: 'deep.tf', line: 2, message: expect.stringContaining('nesting deeper than') })]);
  });

  it('runaway evaluation a policy reads is bounded: one error, no hang', async () => {
    const text = `locals {\n  n = range(10000)\n  all = [for a in local.n : [for b in local.n : a * b]]\n}\nresource "aws_iam_policy" "p" {\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = local.all }] })\n}\n`;
    const r = await bad('runaway.tf', text);
    expect(r.errors).toEqual([expect.objectContaining({ file: 'runaway.tf', line: 3, message: expect.stringMatching(/evaluation exceeds .* steps/) })]);
  });

  it('evaluation errors no policy depends on (a subnet, a tag, an unused local) leave the verdict complete', async () => {
    const text = [
      'locals {\n  cidr = cidrsubnet("REPLACE_ME", 8, 1)\n  tpl = templatefile("${path.module}/missing-${var.x}.tpl", {})\n}',
      'variable "x" {\n  type = string\n}',
      'resource "aws_subnet" "s" {\n  vpc_id = "REPLACE_ME"\n  cidr_block = local.cidr\n  tags = { Name = someprovider::fancy("x") }\n}',
      'resource "aws_iam_policy" "ok" {\n  name = "ok"\n  tags = { Owner = unknownfn("team") }',
      '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::b/*" }] })\n}',
    ].join('\n');
    const r = await bad('noniam.tf', text);
    expect(r.errors).toEqual([]);
    expect(r.policies.map((p) => p.id)).toEqual(['noniam.tf#aws_iam_policy.ok/policy']);
  });

  it('a whole directory: every bad file reported, the good policy still checked', async () => {
    const root = path.join(FIXTURES, 'hcl-bad');
    const g = await runGate(['.'], { ...defaultOptions(root), cwd: root, accessAnalyzer: 'off' });
    expect(g.errors.map((e) => [e.file, e.line]).sort()).toEqual([
      ['good.tf', 15],
      ['loop.tf', 3],
      ['syntax.tf', 7],
      ['unknown-function.tf', 8],
    ]);
    expect(g.policies.map((p) => p.resource)).toEqual(['aws_iam_policy.fine']);
    expect(g.findings.some((f) => f.file === 'good.tf' && f.line === 7)).toBe(true);
  });
});
