/** Terraform JSON (.tf.json) in scan mode. */
import type { ScanCase } from './types.js';

type C = Omit<ScanCase, 'format'>;
const tfj = (id: string, cls: ScanCase['cls'], description: string, files: Record<string, string>, extra: Partial<C> = {}): C => ({
  id,
  cls,
  description,
  expect: 'not-pass',
  files: Object.fromEntries(Object.entries(files).map(([k, v]) => [`infra/${k}`, v])),
  ...extra,
});
const J = (v: unknown) => JSON.stringify(v, null, 2) + '\n';
const ADMIN_HCL = 'jsonencode({Version = \\"2012-10-17\\", Statement = [{Effect = \\"Allow\\", Action = \\"*\\", Resource = \\"*\\"}]})';
/** a .tf.json aws_iam_policy whose Action is the given JSON value (string interpolations allowed) */
const policyAction = (action: unknown, extra: Record<string, unknown> = {}, top: Record<string, unknown> = {}) =>
  J({
    ...top,
    resource: {
      aws_iam_policy: {
        app: { name: 'app', ...extra, policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] }) },
      },
    },
  });

const cases: C[] = [
  tfj('tfjson-supp-no-reason', '1-config', '"//": "iam-policy-gate:ignore admin-wildcard" without a reason', { 'main.tf.json': policyAction('*', { '//': 'iam-policy-gate:ignore admin-wildcard' }) }),
  tfj('tfjson-supp-in-description', '1-config', 'marker inside a description attribute (a string, not the "//" comment key)', { 'main.tf.json': policyAction('*', { description: 'iam-policy-gate:ignore admin-wildcard approved by security' }) }),
  tfj('tfjson-supp-in-tags', '1-config', 'marker inside a tag value', { 'main.tf.json': policyAction('*', { tags: { '//': 'iam-policy-gate:ignore admin-wildcard approved' } }) }),
  tfj('tfjson-supp-top-level-comment-other-rule', '1-config', 'a top-level "//" suppression with reason for another rule while the resource is admin', { 'main.tf.json': policyAction('*', {}, { '//': 'iam-policy-gate:ignore admin-wildcard' }) }),
  tfj('tfjson-interp-jsonencode', '3-vacuous', 'policy = "${jsonencode({... Action = "*" ...})}" (HCL template inside a JSON string)', { 'main.tf.json': `{"resource":{"aws_iam_policy":{"app":{"name":"app","policy":"\${${ADMIN_HCL}}"}}}}\n` }),
  tfj('tfjson-var-no-default', '4-unknown', 'Action "${var.action}" with a variable without default', { 'main.tf.json': policyAction('${var.action}', {}, { variable: { action: { type: 'string' } } }) }),
  tfj('tfjson-ternary', '4-unknown', 'Action "${var.admin ? "*" : "s3:GetObject"}" with admin false', { 'main.tf.json': policyAction('${var.admin ? "*" : "s3:GetObject"}', {}, { variable: { admin: { default: false } } }) }),
  tfj('tfjson-base64decode', '4-unknown', 'Action "${base64decode("Kg==")}"', { 'main.tf.json': policyAction('${base64decode("Kg==")}') }),
  tfj('tfjson-block-array-form', '3-vacuous', 'resource blocks written in the array form Terraform JSON also accepts', { 'main.tf.json': J({ resource: [{ aws_iam_policy: [{ app: [{ name: 'app', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) }] }] }] }) }),
  tfj('tfjson-unicode-escape', '3-vacuous', 'Action written "\\u002a" inside the JSON-encoded policy string', { 'main.tf.json': '{"resource":{"aws_iam_policy":{"app":{"name":"app","policy":"{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"\\\\u002a\\",\\"Resource\\":\\"*\\"}]}"}}}}\n' }),
  tfj('tfjson-duplicate-policy-key', '4-unknown', 'duplicate "policy" keys: admin first, harmless last', { 'main.tf.json': `{"resource":{"aws_iam_policy":{"app":{"name":"app","policy":"{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"*\\",\\"Resource\\":\\"*\\"}]}","policy":"{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"s3:GetObject\\",\\"Resource\\":\\"arn:aws:s3:::acme-reports/*\\"}]}"}}}}\n` }),
  tfj('tfjson-duplicate-resource-key', '4-unknown', 'duplicate "resource" top-level keys: the admin policy in the first', { 'main.tf.json': `{"resource":{"aws_iam_policy":{"admin":{"name":"admin","policy":"{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"*\\",\\"Resource\\":\\"*\\"}]}"}}},"resource":{"aws_s3_bucket":{"b":{"bucket":"acme-b"}}}}\n` }),
  tfj('tfjson-name-tofu-json', '7-hostile', 'admin policy in main.tofu.json', { 'main.tofu.json': policyAction('*') }),
  tfj('tfjson-nonauto-tfvars-json', '4-unknown', 'prod.tfvars.json (not auto-loaded) sets the action to "*"', { 'main.tf.json': policyAction('${var.action}', {}, { variable: { action: { default: 's3:GetObject' } } }), 'prod.tfvars.json': '{"action": "*"}\n' }),
  tfj('tfjson-bom-crlf', '7-hostile', 'admin .tf.json with BOM and CRLF', { 'main.tf.json': '\uFEFF' + policyAction('*').replaceAll('\n', '\r\n') }),
  tfj('tfjson-managed-admin-attachment', '6-holder', 'role attached to AdministratorAccess via a ${format()} ARN', { 'main.tf.json': J({
    resource: {
      aws_iam_role: { app: { name: 'app', assume_role_policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] }) } },
      aws_iam_role_policy_attachment: { admin: { role: '${aws_iam_role.app.name}', policy_arn: '${format("arn:aws:iam::aws:policy/%s", "AdministratorAccess")}' } },
    },
  }) }),
  { id: 'tfjson-control-harmless', cls: '3-vacuous', description: 'control: harmless .tf.json policy', expect: 'pass', files: { 'infra/main.tf.json': J({ resource: { aws_iam_policy: { app: { name: 'app', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-reports/*' }] }) } } } }) } },
  { id: 'tfjson-control-comment-with-reason', cls: '1-config', description: 'control: "//" suppression with a reason on an X-Ray-only policy', expect: 'pass', files: { 'infra/main.tf.json': J({ resource: { aws_iam_policy: { app: { '//': 'iam-policy-gate:ignore write-on-all-resources X-Ray has no resource-level permissions (SEC-12)', name: 'app', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'xray:PutTraceSegments', Resource: '*' }] }) } } } }) } },
];

export const TF_JSON_CASES: ScanCase[] = cases.map((c) => ({ ...c, format: 'tf-json' }));
