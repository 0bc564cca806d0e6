import { describe, expect, it } from 'vitest';
import { ruleTester } from '../helpers/rule-tester.js';
import { runRules } from '../../src/checks/rules/run.js';
import type { Rule } from '../../src/checks/rules/types.js';
import { rawExtractor } from '../../src/extract/raw.js';
import { defaultOptions } from '../../src/config/options.js';
import type { PolicyRecord } from '../../src/policy/types.js';
import { invalidServiceInAction } from '../../src/checks/rules/invalid-service-in-action.js';
import { invalidAction } from '../../src/checks/rules/invalid-action.js';
import { actionWildcardMatchesNothing } from '../../src/checks/rules/action-wildcard-matches-nothing.js';
import { redundantAction } from '../../src/checks/rules/redundant-action.js';
import { resourceTypeMismatch } from '../../src/checks/rules/resource-type-mismatch.js';

const readOnly = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Read",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:ListBucket", "dynamodb:Get*", "ec2:Describe*"],
      "Resource": "*"
    },
    {
      "Effect": "Deny",
      "NotAction": ["iam:*", "sts:AssumeRole"],
      "Resource": "*"
    }
  ]
}`;

ruleTester(invalidServiceInAction, {
  valid: [{ code: readOnly }, { name: 'wildcard service', code: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['*', 's3*:Get*'], Resource: '*' }] } }],
  invalid: [
    {
      name: 'typo in prefix, in Action and NotAction',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "dynamdb:GetItem",
        "s3:GetObject",
        "dynamdb:PutItem"
      ],
      "Resource": "*"
    },
    {
      "Effect": "Deny",
      "NotAction": "cloudtrial:LookupEvents",
      "Resource": "*"
    }
  ]
}`,
      errors: [
        { line: 7, message: /"dynamdb:GetItem" \(and 1 more dynamdb: action in this statement\) does not exist.*Did you mean "dynamodb:GetItem"\?$/, severity: 'error' },
        { line: 15, message: '"cloudtrial"' },
      ],
    },
  ],
});

ruleTester(invalidAction, {
  valid: [{ code: readOnly }, { name: 'case-insensitive', code: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'S3:getobject', Resource: '*' }] } }],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "s3:GetObjekt",
        "s3:ListBuckets",
        "GetObject",
        "ec2:TotallyMadeUpThing"
      ],
      "Resource": "*"
    }
  ]
}`,
      errors: [
        { line: 7, message: 'Did you mean "s3:GetObject"?' },
        { line: 8, message: /Did you mean "s3:ListBucket/ },
        { line: 9, message: 'service:ActionName' },
        { line: 10, message: /^The action "ec2:TotallyMadeUpThing" does not exist in the IAM catalogue \(data of \d{4}-\d\d-\d\d\)\. Did you mean another ec2 action\? None is close/ },
      ],
    },
  ],
});

ruleTester(actionWildcardMatchesNothing, {
  valid: [{ code: readOnly }],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Deny",
      "Action": [
        "cloudtrail:Stop*Loging",
        "cloudtrail:StopLogging",
        "qq*:Get*"
      ],
      "Resource": "*"
    }
  ]
}`,
      errors: [{ line: 7, message: 'protects nothing' }, { line: 9 }],
    },
  ],
});

ruleTester(redundantAction, {
  valid: [{ code: readOnly }, { name: 'overlapping but neither covers', code: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:Get*', 's3:*Object'], Resource: '*' }] } }],
  invalid: [
    {
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "s3:GetObject",
        "s3:Get*",
        "S3:GETOBJECT",
        "s3:*"
      ],
      "Resource": "*"
    }
  ]
}`,
      errors: [
        { line: 7, message: 'covered by "s3:Get*"', severity: 'suggestion' },
        { line: 8, message: 'covered by "s3:*"' },
        { line: 9, message: 'listed twice' },
      ],
    },
  ],
});

ruleTester(resourceTypeMismatch, {
  valid: [
    { code: readOnly },
    {
      name: 'bucket for ListBucket, objects for GetObject, in one statement',
      code: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: ['arn:aws:s3:::b', 'arn:aws:s3:::b/*'] }] },
    },
    { name: 'variables and wildcards', code: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::home-${aws:username}*' }] } },
    { name: 'an unknown action makes the statement unjudgeable', code: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjekt'], Resource: 'arn:aws:s3:::b' }] } },
    { name: 'wildcard-only actions are not judged', code: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: 'arn:aws:s3:::b' }] } },
    { name: 'NotResource is not judged', code: { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 's3:GetObject', NotResource: 'arn:aws:s3:::b' }] } },
  ],
  invalid: [
    {
      name: 's3:GetObject on a bucket ARN; a queue ARN for sns:Publish',
      code: `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Objects",
      "Effect": "Allow",
      "Action": ["s3:GetObject", "s3:PutObject"],
      "Resource": "arn:aws:s3:::reports-bucket"
    },
    {
      "Effect": "Allow",
      "Action": "sns:Publish",
      "Resource": [
        "arn:aws:sns:us-east-1:111122223333:alerts",
        "arn:aws:sqs:us-east-1:111122223333:alerts"
      ]
    }
  ]
}`,
      errors: [
        { line: 8, message: 'Did you mean "arn:aws:s3:::reports-bucket/*"?' },
        { line: 15, message: /"arn:aws:sqs:us-east-1:111122223333:alerts" matches none of the resource types of sns:Publish/ },
      ],
    },
    {
      name: 'iam:PassRole on a user ARN, in a Deny',
      code: `{
  "Version": "2012-10-17",
  "Statement": {
    "Effect": "Deny",
    "Action": "iam:PassRole",
    "Resource": "arn:aws:iam::111122223333:user/deployer"
  }
}`,
      errors: [{ line: 6, message: 'denies nothing' }],
    },
  ],
});

describe('stand-ins for values known only at deploy time', () => {
  const text = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": "s3:GetObject",
      "Resource": [
        "arn:aws:s3:::stand-in-bucket",
        "arn:aws:iam::123456789012:role/stand-in"
      ]
    }
  ]
}`;
  function withPlaceholders(): PolicyRecord[] {
    const options = defaultOptions('/repo');
    const res = rawExtractor.extract({
      file: 'policy.json', repoPath: 'policy.json', displayPath: (p) => p, text, options, explicit: true,
      readRepoFile: () => { throw new Error('no reads'); },
    }) as { policies: PolicyRecord[] };
    const p = res.policies[0]!;
    return [{
      ...p,
      placeholders: [
        { path: '/Statement/0/Resource/0', expression: '!GetAtt ReportsBucket.Arn', standIn: 'arn:aws:s3:::stand-in-bucket', reason: 'created at deploy time' },
        { path: '/Statement/0/Resource/1', expression: '!Ref RoleArnParameter', standIn: 'arn:aws:iam::123456789012:role/stand-in', reason: 'parameter' },
      ],
    }];
  }
  const run = (rule: Rule) => runRules([rule], { policies: withPlaceholders(), entities: [], options: defaultOptions('/repo') });

  it('judges a stand-in bucket ARN for an object action, naming the expression', () => {
    const found = run(resourceTypeMismatch);
    expect(found.map((f) => f.line)).toEqual([8]);
    expect(found[0]!.message).toContain('(from !GetAtt ReportsBucket.Arn)');
  });
  it('does not judge stand-ins of another service, nor take stand-ins as redundant', () => {
    expect(run(resourceTypeMismatch).some((f) => f.message.includes('stand-in"'))).toBe(false);
    expect(run(redundantAction)).toEqual([]);
  });
});
