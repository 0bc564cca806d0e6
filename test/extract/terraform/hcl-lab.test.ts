/**
 * A module laid out like a public privilege-escalation lab (BishopFox/iam-vulnerable: one escalation path per
 * file, policies written with jsonencode, heredocs, file()/templatefile() and aws_iam_policy_document). Every
 * document must equal what Terraform renders (placeholders aside), with exact lines.
 */
import { describe, expect, it } from 'vitest';
import { runOfflineChecks } from '../../../src/checks/index.js';
import { defaultOptions } from '../../../src/config/options.js';
import { byResource, extractFixture } from './helpers.js';

const lab = (f: string) => extractFixture('hcl-lab', f);
const TRUST_ADMIN = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: 'arn:aws:iam::123456789012:user/lab-admin' } }],
};

describe('.tf privilege-escalation lab module', () => {
  it('jsonencode: documents as Terraform renders them, with lines of statements and actions', async () => {
    const r = await lab('privesc1-CreateNewPolicyVersion.tf');
    expect(r.errors).toEqual([]);
    const p = byResource(r.policies, 'aws_iam_policy.privesc1-CreateNewPolicyVersion', 'policy');
    expect(p).toMatchObject({ file: 'privesc1-CreateNewPolicyVersion.tf', line: 6, endLine: 18, format: 'terraform-hcl', policyType: 'identity' });
    expect(p.document).toEqual({
      Version: '2012-10-17',
      Statement: [{ Action: ['iam:CreatePolicyVersion', 'iam:ListPolicyVersions'], Effect: 'Allow', Resource: '*' }],
    });
    expect(p.sourceMap.get('/Statement/0')!.start.line).toBe(9);
    expect(p.sourceMap.get('/Statement/0/Action/0')!.start.line).toBe(11);
    expect(p.sourceMap.get('/Statement/0/Action/1')!.start.line).toBe(12);
    expect(p.sourceMap.get('/Statement/0/Resource')!.start.line).toBe(15);
    expect(p.placeholders).toEqual([]);

    const t = byResource(r.policies, 'aws_iam_role.privesc1-CreateNewPolicyVersion-role', 'assume_role_policy');
    expect(t).toMatchObject({ line: 23, endLine: 35, policyType: 'trust', validateResourceType: 'AWS::IAM::AssumeRolePolicyDocument' });
    // var.aws_assume_role_arn resolves from its default (variables.tf); the line is where it is used
    expect(t.document).toEqual({
      Version: '2012-10-17',
      Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Sid: '', Principal: { AWS: 'arn:aws:iam::123456789012:user/lab-admin' } }],
    });
    expect(t.sourceMap.get('/Statement/0/Principal/AWS')).toMatchObject({ file: 'privesc1-CreateNewPolicyVersion.tf', start: { line: 31 } });
    expect(r.entities.map((e) => e.id).sort()).toEqual([
      'aws_iam_role.privesc1-CreateNewPolicyVersion-role',
      'aws_iam_role_policy_attachment.privesc1-CreateNewPolicyVersion-role-attach-policy',
      'aws_iam_user.privesc1-CreateNewPolicyVersion-user',
      'aws_iam_user_policy_attachment.privesc1-CreateNewPolicyVersion-user-attach-policy',
    ]);
  });

  it('heredocs (<<-EOF indented and <<EOF): JSON with interpolated locals and variables, lines inside the heredoc', async () => {
    const r = await lab('privesc4-CreateAccessKey.tf');
    expect(r.errors).toEqual([]);
    const p = byResource(r.policies, 'aws_iam_policy.privesc4-CreateAccessKey');
    expect(p.document).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'CreateKeys', Effect: 'Allow', Action: 'iam:CreateAccessKey', Resource: 'arn:aws:iam::123456789012:user/*' }],
    });
    expect(p.line).toBe(6);
    expect(p.sourceMap.get('/Statement/0')!.start.line).toBe(10);
    expect(p.sourceMap.get('/Statement/0/Action')!.start.line).toBe(13);
    const t = byResource(r.policies, 'aws_iam_role.privesc4-CreateAccessKey-role');
    expect(t.document).toEqual(TRUST_ADMIN);
    expect(t.sourceMap.get('/Statement/0/Principal')!.start.line).toBe(29);
    expect(t.sourceMap.get('/Statement/0/Action')!.start.line).toBe(30);
  });

  it('data "aws_iam_policy_document": rendered for its consumers; statements and actions point into the data block', async () => {
    const r = await lab('privesc5-CreateLoginProfile.tf');
    expect(r.errors).toEqual([]);
    const p = byResource(r.policies, 'aws_iam_policy.privesc5-CreateLoginProfile');
    expect(p.document).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'LoginProfile', Effect: 'Allow', Action: ['iam:CreateLoginProfile', 'iam:UpdateLoginProfile'], Resource: 'arn:aws:iam::123456789012:user/*' },
        {
          Sid: 'ReadUsers',
          Effect: 'Allow',
          Action: ['iam:GetUser', 'iam:ListUsers'],
          Resource: '*',
          Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
        },
      ],
    });
    expect(p.line).toBe(37);
    expect(p.sourceMap.get('/Statement/0')!.start.line).toBe(2);
    expect(p.sourceMap.get('/Statement/0/Action/1')!.start.line).toBe(7);
    expect(p.sourceMap.get('/Statement/1')!.start.line).toBe(12);
    expect(p.sourceMap.get('/Statement/1/Action/1')!.start).toEqual({ line: 14, column: 33 });
    expect(p.sourceMap.get('/Statement/1/Condition')!.start.line).toBe(17);
    const t = byResource(r.policies, 'aws_iam_role.privesc5-CreateLoginProfile-role');
    expect(t).toMatchObject({ policyType: 'trust', line: 42 });
    expect(t.document).toEqual(TRUST_ADMIN);
    // documents consumed by a resource are not reported a second time on their own
    expect(r.policies.map((x) => x.resource)).not.toContain('data.aws_iam_policy_document.privesc5-trust');
  });

  it('file() and templatefile(): repo-local JSON, findings on the lines of the JSON file', async () => {
    const r = await lab('privesc15-PassExistingRoleToNewLambdaThenInvoke.tf');
    expect(r.errors).toEqual([]);
    const p = byResource(r.policies, 'aws_iam_policy.privesc15-PassExistingRoleToNewLambdaThenInvoke');
    expect(p.document).toEqual({
      Version: '2012-10-17',
      Statement: [{ Sid: 'PassAndCreate', Effect: 'Allow', Action: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' }],
    });
    expect(p.sourceMap.get('/Statement/0/Action/0')).toMatchObject({ file: 'policies/privesc15-passrole-lambda.json', start: { line: 8 } });
    const t = byResource(r.policies, 'aws_iam_role_policy.privesc15-scoped-reads');
    expect(t.document).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'ScopedReads', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::lab-artifacts', 'arn:aws:s3:::lab-artifacts/*'] },
      ],
    });
    expect(t.attachedTo).toEqual([{ kind: 'role', id: 'aws_iam_role.privesc15-role', via: 'inline' }]);
    expect(t.sourceMap.get('/Statement/0/Resource/1')).toMatchObject({ file: 'policies/scoped-reads.json.tpl', start: { line: 10 } });
    // the trust document is defined in another file of the module
    const trust = byResource(r.policies, 'aws_iam_role.privesc15-role');
    expect(trust.document).toEqual(TRUST_ADMIN);
    expect(trust.sourceMap.get('/Statement/0')).toMatchObject({ file: 'privesc5-CreateLoginProfile.tf', start: { line: 26 } });
  });

  it('offline rules report on the .tf line of the wildcard resource', async () => {
    const r = await lab('privesc1-CreateNewPolicyVersion.tf');
    const f = runOfflineChecks(r.policies, r.entities, defaultOptions('/repo'));
    expect(f.length).toBeGreaterThan(0);
    for (const x of f) expect(x.file).toBe('privesc1-CreateNewPolicyVersion.tf');
  });
});
