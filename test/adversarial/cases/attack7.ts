/**
 * Seventh red-team round (session 7: the direct YAML reader, extract/cloudformation/yaml-direct.ts). A `#` glued
 * to a closing quote or bracket is an error for the `yaml` package (the authority: "Comments must be separated
 * from other tokens by white space"), so the template is not analysed and the verdict is incomplete. The direct
 * reader once took it for a comment and read the template, so a template the reference refuses could pass
 * (found by the red team's fuzzer before release). Each case is a harmless-looking policy that must not pass; the
 * control writes the same comment with a space and must pass.
 */
import type { ScanCase } from './types.js';

const template = (action: string) =>
  ['Resources:', '  ReadOne:', '    Type: AWS::IAM::ManagedPolicy', '    Properties:', '      PolicyDocument:', '        Version: "2012-10-17"', '        Statement:', '          - Effect: Allow', `            Action: ${action}`, "            Resource: 'arn:aws:s3:::reports-bucket/*'", ''].join('\n');

const glued = (id: string, action: string, what: string): ScanCase => ({
  id: `a7-glued-comment-${id}`, cls: '7-hostile', format: 'cfn', expect: 'not-pass',
  description: `a comment glued to ${what} (${action}): a YAML error, never read as a comment`,
  files: { 'cfn/template.yaml': template(action) },
});

export const ATTACK7_CASES: ScanCase[] = [
  glued('single-quoted', "'s3:GetObject'#c", 'a single-quoted scalar'),
  glued('double-quoted', '"s3:GetObject"#c', 'a double-quoted scalar'),
  glued('flow-sequence', '[s3:GetObject]#c', 'a flow sequence'),
  glued('flow-map-item', '[{"Fn::Sub": "s3:GetObject"}]#c', 'a flow collection holding a map'),
  {
    id: 'a7-spaced-comment-control', cls: '7-hostile', format: 'cfn', expect: 'pass',
    description: 'the same comment after a space: a comment, the read-only policy passes',
    files: { 'cfn/template.yaml': template("'s3:GetObject' # c") },
  },
];
