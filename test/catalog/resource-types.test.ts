/**
 * The one resource-type table, row by row: a fixture per row and per format (CloudFormation and Terraform where
 * both exist) goes through the real extractors and the real Access Analyzer client against the local fake. Each
 * must yield the row's policy type and ValidatePolicy resource type, and get CheckNoPublicAccess with the row's
 * resource type exactly when the row has one.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RESOURCE_TYPES } from '../../src/catalog/resource-types.js';
import type { ResourceTypeRow } from '../../src/catalog/resource-types.js';
import { PUBLIC_ACCESS_RESOURCE_TYPES, VALIDATE_RESOURCE_TYPES } from '../../src/checks/access-analyzer/resource-types.js';
import { RESOURCE_TABLE } from '../../src/extract/cloudformation/resources.js';
import { terraformResourceTypes, terraformRow } from '../../src/extract/terraform/resources.js';
import { analyseTexts } from '../../src/gate.js';
import { ARN_TABLE } from '../../src/extract/cloudformation/arns.js';
import type { PolicyRecord } from '../../src/policy/types.js';
import type { FakeAccessAnalyzer } from '../fakes/access-analyzer-server.js';
import { runAa, startFake, testOptions } from '../access-analyzer/helpers.js';

let fake: FakeAccessAnalyzer;
beforeAll(async () => {
  fake = await startFake();
});
afterAll(() => fake.close());
beforeEach(() => fake.resetLog());

const ACCOUNT = 'arn:aws:iam::111122223333:root';
function documentFor(row: ResourceTypeRow): Record<string, unknown> {
  const statement: Record<string, unknown> = { Sid: 'Fixture', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' };
  if (row.policyType === 'trust') Object.assign(statement, { Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' });
  else if (row.policyType === 'resource') statement.Principal = { AWS: ACCOUNT };
  if (row.policyType === 'trust' || row.policyType === 'resource') delete (statement as { Resource?: unknown }).Resource;
  if (row.policyType === 'resource') statement.Resource = '*';
  return { Version: '2012-10-17', Statement: [statement] };
}

/** Properties with the document at `path` (`*` = a list of one). */
function nest(path: string[], doc: unknown): unknown {
  if (path.length === 0) return doc;
  const [head, ...rest] = path;
  if (head === '*') return [nest(rest, doc)];
  return { [head!]: nest(rest, doc) };
}

/** Documents synthesised from properties: the arguments that make one. */
const CFN_SYNTH: Record<string, Record<string, unknown>> = {
  'AWS::Lambda::Permission': { FunctionName: 'arn:aws:lambda:us-east-1:111122223333:function:f', Action: 'lambda:InvokeFunction', Principal: '111122223333' },
  'AWS::Lambda::LayerVersionPermission': { LayerVersionArn: 'arn:aws:lambda:us-east-1:111122223333:layer:l:1', Action: 'lambda:GetLayerVersion', Principal: '111122223333' },
  'AWS::Events::EventBusPolicy': { StatementId: 'Fixture', Action: 'events:PutEvents', Principal: '111122223333' },
};
const TF_SYNTH: Record<string, string> = {
  aws_lambda_permission: 'function_name = "f"\n  action = "lambda:InvokeFunction"\n  principal = "111122223333"',
  aws_lambda_layer_version_permission: 'layer_name = "l"\n  version_number = 1\n  action = "lambda:GetLayerVersion"\n  principal = "111122223333"',
  aws_s3_bucket_acl: 'bucket = "b"\n  acl = "public-read"',
};

function cfnTemplate(type: string, path: string[] | undefined, doc: unknown): string {
  const props = path ? nest(path, doc) : CFN_SYNTH[type];
  if (!props) throw new Error(`no fixture for ${type}`);
  return JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { Holder: { Type: type, Properties: props } } }, null, 2);
}

function tfConfig(type: string, attr: string | undefined, doc: unknown): string {
  let body: string;
  if (attr === undefined) {
    body = TF_SYNTH[type] ?? '';
    if (!body) throw new Error(`no fixture for ${type}`);
  } else {
    const parts = attr.split('.');
    const value = `<<EOT\n${JSON.stringify(doc, null, 2)}\nEOT`;
    // `details.*.policy`: a nested block
    body = parts.length === 3 && parts[1] === '*' ? `${parts[0]} {\n    ${parts[2]} = ${value}\n  }` : `${attr} = ${value}`;
  }
  return `resource "${type}" "holder" {\n  ${body}\n}\n`;
}

async function extract(rel: string, text: string): Promise<PolicyRecord[]> {
  const options = testOptions({ checkNoNewAccess: false, checkAccessNotGranted: false, checkNoPublicAccess: true });
  const a = await analyseTexts([{ rel, text, explicit: true }], options, {
    read: () => {
      throw new Error('no reads');
    },
    list: () => [],
  });
  expect(a.errors).toEqual([]);
  return a.policies;
}

async function publicAccessCalls(policies: PolicyRecord[]): Promise<string[]> {
  const options = testOptions({ checkNoNewAccess: false, checkAccessNotGranted: false, checkNoPublicAccess: true });
  const r = await runAa(fake, policies, options);
  expect(r.errors).toEqual([]);
  return fake.calls('CheckNoPublicAccess').map((c) => String(c.body.resourceType));
}

