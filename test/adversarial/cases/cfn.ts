/** CloudFormation and SAM templates (scan mode). */
import type { ScanCase } from './types.js';
import { ACCOUNT } from './docs.js';

type C = Omit<ScanCase, 'format'> & { format?: ScanCase['format'] };
const HDR = 'AWSTemplateFormatVersion: "2010-09-09"\n';
const tpl = (id: string, cls: ScanCase['cls'], description: string, text: string, name = 'stack.yaml', extra: Partial<C> = {}): C => ({
  id,
  cls,
  description,
  expect: 'not-pass',
  files: { [`templates/${name}`]: text },
  ...extra,
});
/** A managed policy whose first statement's Action is `action` (a YAML fragment). */
const policyWithAction = (action: string, head = '') => `${HDR}${head}Resources:
  AppPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Action: ${action}
            Resource: "*"
`;
const roleWithManaged = (arn: string, head = '') => `${HDR}${head}Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: ec2.amazonaws.com }
            Action: sts:AssumeRole
      ManagedPolicyArns:
        - ${arn}
`;
const ADMIN_ROLE_POLICY = `            - Effect: Allow
              Action: "*"
              Resource: "*"`;

const cases: C[] = [
  // --- 4: every branch counts; unknown values are worst case
  tpl('cfn-unk-if-action', '4-unknown', 'Action !If [IsProd, "*", s3:GetObject] with IsProd false by default', policyWithAction('!If [IsProd, "*", "s3:GetObject"]', 'Parameters:\n  Env: { Type: String, Default: dev }\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n')),
  tpl('cfn-unk-findinmap-param', '4-unknown', 'Action from Fn::FindInMap keyed by a parameter (default key harmless, prod key "*")', policyWithAction('!FindInMap [Perms, !Ref Env, Action]', 'Parameters:\n  Env: { Type: String, Default: dev, AllowedValues: [dev, prod] }\nMappings:\n  Perms:\n    dev: { Action: "s3:GetObject" }\n    prod: { Action: "*" }\n')),
  tpl('cfn-unk-param-no-default', '4-unknown', 'Action from a parameter without default', policyWithAction('!Ref ActionName', 'Parameters:\n  ActionName: { Type: String }\n')),
  tpl('cfn-unk-ssm-resolve', '4-unknown', 'Action from a {{resolve:ssm:...}} dynamic reference', policyWithAction('"{{resolve:ssm:/iam/app/action}}"')),
  tpl('cfn-unk-import-value', '4-unknown', 'Action list from !ImportValue', policyWithAction('!Split [",", !ImportValue SharedActions]')),
  tpl('cfn-unk-ssm-param-type', '4-unknown', 'Action from an SSM parameter-typed parameter (resolved at deploy time)', policyWithAction('!Ref ActionName', 'Parameters:\n  ActionName: { Type: "AWS::SSM::Parameter::Value<String>", Default: /iam/app/action }\n')),
  tpl('cfn-unk-principal-param', '4-unknown', 'trust policy Principal AWS from a parameter without default', `${HDR}Parameters:
  Who: { Type: String }
Resources:
  OpenRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: !Ref Who }
            Action: sts:AssumeRole
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]
`),
  tpl('cfn-unk-effect-if', '4-unknown', 'admin statement whose Effect is !If [Lockdown, Deny, Allow] with Lockdown true by default', policyWithAction('"*"\n            Condition: {}', 'Parameters:\n  Mode: { Type: String, Default: locked }\nConditions:\n  Lockdown: !Equals [!Ref Mode, locked]\n').replace('Effect: Allow', 'Effect: !If [Lockdown, Deny, Allow]')),
  tpl('cfn-unk-whole-doc-param', '4-unknown', 'the whole PolicyDocument from a String parameter without default', `${HDR}Parameters:
  Doc: { Type: String }
Resources:
  AppPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: !Ref Doc
`),
  tpl('cfn-unk-include-s3', '4-unknown', 'statements from an AWS::Include transform at an S3 location', `${HDR}Resources:
  AppPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          Fn::Transform:
            Name: AWS::Include
            Parameters: { Location: "s3://acme-snippets/admin-statements.yaml" }
`),
  tpl('cfn-unk-customer-managed-arn', '4-unknown', 'role attached to a customer managed policy outside the repository (not listed as reviewed)', roleWithManaged(`arn:aws:iam::${ACCOUNT}:policy/legacy-admin`)),
  tpl('cfn-unk-managed-arn-param', '4-unknown', 'ManagedPolicyArns from a parameter without default', roleWithManaged('!Ref PolicyArn', 'Parameters:\n  PolicyArn: { Type: String }\n')),
  tpl('cfn-unk-foreach-nested', '4-unknown', 'nested Fn::ForEach (LanguageExtensions) whose inner collection yields Action "*"', `${HDR}Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Teams:
    - Team
    - [ops]
    - Fn::ForEach::Levels:
        - Level
        - ["*"]
        - \${Team}Policy:
            Type: AWS::IAM::ManagedPolicy
            Properties:
              PolicyDocument:
                Version: "2012-10-17"
                Statement:
                  - Effect: Allow
                    Action: !Sub "\${Level}"
                    Resource: "*"
`),
  tpl('cfn-unk-foreach-param-collection', '4-unknown', 'Fn::ForEach over a CommaDelimitedList parameter without default, element used as Action', `${HDR}Transform: AWS::LanguageExtensions
Parameters:
  Actions: { Type: CommaDelimitedList }
Resources:
  Fn::ForEach::Grants:
    - A
    - !Ref Actions
    - Grant\${A}:
        Type: AWS::IAM::ManagedPolicy
        Properties:
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: !Ref A
                Resource: "*"
`),
  tpl('cfn-unk-foreach-getazs', '4-unknown', 'Fn::ForEach over !GetAZs (unknown list) whose body grants "*": never 0 policies', `${HDR}Transform: AWS::LanguageExtensions
Resources:
  Fn::ForEach::Zones:
    - Az
    - !GetAZs ""
    - Policy&{Az}:
        Type: AWS::IAM::ManagedPolicy
        Properties:
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - { Effect: Allow, Action: "*", Resource: "*" }
`),
  tpl('cfn-unk-getatt-custom', '4-unknown', 'Action from !GetAtt of a custom resource', policyWithAction('!GetAtt Lookup.Action').replace('Resources:\n', 'Resources:\n  Lookup:\n    Type: Custom::ActionLookup\n    Properties: { ServiceToken: arn:aws:lambda:us-east-1:111122223333:function:lookup }\n')),
  // --- 3/4: intrinsic functions and YAML forms that build "*"
  tpl('cfn-fn-sub-map', '4-unknown', 'Action built by !Sub with a variable map', policyWithAction('!Sub ["${A}", { A: "*" }]')),
  tpl('cfn-fn-join-passrole', '3-vacuous', 'PassRole + lambda:CreateFunction names built by !Join', policyWithAction('[!Join ["", [iam, ":", Pass, Role]], !Join [":", [lambda, CreateFunction]], lambda:InvokeFunction]')),
  tpl('cfn-fn-select', '4-unknown', 'Action !Select [1, [s3:GetObject, "*"]]', policyWithAction('!Select [1, ["s3:GetObject", "*"]]')),
  tpl('cfn-fn-split', '4-unknown', 'Action !Split [",", "s3:GetObject,*"]', policyWithAction('!Split [",", "s3:GetObject,*"]')),
  tpl('cfn-yaml-anchor-alias', '3-vacuous', 'admin statement defined once under Metadata with a YAML anchor, used by alias', `${HDR}Metadata:
  shared: &admin
    Effect: Allow
    Action: "*"
    Resource: "*"
Resources:
  AppPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - *admin
`),
  tpl('cfn-yaml-merge-key', '3-vacuous', 'admin statement assembled with a YAML merge key (<<: *base)', `${HDR}Metadata:
  base: &base { Effect: Allow, Resource: "*" }
Resources:
  AppPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - <<: *base
            Action: "*"
`),
  tpl('cfn-yaml-escape-star', '3-vacuous', 'Action "\\x2a" (YAML double-quoted escape for *)', policyWithAction('"\\x2a"')),
  tpl('cfn-yaml-str-tag', '3-vacuous', 'Action !!str "*"', policyWithAction('!!str "*"')),
  tpl('cfn-yaml-multidoc', '4-unknown', 'multi-document YAML: a harmless first document, the admin role after ---', `${HDR}Resources:
  Bucket: { Type: AWS::S3::Bucket }
---
${policyWithAction('"*"')}`),
  tpl('cfn-yaml-duplicate-action', '4-unknown', 'duplicate Action keys in one YAML statement ("*" first)', policyWithAction('"*"\n            Action: s3:GetObject')),
  tpl('cfn-json-duplicate-action', '4-unknown', 'JSON template with duplicate Action keys ("*" first)', `{"AWSTemplateFormatVersion":"2010-09-09","Resources":{"P":{"Type":"AWS::IAM::ManagedPolicy","Properties":{"PolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Action":"s3:GetObject"}]}}}}}\n`, 'stack.json'),
  tpl('cfn-json-string-document', '3-vacuous', 'PolicyDocument given as a JSON string', `${HDR}Resources:
  AppPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}'
`),
  tpl('cfn-crlf-bom', '7-hostile', 'admin template with BOM and CRLF', '\uFEFF' + policyWithAction('"*"').replaceAll('\n', '\r\n')),
  tpl('cfn-unk-condition-novalue', '4-unknown', 'public bucket whose only restricting Condition is !If [Private, {...}, !Ref AWS::NoValue] (Private true by default)', `${HDR}Parameters:
  Exposure: { Type: String, Default: private }
Conditions:
  Private: !Equals [!Ref Exposure, private]
Resources:
  DataPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: acme-data
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: [s3:GetObject, s3:PutObject]
            Resource: arn:aws:s3:::acme-data/*
            Condition: !If [Private, { StringEquals: { aws:SourceVpce: vpce-0abc1234 } }, !Ref AWS::NoValue]
`),
  tpl('cfn-unk-resource-condition-false', '4-unknown', 'the admin policy resource itself has a Condition false by default (it may still be created)', policyWithAction('"*"', 'Parameters:\n  BreakGlass: { Type: String, Default: "off" }\nConditions:\n  On: !Equals [!Ref BreakGlass, "on"]\n').replace('    Type: AWS::IAM::ManagedPolicy\n', '    Type: AWS::IAM::ManagedPolicy\n    Condition: On\n')),
  tpl('cfn-supp-yaml-comment-no-reason', '1-config', 'a YAML comment marker "# iam-policy-gate:ignore admin-wildcard" without a reason', policyWithAction('"*"  # iam-policy-gate:ignore admin-wildcard')),
  // --- 3 in templates
  tpl('cfn-vac-bucket-policy-orgpaths', '3-vacuous', 'public bucket policy narrowed by aws:PrincipalOrgPaths "*"', `${HDR}Resources:
  Data: { Type: AWS::S3::Bucket }
  DataPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Data
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: [s3:GetObject, s3:PutObject]
            Resource: !Sub "\${Data.Arn}/*"
            Condition: { "ForAnyValue:StringLike": { aws:PrincipalOrgPaths: ["*"] } }
`),
  tpl('cfn-vac-trust-account-glob', '3-vacuous', 'role anyone can assume "limited" to aws:PrincipalAccount ?* with AdministratorAccess', `${HDR}Resources:
  OpenRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { AWS: "*" }
            Action: sts:AssumeRole
            Condition: { StringLike: { "aws:PrincipalAccount": "?*" } }
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]
`),
  // --- 6: managed policies, attribution, conditional Deny
  ...[
    ['cfn-holder-managed-iamfull', 'IAMFullAccess'],
    ['cfn-holder-managed-orgfull', 'AWSOrganizationsFullAccess'],
    ['cfn-holder-managed-kms-poweruser', 'AWSKeyManagementServicePowerUser'],
  ].map(([id, name]) => tpl(id!, '6-holder', `role with the AWS managed ${name} (service:* on *)`, roleWithManaged(`arn:aws:iam::aws:policy/${name}`))),
  tpl('cfn-holder-managed-admin-sub', '6-holder', 'AdministratorAccess attached by !Sub with ${AWS::Partition}', roleWithManaged('!Sub "arn:${AWS::Partition}:iam::aws:policy/AdministratorAccess"')),
  tpl('cfn-holder-managed-admin-join', '6-holder', 'AdministratorAccess attached by a !Join of pieces', roleWithManaged('!Join ["", ["arn:aws:iam::aws:policy/", Administrator, Access]]')),
  tpl('cfn-holder-deny-never-created', '6-holder', 'inline admin on a role; the Deny-all policy that "cancels" it has a Condition false by default', `${HDR}Parameters:
  Harden: { Type: String, Default: "no" }
Conditions:
  DoHarden: !Equals [!Ref Harden, "yes"]
Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: { Service: ec2.amazonaws.com }
            Action: sts:AssumeRole
      Policies:
        - PolicyName: work
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - Effect: Allow
                Action: ["iam:PassRole", "ec2:RunInstances"]
                Resource: "*"
  DenyAll:
    Type: AWS::IAM::Policy
    Condition: DoHarden
    Properties:
      PolicyName: deny
      Roles: [!Ref AppRole]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - { Effect: Deny, Action: ["iam:PassRole"], Resource: "*" }
`),
  tpl('cfn-holder-rolename-collision', '6-holder', 'a Deny attached by role name lands on the role whose RoleName equals the other role\'s logical id', `${HDR}Resources:
  Builder:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - { Effect: Allow, Principal: { Service: ec2.amazonaws.com }, Action: sts:AssumeRole }
      Policies:
        - PolicyName: build
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
              - { Effect: Allow, Action: ["iam:PassRole", "ec2:RunInstances"], Resource: "*" }
  Decoy:
    Type: AWS::IAM::Role
    Properties:
      RoleName: Builder
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - { Effect: Allow, Principal: { Service: ec2.amazonaws.com }, Action: sts:AssumeRole }
  DenyPass:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: deny-pass
      Roles: [Builder]
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - { Effect: Deny, Action: iam:PassRole, Resource: "*" }
`),
  // --- SAM
  tpl('sam-policies-admin-string', '6-holder', 'SAM function with Policies: AdministratorAccess (a single managed policy name)', `${HDR}Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties: { Handler: index.handler, Runtime: nodejs20.x, InlineCode: "exports.handler=()=>1", Policies: AdministratorAccess }
`, 'app.yaml', { format: 'sam' }),
  tpl('sam-policies-if', '4-unknown', 'SAM function whose inline statement Action is !If [Debug, "*", s3:GetObject]', `${HDR}Transform: AWS::Serverless-2016-10-31
Parameters:
  Debug: { Type: String, Default: "false" }
Conditions:
  IsDebug: !Equals [!Ref Debug, "true"]
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      InlineCode: "exports.handler=()=>1"
      Policies:
        - Statement:
            - Effect: Allow
              Action: !If [IsDebug, "*", "s3:GetObject"]
              Resource: "*"
`, 'app.yaml', { format: 'sam' }),
  tpl('sam-policy-template-unknown-param', '4-unknown', 'SAM function with an inline admin statement next to a policy template', `${HDR}Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      InlineCode: "exports.handler=()=>1"
      Policies:
        - S3ReadPolicy: { BucketName: acme-reports }
        - Version: "2012-10-17"
          Statement:
${ADMIN_ROLE_POLICY}
`, 'app.yaml', { format: 'sam' }),
  tpl('sam-statemachine-admin', '6-holder', 'SAM state machine with Policies: [AdministratorAccess]', `${HDR}Transform: AWS::Serverless-2016-10-31
Resources:
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition: { StartAt: A, States: { A: { Type: Pass, End: true } } }
      Policies: [AdministratorAccess]
`, 'flow.yaml', { format: 'sam' }),
  tpl('sam-policies-if-managed', '4-unknown', 'SAM function Policies: !If [Debug, AdministratorAccess, AWSLambdaExecute] (Debug false by default)', `${HDR}Transform: AWS::Serverless-2016-10-31
Parameters:
  Debug: { Type: String, Default: "false" }
Conditions:
  IsDebug: !Equals [!Ref Debug, "true"]
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      InlineCode: "exports.handler=()=>1"
      Policies:
        - !If [IsDebug, AdministratorAccess, AWSLambdaExecute]
`, 'app.yaml', { format: 'sam' }),
  tpl('sam-function-role-param', '4-unknown', 'SAM function Policies statement with Action from a parameter without default', `${HDR}Transform: AWS::Serverless-2016-10-31
Parameters:
  Extra: { Type: String }
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs20.x
      InlineCode: "exports.handler=()=>1"
      Policies:
        - Statement:
            - { Effect: Allow, Action: !Ref Extra, Resource: "*" }
`, 'app.yaml', { format: 'sam' }),
  // --- 1: inline suppression markers that must not count
  tpl('cfn-supp-metadata-no-reason', '1-config', 'Metadata suppression of admin-wildcard without a reason', policyWithAction('"*"').replace('    Type: AWS::IAM::ManagedPolicy\n', '    Type: AWS::IAM::ManagedPolicy\n    Metadata:\n      iam-policy-gate:\n        ignore:\n          - rule: admin-wildcard\n')),
  tpl('cfn-supp-metadata-blank-reason', '1-config', 'Metadata suppression whose reason is only spaces', policyWithAction('"*"').replace('    Type: AWS::IAM::ManagedPolicy\n', '    Type: AWS::IAM::ManagedPolicy\n    Metadata:\n      iam-policy-gate:\n        ignore:\n          - { rule: admin-wildcard, reason: "   " }\n')),
  tpl('cfn-supp-in-description', '1-config', 'suppression marker inside the ManagedPolicyName/Description string', policyWithAction('"*"').replace('    Properties:\n', '    Properties:\n      Description: "# iam-policy-gate:ignore admin-wildcard approved by security"\n')),
  tpl('cfn-supp-in-tag-value', '1-config', 'suppression marker inside a tag value of the role that holds admin', `${HDR}Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      Tags:
        - { Key: note, Value: "# iam-policy-gate:ignore admin-wildcard approved" }
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - { Effect: Allow, Principal: { Service: ec2.amazonaws.com }, Action: sts:AssumeRole }
      Policies:
        - PolicyName: all
          PolicyDocument:
            Version: "2012-10-17"
            Statement:
${ADMIN_ROLE_POLICY}
`),
  tpl('cfn-supp-in-block-scalar', '1-config', 'suppression marker on a line of a YAML block scalar (a string, not a comment)', policyWithAction('"*"').replace('    Properties:\n', '    Properties:\n      Description: |\n        # iam-policy-gate:ignore admin-wildcard approved in review\n')),
  tpl('cfn-supp-metadata-wrong-resource', '1-config', 'Metadata suppression on a sibling bucket, not the admin policy', policyWithAction('"*"').replace('Resources:\n', 'Resources:\n  Logs:\n    Type: AWS::S3::Bucket\n    Metadata:\n      iam-policy-gate:\n        ignore: [{ rule: admin-wildcard, reason: "logs bucket" }]\n')),
  // --- 7: templates found whatever their name
  tpl('cfn-name-dot-cfn', '7-hostile', 'admin template named stack.cfn', policyWithAction('"*"'), 'stack.cfn'),
  tpl('cfn-name-tmpl', '7-hostile', 'admin template named stack.tmpl', policyWithAction('"*"'), 'stack.tmpl'),
  tpl('cfn-name-yaml-txt', '7-hostile', 'admin template named stack.yaml.txt', policyWithAction('"*"'), 'stack.yaml.txt'),
  tpl('cfn-name-no-ext', '7-hostile', 'admin template with no extension', policyWithAction('"*"'), 'Stackfile'),
  { id: 'cfn-name-cdk-out', cls: '7-hostile', description: 'CDK synth output cdk.out/App.template.json with an admin policy', expect: 'not-pass', files: { 'cdk.out/App.template.json': JSON.stringify({ Resources: { P: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } } } } }, null, 1) } },
  tpl('cfn-name-template', '7-hostile', 'admin template named stack.template', policyWithAction('"*"'), 'stack.template'),
  // --- controls
  { id: 'cfn-control-read-role', cls: '4-unknown', description: 'control: role reading one bucket, !If between two harmless actions', expect: 'pass', files: { 'templates/ok.yaml': policyWithAction('!If [IsProd, "s3:GetObject", "s3:GetObjectVersion"]', 'Parameters:\n  Env: { Type: String, Default: dev }\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n').replace('Resource: "*"', 'Resource: "arn:aws:s3:::acme-reports/*"') } },
  { id: 'cfn-control-anchor-harmless', cls: '3-vacuous', description: 'control: YAML anchors for a harmless statement', expect: 'pass', files: { 'templates/ok.yaml': `${HDR}Metadata:\n  r: &read { Effect: Allow, Action: "s3:GetObject", Resource: "arn:aws:s3:::acme-reports/*" }\nResources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement: [*read]\n` } },
  { id: 'cfn-control-managed-readonly', cls: '6-holder', description: 'control: Lambda role with AWSLambdaBasicExecutionRole', expect: 'pass', files: { 'templates/ok.yaml': roleWithManaged('arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole').replace('ec2.amazonaws.com', 'lambda.amazonaws.com') } },
  { id: 'cfn-control-suppressed-with-reason', cls: '1-config', description: 'control: a write-on-all-resources warning is not blocking; an xray policy passes', expect: 'pass', files: { 'templates/ok.yaml': policyWithAction('["xray:PutTraceSegments", "xray:PutTelemetryRecords"]') } },
  { id: 'cfn-control-crlf-bom', cls: '7-hostile', description: 'control: harmless template with BOM and CRLF', expect: 'pass', files: { 'templates/ok.yaml': '\uFEFF' + policyWithAction('"s3:GetObject"').replace('Resource: "*"', 'Resource: "arn:aws:s3:::acme-reports/*"').replaceAll('\n', '\r\n') } },
  { id: 'cfn-control-dot-cfn-harmless', cls: '7-hostile', description: 'control: a harmless template named stack.cfn', expect: 'pass', files: { 'templates/stack.cfn': policyWithAction('"s3:GetObject"').replace('Resource: "*"', 'Resource: "arn:aws:s3:::acme-reports/*"') } },
  { id: 'sam-control-policy-template', cls: '6-holder', description: 'control: SAM function with S3ReadPolicy on one bucket', expect: 'pass', format: 'sam', files: { 'templates/app.yaml': `${HDR}Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      Runtime: nodejs20.x\n      InlineCode: "exports.handler=()=>1"\n      Policies:\n        - S3ReadPolicy: { BucketName: acme-reports }\n` } },
];

export const CFN_CASES: ScanCase[] = cases.map((c) => ({ ...c, format: c.format ?? 'cfn' }));
