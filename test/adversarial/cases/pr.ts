/**
 * PR mode: base and head commits, run through the bundled Action with a pull_request event against the fake
 * GitHub. Classes 2 (what the change affects, not only the files it touches), 5 (the baseline must not hide
 * escalation) and 6 (new access per holder), plus config weakening through the real Action path.
 */
import type { RepoCase } from './types.js';
import { ADMIN, READ_ONE_BUCKET, doc, json } from './docs.js';
import { CONFIG_CASES } from './config.js';

type C = Omit<RepoCase, 'format'> & { format: RepoCase['format'] };
const TF_POLICY = (expr: string) => `resource "aws_iam_policy" "app" {
  name   = "app"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ${expr}, Resource = "*" }] })
}
`;
const VARS = (def: string) => `variable "actions" {\n  type    = list(string)\n  default = ${def}\n}\n`;
const HDR = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const ROLE_YAML = (name: string, service = 'ec2.amazonaws.com', extra = '') => `  ${name}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - { Effect: Allow, Principal: { Service: ${service} }, Action: sts:AssumeRole }
${extra}`;
const ADMIN_MANAGED = (roles: string) => `  AdminPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Roles: [${roles}]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - { Effect: Allow, Action: "*", Resource: "*" }
`;
const publicStmt = (Sid: string, actions: string[], resource: string) => json(doc({ Sid, Effect: 'Allow', Principal: '*', Action: actions, Resource: resource }));

