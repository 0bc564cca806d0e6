import { ruleTester } from '../../helpers/rule-tester.js';
import { passroleUnrestricted } from '../../../src/checks/rules/passrole-unrestricted.js';
import { dataExfiltration } from '../../../src/checks/rules/data-exfiltration.js';
import { credentialsExposure } from '../../../src/checks/rules/credentials-exposure.js';
import { resourceExposure } from '../../../src/checks/rules/resource-exposure.js';
import { infrastructureModification } from '../../../src/checks/rules/infrastructure-modification.js';
import { defenseEvasion } from '../../../src/checks/rules/defense-evasion.js';

const doc = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });

ruleTester(passroleUnrestricted, {
  valid: [
    {
      name: 'named role passed to Lambda only',
      code: doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111122223333:role/app-exec', Condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } }),
    },
    { name: 'deny PassRole on *', code: doc({ Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' }) },
    { name: 'NotAction that excludes iam:PassRole', code: doc({ Effect: 'Allow', NotAction: ['iam:*'], Resource: 'arn:aws:s3:::b/*' }) },
  ],
  invalid: [
    {
      name: 'PassRole on * via iam:Pass*; named role without PassedToService',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["ec2:RunInstances", "iam:Pass*"],
      "Resource": "*"
    },
    {
      "Effect": "Allow",
      "Action": "iam:PassRole",
      "Resource": "arn:aws:iam::111122223333:role/app-exec"
    }
  ]
}`,
      errors: [
        { line: 6, message: 'allows iam:PassRole on every role and without an iam:PassedToService condition', severity: 'security-warning' },
        { line: 11, message: /allows iam:PassRole without an iam:PassedToService condition\.$/, severity: 'warning' },
      ],
    },
    {
      name: 'IfExists PassedToService does not count; ARN wildcard role/* is every role',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "iam:PassRole",
      "Resource": "arn:aws:iam::111122223333:role/*",
      "Condition": {
        "StringEqualsIfExists": { "iam:PassedToService": "ec2.amazonaws.com" }
      }
    },
    {
      "Effect": "Allow",
      "Action": "iam:PassRole",
      "Resource": "*",
      "Condition": { "StringEquals": { "iam:PassedToService": "ecs-tasks.amazonaws.com" } }
    }
  ]
}`,
      errors: [
        { line: 6, message: 'on every role and without an iam:PassedToService condition', severity: 'security-warning' },
        { line: 14, message: 'Condition taken into account: StringEquals iam:PassedToService = ecs-tasks.amazonaws.com', severity: 'warning' },
      ],
    },
    {
      name: 'NotAction grants PassRole',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "NotAction": ["s3:*"],
      "Resource": "*"
    }
  ]
}`,
      errors: [{ line: 6, message: '(through NotAction)' }],
    },
  ],
});

ruleTester(dataExfiltration, {
  valid: [
    { name: 'scoped secret', code: doc({ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:app/db-AbCdEf' }) },
    { name: 'list/describe only', code: doc({ Effect: 'Allow', Action: ['s3:ListBucket', 'ssm:DescribeParameters'], Resource: '*' }) },
  ],
  invalid: [
    {
      name: 'secrets and objects on *; narrowed by resource tag',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["ssm:GetParameter*", "secretsmanager:GetSecretValue"],
      "Resource": "*"
    },
    {
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": "*",
      "Condition": { "StringEquals": { "aws:ResourceAccount": "111122223333" } }
    }
  ]
}`,
      errors: [
        { line: 6, message: /can read data or secrets on every resource: ssm:GetParameter.*secretsmanager:GetSecretValue/, severity: 'security-warning' },
        { line: 11, message: 'Condition taken into account: StringEquals aws:ResourceAccount = 111122223333', severity: 'suggestion' },
      ],
    },
  ],
});

ruleTester(credentialsExposure, {
  valid: [
    { name: 'ecr:GetAuthorizationToken only accepts *', code: doc({ Effect: 'Allow', Action: ['ecr:GetAuthorizationToken', 'sts:GetSessionToken'], Resource: '*' }) },
    { name: 'AssumeRole on one role', code: doc({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::111122223333:role/deploy' }) },
  ],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "sts:AssumeRole",
        "redshift:GetClusterCredentials"
      ],
      "Resource": "*"
    }
  ]
}`,
      errors: [{ line: 7, message: 'can obtain credentials on every resource: sts:AssumeRole, redshift:GetClusterCredentials' }],
    },
  ],
});

ruleTester(resourceExposure, {
  valid: [
    { name: 'bucket policy on one bucket', code: doc({ Effect: 'Allow', Action: 's3:PutBucketPolicy', Resource: 'arn:aws:s3:::app-logs' }) },
    { name: 'ReadOnly-style policy', code: doc({ Effect: 'Allow', Action: ['iam:Get*', 'iam:List*', 's3:Get*'], Resource: '*' }) },
    { name: 'KMS alias and tags on one key', code: doc({ Effect: 'Allow', Action: ['kms:CreateAlias', 'kms:TagResource'], Resource: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' }) },
  ],
  invalid: [
    {
      name: 'permissions management on * through a wildcard; Deny removes part of it',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["kms:PutKeyPolicy", "s3:PutBucket*"],
      "Resource": "*"
    },
    {
      "Effect": "Deny",
      "Action": "s3:PutBucketAcl",
      "Resource": "*"
    }
  ]
}`,
      errors: [{ line: 6, message: /can change permissions on every resource: kms:PutKeyPolicy, s3:PutBucket/ }],
    },
    {
      name: 'KMS aliases and tags on every key (key policies allow by alias and tag: ABAC)',
      code: doc({ Effect: 'Allow', Action: ['kms:CreateAlias', 'kms:DeleteAlias', 'kms:TagResource'], Resource: '*' }),
      errors: [{ line: 7, message: /can change permissions on every resource: kms:CreateAlias, kms:DeleteAlias, kms:TagResource/ }],
    },
  ],
});

ruleTester(infrastructureModification, {
  valid: [{ name: 'security group ingress on one group', code: doc({ Effect: 'Allow', Action: 'ec2:AuthorizeSecurityGroupIngress', Resource: 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-0123456789abcdef0' }) }],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "rds:ModifyDBSnapshotAttribute",
      "Resource": "*"
    }
  ]
}`,
      errors: [{ line: 6, message: 'can change the network perimeter or copy data on every resource: rds:ModifyDBSnapshotAttribute' }],
    },
  ],
});

ruleTester(defenseEvasion, {
  valid: [
    { name: 'reading CloudTrail and GuardDuty', code: doc({ Effect: 'Allow', Action: ['cloudtrail:LookupEvents', 'guardduty:Get*', 'guardduty:List*'], Resource: '*' }) },
    { name: 'managing the retention of its own log groups', code: doc({ Effect: 'Allow', Action: ['logs:PutRetentionPolicy', 'logs:DeleteLogGroup'], Resource: 'arn:aws:logs:us-east-1:111122223333:log-group:/app/*' }) },
  ],
  invalid: [
    {
      name: 'stopping one trail is still reported; wildcard service grant too',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "cloudtrail:StopLogging",
      "Resource": "arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail"
    },
    {
      "Effect": "Allow",
      "Action": "guardduty:*",
      "Resource": "*"
    }
  ]
}`,
      errors: [
        { line: 6, message: /can disable or tamper with logging and detection: cloudtrail:StopLogging\.$/ },
        { line: 11, message: 'guardduty:DeleteDetector' },
      ],
    },
  ],
});
