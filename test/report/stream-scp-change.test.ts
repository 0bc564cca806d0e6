/**
 * A whole-repository scan analysed file by file checks SCP/RCP records as they are analysed (stream-kept.ts), but a
 * record with a version before it — a committed Terraform plan's `before` — is judged by the organisation stage whole:
 * its change impact (scp-change-impact, the report's scpImpacts) is the same as in the whole-run flow (red team S9-F1:
 * an RCP loosened in a plan passed).
 */
import { describe, expect, it } from 'vitest';
import { runGate } from '../../src/gate.js';
import { loadOptions } from '../../src/config/load.js';
import { FIXED_NOW } from '../golden/golden.js';
import { tmpRepo } from '../helpers/tmp-repo.js';

const content = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
const rcp = (action: string) => content({ Effect: 'Deny', Principal: '*', Action: action, Resource: '*', Condition: { StringNotEqualsIfExists: { 'aws:SourceOrgID': 'o-1' } } });
const scp = (deny: string[]) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }, ...(deny.length ? [{ Effect: 'Deny', Action: deny, Resource: '*' }] : [])] });
const change = (name: string, type: string, before: string, after: string) => ({
  address: `aws_organizations_policy.${name}`,
  mode: 'managed',
  type: 'aws_organizations_policy',
  name,
  change: { actions: ['update'], before: { name, content: before, type }, after: { name, content: after, type }, after_unknown: {} },
});
const plan = JSON.stringify(
  {
    format_version: '1.0',
    terraform_version: '1.6.0',
    planned_values: { root_module: { resources: [] } },
    resource_changes: [change('r', 'RESOURCE_CONTROL_POLICY', rcp('s3:*'), rcp('s3:GetObject')), change('g', 'SERVICE_CONTROL_POLICY', scp([]), scp(['ec2:RunInstances']))],
  },
  null,
  1,
);

const load = (root: string) => {
  const { options } = loadOptions(root, root, undefined, { cli: { accessAnalyzer: 'off' } });
  options.now = FIXED_NOW;
  return options;
};

describe('SCP and RCP changes in a committed plan, file by file', () => {
  it('judged as in the whole-run flow: the loosened RCP blocks, both changes have their impact', async () => {
    const root = tmpRepo({ 'plan.json': plan, 'other.json': content({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }) });
    const whole = await runGate(['.'], load(root));
    for (const spillAfter of [0, Infinity]) {
      const streamed = await runGate(['.'], load(root), { stream: { spillAfter }, workers: 0 });
      expect(streamed.findings.map((f) => [f.ruleId, f.severity, f.line, f.message])).toEqual(whole.findings.map((f) => [f.ruleId, f.severity, f.line, f.message]));
      expect(streamed.scpImpacts.map((i) => i.policyType)).toEqual(['rcp', 'scp']);
      expect(streamed.verdict.status).toBe('fail');
    }
    expect(whole.findings.filter((f) => f.ruleId === 'scp-change-impact').map((f) => f.severity)).toContain('security-warning');
  });
});
