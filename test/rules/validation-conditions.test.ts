import { ruleTester } from '../helpers/rule-tester.js';
import { invalidGlobalConditionKey } from '../../src/checks/rules/invalid-global-condition-key.js';
import { invalidServiceConditionKey } from '../../src/checks/rules/invalid-service-condition-key.js';
import { unsupportedActionForConditionKey } from '../../src/checks/rules/unsupported-action-for-condition-key.js';
import { typeMismatch } from '../../src/checks/rules/type-mismatch.js';
import { typeMismatchBoolean } from '../../src/checks/rules/type-mismatch-boolean.js';
import { typeMismatchDate } from '../../src/checks/rules/type-mismatch-date.js';
import { typeMismatchIpRange } from '../../src/checks/rules/type-mismatch-ip-range.js';
import { typeMismatchNumber } from '../../src/checks/rules/type-mismatch-number.js';
import { typeMismatchString } from '../../src/checks/rules/type-mismatch-string.js';
import { nullWithIfExists } from '../../src/checks/rules/null-with-if-exists.js';
import { allowWithIfExists } from '../../src/checks/rules/allow-with-if-exists.js';
import { forAllValuesWithSingleValuedKey } from '../../src/checks/rules/forallvalues-with-single-valued-key.js';
import { forAllValuesAllowAbsentKey } from '../../src/checks/rules/forallvalues-allow-absent-key.js';
import { missingQualifier } from '../../src/checks/rules/missing-qualifier.js';
import { variableUnsupportedInVersion } from '../../src/checks/rules/variable-unsupported-in-version.js';
import { dataTypeMismatch } from '../../src/checks/rules/data-type-mismatch.js';

/** A realistic, correct policy with many kinds of conditions: no rule below may fire on it. */
const good = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "ListHome",
      "Effect": "Allow",
      "Action": "s3:ListBucket",
      "Resource": "arn:aws:s3:::corp-home",
      "Condition": {
        "StringLike": { "s3:prefix": ["home/\${aws:username}/*"] },
        "Bool": { "aws:SecureTransport": "true" },
        "IpAddress": { "aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"] },
        "DateLessThan": { "aws:CurrentTime": "2027-01-31T00:00:00Z" },
        "NumericLessThan": { "aws:MultiFactorAuthAge": 3600 }
      }
    },
    {
      "Sid": "PassToLambda",
      "Effect": "Allow",
      "Action": "iam:PassRole",
      "Resource": "arn:aws:iam::111122223333:role/fn-*",
      "Condition": { "StringEquals": { "iam:PassedToService": "lambda.amazonaws.com" } }
    },
    {
      "Sid": "TagOnCreate",
      "Effect": "Allow",
      "Action": "ec2:CreateTags",
      "Resource": "*",
      "Condition": {
        "ForAllValues:StringEquals": { "aws:TagKeys": ["team", "env"] },
        "Null": { "aws:TagKeys": "false" },
        "StringEquals": { "ec2:CreateAction": "RunInstances", "aws:RequestTag/team": "data" }
      }
    },
    {
      "Sid": "DenyOutsideOrg",
      "Effect": "Deny",
      "Action": "*",
      "Resource": "*",
      "Condition": {
        "StringNotEqualsIfExists": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" },
        "ForAnyValue:StringNotLike": { "aws:PrincipalOrgPaths": "o-a1b2c3d4e5/r-ab12/*" },
        "BoolIfExists": { "aws:ViaAWSService": false }
      }
    }
  ]
}`;

const cond = (block: string): string => `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:PutObject"],
      "Resource": "arn:aws:s3:::b/*",
      "Condition": {
${block}
      }
    }
  ]
}`;

ruleTester(invalidGlobalConditionKey, {
  valid: [{ code: good }],
  invalid: [{ code: cond(`        "StringEquals": {\n          "aws:PrincipalOrgId": "o-1",\n          "aws:SourceVpcee": "vpce-1a2b3c4d"\n        }`), errors: [{ line: 11, message: '"aws:SourceVpcee"' }] }],
});

ruleTester(invalidServiceConditionKey, {
  valid: [{ code: good }, { name: 'identity-provider keys', policyType: 'trust', code: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'token.actions.githubusercontent.com:sub': 'repo:o/r:ref:refs/heads/main', 'saml:aud': 'x' } } }] } }],
  invalid: [{ code: cond(`        "StringEquals": {\n          "s3:x-amz-acl": "private",\n          "s3:x-amz-server-side-encryptio": "aws:kms"\n        }`), errors: [{ line: 11, message: 'defines no condition key "s3:x-amz-server-side-encryptio"' }] }],
});

ruleTester(unsupportedActionForConditionKey, {
  valid: [
    { code: good },
    { name: 'supported by one of the actions', code: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetObject'], Resource: '*', Condition: { StringLike: { 's3:prefix': 'a/*' } } }] } },
    { name: 'NotAction is not judged', code: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotAction: 's3:ListBucket', Resource: '*', Condition: { StringLike: { 's3:prefix': 'a/*' } } }] } },
  ],
  invalid: [
    { name: 's3:prefix on object actions', code: cond(`        "StringLike": {\n          "s3:prefix": "home/*"\n        }`), errors: [{ line: 10, message: 'none of its actions (s3:GetObject, s3:PutObject) supports the condition key "s3:prefix"' }] },
    {
      name: 'another service\'s key',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:Get*",
      "Resource": "*",
      "Condition": { "StringEquals": { "iam:PermissionsBoundary": "arn:aws:iam::111122223333:policy/b" } }
    }
  ]
}`,
      errors: [{ line: 8 }],
    },
  ],
});

