/** The repository of test/report/held-units.test.ts and held-store.test.ts: held files forming several units. */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const admin = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] });
const wild = (a: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: a, Resource: '*' }] });
const scp = (a: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: a, Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': 'eu-west-1' } } }] });
export const FILES: Record<string, string> = {
  'a-raw.json': wild('s3:*'),
  'app/main.tf': 'module "common" {\n  source = "../modules/common"\n  actions = ["iam:*"]\n}\nresource "aws_iam_policy" "f" {\n  name = "f"\n  policy = file("${path.module}/../policies/read-by-tf.json")\n}\n',
  'ops/main.tf': 'module "common" {\n  source = "../modules/common"\n  actions = ["s3:GetObject"]\n}\n',
  'modules/common/main.tf': 'variable "actions" {}\nresource "aws_iam_policy" "p" {\n  name = "p"\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }] })\n}\n',
  'other/main.tf': 'resource "aws_iam_role_policy" "o" {\n  role = "x"\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "kms:*", Resource = "*" }] })\n}\n',
  'policies/read-by-tf.json': admin,
  'policies/alone.json': wild('ec2:*'),
  'policies/ReadOnlyAccess.json': wild('s3:Get*'),
  'policies/embedded.json': JSON.stringify({ PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:*', Resource: '*' }] }) }),
  'scps/region.json': scp('ec2:*'),
  'org/guard.json': scp('iam:*'),
  // SCPs with findings of their own (a Sid twice, an action no service has), one read by a Terraform organisations policy
  'scps/dup-sid.json': JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'A', Effect: 'Deny', Action: 'ec2:*', Resource: '*' }, { Sid: 'A', Effect: 'Deny', Action: 'nosuchservice:Do', Resource: '*' }] }),
  'scps/read-by-org-tf.json': scp('s3:*'),
  'scps/deny-all.json': JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'All', Effect: 'Deny', Action: '*', Resource: '*' }] }),
  'orgtf/main.tf': 'resource "aws_organizations_policy" "g" {\n  name = "g"\n  type = "SERVICE_CONTROL_POLICY"\n  content = file("${path.module}/../scps/read-by-org-tf.json")\n}\nresource "aws_iam_policy" "q" {\n  name = "q"\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "iam:*", Resource = "*" }] })\n}\n',
  'rcps/data.json': JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*', Condition: { BoolIfExists: { 'aws:SecureTransport': 'false' } } }] }),
  'stacks/parent.yaml': 'Parameters:\n  Dir: { Type: String, Default: stacks }\nResources:\n  Child:\n    Type: AWS::CloudFormation::Stack\n    Properties:\n      TemplateURL: !Sub "./${Dir}/kid.yaml"\n',
  'stacks/kid.yaml': 'Resources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Statement:\n          - Effect: Allow\n            Principal: { Service: lambda.amazonaws.com }\n            Action: sts:AssumeRole\n      Policies:\n        - PolicyName: p\n          PolicyDocument:\n            Statement:\n              - Effect: Allow\n                Action: "*"\n                Resource: "*"\n',
  'z-raw.json': admin,
  // an ignore entry by Sid: the suppressions stage reads the statements of the SCP record a stage finding points at
  '.github/iam-policy-gate.yml': 'policy-types:\n  - files: "org/*.json"\n    type: scp\nignore:\n  - rule: scp-lockout-risk\n    sid: All\n    reason: "test: an SCP finding suppressed by Sid"\n',
};

export function repository(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'gate-held-units-'));
  for (const [rel, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  return root;
}
