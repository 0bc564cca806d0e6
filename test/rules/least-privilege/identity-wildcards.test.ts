import { ruleTester } from '../../helpers/rule-tester.js';
import { serviceWildcard } from '../../../src/checks/rules/service-wildcard.js';
import { writeOnAllResources } from '../../../src/checks/rules/write-on-all-resources.js';
import { allowNotAction } from '../../../src/checks/rules/allow-not-action.js';
import { allowNotResource } from '../../../src/checks/rules/allow-not-resource.js';

const doc = (...statements: object[]) => ({ Version: '2012-10-17', Statement: statements });

ruleTester(serviceWildcard, {
  valid: [
    { name: 'named actions', code: doc({ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: '*' }) },
    { name: 'prefix wildcard is not a service wildcard', code: doc({ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }) },
    { name: 'deny s3:*', code: doc({ Effect: 'Deny', Action: 's3:*', Resource: '*' }) },
    { name: 'unknown service is left to the validation rules', code: doc({ Effect: 'Allow', Action: 'nosuchservice:*', Resource: '*' }) },
    { name: 'admin * is admin-wildcard business', code: doc({ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b' }) },
  ],
  invalid: [
    {
      name: 's3:* on every resource; sqs:* on one queue is a suggestion',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Storage",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:*"],
      "Resource": "*"
    },
    {
      "Effect": "Allow",
      "Action": "sqs:*",
      "Resource": "arn:aws:sqs:us-east-1:111122223333:jobs"
    }
  ]
}`,
      errors: [
        { line: 7, message: 'allows every s3 action ("s3:*") on every resource', severity: 'warning' },
        { line: 12, message: 'on the listed resources', severity: 'suggestion' },
      ],
    },
    {
      name: 'a narrowing condition is named and lowers the severity; IfExists does not',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "ec2:*",
      "Resource": "*",
      "Condition": { "StringEquals": { "aws:ResourceTag/team": "payments" } }
    },
    {
      "Effect": "Allow",
      "Action": "rds:*",
      "Resource": "*",
      "Condition": { "StringEqualsIfExists": { "aws:ResourceTag/team": "payments" } }
    }
  ]
}`,
      errors: [
        { line: 6, message: 'Condition taken into account: StringEquals aws:ResourceTag/team = payments', severity: 'suggestion' },
        { line: 12, message: /does not narrow the grant \(StringEqualsIfExists aws:ResourceTag\/team: IfExists/, severity: 'warning' },
      ],
    },
  ],
});

ruleTester(writeOnAllResources, {
  valid: [
    { name: 'read only on *', code: doc({ Effect: 'Allow', Action: ['s3:GetObject', 'ec2:Describe*', 'dynamodb:GetItem'], Resource: '*' }) },
    { name: 'actions that only accept *', code: doc({ Effect: 'Allow', Action: ['xray:PutTraceSegments', 'ecr:GetAuthorizationToken'], Resource: '*' }) },
    { name: 'write scoped to a table', code: doc({ Effect: 'Allow', Action: ['dynamodb:PutItem'], Resource: 'arn:aws:dynamodb:us-east-1:111122223333:table/orders' }) },
    { name: 'iam:PassRole is left to passrole-unrestricted', code: doc({ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }) },
    { name: 'placeholder ARN is not a wildcard', code: doc({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:123456789012:queue-placeholder' }) },
  ],
  invalid: [
    {
      name: 'write on * (wildcard-only actions left out of the list)',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "xray:PutTelemetryRecords",
        "dynamodb:PutItem",
        "dynamodb:DeleteItem"
      ],
      "Resource": "*"
    }
  ]
}`,
      errors: [{ line: 8, message: /grants write access on every resource: dynamodb:PutItem, dynamodb:DeleteItem\.$/ }],
    },
    {
      name: 'NotResource counts as every resource; unrelated condition is named',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "sns:Publish",
      "NotResource": "arn:aws:sns:us-east-1:111122223333:audit",
      "Condition": { "Bool": { "aws:SecureTransport": "true" } }
    }
  ]
}`,
      errors: [{ line: 6, message: /every resource except those in NotResource: sns:Publish\. Its condition does not narrow the grant \(Bool aws:SecureTransport/ }],
    },
  ],
});

ruleTester(allowNotAction, {
  valid: [{ name: 'deny with NotAction', code: doc({ Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*' }) }],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "NotAction": "iam:*",
      "Resource": "*"
    }
  ]
}`,
      errors: [{ line: 6, message: /uses Allow with NotAction: it grants \d{4,} actions .* on every resource/ }],
    },
  ],
});

ruleTester(allowNotResource, {
  valid: [{ name: 'deny with NotResource', code: doc({ Effect: 'Deny', Action: 's3:*', NotResource: 'arn:aws:s3:::mine/*' }) }],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "NotResource": [
        "arn:aws:s3:::payroll/*"
      ]
    }
  ]
}`,
      errors: [{ line: 7, message: 'every resource except arn:aws:s3:::payroll/*' }],
    },
  ],
});
