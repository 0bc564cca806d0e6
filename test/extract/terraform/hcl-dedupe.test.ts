/**
 * `.tf` files and a plan of the same code: a plan committed in the pull request never shadows the configuration
 * (both analysed, a finding both give reported once); a plan the workflow supplies replaces the analysis of the
 * blocks it covers, when its configuration matches the checkout.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../../../src/config/options.js';
import { runGate } from '../../../src/gate.js';
import { readFileSync, writeFileSync } from 'node:fs';
import { configBlockAddress, dedupeHclAgainstPlan, markWorkflowPlan } from '../../../src/extract/terraform/dedupe.js';
import { tmpRepo } from '../../helpers/tmp-repo.js';
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

describe('plan and .tf', () => {
  it('compares configuration addresses without module path and instance keys', () => {
    expect(configBlockAddress('module.a["x"].module.b.aws_iam_role.r[0]')).toBe('aws_iam_role.r');
    expect(configBlockAddress('data.aws_iam_policy_document.p')).toBe('data.aws_iam_policy_document.p');
  });

  it('a workflow plan drops HCL records of blocks it covers; a plan from the repository drops nothing', () => {
    const plan = rec('terraform-plan', 'module.app.aws_iam_policy.p["a"]', 'modules/app/iam.tf');
    const same = rec('terraform-hcl', 'aws_iam_policy.p', 'modules/app/iam.tf');
    const otherModule = rec('terraform-hcl', 'aws_iam_policy.p', 'modules/other/iam.tf');
    const notInPlan = rec('terraform-hcl', 'aws_iam_policy.q', 'modules/app/iam.tf');
    const raw = rec('raw', 'p.json', 'p.json');
    expect(dedupeHclAgainstPlan([plan, same, otherModule, notInPlan, raw], []).policies).toEqual([plan, same, otherModule, notInPlan, raw]);
    markWorkflowPlan(plan);
    expect(dedupeHclAgainstPlan([plan, same, otherModule, notInPlan, raw], []).policies).toEqual([plan, otherModule, notInPlan, raw]);
    expect(dedupeHclAgainstPlan([same, otherModule], []).policies).toEqual([same, otherModule]);
    // a plan whose resources could not be mapped to .tf files matches by address alone
    const unmapped = rec('terraform-plan', 'aws_iam_policy.q', 'plan.json');
    markWorkflowPlan(unmapped);
    expect(dedupeHclAgainstPlan([unmapped, notInPlan], []).policies).toEqual([unmapped]);
  });

  it('a committed plan is analysed next to its .tf; a workflow plan replaces them', async () => {
    const root = path.join(FIXTURES, 'modules');
    const g = await runGate(['.'], { ...defaultOptions(root), cwd: root, accessAnalyzer: 'off' });
    expect(g.errors).toEqual([]);
    expect(g.policies.some((p) => p.format === 'terraform-plan')).toBe(true);
    expect(g.policies.some((p) => p.format === 'terraform-hcl')).toBe(true);
    // a finding both give is reported once, the plan's
    const formatOf = new Map(g.policies.map((p) => [p.id, p.format]));
    const key = (f: (typeof g.findings)[number]) => [f.ruleId, f.file, f.line, f.path ?? '', f.message].join('|');
    const planKeys = new Set(g.findings.filter((f) => formatOf.get(f.policyId ?? '') === 'terraform-plan').map(key));
    expect(planKeys.size).toBeGreaterThan(0);
    expect(g.findings.filter((f) => formatOf.get(f.policyId ?? '') === 'terraform-hcl' && planKeys.has(key(f)))).toEqual([]);
    const text = readFileSync(path.join(root, 'plan.json'), 'utf8');
    const wf = await runGate(['main.tf', 'modules'], { ...defaultOptions(root), cwd: root, accessAnalyzer: 'off' }, { terraformPlans: [{ display: 'plan-from-workflow.json', text }] });
    expect(wf.errors).toEqual([]);
    expect(wf.policies.every((p) => p.format === 'terraform-plan' || p.format === 'raw')).toBe(true);
    expect(wf.policies.filter((p) => p.resource.startsWith('module.roles.aws_iam_role_policy.this'))).toHaveLength(2);
    // the same .tf files without the plan: read directly
    const tfOnly = await runGate(['main.tf', 'modules'], { ...defaultOptions(root), cwd: root, accessAnalyzer: 'off' });
    expect(tfOnly.errors).toEqual([]);
    // the policy file read with file() is reported once, through the resource that reads it
    expect(tfOnly.policies.map((p) => [p.format, p.resource, p.file, p.line])).toEqual([
      ['terraform-hcl', 'aws_s3_bucket_policy.logs', 'main.tf', 31],
      // the module call, per instance of the names it passes (module-calls.ts)
      ['terraform-hcl', 'module.roles.aws_iam_role.this["app"]', 'modules/roles/main.tf', 8],
      ['terraform-hcl', 'module.roles.aws_iam_role.this["ci"]', 'modules/roles/main.tf', 8],
      ['terraform-hcl', 'module.roles.aws_iam_role_policy.this["app"]', 'modules/roles/main.tf', 22],
      ['terraform-hcl', 'module.roles.aws_iam_role_policy.this["ci"]', 'modules/roles/main.tf', 22],
      ['terraform-hcl', 'module.roles.aws_iam_policy.extra', 'modules/roles/main.tf', 47],
      // the module on its own (its defaults)
      ['terraform-hcl', 'aws_iam_role.this', 'modules/roles/main.tf', 8],
      ['terraform-hcl', 'aws_iam_role_policy.this', 'modules/roles/main.tf', 22],
      ['terraform-hcl', 'aws_iam_policy.extra', 'modules/roles/main.tf', 47],
    ]);
    expect(tfOnly.policies[8]!.sourceMap.get('/Statement/0')!.file).toBe('modules/roles/policies/ci-extra.json');
    expect(tfOnly.policies[5]!.sourceMap.get('/Statement/0')!.file).toBe('modules/roles/policies/ci-extra.json');
    expect(tfOnly.policies[6]!.notes).toContain('for_each is known only after apply: the block is analysed once, with placeholders for each.key/each.value');
  });

  it('a committed plan cannot hide an escalation its .tf adds; a stale workflow plan makes the verdict incomplete', async () => {
    const src = path.join(FIXTURES, 'modules');
    const files: Record<string, string> = {};
    for (const f of ['main.tf', 'plan.json', 'modules/roles/main.tf', 'modules/roles/policies/ci-extra.json']) files[f] = readFileSync(path.join(src, f), 'utf8');
    // the bucket policy the committed plan shows as private to the app role becomes public in the .tf
    const opened = files['main.tf']!.replace('identifiers = [module.roles.role_arns["app"]]', 'identifiers = ["*"]');
    expect(opened).not.toBe(files['main.tf']);
    const root = tmpRepo({ ...files, 'main.tf': opened });
    const g = await runGate(['.'], { ...defaultOptions(root), cwd: root, accessAnalyzer: 'off' });
    expect(g.verdict.status).not.toBe('pass');
    expect(g.findings.some((f) => f.ruleId === 'resource-policy-exposure' && f.severity === 'error' && f.file === 'main.tf')).toBe(true);
    const admin = '\nresource "aws_iam_role_policy" "admin" {\n  role   = "ci"\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}\n';
    writeFileSync(path.join(root, 'main.tf'), files['main.tf']! + admin);
    const planText = files['plan.json']!;
    writeFileSync(path.join(root, 'plan.json'), '{}');
    const stale = await runGate(['main.tf', 'modules'], { ...defaultOptions(root), cwd: root, accessAnalyzer: 'off' }, { terraformPlans: [{ display: 'wf-plan.json', text: planText }] });
    expect(stale.verdict.status).toBe('incomplete');
    expect(stale.errors.some((e) => e.file === 'wf-plan.json' && /does not match the checkout.*aws_iam_role_policy\.admin/.test(e.message))).toBe(true);
  });
});
