/**
 * A plan resource whose policy the plan does not show -- unknown until apply (after_unknown) or withheld as
 * sensitive (after_sensitive) -- is rebuilt from the plan's configuration when it records the expression, and is
 * otherwise "not analysed" (incomplete, naming the resource): never 0 policies and a pass.
 */
import { describe, expect, it } from 'vitest';
import { defaultOptions } from '../../../src/config/options.js';
import { runGate } from '../../../src/gate.js';
import { tmpRepo } from '../../helpers/tmp-repo.js';

const ADMIN = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });

function plan(mask: { afterUnknown?: object; afterSensitive?: object }, configuration?: object, type = 'aws_iam_policy') {
  const r = { address: `${type}.app`, mode: 'managed', type, name: 'app', provider_name: 'registry.terraform.io/hashicorp/aws' };
  return JSON.stringify({
    format_version: '1.2',
    terraform_version: '1.9.5',
    planned_values: { root_module: { resources: [{ ...r, schema_version: 0, values: { name: 'app' }, sensitive_values: {} }] } },
    resource_changes: [{ ...r, change: { actions: ['create'], before: null, after: { name: 'app' }, after_unknown: mask.afterUnknown ?? {}, before_sensitive: false, after_sensitive: mask.afterSensitive ?? {} } }],
    ...(configuration ? { configuration } : {}),
  });
}
const config = (expressions: object, type = 'aws_iam_policy') => ({ root_module: { resources: [{ address: `${type}.app`, mode: 'managed', type, name: 'app', expressions }] } });

async function gate(text: string) {
  const root = tmpRepo({ 'plan.json': text });
  return runGate(['.'], { ...defaultOptions(root), cwd: root, accessAnalyzer: 'off' });
}

describe('plan policies the plan does not show', () => {
  for (const [what, mask, phrase] of [
    ['unknown until apply', { afterUnknown: { policy: true } }, 'after_unknown'],
    ['withheld as sensitive', { afterSensitive: { policy: true } }, 'after_sensitive'],
  ] as const) {
    it(`${what}, no configuration: incomplete, naming the resource`, async () => {
      const g = await gate(plan(mask));
      expect(g.verdict.status).toBe('incomplete');
      expect(g.errors.some((e) => e.message.startsWith('aws_iam_policy.app.policy: the policy was not analysed') && e.message.includes(phrase))).toBe(true);
    });

    it(`${what}, expression in the configuration: rebuilt from it and judged`, async () => {
      const g = await gate(plan(mask, config({ name: { constant_value: 'app' }, policy: { constant_value: ADMIN } })));
      expect(g.policies.map((p) => p.resource)).toEqual(['aws_iam_policy.app']);
      expect(g.findings.some((f) => f.ruleId === 'admin-wildcard')).toBe(true);
      expect(g.verdict.status).toBe('fail');
    });
  }

  it('a policy the provider computes (not in the recorded configuration) is not a policy to check (control)', async () => {
    const g = await gate(plan({ afterUnknown: { policy: true } }, config({ bucket: { constant_value: 'b' } }, 'aws_s3_bucket'), 'aws_s3_bucket'));
    expect(g.errors).toEqual([]);
    expect(g.verdict.status).toBe('pass');
  });
});
