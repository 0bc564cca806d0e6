/**
 * The generated hostile corpus: files a malicious or broken pull request could contain. Each case names the files
 * (repository-relative) and whether the gate must report an error for it (`mustError`) or may analyse it normally.
 */
export interface HostileCase {
  name: string;
  files: Record<string, string | Uint8Array>;
  /** The files to name on the command line (default: all). */
  scan?: string[];
  /** An error naming one of these files must be reported (the input cannot be analysed as it stands). */
  mustError: boolean;
  /** Files that must be symlinks to the canary outside the repository (created by the harness). */
  symlinksToCanary?: string[];
  /** The error on the hostile file must say this (e.g. which budget it went over). */
  errorMatches?: RegExp;
  /** Findings of a rule the report must account for (listed, or counted by a summary: findings/summarise.ts). */
  represents?: { ruleId: string; count: number };
  /** Upper bound of the JSON report's size, bytes (repeated findings are summarised). */
  reportBytesAtMost?: number;
  /** Files the walk would skip that must be analysed (admin-wildcard reported on them: they hold `Action: "*"`). */
  adminIn?: string[];
  /** Hostile by size: its speed is measured in bench/hostile-size.bench.ts, not held to the per-input time budget here. */
  large?: boolean;
}

const policy = (extra: object = {}) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', ...extra }] });

function aliasBomb(levels: number): string {
  let y = 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
  for (let i = 1; i < levels; i++) y += `a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]\n`;
  return `AWSTemplateFormatVersion: "2010-09-09"\n${y}Resources:\n  R:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyDocument: *a${levels - 1}\n`;
}

/** A policy of `n` statements (one JSON line: the size a generator or a paste produces). */
export function manyStatements(n: number, statement: object | ((i: number) => object)): string {
  const st = Array.from({ length: n }, (_, i) => (typeof statement === 'function' ? statement(i) : statement));
  return JSON.stringify({ Version: '2012-10-17', Statement: st });
}