ruleTester(typeMismatch, {
  valid: [{ code: good }, { name: 'ARN keys accept String operators', code: cond(`        "StringEquals": { "aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:t" }`) }],
  invalid: [
    {
      code: cond(`        "StringLike": { "aws:SourceIp": "10.0.*" },\n        "StringEquals": { "aws:CurrentTime": "2026-01-01" },\n        "Bool": { "aws:PrincipalOrgID": "true" }`),
      errors: [
        { line: 9, message: 'use IpAddress/NotIpAddress' },
        { line: 10, message: 'type Date' },
        { line: 11, message: '"Bool" is a Bool operator but "aws:PrincipalOrgID" is of type String' },
      ],
    },
  ],
});

ruleTester(typeMismatchBoolean, {
  valid: [{ code: good }],
  invalid: [{ code: cond(`        "Bool": {\n          "aws:SecureTransport": ["yes", true, "false"]\n        }`), errors: [{ line: 10, message: '"yes"' }] }],
});
ruleTester(typeMismatchDate, {
  valid: [{ code: good }, { name: 'epoch seconds', code: cond(`        "DateGreaterThan": { "aws:TokenIssueTime": "1767225600" }`) }],
  invalid: [{ code: cond(`        "DateLessThan": {\n          "aws:CurrentTime": "31/01/2027"\n        }`), errors: [{ line: 10 }] }],
});
ruleTester(typeMismatchIpRange, {
  valid: [{ code: good }],
  invalid: [{ code: cond(`        "NotIpAddress": {\n          "aws:SourceIp": [\n            "203.0.113.*",\n            "10.0.0.0/8",\n            "10.0.0.0/33"\n          ]\n        }`), errors: [{ line: 11 }, { line: 13 }] }],
});
ruleTester(typeMismatchNumber, {
  valid: [{ code: good }],
  invalid: [{ code: cond(`        "NumericLessThan": {\n          "aws:MultiFactorAuthAge": "1h"\n        }`), errors: [{ line: 10, message: 'is not a number' }] }],
});
ruleTester(typeMismatchString, {
  valid: [{ code: good }],
  invalid: [{ code: cond(`        "BinaryEquals": {\n          "aws:UserAgent": "not base64!"\n        }`), errors: [{ line: 10, message: 'is not base64' }] }],
});

