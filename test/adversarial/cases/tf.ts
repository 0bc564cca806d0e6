/** Terraform HCL (.tf / .tofu) in scan mode. */
import type { ScanCase } from './types.js';
import { ACCOUNT, ADMIN, json } from './docs.js';

type C = Omit<ScanCase, 'format'>;
const tf = (id: string, cls: ScanCase['cls'], description: string, files: Record<string, string>, extra: Partial<C> = {}): C => ({
  id,
  cls,
  description,
  expect: 'not-pass',
  files: Object.fromEntries(Object.entries(files).map(([k, v]) => [`infra/${k}`, v])),
  ...extra,
});
/** An aws_iam_policy whose one statement's actions are the HCL expression `expr` (a list). */
const policyActions = (expr: string, before = '') => `${before}
resource "aws_iam_policy" "app" {
  name   = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ${expr}, Resource = "*" }]
  })
}
`;
const ROLE = `resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}
`;

const cases: C[] = [
  // --- 4: branches, unknown values, unimplemented functions
  tf('tf-unk-ternary-var', '4-unknown', 'Action var.admin ? "*" : "s3:GetObject" with admin = false by default', { 'main.tf': policyActions('[var.admin ? "*" : "s3:GetObject"]', 'variable "admin" {\n  type    = bool\n  default = false\n}') }),
  tf('tf-unk-ternary-workspace', '4-unknown', 'Action terraform.workspace == "prod" ? "*" : ...', { 'main.tf': policyActions('[terraform.workspace == "prod" ? "*" : "s3:GetObject"]') }),
  tf('tf-unk-var-no-default', '4-unknown', 'Action from a variable without default', { 'main.tf': policyActions('var.actions', 'variable "actions" {\n  type = list(string)\n}') }),
  tf('tf-unk-base64decode', '4-unknown', 'Action base64decode("Kg==") = "*"', { 'main.tf': policyActions('[base64decode("Kg==")]') }),
  tf('tf-unk-yamldecode', '4-unknown', 'Actions yamldecode("- \'*\'")', { 'main.tf': policyActions('yamldecode("- \'*\'")') }),
  tf('tf-unk-strrev', '4-unknown', 'PassRole + CreateFunction spelled backwards through strrev()', { 'main.tf': policyActions('[strrev("eloRssaP:mai"), strrev("noitcnuFetaerC:adbmal"), "lambda:InvokeFunction"]') }),
  tf('tf-unk-csvdecode', '4-unknown', 'Action from csvdecode("a\\n*")[0].a', { 'main.tf': policyActions('[csvdecode("a\\n*")[0].a]') }),
  tf('tf-unk-regex', '4-unknown', 'Action regex("[*]", "x*y")', { 'main.tf': policyActions('[regex("[*]", "x*y")]') }),
  tf('tf-unk-textdecodebase64', '4-unknown', 'Action textdecodebase64("Kg==", "UTF-8")', { 'main.tf': policyActions('[textdecodebase64("Kg==", "UTF-8")]') }),
  tf('tf-unk-replace-regex', '4-unknown', 'Action replace("s3:GetObject", "/.*/", "*") (regex form of replace)', { 'main.tf': policyActions('[replace("s3:GetObject", "/^.*$/", "*")]') }),
  tf('tf-unk-lookup-map-env', '4-unknown', 'Action lookup(map, var.env) with env = dev by default, prod -> "*"', { 'main.tf': policyActions('[lookup({ dev = "s3:GetObject", prod = "*" }, var.env, "s3:GetObject")]', 'variable "env" {\n  default = "dev"\n}') }),
  tf('tf-unk-coalesce-null', '4-unknown', 'Action coalesce(var.override, "*") with override null', { 'main.tf': policyActions('[coalesce(var.override, "*")]', 'variable "override" {\n  type    = string\n  default = null\n}') }),
  tf('tf-unk-try-fallback', '4-unknown', 'Action try(var.cfg.action, "*")', { 'main.tf': policyActions('[try(var.cfg.action, "*")]', 'variable "cfg" {\n  type    = any\n  default = {}\n}') }),
  tf('tf-unk-string-funcs', '3-vacuous', 'Action lower(join("", ["IAM", ":", "*"])) with PassRole of everything', { 'main.tf': policyActions('[lower(join("", ["IAM", ":", "*"])), format("%s:%s", "lambda", "CreateFunction")]') }),
  tf('tf-unk-concat-hides-literals', '4-unknown', 'concat(var.extra, [PassRole, CreateFunction, InvokeFunction]) with var.extra unknown: the literal actions must survive', { 'main.tf': policyActions('concat(var.extra, ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"])', 'variable "extra" {\n  type = list(string)\n}') }),
  tf('tf-unk-nonauto-tfvars', '4-unknown', 'a prod.tfvars in the repository (not auto-loaded) sets actions = ["*"]', { 'main.tf': policyActions('var.actions', 'variable "actions" {\n  default = ["s3:GetObject"]\n}'), 'env/prod.tfvars': 'actions = ["*"]\n' }),
  tf('tf-unk-dynamic-statement-unknown', '4-unknown', 'aws_iam_policy_document dynamic statement over a variable without default', { 'main.tf': `variable "grants" {
  type = list(object({ actions = list(string), resources = list(string) }))
}
data "aws_iam_policy_document" "app" {
  dynamic "statement" {
    for_each = var.grants
    content {
      actions   = statement.value.actions
      resources = statement.value.resources
    }
  }
}
resource "aws_iam_policy" "app" {
  name   = "app"
  policy = data.aws_iam_policy_document.app.json
}
` }),
  tf('tf-unk-data-policy-admin-by-name', '6-holder', 'data "aws_iam_policy" AdministratorAccess by name, attached to a role', { 'main.tf': `${ROLE}data "aws_iam_policy" "admin" {
  name = "AdministratorAccess"
}
resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.app.name
  policy_arn = data.aws_iam_policy.admin.arn
}
` }),
  tf('tf-unk-data-policy-customer', '4-unknown', 'data "aws_iam_policy" of a customer policy by name (outside the repository), attached', { 'main.tf': `${ROLE}data "aws_iam_policy" "legacy" {
  name = "legacy-ops"
}
resource "aws_iam_role_policy_attachment" "legacy" {
  role       = aws_iam_role.app.name
  policy_arn = data.aws_iam_policy.legacy.arn
}
` }),
  tf('tf-unk-customer-arn-attachment', '4-unknown', 'role attached to a customer managed policy ARN outside the repository', { 'main.tf': `${ROLE}resource "aws_iam_role_policy_attachment" "legacy" {
  role       = aws_iam_role.app.name
  policy_arn = "arn:aws:iam::${ACCOUNT}:policy/legacy-admin"
}
` }),
  tf('tf-unk-regex-redos', '7-hostile', 'regex() with a nested quantifier on a long input feeding an Action (must finish)', { 'main.tf': policyActions('[local.a]', `locals {\n  a = length(regexall("^(a+)+$", "${'a'.repeat(40)}!")) == 0 ? "*" : "s3:GetObject"\n}`) }, { isolate: true }),
  // --- 6: managed policies, conditional Deny, attribution
  tf('tf-holder-managed-iamfull', '6-holder', 'IAMFullAccess attached to a role', { 'main.tf': `${ROLE}resource "aws_iam_role_policy_attachment" "iam" {
  role       = aws_iam_role.app.name
  policy_arn = "arn:aws:iam::aws:policy/IAMFullAccess"
}
` }),
  tf('tf-holder-managed-org-full', '6-holder', 'AWSOrganizationsFullAccess attached via aws_iam_policy_attachment to a user', { 'main.tf': `resource "aws_iam_user" "ops" {
  name = "ops"
}
resource "aws_iam_policy_attachment" "org" {
  name       = "org"
  users      = [aws_iam_user.ops.name]
  policy_arn = "arn:aws:iam::aws:policy/AWSOrganizationsFullAccess"
}
` }),
  tf('tf-holder-conditional-deny', '6-holder', 'PassRole + RunInstances "cancelled" by a Deny whose count is var.harden ? 1 : 0 (false by default)', { 'main.tf': `variable "harden" {
  default = false
}
${ROLE}resource "aws_iam_role_policy" "work" {
  role   = aws_iam_role.app.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["iam:PassRole", "ec2:RunInstances"], Resource = "*" }] })
}
resource "aws_iam_role_policy" "deny" {
  count  = var.harden ? 1 : 0
  role   = aws_iam_role.app.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Deny", Action = "iam:PassRole", Resource = "*" }] })
}
` }),
  tf('tf-holder-trust-externalid', '6-holder', 'trust policy open to "*" with only sts:ExternalId', { 'main.tf': `resource "aws_iam_role" "vendor" {
  name = "vendor"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "sts:AssumeRole", Condition = { StringEquals = { "sts:ExternalId" = "acme-1234" } } }]
  })
}
resource "aws_iam_role_policy_attachment" "admin" {
  role       = aws_iam_role.vendor.name
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
` }),
  tf('tf-unk-count-zero-admin', '4-unknown', 'the admin policy itself has count = var.break_glass ? 1 : 0 (false by default: it may still be created)', { 'main.tf': policyActions('["*"]', 'variable "break_glass" {\n  default = false\n}').replace('  name   = "app"\n', '  count  = var.break_glass ? 1 : 0\n  name   = "app"\n') }),
  tf('tf-unk-dynamic-condition-dropped', '4-unknown', 'public bucket policy whose only condition is a dynamic block present only when var.private (true by default)', { 'main.tf': `variable "private" {
  default = true
}
data "aws_iam_policy_document" "public" {
  statement {
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["arn:aws:s3:::acme-data/*"]
    dynamic "condition" {
      for_each = var.private ? [1] : []
      content {
        test     = "StringEquals"
        variable = "aws:SourceVpce"
        values   = ["vpce-0abc1234"]
      }
    }
  }
}
resource "aws_s3_bucket_policy" "data" {
  bucket = "acme-data"
  policy = data.aws_iam_policy_document.public.json
}
` }),
  // --- 3: vacuous conditions / patterns in HCL
  tf('tf-vac-policy-document-condition', '3-vacuous', 'aws_iam_policy_document admin with condition aws:PrincipalArn ArnLike arn:aws:*', { 'main.tf': `data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["*"]
    resources = ["*"]
    condition {
      test     = "ArnLike"
      variable = "aws:PrincipalArn"
      values   = ["arn:aws:*"]
    }
  }
}
resource "aws_iam_policy" "app" {
  name   = "app"
  policy = data.aws_iam_policy_document.app.json
}
` }),
  tf('tf-vac-not-actions', '3-vacuous', 'aws_iam_policy_document Allow not_actions = [one action] on *', { 'main.tf': `data "aws_iam_policy_document" "app" {
  statement {
    not_actions = ["iam:DeleteAccountPasswordPolicy"]
    resources   = ["*"]
  }
}
resource "aws_iam_policy" "app" {
  name   = "app"
  policy = data.aws_iam_policy_document.app.json
}
` }),
  tf('tf-vac-public-bucket-principals-star', '3-vacuous', 'bucket policy principals { type = "*" } narrowed by aws:SourceIp 0.0.0.0/0', { 'main.tf': `resource "aws_s3_bucket" "data" {
  bucket = "acme-data"
}
data "aws_iam_policy_document" "public" {
  statement {
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["\${aws_s3_bucket.data.arn}/*"]
    condition {
      test     = "IpAddress"
      variable = "aws:SourceIp"
      values   = ["0.0.0.0/0"]
    }
  }
}
resource "aws_s3_bucket_policy" "data" {
  bucket = aws_s3_bucket.data.id
  policy = data.aws_iam_policy_document.public.json
}
` }),
  tf('tf-vac-unicode-escape', '3-vacuous', 'Action "\\u002a" (HCL unicode escape)', { 'main.tf': policyActions('["\\u002a"]') }),
  tf('tf-vac-heredoc-indented', '3-vacuous', 'admin in an indented <<-EOT heredoc with CRLF line ends', { 'main.tf': `resource "aws_iam_policy" "app" {\r\n  name   = "app"\r\n  policy = <<-EOT\r\n    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}\r\n  EOT\r\n}\r\n` }),
  tf('tf-vac-bom', '7-hostile', 'admin .tf file starting with a UTF-8 BOM', { 'main.tf': '\uFEFF' + policyActions('["*"]') }),
  // --- 2 in scan: what the configuration reads
  tf('tf-scope-file-txt', '2-scope', 'policy = file("policies/admin.txt") (a .txt the walk would not pick up)', { 'main.tf': 'resource "aws_iam_policy" "app" {\n  name   = "app"\n  policy = file("${path.module}/policies/admin.txt")\n}\n', 'policies/admin.txt': json(ADMIN) }),
  tf('tf-scope-templatefile', '2-scope', 'policy = templatefile("policy.tpl", { action = "*" })', { 'main.tf': 'resource "aws_iam_policy" "app" {\n  name   = "app"\n  policy = templatefile("${path.module}/policy.tpl", { action = "*" })\n}\n', 'policy.tpl': '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"${action}","Resource":"*"}]}\n' }),
  tf('tf-scope-module-var', '2-scope', 'local module whose actions variable the caller sets to ["*"]', { 'main.tf': 'module "app" {\n  source  = "./modules/policy"\n  actions = ["*"]\n}\n', 'modules/policy/main.tf': policyActions('var.actions', 'variable "actions" {\n  default = ["s3:GetObject"]\n}') }),
  tf('tf-scope-module-node-modules', '7-hostile', 'local module under node_modules/ (a folder the walk skips) holding admin', { 'main.tf': 'module "app" {\n  source = "./node_modules/iam"\n}\n', 'node_modules/iam/main.tf': policyActions('["*"]') }),
  tf('tf-scope-module-venv', '7-hostile', 'local module under venv/ (a folder the walk skips) holding PassRole + RunInstances', { 'main.tf': 'module "app" {\n  source = "./venv/iam"\n}\n', 'venv/iam/main.tf': policyActions('["iam:PassRole", "ec2:RunInstances"]') }),
  tf('tf-scope-module-dot-terraform', '7-hostile', 'local module under .terraform/ (a folder the walk skips) holding admin', { 'main.tf': 'module "app" {\n  source = "./.terraform/local/iam"\n}\n', '.terraform/local/iam/main.tf': policyActions('["*"]') }),
  // --- 1: comment markers that must not suppress
  tf('tf-supp-no-reason', '1-config', '# iam-policy-gate:ignore admin-wildcard without a reason', { 'main.tf': '# iam-policy-gate:ignore admin-wildcard\n' + policyActions('["*"]').trimStart() }),
  tf('tf-supp-in-description', '1-config', 'marker inside a description string', { 'main.tf': policyActions('["*"]').replace('  name   = "app"\n', '  name   = "app"\n  description = "# iam-policy-gate:ignore admin-wildcard approved by security"\n') }),
  tf('tf-supp-in-tag', '1-config', 'marker inside a tag value (// form)', { 'main.tf': policyActions('["*"]').replace('  name   = "app"\n', '  name   = "app"\n  tags   = { note = "see https://wiki//iam-policy-gate:ignore admin-wildcard approved" }\n') }),
  tf('tf-supp-in-heredoc', '1-config', 'marker on a line inside a heredoc string', { 'main.tf': `resource "aws_iam_policy" "app" {
  name   = "app"
  description = <<EOT
# iam-policy-gate:ignore admin-wildcard approved in review
EOT
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
` }),
  tf('tf-supp-block-comment-no-reason', '1-config', '/* iam-policy-gate:ignore admin-wildcard */ without a reason', { 'main.tf': '/* iam-policy-gate:ignore admin-wildcard */\n' + policyActions('["*"]').trimStart() }),
  // --- 7: file names Terraform/OpenTofu load
  tf('tf-name-tofu', '7-hostile', 'admin policy in main.tofu (OpenTofu loads .tofu files)', { 'main.tofu': policyActions('["*"]') }),
  tf('tf-name-upper-ext', '7-hostile', 'admin policy in a file with upper-case extension MAIN.TF in a directory of .tf', { 'MAIN.TF': policyActions('["*"]'), 'versions.tf': 'terraform {}\n' }),
  // --- controls
  tf('tf-holder-bucket-policy-in-endpoint-folder', '6-holder', 'a public-write bucket policy kept under vpc-endpoints/ (a name that reads as an endpoint policy) and deployed with file() as the bucket policy', {
    'vpc-endpoints/policy.json': json({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: ['s3:PutObject', 's3:GetObject'], Resource: 'arn:aws:s3:::customer-data/*' }] }),
    'main.tf': 'resource "aws_s3_bucket_policy" "p" {\n  bucket = "customer-data"\n  policy = file("${path.module}/vpc-endpoints/policy.json")\n}\n',
  }),
  { id: 'tf-control-ternary-harmless', cls: '4-unknown', description: 'control: ternary between two harmless actions on one bucket', expect: 'pass', files: { 'infra/main.tf': policyActions('[var.ro ? "s3:GetObject" : "s3:GetObjectVersion"]', 'variable "ro" {\n  default = true\n}').replace('Resource = "*"', 'Resource = "arn:aws:s3:::acme-reports/*"') } },
  { id: 'tf-control-module-harmless', cls: '2-scope', description: 'control: local module with a harmless actions variable', expect: 'pass', files: { 'infra/main.tf': 'module "app" {\n  source  = "./modules/policy"\n  actions = ["logs:PutLogEvents"]\n}\n', 'infra/modules/policy/main.tf': policyActions('var.actions', 'variable "actions" {\n  default = ["logs:CreateLogStream"]\n}').replace('Resource = "*"', `Resource = "arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/app/*"`) } },
  { id: 'tf-control-suppression-with-reason', cls: '1-config', description: 'control: a real comment suppression with a reason on a write-on-all-resources-only policy', expect: 'pass', files: { 'infra/main.tf': '# iam-policy-gate:ignore write-on-all-resources X-Ray has no resource-level permissions (SEC-12)\n' + policyActions('["xray:PutTraceSegments"]').trimStart() } },
  { id: 'tf-control-crlf-heredoc', cls: '3-vacuous', description: 'control: harmless heredoc policy with CRLF', expect: 'pass', files: { 'infra/main.tf': `resource "aws_iam_policy" "app" {\r\n  name   = "app"\r\n  policy = <<-EOT\r\n    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-reports/*"}]}\r\n  EOT\r\n}\r\n` } },
  { id: 'tf-control-managed-readonly', cls: '6-holder', description: 'control: Lambda role with AWSLambdaBasicExecutionRole', expect: 'pass', files: { 'infra/main.tf': `${ROLE.replace('ec2.amazonaws.com', 'lambda.amazonaws.com')}resource "aws_iam_role_policy_attachment" "logs" {\n  role       = aws_iam_role.app.name\n  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"\n}\n` } },
];

export const TF_CASES: ScanCase[] = cases.map((c) => ({ ...c, format: 'tf' }));
