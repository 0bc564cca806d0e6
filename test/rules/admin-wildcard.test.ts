import { ruleTester } from '../helpers/rule-tester.js';
import { adminWildcard } from '../../src/checks/rules/admin-wildcard.js';

ruleTester(adminWildcard, {
  valid: [
    { name: 'scoped actions', code: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject'], Resource: '*' }] } },
    { name: 'deny all', code: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: '*', Resource: '*' }] } },
    { name: 'all actions on one resource', code: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::bucket/*' }] } },
    { name: 'SCP FullAWSAccess is not a grant', policyType: 'scp', code: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } },
  ],
  invalid: [
    {
      name: 'Action * on Resource * (line of the action)',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Admin",
      "Effect": "Allow",
      "Action": "*",
      "Resource": "*"
    }
  ]
}`,
      errors: [{ line: 7, message: /Statement "Admin" allows every action on every resource/, severity: 'error' }],
    },
    {
      name: 'in a list, with NotResource, and with a condition named in the message',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": ["s3:GetObject", "*"], "NotResource": "arn:aws:s3:::secret/*" },
    {
      "Effect": "Allow",
      "Action": "*:*",
      "Resource": ["*"],
      "Condition": { "Bool": { "aws:MultiFactorAuthPresent": "true" } }
    }
  ]
}`,
      errors: [
        { line: 4, message: 'every resource except those in NotResource' },
        { line: 7, message: 'Bool aws:MultiFactorAuthPresent' },
      ],
    },
  ],
});
