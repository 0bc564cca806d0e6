/**
 * Property: the representative contexts cover every request. For random SCP statements with conditions on the keys
 * SCPs use (operators, IfExists, negation, set qualifiers, Null, Bool, CIDRs) and random concrete requests (values the
 * policies name, other values, absent keys), the truth of every statement's conditions at the concrete request is
 * also realised by some representative context — so no behaviour of the policies is missed by the partition.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ConditionView } from '../../src/policy/statements.js';
import { contextSpace, conditionTable, evaluateConditions } from '../../src/engine/contexts.js';

const KEYS = {
  'aws:RequestedRegion': { values: ['us-east-1', 'eu-west-1', 'eu-central-1', 'ap-southeast-2'], ops: ['StringEquals', 'StringNotEquals', 'StringNotEqualsIfExists', 'StringLike', 'StringNotLike'], absent: false },
  'aws:PrincipalArn': { values: ['arn:aws:iam::111122223333:role/BreakGlass', 'arn:aws:iam::*:role/Admin', 'arn:aws:iam::*:role/*'], ops: ['ArnNotLike', 'ArnLike', 'ArnNotLikeIfExists', 'StringNotLike'], absent: false },
  'aws:PrincipalTag/team': { values: ['platform', 'data', 'sec*'], ops: ['StringEquals', 'StringNotEquals', 'StringNotEqualsIfExists', 'StringLike', 'Null', 'ForAnyValue:StringEquals'], absent: true },
  'aws:PrincipalOrgPaths': { values: ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/', 'o-a1b2c3d4e5/r-ab12/ou-ab12-22222222/'], ops: ['ForAnyValue:StringLike', 'ForAllValues:StringNotLike', 'StringNotLike'], absent: true },
  'aws:SourceVpce': { values: ['vpce-1a2b3c4d', 'vpce-9f8e7d6c'], ops: ['StringNotEquals', 'StringNotEqualsIfExists', 'StringEquals'], absent: true },
  'aws:SourceIp': { values: ['10.0.0.0/8', '192.0.2.0/24', '10.1.0.0/16'], ops: ['NotIpAddress', 'NotIpAddressIfExists', 'IpAddress'], absent: true },
  'aws:MultiFactorAuthPresent': { values: ['true', 'false'], ops: ['Bool', 'BoolIfExists'], absent: true },
  'aws:ViaAWSService': { values: ['true', 'false'], ops: ['Bool'], absent: false },
  'aws:CalledVia': { values: ['cloudformation.amazonaws.com', 'athena.amazonaws.com'], ops: ['ForAnyValue:StringEquals', 'ForAllValues:StringNotEquals'], absent: true },
  'aws:ResourceTag/env': { values: ['prod', 'dev'], ops: ['StringEquals', 'StringNotEquals', 'StringNotEqualsIfExists'], absent: true },
} as const;
type Key = keyof typeof KEYS;
const keyNames = Object.keys(KEYS) as Key[];

const entry = fc.constantFrom(...keyNames).chain((key) =>
  fc.record({
    key: fc.constant(key),
    operator: fc.constantFrom(...KEYS[key].ops),
    values: fc.subarray([...KEYS[key].values], { minLength: 1 }),
  }),
);
const statement = fc.uniqueArray(entry, { minLength: 1, maxLength: 2, selector: (e) => `${e.operator}|${e.key}` });
const statements = fc.array(statement, { minLength: 1, maxLength: 3 });

const view = (e: { key: string; operator: string; values: readonly string[] }): ConditionView => ({ operator: e.operator, key: e.key, values: e.values.map((value, i) => ({ value, path: `/${i}` })), path: '/' }) as ConditionView;

/** A concrete value for a key: one the policies name (wildcards filled in), an unrelated one, or absent. */
const concrete = (key: Key) =>
  fc.oneof(
    fc.constantFrom(...KEYS[key].values).map((v) => [key === 'aws:SourceIp' ? v.split('/')[0]!.replace(/\.0$/, '.7') : v.replace(/\*/g, 'q')]),
    key === 'aws:SourceIp'
      ? fc.constantFrom(['203.0.113.50'], ['10.200.3.4'], ['10.1.9.9'], ['192.0.2.200'])
      : /MultiFactor|ViaAWS/.test(key)
        ? fc.constantFrom(['true'], ['false'])
        : fc.constantFrom(['zz-unrelated'], ['arn:aws:iam::999999999999:role/Other'], ['arn:aws:iam::999999999999:role/Admin'], ['secops'], ['o-a1b2c3d4e5/r-ab12/'], ['eu-north-1']),
    ...(KEYS[key].absent ? [fc.constant(undefined)] : []),
  );
const request = fc.record(Object.fromEntries(keyNames.map((k) => [k.toLowerCase(), concrete(k)]))) as fc.Arbitrary<Record<string, string[] | undefined>>;

describe('representative contexts', () => {
  it('realise the truth vector of every concrete request', () => {
    fc.assert(
      fc.property(statements, request, (sts, req) => {
        const conds = sts.map((s) => s.map(view));
        const space = contextSpace(conds.flat());
        expect(space.unmodelled).toEqual([]);
        const ctx = new Map(Object.entries(req));
        const want = conds.map((c) => evaluateConditions(c, ctx));
        const tables = conds.map((c) => conditionTable(space, c));
        const found = space.tuples.some((t) => tables.every((tb, i) => tb(t) === want[i]));
        expect(found, `request ${JSON.stringify(req)} -> ${JSON.stringify(want)}`).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
