/**
 * A streamed run keeps its findings wholly in a temporary file, in sorted runs merged at the end
 * (findings/runs.ts), and runs its end stages as a stream over them (findings/end-stream.ts). Every report is the
 * same, byte for byte, whether they were written or not (one finding a run: as many runs as findings, a many-way
 * merge; runs of 1 and 3); a file that cannot be written keeps every finding and makes the verdict incomplete; one
 * that cannot be read back makes it incomplete with the error in every report.
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runGate } from '../../src/gate.js';
import type { GateRun } from '../../src/gate.js';
import { loadOptions } from '../../src/config/load.js';
import { JsonReportSpool } from '../../src/report/json-stream.js';
import { render } from '../../src/cli.js';
import { CASES_DIR, FIXED_NOW, caseSpec } from '../golden/golden.js';

const FORMATS = ['json', 'sarif', 'markdown', 'text', 'annotations'] as const;

function load(root: string) {
  const { options } = loadOptions(root, root, undefined, { cli: { accessAnalyzer: 'off' } });
  options.now = FIXED_NOW;
  return options;
}

const blank = (s: string) => s.replace(/"durationMs": \d+/, '"durationMs": 0').replace(/\d+ ?ms\b/g, '0 ms');

/** Every report of a streamed run, the JSON one through the spool as the CLI writes it. */
async function reports(root: string, paths: string[], stream: NonNullable<GateRun['stream']>): Promise<Record<string, string>> {
  const spool = new JsonReportSpool({ listPolicies: true });
  const r = await runGate(paths, load(root), { stream: { ...stream, sink: spool } });
  const out: Record<string, string> = {};
  for (const f of FORMATS) if (f !== 'json') out[f] = blank(render(r, f, { colour: false, listPolicies: true }));
  let json = '';
  if (r.streamed) spool.write(r, (t) => (json += t));
  else {
    spool.dispose();
    json = render(r, 'json', { colour: false, listPolicies: true });
  }
  out.json = blank(json);
  out.status = r.verdict.status;
  return out;
}

function mixedRepository(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'gate-spill-'));
  const put = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  };
  const role = (name: string, action: string) =>
    `Resources:\n  ${name}:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { Service: lambda.amazonaws.com }\n            Action: sts:AssumeRole\n      Policies:\n        - PolicyName: p\n          PolicyDocument:\n            Statement:\n              - Effect: Allow\n                Action: "${action}"\n                Resource: "*"\n`;
  put('a/main.tf', 'resource "aws_iam_role" "r" {\n  name = "r"\n  assume_role_policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "sts:AssumeRole" }] })\n}\n');
  put('a/z.tf', 'resource "aws_iam_role_policy" "p" {\n  role = aws_iam_role.r.id\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "iam:*", Resource = "*" }] })\n}\n');
  put('child.yaml', role('ChildRole', '*'));
  put('rôle ✓.yaml', role('Unicode', 's3:*'));
  put('policies/admin.json', JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }));
  // one rule repeated on one policy past the summary limit (summarised findings next to spilled ones)
  put('many.json', JSON.stringify({ Version: '2012-10-17', Statement: Array.from({ length: 30 }, (_, i) => ({ Sid: `S${i}`, Effect: 'Allow', Action: `s3:Put${'Object'}`, Resource: '*' })) }));
  return root;
}

describe('findings spilled to a temporary file', () => {
  const cases = readdirSync(CASES_DIR).filter((n) => !existsSync(path.join(CASES_DIR, n, 'base')));
  it.each(cases)('golden case %s: every report the same with all findings spilled', async (name) => {
    const spec = caseSpec(name);
    const input = path.resolve(CASES_DIR, name, spec.input ?? 'input');
    const kept = await reports(input, spec.paths ?? ['.'], { spillAfter: Infinity, holdAfter: Infinity });
    const spilled = await reports(input, spec.paths ?? ['.'], { spillAfter: 0, holdAfter: 0 });
    expect(spilled).toEqual(kept);
  });

  it('a repository mixing templates, Terraform, raw policies, non-ASCII text and summarised repeats', async () => {
    const root = mixedRepository();
    const kept = await reports(root, ['.'], { spillAfter: Infinity, holdAfter: Infinity });
    expect(kept.json).toContain('"ruleId"');
    for (const after of [0, 1, 3]) expect(await reports(root, ['.'], { spillAfter: after, holdAfter: after })).toEqual(kept);
  });

  it('a spill that cannot be written: every finding still reported, the verdict incomplete', async () => {
    const root = mixedRepository();
    const kept = await runGate(['.'], load(root), { stream: { spillAfter: Infinity } });
    expect(kept.verdict.status).toBe('fail');
    const tmp = process.env.TMPDIR;
    process.env.TMPDIR = path.join(root, 'no such folder');
    let r;
    try {
      r = await runGate(['.'], load(root), { stream: { spillAfter: 0 } });
    } finally {
      if (tmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmp;
    }
    expect(r.verdict.status).toBe('incomplete');
    expect(r.errors.map((e) => e.message).join('\n')).toMatch(/findings could not be written to a temporary file/);
    // listed once (the sorted runs and the reported findings fail alike in the same folder: red team S9-D1)
    expect(r.errors.filter((e) => e.file === '(findings spill)')).toHaveLength(1);
    expect(r.findings.map((f) => [f.fingerprint, f.message])).toEqual(kept.findings.map((f) => [f.fingerprint, f.message]));
  });

  it('a spill that cannot be read back: the verdict incomplete, the report written with the error, no unused-suppression finding made up', async () => {
    const root = mixedRepository();
    mkdirSync(path.join(root, '.github'));
    writeFileSync(path.join(root, '.github/iam-policy-gate.yml'), 'ignore:\n  - rule: admin-wildcard\n    files: [policies/admin.json]\n    reason: accepted\n');
    process.env.IAM_POLICY_GATE_TEST_SPILL_FAULT = 'read';
    let out;
    try {
      out = await reports(root, ['.'], { spillAfter: 0 });
    } finally {
      delete process.env.IAM_POLICY_GATE_TEST_SPILL_FAULT;
    }
    expect(out.status).toBe('incomplete');
    for (const format of ['json', 'sarif', 'markdown', 'text'] as const) expect(out[format], format).toMatch(/findings written to a temporary file in .* could not be read back \\?\(the temporary file is gone\\?\)/);
    expect(out.json).not.toContain('suppression-unused');
  });
});
