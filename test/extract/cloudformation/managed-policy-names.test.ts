import { createHash } from 'node:crypto';
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  AWS_MANAGED_POLICIES_BROTLI_BASE64_CHUNKS,
  AWS_MANAGED_POLICIES_CHUNK,
  AWS_MANAGED_POLICIES_COUNT,
  AWS_MANAGED_POLICY_NAMES,
} from '../../../src/extract/cloudformation/aws-managed-policies.data.js';
import { awsManagedPolicy, awsManagedPolicyPath, hasAwsManagedPolicy } from '../../../src/extract/cloudformation/managed-policies.js';

// Name look-ups (a raw policy file named after an AWS managed policy, SAM's bare names) read the names list instead of
// decoding the snapshot: the list must be exactly the snapshot's policies, or a file would be judged as the wrong text.
describe('AWS managed policy names list', () => {
  it('is the snapshot\'s policy names, in its order', () => {
    const rows = AWS_MANAGED_POLICIES_BROTLI_BASE64_CHUNKS.flatMap((c) => brotliDecompressSync(Buffer.from(c.join(''), 'base64')).toString('utf8').split('\n'));
    expect(rows).toHaveLength(AWS_MANAGED_POLICIES_COUNT);
    expect(AWS_MANAGED_POLICY_NAMES).toHaveLength(AWS_MANAGED_POLICIES_COUNT);
    expect(AWS_MANAGED_POLICY_NAMES).toEqual([...AWS_MANAGED_POLICY_NAMES].sort());
    expect(AWS_MANAGED_POLICIES_BROTLI_BASE64_CHUNKS).toHaveLength(Math.ceil(AWS_MANAGED_POLICIES_COUNT / AWS_MANAGED_POLICIES_CHUNK));
  });

  // the snapshot once was one compressed JSON object; read by chunks, every policy must come back exactly as it was
  it('reads every policy as the whole-snapshot encoding did (same versions, dates, documents, key order)', () => {
    const h = createHash('sha256');
    for (const name of AWS_MANAGED_POLICY_NAMES) {
      const p = awsManagedPolicy(name)!;
      h.update(JSON.stringify([name, p.version, p.date, p.document]) + '\n');
    }
    expect(h.digest('hex')).toBe('adf8612fe60e4b3b627abce7eac246734121552169658de5dd515d7e5baf6519');
  });

  it('gives every caller a document of its own', () => {
    const a = awsManagedPolicy('ReadOnlyAccess')!.document as { Statement: unknown[] };
    a.Statement.length = 0;
    expect((awsManagedPolicy('ReadOnlyAccess')!.document as { Statement: unknown[] }).Statement.length).toBeGreaterThan(0);
    expect(awsManagedPolicy('__proto__')).toBeUndefined();
    expect(awsManagedPolicy('constructor')).toBeUndefined();
    expect(awsManagedPolicy('NoSuchPolicyAnywhere')).toBeUndefined();
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
