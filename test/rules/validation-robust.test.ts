/** Untrusted input: no validation rule may throw on arbitrary policy-shaped JSON (property-based). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { rules } from '../../src/checks/rules/index.js';
import { runRules } from '../../src/checks/rules/run.js';
import { rawExtractor } from '../../src/extract/raw.js';
import { defaultOptions } from '../../src/config/options.js';
import { POLICY_TYPES, type PolicyRecord } from '../../src/policy/types.js';

const word = fc.constantFrom('*', 's3:GetObject', 's3:Get*', 'iam:PassRole', 'nope:X', 'arn:aws:s3:::b', 'arn:aws:s3:::b/*', 'arn:aws:iam::111122223333:role/r', '${aws:username}', 'arn:aws:S3:us-east-1:12:x', 'aws:SourceIp', 'true', '10.0.0.0/8', '2026-01-01', '', 'AIDAEXAMPLE1234567', 'lambda', 'a'.repeat(300));
const value = fc.oneof(word, fc.integer(), fc.boolean(), fc.constant(null), fc.array(word, { maxLength: 4 }), fc.dictionary(word, word, { maxKeys: 3 }));
const condition = fc.dictionary(
  fc.constantFrom('StringEquals', 'StringLike', 'ForAllValues:StringEquals', 'ForAnyValue:StringLike', 'BoolIfExists', 'Bool', 'DateLessThan', 'NumericLessThan', 'IpAddress', 'NullIfExists', 'Null', 'BinaryEquals', 'Weird'),
  fc.oneof(fc.dictionary(fc.constantFrom('aws:SourceIp', 'aws:TagKeys', 'aws:CurrentTime', 's3:prefix', 'aws:PrincipalOrgID', 'x', 'iam:PassedToService', 'aws:MultiFactorAuthPresent'), value, { maxKeys: 3 }), value),
  { maxKeys: 3 },
);
const statement = fc.record(
  {
    Sid: value,
    Effect: fc.oneof(fc.constantFrom('Allow', 'Deny'), value),
    Action: value,
    NotAction: value,
    Resource: value,
    NotResource: value,
    Principal: fc.oneof(value, fc.dictionary(fc.constantFrom('AWS', 'Service', 'Federated', 'aws', 'X'), value, { maxKeys: 3 })),
    NotPrincipal: value,
    Condition: fc.oneof(condition, value),
  },
  { requiredKeys: [] },
);
const doc = fc.record({ Version: fc.oneof(fc.constantFrom('2012-10-17', '2008-10-17'), value), Statement: fc.oneof(fc.array(fc.oneof(statement, value), { maxLength: 4 }), statement, value) }, { requiredKeys: [] });

describe('rules on arbitrary documents', () => {
  it('never throw, whatever the policy type', () => {
    const options = defaultOptions('/repo');
    let analysed = 0;
    fc.assert(
      fc.property(doc, fc.constantFrom(...POLICY_TYPES), (d, type) => {
        const res = rawExtractor.extract({
          file: 'p.json', repoPath: 'p.json', displayPath: (p) => p, text: JSON.stringify(d, null, 2), options, explicit: true,
          readRepoFile: () => { throw new Error('no reads'); },
        }) as { policies: PolicyRecord[] };
        const policies = res.policies.map((p) => ({ ...p, policyType: type, attachedTo: [{ kind: 'user' as const, id: 'u', via: 'inline' as const }] }));
        analysed += policies.length;
        runRules(rules, { policies, entities: [], options });
      }),
      { numRuns: 300 },
    );
    // the documents reached the rules (the extractor did not just reject them)
    expect(analysed).toBeGreaterThan(150);
  });
});
