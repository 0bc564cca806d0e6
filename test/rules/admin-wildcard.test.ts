import { describe, expect, it } from 'vitest';
import { policyFindings, ruleTester } from '../helpers/rule-tester.js';
import { adminWildcard } from '../../src/checks/rules/admin-wildcard.js';
import { catalogDistinctActions, getCatalog } from '../../src/catalog/index.js';
import { expandActionPattern } from '../../src/engine/actions.js';

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

// `Action: "*"` is counted from the catalogue's distinct texts, not by a walk over its ~22,000 entries: the count
// must be the union's as a set of texts would give it, with other patterns beside `*` or without it
describe('granted action counts', () => {
  const count = (action: unknown) =>
    policyFindings(adminWildcard, { code: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] } })[0]?.details?.grantedActionCount;
  it('equal the size of the set of the patterns’ expanded texts', () => {
    const c = getCatalog();
    const texts = (patterns: string[]) => new Set(patterns.flatMap((p) => expandActionPattern(p))).size;
    for (const patterns of [['*'], ['*', 's3:*'], ['s3:GetObject', '*:*'], ['*', 'nosuchservice:Get*', 'S3:getobject']]) expect(count(patterns), patterns.join(' ')).toBe(texts(patterns));
    expect(catalogDistinctActions()).toBe(new Set(c.actions).size);
    // nearly every service, without `*`: walked as before
    const most = c.services.filter((p) => p !== 'iam' && p !== 'ec2').map((p) => `${p}:*`);
    expect(count(most)).toBe(texts(most));
  });
});
