import { ruleTester } from '../helpers/rule-tester.js';
import { invalidPrincipalFormat } from '../../src/checks/rules/invalid-principal-format.js';
import { invalidPrincipalKey } from '../../src/checks/rules/invalid-principal-key.js';
import { unsupportedWildcardInPrincipal } from '../../src/checks/rules/unsupported-wildcard-in-principal.js';
import { invalidServicePrincipalFormat } from '../../src/checks/rules/invalid-service-principal-format.js';
import { invalidAwsPrincipal } from '../../src/checks/rules/invalid-aws-principal.js';
import { invalidUserReference } from '../../src/checks/rules/invalid-user-reference.js';
import { invalidRoleReference } from '../../src/checks/rules/invalid-role-reference.js';
import { allowWithNotPrincipal } from '../../src/checks/rules/allow-with-not-principal.js';

const good = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {
        "AWS": [
          "111122223333",
          "arn:aws:iam::111122223333:root",
          "arn:aws:iam::111122223333:role/path/app",
          "arn:aws:sts::111122223333:assumed-role/app/session",
          "arn:aws-cn:iam::111122223333:user/bob"
        ],
        "Service": ["lambda.amazonaws.com", "logs.us-east-1.amazonaws.com", "ec2.amazonaws.com.cn"],
        "CanonicalUser": "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
      },
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::b/*"
    },
    {
      "Effect": "Deny",
      "NotPrincipal": { "AWS": "arn:aws:iam::111122223333:role/admin" },
      "Action": "s3:DeleteBucket",
      "Resource": "arn:aws:s3:::b"
    },
    {
      "Effect": "Allow",
      "Principal": "*",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::b/public/*"
    }
  ]
}`;

const bad = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": {
        "AWS": [
          "deployer",
          "arn:aws:iam::111122223333:role/app-*",
          "AIDAJQABLZS4A3QDU576Q",
          "AROAJQABLZS4A3QDU576Q",
          "arn:aws:iam::1111222233:root"
        ],
        "Service": ["lambda", "arn:aws:iam::111122223333:role/x"],
        "Services": "ec2.amazonaws.com"
      },
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::b/*"
    },
    {
      "Effect": "Allow",
      "NotPrincipal": "arn:aws:iam::111122223333:user/bob",
      "Action": "s3:GetObject",
      "Resource": "arn:aws:s3:::b/*"
    }
  ]
}`;

const rp = (code: string) => ({ code, policyType: 'resource' as const });

ruleTester(invalidPrincipalFormat, { valid: [rp(good)], invalid: [{ ...rp(bad), errors: [{ line: 22, message: 'must be "*" or an object' }] }] });
ruleTester(invalidPrincipalKey, { valid: [rp(good)], invalid: [{ ...rp(bad), errors: [{ line: 15, message: 'Did you mean "Service"?' }] }] });
ruleTester(unsupportedWildcardInPrincipal, { valid: [rp(good)], invalid: [{ ...rp(bad), errors: [{ line: 9, message: 'role/app-*' }] }] });
ruleTester(invalidServicePrincipalFormat, {
  valid: [rp(good)],
  invalid: [{ ...rp(bad), errors: [{ line: 14, message: 'Did you mean "lambda.amazonaws.com"?' }, { line: 14, message: '"arn:aws:iam::111122223333:role/x"' }] }],
});
ruleTester(invalidAwsPrincipal, { valid: [rp(good)], invalid: [{ ...rp(bad), errors: [{ line: 8, message: '"deployer"' }, { line: 12, message: '"arn:aws:iam::1111222233:root"' }] }] });
ruleTester(invalidUserReference, { valid: [rp(good)], invalid: [{ ...rp(bad), errors: [{ line: 10, severity: 'warning' }] }] });
ruleTester(invalidRoleReference, { valid: [rp(good)], invalid: [{ ...rp(bad), errors: [{ line: 11 }] }] });
ruleTester(allowWithNotPrincipal, { valid: [rp(good)], invalid: [{ ...rp(bad), errors: [{ line: 22, severity: 'security-warning' }] }] });