ruleTester(nullWithIfExists, {
  valid: [{ code: good }],
  invalid: [{ code: cond(`        "NullIfExists": {\n          "aws:RequestTag/team": "true"\n        }`), errors: [{ line: 9, message: '"NullIfExists"' }] }],
});

ruleTester(allowWithIfExists, {
  valid: [
    { code: good },
    { name: 'key carried by only some of the actions', code: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:ListBucket', 's3:GetObject'], Resource: '*', Condition: { StringLikeIfExists: { 's3:prefix': 'a/*' } } }] } },
    { name: 'Null check requires the key', code: cond(`        "BoolIfExists": { "aws:MultiFactorAuthPresent": "true" },\n        "Null": { "aws:MultiFactorAuthPresent": "false" }`) },
  ],
  invalid: [{ code: cond(`        "BoolIfExists": {\n          "aws:MultiFactorAuthPresent": "true"\n        }`), errors: [{ line: 10, message: 'requests without that key are allowed too' }] }],
});

ruleTester(forAllValuesWithSingleValuedKey, {
  valid: [{ code: good }],
  invalid: [{ code: cond(`        "ForAllValues:StringEquals": {\n          "aws:PrincipalOrgID": "o-a1b2c3d4e5"\n        }`), errors: [{ line: 10, message: 'this Allow applies to requests without the key', severity: 'security-warning' }] }],
});

ruleTester(forAllValuesAllowAbsentKey, {
  valid: [{ code: good }],
  invalid: [{ code: cond(`        "ForAllValues:StringEquals": {\n          "aws:TagKeys": ["team", "env"]\n        }`), errors: [{ line: 10, message: 'add "Null": {"aws:TagKeys": "false"}' }] }],
});

ruleTester(missingQualifier, {
  valid: [{ code: good }],
  invalid: [{ code: cond(`        "StringEquals": {\n          "aws:TagKeys": "team"\n        }`), errors: [{ line: 10, message: 'ForAnyValue:StringEquals' }] }],
});

ruleTester(variableUnsupportedInVersion, {
  valid: [{ code: good }, { name: 'CloudFormation and Terraform interpolations are not IAM variables', code: { Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::${AWS::StackName}-${var.env}/*' }] } }],
  invalid: [
    {
      code: `{
  "Version": "2008-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:*",
      "Resource": "arn:aws:s3:::home/\${aws:username}/*",
      "Condition": { "StringEquals": { "aws:PrincipalTag/team": "\${aws:PrincipalTag/owner}" } }
    }
  ]
}`,
      errors: [{ line: 7, message: 'has "Version": "2008-10-17"' }, { line: 8, message: '${aws:PrincipalTag/owner}' }],
    },
  ],
});

ruleTester(dataTypeMismatch, {
  valid: [{ code: good }, { name: 'numbers and booleans are fine as condition values', code: cond(`        "NumericLessThan": { "aws:MultiFactorAuthAge": [3600, "7200"] },\n        "Bool": { "aws:SecureTransport": true }`) }],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    "Allow everything",
    {
      "Sid": 7,
      "Effect": "Allow",
      "Action": ["s3:GetObject", 42],
      "Resource": [["arn:aws:s3:::b/*"]],
      "Condition": {
        "StringEquals": { "aws:PrincipalTag/team": { "team": "a" } },
        "Bool": "aws:SecureTransport"
      }
    }
  ]
}`,
      errors: [
        { line: 4, message: 'a statement must be an object, not string' },
        { line: 6, message: 'Sid must be a string, not number (7)' },
        { line: 8, message: 'each Action value must be a string, not number (42)' },
        { line: 9, message: 'not array' },
        { line: 12, message: 'the "Bool" block must be an object of condition keys' },
        { line: 11, message: 'each value of "aws:PrincipalTag/team" must be a string, number or boolean, not object' },
      ],
    },
  ],
});