export function hostileCases(): HostileCase[] {
  const cases: HostileCase[] = [
    { name: 'YAML alias bomb (billion laughs)', files: { 'template.yaml': aliasBomb(10) }, mustError: true },
    { name: 'JSON nested 100,000 deep', files: { 'deep.json': '{"Statement":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}' }, mustError: true },
    { name: 'YAML flow nested 100,000 deep', files: { 'deep.yaml': 'Resources: ' + '['.repeat(100_000) + ']'.repeat(100_000) + '\n' }, mustError: true },
    { name: 'YAML block nested 2,000 deep', files: { 'block.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n' + Array.from({ length: 2000 }, (_, i) => ' '.repeat(2 * i + 2) + `k${i}:`).join('\n') + ' x\n' }, mustError: false },
    { name: '50 MB file', files: { 'huge.json': '{"Version":"2012-10-17","Statement":[],"Id":"' + 'x'.repeat(50 * 1024 * 1024) + '"}' }, mustError: true },
    { name: 'very long line (4 MB string in a policy)', files: { 'long.json': policy({ Sid: 'x'.repeat(4 * 1024 * 1024) }) }, mustError: false },
    { name: 'invalid UTF-8', files: { 'bad-utf8.json': Buffer.concat([Buffer.from('{"Version":"2012-10-17","Statement":[{"Sid":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}]}')]) }, mustError: true },
    { name: 'UTF-8 BOM', files: { 'bom.json': '\ufeff' + policy() }, mustError: false },
    { name: 'UTF-16 file', files: { 'utf16.json': Buffer.from('\ufeff' + policy(), 'utf16le') }, mustError: true },
    { name: 'NUL bytes', files: { 'nul.json': policy().replace('s3:GetObject', 's3:Get\u0000Object') }, mustError: true },
    { name: 'duplicate keys (JSON)', files: { 'dup.json': '{"Version":"2012-10-17","Statement":[],"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}' }, mustError: true },
    // read as CloudFormation reads YAML (issue 19): the later key wins, with a duplicate-key warning on the earlier one
    { name: 'duplicate keys (YAML template)', files: { 'dup.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A:\n    Type: AWS::IAM::Role\n  A:\n    Type: AWS::IAM::User\n' }, mustError: false },
    { name: '__proto__ and constructor keys', files: { 'proto.json': '{"Version":"2012-10-17","__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}},"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","__proto__":{"Effect":"Deny"}}]}' }, mustError: false },
    { name: 'huge numbers', files: { 'num.json': '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":1e400}},"Sid":123456789012345678901234567890}]}' }, mustError: false },
    { name: 'regex-hostile action patterns', files: { 'stars.json': policy({ Action: ['*'.repeat(50_000) + 'x', 's3:' + '*a'.repeat(20_000) + 'b', '?'.repeat(10_000)] }) }, mustError: false },
    { name: 'regex-hostile resource patterns', files: { 'res.json': policy({ Resource: ['arn:aws:s3:::' + '*a'.repeat(20_000) + 'b', 'arn:' + '*:'.repeat(10_000)] }) }, mustError: false },
    { name: 'empty file', files: { 'empty.json': '' }, mustError: true },
    { name: 'whitespace-only YAML', files: { 'blank.yaml': '\n\n   \n' }, mustError: true },
    { name: 'truncated JSON', files: { 'trunc.json': policy().slice(0, 40) }, mustError: true },
    { name: 'truncated YAML template', files: { 'trunc.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  R:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument: {"Version": "2012-10-17", "Statement": [' }, mustError: true },
    { name: 'binary garbage named .yaml', files: { 'garbage.yaml': Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256) }, mustError: true },
    { name: 'unknown YAML tags', files: { 'tags.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  R:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyDocument: !Evil { x: 1 }\n' }, mustError: false },
    { name: 'intrinsic cycle (Fn::Sub <-> Ref via parameters and conditions)', files: { 'cycle.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nConditions:\n  A: !Condition B\n  B: !Condition A\nResources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: !If [A, Allow, Deny]\n            Action: !Sub "${P}"\n            Resource: !Ref P\n' }, mustError: false },
    { name: 'include escape: ../../etc/passwd', files: { 'inc.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Fn::Include: ../../../../../../etc/passwd\n' }, mustError: true },
    { name: 'include escape: absolute path to the canary', files: { 'abs.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Fn::Include: {location: "CANARY_PATH"}\n' }, mustError: true },
    { name: 'include loop', files: { 'loop-a.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Fn::Include: loop-b.yaml\n', 'loop-b.yaml': 'Fn::Include: loop-a.yaml\n' }, scan: ['loop-a.yaml'], mustError: true },
    { name: 'include of a URL (would be SSRF)', files: { 'url.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Fn::Include: http://169.254.169.254/latest/meta-data/iam/security-credentials/\n' }, mustError: true },
    { name: 'Fn::GetEnv (would leak secrets)', files: { 'env.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Action: s3:GetObject\n            Resource:\n              Fn::GetEnv: GITHUB_TOKEN\n' }, mustError: true },
    { name: 'symlink to a file outside the repository', files: { 'ok.json': policy() }, symlinksToCanary: ['leak.json'], scan: ['leak.json', 'ok.json'], mustError: true },
    { name: 'terraform file() outside the repository', files: { 'main.tf': 'resource "aws_iam_policy" "p" {\n  name   = "p"\n  policy = file("../../../../../../etc/passwd")\n}\n' }, mustError: true },
    { name: 'terraform file() of the canary by absolute path', files: { 'canary.tf': 'resource "aws_iam_policy" "p" {\n  name   = "p"\n  policy = file("CANARY_PATH")\n}\n' }, mustError: true },
    { name: 'HCL syntax error', files: { 'broken.tf': 'resource "aws_iam_policy" "p" {\n  policy = jsonencode({\n    Statement = [\n' }, mustError: true },
    { name: 'terraform plan truncated', files: { 'plan.json': '{"format_version":"1.2","terraform_version":"1.9.0","planned_values":{"root_module":{"resources":[{"address":"aws_iam_policy.p","type":"aws_iam_policy","values":{"policy":"{\\"Version' }, mustError: true },
    // an attribute that is not valid JSON is an error finding on the resource address (issue 4), not a skipped file
    { name: 'terraform plan with a policy that is not JSON', files: { 'plan2.json': JSON.stringify({ format_version: '1.2', terraform_version: '1.9.0', planned_values: { root_module: { resources: [{ address: 'aws_iam_policy.p', mode: 'managed', type: 'aws_iam_policy', name: 'p', values: { name: 'p', policy: '{"Version": "2012-10-17", "Statement": [ {' } }] } }, resource_changes: [{ address: 'aws_iam_policy.p', mode: 'managed', type: 'aws_iam_policy', name: 'p', change: { actions: ['create'], before: null, after: { name: 'p', policy: '{"Version": "2012-10-17", "Statement": [ {' }, after_unknown: {} } }] }) }, mustError: false },
    // hostile by size (issue 15 section 7): a crash loses every other finding; unbounded work or report hangs the job
    { name: '85,000 statements in one 4 MB policy (push(...) overflowed the stack)', files: { 'many.json': manyStatements(85_000, { Effect: 'Allow', Action: 's3:*', Resource: '*' }) }, mustError: true, errorMatches: /not analysed: .*work budget/, reportBytesAtMost: 200_000, large: true },
    { name: '5,000 NotAction statements (18 s, 2 GB, a 163 MB report)', files: { 'notaction.json': manyStatements(5_000, (i) => ({ Effect: 'Allow', NotAction: `iam:Get${i}*`, Resource: '*' })) }, mustError: true, errorMatches: /not analysed: .*work budget/, reportBytesAtMost: 200_000, large: true },
    { name: 'one statement with 20,000 duplicate actions (each finding re-serialised it: 97 s)', files: { 'dup-actions.json': JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: Array(20_000).fill('s3:GetObject'), Resource: 'arn:aws:s3:::b/*' }] }) }, mustError: false, represents: { ruleId: 'REDUNDANT_ACTION', count: 19_999 }, reportBytesAtMost: 200_000, large: true },
    { name: '300 statements with the same problem (summarised, not dropped)', files: { 'repeat.json': manyStatements(300, (i) => ({ Sid: `S${i}`, Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' })) }, mustError: false, represents: { ruleId: 'passrole-unrestricted', count: 300 } },
    // where a walk does not look (issue 15 section 7): a name that says nothing, a module under a skipped directory
    { name: 'a template named stack.cfn, a policy with no extension', files: { 'stack.cfn': 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - Effect: Allow\n            Action: "*"\n            Resource: "*"\n', 'iam/admin': JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] }) }, scan: ['.'], mustError: false, adminIn: ['iam/admin', 'stack.cfn'] },
    { name: 'a local Terraform module under node_modules/', files: { 'main.tf': 'module "m" {\n  source = "./node_modules/m"\n}\n', 'node_modules/m/main.tf': 'resource "aws_iam_policy" "p" {\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}\n' }, scan: ['.'], mustError: false, adminIn: ['node_modules/m/main.tf'] },
    { name: 'markdown/HTML injection in names and Sids', files: { '<img src=x onerror=alert(1)>.json': policy({ Sid: '<script>alert(1)</script>](https://evil)@everyone' }) }, mustError: false },
  ];
  return cases;
}
