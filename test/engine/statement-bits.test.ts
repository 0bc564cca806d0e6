/**
 * An SCP statement's action set (compileStatements / statementBits) adds short expansions action by action: it must be
 * exactly the union of the patterns' universe-wide sets, or a lock-out or region-lock finding would change.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { catalogUniverse, complement, emptySet, expandPattern, union, type ActionUniverse } from '../../src/engine/actions.js';
import { compileStatements } from '../../src/engine/grants.js';
import { getCatalog } from '../../src/catalog/index.js';

const POOL = ['*', 'iam:*', 's3:*', 'ec2:*', 'sts:AssumeRole', 'STS:assumerole', 's3:Get*', 'ec2:Describe?egions', 'nosuch:*', 's3:NoSuchAction', '?*', 'organizations:*', 'iam:PassRole', 'IAM:passrole', 'cloudtrail:Stop*', 'kms:*Key*', 'lambda:InvokeFunction'];

function reference(u: ActionUniverse, action: string[] | undefined, notAction: string[] | undefined): Uint8Array {
  const set = emptySet(u);
  for (const p of action ?? notAction ?? []) union(set, expandPattern(u, p));
  return notAction ? complement(set) : set;
}

describe('statement action sets', () => {
  it('equal the union of the patterns\' sets (Action and NotAction, any spelling, the catalogue universe and another)', () => {
    const c = getCatalog();
    // a universe of part of the catalogue (spelt in lower case), to take the not-catalogue way too
    const small = c.actions.filter((_, i) => i % 3 === 0).map((a) => a.toLowerCase());
    const other: ActionUniverse = { actions: small, index: new Map(small.map((a, i) => [a, i])) };
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...POOL), { minLength: 1, maxLength: 8 }), fc.boolean(), fc.boolean(), (patterns, not, useOther) => {
        const u = useOther ? other : catalogUniverse();
        const doc = { Statement: [{ Effect: 'Deny', [not ? 'NotAction' : 'Action']: patterns, Resource: '*' }] };
        const [st] = compileStatements(u, doc, 'p', 'p');
        expect(Buffer.from(st!.actions).equals(Buffer.from(reference(u, not ? undefined : patterns, not ? patterns : undefined)))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
