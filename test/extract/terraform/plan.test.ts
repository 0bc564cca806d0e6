import { describe, expect, it } from 'vitest';
import { runOfflineChecks } from '../../../src/checks/index.js';
import { defaultOptions } from '../../../src/config/options.js';
import { setManagedPolicyLookup } from '../../../src/extract/terraform/managed-policies.js';
import { byResource, extractFixture } from './helpers.js';

describe('terraform plan: modules, for_each, unknown values, .tf lines', () => {
  it('extracts every for_each instance of a module resource and maps it to the module .tf block', async () => {
    const r = await extractFixture('modules', 'plan.json');
    expect(r.errors).toEqual([]);
    const app = byResource(r.policies, 'module.roles.aws_iam_role_policy.this["app"]');
    const ci = byResource(r.policies, 'module.roles.aws_iam_role_policy.this["ci"]');
    for (const p of [app, ci]) {
      expect(p).toMatchObject({ file: 'modules/roles/main.tf', line: 22, format: 'terraform-plan', policyType: 'identity', name: 'deploy' });
      // statement and value lines inside the jsonencode(...)
      expect(p.sourceMap.locate('/Statement/0').start.line).toBe(25);
      expect(p.sourceMap.locate('/Statement/0/Action/1').start.line).toBe(28);
      expect(p.sourceMap.locate('/Statement/1/Action').start.line).toBe(34);
    }
    // role = each.value.id with for_each = aws_iam_role.this: attached to the role instance of the same key
    expect(app.attachedTo).toEqual([{ kind: 'role', id: 'module.roles.aws_iam_role.this["app"]', via: 'inline' }]);
    expect(ci.attachedTo).toEqual([{ kind: 'role', id: 'module.roles.aws_iam_role.this["ci"]', via: 'inline' }]);
    const trust = byResource(r.policies, 'module.roles.aws_iam_role.this["ci"]', 'assume_role_policy');
    expect(trust).toMatchObject({ policyType: 'trust', validateResourceType: 'AWS::IAM::AssumeRolePolicyDocument', line: 8 });
    expect(r.entities.map((e) => `${e.kind} ${e.id}`)).toEqual([
      'role module.roles.aws_iam_role.this["app"]',
      'role module.roles.aws_iam_role.this["ci"]',
    ]);
  });

  it('without the .tf sources, the stand-in comes from the plan reference alone and the record points into the plan', async () => {
    const { readFileSync } = await import('node:fs');
    const { FIXTURES } = await import('./helpers.js');
    const text = readFileSync(`${FIXTURES}/modules/plan.json`, 'utf8');
    // same plan, scanned from a directory without .tf files
    const r = await extractFixture('changes', 'plan.json', { text });
    const bp = byResource(r.policies, 'aws_s3_bucket_policy.logs');
    expect(bp).toMatchObject({ file: 'plan.json' });
    expect(bp.line).toBeGreaterThan(1);
    expect((bp.document as { Statement: { Resource: string }[] }).Statement[0]!.Resource).toBe('arn:aws:s3:::acme-logs');
    expect(bp.placeholders.map((p) => p.expression)).toEqual(['aws_s3_bucket.logs.arn', 'module.roles.role_arns["app"]']);
  });

  it('a module .tf file that does not parse: its records point at their plan lines with a note, none is lost', async () => {
    const good = await extractFixture('modules', 'plan.json');
    const r = await extractFixture('broken-module', 'plan.json');
    expect(r.policies.map((p) => p.resource)).toEqual(good.policies.map((p) => p.resource));
    const app = byResource(r.policies, 'module.roles.aws_iam_role_policy.this["app"]');
    expect(app.file).toBe('plan.json');
    expect(app.line).toBeGreaterThan(1);
    expect(app.notes).toContain("modules/roles/main.tf could not be parsed as HCL: positions are this resource's line in the plan file");
    // the root module parses: its records keep their .tf lines and carry no such note
    const bp = byResource(r.policies, 'aws_s3_bucket_policy.logs');
    expect(bp).toMatchObject({ file: 'main.tf', line: byResource(good.policies, 'aws_s3_bucket_policy.logs').line });
    expect(bp.notes ?? []).not.toContainEqual(expect.stringMatching(/could not be parsed/));
  });

  it('follows policy = file("${path.module}/...") to the statement lines in the JSON file', async () => {
    const r = await extractFixture('modules', 'plan.json');
    const extra = byResource(r.policies, 'module.roles.aws_iam_policy.extra');
    expect(extra).toMatchObject({ file: 'modules/roles/policies/ci-extra.json', line: 1, endLine: 11, name: 'ci-extra' });
    expect(extra.sourceMap.locate('/Statement/0/Action').start.line).toBe(7);
    // the files the records point into, so a raw scan of the same JSON file can be recognised
    expect(r.dependencies).toEqual(['main.tf', 'modules/roles/main.tf', 'modules/roles/policies/ci-extra.json']);
  });

  it('reports findings on the .tf line of the statement', async () => {
    const r = await extractFixture('modules', 'plan.json');
    const findings = runOfflineChecks(r.policies, r.entities, defaultOptions('/repo')).filter((f) => f.ruleId === 'admin-wildcard');
    expect(findings.map((f) => [f.file, f.line, f.resource])).toEqual([
      ['modules/roles/main.tf', 34, 'module.roles.aws_iam_role_policy.this["app"]'],
      ['modules/roles/main.tf', 34, 'module.roles.aws_iam_role_policy.this["ci"]'],
    ]);
  });

  it('rebuilds an aws_iam_policy_document unknown at plan time, with placeholders for ARNs known only after apply', async () => {
    const r = await extractFixture('modules', 'plan.json');
    const bp = byResource(r.policies, 'aws_s3_bucket_policy.logs');
    expect(bp).toMatchObject({ file: 'main.tf', line: 31, policyType: 'resource', validateResourceType: 'AWS::S3::Bucket' });
    expect(bp.document).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'ReadLogs',
          Effect: 'Allow',
          Action: 's3:GetObject',
          // the plan only knows the reference; the .tf text gives the template "${aws_s3_bucket.logs.arn}/*"
          Resource: 'arn:aws:s3:::acme-logs/*',
          Principal: { AWS: 'arn:aws:iam::123456789012:role/app-runner' },
        },
      ],
    });
    expect(bp.placeholders).toEqual([
      expect.objectContaining({ path: '/Statement/0/Resource', expression: 'aws_s3_bucket.logs.arn', standIn: 'arn:aws:s3:::acme-logs' }),
      expect.objectContaining({
        path: '/Statement/0/Principal/AWS',
        expression: 'module.roles.role_arns["app"]',
        standIn: 'arn:aws:iam::123456789012:role/app-runner',
      }),
    ]);
    // the statement lines are those of the data source block
    expect(bp.sourceMap.locate('/Statement/0/Action').start).toMatchObject({ line: 19 });
    expect(bp.sourceMap.locate('/Statement/0/Resource').start).toMatchObject({ line: 20 });
    // the suppression comment above the resource block
    expect(bp.inlineSuppressions).toEqual([
      { rule: 'resource-policy-review', reason: 'bucket is private to the app role', file: 'main.tf', line: 28 },
    ]);
    const ds = byResource(r.policies, 'data.aws_iam_policy_document.logs');
    expect(ds).toMatchObject({ file: 'main.tf', line: 16, endLine: 26, policyType: 'resource', resourceType: 'aws_iam_policy_document' });
    expect(ds.document).toEqual(bp.document);
    expect(ds.notes).toContain('used by aws_s3_bucket_policy.logs.policy');
  });
});

