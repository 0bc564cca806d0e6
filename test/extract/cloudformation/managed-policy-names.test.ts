import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { AWS_MANAGED_POLICIES_BROTLI_BASE64, AWS_MANAGED_POLICIES_COUNT, AWS_MANAGED_POLICY_NAMES } from '../../../src/extract/cloudformation/aws-managed-policies.data.js';
import { awsManagedPolicy, awsManagedPolicyPath, hasAwsManagedPolicy } from '../../../src/extract/cloudformation/managed-policies.js';

// Name look-ups (a raw policy file named after an AWS managed policy, SAM's bare names) read the names list instead of
// decoding the snapshot: the list must be exactly the snapshot's policies, or a file would be judged as the wrong text.
describe('AWS managed policy names list', () => {
  it('is the snapshot\'s policy names, in its order', () => {
    const table = JSON.parse(brotliDecompressSync(Buffer.from(AWS_MANAGED_POLICIES_BROTLI_BASE64, 'base64')).toString('utf8')) as Record<string, unknown>;
    expect(AWS_MANAGED_POLICY_NAMES).toEqual(Object.keys(table));
    expect(AWS_MANAGED_POLICY_NAMES).toHaveLength(AWS_MANAGED_POLICIES_COUNT);
  });

  it('answers name look-ups as the documents do', () => {
    expect(awsManagedPolicyPath('AWSLambdaBasicExecutionRole')).toBe('service-role/AWSLambdaBasicExecutionRole');
    expect(awsManagedPolicyPath('NoSuchPolicyAnywhere')).toBeUndefined();
    expect(awsManagedPolicyPath('constructor')).toBeUndefined();
    expect(hasAwsManagedPolicy('ReadOnlyAccess')).toBe(true);
    expect(hasAwsManagedPolicy('__proto__')).toBe(false);
    expect(awsManagedPolicy('ReadOnlyAccess')?.document).toMatchObject({ Statement: expect.any(Array) });
  });
});
