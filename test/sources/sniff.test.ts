/**
 * Files that are templates or policies by content are found whatever their name; everything else in a repository
 * stays quiet (no new errors), binaries are not read, and the cost is bounded (first bytes only, unless the file
 * starts as JSON/YAML).
 */
import { describe, expect, it } from 'vitest';
import { runGate } from '../../src/gate.js';
import { defaultOptions } from '../../src/config/options.js';
import { sniffText } from '../../src/sources/sniff.js';
import { filterChangedPaths } from '../../src/sources/changed.js';
import { tmpRepo } from '../helpers/tmp-repo.js';

const admin = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' }] }, null, 2);
const cfnYaml = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Admin:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Action: "*"\n            Resource: "*"\n';
const samNoHeader = '# deployed with sam deploy -t app\nTransform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: x\n      Runtime: python3.12\n      CodeUri: .\n      Policies:\n        - Statement:\n            - Effect: Allow\n              Action: "*"\n              Resource: "*"\n';
const cfnJson = JSON.stringify({ Resources: { P: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: JSON.parse(admin) } } } }, null, 2);

async function scan(files: Record<string, string | Uint8Array>) {
  const root = tmpRepo(files);
  return { root, r: await runGate(['.'], { ...defaultOptions(root), accessAnalyzer: 'off' }) };
}

const adminFiles = (r: Awaited<ReturnType<typeof scan>>['r']) =>
  [...new Set(r.findings.filter((f) => f.ruleId === 'admin-wildcard').map((f) => f.file))].sort();

describe('content sniffing on a directory walk', () => {
  it('finds templates and policies whatever their name', async () => {
    const { r } = await scan({
      'stack.cfn': cfnYaml,
      'infra/template': cfnYaml, // no extension
      'infra/app.tmpl': samNoHeader,
      'infra/stack.yaml.txt': cfnYaml,
      'infra/stack.cfn.json5': cfnJson,
      'iam/admin.policy': admin,
      'iam/admin-json-in.yaml': admin, // JSON content under a YAML name
      'iam/padded.txt': '{' + ' '.repeat(10_000) + admin.slice(1), // the marker past the first bytes
    });
    expect(adminFiles(r)).toEqual(['iam/admin-json-in.yaml', 'iam/admin.policy', 'iam/padded.txt', 'infra/app.tmpl', 'infra/stack.cfn.json5', 'infra/stack.yaml.txt', 'infra/template', 'stack.cfn']);
    expect(r.errors).toEqual([]);
  });

  it('a policy-looking file that is not valid JSON (a .jsonc with comments) is an error, never skipped', async () => {
    const { r } = await scan({ 'iam/admin.jsonc': '// the CI strips comments before create-policy\n' + admin });
    expect(r.errors.map((e) => e.file)).toEqual(['iam/admin.jsonc']);
    expect(r.verdict.status).not.toBe('pass');
  });

  it('stays quiet on the rest of a repository: code that builds policies, docs with examples, binaries, notes', async () => {
    const { r } = await scan({
      'src/iam.py': `import json\nPOLICY = json.dumps(${admin})\n`,
      'src/iam.ts': `export const policy = ${admin};\n`,
      'README.md': '# Stack\n\n```yaml\n' + cfnYaml + '```\n',
      'docs/page.md': '---\ntitle: Template\n---\n\n```yaml\n' + cfnYaml + '```\n',
      'Makefile': 'deploy:\n\taws cloudformation deploy --template-file stack.cfn\n',
      'NOTES': 'Resources: see the wiki\nType: AWS::IAM::Role is what we use\n',
      'LICENSE': 'MIT License\n\nCopyright (c) 2026\n',
      'Dockerfile': 'FROM node:24\nCOPY . .\n',
      'data/blob.bin': Uint8Array.from({ length: 8192 }, (_, i) => (i * 31) % 256),
      'img/logo.png': Buffer.concat([Buffer.from('{"Statement": '), Buffer.alloc(100)]),
      'data/geo.geojson': JSON.stringify({ type: 'FeatureCollection', features: [] }),
      'notebook.ipynb': JSON.stringify({ cells: [], metadata: {}, nbformat: 4 }),
      // a Terraform template: not JSON until templatefile() renders it (analysed through the .tf that does)
      'modules/iam/policy.json.tpl': '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": ${jsonencode(arns)}}]}',
      'modules/iam/trust.tftpl': '{"Statement": [%{ for p in principals ~}{"Principal": "${p}"}%{ endfor ~}]}',
    });
    expect(r.policies).toEqual([]);
    expect(r.errors).toEqual([]);
    expect(r.verdict.status).toBe('pass');
  });

  it('a glob finds them too, and reads only what it matches', async () => {
    const root = tmpRepo({ 'infra/template': cfnYaml, 'other/template': cfnYaml });
    const r = await runGate(['infra/**'], { ...defaultOptions(root), accessAnalyzer: 'off' });
    expect(adminFiles(r)).toEqual(['infra/template']);
  });

  it('a pull request changing such a file analyses it too', async () => {
    const root = tmpRepo({ 'stack.cfn': cfnYaml, 'notes.txt': 'hello\n', 'bin.dat': 'x' });
    expect(filterChangedPaths(['stack.cfn', 'notes.txt', 'bin.dat', 'gone.cfn'], defaultOptions(root))).toEqual(['stack.cfn']);
    const r = await runGate([], { ...defaultOptions(root), accessAnalyzer: 'off' }, { files: ['stack.cfn', 'notes.txt'] });
    expect(adminFiles(r)).toEqual(['stack.cfn']);
  });

  it('judges the start of the text, not a mention', () => {
    expect(sniffText(cfnYaml)).toBe('yaml');
    expect(sniffText('\ufeff' + admin)).toBe('json');
    expect(sniffText('/* c */\n// d\n' + admin)).toBe('json');
    expect(sniffText('x = 1\nAWSTemplateFormatVersion: "2010-09-09"\n')).toBeUndefined();
    expect(sniffText(`const p = ${admin}`)).toBeUndefined();
    expect(sniffText('{"a": 1}')).toBe('maybe');
    expect(sniffText('Note: later\n')).toBe('maybe');
    expect(sniffText('{"Statement": [\u0000]}')).toBeUndefined();
  });
});