const cases: { format: 'cloudformation' | 'terraform'; type: string; row: ResourceTypeRow; path?: string[]; attr?: string; noValidate?: boolean }[] = [];
for (const row of RESOURCE_TYPES) {
  for (const c of row.cfn) {
    if (c.paths.length === 0) cases.push({ format: 'cloudformation', type: c.type, row });
    for (const p of c.paths) cases.push({ format: 'cloudformation', type: c.type, row, path: p });
  }
  for (const t of row.tf) cases.push({ format: 'terraform', type: t.type, row, ...(t.attr ? { attr: t.attr } : {}), ...(t.noValidateType ? { noValidate: true } : {}) });
}

describe('every row of the resource-type table, in each format it exists in', () => {
  for (const c of cases) {
    const where = c.path ? c.path.join('.') : (c.attr ?? 'synthesised');
    it(`${c.format} ${c.type} (${where}) -> ${c.row.canonical}`, async () => {
      const doc = documentFor(c.row);
      const rel = c.format === 'cloudformation' ? 'template.json' : 'main.tf';
      const text = c.format === 'cloudformation' ? cfnTemplate(c.type, c.path, doc) : tfConfig(c.type, c.attr, doc);
      const policies = (await extract(rel, text)).filter((p) => p.resourceType === c.type);
      expect(policies, text).toHaveLength(1);
      const [rec] = policies;
      expect(rec!.policyType).toBe(c.row.policyType);
      const validate = c.noValidate || !c.path && !c.attr ? undefined : c.row.validateResourceType;
      if (c.path || c.attr) expect(rec!.validateResourceType).toBe(validate);
      fake.resetLog();
      expect(await publicAccessCalls(policies)).toEqual(c.row.accessCheckResourceType ? [c.row.accessCheckResourceType] : []);
    });
  }
});

describe('CheckNoPublicAccess for the Terraform holders two tables used to disagree on', () => {
  const expected: Record<string, string> = {
    aws_elasticsearch_domain: 'AWS::OpenSearchService::Domain',
    aws_glacier_vault_lock: 'AWS::S3::Glacier',
    aws_kms_external_key: 'AWS::KMS::Key',
    aws_kms_replica_external_key: 'AWS::KMS::Key',
    aws_s3directory_bucket_policy: 'AWS::S3Express::DirectoryBucket',
  };
  for (const [type, aaType] of Object.entries(expected)) {
    it(`${type} gets CheckNoPublicAccess as ${aaType}`, async () => {
      const attr = type === 'aws_elasticsearch_domain' ? 'access_policies' : 'policy';
      const doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }] };
      const policies = await extract('main.tf', tfConfig(type, attr, doc));
      expect(policies).toHaveLength(1);
      expect(await publicAccessCalls(policies)).toEqual([aaType]);
    });
  }
});

describe('the table is consistent', () => {
  it('every Access Analyzer type it names is one the API accepts', () => {
    for (const r of RESOURCE_TYPES) {
      if (r.accessCheckResourceType) expect(PUBLIC_ACCESS_RESOURCE_TYPES, r.canonical).toContain(r.accessCheckResourceType);
      if (r.validateResourceType) expect(VALIDATE_RESOURCE_TYPES, r.canonical).toContain(r.validateResourceType);
    }
  });

  it('one row per IaC holder type and path; canonical types are unique', () => {
    const canon = RESOURCE_TYPES.map((r) => r.canonical);
    expect(new Set(canon).size).toBe(canon.length);
    const tf = RESOURCE_TYPES.flatMap((r) => r.tf.map((t) => t.type));
    expect(new Set(tf).size).toBe(tf.length);
    const cfn = RESOURCE_TYPES.flatMap((r) => r.cfn.flatMap((c) => (c.paths.length ? c.paths.map((p) => `${c.type} ${p.join('.')}`) : [c.type])));
    expect(new Set(cfn).size).toBe(cfn.length);
  });

  it('every extractor row that holds a resource or trust policy is in the table', () => {
    const cfnTypes = new Set(RESOURCE_TYPES.flatMap((r) => r.cfn.map((c) => c.type)));
    for (const [type, row] of Object.entries(RESOURCE_TABLE)) {
      const holds = (row.slots ?? []).some((s) => s.type === 'resource' || s.type === 'trust') || ['lambda-permission', 'layer-permission', 'event-bus-policy'].includes(row.synth ?? '');
      if (holds) expect(cfnTypes.has(type), type).toBe(true);
    }
    const tfTypes = new Set(RESOURCE_TYPES.flatMap((r) => r.tf.map((t) => t.type)));
    for (const type of terraformResourceTypes()) {
      const row = terraformRow(type)!;
      const holds = row.policies.some((s) => s.policyType === 'resource' || s.policyType === 'trust') || row.synthesize !== undefined;
      if (holds) expect(tfTypes.has(type), type).toBe(true);
    }
  });
});

describe('ARN stand-ins', () => {
  const env = { partition: 'aws', region: 'eu-west-1', account: '111122223333', path: '/' };
  const pattern = (template: string) =>
    new RegExp(
      `^${template
        .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
        .replace(/\{partition\}/g, 'aws')
        .replace(/\{region\}/g, 'eu-west-1')
        .replace(/\{account\}/g, '111122223333')
        .replace(/\{name\}/g, '[^:]+')}$`,
    );
  it("every holder's ARN stand-in has the shape of the ARN CloudFormation's Ref/GetAtt stand-in builds", () => {
    const checked: string[] = [];
    for (const row of RESOURCE_TYPES) {
      const arnRow = ARN_TABLE[row.canonical];
      if (!row.arn || !arnRow) continue;
      expect(arnRow.arn('holder', env), row.canonical).toMatch(pattern(row.arn));
      checked.push(row.canonical);
    }
    expect(checked.length).toBeGreaterThan(10);
  });
});
