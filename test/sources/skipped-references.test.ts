/**
 * The walk's skip list (node_modules, venv, .terraform, ...) is for the walk only: what analysed IaC uses from such
 * a directory is analysed (a local Terraform module, a nested stack, an include), and reads stay in the repository.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runGate } from '../../src/gate.js';
import { defaultOptions } from '../../src/config/options.js';
import { tmpRepo } from '../helpers/tmp-repo.js';

const adminTf = (name: string) =>
  `resource "aws_iam_policy" "${name}" {\n  name   = "${name}"\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}\n`;
const call = (name: string, source: string) => `module "${name}" {\n  source = "${source}"\n}\n`;

async function scan(root: string, run?: { files?: string[]; stream?: { holdAfter: number } }) {
  return runGate(run?.files ? [] : ['.'], { ...defaultOptions(root), accessAnalyzer: 'off' }, run ?? {});
}
const adminIn = (r: Awaited<ReturnType<typeof scan>>) => [...new Set(r.findings.filter((f) => f.ruleId === 'admin-wildcard').map((f) => f.file))].sort();

describe('references into directories the walk skips', () => {
  it('a local Terraform module under node_modules/, venv/ or .terraform/ is analysed when called (and its own calls)', async () => {
    const root = tmpRepo({
      'main.tf': call('evil', './node_modules/evil') + call('py', './venv/mod/'),
      'stack/main.tf.json': JSON.stringify({ module: { cached: { source: '../.terraform/modules/cached' } } }),
      'node_modules/evil/main.tf': adminTf('evil') + call('deeper', '../deeper'),
      'node_modules/deeper/main.tf': adminTf('deeper'),
      'venv/mod/iam.tf': adminTf('py'),
      '.terraform/modules/cached/iam.tf': adminTf('cached'),
      'node_modules/unused/main.tf': adminTf('unused'), // nobody calls it: the walk still skips it
    });
    // the whole-run flow, and file by file (the calling files held for their neighbours, in memory or on disk)
    for (const run of [undefined, { stream: { holdAfter: Infinity } }, { stream: { holdAfter: 0 } }]) {
      const r = await scan(root, run);
      expect(adminIn(r)).toEqual(['.terraform/modules/cached/iam.tf', 'node_modules/deeper/main.tf', 'node_modules/evil/main.tf', 'venv/mod/iam.tf']);
      expect(r.errors).toEqual([]);
    }
  });

  it('in a pull request, a changed configuration brings the module it calls', async () => {
    const root = tmpRepo({ 'main.tf': call('evil', './node_modules/evil'), 'node_modules/evil/main.tf': adminTf('evil') });
    const r = await scan(root, { files: ['main.tf', 'node_modules/evil/main.tf'] });
    expect(adminIn(r)).toEqual(['node_modules/evil/main.tf']);
  });

  it('CloudFormation nested stacks and includes under node_modules/ are read', async () => {
    const root = tmpRepo({
      'cfn/parent.yaml':
        'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ../node_modules/tpl/child.yaml\n  Inc:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Fn::Include: ../node_modules/tpl/policy.json\n',
      'node_modules/tpl/child.yaml':
        'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Action: "*"\n            Resource: "*"\n',
      'node_modules/tpl/policy.json': JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }),
    });
    const r = await scan(root);
    expect(adminIn(r)).toEqual(['node_modules/tpl/child.yaml', 'node_modules/tpl/policy.json']);
  });

  it('containment holds: a module source outside the repository, or a skipped directory linked outside, is not read', async () => {
    const outside = tmpRepo({ 'mod/main.tf': adminTf('outside') });
    const root = tmpRepo({ 'main.tf': call('up', '../' + path.basename(outside) + '/mod') + call('linked', './node_modules/linked') });
    mkdirSync(path.join(root, 'node_modules'));
    symlinkSync(path.join(outside, 'mod'), path.join(root, 'node_modules', 'linked'));
    writeFileSync(path.join(root, 'ok.tf'), '');
    const r = await scan(root);
    expect(r.policies.filter((p) => p.resource.includes('outside'))).toEqual([]);
    expect(adminIn(r)).toEqual([]);
  });
});
