/** A repository with `.tf` files and a plan of the same code: the plan's values are analysed, each policy once. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../../../src/config/options.js';
import { runGate } from '../../../src/gate.js';
import { configBlockAddress, dedupeHclAgainstPlan } from '../../../src/extract/terraform/dedupe.js';
import { MapSourceMap } from '../../../src/policy/source-map.js';
import type { PolicyRecord, SourceFormat } from '../../../src/policy/types.js';
import { FIXTURES } from './helpers.js';

function rec(format: SourceFormat, resource: string, file: string): PolicyRecord {
  const span = { file, start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
  return {
    id: `${file}#${resource}/policy`,
    file,
    line: 1,
    endLine: 1,
    format,
    resource,
    resourceType: 'aws_iam_policy',
    propertyPath: 'policy',
    policyType: 'identity',
    document: {},
    sourceMap: new MapSourceMap(span),
    placeholders: [],
    attachedTo: [],
  };
}

describe('plan wins over .tf', () => {
  it('compares configuration addresses without module path and instance keys', () => {
    expect(configBlockAddress('module.a["x"].module.b.aws_iam_role.r[0]')).toBe('aws_iam_role.r');
    expect(configBlockAddress('data.aws_iam_policy_document.p')).toBe('data.aws_iam_policy_document.p');
  });

  it('drops HCL records of blocks the plan covers, keeps the others and everything when there is no plan', () => {
    const plan = rec('terraform-plan', 'module.app.aws_iam_policy.p["a"]', 'modules/app/iam.tf');
    const same = rec('terraform-hcl', 'aws_iam_policy.p', 'modules/app/iam.tf');
    const otherModule = rec('terraform-hcl', 'aws_iam_policy.p', 'modules/other/iam.tf');
    const notInPlan = rec('terraform-hcl', 'aws_iam_policy.q', 'modules/app/iam.tf');
    const raw = rec('raw', 'p.json', 'p.json');
    expect(dedupeHclAgainstPlan([plan, same, otherModule, notInPlan, raw], []).policies).toEqual([plan, otherModule, notInPlan, raw]);
    expect(dedupeHclAgainstPlan([same, otherModule], []).policies).toEqual([same, otherModule]);
    // a plan whose resources could not be mapped to .tf files matches by address alone
    const unmapped = rec('terraform-plan', 'aws_iam_policy.q', 'plan.json');
    expect(dedupeHclAgainstPlan([unmapped, notInPlan], []).policies).toEqual([unmapped]);
  });

  it('a scan of a module with its plan reports the plan records only, once each', async () => {
    const root = path.join(FIXTURES, 'modules');
    const g = await runGate(['.'], { ...defaultOptions(root), cwd: root, accessAnalyzer: 'off' });
    expect(g.errors).toEqual([]);
    expect(g.policies.every((p) => p.format === 'terraform-plan')).toBe(true);
    expect(g.policies.filter((p) => p.resource.startsWith('module.roles.aws_iam_role_policy.this'))).toHaveLength(2);
    // the same .tf files without the plan: read directly
    const tfOnly = await runGate(['main.tf', 'modules'], { ...defaultOptions(root), cwd: root, accessAnalyzer: 'off' });
    expect(tfOnly.errors).toEqual([]);
    // the policy file read with file() is reported once, through the resource that reads it
    expect(tfOnly.policies.map((p) => [p.format, p.resource, p.file, p.line])).toEqual([
      ['terraform-hcl', 'aws_s3_bucket_policy.logs', 'main.tf', 31],
      ['terraform-hcl', 'aws_iam_role.this', 'modules/roles/main.tf', 8],
      ['terraform-hcl', 'aws_iam_role_policy.this', 'modules/roles/main.tf', 22],
      ['terraform-hcl', 'aws_iam_policy.extra', 'modules/roles/main.tf', 47],
    ]);
    expect(tfOnly.policies[3]!.sourceMap.get('/Statement/0')!.file).toBe('modules/roles/policies/ci-extra.json');
    expect(tfOnly.policies[1]!.notes).toContain('for_each is known only after apply: the block is analysed once, with placeholders for each.key/each.value');
  });
});
