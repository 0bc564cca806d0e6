/**
 * Second red-team round (attack2): spellings, encodings, YAML features, CloudFormation functions and resource types,
 * Terraform expressions and resource types the first round did not try. Same conventions as the other case files.
 */
import type { ScanCase } from './types.js';
import { ACCOUNT, ADMIN, ADMIN_STMT, PASSROLE_LAMBDA, TRUST_ANYONE, doc, json, publicBucket } from './docs.js';

type C = ScanCase;
const raw = (id: string, cls: C['cls'], description: string, text: string, name = 'policy.json'): C => ({
  id, cls, format: 'raw-json', description, expect: 'not-pass', files: { [`iam/${name}`]: text },
});
const cfn = (id: string, cls: C['cls'], description: string, text: string, name = 'stack.yaml', format: C['format'] = 'cfn'): C => ({
  id, cls, format, description, expect: 'not-pass', files: { [`cfn/${name}`]: text },
});
const tf = (id: string, cls: C['cls'], description: string, text: string, name = 'main.tf', format: C['format'] = 'tf'): C => ({
  id, cls, format, description, expect: 'not-pass', files: { [`infra/${name}`]: text },
});
const tfActions = (expr: string, before = '') => `${before}
resource "aws_iam_policy" "app" {
  name   = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ${expr}, Resource = "*" }]
  })
}
`;
const cfnRolePolicy = (statementYaml: string, type = 'AWS::IAM::ManagedPolicy', extra = '') => `AWSTemplateFormatVersion: '2010-09-09'
${extra}Resources:
  AppPolicy:
    Type: ${type}
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
${statementYaml}
`;