describe('terraform plan: changes, organisations, attachments, bad policies', () => {
  it('keeps the before document of an update as the base and marks no-op resources as existing', async () => {
    const r = await extractFixture('changes', 'plan.json');
    const deploy = byResource(r.policies, 'aws_iam_policy.deploy');
    expect((deploy.document as { Statement: unknown[] }).Statement).toHaveLength(2);
    expect((deploy.base as { Statement: unknown[] }).Statement).toEqual([
      { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-artifacts/*' },
    ]);
    // no .tf sources in the repository: the record points at the resource in the plan
    expect(deploy).toMatchObject({ file: 'plan.json', line: 8 });
    const ci = byResource(r.policies, 'aws_iam_role.ci');
    expect(ci.base).toEqual(ci.document);
    expect(ci.notes?.[0]).toMatch(/unchanged by this plan/);
  });

  it('skips resources the plan deletes unless all resources are asked for', async () => {
    const r = await extractFixture('changes', 'plan.json');
    expect(r.policies.map((p) => p.resource)).not.toContain('aws_iam_policy.legacy');
    const all = await extractFixture('changes', 'plan.json', { options: { terraformAllResources: true } });
    const legacy = byResource(all.policies, 'aws_iam_policy.legacy');
    expect(legacy.notes).toEqual([expect.stringMatching(/deleted by this plan/)]);
    expect(byResource(all.policies, 'aws_iam_role.ci').base).toBeUndefined();
  });

  it('types organizations policies by `type`: SCP, RCP; a tag policy is skipped with a note', async () => {
    const r = await extractFixture('changes', 'plan.json');
    expect(byResource(r.policies, 'aws_organizations_policy.deny_regions').policyType).toBe('scp');
    expect(byResource(r.policies, 'aws_organizations_policy.tls').policyType).toBe('rcp');
    expect(r.policies.map((p) => p.resource)).not.toContain('aws_organizations_policy.tags');
    const note = r.findings.find((f) => f.resource === 'aws_organizations_policy.tags');
    expect(note).toMatchObject({ ruleId: 'terraform-not-checked', severity: 'suggestion', line: 105 });
  });

  it('links attachments: managed policy of the plan learns its principals; AWS managed ARNs stay entities', async () => {
    const r = await extractFixture('changes', 'plan.json');
    expect(byResource(r.policies, 'aws_iam_policy.deploy').attachedTo).toEqual([{ kind: 'role', id: 'aws_iam_role.ci', via: 'managed' }]);
    expect(byResource(r.policies, 'aws_iam_role_policy.confused').attachedTo).toEqual([{ kind: 'role', id: 'aws_iam_role.ci', via: 'inline' }]);
    const att = r.entities.find((e) => e.id === 'aws_iam_policy_attachment.auditors');
    expect(att?.kind).toBe('managed-policy-attachment');
    expect(att?.properties.attachments).toEqual([
      // literal names: matched against the names of declared principals only (a name is never an address)
      { principal: { kind: 'user', id: 'alice', external: true, via: 'managed' }, policy: 'arn:aws:iam::aws:policy/SecurityAudit', policyRefs: [] },
      { principal: { kind: 'group', id: 'auditors', external: true, via: 'managed' }, policy: 'arn:aws:iam::aws:policy/SecurityAudit', policyRefs: [] },
    ]);
  });

  it('an attached AWS managed policy becomes a record when its document is known', async () => {
    const securityAudit = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*'], Resource: '*' }] };
    setManagedPolicyLookup((arn) => (arn === 'arn:aws:iam::aws:policy/SecurityAudit' ? { document: securityAudit, version: 'v42' } : undefined));
    try {
      const r = await extractFixture('changes', 'plan.json');
      const recs = r.policies.filter((p) => p.resource === 'aws_iam_policy_attachment.auditors');
      expect(recs.map((p) => [p.propertyPath, p.policyType, p.attachedTo])).toEqual([
        [
          'policy_arn/SecurityAudit',
          'identity',
          [
            { kind: 'user', id: 'alice', via: 'managed', external: true },
            { kind: 'group', id: 'auditors', via: 'managed', external: true },
          ],
        ],
      ]);
      expect(recs[0]!.document).toEqual(securityAudit);
      expect(recs[0]!.notes).toEqual(['AWS managed policy arn:aws:iam::aws:policy/SecurityAudit (v42)']);
    } finally {
      setManagedPolicyLookup(() => undefined);
    }
    const without = await extractFixture('changes', 'plan.json');
    expect(without.policies.filter((p) => p.resource === 'aws_iam_policy_attachment.auditors')).toEqual([]);
  });

  it('reports bad policies by resource address and goes on', async () => {
    const r = await extractFixture('changes', 'plan.json');
    const invalid = r.findings.find((f) => f.ruleId === 'terraform-invalid-policy');
    expect(invalid).toMatchObject({ severity: 'error', file: 'plan.json', line: 133, resource: 'aws_sqs_queue_policy.jobs' });
    expect(invalid?.message).toMatch(/^aws_sqs_queue_policy\.jobs\.policy: the policy is not valid JSON/);
    // a policy computed at apply from an expression the plan does not keep: not analysed, and said so
    expect(r.errors).toEqual([
      expect.objectContaining({ file: 'plan.json', line: 146, kind: 'extract', message: expect.stringMatching(/^aws_kms_key\.data\.policy: the policy is known only after apply/) }),
    ]);
    // Action with NotAction: the grammar rule reports it on the plan line of the resource
    const checks = runOfflineChecks(r.policies, r.entities, defaultOptions('/repo'));
    expect(checks.filter((f) => f.ruleId === 'UNSUPPORTED_ELEMENT_COMBINATION').map((f) => [f.resource, f.line])).toEqual([
      ['aws_iam_role_policy.confused', 119],
    ]);
  });
});

describe('terraform plan: bad input', () => {
  const head = '{\n  "format_version": "1.2",\n  "terraform_version": "1.9.5",\n';
  it('truncated JSON: an error with the line', async () => {
    const r = await extractFixture('changes', 'plan.json', { text: `${head}  "planned_values": {\n    "root_module": {\n` });
    expect(r.policies).toEqual([]);
    expect(r.errors).toEqual([expect.objectContaining({ file: 'plan.json', line: 6, kind: 'input', message: expect.stringMatching(/invalid Terraform plan JSON/) })]);
  });
  it('not a plan', async () => {
    const r = await extractFixture('changes', 'plan.json', { text: `${head}  "outputs": {}\n}\n` });
    expect(r.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/^not a Terraform plan/) })]);
  });
  it('malformed configuration expressions do not stop the plan from being read', async () => {
    const { readFileSync } = await import('node:fs');
    const { FIXTURES } = await import('./helpers.js');
    const plan = JSON.parse(readFileSync(`${FIXTURES}/changes/plan.json`, 'utf8')) as {
      configuration: { root_module: { resources: { address: string; expressions: Record<string, unknown> }[] } };
    };
    for (const r of plan.configuration.root_module.resources) for (const e of Object.values(r.expressions)) (e as { references?: unknown }).references = 'not-a-list';
    const r = await extractFixture('changes', 'plan.json', { text: JSON.stringify(plan, null, 2) });
    expect(r.policies.map((p) => p.resource)).toContain('aws_iam_policy.deploy');
    expect(byResource(r.policies, 'aws_iam_role_policy.confused').attachedTo).toEqual([{ kind: 'role', id: 'ci', external: true, via: 'inline' }]);
  });
  it('an unsupported format version', async () => {
    const r = await extractFixture('changes', 'plan.json', { text: '{\n  "format_version": "2.0",\n  "terraform_version": "2.0.0",\n  "planned_values": {}\n}\n' });
    expect(r.errors).toEqual([expect.objectContaining({ line: 1, message: expect.stringMatching(/unsupported Terraform plan format version "2\.0"/) })]);
  });
});
