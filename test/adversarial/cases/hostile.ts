/**
 * Hostile size and shape (issue class 7), run through the CLI from source in a child process: a crash or a hang
 * writes no report and fails the case. Each file also carries one admin statement, so the only acceptable
 * outcomes are `fail` or `incomplete` with a report.
 */
import type { ScanCase } from './types.js';

const ADMIN_STMT = '{"Effect":"Allow","Action":"*","Resource":"*"}';
const many = (n: number, stmt: (i: number) => string) => () => {
  const parts: string[] = [ADMIN_STMT];
  for (let i = 0; i < n; i++) parts.push(stmt(i));
  return `{"Version":"2012-10-17","Statement":[${parts.join(',\n')}]}\n`;
};

export const HOSTILE_CASES: ScanCase[] = [
  { id: 'hostile-85k-statements', cls: '7-hostile', format: 'raw-json', description: '85,000 statements in one ~4.6 MB policy file (spread of a huge array)', expect: 'not-pass', isolate: true,
    files: { 'big/policy.json': many(85_000, (i) => `{"Sid":"S${i}","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b${i}/*"}`) } },
  { id: 'hostile-5k-notaction', cls: '7-hostile', format: 'raw-json', description: '5,000 Allow NotAction statements (~300 KB): bounded time, memory and report size', expect: 'not-pass', isolate: true,
    files: { 'big/notaction.json': many(5_000, (i) => `{"Effect":"Allow","NotAction":["s3:Get${i}*","ec2:Describe${i}*"],"Resource":"arn:aws:s3:::n${i}/*"}`) } },
  { id: 'hostile-20k-duplicate-actions', cls: '7-hostile', format: 'raw-json', description: 'one statement with 20,000 duplicate actions plus iam:PassRole and lambda:CreateFunction on *', expect: 'not-pass', isolate: true,
    files: { 'big/dups.json': () => `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[${Array(20_000).fill('"iam:PassRole"').join(',')},"lambda:CreateFunction","lambda:InvokeFunction"],"Resource":"*"}]}\n` } },
  { id: 'hostile-deep-nesting', cls: '7-hostile', format: 'raw-json', description: 'an admin policy whose Condition value nests 200,000 arrays deep', expect: 'not-pass', isolate: true,
    files: { 'big/deep.json': () => `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:RequestTag/x":${'['.repeat(200_000)}${']'.repeat(200_000)}}}}]}\n` } },
  { id: 'hostile-yaml-alias-bomb', cls: '7-hostile', format: 'cfn', description: 'CloudFormation template with an admin role and a YAML alias bomb in Metadata', expect: 'not-pass', isolate: true,
    files: { 'templates/bomb.yaml': () => {
      const lines = ['AWSTemplateFormatVersion: "2010-09-09"', 'Metadata:', '  a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
      for (let i = 1; i <= 9; i++) lines.push(`  a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
      lines.push('Resources:', '  P:', '    Type: AWS::IAM::ManagedPolicy', '    Properties:', '      PolicyDocument:', '        Version: "2012-10-17"', '        Statement:', '          - { Effect: Allow, Action: "*", Resource: "*" }');
      return lines.join('\n') + '\n';
    } } },
  { id: 'hostile-config-glob-redos', cls: '1-config', format: 'config', description: 'a (trusted) config ignore glob with 12 wildcards against a 40-character file name must finish; the admin policy it does not match still fails', expect: 'not-pass', isolate: true,
    files: {
      '.github/iam-policy-gate.yml': `ignore:\n  - rule: MISSING_VERSION\n    files: "${'*a'.repeat(12)}*b"\n    reason: hostile pattern (test)\n`,
      [`${'a'.repeat(40)}.json`]: `{"Version":"2012-10-17","Statement":[${ADMIN_STMT}]}\n`,
    } },
  { id: 'hostile-hcl-deep-parens', cls: '7-hostile', format: 'tf', description: '.tf with an admin policy and a local nested 50,000 parentheses deep', expect: 'not-pass', isolate: true,
    files: { 'infra/main.tf': () => `locals {\n  x = ${'('.repeat(50_000)}1${')'.repeat(50_000)}\n}\nresource "aws_iam_policy" "app" {\n  name   = "app"\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}\n` } },
];
