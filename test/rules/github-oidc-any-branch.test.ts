/** A privileged (deploy) role whose GitHub OIDC subject lets any branch of its repository in is a security-warning. */
import { describe, expect, it } from 'vitest';
import { runGate } from '../../src/gate.js';
import { defaultOptions } from '../../src/config/options.js';
import { tmpRepo } from '../helpers/tmp-repo.js';

function template(sub: string, managed: string): string {
  return `Resources:
  DeployRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: sts:AssumeRoleWithWebIdentity
            Principal:
              Federated: arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com
            Condition:
              StringEquals:
                token.actions.githubusercontent.com:aud: sts.amazonaws.com
              StringLike:
                token.actions.githubusercontent.com:sub: '${sub}'
      ManagedPolicyArns:
        - arn:aws:iam::aws:policy/${managed}
`;
}

async function branchFindings(sub: string, managed: string) {
  const root = tmpRepo({ 'template.yaml': template(sub, managed) });
  const options = defaultOptions(root, root);
  options.accessAnalyzer = 'off';
  const r = await runGate(['.'], options);
  return r.findings.filter((f) => f.ruleId === 'trust-github-oidc').map((f) => `${f.severity} ${f.line}: ${f.message}`);
}

describe('GitHub OIDC subject open to any branch', () => {
  it('of an administrator deploy role: a security-warning on the subject line', async () => {
    expect(await branchFindings('repo:my-org/app:ref:refs/heads/*', 'AdministratorAccess')).toEqual([
      expect.stringMatching(/^security-warning 16: Role DeployRole is privileged \(it allows every action\) and the GitHub OIDC subject "repo:my-org\/app:ref:refs\/heads\/\*" lets a workflow on any branch/),
    ]);
    expect((await branchFindings('repo:my-org/app:*', 'AdministratorAccess')).length).toBe(1);
  });

  it('not for a read-only role, nor for a pinned branch or environment', async () => {
    expect(await branchFindings('repo:my-org/app:ref:refs/heads/*', 'ReadOnlyAccess')).toEqual([]);
    expect(await branchFindings('repo:my-org/app:ref:refs/heads/main', 'AdministratorAccess')).toEqual([]);
    expect(await branchFindings('repo:my-org/app:environment:prod', 'AdministratorAccess')).toEqual([]);
  });
});
