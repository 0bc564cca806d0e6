/**
 * Differential test of condition-aware evaluation against an independent implementation:
 * @cloud-copilot/iam-simulate (AGPL; a dev-only test oracle, never imported from src/). For randomly generated SCP /
 * identity policy pairs whose statements carry conditions on the keys SCPs use (aws:RequestedRegion,
 * aws:PrincipalArn, aws:PrincipalTag/*, aws:PrincipalOrgPaths, aws:ResourceTag/*, aws:SourceVpce, aws:SourceIp,
 * aws:MultiFactorAuthPresent, aws:ViaAWSService, aws:CalledVia) and random concrete requests, our engine
 * (engine/org.ts evaluateHierarchy under engine/contexts.ts condition evaluation, as the SCP change impact and dead-permission
 * checks use it) decides allowed / denied as the oracle does. Seeded: the same pairs on every run.
 * test/scp/contexts-property.test.ts shows that every concrete request is realised by a representative context, so
 * agreement here carries over to the per-context impact.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { catalogUniverse } from '../../src/engine/actions.js';
import { evaluateHierarchy } from '../../src/engine/org.js';
import { compileStatements } from '../../src/engine/grants.js';
import type { EvalStatement } from '../../src/engine/grants.js';
import { evaluateConditions } from '../../src/engine/contexts.js';
import { contextDiff } from '../../src/checks/scp/context-impact.js';

const ROLE = 'arn:aws:iam::111122223333:role/';
/** Per key: the operators our engine evaluates exactly, values policies name, and concrete request values. */
const KEYS = {
  'aws:RequestedRegion': { ops: ['StringEquals', 'StringNotEquals', 'StringNotEqualsIfExists', 'StringLike', 'StringNotLike'], values: ['us-east-1', 'eu-west-1', 'eu-*', 'ap-southeast-2'], requests: ['us-east-1', 'eu-west-1', 'eu-central-1', 'sa-east-1'], multi: false, optional: false },
  'aws:PrincipalArn': { ops: ['ArnNotLike', 'ArnLike', 'ArnEquals', 'ArnNotLikeIfExists', 'StringNotLike', 'StringLike'], values: [`${ROLE}BreakGlass`, 'arn:aws:iam::*:role/Admin*', 'arn:aws:iam::*:role/*', 'arn:aws:iam::111122223333:user/*'], requests: [`${ROLE}BreakGlass`, `${ROLE}AdminOps`, `${ROLE}Dev`, 'arn:aws:iam::111122223333:user/alice'], multi: false, optional: false },
  'aws:PrincipalTag/team': { ops: ['StringEquals', 'StringNotEquals', 'StringNotEqualsIfExists', 'StringLike', 'Null', 'ForAnyValue:StringEquals'], values: ['platform', 'data', 'sec*'], requests: ['platform', 'data', 'secops', 'web'], multi: false, optional: true },
  'aws:PrincipalOrgPaths': { ops: ['ForAnyValue:StringLike', 'ForAllValues:StringNotLike', 'ForAnyValue:StringEquals'], values: ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*', 'o-a1b2c3d4e5/r-ab12/ou-ab12-22222222/'], requests: ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/ou-ab12-33333333/', 'o-a1b2c3d4e5/r-ab12/ou-ab12-22222222/', 'o-a1b2c3d4e5/r-ab12/'], multi: true, optional: true },
  'aws:ResourceTag/env': { ops: ['StringEquals', 'StringNotEquals', 'StringNotEqualsIfExists', 'Null'], values: ['prod', 'dev'], requests: ['prod', 'dev', 'test'], multi: false, optional: true },
  'aws:SourceVpce': { ops: ['StringNotEquals', 'StringNotEqualsIfExists', 'StringEquals'], values: ['vpce-1a2b3c4d', 'vpce-9f8e7d6c'], requests: ['vpce-1a2b3c4d', 'vpce-9f8e7d6c', 'vpce-0000aaaa'], multi: false, optional: true },
  'aws:SourceIp': { ops: ['NotIpAddress', 'NotIpAddressIfExists', 'IpAddress'], values: ['10.0.0.0/8', '192.0.2.0/24', '10.1.0.0/16'], requests: ['10.1.2.3', '10.200.3.4', '192.0.2.77', '203.0.113.50'], multi: false, optional: true },
  'aws:MultiFactorAuthPresent': { ops: ['Bool', 'BoolIfExists'], values: ['true', 'false'], requests: ['true', 'false'], multi: false, optional: true },
  'aws:ViaAWSService': { ops: ['Bool'], values: ['true', 'false'], requests: ['true', 'false'], multi: false, optional: false },
  'aws:CalledVia': { ops: ['ForAnyValue:StringEquals', 'ForAllValues:StringNotEquals', 'ForAllValues:StringEquals'], values: ['cloudformation.amazonaws.com', 'athena.amazonaws.com'], requests: ['cloudformation.amazonaws.com', 'athena.amazonaws.com', 'dataexchange.amazonaws.com'], multi: true, optional: true },
} as const;
type Key = keyof typeof KEYS;
const KEY_NAMES = Object.keys(KEYS) as Key[];

