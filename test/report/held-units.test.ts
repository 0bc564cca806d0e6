/**
 * The file-by-file flow analyses what needs its neighbours unit by unit (src/stream-units.ts): a repository whose
 * held files form several units (Terraform modules, one calling a local module another module calls too; a raw
 * policy a Terraform `file()` reads; SCPs known by path and by the configuration; a nested stack whose child path is computed;
 * raw policies of their own with notes) reports what the whole-run flow (every file in one analysis) reports, byte
 * for byte, and the units are the ones the cross-file stages need.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runGate } from '../../src/gate.js';
import { loadOptions } from '../../src/config/load.js';
import { toJsonReport } from '../../src/report/json.js';
import { JsonReportSpool } from '../../src/report/json-stream.js';
import { extractTexts } from '../../src/analysis.js';
import { repoAccess } from '../../src/sources/affected.js';
import { heldUnits } from '../../src/stream-units.js';
import { unitLinks } from '../../src/shard/units.js';
import { FIXED_NOW } from '../golden/golden.js';

const admin = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
const wild = (a: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: a, Resource: '*' }] });
const scp = (a: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: a, Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }] });
const FILES: Record<string, string> = {
  'a-raw.json': wild('s3:*'),
  'app/main.tf': 'module "common" {\n  source = "../modules/common"\n  actions = ["iam:*"]\n}\nresource "aws_iam_policy" "f" {\n  name = "f"\n  policy = file("${path.module}/../policies/read-by-tf.json")\n}\n',
  'ops/main.tf': 'module "common" {\n  source = "../modules/common"\n  actions = ["s3:GetObject"]\n}\n',
  'modules/common/main.tf': 'variable "actions" {}\nresource "aws_iam_policy" "p" {\n  name = "p"\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }] })\n}\n',
  'other/main.tf': 'resource "aws_iam_role_policy" "o" {\n  role = "x"\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "kms:*", Resource = "*" }] })\n}\n',
  'policies/read-by-tf.json': admin,
  'policies/alone.json': wild('ec2:*'),
  'policies/ReadOnlyAccess.json': wild('s3:Get*'),
  'policies/embedded.json': JSON.stringify({ PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }] }) }),
  'scps/region.json': scp('ec2:*'),
  'org/guard.json': scp('iam:*'),
  'stacks/parent.yaml': 'Parameters:\n  Dir: { Type: String, Default: stacks }\nResources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: !Sub "./${Dir}/kid.yaml"\n',
  'stacks/kid.yaml': 'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { Service: lambda.amazonaws.com }\n            Action: sts:AssumeRole\n      Policies:\n        - PolicyName: p\n          PolicyDocument:\n            Statement:\n              - Effect: Allow\n                Action: "*"\n                Resource: "*"\n',
  'z-raw.json': admin,
  '.github/iam-policy-gate.yml': 'policy-types:\n  - files: "org/*.json"\n    type: scp\n',
};

function repository(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'gate-held-units-'));
  for (const [rel, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}

const load = (root: string) => {
  const { options } = loadOptions(root, root, undefined, { cli: { accessAnalyzer: 'off' } });
  options.now = FIXED_NOW;
  return options;
};

describe('held files analysed unit by unit', () => {
  it('report the whole-run flow reports, byte for byte', async () => {
    const root = repository();
    const blank = (s: string) => s.replace(/"durationMs": \d+/, '"durationMs": 0');
    for (const listPolicies of [true, false]) {
      const whole = await runGate(['.'], load(root));
      const spool = new JsonReportSpool({ listPolicies });
      const s = await runGate(['.'], load(root), { stream: { sink: spool } });
      expect(s.streamed).toBeTruthy();
      let streamed = '';
      spool.write(s, (t) => (streamed += t));
      expect(blank(streamed)).toBe(blank(JSON.stringify(toJsonReport(whole, { listPolicies }), null, 2) + '\n'));
      expect(whole.findings.length).toBeGreaterThan(8);
    }
  });

  it('keep together what the cross-file stages read, and nothing else', async () => {
    const root = repository();
    const options = load(root);
    const rels = Object.keys(FILES).filter((r) => r.endsWith('.json') || r.endsWith('.tf') || r.endsWith('.yaml')).sort();
    const xs = await extractTexts(
      rels.map((rel) => ({ rel, text: FILES[rel]!, explicit: false })),
      options,
      repoAccess(options),
    );
    const scanned = new Set(rels);
    const units = heldUnits(xs, xs.map((x) => unitLinks(x.text.rel, FILES[x.text.rel]!, scanned)), options).map((u) => u.map((k) => rels[k]!));
    const unitOf = (rel: string) => units.find((u) => u.includes(rel))!;
    // callers of one local module, and the raw file a Terraform file() reads
    expect(unitOf('app/main.tf')).toEqual(['app/main.tf', 'modules/common/main.tf', 'ops/main.tf', 'policies/read-by-tf.json']);
    // SCPs by path convention and by the configuration's policy-types: one unit
    expect(unitOf('scps/region.json')).toContain('org/guard.json');
    // a nested stack whose child path only the extractor resolves
    expect(unitOf('stacks/parent.yaml')).toEqual(['stacks/kid.yaml', 'stacks/parent.yaml']);
    for (const alone of ['a-raw.json', 'other/main.tf', 'policies/alone.json', 'z-raw.json']) expect(unitOf(alone)).toEqual([alone]);
    expect(units.length).toBeGreaterThanOrEqual(8);
  });
});