const publicWhenA2 = (Condition: Record<string, unknown>) =>
  json(doc({ Effect: 'Allow', Principal: '*', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::acme-data/*', Condition }));

const cases: C[] = [
  // --- raw JSON: spellings and encodings
  raw('a2-raw-key-unicode-escape', '3-vacuous', 'keys written with JSON escapes: "Eff\\u0065ct", "Act\\u0069on", "Res\\u006furce"', '{"Version":"2012-10-17","Statement":[{"Eff\\u0065ct":"Allow","Act\\u0069on":"*","Res\\u006furce":"*"}]}\n'),
  raw('a2-raw-statement-object', '3-vacuous', 'Statement as a single object, not an array', json({ Version: '2012-10-17', Statement: ADMIN_STMT })),
  raw('a2-raw-iam-upper', '3-vacuous', 'Action "IAM:*" (service prefix upper case) on *', json(doc({ Effect: 'Allow', Action: 'IAM:*', Resource: '*' }))),
  // session 12: literal actions are found through their catalogue position, permissions-management ones tested by first letter
  raw('a12-raw-literal-case-escalation', '3-vacuous', 'PassRole + lambda:CreateFunction spelt "IAM:passrole", "LAMBDA:createFUNCTION" on *', json(doc({ Effect: 'Allow', Action: ['IAM:passrole', 'LAMBDA:createFUNCTION', 'lambda:InvokeFunction'], Resource: '*' }))),
  raw('a12-raw-literal-case-policy-version', '3-vacuous', 'Action "IAM:CREATEPOLICYVERSION" + "iam:setdefaultpolicyversion" on *', json(doc({ Effect: 'Allow', Action: ['IAM:CREATEPOLICYVERSION', 'iam:setdefaultpolicyversion'], Resource: '*' }))),
  raw('a2-raw-service-wildcard-q', '3-vacuous', 'Action "i?m:*" (wildcard inside the service prefix)', json(doc({ Effect: 'Allow', Action: 'i?m:*', Resource: '*' }))),
  raw('a2-raw-service-wildcard-star', '3-vacuous', 'Action "ia*:*" (wildcard inside the service prefix)', json(doc({ Effect: 'Allow', Action: ['ia*:*'], Resource: '*' }))),
  raw('a2-raw-action-glob-escalation', '3-vacuous', 'Action iam:*Policy* + iam:Pass* (escalation by glob)', json(doc({ Effect: 'Allow', Action: ['iam:*Policy*', 'iam:Pass*', 'lambda:*Function*'], Resource: '*' }))),
  raw('a2-raw-array-of-policies', '4-unknown', 'a file holding an array of two policy documents, the second admin', json([doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-reports/*' }), ADMIN])),
  raw('a2-raw-map-of-policies', '4-unknown', 'a file holding a map name -> policy document, one admin', json({ reader: doc({ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-reports/*' }), deployer: ADMIN })),
  raw('a2-raw-get-policy-version', '4-unknown', 'the output of aws iam get-policy-version: {"PolicyVersion": {"Document": admin}}', json({ PolicyVersion: { Document: ADMIN, VersionId: 'v1', IsDefaultVersion: true } })),
  raw('a2-raw-policy-string-wrapper', '4-unknown', 'a CLI input file {"PolicyName": .., "PolicyDocument": "<admin as JSON string>"}', json({ PolicyName: 'deploy', PolicyDocument: JSON.stringify(ADMIN) })),
  raw('a2-raw-block-comment', '7-hostile', 'admin policy in a .json file with a /* */ comment', '/* deploy */\n' + json(ADMIN)),
  raw('a2-raw-utf16', '7-hostile', 'admin policy encoded UTF-16LE with a BOM', '' , 'policy16.json'),
  raw('a2-raw-version-2008', '3-vacuous', 'admin with Version 2008-10-17', json({ Version: '2008-10-17', Statement: [ADMIN_STMT] })),
  raw('a2-raw-no-version', '3-vacuous', 'admin with no Version at all', json({ Statement: [ADMIN_STMT] })),
  raw('a2-raw-sqs-public', '3-vacuous', 'SQS queue policy Principal * sqs:*', json(doc({ Effect: 'Allow', Principal: '*', Action: 'sqs:*', Resource: `arn:aws:sqs:us-east-1:${ACCOUNT}:jobs` }))),
  raw('a2-raw-kms-public', '3-vacuous', 'KMS key policy Principal {"AWS": "*"} kms:*', json(doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kms:*', Resource: '*' }))),
  raw('a2-raw-principal-mixed', '3-vacuous', 'trust policy Principal {"Service": "ec2", "AWS": ["arn:...:root", "*"]}', json(doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com', AWS: [`arn:aws:iam::${ACCOUNT}:root`, '*'] }, Action: ['sts:AssumeRole', 'sts:TagSession'] }))),
  raw('a2-raw-trust-action-star', '3-vacuous', 'trust policy Principal * with Action sts:* ', json(doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:*' }))),
  raw('a2-raw-bucket-notaction', '3-vacuous', 'bucket policy Principal * NotAction s3:DeleteBucket on the bucket', json(doc({ Effect: 'Allow', Principal: '*', NotAction: 's3:DeleteBucket', Resource: ['arn:aws:s3:::acme-data', 'arn:aws:s3:::acme-data/*'] }))),
  raw('a2-raw-condition-dup-operator', '4-unknown', 'duplicate Condition operator keys: the real narrowing first, a vacuous one last', '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::acme-data/*","Condition":{"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"},"StringEquals":{"aws:SourceVpce":"vpce-1a2b3c4d"}}}]}\n'),
  raw('a2-raw-deny-notaction-allow', '3-vacuous', 'admin Allow plus a Deny NotAction * (denies nothing)', json(doc(ADMIN_STMT, { Effect: 'Deny', NotAction: '*', Resource: '*' }))),
  raw('a2-raw-lambda-public', '3-vacuous', 'Lambda resource policy Principal * lambda:InvokeFunction (function URL, no auth)', json(doc({ Effect: 'Allow', Principal: '*', Action: 'lambda:*', Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:app` }))),
  raw('a2-raw-big-int-version', '7-hostile', 'admin with a huge number in an unrelated field', `{"Version":"2012-10-17","Id":${'9'.repeat(400)},"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}\n`),
  raw('a2-raw-nul-byte', '7-hostile', 'admin policy with a NUL byte in a Sid (binary-looking)', '{"Version":"2012-10-17","Statement":[{"Sid":"a\\u0000b","Effect":"Allow","Action":"*","Resource":"*"}]}\n'),
  raw('a2-raw-leading-whitespace', '7-hostile', 'admin policy preceded by 5000 blank lines', '\n'.repeat(5000) + json(ADMIN)),
  raw('a2-raw-sid-name-ext', '7-hostile', 'admin policy in iam/policy.JSON5', json(ADMIN), 'policy.json5'),

  // --- CloudFormation / SAM
  cfn('a2-cfn-statement-object', '3-vacuous', 'CloudFormation Statement as a single mapping', cfnRolePolicy('          Effect: Allow\n          Action: "*"\n          Resource: "*"')),
  cfn('a2-cfn-rolepolicy-type', '6-holder', 'AWS::IAM::RolePolicy (the newer per-role inline policy type) with admin', `Resources:
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Principal: {Service: ec2.amazonaws.com}, Action: sts:AssumeRole}]}
  Inline:
    Type: AWS::IAM::RolePolicy
    Properties:
      RoleName: !Ref Role
      PolicyName: admin
      PolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}
`),
  cfn('a2-cfn-userpolicy-type', '6-holder', 'AWS::IAM::UserPolicy with admin', `Resources:
  Inline:
    Type: AWS::IAM::UserPolicy
    Properties:
      UserName: deployer
      PolicyName: admin
      PolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}
`),
  cfn('a2-cfn-grouppolicy-type', '6-holder', 'AWS::IAM::GroupPolicy with PassRole escalation', `Resources:
  Inline:
    Type: AWS::IAM::GroupPolicy
    Properties:
      GroupName: devs
      PolicyName: esc
      PolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Action: [iam:PassRole, lambda:CreateFunction, lambda:InvokeFunction], Resource: "*"}]}
`),
  cfn('a2-cfn-sso-inline', '6-holder', 'AWS::SSO::PermissionSet with an admin InlinePolicy', `Resources:
  PS:
    Type: AWS::SSO::PermissionSet
    Properties:
      InstanceArn: arn:aws:sso:::instance/ssoins-1234567890abcdef
      Name: Dev
      InlinePolicy: {Version: '2012-10-17', Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}
`),
  cfn('a2-cfn-sso-managed', '6-holder', 'AWS::SSO::PermissionSet with ManagedPolicies AdministratorAccess', `Resources:
  PS:
    Type: AWS::SSO::PermissionSet
    Properties:
      InstanceArn: arn:aws:sso:::instance/ssoins-1234567890abcdef
      Name: Dev
      ManagedPolicies: [arn:aws:iam::aws:policy/AdministratorAccess]
`),
  cfn('a2-cfn-managed-groups', '6-holder', 'AWS::IAM::ManagedPolicy attached to Groups only', `Resources:
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Groups: [devs]
      PolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Action: "iam:*", Resource: "*"}]}
`),
  cfn('a2-cfn-join-star', '4-unknown', 'Action !Join ["", ["*"]]', cfnRolePolicy('          - Effect: Allow\n            Action: !Join ["", ["*"]]\n            Resource: "*"')),
  cfn('a2-cfn-nested-short-forms', '4-unknown', 'Action !Join ["", [!Select [0, !Split [",", "*,x"]]]]', cfnRolePolicy('          - Effect: Allow\n            Action: !Join ["", [!Select [0, !Split [",", "*,x"]]]]\n            Resource: "*"')),
  cfn('a2-cfn-if-region', '4-unknown', 'Action !If on Fn::Equals [AWS::Region, us-east-1] (a pseudo parameter decides)', cfnRolePolicy('          - Effect: Allow\n            Action: !If [IsUsEast1, "*", s3:GetObject]\n            Resource: "*"', 'AWS::IAM::ManagedPolicy', 'Conditions:\n  IsUsEast1: !Equals [!Ref "AWS::Region", us-east-1]\n')),
  cfn('a2-cfn-if-account', '4-unknown', 'Action !If on the account id equal to one literal', cfnRolePolicy('          - Effect: Allow\n            Action: !If [IsProd, "*", s3:GetObject]\n            Resource: "*"', 'AWS::IAM::ManagedPolicy', `Conditions:\n  IsProd: !Equals [!Ref "AWS::AccountId", "${ACCOUNT}"]\n`)),
  cfn('a2-cfn-tojsonstring', '4-unknown', 'PolicyDocument via Fn::ToJsonString (LanguageExtensions)', `Transform: AWS::LanguageExtensions
Resources:
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Fn::ToJsonString: {Version: '2012-10-17', Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}
`),
  cfn('a2-cfn-sub-literal-star', '3-vacuous', 'Action !Sub "*"', cfnRolePolicy('          - Effect: Allow\n            Action: !Sub "*"\n            Resource: !Sub "*"')),
  cfn('a2-cfn-sub-pseudo-star', '4-unknown', 'Action !Sub "${AWS::NoValue}*"? no: "iam:${Wild}" with a parameter default "*"', cfnRolePolicy('          - Effect: Allow\n            Action: !Sub "iam:${Wild}"\n            Resource: "*"', 'AWS::IAM::ManagedPolicy', 'Parameters:\n  Wild:\n    Type: String\n    Default: "*"\n')),
  cfn('a2-cfn-yaml-explicit-key', '3-vacuous', 'YAML explicit-key syntax "? Action : *"', cfnRolePolicy('          - Effect: Allow\n            ? Action\n            : "*"\n            Resource: "*"')),
  cfn('a2-cfn-yaml-escaped-key', '3-vacuous', 'YAML double-quoted escaped key "\\x41ction"', cfnRolePolicy('          - Effect: Allow\n            "\\x41ction": "*"\n            Resource: "*"')),
  cfn('a2-cfn-yaml-flow-whole', '3-vacuous', 'whole template in one line of YAML flow style', `{Resources: {P: {Type: "AWS::IAM::ManagedPolicy", Properties: {PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}}}}}\n`),
  cfn('a2-cfn-yaml-anchor-doc', '3-vacuous', 'a whole policy document anchored in Metadata and reused by alias', `Metadata:
  Doc: &doc {Version: '2012-10-17', Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}
Resources:
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: *doc
`),
  cfn('a2-cfn-yaml-tag-seq', '3-vacuous', 'Action !!seq ["*"] and Effect !!str Allow', cfnRolePolicy('          - Effect: !!str Allow\n            Action: !!seq ["*"]\n            Resource: !!str "*"')),
  cfn('a2-cfn-yaml-folded', '3-vacuous', 'Action as a folded block scalar ">-\\n  *"', cfnRolePolicy('          - Effect: Allow\n            Action: >-\n              *\n            Resource: "*"')),
  cfn('a2-cfn-yaml-merge-in-properties', '3-vacuous', 'the PolicyDocument key merged in from an anchor with <<', `Metadata:
  Base: &base
    PolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}
Resources:
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      <<: *base
      ManagedPolicyName: app
`),
  cfn('a2-cfn-json-key-escape', '3-vacuous', 'JSON template whose "Action" key is written "Act\\u0069on"', '{"Resources":{"P":{"Type":"AWS::IAM::ManagedPolicy","Properties":{"PolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Act\\u0069on":"*","Resource":"*"}]}}}}}\n', 'stack.json'),
  cfn('a2-cfn-json-type-escape', '3-vacuous', 'JSON template whose Type is written with escapes "AWS::IAM::M\\u0061nagedPolicy"', '{"Resources":{"P":{"Type":"AWS::IAM::M\\u0061nagedPolicy","Properties":{"PolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}}}}}\n', 'stack.json'),
  cfn('a2-cfn-sqs-public', '3-vacuous', 'AWS::SQS::QueuePolicy Principal * sqs:*', `Resources:
  QP:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/jobs]
      PolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Principal: "*", Action: "sqs:*", Resource: "*"}]}
`),
  cfn('a2-cfn-kms-public', '3-vacuous', 'AWS::KMS::Key KeyPolicy Principal AWS * kms:*', `Resources:
  K:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy: {Version: '2012-10-17', Statement: [{Effect: Allow, Principal: {AWS: "*"}, Action: "kms:*", Resource: "*"}]}
`),
  cfn('a2-cfn-lambda-permission-public', '3-vacuous', 'AWS::Lambda::Permission Principal "*"', `Resources:
  Perm:
    Type: AWS::Lambda::Permission
    Properties:
      Action: lambda:InvokeFunction
      FunctionName: app
      Principal: "*"
`),
  cfn('a2-cfn-bucket-policy-statement-object', '3-vacuous', 'AWS::S3::BucketPolicy public write with Statement as a mapping', `Resources:
  BP:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: acme-data
      PolicyDocument:
        Statement:
          Effect: Allow
          Principal: "*"
          Action: ["s3:GetObject", "s3:PutObject"]
          Resource: arn:aws:s3:::acme-data/*
`),
  cfn('a2-sam-s3crud-star', '3-vacuous', 'SAM policy template S3CrudPolicy with BucketName "*" (write + ACLs on every bucket)', `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      InlineCode: "x"
      Policies:
        - S3CrudPolicy: {BucketName: "*"}
`, 'template.yaml', 'sam'),
  cfn('a2-sam-globals-role-admin', '6-holder', 'SAM Globals Function Role pointing at an admin role defined in the same template', `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
Resources:
  AdminRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}
      ManagedPolicyArns: [!Sub "arn:\${AWS::Partition}:iam::aws:policy/AdministratorAccess"]
`, 'template.yaml', 'sam'),
  cfn('a2-sam-policies-statement-object', '3-vacuous', 'SAM Policies: {Statement: {admin}} (a single inline document, not a list)', `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: app.handler
      InlineCode: "x"
      Policies:
        Version: '2012-10-17'
        Statement:
          Effect: Allow
          Action: "*"
          Resource: "*"
`, 'template.yaml', 'sam'),
  cfn('a2-sam-api-public-resource-policy', '3-vacuous', 'SAM state machine Policies with a Statement that is escalation by PassRole', `Transform: AWS::Serverless-2016-10-31
Resources:
  SM:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition: {StartAt: A, States: {A: {Type: Pass, End: true}}}
      Policies:
        - Statement: [{Effect: Allow, Action: [iam:PassRole, lambda:CreateFunction, lambda:InvokeFunction], Resource: "*"}]
`, 'template.yaml', 'sam'),
  cfn('a2-cfn-role-trust-star-string', '3-vacuous', 'role trust Principal: "*" (string) in a JSON template', json({ Resources: { R: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: TRUST_ANYONE, ManagedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] } } } }).replace('{\n                  "AWS": "*"\n                }', '"*"'), 'stack.json'),

  // --- Terraform
  tf('a2-tf-for-expr', '3-vacuous', 'actions = [for a in ["*"] : a]', tfActions('[for a in ["*"] : a]')),
  tf('a2-tf-locals-chain', '3-vacuous', 'locals a -> b -> c ending in "*"', tfActions('local.c', 'locals {\n  a = "*"\n  b = [local.a]\n  c = concat(local.b, [])\n}')),
  tf('a2-tf-heredoc-interp', '3-vacuous', 'heredoc policy with ${local.star} interpolation', `locals {
  star = "*"
}
resource "aws_iam_policy" "app" {
  name   = "app"
  policy = <<EOT
{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"\${local.star}","Resource":"\${local.star}"}]}
EOT
}
`),
  tf('a2-tf-computed-key', '3-vacuous', 'jsonencode of a statement whose "Action" key is computed: { (local.k) = "*" }', `locals {
  k = "Action"
}
resource "aws_iam_policy" "app" {
  name   = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", (local.k) = "*", Resource = "*" }]
  })
}
`),
  tf('a2-tf-merge-statement', '3-vacuous', 'statement built by merge({Effect}, {Action = "*"}, {Resource})', tfActions('"s3:GetObject"').replace('{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }', 'merge({ Effect = "Allow" }, { Action = "*" }, { Resource = "*" })')),
  tf('a2-tf-override-doc', '4-unknown', 'aws_iam_policy_document override_policy_documents carrying admin', `data "aws_iam_policy_document" "admin" {
  statement {
    sid       = "All"
    actions   = ["*"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "app" {
  override_policy_documents = [data.aws_iam_policy_document.admin.json]
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::acme-reports/*"]
  }
}
resource "aws_iam_policy" "app" {
  name   = "app"
  policy = data.aws_iam_policy_document.app.json
}
`),
  tf('a2-tf-source-doc-raw', '4-unknown', 'source_policy_documents = [jsonencode(admin)]', `data "aws_iam_policy_document" "app" {
  source_policy_documents = [jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })]
}
resource "aws_iam_policy" "app" {
  name   = "app"
  policy = data.aws_iam_policy_document.app.json
}
`),
  tf('a2-tf-effect-upper', '3-vacuous', 'jsonencode Effect = title("allow") with admin', tfActions('"*"').replace('Effect = "Allow"', 'Effect = title("allow")')),
  tf('a2-tf-provider-alias', '6-holder', 'admin policy created through an aliased provider', `provider "aws" {
  alias  = "other"
  region = "eu-west-1"
}
resource "aws_iam_policy" "app" {
  provider = aws.other
  name     = "app"
  policy   = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`),
  tf('a2-tf-count-index', '4-unknown', 'count = length(local.acts), Action = local.acts[count.index] with one "*"', `locals {
  acts = ["s3:GetObject", "*"]
}
resource "aws_iam_policy" "app" {
  count  = length(local.acts)
  name   = "app-\${count.index}"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = local.acts[count.index], Resource = "*" }] })
}
`),
  tf('a2-tf-for-each-map', '4-unknown', 'for_each over a map of policies, one admin', `locals {
  policies = {
    reader = "s3:GetObject"
    admin  = "*"
  }
}
resource "aws_iam_policy" "p" {
  for_each = local.policies
  name     = each.key
  policy   = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = each.value, Resource = "*" }] })
}
`),
  tf('a2-tf-splat', '3-vacuous', 'actions from a splat over a list of objects', tfActions('local.rules[*].action', 'locals {\n  rules = [{ action = "s3:GetObject" }, { action = "*" }]\n}')),
  tf('a2-tf-template-directive', '3-vacuous', 'Action "%{ if true }*%{ endif }"', tfActions('"%{ if true }*%{ endif }"')),
  tf('a2-tf-template-for-directive', '3-vacuous', 'Action "%{ for c in ["*"] }${c}%{ endfor }"', tfActions('"%{ for c in ["*"] }${c}%{ endfor }"')),
  tf('a2-tf-sensitive-wrap', '3-vacuous', 'actions = sensitive(["*"])', tfActions('sensitive(["*"])')),
  tf('a2-tf-nonsensitive-wrap', '3-vacuous', 'actions = nonsensitive(tolist(["*"]))', tfActions('nonsensitive(tolist(["*"]))')),
  tf('a2-tf-string-funcs-2', '3-vacuous', 'Action trimspace(chomp(" *\\n")) / format("%s", "*")', tfActions('[trimspace(chomp(" *\\n")), format("%s:%s", "iam", "*")]')),
  tf('a2-tf-flatten-setunion', '3-vacuous', 'actions = flatten([setunion(["s3:GetObject"], ["*"])])', tfActions('flatten([setunion(["s3:GetObject"], ["*"])])')),
  tf('a2-tf-one-sort-distinct', '3-vacuous', 'actions = reverse(sort(distinct(["*", "*"])))', tfActions('reverse(sort(distinct(["*", "*"])))')),
  tf('a2-tf-user-policy', '6-holder', 'aws_iam_user_policy with admin', `resource "aws_iam_user_policy" "u" {
  name   = "admin"
  user   = "deployer"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`),
  tf('a2-tf-group-policy', '6-holder', 'aws_iam_group_policy with PassRole escalation', `resource "aws_iam_group_policy" "g" {
  name   = "esc"
  group  = "devs"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["iam:PassRole", "lambda:CreateFunction", "lambda:InvokeFunction"], Resource = "*" }] })
}
`),
  tf('a2-tf-role-inline-block', '6-holder', 'aws_iam_role inline_policy block with admin', `resource "aws_iam_role" "r" {
  name = "r"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
  inline_policy {
    name   = "admin"
    policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
  }
}
`),
  tf('a2-tf-role-managed-arns', '6-holder', 'aws_iam_role managed_policy_arns = [AdministratorAccess]', `resource "aws_iam_role" "r" {
  name = "r"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
  managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
}
`),
  tf('a2-tf-policy-attachments-exclusive', '6-holder', 'aws_iam_role_policy_attachments_exclusive with AdministratorAccess', `resource "aws_iam_role" "r" {
  name = "r"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
resource "aws_iam_role_policy_attachments_exclusive" "x" {
  role_name   = aws_iam_role.r.name
  policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
}
`),
  tf('a2-tf-sso-managed', '6-holder', 'aws_ssoadmin_managed_policy_attachment AdministratorAccess', `resource "aws_ssoadmin_permission_set" "ps" {
  name         = "Dev"
  instance_arn = "arn:aws:sso:::instance/ssoins-1234567890abcdef"
}
resource "aws_ssoadmin_managed_policy_attachment" "a" {
  instance_arn       = aws_ssoadmin_permission_set.ps.instance_arn
  permission_set_arn = aws_ssoadmin_permission_set.ps.arn
  managed_policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}
`),
  tf('a2-tf-sso-inline', '6-holder', 'aws_ssoadmin_permission_set_inline_policy with admin', `resource "aws_ssoadmin_permission_set_inline_policy" "p" {
  instance_arn       = "arn:aws:sso:::instance/ssoins-1234567890abcdef"
  permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-1234567890abcdef/ps-1234567890abcdef"
  inline_policy      = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`),
  tf('a2-tf-sqs-public', '3-vacuous', 'aws_sqs_queue_policy Principal *', `resource "aws_sqs_queue_policy" "q" {
  queue_url = "https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/jobs"
  policy    = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "sqs:*", Resource = "*" }] })
}
`),
  tf('a2-tf-sqs-inline-policy', '3-vacuous', 'aws_sqs_queue with its policy attribute public', `resource "aws_sqs_queue" "q" {
  name   = "jobs"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = "*", Action = "sqs:*", Resource = "*" }] })
}
`),
  tf('a2-tf-kms-public', '3-vacuous', 'aws_kms_key policy Principal AWS *', `resource "aws_kms_key" "k" {
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { AWS = "*" }, Action = "kms:*", Resource = "*" }] })
}
`),
  tf('a2-tf-lambda-permission-public', '3-vacuous', 'aws_lambda_permission principal "*"', `resource "aws_lambda_permission" "p" {
  statement_id  = "any"
  action        = "lambda:InvokeFunction"
  function_name = "app"
  principal     = "*"
}
`),
  tf('a2-tf-bucket-acl-public-write', '3-vacuous', 'aws_s3_bucket_acl acl = "public-read-write"', `resource "aws_s3_bucket" "b" {
  bucket = "acme-data"
}
resource "aws_s3_bucket_acl" "a" {
  bucket = aws_s3_bucket.b.id
  acl    = "public-read-write"
}
`),
  tf('a2-tf-trust-principals-star', '3-vacuous', 'aws_iam_policy_document assume role principals type AWS identifiers ["*"]', `data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}
resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
`),
  tf('a2-tf-policy-doc-effect-upper', '3-vacuous', 'aws_iam_policy_document statement effect = "ALLOW"', `data "aws_iam_policy_document" "d" {
  statement {
    effect    = "ALLOW"
    actions   = ["*"]
    resources = ["*"]
  }
}
resource "aws_iam_policy" "p" {
  name   = "p"
  policy = data.aws_iam_policy_document.d.json
}
`),
  tf('a2-tf-file-abs-module-path', '2-scope', 'policy = file("${path.module}/policies/admin.json")', `resource "aws_iam_policy" "p" {
  name   = "p"
  policy = file("\${path.module}/policies/admin.json")
}
`),
  tf('a2-tf-moved-block', '6-holder', 'admin policy next to a moved block from an old address', `moved {
  from = aws_iam_policy.old
  to   = aws_iam_policy.app
}
resource "aws_iam_policy" "app" {
  name   = "app"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })
}
`),
  tf('a2-tf-terraform-data-input', '4-unknown', 'Action from terraform_data.x.output (input "*")', tfActions('[terraform_data.x.output]', 'resource "terraform_data" "x" {\n  input = "*"\n}')),
  tf('a2-tf-jsondecode-string', '3-vacuous', 'policy = jsonencode(jsondecode("{...admin...}"))', `resource "aws_iam_policy" "p" {
  name   = "p"
  policy = jsonencode(jsondecode("{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Action\\":\\"*\\",\\"Resource\\":\\"*\\"}]}"))
}
`),
  tf('a2-tf-statement-object', '3-vacuous', 'jsonencode with Statement as an object', `resource "aws_iam_policy" "p" {
  name   = "p"
  policy = jsonencode({ Version = "2012-10-17", Statement = { Effect = "Allow", Action = "*", Resource = "*" } })
}
`),
  tf('a2-tf-ternary-list-type', '4-unknown', 'actions = var.x != null ? var.x : ["*"] with x default null', tfActions('var.x != null ? var.x : ["*"]', 'variable "x" {\n  type    = list(string)\n  default = null\n}')),
  tf('a2-tf-object-var-default', '4-unknown', 'Action from an object variable default attribute', tfActions('var.cfg.actions', 'variable "cfg" {\n  type = object({ actions = list(string) })\n  default = { actions = ["*"] }\n}')),
  tf('a2-tf-optional-default', '4-unknown', 'Action from optional() attribute default in a variable type', tfActions('var.cfg.actions', 'variable "cfg" {\n  type = object({ actions = optional(list(string), ["*"]) })\n  default = {}\n}')),
  tf('a2-tfjson-locals', '3-vacuous', '.tf.json locals feeding an Action', JSON.stringify({ locals: { star: '*' }, resource: { aws_iam_policy: { p: { name: 'p', policy: '${jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", Action = local.star, Resource = "*"}]})}' } } } }, null, 2), 'main.tf.json', 'tf-json'),
  tf('a2-tfjson-policy-doc', '3-vacuous', '.tf.json data aws_iam_policy_document with statement as an array', JSON.stringify({ data: { aws_iam_policy_document: { d: { statement: [{ actions: ['*'], resources: ['*'] }] } } }, resource: { aws_iam_policy: { p: { name: 'p', policy: '${data.aws_iam_policy_document.d.json}' } } } }, null, 2), 'main.tf.json', 'tf-json'),
  tf('a2-tfjson-role-inline', '6-holder', '.tf.json aws_iam_role with inline_policy block', JSON.stringify({ resource: { aws_iam_role: { r: { name: 'r', assume_role_policy: JSON.stringify(doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' })), inline_policy: [{ name: 'a', policy: JSON.stringify(ADMIN) }] } } } }, null, 2), 'main.tf.json', 'tf-json'),

  // --- round 2: caller-controlled or covering-everything conditions, federation without audience
  raw('a2-raw-cognito-no-aud', '3-vacuous', 'trust Federated cognito-identity.amazonaws.com with no aud condition (any identity pool of any account)', json(doc({ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }))),
  raw('a2-raw-github-oidc-no-sub', '3-vacuous', 'GitHub OIDC trust with only the aud condition (every repository)', json(doc({ Effect: 'Allow', Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' } } }))),
  raw('a2-raw-orgid-self', '3-vacuous', 'public bucket narrowed by aws:PrincipalOrgID = ${aws:PrincipalOrgID}', publicWhenA2({ StringEquals: { 'aws:PrincipalOrgID': '${aws:PrincipalOrgID}' } })),
  raw('a2-raw-principalarn-list-with-star', '3-vacuous', 'trust to * narrowed by aws:PrincipalArn list that includes "*"', json(doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { ArnLike: { 'aws:PrincipalArn': [`arn:aws:iam::${ACCOUNT}:role/ci`, '*'] } } }))),
  raw('a2-raw-principaltype-all', '3-vacuous', 'public bucket narrowed by aws:PrincipalType listing every type', publicWhenA2({ StringEquals: { 'aws:PrincipalType': ['User', 'AssumedRole', 'Anonymous', 'FederatedUser', 'Account'] } })),
  raw('a2-raw-public-securetransport', '3-vacuous', 'public bucket write "narrowed" by aws:SecureTransport true', publicWhenA2({ Bool: { 'aws:SecureTransport': 'true' } })),
  raw('a2-raw-public-referer', '6-holder', 'public bucket write "restricted" by aws:Referer (set by the caller)', publicWhenA2({ StringLike: { 'aws:Referer': 'https://acme.example/*' } })),
  raw('a2-raw-public-useragent', '6-holder', 'public bucket write "restricted" by aws:UserAgent (set by the caller)', publicWhenA2({ StringEquals: { 'aws:UserAgent': 'acme-uploader/1.0' } })),
  raw('a2-raw-trust-requestedregion', '3-vacuous', 'role anyone can assume, "narrowed" by aws:RequestedRegion StringLike *', json(doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition: { StringLike: { 'aws:RequestedRegion': '*' } } }))),
  // --- round 2: Terraform override files, more functions, resource attributes
  { id: 'a2-tf-override-file', cls: '2-scope', format: 'tf', description: 'main_override.tf replaces the harmless policy attribute with admin (Terraform merges override files)', expect: 'not-pass', files: {
    'infra/main.tf': tfActions('["s3:GetObject"]'),
    'infra/main_override.tf': 'resource "aws_iam_policy" "app" {\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}\n',
  } },
  { id: 'a2-tf-override-locals', cls: '2-scope', format: 'tf', description: 'override.tf redefines a local from ["s3:GetObject"] to ["*"]', expect: 'not-pass', files: {
    'infra/main.tf': tfActions('local.acts', 'locals {\n  acts = ["s3:GetObject"]\n}'),
    'infra/override.tf': 'locals {\n  acts = ["*"]\n}\n',
  } },
  { id: 'a2-tf-override-variable-default', cls: '2-scope', format: 'tf', description: 'x_override.tf changes a variable default to ["*"]', expect: 'not-pass', files: {
    'infra/main.tf': tfActions('var.acts', 'variable "acts" {\n  type    = list(string)\n  default = ["s3:GetObject"]\n}'),
    'infra/x_override.tf': 'variable "acts" {\n  default = ["*"]\n}\n',
  } },
  tf('a2-tf-ssm-parameter-value', '4-unknown', 'Action from aws_ssm_parameter.x.value (value "*" set in the same file)', tfActions('[aws_ssm_parameter.x.value]', 'resource "aws_ssm_parameter" "x" {\n  name  = "/acts"\n  type  = "String"\n  value = "*"\n}')),
  tf('a2-tf-random-result', '4-unknown', 'Action built from random_string.x.result (unknown until apply)', tfActions('["iam:${random_string.x.result}"]', 'resource "random_string" "x" {\n  length = 1\n}')),
  tf('a2-tf-templatestring', '4-unknown', 'Action templatestring(local.t, { a = "*" })', tfActions('[templatestring(local.t, { a = "*" })]', 'locals {\n  t = "$${a}"\n}')),
  tf('a2-tf-provider-function', '4-unknown', 'Action from a provider-defined function provider::corefunc::str_camel("*")', tfActions('[provider::corefunc::str_camel("*")]')),
  tf('a2-tf-ephemeral-variable', '4-unknown', 'Action from an ephemeral variable without default', tfActions('var.acts', 'variable "acts" {\n  type      = list(string)\n  ephemeral = true\n}')),
  tf('a2-tf-strcontains-ternary', '4-unknown', 'Action strcontains(var.env, "prod") ? "*" : ... with env = dev', tfActions('[strcontains(var.env, "prod") ? "*" : "s3:GetObject"]', 'variable "env" {\n  default = "dev"\n}')),
  tf('a2-tf-local-file-content', '4-unknown', 'policy = local_file.p.content (a policy written to a file by another resource)', 'resource "local_file" "p" {\n  filename = "p.json"\n  content  = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}\nresource "aws_iam_policy" "app" {\n  name   = "app"\n  policy = local_file.p.content\n}\n'),
  // --- round 2: CloudFormation
  cfn('a2-cfn-findinmap-defaultvalue', '4-unknown', 'Fn::FindInMap with DefaultValue "*" for a missing key (LanguageExtensions)', `Transform: AWS::LanguageExtensions
Mappings:
  Acts:
    us-west-2: {a: s3:GetObject}
Resources:
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: !FindInMap [Acts, !Ref "AWS::Region", a, {DefaultValue: "*"}]
            Resource: "*"
`),
  cfn('a2-cfn-doc-param-default-json', '4-unknown', 'PolicyDocument !Ref a String parameter whose default is the admin JSON', `Parameters:
  Doc:
    Type: String
    Default: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'
Resources:
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: !Ref Doc
`),
  cfn('a2-cfn-if-whole-properties', '4-unknown', 'the whole Properties mapping chosen by !If (admin branch when Debug, false by default)', `Parameters:
  Debug: {Type: String, Default: "no", AllowedValues: ["yes", "no"]}
Conditions:
  IsDebug: !Equals [!Ref Debug, "yes"]
Resources:
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties: !If
      - IsDebug
      - PolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Action: "*", Resource: "*"}]}
      - PolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Action: s3:GetObject, Resource: "arn:aws:s3:::acme-reports/*"}]}
`),
  cfn('a2-cfn-statement-if-list', '4-unknown', 'Statement list itself chosen by !If', `Parameters:
  Debug: {Type: String, Default: "no"}
Conditions:
  IsDebug: !Equals [!Ref Debug, "yes"]
Resources:
  P:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement: !If [IsDebug, [{Effect: Allow, Action: "*", Resource: "*"}], [{Effect: Allow, Action: s3:GetObject, Resource: "arn:aws:s3:::acme-reports/*"}]]
`),
  cfn('a2-cfn-cognito-unauth-role', '3-vacuous', 'role trusted by cognito-identity without aud, holding admin', `Resources:
  R:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Principal: {Federated: cognito-identity.amazonaws.com}, Action: sts:AssumeRoleWithWebIdentity}]}
      Policies: [{PolicyName: a, PolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Action: "s3:*", Resource: "*"}]}}]
`),
];

// the UTF-16 file is built as bytes
const utf16 = cases.find((c) => c.id === 'a2-raw-utf16')!;
utf16.files = { 'iam/policy16.json': (() => { const s = '\uFEFF' + json(ADMIN); const b = new Uint8Array(s.length * 2); for (let i = 0; i < s.length; i++) { b[2 * i] = s.charCodeAt(i) & 0xff; b[2 * i + 1] = s.charCodeAt(i) >> 8; } return b; })() };
// file() target for a2-tf-file-abs-module-path
cases.find((c) => c.id === 'a2-tf-file-abs-module-path')!.files['infra/policies/admin.json'] = json(ADMIN);

const controls: C[] = [
  { id: 'a2-control-raw-statement-object', cls: '3-vacuous', format: 'raw-json', description: 'control: Statement as an object, reading one bucket', expect: 'pass', files: { 'iam/read.json': json({ Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::acme-reports/*' } }) } },
  { id: 'a2-control-tf-for-expr', cls: '3-vacuous', format: 'tf', description: 'control: for expression over harmless actions', expect: 'pass', files: { 'infra/main.tf': tfActions('[for a in ["GetObject"] : "s3:${a}"]').replace('Resource = "*"', 'Resource = "arn:aws:s3:::acme-reports/*"') } },
  { id: 'a2-control-cfn-statement-object', cls: '3-vacuous', format: 'cfn', description: 'control: CloudFormation Statement mapping reading one bucket', expect: 'pass', files: { 'cfn/stack.yaml': cfnRolePolicy('          Effect: Allow\n          Action: s3:GetObject\n          Resource: arn:aws:s3:::acme-reports/*') } },
];

export const ATTACK2_CASES: ScanCase[] = [...cases, ...controls];
void PASSROLE_LAMBDA; void publicBucket;
