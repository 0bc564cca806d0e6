/** Small synthetic policy documents the cases build on. Account 111122223333 is "ours", 444455556666 a stranger. */

export type Doc = Record<string, unknown>;
export type Stmt = Record<string, unknown>;

export const ACCOUNT = '111122223333';

export const doc = (...Statement: Stmt[]): Doc => ({ Version: '2012-10-17', Statement });
export const json = (d: unknown): string => JSON.stringify(d, null, 2) + '\n';

export const ADMIN_STMT: Stmt = { Effect: 'Allow', Action: '*', Resource: '*' };
export const ADMIN = doc(ADMIN_STMT);
/** Privilege escalation: pass any role to a new Lambda function and run it. */
export const PASSROLE_LAMBDA = doc({ Effect: 'Allow', Action: ['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction'], Resource: '*' });
/** Privilege escalation: rewrite any managed policy / attach any policy to oneself. */
export const IAM_ESCALATE = doc({ Effect: 'Allow', Action: ['iam:CreatePolicyVersion', 'iam:AttachRolePolicy', 'iam:PutRolePolicy'], Resource: '*' });
export const CLOUDTRAIL_STOP = doc({ Effect: 'Allow', Action: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail'], Resource: '*' });
/** A trust policy anyone in the world can assume. */
export const TRUST_ANYONE = doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' });
export const TRUST_SERVICE = doc({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' });
export const publicBucket = (bucket = 'acme-data'): Doc =>
  doc({ Effect: 'Allow', Principal: '*', Action: ['s3:GetObject', 's3:PutObject'], Resource: `arn:aws:s3:::${bucket}/*` });

/** Benign: what every control grants. */
export const READ_ONE_BUCKET = doc({ Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::acme-reports/*' });
export const LOGS_WRITE = doc({
  Effect: 'Allow',
  Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
  Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:/app/*`,
});
