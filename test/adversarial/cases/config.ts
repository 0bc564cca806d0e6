/**
 * Config mode: the pull request adds or changes `.github/iam-policy-gate.yml` (or leans on what the base config
 * allows) to weaken the gate. The config that applies is the base commit's; a weakening change is itself blocking.
 */
import type { RepoCase } from './types.js';
import { ACCOUNT, ADMIN, CLOUDTRAIL_STOP, READ_ONE_BUCKET, doc, json, publicBucket } from './docs.js';

const CFG = '.github/iam-policy-gate.yml';
const README = { 'README.md': '# infra\n' };
type C = Omit<RepoCase, 'format'>;
/** head = a dangerous file + a config text */
const weaken = (id: string, description: string, config: string, dangerous: Record<string, string> = { 'iam/admin.json': json(ADMIN) }, base: Record<string, string> = README): C => ({
  id,
  cls: '1-config',
  description,
  expect: 'not-pass',
  base,
  head: { ...dangerous, [CFG]: config },
});
const STRANGER = '444455556666';
const trustStranger = json(doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${STRANGER}:root` }, Action: 'sts:AssumeRole' }));
const strangerRoleCfn = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  VendorRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - { Effect: Allow, Principal: { AWS: "arn:aws:iam::${STRANGER}:root" }, Action: sts:AssumeRole }
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]
`;
const customerManagedRole = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  AppRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: "2012-10-17"
        Statement:
          - { Effect: Allow, Principal: { Service: ec2.amazonaws.com }, Action: sts:AssumeRole }
      ManagedPolicyArns: [arn:aws:iam::${ACCOUNT}:policy/legacy-admin]
`;

const cases: C[] = [
  weaken('cfg-ignore-soon', 'ignore admin-wildcard for iam/** with a reason and a near expiry', 'ignore:\n  - rule: admin-wildcard\n    files: iam/**\n    reason: temporary (OPS-1)\n    expires: @SOON@\n'),
  weaken('cfg-ignore-no-expiry', 'ignore admin-wildcard everywhere, no expiry', 'ignore:\n  - rule: admin-wildcard\n    reason: legacy\n'),
  weaken('cfg-ignore-far-expiry', 'ignore admin-wildcard with an expiry 50 years ahead', 'ignore:\n  - rule: admin-wildcard\n    reason: legacy\n    expires: @FAR@\n'),
  weaken('cfg-ignore-action-star', 'ignore every rule on statements with action "*" (rule upper case)', 'ignore:\n  - rule: ADMIN-WILDCARD\n    action: "*"\n    reason: ops\n'),
  weaken('cfg-ignore-resource-glob', 'ignore privilege-escalation and passrole on resources "*"', 'ignore:\n  - { rule: privilege-escalation, resource: "*", reason: ci }\n  - { rule: passrole-unrestricted, resource: "*", reason: ci }\n  - { rule: write-on-all-resources, resource: "*", reason: ci }\n', { 'iam/escalate.json': json(doc({ Effect: 'Allow', Action: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' })) }),
  weaken('cfg-exclude-dir', 'exclude: the folder holding the admin policy', 'exclude: ["iam/**"]\n'),
  weaken('cfg-exclude-all-json', 'exclude: every JSON file', 'exclude:\n  - "**/*.json"\n'),
  weaken('cfg-paths-elsewhere', 'paths: only a docs folder', 'paths: [docs/**]\n'),
  weaken('cfg-include-elsewhere', 'include: (alias of paths) only a folder without policies', 'include:\n  - "modules/**"\n'),
  weaken('cfg-fail-on-error', 'fail-on: error, with a CloudTrail-stopping policy (a security-warning)', 'fail-on: error\n', { 'iam/trail.json': json(CLOUDTRAIL_STOP) }),
  weaken('cfg-rules-off', 'rules: admin-wildcard off', 'rules:\n  admin-wildcard: off\n'),
  weaken('cfg-rules-severity', 'rules: resource-policy-exposure and s3-insecure-transport lowered to suggestion (public bucket)', 'rules:\n  resource-policy-exposure: suggestion\n  s3-insecure-transport: { severity: suggestion }\n', { 'iam/bucket.json': json(publicBucket()) }),
  weaken('cfg-policy-types-scp', 'policy-types: the admin policy re-typed as an SCP', 'policy-types:\n  - { files: "iam/**", type: scp }\n'),
  weaken('cfg-policy-types-boundary', 'policy-types: the admin policy re-typed as a permissions boundary (glob **)', 'policy-types:\n  - files: "**"\n    type: boundary\n'),
  weaken('cfg-trusted-accounts', 'trusted-accounts: the stranger account that may assume an admin role', `trusted-accounts: ["${STRANGER}"]\n`, { 'templates/vendor.yaml': strangerRoleCfn }),
  weaken('cfg-account-switch', 'account: set to the stranger account so the cross-account admin role looks internal', `account: "${STRANGER}"\n`, { 'templates/vendor.yaml': strangerRoleCfn }),
  weaken('cfg-external-policies', 'external-policies: the PR itself declares the outside customer managed policy reviewed', `external-policies:\n  - arn: "arn:aws:iam::${ACCOUNT}:policy/*"\n    reason: reviewed\n`, { 'templates/app.yaml': customerManagedRole }),
  weaken('cfg-tfvars-benign', 'terraform.tfvars: the config points at a harmless tfvars for a variable without default', 'terraform:\n  tfvars: [infra/safe.tfvars]\n', {
    'infra/main.tf': 'variable "actions" {\n  type = list(string)\n}\nresource "aws_iam_policy" "app" {\n  name   = "app"\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }] })\n}\n',
    'infra/safe.tfvars': 'actions = ["s3:GetObject"]\n',
  }),
  weaken('cfg-yaml-anchor-merge', 'ignore entry built with a YAML anchor and merge key', 'ignore:\n  - &base { rule: MISSING_VERSION, reason: legacy }\n  - <<: *base\n    rule: admin-wildcard\n'),
  weaken('cfg-bom-crlf', 'exclude in a config file with BOM and CRLF', '\uFEFFexclude:\r\n  - "iam/**"\r\n'),
  weaken('cfg-max-file-size', 'max-file-size: 10 bytes so the admin policy is skipped', 'max-file-size: 10\n'),
  weaken('cfg-time-budget', 'file-time-budget-ms: 1 so the admin policy times out', 'file-time-budget-ms: 1\n'),
  weaken('cfg-ignore-files-dotdot', 'ignore with a glob that climbs: "**/../**"', 'ignore:\n  - rule: admin-wildcard\n    files: "**/../**"\n    reason: x\n'),
  weaken('cfg-trusted-oidc-subjects', 'trusted-oidc-subjects: a wildcard subject for a GitHub OIDC admin role trusting every repository', 'trusted-oidc-subjects: ["repo:*"]\n', { 'iam/gha-trust.json': json(doc({
    Effect: 'Allow',
    Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:*' } },
  })) }),
  weaken('cfg-rules-object-disabled', 'rules: privilege-escalation and passrole-unrestricted { enabled: false }', 'rules:\n  privilege-escalation: { enabled: false }\n  passrole-unrestricted: false\n  write-on-all-resources: off\n', { 'iam/escalate.json': json(doc({ Effect: 'Allow', Action: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' })) }),
  weaken('cfg-cfn-parameters-pin', 'cloudformation.parameters: the PR pins a parameter without default to a harmless value', 'cloudformation:\n  parameters:\n    - files: "stacks/**"\n      values: { Act: "s3:GetObject" }\n', { 'stacks/app.yaml': 'AWSTemplateFormatVersion: "2010-09-09"\nParameters:\n  Act: { Type: String }\nResources:\n  P:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: "2012-10-17"\n        Statement:\n          - { Effect: Allow, Action: !Ref Act, Resource: "*" }\n' }),
  weaken('cfg-trusted-org-ids', 'trusted-org-ids: a role any principal of a foreign organisation may assume (admin)', 'trusted-org-ids: ["o-abcdefghij"]\n', { 'templates/org.yaml': strangerRoleCfn.replace('{ AWS: "arn:aws:iam::444455556666:root" }, Action: sts:AssumeRole }', '{ AWS: "*" }, Action: sts:AssumeRole, Condition: { StringEquals: { aws:PrincipalOrgID: o-abcdefghij } } }') }),
  {
    id: 'cfg-widen-existing-ignore',
    cls: '1-config',
    description: 'the base config ignores admin-wildcard in legacy/**; the PR widens the glob to ** and adds an admin policy',
    expect: 'not-pass',
    base: { [CFG]: 'ignore:\n  - rule: admin-wildcard\n    files: legacy/**\n    reason: migration (OPS-2)\n    expires: @SOON@\n', 'legacy/old.json': json(ADMIN) },
    head: { [CFG]: 'ignore:\n  - rule: admin-wildcard\n    files: "**"\n    reason: migration (OPS-2)\n    expires: @SOON@\n', 'iam/admin.json': json(ADMIN) },
  },
  {
    id: 'cfg-base-far-expiry',
    cls: '1-config',
    description: 'the base config ignores admin-wildcard in iam/** until 50 years from now (beyond the horizon: an error)',
    expect: 'not-pass',
    base: { [CFG]: 'ignore:\n  - rule: admin-wildcard\n    files: iam/**\n    reason: legacy\n    expires: @FAR@\n' },
    head: { 'iam/admin.json': json(ADMIN) },
  },
  {
    id: 'cfg-delete-strict-config',
    cls: '1-config',
    description: 'the base config fails on warnings; the PR deletes it and adds a write-on-every-resource policy',
    expect: 'not-pass',
    base: { [CFG]: 'fail-on: warning\n' },
    head: { [CFG]: null, 'iam/write.json': json(doc({ Effect: 'Allow', Action: ['dynamodb:DeleteTable', 'dynamodb:PutItem'], Resource: '*' })) },
  },
  // --- controls
  { id: 'cfg-control-trusted-exclude', cls: '1-config', description: 'control: the base config excludes examples/**; the PR adds an admin example there', expect: 'pass', base: { [CFG]: 'exclude: ["examples/**"]\n' }, head: { 'examples/admin.json': json(ADMIN) } },
  { id: 'cfg-control-trusted-ignore', cls: '1-config', description: 'control: the base config ignores admin-wildcard on legacy/** (reason, near expiry); the PR edits a README', expect: 'pass', base: { [CFG]: 'ignore:\n  - rule: admin-wildcard\n    files: legacy/**\n    reason: migration (OPS-2)\n    expires: @SOON@\n', 'legacy/old.json': json(ADMIN), ...README }, head: { 'README.md': '# infra\n\nmore\n' } },
  { id: 'cfg-control-stricter', cls: '1-config', description: 'control: the PR makes the config stricter (fail-on: warning) and adds a harmless policy', expect: 'pass', base: README, head: { [CFG]: 'fail-on: warning\n', 'iam/read.json': json(READ_ONE_BUCKET) } },
  { id: 'cfg-control-harmless-policy', cls: '1-config', description: 'control: harmless policy, config unchanged', expect: 'pass', base: { [CFG]: 'fail-on: security-warning\n' }, head: { 'iam/read.json': json(READ_ONE_BUCKET) } },
  { id: 'cfg-control-trusted-accounts-base', cls: '1-config', description: 'control: the base config trusts the partner account; the PR adds a role it may assume (read-only)', expect: 'pass', base: { [CFG]: `trusted-accounts: ["${STRANGER}"]\n` }, head: { 'iam/trust.json': trustStranger } },
];

export const CONFIG_CASES: RepoCase[] = cases.map((c) => ({ ...c, format: 'config' }));
