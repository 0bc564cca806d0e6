/**
 * Issue 19: a directory walk skips what is not ours quietly (vendored SDK data, CDK metadata, package data,
 * OpenAPI, build and vendor copies of templates), counts it by reason in the report, and still reads every
 * policy once. A file named explicitly that is not ours is still an error.
 */
import { describe, expect, it } from 'vitest';
import { scan } from '../extract/cloudformation/scan-helper.js';
import { runGate } from '../../src/gate.js';
import { defaultOptions } from '../../src/config/options.js';
import { toJsonReport } from '../../src/report/json.js';
import { tmpRepo } from '../helpers/tmp-repo.js';

const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Admin:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]
      Policies:
        - PolicyName: all
          PolicyDocument:
            Statement:
              - Effect: Allow
                Action: "iam:*"
                Resource: "*"
`;

// what botocore ships (service-2.json): shapes with members named Version and Statement
const BOTOCORE = JSON.stringify({
  version: '2.0',
  metadata: { apiVersion: '2010-05-08', serviceId: 'IAM' },
  shapes: { Policy: { type: 'structure', members: { Version: { shape: 'String' }, Statement: { shape: 'StatementList' } } } },
});
const CDK_TREE = JSON.stringify({
  version: 'tree-0.1',
  tree: { id: 'App', children: { Stack: { attributes: { 'aws:cdk:cloudformation:props': { policyDocument: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } } } } } },
});
const OPENAPI = JSON.stringify({ openapi: '3.0.1', info: { title: 'api', version: '1' }, components: { schemas: { Statement: { type: 'object' } } } });
const SNAPSHOT = JSON.stringify({ Version: { ok: true }, results: [{ Statement: 'x' }] });

describe('a vendored tree scans with 0 errors and each policy once', () => {
  const tree = {
    'template.yaml': TEMPLATE,
    'node_modules/some-lib/template.yaml': TEMPLATE,
    '.aws-sam/build/template.yaml': TEMPLATE,
    'cdk.out/asset.0a1b2c/template.yaml': TEMPLATE,
    'vendor/botocore/data/iam/2010-05-08/service-2.json': BOTOCORE,
    'lambda/.venv/lib/python3.12/site-packages/botocore/data/iam/2010-05-08/service-2.json': BOTOCORE,
    'lambda/deps/site-packages/botocore/data/iam/service-2.json': BOTOCORE,
    'tools/botocore-data/iam/service-2.json': BOTOCORE,
    'cdk.out/tree.json': CDK_TREE,
    'api/openapi.json': OPENAPI,
    'test/__snapshots__/out.json': SNAPSHOT,
    'web/package.json': '{"name": "web"}',
    'web/dist/template.yaml': TEMPLATE,
  };
  it('no errors, one record of the role policy, skipped counted by reason', async () => {
    const r = await scan(tree);
    expect(r.errors).toEqual([]);
    expect(r.policies.filter((p) => p.resource === 'Admin' && p.policyType === 'identity').map((p) => p.file)).toEqual(['template.yaml']);
    expect(new Set(r.findings.map((f) => f.file))).toEqual(new Set(['template.yaml']));
    expect(r.stats.skipped).toMatchObject({
      'not-a-policy-or-template': 2, // tools/botocore-data, the snapshot
      'cdk-metadata': 1,
      openapi: 1,
      'vendor-or-build-folders': 7, // node_modules, .aws-sam, cdk.out/asset.*, vendor, .venv, site-packages, web/dist
    });
    const report = toJsonReport(r) as { summary: { skipped?: Record<string, number> } };
    expect(report.summary.skipped).toEqual(r.stats.skipped);
  });
  it('default-excludes: false walks build and vendor folders (node_modules and .aws-sam stay skipped)', async () => {
    const r = await scan(tree, (o) => {
      o.defaultExcludes = false;
    });
    expect(r.errors).toEqual([]);
    expect(r.policies.filter((p) => p.resource === 'Admin' && p.policyType === 'identity').map((p) => p.file).sort()).toEqual([
      'cdk.out/asset.0a1b2c/template.yaml',
      'template.yaml',
      'web/dist/template.yaml',
    ]);
  });
  it('a JSON file named explicitly that is not ours is still an error', async () => {
    const root = tmpRepo({ 'service-2.json': BOTOCORE });
    const o = defaultOptions(root, root);
    o.accessAnalyzer = 'off';
    const r = await runGate(['service-2.json'], o);
    expect(r.errors.map((e) => e.message)).toEqual([expect.stringMatching(/not a policy document/)]);
    expect(r.verdict.status).not.toBe('pass');
  });
  it('a pull request that adds a template under vendor/ has it analysed (a change cannot hide a template there)', async () => {
    const root = tmpRepo({ 'vendor/x/template.yaml': TEMPLATE, 'vendor/y/template.yaml': TEMPLATE });
    const o = defaultOptions(root, root);
    o.accessAnalyzer = 'off';
    const r = await runGate(['.'], o, { changes: { paths: new Set(['vendor/x/template.yaml']), listings: new Set(['vendor/x']) } });
    expect(r.policies.filter((p) => p.resource === 'Admin' && p.policyType === 'identity').map((p) => p.file)).toEqual(['vendor/x/template.yaml']);
    expect(r.verdict.status).toBe('fail');
  });
});
