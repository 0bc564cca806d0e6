/**
 * Inline suppressions a hostile pull request might try: a marker inside a string (tag value, description, heredoc,
 * a JSON string in a raw policy), a marker without a reason, in every format. None of them suppresses; the missing
 * reason is reported. A suppression that comes with a new finding in a change is shown as such.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runGate } from '../../src/gate.js';
import { defaultOptions } from '../../src/config/options.js';
import { toMarkdown } from '../../src/report/markdown.js';
import { GitFixture, policy } from '../pr/git-fixture.js';
import { gitBaseSource } from '../../src/sources/base.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function scan(files: Record<string, string>) {
  dir = mkdtempSync(path.join(tmpdir(), 'ipg-inline-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  const options = defaultOptions(dir);
  options.accessAnalyzer = 'off';
  return runGate(['.'], options);
}

const admin = (r: Awaited<ReturnType<typeof scan>>) => r.findings.filter((f) => f.ruleId === 'admin-wildcard');

const TF_ADMIN = (extra: string) => `${extra.startsWith('#') ? extra + '\n' : ''}resource "aws_iam_policy" "admin" {
  name = "admin"
${extra.startsWith('#') ? '' : extra + '\n'}  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}
`;

describe('inline suppressions only in real comments, always with a reason', () => {
  it('Terraform: a marker in a string, a tag value or a heredoc suppresses nothing', async () => {
    for (const extra of [
      '  description = "# iam-policy-gate:ignore admin-wildcard looks like a comment"',
      '  tags = { note = "// iam-policy-gate:ignore admin-wildcard in a tag" }',
      '  path = <<EOT\n# iam-policy-gate:ignore admin-wildcard in a heredoc\nEOT',
    ]) {
      const r = await scan({ 'main.tf': TF_ADMIN(extra) });
      expect(admin(r).map((f) => f.suppressed ?? false), extra).toEqual([false]);
      expect(r.verdict.status).toBe('fail');
      rmSync(dir!, { recursive: true, force: true });
    }
  });

  it('Terraform: a real comment with a reason suppresses; without a reason it does not and is a warning', async () => {
    const ok = await scan({ 'main.tf': TF_ADMIN('# iam-policy-gate:ignore admin-wildcard break-glass (SEC-42)') });
    expect(admin(ok).map((f) => f.suppressed)).toEqual([true]);
    rmSync(dir!, { recursive: true, force: true });
    const bare = await scan({ 'main.tf': TF_ADMIN('/* iam-policy-gate:ignore admin-wildcard */') });
    expect(admin(bare).map((f) => f.suppressed ?? false)).toEqual([false]);
    expect(bare.findings.filter((f) => f.ruleId === 'suppression-without-reason').map((f) => [f.line, f.severity])).toEqual([[3, 'warning']]);
  });

  it('.tf.json: only the "//" key counts, and it needs a reason', async () => {
    const doc = (comment: Record<string, string>, description = 'x') =>
      JSON.stringify({
        resource: {
          aws_iam_policy: {
            admin: { ...comment, description, policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) },
          },
        },
      }, null, 2);
    const inString = await scan({ 'main.tf.json': doc({}, 'iam-policy-gate:ignore admin-wildcard in a description') });
    expect(admin(inString).map((f) => f.suppressed ?? false)).toEqual([false]);
    rmSync(dir!, { recursive: true, force: true });
    const bare = await scan({ 'main.tf.json': doc({ '//': 'iam-policy-gate:ignore admin-wildcard' }) });
    expect(admin(bare).map((f) => f.suppressed ?? false)).toEqual([false]);
    expect(bare.findings.some((f) => f.ruleId === 'suppression-without-reason')).toBe(true);
    rmSync(dir!, { recursive: true, force: true });
    const ok = await scan({ 'main.tf.json': doc({ '//': 'iam-policy-gate:ignore admin-wildcard reviewed (SEC-42)' }) });
    expect(admin(ok).map((f) => f.suppressed)).toEqual([true]);
  });

  it('CloudFormation: a marker in a Description or a comment is not Metadata; Metadata without a reason suppresses nothing', async () => {
    const cfn = (metadata: string, description: string) => `AWSTemplateFormatVersion: "2010-09-09"
Description: "${description}"
Resources:
  # iam-policy-gate:ignore admin-wildcard a YAML comment is not the Metadata form
  Admin:
    Type: AWS::IAM::ManagedPolicy
${metadata}    Properties:
      Description: "iam-policy-gate:ignore admin-wildcard"
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: "*"
            Resource: "*"
`;
    const strings = await scan({ 'stack.yaml': cfn('', '# iam-policy-gate:ignore admin-wildcard') });
    expect(admin(strings).map((f) => f.suppressed ?? false)).toEqual([false]);
    rmSync(dir!, { recursive: true, force: true });
    const bare = await scan({ 'stack.yaml': cfn('    Metadata:\n      iam-policy-gate:\n        ignore:\n          - rule: admin-wildcard\n', 'x') });
    expect(admin(bare).map((f) => f.suppressed ?? false)).toEqual([false]);
    expect(bare.findings.some((f) => f.ruleId === 'suppression-without-reason')).toBe(true);
  });

  it('raw policy JSON: a marker in a Sid or a string never suppresses', async () => {
    const r = await scan({ 'admin.json': JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'iamPolicyGateIgnore', Effect: 'Allow', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/x': '# iam-policy-gate:ignore admin-wildcard ok' } } }] }, null, 2) });
    expect(r.findings.filter((f) => f.suppressed)).toEqual([]);
  });
});

describe('a suppression that comes with its new finding', () => {
  it('is marked "suppressed in this change" and said in the notes', async () => {
    const repo = new GitFixture();
    try {
      repo.commit({ 'iam/read.json': policy([{ sid: 'Read', action: 's3:GetObject' }]) }, 'base');
      repo.git('tag', 'v1');
      repo.commit({ 'main.tf': TF_ADMIN('# iam-policy-gate:ignore admin-wildcard needed now (OPS-1)') }, 'admin, suppressed');
      const options = defaultOptions(repo.dir);
      options.accessAnalyzer = 'off';
      const r = await runGate(['.'], options, { base: gitBaseSource(repo.dir, 'v1', options.maxFileBytes) });
      const f = admin(r)[0]!;
      expect([f.new, f.suppressed, (f.details?.suppressedBy as { inChange?: boolean }).inChange]).toEqual([true, true, true]);
      expect(r.notes.some((n) => n.startsWith('1 finding new in this change is suppressed by inline suppressions'))).toBe(true);
      expect(toMarkdown(r)).toContain('suppressed in this change');
    } finally {
      repo.remove();
    }
  });
});
