/** Raw policy JSON files (scan mode). */
import type { ScanCase } from './types.js';
import { ACCOUNT, ADMIN, ADMIN_STMT, CLOUDTRAIL_STOP, LOGS_WRITE, READ_ONE_BUCKET, doc, json, publicBucket } from './docs.js';

type C = Omit<ScanCase, 'format'>;
const one = (id: string, cls: ScanCase['cls'], description: string, text: string, name = 'policy.json'): C => ({
  id,
  cls,
  description,
  expect: 'not-pass',
  files: { [`iam/${name}`]: text },
});
const adminWhen = (Condition: Record<string, unknown>) => json(doc({ ...ADMIN_STMT, Condition }));
const trustAnyoneWhen = (Condition: Record<string, unknown>) =>
  json(doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole', Condition }));
const publicWhen = (Condition: Record<string, unknown>) =>
  json(doc({ Effect: 'Allow', Principal: '*', Action: ['s3:GetObject', 's3:PutObject'], Resource: 'arn:aws:s3:::acme-data/*', Condition }));
const escalateOn = (Resource: unknown, Action: unknown = ['iam:AttachRolePolicy', 'iam:PutRolePolicy', 'iam:CreatePolicyVersion']) =>
  json(doc({ Effect: 'Allow', Action, Resource }));

const cases: C[] = [
  // --- 3: conditions whose values restrict nothing
  one('raw-vac-principalarn-arn-star', '3-vacuous', 'admin "narrowed" by aws:PrincipalArn StringLike arn:*', adminWhen({ StringLike: { 'aws:PrincipalArn': 'arn:*' } })),
  one('raw-vac-sourceip-two-halves', '3-vacuous', 'admin narrowed by two CIDRs 0.0.0.0/1 + 128.0.0.0/1 that cover every IPv4 address', adminWhen({ IpAddress: { 'aws:SourceIp': ['0.0.0.0/1', '128.0.0.0/1'] } })),
  one('raw-vac-sourceip-v4-v6-zero', '3-vacuous', 'admin narrowed by aws:SourceIp 0.0.0.0/0 and ::/0', adminWhen({ IpAddress: { 'aws:SourceIp': ['0.0.0.0/0', '::/0'] } })),
  one('raw-vac-userid-qstar', '3-vacuous', 'admin narrowed by aws:userid StringLike ?*', adminWhen({ StringLike: { 'aws:userid': '?*' } })),
  one('raw-vac-principaltag-lowercase-key', '3-vacuous', 'admin narrowed by aws:principaltag/team ?* (key written in lower case)', adminWhen({ StringLike: { 'aws:principaltag/team': '?*' } })),
  one('raw-vac-sourcevpce-prefix', '3-vacuous', 'CloudTrail stop narrowed by aws:SourceVpce vpce-*', json(doc({ ...(CLOUDTRAIL_STOP.Statement as object[])[0], Condition: { StringLike: { 'aws:SourceVpce': 'vpce-*' } } }))),
  one('raw-vac-orgpaths-any', '3-vacuous', 'role anyone can assume, narrowed by aws:PrincipalOrgPaths o-*/*', trustAnyoneWhen({ 'ForAnyValue:StringLike': { 'aws:PrincipalOrgPaths': 'o-*/*' } })),
  one('raw-vac-account-12-questionmarks', '3-vacuous', 'role anyone can assume, narrowed by aws:PrincipalAccount ????????????', trustAnyoneWhen({ StringLike: { 'aws:PrincipalAccount': '????????????' } })),
  one('raw-vac-resourceaccount-self', '3-vacuous', 'admin narrowed by aws:ResourceAccount = ${aws:PrincipalAccount}', adminWhen({ StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } })),
  one('raw-vac-principalarn-equals-itself', '3-vacuous', 'role anyone can assume with aws:PrincipalArn ArnLike ${aws:PrincipalArn} (always true)', trustAnyoneWhen({ ArnLike: { 'aws:PrincipalArn': '${aws:PrincipalArn}' } })),
  one('raw-vac-currenttime-past', '3-vacuous', 'public bucket narrowed by aws:CurrentTime after 2001 (always true)', publicWhen({ DateGreaterThan: { 'aws:CurrentTime': '2001-01-01T00:00:00Z' } })),
  one('raw-vac-notlike-one-user', '3-vacuous', 'role anyone can assume except one named user (ArnNotLike on a single ARN)', trustAnyoneWhen({ ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:user/bob` } })),
  one('raw-vac-passedtoservice-glob', '3-vacuous', 'PassRole on * with iam:PassedToService *.amazonaws.com plus lambda:CreateFunction', json(doc(
    { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringLike: { 'iam:PassedToService': '*.amazonaws.com' } } },
    { Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' },
  ))),
  one('raw-vac-passedtoservice-same-service', '3-vacuous', 'PassRole restricted to lambda.amazonaws.com while the same policy creates and invokes Lambda functions', json(doc(
    { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } },
    { Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' },
  ))),
  one('raw-vac-sourceip-v6-halves', '3-vacuous', 'public bucket "restricted" to ::/1, 8000::/1 and 0.0.0.0/0', publicWhen({ IpAddress: { 'aws:SourceIp': ['::/1', '8000::/1', '0.0.0.0/0'] } })),
  one('raw-vac-notipaddress-tiny', '3-vacuous', 'admin except from one documentation address (NotIpAddress 192.0.2.1/32)', adminWhen({ NotIpAddress: { 'aws:SourceIp': '192.0.2.1/32' } })),
  one('raw-vac-null-sourceip', '3-vacuous', 'admin "narrowed" by Null aws:SourceIp false (any request with an address)', adminWhen({ Null: { 'aws:SourceIp': 'false' } })),
  one('raw-vac-ifexists-vpc', '3-vacuous', 'admin narrowed by StringEqualsIfExists aws:SourceVpc (true whenever the request is not via a VPC)', adminWhen({ StringEqualsIfExists: { 'aws:SourceVpc': 'vpc-0abc1234' } })),
  one('raw-vac-forallvalues-tagkeys', '3-vacuous', 'admin narrowed by ForAllValues:StringEquals aws:TagKeys (true when no tags are sent)', adminWhen({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } })),
  one('raw-vac-notresource-one-bucket', '3-vacuous', 'Allow * with NotResource one bucket (admin minus one bucket)', json(doc({ Effect: 'Allow', Action: '*', NotResource: ['arn:aws:s3:::acme-audit', 'arn:aws:s3:::acme-audit/*'] }))),
  one('raw-vac-notprincipal-trust', '3-vacuous', 'trust policy Allow with NotPrincipal one account (everyone else may assume)', json(doc({ Effect: 'Allow', NotPrincipal: { AWS: `arn:aws:iam::${ACCOUNT}:root` }, Action: 'sts:AssumeRole' }))),
  one('raw-vac-principal-array-star', '3-vacuous', 'trust policy Principal {"AWS": ["*"]} with a vacuous PrincipalArn arn:aws:iam::*', trustAnyoneWhen({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*' } }).replace('"AWS": "*"', '"AWS": [\n            "*"\n          ]')),
  // --- 3: resource patterns that cover every resource of a type
  one('raw-vac-res-iam-any-any', '3-vacuous', 'IAM policy rewriting on arn:aws:iam::*:*/*', escalateOn('arn:aws:iam::*:*/*')),
  one('raw-vac-res-role-star', '3-vacuous', 'IAM policy rewriting on arn:aws:iam::*:role*', escalateOn('arn:aws:iam::*:role*')),
  one('raw-vac-res-r-star', '3-vacuous', 'IAM policy rewriting on arn:aws:iam::111122223333:r*', escalateOn(`arn:aws:iam::${ACCOUNT}:r*`)),
  one('raw-vac-res-user-qstar', '3-vacuous', 'attach any policy to any user: arn:aws:iam::*:user/?*', escalateOn('arn:aws:iam::*:user/?*', ['iam:AttachUserPolicy', 'iam:PutUserPolicy'])),
  one('raw-vac-res-arn-star', '3-vacuous', 'every action on arn:*', json(doc({ Effect: 'Allow', Action: '*', Resource: 'arn:*' }))),
  one('raw-vac-res-arn-six-stars', '3-vacuous', 'every action on arn:*:*:*:*:*', json(doc({ Effect: 'Allow', Action: '*', Resource: 'arn:*:*:*:*:*' }))),
  one('raw-vac-res-passrole-question', '3-vacuous', 'PassRole + RunInstances on arn:aws:iam::????????????:role/*', json(doc({ Effect: 'Allow', Action: ['iam:PassRole', 'ec2:RunInstances'], Resource: ['arn:aws:iam::????????????:role/*', '*'] }))),
  // --- 3: every form of full access
  one('raw-vac-notaction-small-exception', '3-vacuous', 'Allow NotAction [one harmless action] on * (admin minus one)', json(doc({ Effect: 'Allow', NotAction: ['aws-portal:ViewBilling'], Resource: '*' }))),
  one('raw-vac-action-star-colon-star', '3-vacuous', 'Action *:*', json(doc({ Effect: 'Allow', Action: '*:*', Resource: '*' }))),
  one('raw-vac-action-qstar', '3-vacuous', 'Action ?*', json(doc({ Effect: 'Allow', Action: '?*', Resource: '*' }))),
  one('raw-vac-action-alphabet', '3-vacuous', 'Action a*..z* (26 service wildcards covering every service)', json(doc({ Effect: 'Allow', Action: 'abcdefghijklmnopqrstuvwxyz'.split('').map((l) => `${l}*`), Resource: '*' }))),
  one('raw-vac-action-star-star', '3-vacuous', 'Action ** on *', json(doc({ Effect: 'Allow', Action: '**', Resource: '*' }))),
  one('raw-vac-action-unicode-escape', '3-vacuous', 'Action written as the JSON escape \\u002a', '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"\\u002a","Resource":"\\u002A"}]}\n'),
  one('raw-vac-action-mixed-case', '3-vacuous', 'privilege escalation with mixed-case action names IAM:passrole / LAMBDA:createFUNCTION', json(doc({ Effect: 'Allow', Action: ['IAM:passrole', 'LAMBDA:createFUNCTION', 'Lambda:InvokeFunction'], Resource: '*' }))),
  // --- 3: GitHub OIDC subjects that match every repository
  ...[
    ['raw-vac-oidc-sub-star-colon-star', '*:*'],
    ['raw-vac-oidc-sub-star-repo', '*repo:*'],
    ['raw-vac-oidc-sub-question', 're?o:*'],
    ['raw-vac-oidc-sub-repo-star-slash', 'repo:*/*:*'],
  ].map(([id, sub]) =>
    one(id!, '3-vacuous', `GitHub OIDC trust with sub ${sub} (every repository of every owner)`, json(doc({
      Effect: 'Allow',
      Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.githubusercontent.com:sub': sub } },
    }))),
  ),
  // --- 6: keys the caller controls do not make a grant open to * private
  one('raw-holder-trust-externalid-only', '6-holder', 'role anyone can assume, "protected" only by sts:ExternalId', trustAnyoneWhen({ StringEquals: { 'sts:ExternalId': 'acme-7731' } })),
  one('raw-holder-public-principaltag', '6-holder', 'public bucket "restricted" to aws:PrincipalTag/team = data (the caller sets its own tags)', publicWhen({ StringEquals: { 'aws:PrincipalTag/team': 'data' } })),
  one('raw-holder-public-username', '6-holder', 'public bucket "restricted" to aws:username = deploy (any account can have a user named deploy)', publicWhen({ StringEquals: { 'aws:username': 'deploy' } })),
  one('raw-holder-public-calledvia', '6-holder', 'public bucket "restricted" to requests via CloudFormation (aws:CalledVia)', publicWhen({ 'ForAnyValue:StringEquals': { 'aws:CalledVia': 'cloudformation.amazonaws.com' } })),
  one('raw-holder-trust-sourceidentity', '6-holder', 'role anyone can assume with aws:SourceIdentity = admin (set by the caller)', trustAnyoneWhen({ StringEquals: { 'aws:SourceIdentity': 'admin' } })),
  one('raw-holder-trust-principaltag', '6-holder', 'role anyone can assume "restricted" to callers tagged role=admin (the caller tags itself)', trustAnyoneWhen({ StringEquals: { 'aws:PrincipalTag/role': 'admin' } })),
  one('raw-holder-iam-via-cfn', '6-holder', 'IAM writes allowed only via CloudFormation (full IAM for anyone who can create a stack)', json(doc({ Effect: 'Allow', Action: 'iam:*', Resource: '*', Condition: { 'ForAnyValue:StringEquals': { 'aws:CalledVia': 'cloudformation.amazonaws.com' } } }, { Effect: 'Allow', Action: 'cloudformation:*', Resource: '*' }))),
  // --- 4: what the parser resolves differently from AWS
  one('raw-unk-duplicate-action-key', '4-unknown', 'duplicate "Action" keys: "*" first, a harmless action last (JSON.parse keeps the last)', '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Action":"s3:GetObject"}]}\n'),
  one('raw-unk-duplicate-effect-key', '4-unknown', 'duplicate "Effect" keys on an admin statement: Allow first, Deny last', '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Effect":"Deny"}]}\n'),
  one('raw-unk-duplicate-statement-key', '4-unknown', 'duplicate "Statement" keys: the admin statement first, an empty list last', '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}],"Statement":[]}\n'),
  one('raw-unk-duplicate-principal-key', '4-unknown', 'duplicate "Principal" keys in a trust policy: "*" first, a service last', '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"sts:AssumeRole","Principal":{"Service":"ec2.amazonaws.com"}}]}\n'),
  // --- 7: files found whatever their name or encoding
  one('raw-hostile-bom-crlf', '7-hostile', 'admin policy with a UTF-8 BOM and CRLF line ends', '\uFEFF' + json(ADMIN).replaceAll('\n', '\r\n')),
  one('raw-hostile-ext-txt', '7-hostile', 'admin policy named policy.json.txt', json(ADMIN), 'policy.json.txt'),
  one('raw-hostile-ext-none', '7-hostile', 'admin policy with no file extension', json(ADMIN), 'admin-policy'),
  one('raw-hostile-ext-jsonc', '7-hostile', 'admin policy in a .jsonc file with a comment line', '// deploy policy\n' + json(ADMIN), 'deploy.jsonc'),
  one('raw-hostile-ext-upper', '7-hostile', 'admin policy named POLICY.JSON', json(ADMIN), 'POLICY.JSON'),
  one('raw-hostile-ext-policy', '7-hostile', 'public bucket policy in bucket.policy', json(publicBucket()), 'bucket.policy'),
  { id: 'raw-hostile-node-modules-path', cls: '7-hostile', description: 'admin policy named explicitly under node_modules/', expect: 'not-pass', files: { 'node_modules/pkg/policy.json': json(ADMIN) }, paths: ['node_modules/pkg/policy.json'] },
  // --- controls
  { id: 'raw-control-read-bucket', cls: '3-vacuous', description: 'control: read one bucket', expect: 'pass', files: { 'iam/read.json': json(READ_ONE_BUCKET) } },
  { id: 'raw-control-logs-crlf-bom', cls: '7-hostile', description: 'control: log writer with BOM and CRLF', expect: 'pass', files: { 'iam/logs.json': '\uFEFF' + json(LOGS_WRITE).replaceAll('\n', '\r\n') } },
  { id: 'raw-control-real-ip-condition', cls: '3-vacuous', description: 'control: reading one bucket from one office CIDR', expect: 'pass', files: { 'iam/office.json': json(doc({ ...(READ_ONE_BUCKET.Statement as object[])[0], Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } })) } },
  { id: 'raw-control-oidc-one-repo', cls: '3-vacuous', description: 'control: GitHub OIDC trust for one repository\'s main branch', expect: 'pass', files: { 'iam/trust.json': json(doc({
    Effect: 'Allow',
    Principal: { Federated: `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com` },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: { StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com', 'token.actions.githubusercontent.com:sub': 'repo:acme/infra:ref:refs/heads/main' } },
  })) } },
  { id: 'raw-control-passrole-one-role', cls: '3-vacuous', description: 'control: PassRole of one named role to ECS tasks', expect: 'pass', files: { 'iam/ecs.json': json(doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: `arn:aws:iam::${ACCOUNT}:role/app-task`, Condition: { StringEquals: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } } })) } },
  { id: 'raw-control-ext-txt-harmless', cls: '7-hostile', description: 'control: a harmless policy in policy.json.txt (found by content or not: passes either way)', expect: 'pass', files: { 'iam/policy.json.txt': json(READ_ONE_BUCKET) } },
  { id: 'raw-control-escaped-harmless', cls: '3-vacuous', description: 'control: JSON escapes in a harmless action', expect: 'pass', files: { 'iam/esc.json': '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:\\u0047etObject","Resource":"arn:aws:s3:::acme-reports/*"}]}\n' } },
];

export const RAW_JSON_CASES: ScanCase[] = cases.map((c) => ({ ...c, format: 'raw-json' }));
export { ADMIN };
