/**
 * A whole-repository scan analysed file by file (GateRun.stream, the CLI's --format json/sarif) writes the same JSON
 * report, byte for byte, as the whole-run flow: every golden case's input both ways, and a repository built to mix
 * what is analysed alone with what is held for its neighbours (a Terraform module whose files are split by a
 * template folder in walk order, a nested stack whose child is scanned before its parent, raw policies).
 */
import { mkdtempSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runGate } from '../../src/gate.js';
import { loadOptions } from '../../src/config/load.js';
import { toJsonReport } from '../../src/report/json.js';
import { JsonReportSpool } from '../../src/report/json-stream.js';
import { CASES_DIR, FIXED_NOW, caseSpec } from '../golden/golden.js';
import { existsSync } from 'node:fs';

async function bothWays(root: string, paths: string[], listPolicies: boolean): Promise<{ whole: string; streamed: string; policies: number }> {
  const load = () => {
    const { options } = loadOptions(root, root, undefined, { cli: { accessAnalyzer: 'off' } });
    options.now = FIXED_NOW;
    return options;
  };
  const blank = (s: string) => s.replace(/"durationMs": \d+/, '"durationMs": 0');
  const r = await runGate(paths, load());
  const whole = JSON.stringify(toJsonReport(r, { listPolicies }), null, 2) + '\n';
  const spool = new JsonReportSpool({ listPolicies });
  const s = await runGate(paths, load(), { stream: { sink: spool } });
  let streamed = '';
  if (s.streamed) spool.write(s, (t) => (streamed += t));
  else {
    spool.dispose();
    streamed = JSON.stringify(toJsonReport(s, { listPolicies }), null, 2) + '\n';
  }
  if (s.streamed) expect(s.policies, 'a streamed run holds no records').toEqual([]);
  return { whole: blank(whole), streamed: blank(streamed), policies: r.policies.length };
}

describe('the file-by-file flow reports what the whole-run flow reports', () => {
  const cases = readdirSync(CASES_DIR).filter((n) => !existsSync(path.join(CASES_DIR, n, 'base')));
  it.each(cases)('golden case %s', async (name) => {
    const spec = caseSpec(name);
    const input = path.resolve(CASES_DIR, name, spec.input ?? 'input');
    const { whole, streamed } = await bothWays(input, spec.paths ?? ['.'], true);
    expect(streamed).toBe(whole);
  });

  it('a repository mixing templates, a split Terraform module, a nested stack scanned child-first and raw policies', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'gate-stream-'));
    const put = (rel: string, text: string) => {
      mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      writeFileSync(path.join(root, rel), text);
    };
    const role = (name: string, action: string) =>
      `Resources:\n  ${name}:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { Service: lambda.amazonaws.com }\n            Action: sts:AssumeRole\n      Policies:\n        - PolicyName: p\n          PolicyDocument:\n            Statement:\n              - Effect: Allow\n                Action: "${action}"\n                Resource: "*"\n`;
    put('a/main.tf', 'resource "aws_iam_role" "r" {\n  name = "r"\n  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "sts:AssumeRole" }] })\n}\n');
    put('a/b/template.yaml', role('Inner', 's3:*'));
    put('a/z.tf', 'resource "aws_iam_role_policy" "p" {\n  role = aws_iam_role.r.id\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "iam:*", Resource = "*" }] })\n}\n');
    put('child.yaml', role('ChildRole', '*'));
    put('parent.yaml', 'Resources:\n  Stack:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./child.yaml\n');
    put('policies/admin.json', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }));
    put('z.yaml', role('Last', 'kms:*'));
    const { whole, streamed, policies } = await bothWays(root, ['.'], true);
    expect(policies).toBeGreaterThanOrEqual(7);
    expect(streamed).toBe(whole);
    // without documents (the CLI's default)
    const plain = await bothWays(root, ['.'], false);
    expect(plain.streamed).toBe(plain.whole);
  });

  it('a spool larger than its read buffer (entries cut across reads), non-ASCII text included', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'gate-stream-big-'));
    const resources = Array.from({ length: 400 }, (_, i) =>
      `  Role${i}:\n    Type: AWS::IAM::Role\n    Properties:\n      Description: "rôle ${i} ✓"\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { Service: lambda.amazonaws.com }\n            Action: sts:AssumeRole\n      Policies:\n        - PolicyName: p${i}\n          PolicyDocument:\n            Statement:\n              - Sid: "Zugriff${i}"\n                Effect: Allow\n                Action: [${Array.from({ length: 40 }, (_, k) => `"s3:GetObject${k}"`).join(', ')}]\n                Resource: "arn:aws:s3:::bücket-${i}/*"\n`,
    );
    writeFileSync(path.join(root, 't.yaml'), `Resources:\n${resources.join('')}`);
    const { whole, streamed } = await bothWays(root, ['.'], true);
    expect(whole.length).toBeGreaterThan(1 << 20);
    expect(streamed).toBe(whole);
  });

  it('more held files than the late entries\' first columns hold, each between two streamed templates', async () => {
    // every raw policy is held to the end (its entry arrives late) and sits between two templates (streamed in
    // place): 300 late entries, past the 256 the late columns start with, merged back into walk order
    const root = mkdtempSync(path.join(os.tmpdir(), 'gate-stream-late-'));
    const doc = (i: number) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: i % 3 ? 's3:GetObject' : '*', Resource: `arn:aws:s3:::b${i}/*` }] });
    const role = (i: number) => `Resources:\n  R${i}:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Statement:\n          - Effect: Allow\n            Action: "iam:PassRole"\n            Resource: "*"\n`;
    for (let i = 0; i < 300; i++) {
      const dir = path.join(root, `d${String(i).padStart(3, '0')}`);
      mkdirSync(dir);
      writeFileSync(path.join(dir, 'a.yaml'), role(i));
      writeFileSync(path.join(dir, 'b.json'), doc(i));
      writeFileSync(path.join(dir, 'c.yaml'), role(i + 1000));
    }
    const { whole, streamed, policies } = await bothWays(root, ['.'], true);
    expect(policies).toBe(900);
    expect(streamed).toBe(whole);
  }, 60_000);

  it('an entry longer than the read buffer (a policy of over a megabyte), between others', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'gate-stream-huge-'));
    const doc = (resource: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: resource }] });
    writeFileSync(path.join(root, 'a.json'), doc('arn:aws:s3:::first/*'));
    writeFileSync(path.join(root, 'b.json'), doc(`arn:aws:s3:::${'b'.repeat(1_300_000)}/*`));
    writeFileSync(path.join(root, 'c.json'), doc('arn:aws:s3:::last/*'));
    const { whole, streamed, policies } = await bothWays(root, ['.'], true);
    expect(policies).toBe(3);
    expect(whole.length).toBeGreaterThan(1_300_000);
    expect(streamed).toBe(whole);
  });
});
