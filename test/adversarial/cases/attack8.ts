/**
 * Eighth red-team round (session 8: the direct YAML reader, extract/cloudformation/yaml-direct.ts). After a key or
 * dash with its value on a later line, a blank line and a comment at column 0 before a plain value make the `yaml`
 * package (the authority) err ("Implicit keys need to be on a single line"), so the template is not analysed and
 * the verdict is incomplete. The direct reader read the value instead, so a template the reference refuses could
 * pass (red team S8-F1, found while fuzzing CR LF line endings; present since session 7 for LF texts). Where the
 * package reads such a layout without error it can read it wrongly: a list item below the comment is folded with the
 * next item, so `["arn:...", "*"]` became one ARN and iam:PassRole on "*" passed (S8-F2). The layout is therefore
 * never read by any reader (text/yaml-layout.ts). Each case must not pass; the control indents the comment and passes.
 */
import type { ScanCase } from './types.js';

const template = (eol: string, blank: string, comment: string) =>
  ['Resources:', '  ReadOne:', '    Type: AWS::IAM::ManagedPolicy', '    Properties:', '      Description:', blank, comment, '        read-only reports', '      PolicyDocument:', '        Version: "2012-10-17"', '        Statement:', '          - Effect: Allow', '            Action: s3:GetObject', "            Resource: 'arn:aws:s3:::reports-bucket/*'", ''].join(eol);

/** iam:PassRole on `[arn, "*"]`, the ARN below a blank line and a column-0 comment (the package reads one value, "arn - *"). */
const passRole = (anchor: string) =>
  ['Resources:', '  P:', '    Type: AWS::IAM::ManagedPolicy', '    Properties:', '      PolicyDocument:', `        Version:${anchor} "2012-10-17"`, '        Statement:', '          - Effect: Allow', '            Action: iam:PassRole', '            Resource:', '              -', '', '# the deploy role', '                arn:aws:iam::123456789012:role/deploy', '              - "*"', ''].join('\n');

const margin = (id: string, eol: string, what: string): ScanCase => ({
  id: `a8-margin-comment-${id}`, cls: '7-hostile', format: 'cfn', expect: 'not-pass',
  description: `a blank line and a column-0 comment before a value on its own line (${what}): a YAML error, never read`,
  files: { 'cfn/template.yaml': template(eol, '', '# note') },
});

export const ATTACK8_CASES: ScanCase[] = [
  margin('lf', '\n', 'LF line endings'),
  {
    id: 'a8-margin-comment-mixed', cls: '7-hostile', format: 'cfn', expect: 'not-pass',
    description: 'CR LF lines with one bare-LF blank line before a column-0 comment: a YAML error, never read',
    files: { 'cfn/template.yaml': template('\r\n', '', '# note').replace('Description:\r\n\r\n', 'Description:\r\n\n') },
  },
  margin('crlf', '\r\n', 'CR LF line endings: the package reads this one, but not the layout in general'),
  {
    id: 'a8-margin-comment-folds-star', cls: '7-hostile', format: 'cfn', expect: 'not-pass',
    description: 'iam:PassRole on a list whose first item sits below a column-0 comment: the package folds the next item ("*") into it, so the layout is never read (red team S8-F2)',
    files: { 'cfn/template.yaml': passRole('') },
  },
  {
    id: 'a8-margin-comment-folds-star-anchor', cls: '7-hostile', format: 'cfn', expect: 'not-pass',
    description: 'the same with an anchor elsewhere (no direct reading at all): never read either',
    files: { 'cfn/template.yaml': passRole(' &v') },
  },
  {
    id: 'a8-margin-comment-folds-star-tagged', cls: '7-hostile', format: 'cfn', expect: 'not-pass',
    description: 'the list item below the comment carries an anchor and a tag (`- &deploy !Sub`): never read either (red team S8-F3)',
    files: { 'cfn/template.yaml': passRole('').replace('              -\n', '              - &deploy !Sub\n') },
  },
  {
    id: 'a8-margin-comment-openapi-body', cls: '7-hostile', format: 'tf', expect: 'not-pass',
    description: 'a Terraform API Gateway body (YAML) whose Principal list has "*" folded into the item below a column-0 comment: the policy is its worst case, never the misread list',
    files: { 'main.tf': "resource \"aws_api_gateway_rest_api\" \"api\" {\n  name = \"tf-api\"\n  body = <<-YAML\nopenapi: 3.0.1\nx-amazon-apigateway-policy:\n  Version: \"2012-10-17\"\n  Statement:\n    - Effect: Allow\n      Principal:\n        AWS:\n          -\n\n# the caller\n            arn:aws:iam::123456789012:role/caller\n          - \"*\"\n      Action: execute-api:Invoke\n      Resource: \"*\"\nYAML\n}\n" },
  },
  {
    id: 'a9-openapi-body-unreadable', cls: '7-hostile', format: 'tf', expect: 'not-pass',
    description: 'a Terraform API Gateway body that names x-amazon-apigateway-policy but is more aliases than the reader expands (an importer may read it): the policy is its worst case, never no policy',
    files: { 'main.tf': `resource "aws_api_gateway_rest_api" "api" {\n  name = "tf-api"\n  body = <<-YAML\nopenapi: 3.0.1\nx-p: &p "*"\nx-amazon-apigateway-policy:\n  Version: "2012-10-17"\n  Statement:\n    - Effect: Allow\n      Principal: *p\n      Action: execute-api:Invoke\n      Resource: *p\n      Condition: [${Array.from({ length: 120 }, () => '*p').join(', ')}]\nYAML\n}\n` },
  },
  {
    id: 'a8-indented-comment-control', cls: '7-hostile', format: 'cfn', expect: 'pass',
    description: 'the same comment indented: a comment, the read-only policy passes',
    files: { 'cfn/template.yaml': template('\n', '', '        # note') },
  },
];
