import { describe, expect, it } from 'vitest';
import { policyFindings } from '../helpers/rule-tester.js';
import { invalidArnPrefix } from '../../src/checks/rules/invalid-arn-prefix.js';
import { resourceTypeMismatch } from '../../src/checks/rules/resource-type-mismatch.js';

const doc = (resource: string) => ({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 'execute-api:Invoke', Resource: resource }] });

describe('API Gateway execute-api:/stage/METHOD/path shorthand', () => {
  it('is valid in a resource policy: no INVALID_ARN_PREFIX, no resource-type-mismatch', () => {
    for (const r of ['execute-api:/*', 'execute-api:/prod/GET/pets', 'execute-api:/*/*/*']) {
      expect(policyFindings(invalidArnPrefix, { code: doc(r), policyType: 'resource' })).toEqual([]);
      expect(policyFindings(resourceTypeMismatch, { code: doc(r), policyType: 'resource' })).toEqual([]);
    }
  });
  it('is still not an ARN in an identity policy, nor is another service spelt that way', () => {
    const identity = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'execute-api:Invoke', Resource: 'execute-api:/*' }] };
    expect(policyFindings(invalidArnPrefix, { code: identity, policyType: 'identity' }).map((f) => f.severity)).toEqual(['error']);
    expect(policyFindings(invalidArnPrefix, { code: doc('s3:/bucket'), policyType: 'resource' }).map((f) => f.severity)).toEqual(['error']);
  });
});
