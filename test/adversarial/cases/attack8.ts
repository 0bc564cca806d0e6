/**
 * Eighth red-team round (session 8: the direct YAML reader, extract/cloudformation/yaml-direct.ts). After a key or
 * dash with its value on a later line, a blank line and a comment at column 0 before a plain value make the `yaml`
 * package (the authority) err ("Implicit keys need to be on a single line"), so the template is not analysed and
 * the verdict is incomplete. The direct reader read the value instead, so a template the reference refuses could
 * pass (red team S8-F1, found while fuzzing CR LF line endings; present since session 7 for LF texts). Each case is
 * a harmless-looking policy that must not pass; the control indents the comment and must pass.
 */
import type { ScanCase } from './types.js';

const template = (eol: string, blank: string, comment: string) =>
  ['Resources:', '  ReadOne:', '    Type: AWS::IAM::ManagedPolicy', '    Properties:', '      Description:', blank, comment, '        read-only reports', '      PolicyDocument:', '        Version: "2012-10-17"', '        Statement:', '          - Effect: Allow', '            Action: s3:GetObject', "            Resource: 'arn:aws:s3:::reports-bucket/*'", ''].join(eol);

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
  {
    id: 'a8-margin-comment-crlf-control', cls: '7-hostile', format: 'cfn', expect: 'pass',
    description: 'the same text with CR LF throughout: the package reads it (its blank line is CR LF), so the gate does and it passes',
    files: { 'cfn/template.yaml': template('\r\n', '', '# note') },
  },
  {
    id: 'a8-indented-comment-control', cls: '7-hostile', format: 'cfn', expect: 'pass',
    description: 'the same comment indented: a comment, the read-only policy passes',
    files: { 'cfn/template.yaml': template('\n', '', '        # note') },
  },
];
