import { ruleTester } from '../helpers/rule-tester.js';
import { invalidArnPrefix } from '../../src/checks/rules/invalid-arn-prefix.js';
import { missingArnField } from '../../src/checks/rules/missing-arn-field.js';
import { invalidArnAccount } from '../../src/checks/rules/invalid-arn-account.js';
import { invalidArnServiceCase } from '../../src/checks/rules/invalid-arn-service-case.js';
import { arnAccountNotAllowed } from '../../src/checks/rules/arn-account-not-allowed.js';
import { arnRegionNotAllowed } from '../../src/checks/rules/arn-region-not-allowed.js';
import { redundantResource } from '../../src/checks/rules/redundant-resource.js';

const good = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["s3:GetObject", "iam:PassRole", "sqs:SendMessage", "iam:GetPolicy"],
      "Resource": [
        "arn:aws:s3:::my-bucket/*",
        "arn:aws:iam::111122223333:role/app",
        "arn:aws:sqs:us-east-1:111122223333:orders",
        "arn:aws:iam::aws:policy/ReadOnlyAccess",
        "arn:aws:s3:*:*:accesspoint/*",
        "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/fn:*",
        "arn:aws:s3:::home/\${aws:username}/*"
      ]
    }
  ]
}`;

const bad = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "*",
      "Resource": [
        "my-bucket/*",
        "arn:aws:s3:my-bucket",
        "arn:aws:sqs:us-east-1:11112222333:orders",
        "arn:aws:S3:::my-bucket",
        "arn:aws:s3::111122223333:my-bucket/*",
        "arn:aws:iam:us-east-1:111122223333:role/app",
        "arn:aws:s3:eu-west-1::my-bucket"
      ]
    }
  ]
}`;

ruleTester(invalidArnPrefix, { valid: [{ code: good }], invalid: [{ code: bad, errors: [{ line: 8, message: '"my-bucket/*" is not an ARN' }] }] });
ruleTester(missingArnField, { valid: [{ code: good }], invalid: [{ code: bad, errors: [{ line: 9, message: '4 of the 6 ARN fields' }] }] });
ruleTester(invalidArnAccount, { valid: [{ code: good }], invalid: [{ code: bad, errors: [{ line: 10, message: '"11112222333"' }] }] });
ruleTester(invalidArnServiceCase, { valid: [{ code: good }], invalid: [{ code: bad, errors: [{ line: 11, message: '("s3")' }] }] });
ruleTester(arnAccountNotAllowed, {
  valid: [{ code: good }, { name: 'S3 access points carry an account', code: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:us-east-1:111122223333:accesspoint/ap/object/*' }] } }],
  invalid: [{ code: bad, errors: [{ line: 12, message: 'has the account "111122223333", but s3' }] }],
});
ruleTester(arnRegionNotAllowed, {
  valid: [{ code: good }],
  invalid: [{ code: bad, errors: [{ line: 13, message: 'iam role ARNs have an empty region field' }, { line: 14, message: 'has the region "eu-west-1"' }] }],
});
ruleTester(redundantResource, {
  valid: [
    { code: good },
    { name: 'buckets and their objects', code: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::logs-*', 'arn:aws:s3:::logs-*/*'] }] } },
    { name: 'case matters in ARNs', code: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: ['arn:aws:s3:::b/Reports/*', 'arn:aws:s3:::b/reports/*'] }] } },
  ],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": [
        "arn:aws:s3:::b/reports/*",
        "arn:aws:s3:::b/*",
        "arn:aws:s3:::b/*"
      ]
    }
  ]
}`,
      errors: [{ line: 8, message: 'covered by "arn:aws:s3:::b/*"' }, { line: 10, message: 'listed twice' }],
    },
  ],
});
