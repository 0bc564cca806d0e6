/**
 * AWS managed policies are judged for risk where they are attached, like inline ones: a role, user or group that
 * attaches AmazonS3FullAccess, AWSOrganizationsFullAccess, IAMFullAccess, PowerUserAccess, ... gets a blocking
 * finding on the attachment line naming the policy, in CloudFormation, Terraform and Terraform JSON. Grammar rules
 * stay off for AWS's text, and advisory findings on it are not repeated at every attachment: attaching
 * AWSLambdaBasicExecutionRole or ReadOnlyAccess blocks nothing.
 */
import { describe, expect, it } from 'vitest';
import { runGate } from '../../../src/gate.js';
import { defaultOptions } from '../../../src/config/options.js';
import { tmpRepo } from '../../helpers/tmp-repo.js';

const RISKY = ['AmazonS3FullAccess', 'AWSOrganizationsFullAccess', 'IAMFullAccess', 'PowerUserAccess', 'AmazonDynamoDBFullAccess', 'AWSLambda_FullAccess', 'CloudWatchLogsFullAccess', 'AWSKeyManagementServicePowerUser', 'SecretsManagerReadWrite'];
const BENIGN = ['service-role/AWSLambdaBasicExecutionRole', 'ReadOnlyAccess', 'AmazonS3ReadOnlyAccess'];

async function scan(files: Record<string, string>) {
  const root = tmpRepo(files);
  const options = defaultOptions(root, root);
  options.accessAnalyzer = 'off';
  return runGate(['.'], options);
}

function cfn(policies: string[]): string {
  return `Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      ManagedPolicyArns:
${policies.map((p) => `        - arn:aws:iam::aws:policy/${p}`).join('\n')}
`;
}

function tf(policy: string): string {
  return `resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}

resource "aws_iam_role_policy_attachment" "app" {
  role       = aws_iam_role.app.name
  policy_arn = "arn:aws:iam::aws:policy/${policy}"
}
`;
}

const blocking = (sev: string) => sev === 'error' || sev === 'security-warning';

describe('AWS managed policies are judged where they are attached', () => {
  it('CloudFormation ManagedPolicyArns: a blocking finding on each risky entry, naming it', async () => {
    const r = await scan({ 'template.yaml': cfn(RISKY) });
    for (const [i, name] of RISKY.entries()) {
      const line = 12 + i;
      const here = r.findings.filter((f) => f.line === line && blocking(f.severity));
      expect(here.length, name).toBeGreaterThan(0);
      expect(here.some((f) => f.message.includes(name)), name).toBe(true);
    }
    expect(r.verdict.status).toBe('fail');
  });

  it('Terraform policy_arn: the finding lands on the attachment and names the policy', async () => {
    for (const name of ['AmazonS3FullAccess', 'AWSOrganizationsFullAccess']) {
      const r = await scan({ 'main.tf': tf(name) });
      const here = r.findings.filter((f) => blocking(f.severity) && f.message.includes(`AWS managed policy ${name}`));
      expect(here.length, name).toBeGreaterThan(0);
      expect(here.every((f) => f.line >= 6 && f.line <= 9), name).toBe(true);
      expect(r.verdict.status).toBe('fail');
    }
  });

  it('SAM Policies by bare name and Terraform JSON attachments', async () => {
    const r = await scan({
      'sam.yaml': `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: index.handler
      InlineCode: "x"
      Policies:
        - AWSOrganizationsFullAccess
        - AWSLambdaBasicExecutionRole
`,
      'main.tf.json': JSON.stringify({
        resource: {
          aws_iam_user: { u: { name: 'ci' } },
          aws_iam_user_policy_attachment: { a: { user: '\${aws_iam_user.u.name}', policy_arn: 'arn:aws:iam::aws:policy/AmazonS3FullAccess' } },
        },
      }, null, 2),
    });
    const sam = r.findings.filter((f) => f.file.endsWith('sam.yaml') && blocking(f.severity));
    expect(sam.map((f) => f.line)).toEqual([10]);
    expect(sam[0]!.message).toContain('AWS managed policy AWSOrganizationsFullAccess (attached to role FnRole)');
    const tfj = r.findings.filter((f) => f.file.endsWith('main.tf.json') && blocking(f.severity));
    expect(tfj.length).toBeGreaterThan(0);
    expect(tfj.every((f) => f.message.includes('AmazonS3FullAccess'))).toBe(true);
  });

  it('grammar rules stay off for AWS text; benign managed policies block nothing', async () => {
    const r = await scan({ 'template.yaml': cfn(BENIGN) });
    expect(r.findings.filter((f) => blocking(f.severity)).map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
    expect(r.findings.filter((f) => f.message.startsWith('AWS managed policy')).every((f) => blocking(f.severity))).toBe(true);
    expect(r.verdict.status).toBe('pass');
  });
});