/** Actions with a resource of a type each accepts (the oracle validates both). */
const REQUESTS = [
  { action: 's3:GetObject', resource: 'arn:aws:s3:::orders-bucket/report.csv' },
  { action: 'sqs:SendMessage', resource: 'arn:aws:sqs:us-east-1:111122223333:orders' },
  { action: 'iam:CreateUser', resource: 'arn:aws:iam::111122223333:user/bob' },
  { action: 'ec2:TerminateInstances', resource: 'arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0' },
  { action: 'cloudtrail:StopLogging', resource: 'arn:aws:cloudtrail:us-east-1:111122223333:trail/org-trail' },
  { action: 'sts:AssumeRole', resource: 'arn:aws:iam::111122223333:role/Target' },
] as const;
const ACTION_PATTERNS = ['*', 's3:*', 's3:GetObject', 'sqs:*', 'iam:*', 'ec2:Terminate*', 'cloudtrail:StopLogging', 'sts:*'];

const entry = fc.constantFrom(...KEY_NAMES).chain((key) =>
  fc.record({ key: fc.constant(key), op: fc.constantFrom(...KEYS[key].ops), values: fc.subarray([...KEYS[key].values], { minLength: 1, maxLength: 2 }) }),
);
const condition = fc.uniqueArray(entry, { maxLength: 2, selector: (e) => `${e.op}|${e.key}` }).map((es) => {
  const out: Record<string, Record<string, string | string[]>> = {};
  for (const e of es) (out[e.op] ??= {})[e.key] = e.op === 'Null' ? (e.values[0] === 'prod' || e.values[0] === 'platform' ? 'true' : 'false') : e.values.length === 1 ? e.values[0]! : [...e.values];
  return out;
});
const statement = (effects: ('Allow' | 'Deny')[]) =>
  fc.record({ effect: fc.constantFrom(...effects), not: fc.boolean(), actions: fc.subarray(ACTION_PATTERNS, { minLength: 1, maxLength: 4 }), condition }).map((s) => ({
    Effect: s.effect,
    [s.not && s.effect === 'Deny' ? 'NotAction' : 'Action']: s.actions,
    Resource: '*',
    ...(Object.keys(s.condition).length ? { Condition: s.condition } : {}),
  }));
const doc = (sts: unknown[]) => ({ Version: '2012-10-17', Statement: sts });
const pair = fc.record({
  scp: fc.array(statement(['Deny', 'Deny', 'Allow']), { minLength: 1, maxLength: 3 }).map(doc),
  /** FullAWSAccess beside the SCP (as AWS attaches it), or the SCP as an allow list on its own. */
  beside: fc.boolean(),
  identity: fc.array(statement(['Allow', 'Allow', 'Allow', 'Deny']), { minLength: 1, maxLength: 3 }).map(doc),
});
const valueOf = (k: Key): fc.Arbitrary<string[] | undefined> => {
  const { requests, multi, optional } = KEYS[k];
  const present: fc.Arbitrary<string[]> = multi ? fc.subarray([...requests] as string[], { minLength: 1, maxLength: 2 }) : fc.constantFrom(...(requests as readonly string[])).map((v) => [v]);
  return optional ? fc.option(present, { nil: undefined, freq: 3 }) : present;
};
const request = fc
  .record({ target: fc.constantFrom(...REQUESTS), values: fc.record(Object.fromEntries(KEY_NAMES.map((k) => [k, valueOf(k)])) as Record<Key, fc.Arbitrary<string[] | undefined>>) })
  // S3 objects carry no aws:ResourceTag (the service does not set the key for s3:GetObject): absent there, as in AWS
  .map((r) => (r.target.action === 's3:GetObject' ? { ...r, values: { ...r.values, 'aws:ResourceTag/env': undefined } } : r));

const FULL = doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]);
const u = catalogUniverse();

/** Our decision, or undefined when a condition that matters could not be evaluated. */
function ours(p: { scp: unknown; beside: boolean; identity: unknown }, action: string, ctx: Map<string, string[] | undefined>): boolean | undefined {
  const i = u.index.get(action.toLowerCase())!;
  let unknown = false;
  const cond = (st: EvalStatement) => {
    if (!st.conditions.length) return true;
    const r = evaluateConditions(st.conditions, ctx);
    if (r === undefined && st.actions[i]) unknown = true;
    return r;
  };
  const scp = [...(p.beside ? compileStatements(u, FULL, 'full', 'FullAWSAccess') : []), ...compileStatements(u, p.scp, 'scp', 'scp')];
  const scpAllowed = evaluateHierarchy(u, [{ name: 'root', statements: scp }], undefined, cond).allowed[i] === 1;
  const idAllowed = evaluateHierarchy(u, [{ name: 'identity', statements: compileStatements(u, p.identity, 'id', 'id') }], undefined, cond).allowed[i] === 1;
  return unknown ? undefined : scpAllowed && idAllowed;
}

