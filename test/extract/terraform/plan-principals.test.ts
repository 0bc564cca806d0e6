/**
 * Plans with values stripped ("" where the configuration computes the policy), resources declared with
 * `count = 0`, and a data source document consumed by a resource: nothing skipped silently, nothing twice.
 */
import { describe, expect, it } from 'vitest';
import { runGate } from '../../../src/gate.js';
import { defaultOptions } from '../../../src/config/options.js';
import { tmpRepo } from '../../helpers/tmp-repo.js';

const LOGS = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Sid: 'Metrics', Effect: 'Allow', Action: 'cloudwatch:PutMetricData', Resource: '*' }],
});

/** A plan as `terraform show -json` writes it, with the role policy's value stripped to "". */
function plan(): string {
  const noop = (address: string, type: string, name: string, values: Record<string, unknown>) => ({
    address, mode: 'managed', type, name, provider_name: 'registry.terraform.io/hashicorp/aws',
    change: { actions: ['no-op'], before: values, after: values, after_unknown: {} },
  });
  const role = { name: 'metrics', assume_role_policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) };
  const rolePolicy = { name: 'metrics', role: 'metrics', policy: '' };
  return JSON.stringify(
    {
      format_version: '1.2',
      terraform_version: '1.9.5',
      planned_values: {
        root_module: {
          resources: [
            { address: 'aws_iam_role.metrics', mode: 'managed', type: 'aws_iam_role', name: 'metrics', values: role },
            { address: 'aws_iam_role_policy.metrics', mode: 'managed', type: 'aws_iam_role_policy', name: 'metrics', values: rolePolicy },
          ],
        },
      },
      resource_changes: [noop('aws_iam_role.metrics', 'aws_iam_role', 'metrics', role), noop('aws_iam_role_policy.metrics', 'aws_iam_role_policy', 'metrics', rolePolicy)],
      prior_state: {
        values: {
          root_module: {
            resources: [{ address: 'data.aws_iam_policy_document.metrics', mode: 'data', type: 'aws_iam_policy_document', name: 'metrics', values: { json: LOGS } }],
          },
        },
      },
      configuration: {
        root_module: {
          resources: [
            { address: 'aws_iam_role.metrics', mode: 'managed', type: 'aws_iam_role', name: 'metrics', expressions: { name: { constant_value: 'metrics' } } },
            {
              address: 'aws_iam_role_policy.metrics', mode: 'managed', type: 'aws_iam_role_policy', name: 'metrics',
              expressions: { policy: { references: ['data.aws_iam_policy_document.metrics.json', 'data.aws_iam_policy_document.metrics'] }, role: { references: ['aws_iam_role.metrics.id', 'aws_iam_role.metrics'] } },
            },
            {
              address: 'aws_iam_role_policy_attachment.codedeploy', mode: 'managed', type: 'aws_iam_role_policy_attachment', name: 'codedeploy',
              expressions: { policy_arn: { constant_value: 'arn:aws:iam::aws:policy/service-role/AmazonEC2RoleforAWSCodeDeploy' }, role: { references: ['aws_iam_role.metrics.name', 'aws_iam_role.metrics'] } },
              count_expression: { references: ['var.codedeploy'] },
            },
            { address: 'data.aws_iam_policy_document.metrics', mode: 'data', type: 'aws_iam_policy_document', name: 'metrics', expressions: {} },
          ],
        },
      },
    },
    null,
    2,
  );
}

describe('plan: stripped values, declared-only resources, consumed data sources', () => {
  it('rebuilds a policy shown as "" from the data source its configuration references, and reports it once', async () => {
    const root = tmpRepo({ 'plan.json': plan() });
    const options = defaultOptions(root, root);
    options.accessAnalyzer = 'off';
    const r = await runGate(['.'], options);
    expect(r.errors).toEqual([]);
    const rp = r.policies.find((p) => p.resource === 'aws_iam_role_policy.metrics')!;
    expect(rp.document).toEqual(JSON.parse(LOGS));
    expect(rp.attachedTo).toEqual([{ kind: 'role', id: 'aws_iam_role.metrics', via: 'inline' }]);
    // the data source record is listed too, but the finding on the shared text is reported once
    expect(r.policies.some((p) => p.resource === 'data.aws_iam_policy_document.metrics')).toBe(true);
    const onMetrics = r.findings.filter((f) => f.ruleId === 'write-on-all-resources');
    expect(onMetrics.map((f) => f.resource)).toEqual(['aws_iam_role_policy.metrics']);
    // the role's effective policy has the statement once
    expect(r.principals.find((p) => p.resource === 'aws_iam_role.metrics')!.document.Statement).toHaveLength(1);
  });

  it('lists an attachment declared with count = 0 as not created, and checks nothing on it', async () => {
    const root = tmpRepo({ 'plan.json': plan() });
    const options = defaultOptions(root, root);
    options.accessAnalyzer = 'off';
    const r = await runGate(['.'], options);
    const a = r.attachments.find((x) => x.resource === 'aws_iam_role_policy_attachment.codedeploy')!;
    expect(a.notes).toEqual(['declared in the configuration, but this plan creates no instance of it (count)']);
    expect(r.findings.filter((f) => f.resource === 'aws_iam_role_policy_attachment.codedeploy')).toEqual([]);
    expect(r.policies.some((p) => p.resource === 'aws_iam_role_policy_attachment.codedeploy')).toBe(false);
  });
});
