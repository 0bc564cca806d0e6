import { ruleTester } from '../helpers/rule-tester.js';
import { missingVersion } from '../../src/checks/rules/missing-version.js';
import { invalidVersion } from '../../src/checks/rules/invalid-version.js';
import { missingStatement } from '../../src/checks/rules/missing-statement.js';
import { invalidEffect } from '../../src/checks/rules/invalid-effect.js';
import { missingAction } from '../../src/checks/rules/missing-action.js';
import { missingResource } from '../../src/checks/rules/missing-resource.js';
import { unsupportedElementCombination } from '../../src/checks/rules/unsupported-element-combination.js';
import { unsupportedPrincipal } from '../../src/checks/rules/unsupported-principal.js';
import { scpSyntaxErrorPrincipal } from '../../src/checks/rules/scp-syntax-error-principal.js';
import { missingPrincipal } from '../../src/checks/rules/missing-principal.js';
import { uniqueSidsRequired } from '../../src/checks/rules/unique-sids-required.js';
import { uniqueSidsRecommended } from '../../src/checks/rules/unique-sids-recommended.js';
import { invalidPolicyElement } from '../../src/checks/rules/invalid-policy-element.js';
import { emptyArrayAction } from '../../src/checks/rules/empty-array-action.js';
import { emptyObjectCondition } from '../../src/checks/rules/empty-object-condition.js';
import { emptySidValue } from '../../src/checks/rules/empty-sid-value.js';

const ok = { Version: '2012-10-17', Statement: [{ Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] };

ruleTester(missingVersion, {
  valid: [{ code: ok }],
  invalid: [{ code: `{\n  "Statement": [\n    { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }\n  ]\n}`, errors: [{ line: 1, severity: 'warning' }] }],
});

ruleTester(invalidVersion, {
  valid: [{ code: ok }, { code: { Version: '2008-10-17', Statement: ok.Statement } }],
  invalid: [
    { name: 'typo', code: `{\n  "Version": "2012-10-18",\n  "Statement": []\n}`, errors: [{ line: 2, message: '"2012-10-18"' }] },
    { name: 'number', code: `{\n  "Version": 2012,\n  "Statement": []\n}`, errors: [{ line: 2 }] },
  ],
});

ruleTester(missingStatement, {
  valid: [{ code: ok }],
  invalid: [
    { name: 'absent', code: `{\n  "Version": "2012-10-17"\n}`, errors: [{ line: 1 }] },
    { name: 'empty list', code: `{\n  "Version": "2012-10-17",\n  "Statement": []\n}`, errors: [{ line: 3, message: 'empty' }] },
  ],
});

ruleTester(invalidEffect, {
  valid: [{ code: ok }, { code: { Version: '2012-10-17', Statement: { Effect: 'Deny', Action: '*', Resource: '*' } } }],
  invalid: [
    {
      code: `{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "allow", "Action": "s3:GetObject", "Resource": "*" },\n    {\n      "Action": "s3:GetObject",\n      "Resource": "*"\n    }\n  ]\n}`,
      errors: [{ line: 4, message: '"allow"' }, { line: 5, message: 'no Effect' }],
    },
  ],
});

ruleTester(missingAction, {
  valid: [{ code: ok }, { code: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', NotAction: 's3:*', Resource: '*' }] } }],
  invalid: [{ code: `{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Resource": "*"\n    }\n  ]\n}`, errors: [{ line: 4 }] }],
});

ruleTester(missingResource, {
  valid: [
    { code: ok },
    { name: 'trust policies have no Resource', policyType: 'trust', code: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] } },
  ],
  invalid: [{ code: `{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "s3:GetObject"\n    }\n  ]\n}`, errors: [{ line: 4 }] }],
});

ruleTester(unsupportedElementCombination, {
  valid: [{ code: ok }],
  invalid: [
    {
      code: `{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "s3:*",\n      "NotAction": "s3:DeleteBucket",\n      "Resource": "*",\n      "NotResource": "arn:aws:s3:::x"\n    }\n  ]\n}`,
      errors: [{ line: 7, message: 'both Action and NotAction' }, { line: 9, message: 'both Resource and NotResource' }],
    },
  ],
});

const withPrincipal = `{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Principal": { "AWS": "arn:aws:iam::111122223333:root" },\n      "Action": "s3:GetObject",\n      "Resource": "arn:aws:s3:::b/*"\n    }\n  ]\n}`;

ruleTester(unsupportedPrincipal, {
  valid: [{ code: ok }, { name: 'resource policy', policyType: 'resource', code: withPrincipal }],
  invalid: [{ name: 'identity policy with Principal', policyType: 'identity', code: withPrincipal, errors: [{ line: 6 }] }],
});

ruleTester(scpSyntaxErrorPrincipal, {
  valid: [{ policyType: 'scp', code: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'organizations:LeaveOrganization', Resource: '*' }] } }],
  invalid: [{ policyType: 'scp', code: withPrincipal, errors: [{ line: 6, message: 'SCPs do not support' }] }],
});

ruleTester(missingPrincipal, {
  valid: [{ policyType: 'resource', code: withPrincipal }, { name: 'identity policies need none', code: ok }],
  invalid: [
    { policyType: 'resource', code: `{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "s3:GetObject",\n      "Resource": "*"\n    }\n  ]\n}`, errors: [{ line: 4 }] },
    { policyType: 'trust', code: `{\n  "Version": "2012-10-17",\n  "Statement": {\n    "Effect": "Allow",\n    "Action": "sts:AssumeRole"\n  }\n}`, errors: [{ line: 3 }] },
  ],
});

const dupSids = `{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Sid": "A", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*" },\n    { "Sid": "A", "Effect": "Deny", "Principal": "*", "Action": "s3:PutObject", "Resource": "*" }\n  ]\n}`;
ruleTester(uniqueSidsRequired, {
  valid: [{ code: ok }, { name: 'resource policies only get a warning', policyType: 'resource', code: dupSids }],
  invalid: [{ policyType: 'identity', code: dupSids, errors: [{ line: 5, message: 'already used by statement 0', severity: 'error' }] }],
});
ruleTester(uniqueSidsRecommended, {
  valid: [{ policyType: 'resource', code: withPrincipal }],
  invalid: [{ policyType: 'resource', code: dupSids, errors: [{ line: 5, severity: 'warning' }] }],
});

ruleTester(invalidPolicyElement, {
  valid: [{ code: ok }, { code: { Version: '2012-10-17', Id: 'x', Statement: [] } }],
  invalid: [
    {
      code: `{\n  "Version": "2012-10-17",\n  "Statements": [],\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Actions": "s3:GetObject",\n      "Resource": "*"\n    }\n  ]\n}`,
      errors: [{ line: 3, message: 'did you mean "Statement"' }, { line: 7, message: 'did you mean "Action"' }],
    },
  ],
});

ruleTester(emptyArrayAction, {
  valid: [{ code: ok }],
  invalid: [{ code: `{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Effect": "Allow", "Action": [], "Resource": "*" }\n  ]\n}`, errors: [{ line: 4, severity: 'suggestion' }] }],
});
ruleTester(emptyObjectCondition, {
  valid: [{ code: ok }],
  invalid: [{ code: `{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "s3:GetObject",\n      "Resource": "*",\n      "Condition": {}\n    }\n  ]\n}`, errors: [{ line: 8 }] }],
});
ruleTester(emptySidValue, {
  valid: [{ code: ok }],
  invalid: [{ code: `{\n  "Version": "2012-10-17",\n  "Statement": [\n    { "Sid": "", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" }\n  ]\n}`, errors: [{ line: 4 }] }],
});
