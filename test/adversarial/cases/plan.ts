/** Terraform plan JSON (scan mode). */
import type { ScanCase } from './types.js';

type C = Omit<ScanCase, 'format'>;
const POL = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: action === '*' ? '*' : 'arn:aws:s3:::acme-reports/*' }] });
interface Res { address: string; type: string; name: string; values: Record<string, unknown> }
const res = (type: string, name: string, values: Record<string, unknown>, module = ''): Res => ({ address: `${module ? module + '.' : ''}${type}.${name}`, type, name, values });
const change = (r: Res, o: { after?: Record<string, unknown>; actions?: string[]; afterUnknown?: Record<string, unknown>; afterSensitive?: Record<string, unknown> } = {}) => ({
  address: r.address,
  mode: 'managed',
  type: r.type,
  name: r.name,
  provider_name: 'registry.terraform.io/hashicorp/aws',
  change: { actions: o.actions ?? ['create'], before: null, after: o.after ?? r.values, after_unknown: o.afterUnknown ?? {}, before_sensitive: false, after_sensitive: o.afterSensitive ?? {} },
});
const plan = (o: { root?: Res[]; children?: { address: string; resources: Res[] }[]; changes?: unknown[] }) =>
  JSON.stringify(
    {
      format_version: '1.2',
      terraform_version: '1.9.5',
      planned_values: {
        root_module: {
          resources: (o.root ?? []).map((r) => ({ ...r, mode: 'managed', provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 0, sensitive_values: {} })),
          ...(o.children ? { child_modules: o.children.map((c) => ({ address: c.address, resources: c.resources.map((r) => ({ ...r, mode: 'managed', provider_name: 'registry.terraform.io/hashicorp/aws', schema_version: 0, sensitive_values: {} })) })) } : {}),
        },
      },
      resource_changes: o.changes ?? [...(o.root ?? []), ...(o.children ?? []).flatMap((c) => c.resources)].map((r) => change(r)),
    },
    null,
    2,
  ) + '\n';
const one = (id: string, cls: ScanCase['cls'], description: string, files: Record<string, string>, extra: Partial<C> = {}): C => ({ id, cls, description, expect: 'not-pass', files, ...extra });

const harmless = res('aws_iam_policy', 'app', { name: 'app', policy: POL('s3:GetObject') });
const admin = res('aws_iam_policy', 'app', { name: 'app', policy: POL('*') });
const ROLE = res('aws_iam_role', 'ci', { name: 'ci', assume_role_policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'codebuild.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) });

const cases: C[] = [
  one('plan-shadows-tf', '4-unknown', 'a committed plan JSON with a harmless policy next to the .tf that grants "*"', {
    'infra/main.tf': 'resource "aws_iam_policy" "app" {\n  name   = "app"\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}\n',
    'infra/plan.json': plan({ root: [harmless] }),
  }),
  one('plan-policy-after-unknown', '4-unknown', 'plan whose policy is unknown until apply (after_unknown.policy = true)', {
    'plan.json': plan({ root: [res('aws_iam_policy', 'app', { name: 'app' })], changes: [change(res('aws_iam_policy', 'app', { name: 'app' }), { afterUnknown: { policy: true } })] }),
  }),
  one('plan-admin-only-in-changes', '4-unknown', 'admin only in resource_changes[].change.after; planned_values shows the harmless one', {
    'plan.json': plan({ root: [harmless], changes: [change(admin)] }),
  }),
  one('plan-admin-update-after', '4-unknown', 'an update whose after is admin while planned_values is harmless', {
    'plan.json': plan({ root: [harmless], changes: [change(harmless, { actions: ['update'], after: admin.values })] }),
  }),
  one('plan-admin-in-child-module', '4-unknown', 'admin policy in a nested child module of the plan', {
    'plan.json': plan({ children: [{ address: 'module.iam', resources: [res('aws_iam_policy', 'app', { name: 'app', policy: POL('*') }, 'module.iam')] }] }),
  }),
  one('plan-policy-sensitive', '4-unknown', 'policy marked sensitive in the plan (value withheld)', {
    'plan.json': plan({ root: [res('aws_iam_policy', 'app', { name: 'app' })], changes: [change(res('aws_iam_policy', 'app', { name: 'app' }), { afterSensitive: { policy: true } })] }),
  }),
  one('plan-managed-admin-attachment', '6-holder', 'plan attaching AdministratorAccess to a CodeBuild role', {
    'plan.json': plan({ root: [ROLE, res('aws_iam_role_policy_attachment', 'admin', { role: 'ci', policy_arn: 'arn:aws:iam::aws:policy/AdministratorAccess' })] }),
  }),
  one('plan-customer-managed-attachment', '4-unknown', 'plan attaching a customer managed policy that is not in the plan or the repository', {
    'plan.json': plan({ root: [ROLE, res('aws_iam_role_policy_attachment', 'legacy', { role: 'ci', policy_arn: 'arn:aws:iam::111122223333:policy/legacy-admin' })] }),
  }),
  one('plan-trust-anyone', '3-vacuous', 'plan role trust open to "*" narrowed by aws:PrincipalOrgPaths o-*/*', {
    'plan.json': plan({ root: [res('aws_iam_role', 'open', { name: 'open', assume_role_policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-*/*' } } }] }) })] }),
  }),
  one('plan-name-tfplan-no-ext', '7-hostile', 'plan JSON with an admin policy in a file named tfplan (no extension)', { tfplan: plan({ root: [admin] }) }),
  one('plan-policy-object', '4-unknown', 'policy attribute given as a JSON object, not a string', {
    'plan.json': plan({ root: [res('aws_iam_policy', 'app', { name: 'app', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } })] }),
  }),
  { id: 'plan-control-harmless', cls: '4-unknown', description: 'control: plan with a harmless policy and a Lambda role', expect: 'pass', files: { 'plan.json': plan({ root: [harmless] }) } },
  { id: 'plan-control-matches-tf', cls: '4-unknown', description: 'control: a plan that agrees with the harmless .tf next to it', expect: 'pass', files: {
    'infra/main.tf': 'resource "aws_iam_policy" "app" {\n  name   = "app"\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::acme-reports/*" }] })\n}\n',
    'infra/plan.json': plan({ root: [harmless] }),
  } },
];

export const PLAN_CASES: ScanCase[] = cases.map((c) => ({ ...c, format: 'plan' }));