const cases: C[] = [
  // --- 2: the change reaches a policy through a file that is not the policy
  { id: 'pr-scope-variables-default', cls: '2-scope', format: 'tf', description: 'only variables.tf changes: the default of actions becomes ["*"]', expect: 'not-pass',
    base: { 'infra/main.tf': TF_POLICY('var.actions'), 'infra/variables.tf': VARS('["s3:GetObject"]') }, head: { 'infra/variables.tf': VARS('["*"]') } },
  { id: 'pr-scope-add-tfvars', cls: '2-scope', format: 'tf', description: 'the PR only adds terraform.tfvars with actions = ["*"]', expect: 'not-pass',
    base: { 'infra/main.tf': TF_POLICY('var.actions'), 'infra/variables.tf': VARS('["s3:GetObject"]') }, head: { 'infra/terraform.tfvars': 'actions = ["*"]\n' } },
  { id: 'pr-scope-auto-tfvars-json', cls: '2-scope', format: 'tf-json', description: 'the PR only adds admin.auto.tfvars.json with actions = ["*"]', expect: 'not-pass',
    base: { 'infra/main.tf': TF_POLICY('var.actions'), 'infra/variables.tf': VARS('["s3:GetObject"]') }, head: { 'infra/admin.auto.tfvars.json': '{"actions": ["*"]}\n' } },
  { id: 'pr-scope-locals', cls: '2-scope', format: 'tf', description: 'only locals.tf changes: local.actions becomes ["iam:*", "*"]', expect: 'not-pass',
    base: { 'infra/main.tf': TF_POLICY('local.actions'), 'infra/locals.tf': 'locals {\n  actions = ["s3:GetObject"]\n}\n' }, head: { 'infra/locals.tf': 'locals {\n  actions = ["iam:*", "*"]\n}\n' } },
  { id: 'pr-scope-templatefile-tpl', cls: '2-scope', format: 'tf', description: 'only the .tpl read by templatefile() changes to grant "*"', expect: 'not-pass',
    base: { 'infra/main.tf': 'resource "aws_iam_policy" "app" {\n  name   = "app"\n  policy = templatefile("${path.module}/policy.json.tpl", { bucket = "acme-reports" })\n}\n', 'infra/policy.json.tpl': '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::${bucket}/*"}]}\n' },
    head: { 'infra/policy.json.tpl': '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}\n' } },
  { id: 'pr-scope-file-txt', cls: '2-scope', format: 'tf', description: 'only the .txt read by file() changes to an admin document', expect: 'not-pass',
    base: { 'infra/main.tf': 'resource "aws_iam_policy" "app" {\n  name   = "app"\n  policy = file("${path.module}/policy.txt")\n}\n', 'infra/policy.txt': json(READ_ONE_BUCKET) }, head: { 'infra/policy.txt': json(ADMIN) } },
  { id: 'pr-scope-module-variable-default', cls: '2-scope', format: 'tf', description: 'only the child module\'s variables.tf default changes; the root calls it without the argument', expect: 'not-pass',
    base: { 'infra/main.tf': 'module "app" {\n  source = "./modules/app"\n}\n', 'infra/modules/app/main.tf': TF_POLICY('var.actions'), 'infra/modules/app/variables.tf': VARS('["s3:GetObject"]') }, head: { 'infra/modules/app/variables.tf': VARS('["*"]') } },
  { id: 'pr-scope-module-concat-unknown', cls: '2-scope', format: 'tf', description: 'only the module\'s main.tf changes: concat(var.actions, [PassRole, CreateFunction, InvokeFunction]) on *; the root passes s3:GetObject (analysed alone, the module\'s worst-case "*" in base and head hides the new escalation as existing)', expect: 'not-pass',
    base: { 'infra/main.tf': 'module "app" {\n  source  = "./modules/app"\n  actions = ["s3:GetObject"]\n}\n', 'infra/modules/app/main.tf': TF_POLICY('var.actions'), 'infra/modules/app/variables.tf': 'variable "actions" {}\n' },
    head: { 'infra/modules/app/main.tf': TF_POLICY('concat(var.actions, ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"])') } },
  { id: 'pr-scope-cfn-include-snippet', cls: '2-scope', format: 'cfn', description: 'only the Fn::Include snippet changes to an admin statement', expect: 'not-pass',
    base: { 'stacks/app.yaml': `${HDR}Resources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          Fn::Include: snippets/statements.yaml\n`, 'stacks/snippets/statements.yaml': '- Effect: Allow\n  Action: s3:GetObject\n  Resource: arn:aws:s3:::acme-reports/*\n' },
    head: { 'stacks/snippets/statements.yaml': '- Effect: Allow\n  Action: "*"\n  Resource: "*"\n' } },
  { id: 'pr-scope-nested-stack-params', cls: '2-scope', format: 'cfn', description: 'only the parent changes the parameter it passes to an unchanged nested child (Action "*")', expect: 'not-pass',
    base: {
      'stacks/parent.yaml': `${HDR}Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./child.yaml\n      Parameters: { Act: "s3:GetObject" }\n`,
      'stacks/child.yaml': `${HDR}Parameters:\n  Act: { Type: String }\nResources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - { Effect: Allow, Action: !Ref Act, Resource: "*" }\n`,
    },
    head: { 'stacks/parent.yaml': `${HDR}Resources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: ./child.yaml\n      Parameters: { Act: "*" }\n` } },
  { id: 'pr-scope-rename-out-of-excluded', cls: '2-scope', format: 'raw-json', description: 'git mv of an admin example from the (trusted) excluded examples/ into iam/', expect: 'not-pass',
    base: { '.github/iam-policy-gate.yml': 'exclude: ["examples/**"]\n', 'examples/admin.json': json(ADMIN) }, head: {}, renames: [['examples/admin.json', 'iam/admin.json']] },
  { id: 'pr-scope-cfn-parameter-file', cls: '2-scope', format: 'cfn', description: 'only the CloudFormation parameters file (named in the trusted config) changes to Action "*"', expect: 'not-pass',
    base: {
      '.github/iam-policy-gate.yml': 'cloudformation:\n  parameters:\n    - files: stacks/app.yaml\n      file: stacks/app.params.json\n',
      'stacks/app.yaml': `${HDR}Parameters:\n  Act: { Type: String }\nResources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - { Effect: Allow, Action: !Ref Act, Resource: "*" }\n`,
      'stacks/app.params.json': '[{"ParameterKey":"Act","ParameterValue":"s3:GetObject"}]\n',
    },
    head: { 'stacks/app.params.json': '[{"ParameterKey":"Act","ParameterValue":"*"}]\n' } },
  // --- 5: the baseline must not hide escalation
  { id: 'pr-baseline-public-read-to-write', cls: '5-baseline', format: 'raw-json', description: 'an existing public-read statement becomes public write+delete on every bucket under the same Sid', expect: 'not-pass',
    base: { 'iam/bucket.json': publicStmt('Public', ['s3:GetObject'], 'arn:aws:s3:::acme-site/*') }, head: { 'iam/bucket.json': publicStmt('Public', ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], 'arn:aws:s3:::*/*') } },
  { id: 'pr-baseline-escalation-widened', cls: '5-baseline', format: 'raw-json', description: 'an existing privilege-escalation statement (CreatePolicyVersion) widens to iam:* under the same Sid', expect: 'not-pass',
    base: { 'iam/ops.json': json(doc({ Sid: 'Ops', Effect: 'Allow', Action: ['iam:CreatePolicyVersion'], Resource: '*' })) }, head: { 'iam/ops.json': json(doc({ Sid: 'Ops', Effect: 'Allow', Action: ['iam:*', 'sts:*'], Resource: '*' })) } },
  { id: 'pr-baseline-trust-widened', cls: '5-baseline', format: 'raw-json', description: 'an existing cross-account trust to one stranger becomes two more strangers and "*"', expect: 'not-pass',
    base: { 'iam/trust.json': json(doc({ Sid: 'Vendor', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' }, Action: 'sts:AssumeRole' })) },
    head: { 'iam/trust.json': json(doc({ Sid: 'Vendor', Effect: 'Allow', Principal: { AWS: ['arn:aws:iam::444455556666:root', '*'] }, Action: 'sts:AssumeRole' })) } },
  { id: 'pr-baseline-service-wildcard-to-all-resources', cls: '5-baseline', format: 'raw-json', description: 'an existing s3:* on one bucket becomes s3:* on every bucket, same Sid', expect: 'not-pass',
    base: { 'iam/s3.json': json(doc({ Sid: 'S3', Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::acme-a', 'arn:aws:s3:::acme-a/*'] })) }, head: { 'iam/s3.json': json(doc({ Sid: 'S3', Effect: 'Allow', Action: 's3:*', Resource: '*' })) } },
  { id: 'pr-baseline-moved-and-widened', cls: '5-baseline', format: 'raw-json', description: 'an existing flagged PassRole statement is moved to another file and gains lambda:CreateFunction', expect: 'not-pass',
    base: { 'iam/pass.json': json(doc({ Sid: 'Pass', Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' })) },
    head: { 'iam/pass.json': null, 'iam/deploy.json': json(doc({ Sid: 'Pass', Effect: 'Allow', Action: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' })) } },
  { id: 'pr-baseline-public-more-buckets', cls: '5-baseline', format: 'raw-json', description: 'an existing public-read statement gains three more buckets (same Sid, same actions)', expect: 'not-pass',
    base: { 'iam/bucket.json': publicStmt('Public', ['s3:GetObject'], 'arn:aws:s3:::acme-site/*') },
    head: { 'iam/bucket.json': json(doc({ Sid: 'Public', Effect: 'Allow', Principal: '*', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::acme-site/*', 'arn:aws:s3:::acme-payroll/*', 'arn:aws:s3:::acme-backups/*', 'arn:aws:s3:::acme-secrets/*'] })) } },
  { id: 'pr-baseline-tf-sid-widened', cls: '5-baseline', format: 'tf', description: 'an existing flagged Terraform statement (Sid Ops, iam:PassRole on *) gains ec2:RunInstances and iam:CreateAccessKey', expect: 'not-pass',
    base: { 'infra/ops.tf': TF_POLICY('["iam:PassRole"]').replace('{ Effect', '{ Sid = "Ops", Effect') },
    head: { 'infra/ops.tf': TF_POLICY('["iam:PassRole", "ec2:RunInstances", "iam:CreateAccessKey"]').replace('{ Effect', '{ Sid = "Ops", Effect') } },
  { id: 'pr-baseline-cfn-principal-widened', cls: '5-baseline', format: 'cfn', description: 'an existing flagged bucket policy (one stranger account) becomes Principal "*" under the same Sid', expect: 'not-pass',
    base: { 'stacks/bucket.yaml': `${HDR}Resources:\n  BP:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: acme-data\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - { Sid: Share, Effect: Allow, Principal: { AWS: "arn:aws:iam::444455556666:root" }, Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::acme-data/*" }\n` },
    head: { 'stacks/bucket.yaml': `${HDR}Resources:\n  BP:\n    Type: AWS::S3::BucketPolicy\n    Properties:\n      Bucket: acme-data\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - { Sid: Share, Effect: Allow, Principal: { AWS: "*" }, Action: ["s3:GetObject", "s3:PutObject"], Resource: "arn:aws:s3:::acme-data/*" }\n` } },
  // --- 6: new access per holder
  { id: 'pr-holder-admin-to-new-role', cls: '6-holder', format: 'cfn', description: 'an existing admin managed policy is attached to a new CI role (only Roles: changes)', expect: 'not-pass',
    base: { 'stacks/iam.yaml': `${HDR}Resources:\n${ROLE_YAML('Ops')}${ADMIN_MANAGED('!Ref Ops')}` },
    head: { 'stacks/iam.yaml': `${HDR}Resources:\n${ROLE_YAML('Ops')}${ROLE_YAML('Ci', 'codebuild.amazonaws.com')}${ADMIN_MANAGED('!Ref Ops, !Ref Ci')}` } },
  { id: 'pr-holder-attachment-moved-to-ci', cls: '6-holder', format: 'cfn', description: 'an existing admin managed policy moves from an MFA-protected human role to a CI role (only Roles: changes)', expect: 'not-pass',
    base: { 'stacks/iam.yaml': `${HDR}Resources:\n  Human:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - { Effect: Allow, Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: sts:AssumeRole, Condition: { Bool: { aws:MultiFactorAuthPresent: "true" } } }\n${ROLE_YAML('Ci', 'codebuild.amazonaws.com')}${ADMIN_MANAGED('!Ref Human')}` },
    head: { 'stacks/iam.yaml': `${HDR}Resources:\n  Human:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - { Effect: Allow, Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: sts:AssumeRole, Condition: { Bool: { aws:MultiFactorAuthPresent: "true" } } }\n${ROLE_YAML('Ci', 'codebuild.amazonaws.com')}${ADMIN_MANAGED('!Ref Ci')}` } },
  { id: 'pr-holder-user-into-admin-group', cls: '6-holder', format: 'tf', description: 'a user is added to an existing admin group', expect: 'not-pass',
    base: { 'infra/iam.tf': 'resource "aws_iam_group" "admins" {\n  name = "admins"\n}\nresource "aws_iam_group_policy_attachment" "admin" {\n  group      = aws_iam_group.admins.name\n  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"\n}\nresource "aws_iam_user" "intern" {\n  name = "intern"\n}\n' },
    head: { 'infra/members.tf': 'resource "aws_iam_user_group_membership" "intern" {\n  user   = aws_iam_user.intern.name\n  groups = [aws_iam_group.admins.name]\n}\n' } },
  { id: 'pr-holder-boundary-removed', cls: '6-holder', format: 'cfn', description: 'the permissions boundary is removed from an existing role with admin', expect: 'not-pass',
    base: { 'stacks/role.yaml': `${HDR}Resources:\n${ROLE_YAML('App', 'ec2.amazonaws.com', '      PermissionsBoundary: !Ref Boundary\n      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]\n')}  Boundary:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - { Effect: Allow, Action: ["s3:GetObject"], Resource: "arn:aws:s3:::acme-reports/*" }\n` },
    head: { 'stacks/role.yaml': `${HDR}Resources:\n${ROLE_YAML('App', 'ec2.amazonaws.com', '      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]\n')}  Boundary:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - { Effect: Allow, Action: ["s3:GetObject"], Resource: "arn:aws:s3:::acme-reports/*" }\n` } },
  { id: 'pr-holder-mfa-to-ci', cls: '6-holder', format: 'tf', description: 'an existing admin role\'s trust moves from MFA-protected humans to a CI service', expect: 'not-pass',
    base: { 'infra/admin.tf': 'resource "aws_iam_role" "admin" {\n  name = "admin"\n  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:root" }, Action = "sts:AssumeRole", Condition = { Bool = { "aws:MultiFactorAuthPresent" = "true" } } }] })\n}\nresource "aws_iam_role_policy_attachment" "admin" {\n  role       = aws_iam_role.admin.name\n  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"\n}\n' },
    head: { 'infra/admin.tf': 'resource "aws_iam_role" "admin" {\n  name = "admin"\n  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "codebuild.amazonaws.com" }, Action = "sts:AssumeRole" }] })\n}\nresource "aws_iam_role_policy_attachment" "admin" {\n  role       = aws_iam_role.admin.name\n  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"\n}\n' } },
  { id: 'pr-holder-scp-deny-deleted', cls: '6-holder', format: 'raw-json', description: 'the SCP denying cloudtrail:StopLogging is deleted', expect: 'not-pass',
    base: { 'scps/protect-trail.json': json(doc({ Sid: 'ProtectTrail', Effect: 'Deny', Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail'], Resource: '*' })) }, head: { 'scps/protect-trail.json': null } },
  { id: 'pr-holder-deny-statement-removed', cls: '6-holder', format: 'raw-json', description: 'a Deny statement that fenced an existing broad Allow is removed', expect: 'not-pass',
    base: { 'iam/ops.json': json(doc({ Sid: 'Ops', Effect: 'Allow', Action: 'iam:*', Resource: '*' }, { Sid: 'Fence', Effect: 'Deny', Action: ['iam:CreatePolicyVersion', 'iam:Attach*', 'iam:Put*', 'iam:PassRole'], Resource: '*' })) },
    head: { 'iam/ops.json': json(doc({ Sid: 'Ops', Effect: 'Allow', Action: 'iam:*', Resource: '*' })) } },
  { id: 'pr-holder-tf-admin-policy-new-role', cls: '6-holder', format: 'tf', description: 'an existing admin aws_iam_policy is attached to a new CI role by a new attachment file', expect: 'not-pass',
    base: { 'infra/admin.tf': TF_POLICY('["*"]') },
    head: { 'infra/ci.tf': 'resource "aws_iam_role" "ci" {\n  name = "ci"\n  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "codebuild.amazonaws.com" }, Action = "sts:AssumeRole" }] })\n}\nresource "aws_iam_role_policy_attachment" "ci" {\n  role       = aws_iam_role.ci.name\n  policy_arn = aws_iam_policy.app.arn\n}\n' } },
  { id: 'pr-scope-nonauto-tfvars-changed', cls: '2-scope', format: 'tf', description: 'only env/prod.tfvars (not auto-loaded, applied with -var-file) changes to actions = ["*"]', expect: 'not-pass',
    base: { 'infra/main.tf': TF_POLICY('var.actions'), 'infra/variables.tf': VARS('["s3:GetObject"]'), 'infra/env/prod.tfvars': 'actions = ["s3:GetObject"]\n' }, head: { 'infra/env/prod.tfvars': 'actions = ["*"]\n' } },
  // --- controls
  { id: 'pr-control-harmless-variable', cls: '2-scope', format: 'tf', description: 'control: variables.tf default changes between two harmless actions', expect: 'pass',
    base: { 'infra/main.tf': TF_POLICY('var.actions').replace('Resource = "*"', 'Resource = "arn:aws:s3:::acme-reports/*"'), 'infra/variables.tf': VARS('["s3:GetObject"]') }, head: { 'infra/variables.tf': VARS('["s3:GetObjectVersion"]') } },
  { id: 'pr-control-readme', cls: '2-scope', format: 'raw-json', description: 'control: a README change next to an existing harmless policy', expect: 'pass', base: { 'iam/read.json': json(READ_ONE_BUCKET), 'README.md': '# a\n' }, head: { 'README.md': '# b\n' } },
  { id: 'pr-control-narrowing', cls: '5-baseline', format: 'raw-json', description: 'control: an existing public-read statement narrows to one prefix', expect: 'pass',
    base: { 'iam/bucket.json': publicStmt('Public', ['s3:GetObject'], 'arn:aws:s3:::acme-site/*') }, head: { 'iam/bucket.json': publicStmt('Public', ['s3:GetObject'], 'arn:aws:s3:::acme-site/public/*') } },
  { id: 'pr-control-rename-harmless', cls: '2-scope', format: 'raw-json', description: 'control: git mv of a harmless policy', expect: 'pass', base: { 'old/read.json': json(READ_ONE_BUCKET) }, head: {}, renames: [['old/read.json', 'iam/read.json']] },
  { id: 'pr-control-config-comment-only', cls: '1-config', format: 'config', description: 'control: the PR only adds a comment line to the config file', expect: 'pass',
    base: { '.github/iam-policy-gate.yml': 'fail-on: security-warning\n', 'iam/read.json': json(READ_ONE_BUCKET) }, head: { '.github/iam-policy-gate.yml': '# owned by the security team (CODEOWNERS)\nfail-on: security-warning\n' } },
  { id: 'pr-control-tfvars-harmless', cls: '2-scope', format: 'tf', description: 'control: the PR adds terraform.tfvars with another harmless action', expect: 'pass',
    base: { 'infra/main.tf': TF_POLICY('var.actions').replace('Resource = "*"', 'Resource = "arn:aws:s3:::acme-reports/*"'), 'infra/variables.tf': VARS('["s3:GetObject"]') }, head: { 'infra/terraform.tfvars': 'actions = ["s3:GetObjectVersion"]\n' } },
  { id: 'pr-control-new-harmless-role', cls: '6-holder', format: 'cfn', description: 'control: a new Lambda role with the basic execution policy', expect: 'pass',
    base: { 'README.md': '# a\n' }, head: { 'stacks/fn.yaml': `${HDR}Resources:\n${ROLE_YAML('Fn', 'lambda.amazonaws.com', '      ManagedPolicyArns: [arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]\n')}` } },
];

/** Config weakening through the real Action path (the Action reads the config from the base commit). */
const VIA_ACTION = ['cfg-ignore-soon', 'cfg-exclude-dir', 'cfg-paths-elsewhere', 'cfg-fail-on-error', 'cfg-rules-severity', 'cfg-policy-types-scp', 'cfg-external-policies', 'cfg-control-trusted-exclude'];

export const PR_CASES: RepoCase[] = [...cases, ...CONFIG_CASES.filter((c) => VIA_ACTION.includes(c.id)).map((c) => ({ ...c, id: `pr-${c.id}` }))];