async function oracle(p: { scp: unknown; beside: boolean; identity: unknown }, target: (typeof REQUESTS)[number], values: Record<Key, string[] | undefined>): Promise<boolean> {
  const contextVariables: Record<string, string | string[]> = {};
  for (const k of KEY_NAMES) {
    const v = values[k];
    if (v !== undefined) contextVariables[k] = KEYS[k].multi ? v : v[0]!;
  }
  const r = await runSimulation(
    {
      identityPolicies: [{ name: 'identity', policy: p.identity }],
      serviceControlPolicies: [{ orgIdentifier: 'o-a1b2c3d4e5', policies: [...(p.beside ? [{ name: 'FullAWSAccess', policy: FULL }] : []), { name: 'scp', policy: p.scp }] }],
      resourceControlPolicies: [],
      request: { action: target.action, principal: values['aws:PrincipalArn']![0]!, resource: { resource: target.resource, accountId: '111122223333' }, contextVariables },
    } as Parameters<typeof runSimulation>[0],
    {},
  );
  if (r.resultType === 'error') throw new Error(`oracle rejected the simulation: ${JSON.stringify(r.errors).slice(0, 400)}`);
  return r.overallResult === 'Allowed';
}

describe('condition-aware evaluation agrees with @cloud-copilot/iam-simulate', () => {
  it('random SCP / identity pairs with conditions, random requests (seeded)', async () => {
    let compared = 0;
    let allowed = 0;
    await fc.assert(
      fc.asyncProperty(pair, request, async (p, req) => {
        const ctx = new Map(KEY_NAMES.map((k) => [k.toLowerCase(), req.values[k]]));
        const mine = ours(p, req.target.action, ctx);
        // every operator generated is one the engine evaluates exactly: "could not evaluate" would be a failure too
        expect(mine, JSON.stringify({ p, req })).not.toBeUndefined();
        const theirs = await oracle(p, req.target, req.values);
        expect(mine, JSON.stringify({ p, req }, null, 1)).toBe(theirs);
        compared++;
        if (theirs) allowed++;
      }),
      { numRuns: 400, seed: 20_261_204, endOnFailure: true },
    );
    expect(compared).toBe(400);
    // the generator reaches both outcomes in earnest
    expect(allowed).toBeGreaterThan(40);
    expect(compared - allowed).toBeGreaterThan(40);
  }, 120_000);

  it('one conditional Deny beside FullAWSAccess under an unconditional grant: the condition alone decides (seeded)', async () => {
    let denied = 0;
    const guard = fc.record({ condition: condition.filter((c) => Object.keys(c).length > 0), not: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(guard, request, async (g, req) => {
        const p = { scp: doc([{ Effect: 'Deny', ...(g.not ? { NotAction: ['iam:*'] } : { Action: '*' }), Resource: '*', Condition: g.condition }]), beside: true, identity: FULL };
        const ctx = new Map(KEY_NAMES.map((k) => [k.toLowerCase(), req.values[k]]));
        const mine = ours(p, req.target.action, ctx);
        const theirs = await oracle(p, req.target, req.values);
        expect(mine, JSON.stringify({ p, req }, null, 1)).toBe(theirs);
        if (!theirs) denied++;
      }),
      { numRuns: 300, seed: 20_261_205, endOnFailure: true },
    );
    expect(denied).toBeGreaterThan(30);
    expect(denied).toBeLessThan(270);
  }, 120_000);

  it('SCP change impact is complete: a request the oracle allows before and denies after (or the reverse) is in the impact (seeded)', async () => {
    let changed = 0;
    const scpDoc = fc.array(statement(['Deny', 'Deny', 'Allow']), { minLength: 1, maxLength: 3 }).map(doc);
    const change = fc.record({ base: scpDoc, head: scpDoc, beside: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(change, request, async (c, req) => {
        const levels = (d: unknown, id: string) => [{ name: 'root', statements: [...(c.beside ? compileStatements(u, FULL, 'full', 'FullAWSAccess') : []), ...compileStatements(u, d, id, id)] }];
        const cd = contextDiff(u, levels(c.base, 'base'), levels(c.head, 'head'));
        if (cd.unmodelled.length) return; // too many combinations: said so in the report, nothing to compare
        const before = await oracle({ scp: c.base, beside: c.beside, identity: FULL }, req.target, req.values);
        const after = await oracle({ scp: c.head, beside: c.beside, identity: FULL }, req.target, req.values);
        const i = u.index.get(req.target.action.toLowerCase())!;
        const where = JSON.stringify({ c, req }, null, 1);
        if (before && !after) expect(cd.denied[i], `newly denied, missing from the impact: ${where}`).toBe(1);
        if (!before && after) expect(cd.allowed[i], `newly allowed, missing from the impact: ${where}`).toBe(1);
        if (before !== after) changed++;
      }),
      { numRuns: 300, seed: 20_261_206, endOnFailure: true },
    );
    expect(changed).toBeGreaterThan(20);
  }, 180_000);
});
